/**
 * `logpact validate` end to end: the CLI in-process (`main(argv, io)`) on temp projects with their own schema
 * modules and config, real pino output, files, gzip, stdin, every report format, --jobs,
 * and the exit codes (0 clean, 1 findings, 2 usage/config/input error).
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { expectCliExit, runCli } from "../helpers/cli.js";
import type { ValidationReport } from "../../generator/validate/report.js";
import { tmpProject } from "../helpers/project.js";
import { DETAILED_JSON_ARGS, SNAPSHOT, validLines } from "./fixtures.js";
import { bundledIr } from "../helpers/registry.js";

const SCHEMA = `
import { z } from "zod";

export const JobLog = z
  .discriminatedUnion("event", [
    z.strictObject({
      event: z.literal("job.started"),
      jobId: z.uuid().meta({ description: "Job id." }),
      attempt: z.number().int().min(1).meta({ description: "Attempt number.", unit: "count" }),
    }).meta({ level: "info", description: "A worker picked the job up." }),
    z.strictObject({
      event: z.literal("job.finished"),
      jobId: z.uuid().meta({ description: "Job id." }),
      duration_ms: z.number().int().nonnegative().meta({ description: "Run time.", unit: "ms" }),
    }).meta({ level: "info", description: "The job completed." }),
    z.strictObject({
      event: z.literal("job.retried"),
      jobId: z.uuid().meta({ description: "Job id." }),
    }).meta({ level: "info", description: "Old retry event.", deprecation: { reason: "log job.started with attempt > 1", since: "2.0" } }),
  ])
  .meta({ family: "job", description: "Batch jobs." });
`;

/** Logs a few lines with real pino to the file given as argv[2], as a service under test would. */
const SERVICE = `
import pino from "pino";
const logger = pino({ level: "info" }, pino.destination({ dest: process.argv[2], sync: true }));
const jobId = "3f2b8c1e-9d4a-4e6f-8b7c-2a1d5e9f0c34";
logger.info({ event: "job.started", jobId, attempt: 1 }, "job.started");
logger.info({ event: "job.finished", jobId, duration_ms: 1200 }, "job.finished");
if (process.env.BROKEN) {
  logger.info({ event: "job.started", jobId, attempt: "2" }, "job.started");
  logger.info({ event: "job.finsihed", jobId, duration_ms: 5 }, "job.finsihed");
  logger.info("listening on :8080");
  logger.info({ event: "job.retried", jobId }, "job.retried");
}
`;

let project: string;

const json = (stdout: string) => JSON.parse(stdout) as ValidationReport;
// pino's pid, hostname and time vary the byte count; the run time varies too.
const mask = (text: string) => text.replace(/\(\d+ B\) in \d+\.\d\d s/, "(<size>) in <elapsed>");

beforeAll(() => {
  project = tmpProject({ "schemas/job.ts": SCHEMA, "service.mjs": SERVICE });
  // Real pino output from a real process: one clean log, one with every kind of trouble.
  for (const [file, env] of [
    ["clean.ndjson", {}],
    ["broken.ndjson", { BROKEN: "1" }],
  ] as const) {
    const r = spawnSync(process.execPath, ["service.mjs", file], {
      cwd: project,
      env: { ...process.env, ...env },
      encoding: "utf8",
    });
    if (r.status !== 0) throw new Error(r.stderr);
  }
});

