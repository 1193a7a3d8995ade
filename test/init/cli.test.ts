/**
 * `logpact init` end to end, in process (`main(argv, io)`), on temp repos that imitate
 * other teams' code: per-team `log-fields.ts`, one export per event, `as const` maps,
 * snake_case ids, no levels, and files init must never import.
 */
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectCliExit, runCli } from "../helpers/cli.js";
import { REPO, tmpProject } from "../helpers/project.js";
import { bigRepo, TEAMS } from "./big-repo.js";
import { FOREIGN_REPO } from "./foreign-repo.js";
import { readSnapshotFile } from "../../generator/registry/snapshot.js";

const run = runCli;

/** The repo's files, path → contents (node_modules, a symlink to this repo's, left out). */
function treeOf(dir: string, sub = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(join(dir, sub), { withFileTypes: true })) {
    const rel = sub ? `${sub}/${e.name}` : e.name;
    if (rel === "node_modules") continue;
    if (e.isDirectory()) Object.assign(out, treeOf(dir, rel));
    else out[rel] = readFileSync(join(dir, rel), "utf8");
  }
  return out;
}

describe("logpact init on a repo with hand-written log schemas", () => {
  it("finds the team modules (never tests, build output or API schemas), reports levels seen in code and writes a minimal config", async () => {
    const dir = tmpProject(FOREIGN_REPO);
    const r = await expectCliExit(["init", "--jobs", "1"], dir);
    // Six files under src/ (tests excluded), two of them imported: the two log-fields.ts.
    expect(r.stdout).toMatch(/^logpact init: searched 6 files, imported 2 that use zod literals, found \d+ famil/);
    expect(r.stdout).toContain("src/webhooks/log-fields.ts (WebhookDeliveryLog)");
    expect(r.stdout).toMatch(/id fields +snake_case \(3 of 3 names\)/);
    // Two suffixed names are too few to call a house style.
    expect(r.stdout).toMatch(/unit suffixes +no dominant style \(too few names, or split\): not checked/);
    expect(r.stdout).toMatch(
      /agent\.run\.failed +logged at error in 3 places \(src\/agents\/runner\.ts:12, …\) +add \.meta\(\{ level: "error" \}\)/,
    );
    expect(r.stdout).toMatch(/webhook\.delivery\.rejected +logged at warn in 1 place \(src\/webhooks\/handler\.ts:6\)/);
    expect(r.stdout).toContain(
      "not logged with a literal event name in code: agent.run.finished, webhook.delivery.processed",
    );
    expect(r.stdout).toContain("pnpm logpact gen --check");
    const config = readFileSync(join(dir, "logpact.config.ts"), "utf8");
    expect(config).toContain('schemas: ["src/**/log-fields.ts"],');
    // The registry's own style is inferred by the convention rules: nothing to configure.
    expect(config).not.toContain("conventions");
    expect(r.stdout).toContain(
      config
        .trimEnd()
        .split("\n")
        .map((l) => `  | ${l}`)
        .join("\n"),
    );
  });

  it("is safe to re-run: a second run changes nothing and exits 2; --force replaces logpact.config.ts", async () => {
    const dir = tmpProject(FOREIGN_REPO);
    expect((await run(["init", "-j", "1"], dir)).code).toBe(0);
    const before = treeOf(dir);
    const again = await run(["init"], dir);
    expect(again.code).toBe(2);
    expect(again.stdout).toBe("");
    expect(again.stderr).toContain("logpact.config.ts: error LP_INIT_CONFIG_EXISTS");
    expect(again.stderr).toContain("logpact init --force");
    expect(treeOf(dir)).toEqual(before);

    writeFileSync(join(dir, "logpact.config.ts"), "export default { outDir: 'out' };\n");
    const forced = await run(["init", "--force", "-j", "1"], dir);
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir, "logpact.config.ts"), "utf8")).toBe(before["logpact.config.ts"]);
  });

  it.each([
    ["logpact.config.json", { "logpact.config.json": "{}" }],
    ["logpact.config.mjs", { "logpact.config.mjs": "export default {};" }],
    ["package.json#logpact", { "package.json": JSON.stringify({ name: "x", logpact: { outDir: "out" } }) }],
  ])("refuses when the config is %s, with or without --force, and writes nothing", async (name, files) => {
    const dir = tmpProject({ ...FOREIGN_REPO, ...files });
    const before = treeOf(dir);
    for (const args of [["init"], ["init", "--force"]]) {
      const r = await run(args, dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${name}: error LP_INIT_CONFIG_EXISTS`);
      expect(treeOf(dir)).toEqual(before);
    }
  });

  it("--dry-run prints the report and the config and writes nothing, even beside an existing config", async () => {
    const dir = tmpProject({ ...FOREIGN_REPO, "logpact.config.json": "{}" });
    const before = treeOf(dir);
    const r = await run(["init", "--dry-run", "-j", "1"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("would write logpact.config.ts:");
    expect(r.stdout).toContain('  |   schemas: ["src/**/log-fields.ts"],');
    expect(treeOf(dir)).toEqual(before);
  });

  it("--format json gives tools the same facts", async () => {
    const dir = tmpProject(FOREIGN_REPO);
    const r = await run(["init", "--format", "json", "--dry-run", "-j", "1"], dir);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.candidates).toEqual(["src/agents/log-fields.ts", "src/webhooks/log-fields.ts"]);
    expect(j.eventKey.key).toBe("event");
    expect(j.config).toEqual({ schemas: ["src/**/log-fields.ts"] });
    expect(j.conventions["id-field-case"]).toEqual({ style: "snake_case", count: 3, total: 3 });
    expect(j.levels.seen.find((s: { event: string }) => s.event === "agent.run.failed")).toMatchObject({
      suggest: "error",
      levels: [{ level: "error", places: 3 }],
    });
    expect(j.outcome.dryRun).toBe(true);
    expect(j.nextSteps).toContain("pnpm logpact gen");
  });

  it("a schema module that does not import is reported, and kept under the glob so that gen names it", async () => {
    const dir = tmpProject({
      ...FOREIGN_REPO,
      "src/billing/log-fields.ts": `import { z } from "zod";\nexport const B = z.strictObject({ event: z.literal("billing.paid"), amount_usd: z.number() )});\n`,
    });
    const r = await run(["init", "-j", "1"], dir);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, "logpact.config.ts"), "utf8")).toContain('schemas: ["src/**/log-fields.ts"],');
    expect(r.stdout).toMatch(/gen will report: 1 error, .*LP_LOAD_FAILED ×1/);
    const gen = await run(["gen"], dir);
    expect(gen.code).toBe(2);
    expect(gen.stderr).toContain("src/billing/log-fields.ts: error LP_LOAD_FAILED");
  });

  it("--search points it elsewhere; usage errors exit 2", async () => {
    const dir = tmpProject({
      ...FOREIGN_REPO,
      "lib/logging/schemas.ts": FOREIGN_REPO["src/webhooks/log-fields.ts"]!.replaceAll("webhook.", "lib."),
    });
    const r = await run(["init", "--search", "lib/**/*.ts", "--dry-run", "-j", "1"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('schemas: ["lib/**/*.ts"],');
    expect((await run(["init", "--jobs", "0"], dir)).code).toBe(2);
    expect((await run(["init", "--format", "xml"], dir)).code).toBe(2);
    const badGlob = await run(["init", "--search", "src/{a,b"], dir);
    expect(badGlob.code).toBe(2);
    expect(badGlob.stderr).toContain('--search: unclosed "{" in glob "src/{a,b"');
    expect((await run(["-c", "x.ts", "init"], dir)).stderr).toContain("--config is for the other commands");
  });

  it("init then gen: exit 0, no errors, every event of every team module generated", async () => {
    const dir = tmpProject(FOREIGN_REPO);
    expect((await run(["init", "-j", "1"], dir)).code).toBe(0);
    const gen = await run(["gen"], dir);
    expect(gen.stderr).not.toMatch(/: error /);
    expect(gen.code).toBe(0);
    expect(gen.stdout).toMatch(/^logpact gen: 2 families, 6 events/);
    const registry = readSnapshotFile(join(dir, "generated/registry.json"), "generated/registry.json");
    expect(registry.families.flatMap((f) => f.events.map((e) => e.name)).sort()).toEqual([
      "agent.run.failed",
      "agent.run.finished",
      "agent.run.started",
      "webhook.delivery.processed",
      "webhook.delivery.received",
      "webhook.delivery.rejected",
    ]);
  });

  it("init then gen on a copy of the adoption fixture (test/fixtures/adopt-repo) without its config: exit 0, zero errors", async () => {
    const dir = tmpProject({});
    cpSync(join(REPO, "test/fixtures/adopt-repo"), dir, { recursive: true });
    rmSync(join(dir, "logpact.config.json"));
    const init = await run(["init", "--format", "json", "-j", "1"], dir);
    expect(init.code).toBe(0);
    const report = JSON.parse(init.stdout);
    expect(report.config).toEqual({ schemas: ["src/**/log-fields.ts"] });
    expect(report.diagnostics.filter((d: { severity: string }) => d.severity === "error")).toEqual([]);
    const gen = await run(["gen"], dir);
    expect(gen.stderr).not.toMatch(/: error /);
    expect(gen.code).toBe(0);
    const registry = JSON.parse(readFileSync(join(dir, "generated/registry.json"), "utf8")) as {
      families: { events: unknown[] }[];
    };
    const events = (report.families as { events: number }[]).reduce((n, f) => n + f.events, 0);
    expect(registry.families.reduce((n, f) => n + f.events.length, 0)).toBe(events);
    expect(events).toBeGreaterThanOrEqual(50);
  });
});

describe("logpact init on a repo with no log schemas", () => {
  it("scaffolds an example family and a config; gen on it exits 0 with no warnings; a re-run changes nothing", async () => {
    const dir = tmpProject({
      "package.json": JSON.stringify({ name: "fresh", dependencies: { zod: "^4" } }),
      "src/index.ts": "export const x = 1;\n",
    });
    const r = await run(["init"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("no event families found: wrote an example family to schemas/job.ts");
    expect(r.stdout).toContain("note: add logpact to the repo: pnpm add -D logpact");
    expect(r.stdout).not.toContain("pnpm add zod");
    expect(readFileSync(join(dir, "logpact.config.ts"), "utf8")).toContain("export default {} satisfies UserConfig;");
    const gen = await run(["gen"], dir);
    expect(gen.stderr).toBe("");
    expect(gen.code).toBe(0);
    expect(gen.stdout).toMatch(/^logpact gen: 1 family, 3 events/);
    const lint = await run(["lint", "--jobs", "1"], dir);
    expect(lint.code).toBe(0);

    const before = treeOf(dir);
    expect((await run(["init"], dir)).code).toBe(2);
    const forced = await run(["init", "--force", "-j", "1"], dir);
    expect(forced.code).toBe(0);
    // Now it finds the example as the registry and writes no second one.
    expect(forced.stdout).toContain("job.run  3 events");
    expect(forced.stdout).not.toContain("example family");
    expect(treeOf(dir)).toEqual(before);
  });

  it("never overwrites an existing file at the example's path", async () => {
    const dir = tmpProject({ "schemas/job.ts": "export const JOB_QUEUES = ['default'];\n" });
    const r = await run(["init"], dir);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, "schemas/job.ts"), "utf8")).toBe("export const JOB_QUEUES = ['default'];\n");
    expect(r.stdout).toContain("note: schemas/job.ts exists and declares no event family, so no example was written");
    expect(existsSync(join(dir, "logpact.config.ts"))).toBe(true);
  });
});

describe("logpact init on a 2,000-file repo", () => {
  it("imports only the 8 schema modules (the rest throw when imported) and sees the levels in code", async () => {
    const dir = tmpProject(bigRepo(2_000));
    const r = await expectCliExit(["init", "--format", "json", "--dry-run"], dir);
    const j = JSON.parse(r.stdout);
    expect(j.candidates).toEqual(TEAMS.map((t) => `src/${t}/log-fields.ts`).sort());
    expect(j.loadFailures).toEqual([]);
    expect(j.families).toHaveLength(8);
    expect(j.config.schemas).toEqual(["src/**/log-fields.ts"]);
    expect(j.codeFiles).toBeGreaterThanOrEqual(1_990);
    const started = j.levels.seen.find((s: { event: string }) => s.event === "agent.job.started");
    expect(started.levels).toEqual([{ level: "info", places: expect.any(Number) }]);
    const failed = j.levels.seen.find((s: { event: string }) => s.event === "agent.job.failed");
    expect(failed.levels.map((l: { level: string }) => l.level).sort()).toEqual(["error", "warn"]);
  }, 120_000);
});

describe("logpact init on a repo keyed on `type`", () => {
  const BILLING: Record<string, string> = {
    "package.json": JSON.stringify({
      name: "billing-service",
      private: true,
      type: "module",
      dependencies: { zod: "^4.0.0" },
    }),
    "src/billing/log-schema.ts": `import { z } from "zod";

export const InvoiceLog = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("billing.invoice.created"), invoice_id: z.string(), amount_usd: z.number() }),
  z.strictObject({ type: z.literal("billing.invoice.paid"), invoice_id: z.string(), amount_usd: z.number() }),
  z.strictObject({ type: z.literal("billing.invoice.failed"), invoice_id: z.string(), decline_code: z.string() }),
]);
`,
    "src/billing/charge.ts": `import type { Logger } from "pino";

export function charge(log: Logger, id: string, ok: boolean): void {
  if (ok) log.info({ type: "billing.invoice.paid", invoice_id: id, amount_usd: 3 });
  else log.error({ type: "billing.invoice.failed", invoice_id: id, decline_code: "card_declined" });
}
`,
  };

  it("detects the key, writes eventKey, reads the levels with it; gen exits 0", async () => {
    const dir = tmpProject(BILLING);
    const r = await run(["init", "-j", "1"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/event key +type \(3 event objects\)/);
    expect(r.stdout).toMatch(
      /billing\.invoice\.failed +logged at error in 1 place \(src\/billing\/charge\.ts:5\) +add \.meta\(\{ level: "error" \}\)/,
    );
    const config = readFileSync(join(dir, "logpact.config.ts"), "utf8");
    expect(config).toContain('eventKey: "type",');
    expect(config).toContain('schemas: ["src/billing/log-schema.ts"],');
    const gen = await run(["gen"], dir);
    expect(gen.stderr).not.toMatch(/: error /);
    expect(gen.code).toBe(0);
    expect(gen.stdout).toMatch(/^logpact gen: 1 family, 3 events/);
  });
});
