/**
 * The syntax pass: which calls are log calls, and what the resolver reads statically —
 * in the same file and through relative imports on disk.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../generator/config/load.js";
import type { UserConfig } from "../../generator/config/schema.js";
import { scanOptions } from "../../generator/lint/index.js";
import { lanesFor, scanFiles } from "../../generator/lint/pool.js";
import { createScanner } from "../../generator/lint/scanner.js";
import type { LogCall, StaticValue } from "../../generator/lint/types.js";
import { REPO, tmpProject } from "../helpers/project.js";

function scan(files: Record<string, string>, lint: UserConfig["lint"] = {}, file = "src/main.ts") {
  const root = tmpProject(files, { linkNodeModules: false });
  const scanner = createScanner(scanOptions(root, parseConfig({ lint }, "test").lint));
  return scanner.scanFile(file);
}

interface Summary {
  callee: string;
  form: string;
  level?: string | undefined;
  event?: string | undefined;
  fields?: string[] | undefined;
  unresolved?: string[] | undefined;
  bound?: readonly string[] | undefined;
}

const summary = (c: LogCall): Summary => ({
  callee: c.callee,
  form: c.form,
  level: c.level?.value,
  event: c.event?.value ?? (c.event ? `?${c.event.why}` : undefined),
  fields: c.fields?.props.filter((p) => p.name !== "event").map((p) => `${p.name}=${show(p.value)}`),
  unresolved: c.fields?.unresolved.length ? c.fields.unresolved.map((u) => u.text) : undefined,
  bound: c.bound.length ? c.bound : undefined,
});

function show(v: StaticValue): string {
  switch (v.kind) {
    case "string":
      return v.value === undefined ? "string" : JSON.stringify(v.value);
    case "number":
    case "boolean":
      return String(v.value);
    case "unknown":
      return `?${v.why}`;
    default:
      return v.kind;
  }
}

type Case = [name: string, { given: Record<string, string>; lint?: UserConfig["lint"]; want: Summary[] }];

const EVENTS_TS = `export const DAEMON_CONNECTION_LOG_EVENTS = { connected: "daemon.connection.connected", disconnected: "daemon.connection.disconnected" } as const;\nexport const FAILED = "workflow.run.failed";\nexport default { pong: "gateway.connection.pong" };\nexport enum WsEvent { Stale = "ws.liveness.stale_terminated" }\n`;
const strip = <T extends object>(o: T) => JSON.parse(JSON.stringify(o)) as T;

const cases: Case[] = [
  [
    "imported as const member (NodeNext .js specifier → .ts file)",
    {
      given: {
        "src/events.ts": EVENTS_TS,
        "src/main.ts": `import { DAEMON_CONNECTION_LOG_EVENTS as E } from "./events.js";\nlogger.info({ event: E.connected, attempt: 1 });`,
      },
      want: [
        {
          callee: "logger.info",
          form: "fields",
          level: "info",
          event: "daemon.connection.connected",
          fields: ["attempt=1"],
        },
      ],
    },
  ],
  [
    "imported plain const, default export and enum",
    {
      given: {
        "src/events.ts": EVENTS_TS,
        "src/main.ts": `import names, { FAILED, WsEvent } from "./events";\nlog.error({ event: FAILED });\nlog.debug({ event: names.pong });\nlog.warn({ event: WsEvent.Stale });`,
      },
      want: [
        { callee: "log.error", form: "fields", level: "error", event: "workflow.run.failed", fields: [] },
        { callee: "log.debug", form: "fields", level: "debug", event: "gateway.connection.pong", fields: [] },
        { callee: "log.warn", form: "fields", level: "warn", event: "ws.liveness.stale_terminated", fields: [] },
      ],
    },
  ],
  [
    "namespace import through a barrel with export * and export { x as y } from",
    {
      given: {
        "src/events.ts": EVENTS_TS,
        "src/barrel/index.ts": `export * from "../events.js";\nexport { FAILED as RUN_FAILED } from "../events.js";`,
        "src/main.ts": `import * as ev from "./barrel";\nlogger.info({ event: ev.DAEMON_CONNECTION_LOG_EVENTS.disconnected });\nlogger.error({ event: ev.RUN_FAILED });`,
      },
      want: [
        { callee: "logger.info", form: "fields", level: "info", event: "daemon.connection.disconnected", fields: [] },
        { callee: "logger.error", form: "fields", level: "error", event: "workflow.run.failed", fields: [] },
      ],
    },
  ],
  [
    "package imports are not followed",
    {
      given: { "src/main.ts": `import { EVENTS } from "@acme/log-events";\nlogger.info({ event: EVENTS.connected });` },
      want: [{ callee: "logger.info", form: "fields", level: "info", event: "?unresolved-import", fields: [] }],
    },
  ],
  [
    "scopes: a parameter shadows an outer const; block consts are seen",
    {
      given: {
        "src/main.ts": `const E = "a.b.c";\nfunction f(E: string) {\n  logger.info({ event: E });\n}\n{\n  const E = "x.y.z";\n  logger.info({ event: E });\n}\nlogger.info({ event: E });`,
      },
      want: [
        { callee: "logger.info", form: "fields", level: "info", event: "?not-const", fields: [] },
        { callee: "logger.info", form: "fields", level: "info", event: "x.y.z", fields: [] },
        { callee: "logger.info", form: "fields", level: "info", event: "a.b.c", fields: [] },
      ],
    },
  ],
  [
    "spreads: resolvable ones are merged (later keys win), others are unresolved",
    {
      given: {
        "src/main.ts": `const base = { event: "a.b.c", attempt: 1 } as const;\nlogger.info({ ...base, attempt: 2, ...rest, ["k" + i]: 1 });`,
      },
      want: [
        {
          callee: "logger.info",
          form: "fields",
          level: "info",
          event: "a.b.c",
          fields: ["attempt=2"],
          unresolved: ["...rest", '["k" + i]'],
        },
      ],
    },
  ],
  [
    "values: template literals, negatives, null, shorthand consts, nested objects",
    {
      given: {
        "src/main.ts":
          "const code = 1006;\nlogger.warn({ event: `a.b.c`, code, delta: -5, at: null, msg: `x${y}`, nested: { a: 1 }, list: [1], fn: () => 1, big: 1n });",
      },
      want: [
        {
          callee: "logger.warn",
          form: "fields",
          level: "warn",
          event: "a.b.c",
          fields: [
            "code=1006",
            "delta=-5",
            "at=null",
            "msg=string",
            "nested=object",
            "list=array",
            "fn=function",
            "big=bigint",
          ],
        },
      ],
    },
  ],
  [
    "callee shapes: this.logger, child loggers (bindings kept), optional chains, globs",
    {
      given: {
        "src/main.ts": `this.logger.child({ runId, side: "x" }).info({ event: "a.b.c" });\nreq.log?.warn("x");\nctx.deps.logger.error({ event: "a.b.c" });\nconsole.info("not mine");\nthis.other.info("not mine");`,
      },
      want: [
        {
          callee: "this.logger.info",
          form: "fields",
          level: "info",
          event: "a.b.c",
          fields: [],
          bound: ["runId", "side"],
        },
        { callee: "req.log.warn", form: "message", level: "warn" },
        { callee: "ctx.deps.logger.error", form: "fields", level: "error", event: "a.b.c", fields: [] },
      ],
    },
  ],
  [
    "configured callees and methods replace the defaults",
    {
      given: { "src/main.ts": `logger.info("x");\naudit.notice({ event: "a.b.c" });` },
      lint: { callees: ["audit"], methods: ["notice"] },
      want: [{ callee: "audit.notice", form: "fields", level: "notice", event: "a.b.c", fields: [] }],
    },
  ],
  [
    "level-first wrapper: log(level, event, fields)",
    {
      given: { "src/main.ts": `log("warn", "ws_stale_terminate", { idle_ms });\nthis.log("info", EV);` },
      lint: {
        wrappers: [
          { callee: "log", level: 0, event: 1, fields: 2 },
          { callee: "this.log", level: 0, event: 1 },
        ],
      },
      want: [
        { callee: "log", form: "wrapper", level: "warn", event: "ws_stale_terminate", fields: ["idle_ms=?not-const"] },
        { callee: "this.log", form: "wrapper", level: "info", event: "?not-const" },
      ],
    },
  ],
  [
    "winston-style (msg, fields) and pino (err, msg)",
    {
      given: {
        "src/main.ts": `logger.info("connected", { event: "a.b.c", n: 1 });\ntry {} catch (e) { logger.error(e, "failed"); }\nlogger.warn(payload);`,
      },
      want: [
        { callee: "logger.info", form: "message-fields", level: "info", event: "a.b.c", fields: ["n=1"] },
        { callee: "logger.error", form: "error", level: "error" },
        { callee: "logger.warn", form: "dynamic", level: "warn" },
      ],
    },
  ],
  [
    "JSX files parse as TSX",
    {
      given: {
        "src/main.tsx": `export const C = () => { logger.info({ event: "a.b.c" }); return <div className="x">{"hi"}</div>; };`,
      },
      want: [{ callee: "logger.info", form: "fields", level: "info", event: "a.b.c", fields: [] }],
    },
  ],
];

describe("scanner", () => {
  it.each(cases)("%s", (_, { given, lint, want }) => {
    const file = Object.keys(given).find((f) => f.includes("main"))!;
    const got = scan(given, lint, file);
    expect(got.notices).toEqual([]);
    expect(strip(got.calls.map(summary))).toEqual(strip(want));
  });

  it("skips generated files (banner in the first lines)", () => {
    const got = scan({
      "src/main.ts": `// Generated by logpact from the event registry. Do not edit.\nlogger.info("x");`,
    });
    expect(got.generated).toBe(true);
    expect(got.calls).toEqual([]);
  });

  it("line and column stay right from file to file (the line table is reused), with any line breaks", () => {
    const long = `${"// filler\n".repeat(3_000)}logger.info({ event: 1 });\n`;
    const files = {
      "src/long.ts": long,
      "src/short.ts": `\nlogger.warn("x");`,
      "src/crlf.ts": `// a\r\n// b\r\n  logger.error("y");\r\n`,
      "src/ls.ts": `// a\u2028logger.debug("z");`,
    };
    const root = tmpProject(files, { linkNodeModules: false });
    const scanner = createScanner(scanOptions(root, parseConfig({}, "test").lint));
    const locs = (f: string) =>
      scanner.scanFile(f).calls.map((c) => [c.loc.line, c.loc.column, c.loc.endLine, c.loc.endColumn]);
    for (let round = 0; round < 2; round++) {
      expect(locs("src/long.ts")).toEqual([[3_001, 1, 3_001, 26]]);
      expect(locs("src/short.ts")).toEqual([[2, 1, 2, 17]]);
      expect(locs("src/crlf.ts")).toEqual([[3, 3, 3, 20]]);
      expect(locs("src/ls.ts")).toEqual([[2, 1, 2, 18]]);
    }
  });

  it("a file's own consts and an imported module's are told apart (values are cached per file and per module)", () => {
    // E is declared at the same offset in both files, with different values.
    const main = `import { E as F } from "./ev.js";\nconst E = "a.local";\nlogger.info({ event: E, other: F });\n`;
    const ev = `${" ".repeat(main.indexOf("const E"))}export const E = "b.imported";\n`;
    const got = scan({ "src/main.ts": main, "src/ev.ts": ev });
    expect(got.calls.map((c) => [c.event?.value, show(c.fields!.props[1]!.value)])).toEqual([
      ["a.local", '"b.imported"'],
    ]);
    const again = scan({ "src/main.ts": main.replace("a.local", "c.other"), "src/ev.ts": ev });
    expect(again.calls.map((c) => c.event?.value)).toEqual(["c.other"]);
  });

  it("an import cycle does not loop", () => {
    const got = scan({
      "src/a.ts": `export { B as A } from "./main.js";`,
      "src/main.ts": `export { A as B } from "./a.js";\nimport { A } from "./a.js";\nlogger.info({ event: A });`,
    });
    expect(got.calls.map((c) => c.event?.why)).toEqual(["too-deep"]);
  });
});

describe("worker pool", () => {
  it("with --jobs 2 a worker thread scans batches, and results keep the input order", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`src/f${i}.ts`] = `logger.info({ event: "e.v${i}" });\n`;
    const root = tmpProject(files, { linkNodeModules: false });
    const names = Object.keys(files);
    const { scans, workersUsed } = await scanFiles(names, scanOptions(root, parseConfig({}, "test").lint), {
      jobs: 2,
      forceWorkers: true,
    });
    expect(workersUsed).toBe(1);
    expect(scans.map((s) => ("done" in s ? "findings only" : s.calls[0]?.event?.value))).toEqual(
      names.map((_, i) => `e.v${i}`),
    );
  });

  it("the built worker leaves out the host process's --require / --import preloads", () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`src/f${i}.ts`] = `logger.info({ event: "e.v${i}" });\n`;
    const root = tmpProject(files, { linkNodeModules: false });
    // A preload that refuses to run in a worker (as tsx's loader would be loaded again there).
    writeFileSync(
      join(root, "preload.cjs"),
      `if (!require("node:worker_threads").isMainThread) throw new Error("preload loaded in a worker");\n`,
    );
    writeFileSync(
      join(root, "host.mjs"),
      `import { parseConfig } from ${JSON.stringify(join(REPO, "dist/generator/config/load.js"))};
import { scanOptions } from ${JSON.stringify(join(REPO, "dist/generator/lint/index.js"))};
import { scanFiles } from ${JSON.stringify(join(REPO, "dist/generator/lint/pool.js"))};
const names = ${JSON.stringify(Object.keys(files))};
const { scans, workersUsed } = await scanFiles(names, scanOptions(${JSON.stringify(root)}, parseConfig({}, "test").lint), { jobs: 2, forceWorkers: true });
console.log(JSON.stringify({ workersUsed, scanned: scans.length }));
`,
    );
    const r = spawnSync(process.execPath, ["--require", join(root, "preload.cjs"), join(root, "host.mjs")], {
      encoding: "utf8",
    });
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({ workersUsed: 1, scanned: 40 });
  });

  it("starts a worker only for 1,000 files per thread (unless forced)", () => {
    expect(lanesFor(999, 2)).toBe(1);
    expect(lanesFor(1_999, 2)).toBe(1);
    expect(lanesFor(2_000, 2)).toBe(2);
    expect(lanesFor(2_000, 1)).toBe(1);
    expect(lanesFor(5_500, 8)).toBe(5);
    expect(lanesFor(0, 4)).toBe(1);
    expect(lanesFor(40, 2, true)).toBe(2);
  });
});
