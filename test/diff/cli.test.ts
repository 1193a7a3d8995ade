/**
 * `logpact diff` end to end: the CLI in-process (`main(argv, io)`), on real git repositories in
 * temp folders, with real commits (schemas, generated snapshot) and a changed working tree.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { expectCliExit, runCli } from "../helpers/cli.js";
import { tmpProject, writeFiles } from "../helpers/project.js";
import { parseConfig } from "../../generator/config/load.js";
import { loadRegistry } from "../../generator/registry/index.js";
import { snapshotOf } from "../../generator/registry/snapshot.js";
import { compactJson } from "../../generator/util/json.js";

const GIT_ENV = {
  GIT_AUTHOR_NAME: "logpact test",
  GIT_AUTHOR_EMAIL: "test@logpact.invalid",
  GIT_COMMITTER_NAME: "logpact test",
  GIT_COMMITTER_EMAIL: "test@logpact.invalid",
  GIT_CONFIG_NOSYSTEM: "1",
};

function git(dir: string, ...args: string[]): string {
  const r = spawnSync("git", args, { cwd: dir, encoding: "utf8", env: { ...process.env, ...GIT_ENV } });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout;
}

/** A temp project with `files`, made a git repository on branch main (nothing committed yet). */
function gitProject(files: Record<string, string>): string {
  const dir = tmpProject(files);
  git(dir, "init", "-q", "-b", "main");
  return dir;
}

function commitAll(dir: string, message: string): void {
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", message);
}

/** A one-family registry; `finished` is the event the alert watches. */
function jobSchema(
  opts: { durationField?: string; extraStartedField?: string; retried?: boolean; finishedLevel?: string } = {},
): string {
  const dur = opts.durationField ?? "durationMs";
  return `import { z } from "zod";

const jobId = z.string().min(1).meta({ description: "Job id." });

export const JobLog = z
  .discriminatedUnion("event", [
    z
      .strictObject({
        event: z.literal("job.started"),
        jobId,${opts.extraStartedField ? `\n        ${opts.extraStartedField}: z.string().optional().meta({ description: "Queue name." }),` : ""}
      })
      .meta({ level: "info", description: "A worker picked the job up." }),
    z
      .strictObject({
        event: z.literal("job.finished"),
        jobId,
        ${dur}: z.number().int().nonnegative().meta({ unit: "ms", description: "Pick-up to finish." }),
      })
      .meta({ level: "${opts.finishedLevel ?? "info"}", description: "The job completed." }),${
        opts.retried
          ? `
    z
      .strictObject({ event: z.literal("job.retried"), jobId })
      .meta({ level: "warn", description: "The job is retried." }),`
          : ""
      }
  ])
  .meta({
    family: "job",
    description: "Batch jobs.",
    alerts: [
      {
        kind: "quantile",
        name: "JobSlow",
        event: "finished",
        field: "${dur}",
        quantile: 0.95,
        window: "1h",
        op: ">",
        value: 60000,
        severity: "warning",
        summary: "p95 job duration is {{ $value }} ms.",
      },
    ],
  });
`;
}

async function gen(dir: string): Promise<void> {
  const r = await runCli(["gen", "--quiet"], dir);
  if (r.code !== 0) throw new Error(`logpact gen failed (${r.code}): ${r.stderr}`);
}

/** A repo with two commits, each with its generated snapshot: durationMs renamed to duration_ms in the second. */
async function breakingRepo(): Promise<string> {
  const dir = gitProject({ ".gitignore": "node_modules\n", "schemas/job.ts": jobSchema() });
  await gen(dir);
  commitAll(dir, "v1");
  writeFiles(dir, { "schemas/job.ts": jobSchema({ durationField: "duration_ms" }) });
  await gen(dir);
  commitAll(dir, "v2: rename durationMs");
  return dir;
}

const RENAME =
  "breaking: field `durationMs` removed from `job.finished`, and `duration_ms` (same type) added: a rename without a deprecation record (used by alert JobSlow) [field-renamed-undocumented]";

