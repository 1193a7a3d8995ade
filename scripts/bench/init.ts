/**
 * How long `logpact init` takes on a 2,000-file repo (issue 14: "fast on a 2,000-file
 * repo"). Generates the repo of test/init/big-repo.ts (8 schema modules among ~1,990
 * services, API schemas and tests) into a temp folder and runs the analysis `init` does,
 * per phase: walk + text pre-filter, importing the candidates and building the registry,
 * lint's syntax pass for the levels. Then the same on the CLI, end to end.
 *
 * Run: `pnpm bench:init [--files N] [--runs R]`. Each figure is the best of R runs.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { analyzeProject } from "../../generator/init/index.js";
import { bigRepo } from "../../test/init/big-repo.js";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const files = arg("--files", 2_000);
const runs = arg("--runs", 3);

const dir = mkdtempSync(join(tmpdir(), "logpact-bench-init-"));
try {
  for (const [p, text] of Object.entries(bigRepo(files))) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  symlinkSync(join(REPO, "node_modules"), join(dir, "node_modules"));
  console.log(`init bench: ${files} files, best of ${runs}, load average ${loadavg()[0]!.toFixed(2)}`);

  const best = { discover: Infinity, load: Infinity, scan: Infinity, total: Infinity, scanOff: Infinity };
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const a = await analyzeProject({ root: dir, jobs: 1 });
    const total = performance.now() - t;
    if (a.candidates.length !== 8) throw new Error(`expected 8 candidates, got ${a.candidates.length}`);
    best.discover = Math.min(best.discover, a.timings.discover);
    best.load = Math.min(best.load, a.timings.load);
    best.scan = Math.min(best.scan, a.timings.scan);
    best.total = Math.min(best.total, total);
  }
  console.log(
    `library, 1 thread: walk + pre-filter ${best.discover} ms, import + registry ${best.load} ms, level scan ${best.scan} ms, total ${best.total.toFixed(0)} ms`,
  );

  let cli = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(
      process.execPath,
      [join(REPO, "node_modules/tsx/dist/cli.mjs"), join(REPO, "generator/cli.ts"), "init", "--dry-run", "--jobs", "1"],
      { cwd: dir, encoding: "utf8" },
    );
    if (r.status !== 0) throw new Error(r.stderr);
    cli = Math.min(cli, performance.now() - t);
  }
  console.log(`CLI (tsx, from source), init --dry-run --jobs 1: ${cli.toFixed(0)} ms wall`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
