/**
 * The CLI in-process: `main(argv, io)` from generator/cli.ts, the same argv → exit code
 * path the bin runs, with the folder, environment, stdin and output given through `io`.
 * Most end-to-end tests use this; `runBin` (project.ts) starts a real process for the
 * few that must be one (the bin shim, signals, the real process's exit code and pipes).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { expect } from "vitest";
import { main } from "../../generator/cli.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** What stdin holds (default: nothing, as for a process started with an empty pipe). */
  input?: string | Buffer;
  /** Added to the environment (which starts as this process's, with NO_COLOR=1). */
  env?: Record<string, string>;
  /** Pretend stdout is a terminal (default false: the output is captured). */
  isTTY?: boolean;
}

/** Runs `logpact <args>` in `cwd` in this process and returns its exit code and output. */
export async function runCli(args: readonly string[], cwd: string, opts: CliOptions = {}): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const input = opts.input;
  const code = await main(args, {
    cwd,
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    isTTY: opts.isTTY ?? false,
    env: { ...process.env, NO_COLOR: "1", ...opts.env },
    // Never this process's stdin: a test reading it would wait for vitest's.
    stdin: Readable.from(input === undefined ? [] : [typeof input === "string" ? Buffer.from(input) : input]),
  });
  return { code, stdout, stderr };
}

/**
 * `logpact <args>` in `cwd` must end with exit `code` and write nothing to stderr (a clean
 * run, or one whose findings go to stdout). Returns the run for further checks.
 */
export async function expectCliExit(
  args: readonly string[],
  cwd: string,
  code = 0,
  opts: CliOptions = {},
): Promise<CliResult> {
  const r = await runCli(args, cwd, opts);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(code);
  return r;
}

/**
 * `logpact gen` in `cwd` must refuse: exit 2, stderr holding every one of `expected` (a
 * string it contains or a pattern it matches), and no generated/ folder written. Returns
 * the run for further checks.
 */
export async function expectGenRefused(cwd: string, expected: readonly (string | RegExp)[]): Promise<CliResult> {
  const r = await runCli(["gen"], cwd);
  for (const e of expected) {
    if (typeof e === "string") expect(r.stderr).toContain(e);
    else expect(r.stderr).toMatch(e);
  }
  expect(r.code).toBe(2);
  expect(existsSync(join(cwd, "generated"))).toBe(false);
  return r;
}
