/**
 * Output formats of `logpact docs check`: human text, JSON, GitHub Actions annotations.
 */
import { stableJson } from "../util/json.js";
import type { DocsCheckResult, Finding } from "./check.js";

export const DOCS_FORMATS = ["text", "json", "github"] as const;
export type DocsFormat = (typeof DOCS_FORMATS)[number];

/** `file:line:col: error CODE message` then an indented fix, one block per finding, and a summary. */
export function formatText(result: DocsCheckResult): string {
  const blocks = result.findings.map(
    (f) => `${f.file}:${f.line}:${f.column}: ${f.severity} ${f.code} ${f.message}\n  fix: ${f.fix}\n`,
  );
  return blocks.join("") + summary(result) + "\n";
}

/** Stable JSON: `{ findings: [...], summary: {...} }`. */
export function formatJson(result: DocsCheckResult): string {
  const errors = result.findings.filter((f) => f.severity === "error").length;
  return stableJson({
    findings: result.findings,
    summary: { ...result.stats, errors, warnings: result.findings.length - errors },
  });
}

/** GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`. */
export function formatGithub(result: DocsCheckResult): string {
  const lines = result.findings.map((f) => {
    const kind = f.severity === "error" ? "error" : "warning";
    return `::${kind} file=${property(f.file)},line=${f.line},col=${f.column},title=${property(`logpact ${f.code}`)}::${data(`${f.message} (fix: ${f.fix})`)}`;
  });
  return lines.join("\n") + (lines.length ? "\n" : "") + summary(result) + "\n";
}

export function formatResult(result: DocsCheckResult, format: DocsFormat): string {
  return format === "json" ? formatJson(result) : format === "github" ? formatGithub(result) : formatText(result);
}

function summary(result: DocsCheckResult): string {
  const s = result.stats;
  const errors = result.findings.filter((f: Finding) => f.severity === "error").length;
  const warnings = result.findings.length - errors;
  const scope = `${s.files} doc${s.files === 1 ? "" : "s"}, ${s.sections} generated section${s.sections === 1 ? "" : "s"}, ${s.eventCitations} event citation${s.eventCitations === 1 ? "" : "s"}, ${s.sourceCitations} source citation${s.sourceCitations === 1 ? "" : "s"}, ${s.coveredEvents}/${s.events} events mentioned`;
  if (result.findings.length === 0) return `logpact docs check: ok (${scope}).`;
  const parts = [
    errors ? `${errors} error${errors === 1 ? "" : "s"}` : "",
    warnings ? `${warnings} warning${warnings === 1 ? "" : "s"}` : "",
  ].filter(Boolean);
  return `logpact docs check: ${parts.join(", ")} (${scope}).`;
}

// https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts: escapeData / escapeProperty.
function data(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function property(s: string): string {
  return data(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
