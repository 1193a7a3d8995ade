/**
 * Small pure parts: glob dialects, unified-diff parsing, baseline matching, message
 * formatting, annotation escaping, and the rule table's invariants (every rule has a doc).
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { applyBaseline, createBaseline } from "../../generator/lint/baseline.js";
import { onChangedLines, parseUnifiedDiff } from "../../generator/lint/changed.js";
import { calleeGlobToRegExp, fileGlobToRegExp } from "../../generator/lint/glob.js";
import { escapeData, escapeProperty } from "../../generator/lint/reporters/github.js";
import { pathToUri } from "../../generator/lint/reporters/sarif.js";
import { parseConfig } from "../../generator/config/load.js";
import { defaultJobs, lintText } from "../../generator/lint/index.js";
import { collapseSpace } from "../../generator/lint/resolver.js";
import { formatMessage } from "../../generator/lint/rule.js";
import { RULE_NAMES, RULES } from "../../generator/lint/rules/index.js";
import type { Finding } from "../../generator/lint/types.js";
import { REPO } from "../helpers/project.js";
import { testIr } from "./rule-tester.js";

describe("file globs", () => {
  it.each([
    ["**/*.ts", "src/a.ts", true],
    ["**/*.ts", "a.ts", true],
    ["**/*.ts", "src/a.tsx", false],
    ["src/**/*.{ts,tsx}", "src/x/y/a.tsx", true],
    ["src/**/*.{ts,tsx}", "lib/a.ts", false],
    ["**/dist/**", "packages/x/dist/index.js", true],
    ["**/dist/**", "src/distance.ts", false],
    ["**/*.min.{js,mjs,cjs}", "public/vendor.min.js", true],
    ["src/?.ts", "src/a.ts", true],
    ["src/[ab].ts", "src/c.ts", false],
    ["src/*.ts", "src/x/a.ts", false],
  ])("%s matches %s: %s", (glob, path, want) => {
    expect(fileGlobToRegExp(glob).test(path)).toBe(want);
  });
  it("rejects an unclosed brace", () => expect(() => fileGlobToRegExp("src/{a,b")).toThrow(/unclosed/));
});

describe("callee globs", () => {
  it.each([
    ["**.logger", "logger", true],
    ["**.logger", "this.deps.logger", true],
    ["**.logger", "myLogger", false],
    ["**.log", "fastify.log", true],
    ["*.log", "req.log", true],
    ["*.log", "a.b.log", false],
    ["this.log", "this.logger", false],
    ["getLogger().*", "getLogger().child", true],
  ])("%s matches %s: %s", (glob, chain, want) => {
    expect(calleeGlobToRegExp(glob).test(chain)).toBe(want);
  });
});

describe("git diff -U0 parsing", () => {
  const diff = [
    "diff --git a/src/a.ts b/src/a.ts",
    "index 1..2 100644",
    "--- a/src/a.ts",
    "+++ b/src/a.ts",
    "@@ -3,0 +4,2 @@ function f() {",
    "+  one",
    "+  two",
    "@@ -10 +12 @@",
    "-x",
    "+y",
    "@@ -20,3 +21,0 @@",
    "diff --git a/src/new.ts b/src/new.ts",
    "new file mode 100644",
    "--- /dev/null",
    "+++ b/src/new.ts",
    "@@ -0,0 +1,2 @@",
    "diff --git a/src/gone.ts b/src/gone.ts",
    "deleted file mode 100644",
    "--- a/src/gone.ts",
    "+++ /dev/null",
    'diff --git "a/src/sp\\303\\251cial.ts" "b/src/sp\\303\\251cial.ts"',
    '--- "a/src/sp\\303\\251cial.ts"',
    '+++ "b/src/sp\\303\\251cial.ts"',
    "@@ -1 +1 @@",
  ].join("\n");
  it("collects new-side lines per file; new files count whole", () => {
    const got = parseUnifiedDiff(diff);
    expect([...got.keys()]).toEqual(["src/a.ts", "src/new.ts", "src/spécial.ts"]);
    expect([...(got.get("src/a.ts") as Set<number>)]).toEqual([4, 5, 12]);
    expect(got.get("src/new.ts")).toBe("all");
  });
  it("keeps findings whose range or call touches a changed line", () => {
    const f = (line: number, endLine = line, callLine = line) =>
      ({ file: "src/a.ts", loc: { line, column: 1, endLine, endColumn: 2 }, callLine }) as Finding;
    const kept = onChangedLines([f(4), f(6), f(10, 12), f(13, 13, 12), f(30)], parseUnifiedDiff(diff));
    expect(kept.map((k) => k.loc.line)).toEqual([4, 10, 13]);
  });
});

