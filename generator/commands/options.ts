/**
 * The flags every command shares, declared once so they read and behave the same
 * everywhere: `-f, --format`, `-o, --output`, `-q, --quiet`, `--color/--no-color` and
 * `--fail-on`. `-q, --quiet` is declared per command (what it leaves out differs). Also the colour and progress-line decisions (NO_COLOR, FORCE_COLOR, CI).
 */
import { Option } from "commander";
import { resolve } from "node:path";
import { UsageError } from "../errors.js";
import { didYouMeanSuffix } from "../util/did-you-mean.js";
import { STDOUT_PATH, writeOutput } from "../util/output.js";
import type { Io } from "./types.js";

/** `--fail-on`: the lowest severity that makes the run exit 1 (`none`: never). */
export const FAIL_ON = ["error", "warning", "none"] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** `-f, --format <format>` with the command's formats, the first being the default. */
export function formatOption(formats: readonly string[], extra = ""): Option {
  return new Option("-f, --format <format>", `output format: ${formats.join(", ")}${extra}`).default(formats[0]);
}

/** `-o, --output <file>`: the report to a file (atomically) instead of stdout. */
export function outputOption(): Option {
  return new Option(
    "-o, --output <file>",
    "write the report to this file instead of stdout (- for stdout); a one-line summary still goes to stdout",
  );
}

/** `--color`; add `noColorOption()` beside it. Without either, NO_COLOR, FORCE_COLOR and the terminal decide. */
export function colorOption(): Option {
  return new Option("--color", "colour the output even when it is not a terminal (also FORCE_COLOR=1)");
}

/** `--no-color`. */
export function noColorOption(): Option {
  return new Option("--no-color", "never colour the output (also NO_COLOR=1)");
}

/** `--fail-on <severity>`; `extra` names command-specific values. */
export function failOnOption(extra = ""): Option {
  return new Option(
    "--fail-on <severity>",
    `exit 1 on findings at this severity or worse: error (default), warning (errors and warnings) or none${extra}`,
  );
}

/**
 * Parses `--fail-on`. `aliases` maps a command's own words onto the shared ones
 * (diff: `breaking` is its `error`). Undefined when the flag was not given.
 */
export function parseFailOn(raw: unknown, aliases: Readonly<Record<string, FailOn>> = {}): FailOn | undefined {
  if (raw === undefined) return undefined;
  const value = String(raw);
  if ((FAIL_ON as readonly string[]).includes(value)) return value as FailOn;
  if (Object.hasOwn(aliases, value)) return aliases[value];
  const known = [...FAIL_ON, ...Object.keys(aliases)];
  throw new UsageError(
    `--fail-on: unknown severity "${value}".${didYouMeanSuffix(value, known)} Known: ${known.join(", ")}`,
  );
}

/** True when `value` is a `--fail-on` severity (or one of `aliases`). */
export function isFailOnSeverity(value: unknown, aliases: Readonly<Record<string, FailOn>> = {}): boolean {
  return typeof value === "string" && ((FAIL_ON as readonly string[]).includes(value) || Object.hasOwn(aliases, value));
}

type Env = Readonly<Record<string, string | undefined>>;

/** The environment a command reads: its `io.env` (tests), else the process's. */
export function envOf(io: Pick<Io, "env">): Env {
  return io.env ?? process.env;
}

/**
 * Whether to colour: `--color`/`--no-color` win; then NO_COLOR (any non-empty value,
 * no-color.org); a report going to a file is plain; then FORCE_COLOR (not "0" or
 * "false"); else only on a terminal.
 */
export function useColor(opts: Record<string, unknown>, io: Pick<Io, "isTTY" | "env">, env: Env = envOf(io)): boolean {
  if (opts.color === true || opts.color === false) return opts.color;
  if (env.NO_COLOR) return false;
  if (opts.output !== undefined && opts.output !== STDOUT_PATH) return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false";
  return io.isTTY;
}

/** A progress line only on a terminal, never in CI, never with --quiet or --no-progress. */
export function useProgress(
  opts: Record<string, unknown>,
  io: Pick<Io, "isTTY" | "env">,
  env: Env = envOf(io),
): boolean {
  return io.isTTY && !env.CI && !opts.quiet && opts.progress !== false;
}

/** A one-line status on stderr, redrawn in place (at most every 100 ms) and erased by `done`. */
export interface Progress {
  update(text: string): void;
  done(): void;
}

const NO_PROGRESS: Progress = { update() {}, done() {} };

export function progressLine(io: Io, enabled: boolean, now: () => number = Date.now): Progress {
  if (!enabled) return NO_PROGRESS;
  let last = -Infinity;
  let drawn = false;
  return {
    update(text) {
      const t = now();
      if (t - last < 100) return;
      last = t;
      drawn = true;
      io.stderr(`\r${text}\u001b[K`);
    },
    done() {
      if (drawn) io.stderr("\r\u001b[K");
      drawn = false;
    },
  };
}

/** ANSI colours, or identity functions when `enabled` is false. */
export function palette(enabled: boolean) {
  const c = (code: number) => (s: string) => (enabled ? `\u001b[${code}m${s}\u001b[0m` : s);
  return { red: c(31), yellow: c(33), green: c(32), cyan: c(36), dim: c(2), bold: c(1) };
}

/**
 * Colours the severity words of a plain-text report (`error`, `warning`, `breaking`)
 * where they stand as a label, so every text format gets the same colours.
 */
export function colorSeverities(text: string, enabled: boolean): string {
  if (!enabled) return text;
  const p = palette(true);
  return text.replace(
    /(^|[\s:(])(errors?|breaking|warnings?)(?=[\s:\]),]|$)/gm,
    (_, pre: string, word: string) => `${pre}${word.startsWith("warning") ? p.yellow(word) : p.red(word)}`,
  );
}

/**
 * Prints a report: to stdout, or with `-o <file>` to that file (atomically; streamed for
 * a FIFO or device) with `summary` on stdout.
 */
export function emitReport(io: Io, opts: Record<string, unknown>, text: string, summary: string): void {
  const output = opts.output;
  if (output === undefined || output === STDOUT_PATH) {
    io.stdout(text);
    return;
  }
  const path = resolve(io.cwd, String(output));
  writeOutput(path, text, String(output));
  io.stdout(`${summary}\n`);
}