describe("a breaking change between two commits", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await breakingRepo();
  });

  it("fails with exit 1 and names the field, the event, the alert and the fix (text)", async () => {
    const r = await expectCliExit(["diff", "--against", "HEAD~1"], dir, 1);
    expect(r.stdout).toContain("against HEAD~1 (");
    expect(r.stdout).toContain("committed snapshot generated/registry.json): 1 breaking, 0 warnings, 1 safe");
    expect(r.stdout).toContain(RENAME);
    expect(r.stdout).toContain(
      'fix: keep `durationMs` beside `duration_ms` (log both) and mark it `.meta({ deprecation: { renamed_to: "duration_ms" } })`',
    );
    expect(r.stdout).toContain("safe: alert `JobSlow` of family `job` changed [alert-changed]");
    expect(r.stdout).toMatch(/Failing \(exit 1\)/);
  });

  it("builds the baseline from the ref's schema modules with --from-schemas, and removes its worktree", async () => {
    const r = await runCli(["diff", "--against", "HEAD~1", "--from-schemas"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("built from its schema modules): 1 breaking");
    expect(r.stdout).toContain(RENAME);
    expect(git(dir, "worktree", "list", "--porcelain").match(/^worktree /gm)).toHaveLength(1);
  });

  it("writes JSON with counts, the baseline and every change", async () => {
    const r = await runCli(["diff", "--against", "HEAD~1", "--format", "json"], dir);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as {
      against: { kind: string; ref: string; from: string; commit: string };
      counts: Record<string, number>;
      failed: boolean;
      changes: { rule: string; field?: string; alerts?: string[] }[];
    };
    expect(out.against).toMatchObject({ kind: "git", ref: "HEAD~1", from: "snapshot" });
    expect(out.against.commit).toBe(git(dir, "rev-parse", "HEAD~1").trim());
    expect(out.counts).toEqual({ breaking: 1, warning: 0, safe: 1 });
    expect(out.failed).toBe(true);
    expect(out.changes[0]).toMatchObject({
      rule: "field-renamed-undocumented",
      field: "durationMs",
      alerts: ["JobSlow"],
    });
  });

  it("writes GitHub annotations on the schema module's line", async () => {
    const r = await runCli(["diff", "--against", "HEAD~1", "--format", "github"], dir);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split("\n");
    const source = readFileSync(join(dir, "schemas/job.ts"), "utf8").split("\n");
    const eventLine = source.findIndex((l) => l.includes('"job.finished"')) + 1;
    expect(lines[0]).toBe(
      `::error file=schemas/job.ts,line=${eventLine},title=logpact diff%3A breaking (field-renamed-undocumented)::field \`durationMs\` removed from \`job.finished\`, and \`duration_ms\` (same type) added: a rename without a deprecation record (used by alert JobSlow)%0Afix: keep \`durationMs\` beside \`duration_ms\` (log both) and mark it \`.meta({ deprecation: { renamed_to: "duration_ms" } })\`; remove it in a later release`,
    );
    expect(lines).toHaveLength(2); // the safe change is not annotated; the last line is the summary
  });

  it("writes a Markdown summary for a pull-request comment", async () => {
    const r = await runCli(["diff", "--against", "HEAD~1", "--format", "markdown"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("❌ **1 breaking, 0 warnings, 1 safe** against `HEAD~1`");
    expect(r.stdout).toContain(
      "#### Breaking (1)\n\n| change | where | rule |\n|---|---|---|\n| field `durationMs` removed from `job.finished`, and `duration_ms` (same type) added",
    );
    expect(r.stdout).toContain(
      "| job › job.finished › durationMs<br>`schemas/job.ts` | `field-renamed-undocumented` |",
    );
    expect(r.stdout).toContain("<summary>1 safe change</summary>");
  });

  it("passes with --allow-breaking", async () => {
    const r = await runCli(["diff", "--against", "HEAD~1", "--allow-breaking"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Breaking changes accepted (--allow-breaking).");
  });

  it("compares against a snapshot file just the same", async () => {
    writeFileSync(join(dir, "old-registry.json"), git(dir, "show", "HEAD~1:generated/registry.json"));
    const r = await runCli(["diff", "--against-snapshot", "old-registry.json"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("against snapshot old-registry.json: 1 breaking");
    expect(r.stdout).toContain(RENAME);
  });

  it("reports no changes against HEAD itself", async () => {
    const r = await runCli(["diff", "--against", "HEAD"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(": no changes");
  });
});

/** A snapshot's families with their alerts as declared (before irVersion 3, snapshots held no resolved form). */
function declaredAlerts(families: readonly { alerts: readonly object[] }[]): unknown[] {
  return families.map((f) => ({
    ...f,
    alerts: f.alerts.map(({ resolved: _r, ...decl }: { resolved?: unknown }) => decl),
  }));
}

describe("the pull request that adopts logpact", () => {
  // A service's history: first only code logging through a pino child logger, then the
  // commit that adds schemas and a logger profile (base service, a required binding, ISO time).
  it("passes diff against the commit before it: only events are new, the profile is no breaking change", async () => {
    const dir = gitProject({
      ".gitignore": "node_modules\n",
      "src/worker.ts":
        'import pino from "pino";\nconst log = pino({ base: { service: "jobs" } }).child({ requestId: "r-1" });\nlog.info({ event: "job.started", jobId: "j" });\n',
    });
    commitAll(dir, "a service with hand-written log calls");
    writeFiles(dir, {
      "schemas/job.ts": jobSchema(),
      "logpact.config.json": JSON.stringify({
        envelope: {
          base: { service: { type: "string" } },
          bindings: { requestId: { type: "string" } },
          required: ["requestId"],
          timestamp: "iso",
        },
      }),
    });
    await gen(dir);
    commitAll(dir, "adopt logpact");
    const r = await runCli(["diff", "--against", "HEAD~1"], dir);
    expect(r.stderr).toContain("no event families at HEAD~1");
    expect(r.stdout).toContain("0 breaking, 0 warnings, 3 safe"); // two events and the alert
    expect(r.stdout).not.toContain("envelope");
    expect(r.code).toBe(0);
  });
});

describe.each([1, 2, 3, 4])("a ref whose committed snapshot has irVersion %i (1–3: an older logpact's)", (version) => {
  it("is read, not rebuilt, its alerts resolved on read (1, 2), and diffs the same", async () => {
    const dir = gitProject({ ".gitignore": "node_modules\n", "schemas/job.ts": jobSchema() });
    await gen(dir);
    const path = join(dir, "generated/registry.json");
    const written = JSON.parse(readFileSync(path, "utf8")) as { $comment: string; irVersion: number };
    expect(written.irVersion).toBe(4);
    // The IR with its text, as an older logpact had it when it wrote its snapshot: irVersion 1
    // was the IR as it is with the banner; 2 the compact form without the alerts' resolved
    // form; 3 the compact form with descriptions and examples in full.
    const { ir } = await loadRegistry(dir, parseConfig({}, "test"));
    const v3 = snapshotOf(ir, written.$comment, 3) as { families: { alerts: object[] }[] };
    expect(v3.families[0]!.alerts[0]).toHaveProperty("resolved");
    const old =
      version === 1
        ? { $comment: written.$comment, ...ir, irVersion: 1, families: declaredAlerts(ir.families) }
        : version === 2
          ? { ...v3, irVersion: 2, families: declaredAlerts(v3.families) }
          : version === 3
            ? v3
            : written;
    writeFileSync(path, compactJson(old));
    commitAll(dir, `v1, snapshot in the irVersion ${version} format`);
    writeFiles(dir, { "schemas/job.ts": jobSchema({ durationField: "duration_ms" }) });
    const r = await expectCliExit(["diff", "--against", "HEAD"], dir, 1);
    expect(r.stdout).toContain("committed snapshot generated/registry.json): 1 breaking, 0 warnings, 1 safe");
    // "(used by alert JobSlow)": the old snapshot's alert, resolved on read, reads durationMs.
    expect(r.stdout).toContain(RENAME);
  });

  it("finds a reworded description and changed examples at the ref, as from the schemas", async () => {
    const dir = gitProject({ ".gitignore": "node_modules\n", "schemas/job.ts": jobSchema() });
    await gen(dir);
    if (version !== 4) {
      const path = join(dir, "generated/registry.json");
      const { ir } = await loadRegistry(dir, parseConfig({}, "test"));
      const v3 = snapshotOf(ir, "old", 3) as { families: { alerts: object[] }[] };
      const old =
        version === 1
          ? { ...ir, irVersion: 1, families: declaredAlerts(ir.families) }
          : { ...v3, irVersion: version, families: version === 2 ? declaredAlerts(v3.families) : v3.families };
      writeFileSync(path, compactJson(old));
    }
    commitAll(dir, "v1");
    writeFiles(dir, {
      "schemas/job.ts": jobSchema()
        .replace("A worker picked the job up.", "A worker took the job.")
        .replace('description: "Job id."', 'description: "Job id.", examples: ["j-1"]'),
    });
    const fromSnapshot = await runCli(["diff", "--against", "HEAD"], dir);
    expect(fromSnapshot.code).toBe(0);
    expect(safeFindings(fromSnapshot.stdout)).toEqual(REWORDED_FINDINGS);
    // The same findings as from the ref's schemas: --from-schemas never reads the snapshot, so
    // its run (below, once) is the same whatever format the committed snapshot has.
  });
});

/** The `safe:` lines of a text report. */
const safeFindings = (out: string) => out.split("\n").filter((l) => l.startsWith("safe:"));

/** What diff finds when job.started's description is reworded and jobId gains examples. */
const REWORDED_FINDINGS = [
  "safe: examples of field `jobId` of `job.finished` changed [examples-changed]",
  "safe: description of event `job.started` changed [description-changed]",
  "safe: examples of field `jobId` of `job.started` changed [examples-changed]",
];

it("--from-schemas finds the reworded description and changed examples that every snapshot format gives", async () => {
  const dir = gitProject({ ".gitignore": "node_modules\n", "schemas/job.ts": jobSchema() });
  await gen(dir);
  commitAll(dir, "v1");
  writeFiles(dir, {
    "schemas/job.ts": jobSchema()
      .replace("A worker picked the job up.", "A worker took the job.")
      .replace('description: "Job id."', 'description: "Job id.", examples: ["j-1"]'),
  });
  const fromSchemas = await runCli(["diff", "--against", "HEAD", "--from-schemas"], dir);
  expect(fromSchemas.code).toBe(0);
  expect(safeFindings(fromSchemas.stdout)).toEqual(REWORDED_FINDINGS);
});

describe("safe changes and warnings in the working tree", () => {
  let dir: string;
  beforeAll(() => {
    // No generated snapshot committed: the baseline is built from the ref's schemas.
    dir = gitProject({ ".gitignore": "node_modules\ngenerated\n", "schemas/job.ts": jobSchema() });
    commitAll(dir, "v1");
  });

  it("passes an added optional field and a new event, falling back to the ref's schemas", async () => {
    writeFiles(dir, { "schemas/job.ts": jobSchema({ extraStartedField: "queue", retried: true }) });
    const r = await runCli(["diff", "--against", "HEAD", "--fail-on", "warning"], dir);
    expect(r.stderr).toBe(
      "logpact diff: no committed snapshot generated/registry.json at HEAD; building the registry from the schema modules at HEAD\n",
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("0 breaking, 0 warnings, 2 safe");
    expect(r.stdout).toContain("safe: event `job.retried` added [event-added]");
    expect(r.stdout).toContain("safe: optional field `queue` added to `job.started` [field-added-optional]");
  });

  it("fails a raised level only with --fail-on warning", async () => {
    writeFiles(dir, { "schemas/job.ts": jobSchema({ finishedLevel: "warn" }) });
    const plain = await runCli(["diff", "--against", "HEAD"], dir);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain("warning: level of `job.finished` raised from info to warn [event-level-raised]");
    const strict = await runCli(["diff", "--against", "HEAD", "--fail-on", "warning"], dir);
    expect(strict.code).toBe(1);
  });
});

describe("usage and baseline errors exit 2", () => {
  let repo: string;
  beforeAll(() => {
    repo = gitProject({ ".gitignore": "node_modules\n", "schemas/job.ts": jobSchema() });
    commitAll(repo, "v1");
  });

  it.each([
    [
      "an unknown ref",
      ["diff", "--against", "origin/nope"],
      /LP_DIFF_UNKNOWN_REF[\s\S]*--against "origin\/nope" is not a commit/,
    ],
    ["no baseline", ["diff"], /needs exactly one baseline: --against <git ref>/],
    ["both baselines", ["diff", "--against", "HEAD", "--against-snapshot", "x.json"], /exactly one baseline.*not both/],
    ["a missing snapshot file", ["diff", "--against-snapshot", "nope.json"], /nope\.json: error LP_SNAPSHOT_NOT_FOUND/],
    [
      "an unknown format",
      ["diff", "--against", "HEAD", "--format", "markdwn"],
      /unknown format "markdwn"\. Did you mean "markdown"\?/,
    ],
    ["contradicting flags", ["diff", "--against", "HEAD", "--allow-breaking", "--fail-on", "warning"], /contradict/],
  ])("%s", async (_name, args, message) => {
    const r = await runCli(args, repo);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe("");
  });

  it("a snapshot that is not a registry", async () => {
    writeFiles(repo, { "bad.json": JSON.stringify({ irVersion: 1, families: [{ name: "x" }], envelope: [] }) });
    const r = await runCli(["diff", "--against-snapshot", "bad.json"], repo);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("bad.json: error LP_SNAPSHOT_INVALID");
    expect(r.stderr).toContain("families.0.stability");
  });

  it("--against outside a git repository", async () => {
    const dir = tmpProject({ "schemas/job.ts": jobSchema() });
    const r = await runCli(["diff", "--against", "HEAD"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("LP_DIFF_NOT_A_REPO");
  });
});
