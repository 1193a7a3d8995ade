/**
 * The scanner finds log calls from the text (occurrences of the method and wrapper names)
 * instead of visiting every node: it must find exactly what the full walk finds, in the
 * same order. Also the other shortcuts of the hot path: line/column computation, and
 * real paths known from the walk instead of one `realpath` per file.
 */
import { mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { ts } from "ts-morph";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../generator/config/load.js";
import type { UserConfig } from "../../generator/config/schema.js";
import { discoverFiles } from "../../generator/lint/files.js";
import { scanOptions } from "../../generator/lint/index.js";
import { locOf, parseSource } from "../../generator/lint/resolver.js";
import { candidateWords, createScanner } from "../../generator/lint/scanner.js";
import { tmpProject } from "../helpers/project.js";

const WRAPPERS: UserConfig["lint"] = {
  wrappers: [
    { callee: "log", level: 0, event: 1, fields: 2 },
    { callee: "this.emitLog", level: "info", event: 0 },
  ],
};

function both(text: string, lint: UserConfig["lint"] = {}, file = "src/main.ts") {
  const root = tmpProject(
    { [file]: text, "src/events.ts": `export const EV = { a: "a.b.c" } as const;\n` },
    { linkNodeModules: false },
  );
  const options = scanOptions(root, parseConfig({ lint }, "test").lint);
  const fast = createScanner(options).scanFile(file);
  const full = createScanner({ ...options, fullWalk: true }).scanFile(file);
  return { fast, full };
}

const brief = (
  calls: readonly { callee: string; loc: { line: number; column: number }; event?: { value?: string } }[],
) => calls.map((c) => `${c.loc.line}:${c.loc.column} ${c.callee}${c.event?.value ? ` ${c.event.value}` : ""}`);

describe("text-driven scan finds what the full walk finds", () => {
  const cases: [name: string, text: string, want: string[], lint?: UserConfig["lint"]][] = [
    [
      "a member chain split over lines",
      `logger\n  .info({ event: "a.b.c" });\nthis.logger\n\n    .warn("x");`,
      ["1:1 logger.info a.b.c", "3:1 this.logger.warn"],
    ],
    [
      "comments between the dot and the method",
      `logger./* note */info("x");\nlogger. // why\n  error("y");`,
      ["1:1 logger.info", "2:1 logger.error"],
    ],
    [
      "optional chaining",
      `logger?.info({ event: "a.b.c" });\nreq.log?.warn?.("x");`,
      ["1:1 logger.info a.b.c", "2:1 req.log.warn"],
    ],
    ["element access is not a log call (as with the full walk)", `logger["info"]("x");\nlogger[\`warn\`]("y");`, []],
    [
      "an identifier written with a unicode escape",
      `logger.\\u0069nfo("x");\nconst s = "\\u00e9";`,
      ["1:1 logger.info"],
    ],
    [
      "method names in strings, comments, templates, properties and other identifiers",
      `// logger.info("no")\nconst s = "logger.info('no')";\nconst t = \`\${info} warn\`;\nconst o = { info: 1, warn() {} };\nwarning(); information(); $info(); info$();\nlogger.info("yes");`,
      ["6:1 logger.info"],
    ],
    [
      "calls nested in calls keep pre-order",
      `logger.child({ a: 1 }).info({ event: "a.b.c", x: logger.warn("inner") }, logger.error("second"));\nlogger.debug("last");`,
      ["1:1 logger.info a.b.c", "1:50 logger.warn", "1:74 logger.error", "2:1 logger.debug"],
    ],
    [
      "an outer call whose name comes after an inner one",
      `logger.child(logger.info("inner")).warn("outer");`,
      ["1:1 logger.warn", "1:14 logger.info"],
    ],
    [
      "type positions and heritage clauses are not walked",
      `type T = typeof logger.info;\nlet f: ReturnType<typeof logger.warn>;\ninterface I { m(): typeof logger.error }\nclass A extends mix(logger.info("heritage")) {}\nclass B { m() { logger.info("body"); } }`,
      ["5:17 logger.info"],
    ],
    [
      "scopes on the way down: a parameter shadows a const",
      `const E = "a.b.c";\nfunction f(E: string) { if (E) { logger.info({ event: E }); } }\nlogger.info({ event: E });`,
      ["2:34 logger.info", "3:1 logger.info a.b.c"],
    ],
    [
      "imported consts are resolved",
      `import { EV } from "./events.js";\nexport class S { run() { for (const x of xs) { try { go(x); } catch (err) { logger.error({ event: EV.a, err }); } } } }`,
      ["2:77 logger.error a.b.c"],
    ],
    [
      "JSX",
      `export const C = () => <div onClick={() => logger.info({ event: "a.b.c" })}>{info}</div>;`,
      ["1:44 logger.info a.b.c"],
      undefined,
    ],
    [
      "wrappers: bare, member, parenthesised, asserted, through a child logger",
      `log("warn", "a.b.c", {});\nthis.emitLog("a.b.c");\n(log as any)("info", "a.b.c");\nlog!("error", "a.b.c");\nlog.child({ runId })("debug", "a.b.c");\nblog("warn", "x");\nthis.log("warn", "x");`,
      ["1:1 log a.b.c", "2:1 this.emitLog a.b.c", "3:1 log a.b.c", "4:1 log a.b.c", "5:1 log a.b.c"],
      WRAPPERS,
    ],
    [
      "a wrapper glob with a wildcard receiver (the name is still a candidate)",
      `svc.audit("warn", "a.b.c");\nthis.deps.audit("info", "a.b.c");\nlogger.info("x");`,
      ["1:1 svc.audit a.b.c", "2:1 this.deps.audit a.b.c", "3:1 logger.info"],
      { wrappers: [{ callee: "**.audit", level: 0, event: 1 }] },
    ],
    [
      "a wrapper glob with a wildcard name falls back to the full walk",
      `auditLog("warn", "a.b.c");\nlogger.info("x");`,
      ["1:1 auditLog a.b.c", "2:1 logger.info"],
      { wrappers: [{ callee: "audit*", level: 0, event: 1 }] },
    ],
    [
      "a syntax error before and after",
      `const = ;\nlogger.info("x");\nfunction (\nlogger.warn({ event: "a.b.c" });\n}\nlogger.error({ event: "a.b.c" });`,
      ["2:1 logger.info", "6:1 logger.error a.b.c"],
    ],
    [
      "derived receivers and their bindings: class members, a child in a local, a parameter default, ??, an emitter factory",
      `class A {\n  private readonly out = this.logger.child({ event: "a.b.c" });\n  constructor(root: Logger) { this.sink = root.child({}); }\n  run() { this.out.info({}); this.sink.warn("x"); }\n}\nfunction f(sink = rootLog.child({ event: "a.b.c" }), o?: { log?: Logger }) {\n  const childLog = (o?.log ?? sink).child({ x: 1 });\n  childLog.error({});\n  const ev = fooEmitters(sink);\n  ev.info({});\n}`,
      ["4:11 this.out.info a.b.c", "4:30 this.sink.warn", "8:3 childLog.error a.b.c"],
    ],
    [
      "CRLF line ends",
      `logger.info("x");\r\nif (a) {\r\n  logger.warn({ event: "a.b.c" });\r\n}\r\n`,
      ["1:1 logger.info", "3:3 logger.warn a.b.c"],
    ],
  ];
  it.each(cases)("%s", (_, text, want, lint) => {
    const file = text.includes("<div") ? "src/main.tsx" : "src/main.ts";
    const { fast, full } = both(text, lint, file);
    expect(brief(fast.calls)).toEqual(want);
    expect(fast).toEqual(full);
  });

  it("configured methods and wrappers are the candidate words; globs turn the shortcut off", () => {
    expect(
      candidateWords({ methods: ["info", "warn"], wrappers: [{ callee: "this.emitLog" }, { callee: "log" }] }),
    ).toEqual(["info", "warn", "emitLog", "log"]);
    expect(candidateWords({ methods: ["info"], wrappers: [{ callee: "*.audit" }] })).toEqual(["info", "audit"]);
    expect(candidateWords({ methods: ["info"], wrappers: [{ callee: "this.**" }] })).toBeUndefined();
    expect(candidateWords({ methods: ["info"], wrappers: [{ callee: "log*" }] })).toBeUndefined();
    expect(candidateWords({ methods: ["info"], wrappers: [{ callee: "{log,audit}" }] })).toBeUndefined();
    expect(candidateWords({ methods: ["info"], wrappers: [{ callee: "this.#log" }] })).toBeUndefined();
  });
});

describe("locOf", () => {
  it.each([
    ["LF", "const a = 1;\nlogger.info(\n  { a },\n  'x');\n"],
    ["CRLF", "const a = 1;\r\nlogger.info(\r\n  { a },\r\n  'x');\r\n"],
    ["lone CR and Unicode line separators", "const a = 1;\rlogger.info(\u2028  { a },\u2029  'x');"],
    ["no newline at the end, a first-line node", "logger.info({ a })"],
  ])("agrees with TypeScript's line map (%s)", (_, text) => {
    const sf = parseSource("x.ts", text);
    const nodes: ts.Node[] = [];
    const visit = (n: ts.Node): void => {
      nodes.push(n);
      ts.forEachChild(n, visit);
    };
    ts.forEachChild(sf, visit);
    for (const n of nodes) {
      const s = sf.getLineAndCharacterOfPosition(n.getStart(sf));
      const e = sf.getLineAndCharacterOfPosition(n.end);
      expect(locOf(n, sf)).toEqual({
        line: s.line + 1,
        column: s.character + 1,
        endLine: e.line + 1,
        endColumn: e.character + 1,
      });
    }
  });
});

describe("file discovery", () => {
  it("a file or folder symlinked to outside the project is not read (a notice says so)", () => {
    const outside = tmpProject(
      { "secret.ts": "logger.info('secret');\n", "lib/x.ts": "y;\n" },
      { linkNodeModules: false },
    );
    const root = tmpProject({ "src/a.ts": "x;\n" }, { linkNodeModules: false });
    symlinkSync(join(outside, "secret.ts"), join(root, "src/secret.ts"));
    symlinkSync(join(outside, "lib"), join(root, "src/vendor"));
    const { files, notices } = discoverFiles({ root, include: ["**/*.ts"], exclude: [], skipDirs: [] });
    expect(files).toEqual(["src/a.ts"]);
    expect(notices.map((n) => `${n.file} ${n.kind}`)).toEqual([
      "src/secret.ts outside-root",
      "src/vendor outside-root",
    ]);
  });

  it("a file reached through a symlinked folder is linted once; a symlinked file once too", () => {
    const root = tmpProject({ "src/real/a.ts": "x;\n", "src/real/b.ts": "y;\n" }, { linkNodeModules: false });
    symlinkSync("real", join(root, "src/alias"));
    mkdirSync(join(root, "src/other"));
    symlinkSync("../real/b.ts", join(root, "src/other/b-link.ts"));
    const { files } = discoverFiles({ root, include: ["**/*.ts"], exclude: [], skipDirs: [] });
    // `alias` sorts before `real`: the walk reaches the files through it first.
    expect(files).toEqual(["src/alias/a.ts", "src/alias/b.ts"]);
  });
});
