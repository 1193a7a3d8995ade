/**
 * The one-line summary every format ends with (stylish, github) or carries (json):
 * counts per severity and per rule, what the baseline and --changed-since hid, notices.
 */
import type { LintReport } from "./types.js";

export interface SummaryCounts {
  errors: number;
  warnings: number;
  /** Rule → findings, sorted by rule name. */
  byRule: Record<string, number>;
  files: number;
  filesWithFindings: number;
  calls: number;
  baselined: number;
  unchanged: number;
  notices: number;
}

export function summaryCounts(report: LintReport): SummaryCounts {
  const byRule: Record<string, number> = {};
  let errors = 0;
  for (const f of report.findings) {
    byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
    if (f.severity === "error") errors++;
  }
  const sorted = Object.fromEntries(Object.entries(byRule).sort(([a], [b]) => (a < b ? -1 : 1)));
  return {
    errors,
    warnings: report.findings.length - errors,
    byRule: sorted,
    files: report.result.files.length,
    filesWithFindings: new Set(report.findings.map((f) => f.file)).size,
    calls: report.result.calls,
    baselined: report.baselined,
    unchanged: report.unchanged,
    notices: report.result.notices.length,
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** `logpact lint: 5 problems (4 errors, 1 warning) in 2 of 40 files — untyped-log-call: 3, …`. */
export function summaryLine(report: LintReport): string {
  const c = summaryCounts(report);
  const total = c.errors + c.warnings;
  const head =
    total === 0
      ? `logpact lint: no problems in ${plural(c.files, "file")} (${plural(c.calls, "log call")})`
      : `logpact lint: ${plural(total, "problem")} (${plural(c.errors, "error")}, ${plural(c.warnings, "warning")}) in ${c.filesWithFindings} of ${plural(c.files, "file")} — ${Object.entries(
          c.byRule,
        )
          .map(([r, n]) => `${r}: ${n}`)
          .join(", ")}`;
  const extra = [
    c.baselined ? `${c.baselined} known in the baseline` : "",
    report.changedSince !== undefined ? `${c.unchanged} on lines unchanged since ${report.changedSince}` : "",
    c.notices ? `${plural(c.notices, "file notice")}` : "",
  ].filter(Boolean);
  return `${head}${extra.length ? `; ${extra.join("; ")}` : ""}.`;
}
