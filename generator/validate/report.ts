/**
 * The validation report (pure data, built from the merged tally) and its three formats:
 * text for people, JSON for tools, GitHub workflow annotations for CI.
 */
import { createHash } from "node:crypto";
import { didYouMean } from "../util/did-you-mean.js";
import { githubVerbatim, oneLine } from "../util/terminal-text.js";
import { stableJson } from "../util/json.js";
import type { Finding } from "./checker.js";
import { FINDING_KINDS, KIND_DESCRIPTIONS, LINE_STATUSES, type FindingKind, type KindSeverity, type LineStatus } from "./kinds.js";
import type { InputSummary, RunResult } from "./run.js";

export const REPORT_FORMATS = ["text", "json", "github"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface EventCount {
  readonly event: string;
  readonly family: string;
  readonly seen: number;
  readonly violating: number;
}

export interface ValidationReport {
  readonly inputs: readonly InputSummary[];
  readonly lines: number;
  readonly bytes: number;
  /** Lines per status; they add up to `lines`. */
  readonly status: Readonly<Record<LineStatus, number>>;
  /** Lines (or, for `unseen`, events) per finding kind, whatever its severity. */
  readonly kinds: Readonly<Record<FindingKind, number>>;
  readonly severity: Readonly<Record<FindingKind, KindSeverity>>;
  /** Findings of error severity (listed or not); any makes the exit code 1. */
  readonly errors: number;
  readonly warnings: number;
  /** Every registered event, in registry order. */
  readonly events: readonly EventCount[];
  readonly coverage: { readonly registered: number; readonly seen: number; readonly unseen: readonly string[] };
  /** Unregistered `event` values by line count (at most 1000 distinct; the rest in `unknownOther`). */
  readonly unknownEvents: readonly { readonly event: string; readonly lines: number; readonly suggestion?: string }[];
  readonly unknownOther: number;
  /** Fields named in violations, by line count. */
  readonly offendingFields: readonly { readonly event: string; readonly field: string; readonly lines: number }[];
  readonly offendingOther: number;
  /** The first `maxFindings` findings (errors and warnings), in input order. */
  readonly findings: readonly Finding[];
  readonly exitCode: 0 | 1;
}

/** Builds the report: adds coverage (and `unseen` findings when that kind is on), sorts the tables. */
export function buildReport(result: RunResult): ValidationReport {
  const { checker, total } = result;
  const { severity, maxFindings } = checker.options;
  const events = checker.events.map((e, i) => ({ event: e.name, family: e.family, seen: total.seen[i]!, violating: total.violating[i]! }));
  const unseen = events.filter((e) => e.seen === 0).map((e) => e.event);
  const kinds = { ...total.kinds, unseen: unseen.length };
  let errors = total.errors;
  let warnings = total.warnings;
  const findings = [...total.findings];
  const unseenSeverity = severity.unseen;
  if (unseenSeverity !== "off") {
    for (const name of unseen) {
      if (unseenSeverity === "error") errors++;
      else warnings++;
      const family = checker.ir.families.find((f) => f.events.some((e) => e.name === name))!;
      if (findings.length < maxFindings) {
        findings.push({ kind: "unseen", severity: unseenSeverity === "error" ? "error" : "warning", file: family.source.file, event: name, message: `event ${name} is registered but never appeared in the input` });
      }
    }
  }
  const names = events.map((e) => e.event);
  const unknownEvents = [...total.unknown]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .map(([event, lines]) => {
      const suggestion = didYouMean(event, names);
      return suggestion === undefined ? { event, lines } : { event, lines, suggestion };
    });
  const offendingFields = [...total.fields]
    .map(([key, lines]) => {
      const [event, field] = key.split("\u0000") as [string, string];
      return { event, field, lines };
    })
    .sort((a, b) => b.lines - a.lines || a.event.localeCompare(b.event) || a.field.localeCompare(b.field));
  return {
    inputs: result.inputs,
    lines: total.lines,
    bytes: total.bytes,
    status: total.status,
    kinds,
    severity,
    errors,
    warnings,
    events,
    coverage: { registered: events.length, seen: events.length - unseen.length, unseen },
    unknownEvents,
    unknownOther: total.unknownOther,
    offendingFields,
    offendingOther: total.fieldsOther,
    findings,
    exitCode: errors > 0 ? 1 : 0,
  };
}

const num = (n: number) => n.toLocaleString("en-US");
const plural = (n: number, word: string) => `${num(n)} ${word}${n === 1 ? "" : "s"}`;

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}

function where(f: Finding): string {
  return f.line !== undefined ? `${f.file}:${f.line}` : f.file;
}

/** `file:line: error [kind] message` */
export function formatFinding(f: Finding): string {
  return oneLine(`${where(f)}: ${f.severity} [${f.kind}] ${f.message}`);
}

function table(rows: readonly (readonly string[])[], rightAlign: ReadonlySet<number>): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => `  ${r.map((cell, c) => (rightAlign.has(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join("   ")}`.trimEnd());
}

const TOP = 20;

