/**
 * What every reporter formats: the findings left after suppression comments, the
 * baseline and `--changed-since`, plus counts for the summary line.
 */
import type { LintResult } from "../index.js";
import type { Finding } from "../types.js";

export interface LintReport {
  readonly result: LintResult;
  /** Findings to show (after baseline and changed-lines filtering). */
  readonly findings: readonly Finding[];
  /** Findings the baseline absorbed. */
  readonly baselined: number;
  /** Findings dropped because their lines did not change (`--changed-since`). */
  readonly unchanged: number;
  /** The ref given with `--changed-since`. */
  readonly changedSince?: string | undefined;
}

export interface ReporterOptions {
  /** ANSI colours (stylish on a terminal). */
  readonly color?: boolean;
  /** logpact's version, for SARIF. */
  readonly version: string;
  /**
   * The installed package's docs, for SARIF: a `file:` URL of the package root (rule help
   * and the tool's page point at the shipped Markdown) and a reader of a shipped doc
   * (its text goes into each rule's `help.markdown`, which code-scanning UIs show).
   */
  readonly docs?: { readonly baseUri: string; read(path: string): string | undefined };
}

/** A reporter turns a report into the text written to stdout or `--output`. */
export type Reporter = (report: LintReport, opts: ReporterOptions) => string;
