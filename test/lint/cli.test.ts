/**
 * `logpact lint` end to end: the CLI in-process (`main(argv, io)`) on temp projects — every
 * output format (SARIF checked against the SARIF 2.1.0 schema and by Microsoft's validator), exit codes, baselines surviving
 * line shifts, `--changed-since` on a real git history, worker threads, the type-aware
 * fallback with real pino types, and files that must not crash the run.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { addFormats } from "../../generator/registry/ajv.js";
import { expectCliExit, runCli } from "../helpers/cli.js";
import { REPO, tmpProject, writeFiles } from "../helpers/project.js";

/** Microsoft's SARIF validator: the package's export is the path of its executable. */
const MULTITOOL = createRequire(join(REPO, "package.json"))("@microsoft/sarif-multitool") as string;

/**
 * The OASIS SARIF 2.1.0 schema (JSON Schema 2020-12) that ships beside the validator. The
 * validator checks a document's top level against it (JSON1001/JSON1002/JSON1019 below) but
 * reported nothing for a result with no message and level "bogus", so every SARIF document
 * is also checked against the whole schema with ajv.
 */
const SARIF_SCHEMA = JSON.parse(readFileSync(join(dirname(MULTITOOL), "sarif-2.1.0.json"), "utf8")) as object;
let sarifValidate: ValidateFunction | undefined;