describe("reports", () => {
  it("exit 0 on a clean pino log, with per-event counts and coverage", async () => {
    const r = await expectCliExit(["validate", "clean.ndjson"], project);
    expect(mask(r.stdout)).toBe(
      [
        "logpact validate: 2 lines from 1 input (<size>) in <elapsed>",
        "  valid   2",
        "",
        "events: 2 of 3 registered seen (67 %)",
        "  event          seen   violating",
        "  job.started       1           0",
        "  job.finished      1           0",
        "  never seen: job.retried",
        "",
        "result: 0 errors, 0 warnings → exit 0 (failing kinds: malformed, not-object, unknown-event, violation, invalid-utf8, line-too-long)",
        "",
      ].join("\n"),
    );
  });

  it("text: every finding with file:line, then counts, unknown events and offending fields", async () => {
    const r = await runCli(["validate", "broken.ndjson"], project);
    expect(r.code).toBe(1);
    expect(mask(r.stdout)).toMatchInlineSnapshot(`
      "broken.ndjson:3: error [violation] job.started: field "attempt" must be integer ≥ 1, got string "2"
      broken.ndjson:4: error [unknown-event] event "job.finsihed" is not in the registry. Did you mean "job.finished"?
      broken.ndjson:5: warning [untyped] no "event" field: an untyped log line (msg string "listening on :8080")
      broken.ndjson:6: warning [deprecated] event job.retried is deprecated since 2.0: log job.started with attempt > 1

      logpact validate: 6 lines from 1 input (<size>) in <elapsed>
        valid           3
        violation       1
        unknown-event   1
        untyped         1
        deprecated      1   (of the lines above)

      events: 3 of 3 registered seen (100 %)
        event          seen   violating
        job.started       2           1
        job.finished      1           0
        job.retried       1           0

      unknown events (1 line):
        "job.finsihed"   1   did you mean job.finished?

      top offending fields:
        job.started > attempt   1 line

      result: 2 errors, 2 warnings → exit 1 (failing kinds: malformed, not-object, unknown-event, violation, invalid-utf8, line-too-long)
      "
    `);
  });

  it("json: the whole report, machine-readable", async () => {
    const r = await runCli(["validate", "broken.ndjson", "clean.ndjson", "--format", "json", "--detail"], project);
    expect(r.code).toBe(1);
    const report = json(r.stdout);
    expect(report.inputs.map((i) => [i.name, i.lines, i.errors, i.warnings])).toEqual([
      ["broken.ndjson", 6, 2, 2],
      ["clean.ndjson", 2, 0, 0],
    ]);
    expect(report.events).toEqual([
      // Registry (declaration) order.
      { event: "job.started", family: "job", seen: 3, violating: 1 },
      { event: "job.finished", family: "job", seen: 2, violating: 0 },
      { event: "job.retried", family: "job", seen: 1, violating: 0 },
    ]);
    expect(report.coverage).toEqual({ registered: 3, seen: 3, unseen: [] });
    expect(report.unknownEvents).toEqual([{ event: "job.finsihed", lines: 1, suggestion: "job.finished" }]);
    expect(report.offendingFields).toEqual([{ event: "job.started", field: "attempt", lines: 1 }]);
    expect(report.findings[0]).toEqual({
      kind: "violation",
      severity: "error",
      file: "broken.ndjson",
      line: 3,
      event: "job.started",
      field: "attempt",
      message: 'job.started: field "attempt" must be integer ≥ 1, got string "2"',
    });
    expect([report.errors, report.warnings, report.exitCode]).toEqual([2, 2, 1]);
  });

  it("github: one workflow annotation per finding, with file and line", async () => {
    const r = await runCli(["validate", "broken.ndjson", "--format", "github"], project);
    expect(r.code).toBe(1);
    expect(r.stdout.split("\n").filter((l) => /^::(error|warning) /.test(l))).toEqual([
      `::error file=broken.ndjson,line=3,title=logpact validate%3A violation::job.started: field "attempt" must be integer ≥ 1, got string "2"`,
      `::error file=broken.ndjson,line=4,title=logpact validate%3A unknown-event::event "job.finsihed" is not in the registry. Did you mean "job.finished"?`,
      `::warning file=broken.ndjson,line=5,title=logpact validate%3A untyped::no "event" field: an untyped log line (msg string "listening on :8080")`,
      `::warning file=broken.ndjson,line=6,title=logpact validate%3A deprecated::event job.retried is deprecated since 2.0: log job.started with attempt > 1`,
    ]);
  });
});