/** Word-wraps at spaces, continuation lines indented by two. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let cur = "";
  for (const word of text.split(" ")) {
    if (cur && cur.length + 1 + word.length > width) {
      lines.push(cur);
      cur = `  ${word}`;
    } else cur = cur ? `${cur} ${word}` : word;
  }
  if (cur) lines.push(cur);
  return lines;
}

/** The summary (everything but the findings list). */
function summaryLines(r: ValidationReport, elapsedMs?: number): string[] {
  const out: string[] = [];
  const took = elapsedMs !== undefined ? ` in ${(elapsedMs / 1000).toFixed(2)} s` : "";
  out.push(`logpact validate: ${plural(r.lines, "line")} from ${plural(r.inputs.length, "input")} (${sizeText(r.bytes)})${took}`);
  const statusRows = LINE_STATUSES.filter((s) => r.status[s] > 0).map((s) => [s, num(r.status[s]), ""]);
  const flagRows = (["deprecated", "level-mismatch", "invalid-utf8"] as const).filter((k) => r.kinds[k] > 0).map((k) => [k, num(r.kinds[k]), "(of the lines above)"]);
  if (statusRows.length || flagRows.length) out.push(...table([...statusRows, ...flagRows], new Set([1])));

  const seen = r.events.filter((e) => e.seen > 0);
  const pct = r.coverage.registered ? Math.round((100 * r.coverage.seen) / r.coverage.registered) : 100;
  out.push("", `events: ${r.coverage.seen} of ${r.coverage.registered} registered seen (${pct} %)`);
  if (seen.length) out.push(...table([["event", "seen", "violating"], ...seen.map((e) => [e.event, num(e.seen), num(e.violating)])], new Set([1, 2])));
  if (r.coverage.unseen.length) out.push(...wrap(`never seen: ${r.coverage.unseen.join(", ")}`, 100).map((l) => `  ${l}`));

  if (r.unknownEvents.length) {
    out.push("", `unknown events (${plural(r.status["unknown-event"], "line")}):`);
    const rows = r.unknownEvents.slice(0, TOP).map((u) => [JSON.stringify(u.event.length > 60 ? `${u.event.slice(0, 60)}…` : u.event), num(u.lines), u.suggestion ? `did you mean ${u.suggestion}?` : ""]);
    out.push(...table(rows, new Set([1])));
    const more = r.unknownEvents.length - TOP;
    if (more > 0 || r.unknownOther > 0) out.push(`  … ${more > 0 ? `${plural(more, "more name")}` : ""}${more > 0 && r.unknownOther ? ", " : ""}${r.unknownOther ? `${plural(r.unknownOther, "line")} with names past the first 1,000` : ""}`);
  }
  if (r.offendingFields.length) {
    out.push("", "top offending fields:");
    out.push(...table(r.offendingFields.slice(0, TOP).map((f) => [`${f.event} > ${f.field}`, plural(f.lines, "line")]), new Set([1])));
  }
  const failOn = FINDING_KINDS.filter((k) => r.severity[k] === "error");
  out.push("", `result: ${plural(r.errors, "error")}, ${plural(r.warnings, "warning")} → exit ${r.exitCode} (failing kinds: ${failOn.join(", ") || "none"})`);
  // Event and field names come from the logs: a raw newline or ESC in one must not start a line of its own.
  return out.map(oneLine);
}

function listed(r: ValidationReport): number {
  return r.errors + r.warnings;
}

/** Human-readable report: findings, then counts, coverage and the verdict. */
export function formatText(r: ValidationReport, elapsedMs?: number): string {
  const out: string[] = r.findings.map(formatFinding);
  const hidden = listed(r) - r.findings.length;
  if (hidden > 0) out.push(`… ${plural(hidden, "more finding")} not listed (--max-findings ${r.findings.length}; every one is counted below)`);
  if (out.length) out.push("");
  out.push(...summaryLines(r, elapsedMs));
  return `${out.join("\n")}\n`;
}

/** Machine-readable report (keys sorted). */
export function formatJson(r: ValidationReport): string {
  return stableJson({ ...r, kindDescriptions: KIND_DESCRIPTIONS });
}

const escapeData = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

/** GitHub Actions workflow commands: one annotation per listed finding, then the text summary. */
export function formatGithub(r: ValidationReport, stdinName: string, elapsedMs?: number): string {
  const out = r.findings.map((f) => {
    const props = [...(f.file !== stdinName ? [`file=${escapeProperty(f.file)}`] : []), ...(f.line !== undefined ? [`line=${f.line}`] : []), `title=${escapeProperty(`logpact validate: ${f.kind}`)}`];
    const text = f.file === stdinName ? `${where(f)}: ${f.message}` : f.message;
    return `::${f.severity === "error" ? "error" : "warning"} ${props.join(",")}::${escapeData(text)}`;
  });
  const hidden = listed(r) - r.findings.length;
  if (hidden > 0) out.push(`… ${plural(hidden, "more finding")} not annotated (--max-findings ${r.findings.length})`);
  // The summary is plain text: the runner must not read workflow commands in it.
  out.push(...githubVerbatim(summaryLines(r, elapsedMs), (t) => createHash("sha256").update(t).digest("hex")));
  return `${out.join("\n")}\n`;
}