describe("fingerprints", () => {
  it("are the first 16 hex digits of sha256(file, rule, message id, message, call text) and the occurrence index (baseline files depend on it)", () => {
    const code = `logger.info("same");\nlogger.info(  "same"  );\n// logpact-disable-next-line untyped-log-call\nlogger.warn("other");\n`;
    const { findings } = lintText(code, { file: "src/x.ts", config: parseConfig({}, "test"), ir: testIr() });
    const sha = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 16);
    const free = (text: string) =>
      `free-text log call logger.${text.startsWith("w") ? "warn" : "info"}(${text.slice(text.indexOf('"'))}) has no structured \`event\`; log a registered event instead: logger.${text.startsWith("w") ? "warn" : "info"}({ event: "<family>.<event>", … }) or call its generated emitter`;
    const base = sha(`src/x.ts\0untyped-log-call\0freeText\0${free('info"same"')}\0logger.info("same")`);
    const spaced = sha(`src/x.ts\0untyped-log-call\0freeText\0${free('info"same"')}\0logger.info( "same" )`);
    const bad = findings.find((f) => f.rule === "invalid-suppression")!;
    const directive = sha(
      `src/x.ts\0invalid-suppression\0${bad.messageId}\0${bad.message}\0next-line untyped-log-call -- `,
    );
    expect(findings.map((f) => [f.loc.line, f.rule, f.fingerprint])).toEqual([
      [1, "untyped-log-call", `${base}:0`],
      [2, "untyped-log-call", `${spaced}:0`],
      [3, "invalid-suppression", `${directive}:0`],
      [4, "untyped-log-call", expect.stringMatching(/^[0-9a-f]{16}:0$/)],
    ]);
    const twice = lintText(`logger.info("same");\nlogger.info("same");\n`, {
      file: "src/x.ts",
      config: parseConfig({}, "test"),
      ir: testIr(),
    });
    expect(twice.findings.map((f) => f.fingerprint)).toEqual([`${base}:0`, `${base}:1`]);
  });
});

describe("baseline matching", () => {
  const f = (file: string, fingerprint: string, rule = "untyped-log-call") =>
    ({
      file,
      rule,
      fingerprint,
      message: "m",
      messageId: "x",
      severity: "error",
      loc: { line: 1, column: 1, endLine: 1, endColumn: 1 },
      callLine: 1,
    }) as Finding;
  it("is a multiset per file and rule", () => {
    const baseline = createBaseline([f("a.ts", "h:0"), f("a.ts", "h:0"), f("b.ts", "k:0")]);
    const { fresh, known } = applyBaseline(
      [f("a.ts", "h:0"), f("a.ts", "h:0"), f("a.ts", "h:0"), f("b.ts", "k:0", "event-fields"), f("c.ts", "h:0")],
      baseline,
    );
    expect(known.length).toBe(2);
    expect(fresh.map((x) => `${x.file} ${x.rule}`)).toEqual([
      "a.ts untyped-log-call",
      "b.ts event-fields",
      "c.ts untyped-log-call",
    ]);
  });
});

describe("formatting helpers", () => {
  it("fills placeholders and refuses missing ones", () => {
    expect(formatMessage("event {{ event }} at {{level}}", { event: "a.b", level: "warn" })).toBe("event a.b at warn");
    expect(formatMessage("event {{ event }} at {{level}}", { event: "c.d", level: 3 })).toBe("event c.d at 3");
    expect(formatMessage("{{a}}{{b}} and {{a}}", { a: "x", b: "$&" })).toBe("x$& and x");
    expect(formatMessage("no placeholders")).toBe("no placeholders");
    expect(() => formatMessage("{{x}}", {})).toThrow(/placeholder \{\{x\}\}/);
  });
  it('collapses whitespace exactly as replace(/\\s+/g, " ") does', () => {
    for (const t of [
      "a b c",
      "a  b",
      "a\tb",
      "a\nb",
      " a ",
      "  ",
      "\u00a0x",
      "a\u2028b",
      "x\u3000 y",
      "a \r\n b",
      "",
      "abc",
      "a\ufeffb",
    ]) {
      expect(collapseSpace(t)).toBe(t.replace(/\s+/g, " "));
    }
  });
  it("escapes GitHub workflow commands", () => {
    expect(escapeData("50% done\nnext")).toBe("50%25 done%0Anext");
    expect(escapeProperty("a:b,c")).toBe("a%3Ab%2Cc");
  });
  it("percent-encodes SARIF URIs segment by segment", () =>
    expect(pathToUri("src/my file#1.ts")).toBe("src/my%20file%231.ts"));
});

describe("default --jobs", () => {
  it("is the cores the load average does not show busy, at least one", () => {
    expect(defaultJobs(2, 0)).toBe(2);
    expect(defaultJobs(2, 0.7)).toBe(2);
    expect(defaultJobs(2, 1.2)).toBe(1);
    expect(defaultJobs(2, 3.5)).toBe(1);
    expect(defaultJobs(8, 2.9)).toBe(6);
    expect(defaultJobs(4, -1)).toBe(4);
  });
});

describe("rule table", () => {
  it("is alphabetised and matches RULE_NAMES", () => {
    const names = RULES.map((r) => r.name);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual([...RULE_NAMES]);
  });
  it.each(RULES.map((r) => [r.name, r] as const))(
    "%s: file named after the rule, and a doc page naming every message id",
    (name, rule) => {
      expect(existsSync(join(REPO, "generator/lint/rules", `${name}.ts`))).toBe(true);
      const doc = join(REPO, "docs/rules", `${name}.md`);
      expect(existsSync(doc), `docs/rules/${name}.md is missing`).toBe(true);
      const text = readFileSync(doc, "utf8");
      expect(text.startsWith(`# \`${name}\``)).toBe(true);
      for (const id of Object.keys(rule.meta.messages))
        expect(text, `docs/rules/${name}.md does not mention message id ${id}`).toContain(`\`${id}\``);
      expect(text).toContain(`default severity: \`${rule.meta.defaultSeverity}\``);
    },
  );
});