describe("severity", () => {
  it.each<[string, string[], { code: number; errors: number; warnings: number }]>([
    [
      "--fail-on untyped makes untyped lines errors and the rest warnings",
      ["--fail-on", "untyped"],
      { code: 1, errors: 1, warnings: 3 },
    ],
    ["--fail-on none lists everything as warnings, exit 0", ["--fail-on", "none"], { code: 0, errors: 0, warnings: 4 }],
    ["--fail-on all fails on every kind", ["--fail-on", "all"], { code: 1, errors: 4, warnings: 0 }],
    [
      "--fail-on unseen reports registered events never logged",
      ["--fail-on", "unseen"],
      { code: 0, errors: 0, warnings: 4 },
    ],
  ])("%s", async (_name, args, want) => {
    const r = await runCli(["validate", "broken.ndjson", "--format", "json", ...args], project);
    const report = json(r.stdout);
    expect({ code: r.code, errors: report.errors, warnings: report.warnings }).toEqual(want);
  });

  it("--fail-on unseen annotates the schema module of each never-seen event", async () => {
    const r = await runCli(["validate", "clean.ndjson", "--format", "github", "--fail-on", "unseen"], project);
    expect(r.code).toBe(1);
    expect(r.stdout.split("\n").filter((l) => /^::(error|warning) /.test(l))).toEqual([
      `::error file=schemas/job.ts,title=logpact validate%3A unseen::event job.retried is registered but never appeared in the input`,
    ]);
  });

  it("the config's validate.severity and maxFindings are the defaults", async () => {
    const dir = tmpProject({
      "schemas/job.ts": SCHEMA,
      "logpact.config.json": JSON.stringify({
        validate: { severity: { untyped: "error", "unknown-event": "off" }, maxFindings: 1 },
      }),
    });
    writeFileSync(join(dir, "broken.ndjson"), readFileSync(join(project, "broken.ndjson")));
    const r = await runCli(["validate", "broken.ndjson", "--format", "json", "--detail"], dir);
    const report = json(r.stdout);
    expect(r.code).toBe(1);
    expect(report.findings.map((f) => f.kind)).toEqual(["violation"]);
    expect([report.errors, report.warnings, report.kinds["unknown-event"]]).toEqual([2, 1, 1]);
  });

  it("--max-findings 0 lists nothing and still counts everything", async () => {
    const r = await runCli(["validate", "broken.ndjson", "--max-findings", "0"], project);
    expect(r.code).toBe(1);
    expect(
      r.stdout.startsWith("… 4 more groups of findings not listed (--max-findings 0; every one is counted below)\n"),
    ).toBe(true);
    const detail = await runCli(["validate", "broken.ndjson", "--max-findings", "0", "--detail"], project);
    expect(
      detail.stdout.startsWith("… 4 more findings not listed (--max-findings 0; every one is counted below)\n"),
    ).toBe(true);
  });
});

describe("inputs", () => {
  let lines: string[];
  beforeAll(async () => {
    lines = validLines(await bundledIr(), 40);
    lines[7] = "oops";
    lines[30] = '{"level":30,"event":"ws.liveness.ping_failed","side":"sideways","message":"m"}';
  });
  const summary = (r: { stdout: string }) => {
    const report = json(r.stdout);
    return {
      lines: report.lines,
      status: report.status,
      findings: report.findings.map((f) => `${f.file}:${f.line} ${f.kind}`),
    };
  };

  it("reads stdin (-), plain or gzip, and gzip files", async () => {
    const dir = tmpProject({ "app.ndjson.gz": "" }, { linkNodeModules: false });
    const text = `${lines.join("\n")}\n`;
    writeFileSync(
      join(dir, "app.ndjson.gz"),
      Buffer.concat([
        gzipSync(
          lines
            .slice(0, 20)
            .map((l) => `${l}\n`)
            .join(""),
        ),
        gzipSync(
          lines
            .slice(20)
            .map((l) => `${l}\n`)
            .join(""),
        ),
      ]),
    );
    const plain = await runCli(["validate", "-", "--format", "json", "--detail", "--registry", SNAPSHOT], dir, {
      input: text,
    });
    const gzStdin = await runCli(["validate", "-", "--format", "json", "--detail", "--registry", SNAPSHOT], dir, {
      input: gzipSync(text),
    });
    const gzFile = await runCli(
      ["validate", "app.ndjson.gz", "--format", "json", "--detail", "--registry", SNAPSHOT],
      dir,
    );
    const want = { lines: 40, status: expect.objectContaining({ valid: 38, malformed: 1, violation: 1 }) };
    expect(summary(plain)).toMatchObject({ ...want, findings: ["<stdin>:8 malformed", "<stdin>:31 violation"] });
    expect(summary(gzStdin)).toMatchObject({ ...want, findings: ["<stdin>:8 malformed", "<stdin>:31 violation"] });
    // Two gzip members back to back (rotated logs concatenated) read as one stream.
    expect(summary(gzFile)).toMatchObject({
      ...want,
      findings: ["app.ndjson.gz:8 malformed", "app.ndjson.gz:31 violation"],
    });
  });

  it("--jobs 2 splits a big file into byte ranges and reports exactly what one thread does", async () => {
    const dir = tmpProject({}, { linkNodeModules: false });
    const many = validLines(await bundledIr(), 23 * 200);
    // ~17 MiB (files from 16 MiB are split) with findings spread through it, so ranges cut between and across them.
    const parts: string[] = [];
    for (let i = 0, size = 0; size < 17 * 1024 * 1024; i++) {
      const line = i % 997 === 5 ? "broken\n" : `${many[i % many.length]}\n`;
      parts.push(line);
      size += line.length;
    }
    const text = parts.join("");
    writeFileSync(join(dir, "big.ndjson"), text);
    writeFileSync(join(dir, "small.ndjson"), `${lines.join("\n")}\n`);
    const args = ["validate", "big.ndjson", "small.ndjson", ...DETAILED_JSON_ARGS];
    const one = await runCli(args, dir);
    const two = await runCli([...args, "--jobs", "2"], dir);
    const auto = await runCli([...args, "--jobs", "auto"], dir);
    expect(one.code).toBe(1);
    expect(two.stderr).toBe("");
    expect(json(two.stdout)).toEqual(json(one.stdout));
    expect(json(auto.stdout)).toEqual(json(one.stdout));
    const lineCount = text.split("\n").length - 1;
    expect(json(one.stdout).inputs[0]).toMatchObject({ name: "big.ndjson", lines: lineCount, bytes: text.length });
    expect(
      json(one.stdout)
        .findings.filter((f) => f.file === "big.ndjson")
        .map((f) => f.line),
    ).toEqual(
      Array.from({ length: lineCount }, (_, i) => i)
        .filter((i) => i % 997 === 5)
        .map((i) => i + 1),
    );
  });
});

