/**
 * Test helpers: temp projects on disk and the real CLI as a subprocess (`runBin`); the
 * in-process CLI most tests use is `runCli` in cli.ts.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { CliResult } from "./cli.js";

/** Repository root. */
export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/**
 * The built CLI entry (run `pnpm build` first; `pnpm test` does). Started as a real process
 * only where the test is about the process: the unsettled top-level await that ends the
 * event loop (faults/guard), a ReDoS that a timeout must be able to kill (faults/redos),
 * shell pipes, FIFOs and /dev/stdin (faults/pipes), SIGKILL mid-write
 * (faults/kill-during-write), the peak RSS of a run (validate/memory), git missing from
 * the PATH (e2e/error-codes); and the installed bin in e2e/consumer and e2e/git-install.
 */
export const BIN = join(REPO, "bin/logpact.mjs");

const created: string[] = [];

/** Removes the temp projects made so far (test/helpers/setup.ts calls it after each test file). */
export function removeTempProjects(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** An empty temp folder named `<prefix>XXXXXX`, removed after the test file like a tmpProject. */
export function tmpDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/**
 * Creates a temp project with `files` (path → contents) and a `node_modules` link to this
 * repo's, so schema modules can `import { z } from "zod"`. Removed after the test file.
 */
export function tmpProject(files: Record<string, string>, opts: { linkNodeModules?: boolean } = {}): string {
  const dir = tmpDir("logpact-test-");
  writeFiles(dir, files);
  if (opts.linkNodeModules !== false) {
    // A symlinked node_modules resolves `zod` (and `logpact` types) from this repo.
    // (symlinkSync, not a spawned `ln`: a fork of the test worker per project added up.)
    symlinkSync(join(REPO, "node_modules"), join(dir, "node_modules"));
  }
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [path, contents] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), contents);
  }
}

/**
 * Runs the built `logpact` bin (bin/logpact.mjs → dist/) as a real process in `cwd`. Only
 * for what must be a process: the bin shim, its exit code and pipes, signals. Everything
 * else runs in-process with `runCli` (cli.ts), which is many times faster.
 */
export function runBin(
  args: readonly string[],
  cwd: string,
  opts: { input?: string; env?: Record<string, string> } = {},
): CliResult {
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: "utf8",
    input: opts.input,
    env: { ...process.env, NO_COLOR: "1", ...opts.env },
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Runs the `logpact` bin a consumer's install put in `<cwd>/node_modules/.bin`: the shim
 * `pnpm exec` and the package's scripts run, started directly (a pnpm start per call was
 * most of the e2e install tests' time).
 */
export function runInstalledBin(args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(join(cwd, "node_modules/.bin/logpact"), args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, CI: "true", NO_COLOR: "1" },
  });
}

/** The version of `name` in this repo's node_modules: what a consumer project pins. */
export function versionInRepo(name: string): string {
  const manifest = JSON.parse(readFileSync(join(REPO, "node_modules", name, "package.json"), "utf8"));
  return (manifest as { version: string }).version;
}

/** `pnpm <args>` in `cwd` as CI runs it (CI=true, NO_COLOR=1), with `env` added to the environment. */
export function runPnpm(
  args: readonly string[],
  cwd: string,
  env: Record<string, string> = {},
): SpawnSyncReturns<string> {
  return spawnSync("pnpm", args, { cwd, encoding: "utf8", env: { ...process.env, CI: "true", NO_COLOR: "1", ...env } });
}

/**
 * `pnpm install <args>` in a consumer project; when it fails, throws with its status, signal,
 * spawn error and output (under heavy load a run was killed with no output at all).
 */
export function pnpmInstall(cwd: string, args: readonly string[], env: Record<string, string> = {}): void {
  const r = runPnpm(["install", ...args], cwd, env);
  if (r.status !== 0)
    throw new Error(
      `pnpm install failed (status ${r.status}, signal ${r.signal}${r.error ? `, ${r.error.message}` : ""}):\n${r.stdout}\n${r.stderr}`,
    );
}

/** Every file under `dir` (relative POSIX path → contents), for whole-tree comparisons. */
export function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[relative(dir, full).split("\\").join("/")] = readFileSync(full, "utf8");
    }
  };
  walk(dir);
  return out;
}
