/**
 * `logpact docs check` and the in-place sections of `logpact gen`, end to end: the CLI
 * in-process (`main(argv, io)`) on temp projects, and on this repository's own docs.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectCliExit, runCli } from "../helpers/cli.js";
import { REPO, tmpProject } from "../helpers/project.js";

const JOB = `
import { z } from "zod";

export const JobLog = z
  .discriminatedUnion("event", [
    z.strictObject({ event: z.literal("job.started"), jobId: z.string().meta({ description: "Job id." }) })
      .meta({ level: "info", description: "A worker picked the job up." }),
    z.strictObject({ event: z.literal("job.finished"), jobId: z.string().meta({ description: "Job id." }) })
      .meta({ level: "info", description: "The job completed." }),
  ])
  .meta({ family: "job", description: "Batch jobs.", transitions: [["[*]", "started"], ["started", "finished"]] });
`;

const WORKER = ["export class Worker {", "  start(jobId: string) {", "    return jobId;", "  }", "}", ""].join("\n");

const RUNBOOK = [
  "# Jobs runbook",
  "",
  "A job logs `job.started` when a worker takes it (src/worker.ts:2#Worker.start).",
  "",
  "<!-- logpact:begin events job -->",
  "<!-- logpact:end -->",
  "",
].join("\n");

function project(files: Record<string, string> = {}) {
  return tmpProject({
    "schemas/job.ts": JOB,
    "src/worker.ts": WORKER,
    "docs/runbook.md": RUNBOOK,
    "README.md": "# Jobs\n",
    ...files,
  });
}

describe("logpact gen rewrites in-place sections", () => {
  it("fills sections, leaves the prose alone, --check goes stale when a section is edited, docs are not in the manifest", async () => {
    const dir = project();
    const r = await expectCliExit(["gen"], dir);
    expect(r.stdout).toMatch(/\+ 1 doc with generated sections/);
    const doc = readFileSync(join(dir, "docs/runbook.md"), "utf8");
    expect(doc.startsWith(RUNBOOK.split("<!-- logpact:begin")[0]!)).toBe(true);
    expect(doc).toContain("| `job.finished` | info | The job completed. |");
    expect(readFileSync(join(dir, "generated/.logpact-manifest.json"), "utf8")).not.toContain("runbook");
    expect((await runCli(["gen", "--check"], dir)).code).toBe(0);

    writeFileSync(join(dir, "docs/runbook.md"), doc.replace("The job completed.", "Done."));
    const check = await runCli(["gen", "--check"], dir);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain("stale     docs/runbook.md");
    expect(readFileSync(join(dir, "docs/runbook.md"), "utf8")).toContain("Done.");
  });

  it("a malformed marker is exit 2 with file:line:column, and nothing is written", async () => {
    const dir = project({ "docs/bad.md": "intro\n\n<!-- logpact:begin events jobs -->\n<!-- logpact:end -->\n" });
    const r = await runCli(["gen"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'docs/bad.md:3:27: error LP_DOCS_MARKER section "events" names family "jobs", which is not registered. Did you mean "job"?',
    );
    expect(readFileSync(join(dir, "docs/runbook.md"), "utf8")).toBe(RUNBOOK);
    expect(() => readFileSync(join(dir, "generated/registry.json"))).toThrow();
  });
});

describe("logpact docs check", () => {
  // One generated project with three bad citations, shared by the format tests (each CLI
  // run costs a registry load).
  let badDir: string | undefined;
  const bad = async () => {
    if (badDir) return badDir;
    badDir = project({ "docs/ops.md": "# Ops\n\nWatch `job.finshed` and src/worker.ts:9 and src/gone.ts:1.\n" });
    expect((await runCli(["gen"], badDir)).code).toBe(0);
    return badDir;
  };

  it("exit 0 on clean docs", async () => {
    const dir = project();
    expect((await runCli(["gen"], dir)).code).toBe(0);
    const r = await runCli(["docs", "check"], dir);
    expect(r.stdout).toBe(
      "logpact docs check: ok (2 docs, 1 generated section, 1 event citation, 1 source citation, 2/2 events mentioned).\n",
    );
    expect(r.code).toBe(0);
  });

  it("text: every finding with file:line:column, exit 1", async () => {
    const r = await runCli(["docs", "check"], await bad());
    expect(r.code).toBe(1);
    expect(r.stdout.split("\n").filter((l) => /^\S+:\d+:\d+: /.test(l))).toEqual([
      'docs/ops.md:3:8: error LP_DOCS_UNKNOWN_EVENT `job.finshed` is not an event of family "job". Did you mean "job.finished"?',
      "docs/ops.md:3:25: error LP_DOCS_SOURCE_RANGE `src/worker.ts:9`: line 9 is out of bounds; src/worker.ts has 5 lines",
      "docs/ops.md:3:45: error LP_DOCS_SOURCE_MISSING `src/gone.ts:1` cites src/gone.ts, which does not exist",
    ]);
    expect(r.stdout).toMatch(/logpact docs check: 3 errors \(3 docs, /);
  });

  it("json", async () => {
    const r = await runCli(["docs", "check", "--format", "json"], await bad());
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.findings.map((f: { code: string; line: number; column: number }) => [f.code, f.line, f.column])).toEqual(
      [
        ["LP_DOCS_UNKNOWN_EVENT", 3, 8],
        ["LP_DOCS_SOURCE_RANGE", 3, 25],
        ["LP_DOCS_SOURCE_MISSING", 3, 45],
      ],
    );
    expect(out.summary).toMatchObject({ errors: 3, warnings: 0, files: 3 });
  });

  it("github annotations", async () => {
    const r = await runCli(
      [
        "docs",
        "check",
        "--format",
        "github",
        "--coverage",
        "off",
        "--source-prefix",
        "lib/",
        "--source-prefix",
        "src/",
        "docs/ops.md",
      ],
      await bad(),
    );
    expect(r.code).toBe(1);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe(
      '::error file=docs/ops.md,line=3,col=8,title=logpact LP_DOCS_UNKNOWN_EVENT::`job.finshed` is not an event of family "job". Did you mean "job.finished"? (fix: cite a registered event (started, finished), or add it to schemas/job.ts first)',
    );
    expect(lines.filter((l) => l.startsWith("::error "))).toHaveLength(3);
  });

  it("coverage: an event no doc mentions, at its declaration; --coverage warn makes it pass", async () => {
    const dir = project({ "docs/runbook.md": "# Only `job.started`\n" });
    const r = await runCli(["docs", "check"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      "schemas/job.ts:8:39: error LP_DOCS_UNCOVERED_EVENT event `job.finished` is registered but no checked doc mentions it",
    );
    const warn = await runCli(["docs", "check", "--coverage", "warn"], dir);
    expect(warn.code).toBe(0);
    expect(warn.stdout).toContain("warning LP_DOCS_UNCOVERED_EVENT");
  });

  it("usage and config errors are exit 2", async () => {
    const dir = await bad();
    expect(await runCli(["docs", "lint"], dir)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('unknown action "lint"'),
    });
    expect(await runCli(["docs", "check", "docs/nope.md"], dir)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('no such file "docs/nope.md"'),
    });
    expect((await runCli(["docs", "check", "--format", "xml"], dir)).code).toBe(2);
    const badConfig = project({ "logpact.config.json": JSON.stringify({ docs: { coverge: "off" } }) });
    expect(await runCli(["docs", "check"], badConfig)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('unknown key "docs.coverge". Did you mean "coverage"?'),
    });
  });
});

describe("this repository", () => {
  it("its docs pass `logpact docs check` (generated sections current, citations valid, every bundled event mentioned)", async () => {
    const r = await runCli(["docs", "check"], REPO);
    expect(
      r.stdout + r.stderr,
      "run `pnpm logpact docs check` to see the findings; `pnpm gen` fixes stale sections",
    ).toMatch(/^logpact docs check: ok \(/m);
    expect(r.code).toBe(0);
  });
});
