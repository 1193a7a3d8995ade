/**
 * `logpact/testing`: a pino destination that collects lines, and `expectLogsConform` over
 * collected lines, arrays and files — in-process here, and as a consumer imports it
 * (`logpact/testing` through the package exports, from the built dist/).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pino from "pino";
import { beforeAll, describe, expect, it } from "vitest";
import { LogsDoNotConformError, checkLogs, expectLogsConform, logCollector } from "../../generator/validate/testing.js";
import { REPO, tmpProject } from "../helpers/project.js";
import { SNAPSHOT } from "./fixtures.js";

const SCHEMA = `
import { z } from "zod";
export const JobLog = z.discriminatedUnion("event", [
  z.strictObject({ event: z.literal("job.started"), jobId: z.string().min(1).meta({ description: "Job id." }), attempt: z.number().int().min(1).meta({ description: "Attempt.", unit: "count" }) })
    .meta({ level: "info", description: "Picked up." }),
]).meta({ family: "job", description: "Jobs." });
`;

let root: string;
beforeAll(() => {
  root = tmpProject({ "schemas/job.ts": SCHEMA });
});

describe("logCollector", () => {
  it("is a pino destination that keeps each line", () => {
    const logs = logCollector();
    const logger = pino({ base: null, timestamp: false }, logs);
    logger.info({ event: "job.started", jobId: "j1", attempt: 1 }, "go");
    logger.warn("plain");
    expect(logs.lines).toEqual([
      '{"level":30,"event":"job.started","jobId":"j1","attempt":1,"msg":"go"}',
      '{"level":40,"msg":"plain"}',
    ]);
    logs.clear();
    expect(logs.lines).toEqual([]);
  });

  it("joins partial writes and splits multi-line writes", () => {
    const logs = logCollector();
    logs.write('{"a":');
    logs.write('1}\n{"b":2}\n{"c"');
    expect(logs.lines).toEqual(['{"a":1}', '{"b":2}', '{"c"']);
  });
});

describe("expectLogsConform", () => {
  it("passes on conforming pino output and returns the report", async () => {
    const logs = logCollector();
    const logger = pino(logs);
    logger.info({ event: "job.started", jobId: "j1", attempt: 1 }, "job.started");
    logger.info({ event: "job.started", jobId: "j2", attempt: 2 }, "job.started");
    const report = await expectLogsConform(logs, { root });
    expect([report.lines, report.status.valid, report.errors]).toEqual([2, 2, 0]);
  });

  it("throws a readable error naming line, event, field, expected and actual", async () => {
    const logs = logCollector();
    const logger = pino(logs);
    logger.info({ event: "job.started", jobId: "j1", attempt: 1 }, "job.started");
    logger.info({ event: "job.started", jobId: "j1", attempt: "2" }, "job.started");
    logger.info({ event: "job.stopped", jobId: "j1" }, "job.stopped");
    const error = await expectLogsConform(logs, { root }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LogsDoNotConformError);
    expect((error as Error).message).toBe(
      [
        "logpact: 2 errors in 3 logged lines (checked against the log registry):",
        '  <logs>:2: error [violation] job.started: field "attempt" must be integer ≥ 1, got string "2"',
        '  <logs>:3: error [unknown-event] event "job.stopped" is not in the registry. Did you mean "job.started"?',
      ].join("\n"),
    );
    expect((error as LogsDoNotConformError).report.status).toMatchObject({
      valid: 1,
      violation: 1,
      "unknown-event": 1,
    });
  });

  it.each<[string, { failOn?: readonly ("untyped" | "violation")[]; throws: boolean }]>([
    ["untyped lines are warnings by default", { throws: false }],
    ["failOn: ['untyped'] makes them fail", { failOn: ["untyped"], throws: true }],
    ["failOn: [] never fails", { failOn: [], throws: false }],
  ])("%s", async (_name, { failOn, throws }) => {
    const lines = ['{"level":30,"msg":"server listening"}'];
    const run = expectLogsConform(lines, { root, ...(failOn ? { failOn } : {}) });
    if (throws) await expect(run).rejects.toThrow(/<logs>:1: error \[untyped\]/);
    else await expect(run).resolves.toMatchObject({ errors: 0 });
  });

  it("checks a log file against a registry snapshot", async () => {
    const dir = tmpProject(
      {
        "test-logs/app.ndjson":
          '{"level":20,"event":"gateway.connection.pong","clientId":"c1","rtt_ms":3}\n{"level":20,"event":"gateway.connection.pong","clientId":"c1","rtt_ms":-3}\n',
      },
      { linkNodeModules: false },
    );
    const report = await checkLogs("test-logs/app.ndjson", { root: dir, registry: SNAPSHOT });
    expect(report.status).toMatchObject({ valid: 1, violation: 1 });
    await expect(expectLogsConform("test-logs/app.ndjson", { root: dir, registry: SNAPSHOT })).rejects.toThrow(
      /test-logs\/app\.ndjson:2: error \[violation\] gateway\.connection\.pong: field "rtt_ms" must be integer ≥ 0, got number -3/,
    );
  });
});

describe("as a consumer imports it", () => {
  it('`import { expectLogsConform, logCollector } from "logpact/testing"` works from the built package', () => {
    const dir = tmpProject(
      {
        "schemas/job.ts": SCHEMA,
        "check.mjs": `
import pino from "pino";
import { expectLogsConform, logCollector } from "logpact/testing";
const logs = logCollector();
const logger = pino(logs);
logger.info({ event: "job.started", jobId: "j1", attempt: 1 }, "job.started");
const ok = await expectLogsConform(logs);
console.log("ok", ok.lines);
logger.info({ event: "job.started", jobId: "j1" }, "job.started");
try { await expectLogsConform(logs); } catch (e) { console.log(e.message); }
`,
      },
      { linkNodeModules: false },
    );
    mkdirSync(join(dir, "node_modules"));
    for (const pkg of ["zod", "pino"]) symlinkSync(join(REPO, "node_modules", pkg), join(dir, "node_modules", pkg));
    symlinkSync(REPO, join(dir, "node_modules/logpact"));
    const r = spawnSync(process.execPath, ["check.mjs"], { cwd: dir, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      'ok 1\nlogpact: 1 error in 2 logged lines (checked against the log registry):\n  <logs>:2: error [violation] job.started: missing required field "attempt" (integer ≥ 1)\n',
    );
  });
});