describe("usage, config and input errors exit 2", () => {
  it.each<[string, string[], RegExp]>([
    ["no input", ["validate"], /no input; pass NDJSON log files/],
    ["a missing file", ["validate", "nope.ndjson"], /^nope\.ndjson: no such file/],
    ["a directory", ["validate", "schemas"], /^schemas: is a directory/],
    ["stdin twice", ["validate", "-", "-"], /stdin\) given more than once/],
    ["an unknown format", ["validate", "clean.ndjson", "--format", "xml"], /--format: unknown format "xml"/],
    [
      "an unknown --fail-on kind",
      ["validate", "clean.ndjson", "--fail-on", "violations"],
      /--fail-on: unknown kind "violations"/,
    ],
    ["a bad --jobs", ["validate", "clean.ndjson", "--jobs", "0"], /--jobs: expected an integer ≥ 1, got "0"/],
    [
      "a bad --max-findings",
      ["validate", "clean.ndjson", "--max-findings", "many"],
      /--max-findings: expected an integer ≥ 0/,
    ],
    [
      "an unreadable registry snapshot",
      ["validate", "clean.ndjson", "--registry", "service.mjs"],
      /LP_SNAPSHOT_INVALID[\s\S]*not valid JSON/,
    ],
    [
      "a JSON file that is not a snapshot",
      ["validate", "clean.ndjson", "--registry", "not-a-snapshot.json"],
      /LP_SNAPSHOT_VERSION[\s\S]*irVersion undefined/,
    ],
  ])("%s", async (_name, args, want) => {
    writeFileSync(join(project, "not-a-snapshot.json"), "{}");
    const r = await runCli(args, project);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(want);
    expect(r.stdout).toBe("");
  });

  it("a corrupt gzip file names the file", async () => {
    writeFileSync(join(project, "bad.gz"), Buffer.concat([gzipSync("x\n".repeat(1000)).subarray(0, 30)]));
    const r = await runCli(["validate", "bad.gz"], project);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^bad\.gz: gzip data is corrupt or truncated/);
  });

  it("an unknown config key under validate suggests the right one", async () => {
    const dir = tmpProject({
      "schemas/job.ts": SCHEMA,
      "logpact.config.json": JSON.stringify({ validate: { maxFinding: 3 } }),
    });
    const r = await runCli(["validate", "clean.ndjson"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown key "validate\.maxFinding"\. Did you mean "maxFindings"\?/);
  });

  it("the bundled registry snapshot works without any schema modules", async () => {
    const r = await runCli(["validate", "-", "--registry", SNAPSHOT, "--format", "json"], project, {
      input: `${validLines(await bundledIr(), 3).join("\n")}\n`,
    });
    expect(r.code).toBe(0);
    expect(json(r.stdout).status.valid).toBe(3);
  });
});
