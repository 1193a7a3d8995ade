import type { Command } from "commander";

/** Where a command runs, reads and prints; tests pass their own to run the CLI in-process. */
export interface Io {
  readonly cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** True when stdout is a terminal (progress lines, colours). */
  readonly isTTY: boolean;
  /** Environment the command reads (NO_COLOR, FORCE_COLOR, CI, …); default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Read for the input `-` (validate); default `process.stdin`. */
  readonly stdin?: NodeJS.ReadableStream;
}

/**
 * A CLI command: commander declares its flags, `run` does the work and returns the
 * exit code (0 clean, 1 findings, 2 usage/config error). Commands stay thin: they call
 * the library and format its result.
 */
export interface CommandSpec {
  readonly name: string;
  readonly summary: string;
  configure(cmd: Command): Command;
  run(args: string[], opts: Record<string, unknown>, io: Io): Promise<number>;
}
