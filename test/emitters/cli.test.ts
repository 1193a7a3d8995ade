/**
 * End to end through the CLI (in-process): `logpact gen`
 * writes emitters into a temp project, real tsc compiles a service script against them,
 * node runs tsc's output with real pino writing NDJSON to a file, and every line validates
 * against the registry JSON Schema that the same `gen` wrote.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectGenRefused, runCli } from "../helpers/cli.js";
import { createAjv } from "../../generator/registry/ajv.js";
import { REPO, tmpProject } from "../helpers/project.js";
import { compileAndRun, STRICTEST, tsconfigJson } from "./helpers.js";

const JOB_SCHEMA = readFileSync(join(REPO, "test/emitters/fixtures/schemas/job.ts"), "utf8");

/** A service using the generated emitters: every event, overrides, a child logger, a violation. */
const SERVICE = `
import pino from "pino";
import { JOB_LOG_EVENTS, LogContractViolation, REDACT_PATHS, jobEmitters } from "./generated/emitters/index.js";

const destination = pino.destination({ dest: "out.ndjson", sync: true });
const logger = pino({ level: "trace" }, destination);
const job = jobEmitters(logger.child({ name: "worker-1" }));

// Redaction replaces values with "[Redacted]", which an email format then rejects: a separate file.
const redactedFile = pino.destination({ dest: "redacted.ndjson", sync: true });
const redacted = jobEmitters(pino({ redact: [...REDACT_PATHS] }, redactedFile));
redacted.started({ jobId: "j-1", queue: "bulk", attempt: 1, limits: { cpu_ms: 500, memory_bytes: 1024 }, retryAt: null, owner_email: "ops@example.com" });
redacted.crashed({ jobId: "j-2", signal: 9, api_key: "sk-live-123" });
redactedFile.flushSync();

job.started({ jobId: "j-1", queue: "bulk", attempt: 1, tags: ["nightly"], limits: { cpu_ms: 500, memory_bytes: 1024 }, retryAt: null, owner_email: "ops@example.com" });
job.finished({ jobId: "j-1", duration_ms: 1200, result: ["ok", 3], counters: { rows: 3 } }, "job j-1 done");
job.heartbeat();
job.progress({ done_pct: 50 });
job.progress();
job.crashed({ jobId: "j-2", signal: "SIGKILL", api_key: "sk-live-123", exit_code: null });

try {
  job.crashed({ jobId: "j-3", signal: "SIGTERM" as "SIGKILL" });
  console.log("no violation");
} catch (e) {
  if (!(e instanceof LogContractViolation)) throw e;
  console.log(JSON.stringify({ event: e.event, field: e.field, problem: e.problem }));
}
destination.flushSync();
console.log(Object.keys(JOB_LOG_EVENTS).join(","));
`;

describe("logpact gen → tsc → node + pino → ajv", () => {
  it("generates emitters a real service compiles and runs, and whose lines match the registry schema", async () => {
    const dir = tmpProject({
      "package.json": JSON.stringify({ type: "module" }),
      "schemas/job.ts": JOB_SCHEMA,
      "logpact.config.json": JSON.stringify({
        targets: { emitters: { options: { validationEnv: "JOB_LOG_CHECKS" } } },
      }),
      "service.ts": SERVICE,
      "tsconfig.json": tsconfigJson(["service.ts", "generated/emitters/*.ts"], {
        ...STRICTEST,
        noUnusedLocals: false,
        types: ["node"],
        skipLibCheck: true,
      }),
    });
    const gen = await runCli(["gen"], dir);
    // The fixture mixes camelCase and snake_case names on purpose: style warnings, no errors.
    expect(gen.stderr).not.toMatch(/\berror LP_/);
    expect(gen.code).toBe(0);
    for (const f of ["index.ts", "logpact-runtime.ts", "job.ts", "job.validate.ts"])
      expect(existsSync(join(dir, "generated/emitters", f)), f).toBe(true);
    expect(readFileSync(join(dir, "generated/emitters/logpact-runtime.ts"), "utf8")).toContain(
      'VALIDATION_ENV: string | undefined = "JOB_LOG_CHECKS"',
    );

    const stdout = compileAndRun(dir, "service.ts", { JOB_LOG_CHECKS: "throw" });
    expect(stdout.trim().split("\n")).toEqual([
      JSON.stringify({ event: "job.crashed", field: "signal", problem: 'must be "SIGKILL" (got "SIGTERM")' }),
      "started,finished,heartbeat,crashed,progress",
    ]);

    const lines = readFileSync(join(dir, "out.ndjson"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.event, l.level, l.msg])).toEqual([
      ["job.started", 30, "job.started"],
      ["job.finished", 40, "job j-1 done"],
      ["job.heartbeat", 10, "job heartbeat"],
      ["job.progress", 20, "job.progress"],
      ["job.progress", 20, "job.progress"],
      ["job.crashed", 60, "job.crashed"],
    ]);
    expect([lines[0]!.owner_email, lines[5]!.api_key]).toEqual(["ops@example.com", "sk-live-123"]);
    const redacted = readFileSync(join(dir, "redacted.ndjson"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(redacted.map((l) => [l.owner_email, l.api_key])).toEqual([
      ["[Redacted]", undefined],
      [undefined, "[Redacted]"],
    ]);
    const validate = createAjv("2020-12", { allErrors: true }).compile(
      JSON.parse(readFileSync(join(dir, "generated/json-schema/registry.schema.json"), "utf8")) as object,
    );
    for (const line of lines)
      expect(validate(line), `${JSON.stringify(line)}: ${JSON.stringify(validate.errors)}`).toBe(true);

    expect((await runCli(["gen", "--check"], dir)).code).toBe(0);
  });

  it("a family whose module name is taken exits 2 naming the family and the fix, writing nothing", async () => {
    const dir = tmpProject({
      "schemas/index.ts": `
import { z } from "zod";
export const IndexLog = z.discriminatedUnion("event", [
  z.strictObject({ event: z.literal("index.built"), docs_count: z.number().int().meta({ unit: "count", description: "Documents." }) }).meta({ level: "info", description: "Built." }),
  z.strictObject({ event: z.literal("index.dropped") }).meta({ level: "warn", description: "Dropped." }),
]).meta({ family: "index", description: "Search index." });
`,
    });
    await expectGenRefused(dir, [
      // Reported by the target's check with the registry's errors, so located like them.
      "schemas/index.ts:6:19: error LP_EMITTER_NAME_CLASH [index]",
      "would be written to index.ts, which the emitters target writes for itself",
      "fix: rename the family",
    ]);
  });
});