/** Every place `doc` breaks the SARIF 2.1.0 schema, as `path message` lines. */
function sarifSchemaErrors(doc: unknown): string[] {
  if (!sarifValidate) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    sarifValidate = ajv.compile(SARIF_SCHEMA);
  }
  return sarifValidate(doc) ? [] : (sarifValidate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** What Microsoft's validator reports for the SARIF file at `path` (level, rule, arguments). */
function multitoolProblems(path: string, dir: string): string[] {
  const validation = join(dir, "validation.sarif");
  rmSync(validation, { force: true });
  // The executable itself, as the package documents (its .bin shim is node starting a shell starting it).
  const v = spawnSync(MULTITOOL, ["validate", "--output", validation, path], { encoding: "utf8" });
  expect(v.status, v.stdout + v.stderr).toBe(0);
  return (JSON.parse(readFileSync(validation, "utf8").replace(/^\uFEFF/, "")).runs[0].results ?? []).map(
    (x: { ruleId: string; level?: string; message: { arguments?: string[] } }) =>
      `${x.level ?? "warning"} ${x.ruleId} ${x.message.arguments?.join(" ") ?? ""}`.trim(),
  );
}

const REGISTRY = readFileSync(join(REPO, "test/lint/fixtures/registry.ts"), "utf8");
const OK = `{ event: "daemon.connection.connected", attempt: 1, time_to_connect_ms: 5, downtime_ms: 0 }`;

const DAEMON_TS = `import pino from "pino";
import { EVENTS } from "./events.js";

const logger = pino();

export function connect(attempt: number) {
  logger.info("Connected to orchestrator");
  logger.info(${OK});
  logger.info({ event: EVENTS.disconnected, code: 1006, reason: "idle" });
  logger.warn({ event: "daemon.connection.conected", attempt });
}
`;

function project(extra: Record<string, string> = {}): string {
  return tmpProject({
    "schemas/registry.ts": REGISTRY,
    "src/events.ts": `export const EVENTS = { disconnected: "daemon.connection.disconnected" } as const;\n`,
    "src/daemon.ts": DAEMON_TS,
    "src/clean.ts": `declare const logger: { info(o: object): void };\nlogger.info(${OK});\n`,
    ".gitignore": "ignored/\n",
    "ignored/bad.ts": `logger.info("ignored by .gitignore");\n`,
    "generated/emitted.ts": `logger.info("in the output folder");\n`,
    "src/types.d.ts": `declare function f(): void; // logger.info("x")\n`,
    ...extra,
  });
}

const json = async (dir: string, args: string[] = []) => {
  const r = await runCli(["lint", "--format", "json", ...args], dir);
  return {
    ...r,
    report: JSON.parse(r.stdout) as {
      findings: { file: string; line: number; column: number; rule: string; messageId: string }[];
      notices: { file: string; kind: string }[];
      summary: Record<string, unknown>;
    },
  };
};
const brief = (fs: { file: string; line: number; column: number; rule: string }[]) =>
  fs.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule}`);

describe("logpact lint (CLI)", () => {
  it("stylish: grouped by file, rule names, summary with counts per rule; exit 1", async () => {
    const dir = project();
    const r = await expectCliExit(["lint"], dir, 1);
    expect(r.stdout).toBe(
      [
        "src/daemon.ts",
        '  7:3    error    free-text log call logger.info("Connected to orchestrator") has no structured `event`; log a registered event instead: logger.info({ event: "<family>.<event>", … }) or call its generated emitter  untyped-log-call',
        '  9:10   error    event "daemon.connection.disconnected" is declared at warn but logged at info; call logger.warn(…)  level-mismatch',
        '  10:24  error    event "daemon.connection.conected" is not in the registry. Did you mean "daemon.connection.connected"?  unknown-event',
        "",
        "✖ logpact lint: 3 problems (3 errors, 0 warnings) in 1 of 4 files — level-mismatch: 1, unknown-event: 1, untyped-log-call: 1.",
        "",
      ].join("\n"),
    );
  });

  it("json: findings with fingerprints and the summary; .gitignore, output folder and .d.ts skipped", async () => {
    const { code, report } = await json(project());
    expect(code).toBe(1);
    expect(brief(report.findings)).toEqual([
      "src/daemon.ts:7:3 untyped-log-call",
      "src/daemon.ts:9:10 level-mismatch",
      "src/daemon.ts:10:24 unknown-event",
    ]);
    expect(report.summary).toMatchObject({
      errors: 3,
      warnings: 0,
      files: 4,
      calls: 5,
      byRule: { "level-mismatch": 1, "unknown-event": 1, "untyped-log-call": 1 },
    });
    expect(
      report.findings.every((f) => /^[0-9a-f]{16}:\d+$/.test((f as unknown as { fingerprint: string }).fingerprint)),
    ).toBe(true);
  });

  it("exit 0 on a clean tree, and only warnings do not fail the run", async () => {
    const dir = project({
      "src/daemon.ts": `declare const logger: { info(o: object): void };\nlogger.info({ event: \`daemon.connection.\${"x" + Math.random()}\` });\n`,
    });
    const r = await runCli(["lint"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("1 problem (0 errors, 1 warning)");
    expect(await runCli(["lint", "--rule", "dynamic-event=off"], dir)).toMatchObject({
      code: 0,
      stdout: "logpact lint: no problems in 4 files (2 log calls).\n",
    });
  });

  it("sarif: valid against the whole SARIF 2.1.0 schema, and Microsoft's validator reports nothing", async () => {
    const dir = project({ "src/notes.ts": "const broken = ;\nlogger.info('x');\n" });
    const r = await runCli(["lint", "--format", "sarif", "--output", "out/lint.sarif"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^logpact lint: 4 problems/);
    const sarif = JSON.parse(readFileSync(join(dir, "out/lint.sarif"), "utf8"));
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs[0].results.map((x: { ruleId: string }) => x.ruleId)).toEqual([
      "untyped-log-call",
      "level-mismatch",
      "unknown-event",
      "untyped-log-call",
    ]);
    expect(sarif.runs[0].invocations[0].toolExecutionNotifications[0].message.text).toMatch(/^syntax-error: /);
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    expect(multitoolProblems(join(dir, "out/lint.sarif"), dir)).toEqual([]);
  });

  it("sarif: the checks above fail on a broken document (schema: anywhere in it; Microsoft's validator: its top level)", () => {
    const dir = tmpProject({});
    const valid = {
      version: "2.1.0",
      runs: [{ tool: { driver: { name: "x" } }, results: [{ ruleId: "r", level: "error", message: { text: "m" } }] }],
    };
    expect(sarifSchemaErrors(valid)).toEqual([]);
    const result = valid.runs[0]!.results[0]!;
    expect(
      sarifSchemaErrors({ ...valid, runs: [{ ...valid.runs[0], results: [{ ...result, level: "bogus" }] }] }),
    ).toEqual(["/runs/0/results/0/level must be equal to one of the allowed values"]);
    expect(sarifSchemaErrors({ ...valid, runs: [{ ...valid.runs[0], results: [{ ruleId: "r" }] }] })).toEqual([
      "/runs/0/results/0 must have required property 'message'",
    ]);
    expect(sarifSchemaErrors({ version: "2.0.0", runs: [] })).toEqual([
      "/version must be equal to one of the allowed values",
    ]);
    writeFiles(dir, { "no-runs.sarif": JSON.stringify({ version: "2.1.0" }) });
    expect(multitoolProblems(join(dir, "no-runs.sarif"), dir)).toEqual([expect.stringMatching(/^error JSON1002\b/)]);
  });

  it("github: one annotation per finding and notice, then the summary", async () => {
    const dir = project({
      "src/bin.ts": Buffer.from([
        0x6c, 0x6f, 0x67, 0x67, 0x65, 0x72, 0x2e, 0x69, 0x6e, 0x66, 0x6f, 0x28, 0x22, 0xff, 0x22, 0x29, 0x3b, 0x0a,
      ]).toString("latin1"),
    });
    writeFileSync(
      join(dir, "src/bin.ts"),
      Buffer.from([
        0x6c, 0x6f, 0x67, 0x67, 0x65, 0x72, 0x2e, 0x69, 0x6e, 0x66, 0x6f, 0x28, 0x22, 0xff, 0x22, 0x29, 0x3b, 0x0a,
      ]),
    );
    const r = await runCli(["lint", "--format", "github"], dir);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(
      '::error file=src/bin.ts,line=1,col=1,endLine=1,endColumn=17,title=logpact untyped-log-call::free-text log call logger.info("\uFFFD") has no structured `event`; log a registered event instead: logger.info({ event: "<family>.<event>", … }) or call its generated emitter',
    );
    expect(lines).toContain(
      "::warning file=src/bin.ts,title=logpact not-utf8::not valid UTF-8 (first bad byte on line 1); linted with the bad bytes replaced",
    );
    expect(lines.at(-1)).toMatch(
      /^logpact lint: 4 problems \(4 errors, 0 warnings\) in 2 of 5 files — .*; 1 file notice\.$/,
    );
  });

  it("exit 2 with a clear message on bad usage and bad config", async () => {
    const dir = project();
    expect(await runCli(["lint", "--format", "sarf"], dir)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('unknown format "sarf". Did you mean "sarif"?'),
    });
    expect(await runCli(["lint", "--rule", "untyped=off"], dir)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--rule: unknown rule "untyped"'),
    });
    expect((await runCli(["lint", "--jobs", "0"], dir)).code).toBe(2);
    expect(await runCli(["lint", "--baseline", "missing.json"], dir)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("LP_BASELINE_NOT_FOUND"),
    });
    writeFiles(dir, { "old-baseline.json": JSON.stringify({ version: 0, findings: [] }) });
    expect(await runCli(["lint", "--baseline", "old-baseline.json"], dir)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("LP_BASELINE_INVALID"),
    });
    expect(await runCli(["lint", "--update-baseline", "--changed-since", "HEAD"], dir)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("cannot be combined"),
    });
    const broken = project({
      "schemas/registry.ts": `import { z } from "zod";\nexport const Loose = z.object({ event: z.literal("loose.thing"), n: z.number() });\n`,
    });
    expect(await runCli(["lint"], broken)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("registry error"),
    });
    writeFiles(dir, { "logpact.config.json": JSON.stringify({ lint: { rules: { "untyped-log-cal": "off" } } }) });
    const r = await runCli(["lint"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown key "lint.rules.untyped-log-cal". Did you mean "untyped-log-call"?');
  });

  it("config: level-first wrappers, callees and per-rule severity from logpact.config.json", async () => {
    const dir = project({
      "logpact.config.json": JSON.stringify({
        lint: {
          callees: ["audit"],
          wrappers: [{ callee: "log", level: 0, event: 1, fields: 2 }],
          rules: { "untyped-log-call": "warn" },
        },
      }),
      "src/daemon.ts": `log("warn", "ws_stale_terminate", { idle_ms: 1 });\naudit.info("free text");\nlogger.info("not a configured callee any more");\n`,
    });
    const { code, report } = await json(dir);
    expect(code).toBe(1);
    expect(report.findings.map((f) => `${f.line}:${f.column} ${f.rule}/${f.messageId}`)).toEqual([
      "1:13 unknown-event/unknownNoSuggestion",
      "2:1 untyped-log-call/freeText",
    ]);
  });

  it("baseline: --update-baseline, then the same findings are known even after lines move; new ones still fail", async () => {
    const dir = project();
    const w = await runCli(["lint", "--baseline", "lint-baseline.json", "--update-baseline"], dir);
    expect(w).toMatchObject({
      code: 0,
      stdout: "logpact lint: wrote 3 findings from 4 files to lint-baseline.json.\n",
    });
    expect(await runCli(["lint", "--baseline", "lint-baseline.json"], dir)).toMatchObject({
      code: 0,
      stdout: "logpact lint: no problems in 4 files (5 log calls); 3 known in the baseline.\n",
    });
    // Insert lines above every finding (and re-indent nothing): fingerprints do not use lines.
    writeFiles(dir, {
      "src/daemon.ts": DAEMON_TS.replace(
        "const logger = pino();",
        "// a comment\n\nconst unrelated = 1;\nconst logger = pino();",
      ),
    });
    expect((await runCli(["lint", "--baseline", "lint-baseline.json"], dir)).code).toBe(0);
    writeFiles(dir, {
      "src/daemon.ts": DAEMON_TS.replace(
        "const logger = pino();",
        'const logger = pino();\nlogger.info("a new free-text call");',
      ),
    });
    const r = await json(dir, ["--baseline", "lint-baseline.json"]);
    expect(r.code).toBe(1);
    expect(brief(r.report.findings)).toEqual(["src/daemon.ts:5:1 untyped-log-call"]);
    expect(r.report.summary.baselined).toBe(3);
    // The default baseline path comes from the config.
    writeFiles(dir, { "logpact.config.json": JSON.stringify({ lint: { baseline: "lint-baseline.json" } }) });
    expect((await runCli(["lint", "--update-baseline"], dir)).code).toBe(0);
    expect((await runCli(["lint"], dir)).code).toBe(0);
  });

  it("--changed-since: only findings on lines changed since the ref, plus untracked files", async () => {
    const dir = project();
    const git = (...args: string[]) =>
      execFileSync("git", args, {
        cwd: dir,
        encoding: "utf8",
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: "t",
          GIT_AUTHOR_EMAIL: "t@t",
          GIT_COMMITTER_NAME: "t",
          GIT_COMMITTER_EMAIL: "t@t",
        },
      });
    git("init", "-q", "-b", "main");
    git("add", "-A");
    git("commit", "-q", "-m", "base");
    // Second commit: change one call; then an unstaged edit and an untracked file.
    writeFiles(dir, {
      "src/daemon.ts": DAEMON_TS.replace('logger.info("Connected to orchestrator");', 'logger.info("Connected!");'),
    });
    git("commit", "-q", "-am", "reword");
    writeFiles(dir, {
      "src/clean.ts": `declare const logger: { info(o: object): void };\nlogger.info({ event: "nope.nope" });\nlogger.info(${OK});\n`,
      "src/new.ts": `logger.warn("brand new");\n`,
    });
    expect(brief((await json(dir, ["--changed-since", "HEAD"])).report.findings)).toEqual([
      "src/clean.ts:2:22 unknown-event",
      "src/new.ts:1:1 untyped-log-call",
    ]);
    const r = await json(dir, ["--changed-since", "HEAD~1"]);
    expect(brief(r.report.findings)).toEqual([
      "src/clean.ts:2:22 unknown-event",
      "src/daemon.ts:7:3 untyped-log-call",
      "src/new.ts:1:1 untyped-log-call",
    ]);
    expect(r.report.summary).toMatchObject({ unchanged: 2, changedSince: "HEAD~1" });
    expect(await runCli(["lint", "--changed-since", "no-such-ref"], dir)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('"no-such-ref" is not a commit'),
    });
  });

  it("robustness: syntax errors, huge and minified files, bad bytes, symlink loops are notices; the rest is linted", async () => {
    const dir = project({
      "logpact.config.json": JSON.stringify({ lint: { maxFileBytes: 60_000, maxLineLength: 2_000 } }),
      "src/broken.ts": `export const broken = ;\nfunction f() {\n  logger.info("after the error");\n`,
      "src/huge.ts": `// filler\n${"const x = 1;\n".repeat(5_000)}`,
      "src/bundle.js": `${"var a=1;".repeat(400)}logger.info("min");\n`,
      // Nesting deep enough to overflow the stack of a recursive parser.
      "src/deep.ts": `logger.info(${`${"[".repeat(50)}\n`.repeat(400)}${`${"]".repeat(50)}\n`.repeat(400)});\n`,
    });
    writeFileSync(
      join(dir, "src/latin1.ts"),
      Buffer.concat([Buffer.from('logger.info("caf'), Buffer.from([0xe9]), Buffer.from('");\n')]),
    );
    mkdirSync(join(dir, "src/nested"));
    symlinkSync("..", join(dir, "src/nested/loop"));
    symlinkSync("nowhere.ts", join(dir, "src/dangling.ts"));
    const { code, report } = await json(dir);
    expect(code).toBe(1);
    expect(report.notices.map((n) => `${n.file} ${n.kind}`)).toEqual([
      "src/broken.ts syntax-error",
      "src/bundle.js minified",
      "src/dangling.ts broken-symlink",
      "src/deep.ts unreadable",
      "src/huge.ts too-large",
      "src/latin1.ts not-utf8",
      "src/nested/loop symlink-loop",
    ]);
    expect(brief(report.findings)).toEqual([
      "src/broken.ts:3:3 untyped-log-call",
      "src/daemon.ts:7:3 untyped-log-call",
      "src/daemon.ts:9:10 level-mismatch",
      "src/daemon.ts:10:24 unknown-event",
      "src/latin1.ts:1:1 untyped-log-call",
    ]);
  });

  it("--jobs 2 spreads files over worker threads with the same result as one thread", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 130; i++)
      files[`src/gen/f${i}.ts`] =
        `export function f${i}(x: number) {\n  logger.info({ event: "daemon.connection.connected", attempt: x, time_to_connect_ms: ${i}, downtime_ms: 0 });\n  logger.warn("free text ${i}");\n}\n`;
    const dir = project(files);
    const one = await runCli(["lint", "--format", "json", "--jobs", "1"], dir);
    // 130 files are far below the 1,000 per thread that start a worker on their own.
    const two = await runCli(["lint", "--format", "json", "--jobs", "2"], dir, {
      env: { LOGPACT_LINT_FORCE_WORKERS: "1" },
    });
    expect(two.code).toBe(1);
    expect(two.stdout).toBe(one.stdout);
    expect(JSON.parse(two.stdout).summary.errors).toBe(133);
  });

  it("--type-aware: any receiver typed as pino's Logger, and events resolved through a tsconfig path alias", async () => {
    const dir = project({
      "tsconfig.json": JSON.stringify({
        compilerOptions: {
          strict: true,
          skipLibCheck: true,
          types: [],
          lib: ["es2022"],
          module: "NodeNext",
          moduleResolution: "NodeNext",
          baseUrl: ".",
          paths: { "@events/*": ["./lib/*"] },
        },
      }),
      "lib/names.ts": `export const NAMES = { gone: "daemon.connection.disconnected" } as const;\n`,
      "src/daemon.ts": `import pino, { type Logger } from "pino";\nimport { NAMES } from "@events/names.js";\n// Only the checker knows what makeLogger() returns (the syntax pass follows pino() and \`: Logger\` itself).\nfunction makeLogger(): Logger {\n  return pino();\n}\nconst audit = makeLogger();\nconst other = { info(_: string) {} };\naudit.info("typed receiver");\nother.info("not a logger");\naudit.warn({ event: NAMES.gone, code: "x", reason: "r" });\n`,
    });
    expect(brief((await json(dir)).report.findings)).toEqual([]);
    const r = await json(dir, ["--type-aware"]);
    expect(r.report.findings.map((f) => `${f.line}:${f.column} ${f.rule}/${f.messageId}`)).toEqual([
      "9:1 untyped-log-call/freeText",
      "11:39 event-fields/wrongType",
    ]);
  });

  // Covered events come from the registry and the config (the emitters target on), not from
  // generated files: no `logpact gen` has run in this project.
  it.each<[string, { emitters: boolean; want: string[] }]>([
    [
      "emitters target on (default)",
      { emitters: true, want: ["src/clean.ts:2", "src/daemon.ts:8", "src/daemon.ts:9"] },
    ],
    ["emitters target off", { emitters: false, want: [] }],
  ])("prefer-emitter reports raw calls for events the emitters cover: %s", async (_name, { emitters, want }) => {
    const config = { lint: { rules: { "prefer-emitter": "error" } }, targets: { emitters: { enabled: emitters } } };
    const dir = project({ "logpact.config.json": JSON.stringify(config) });
    const { report } = await json(dir);
    expect(report.findings.filter((f) => f.rule === "prefer-emitter").map((f) => `${f.file}:${f.line}`)).toEqual(want);
  });
});
