/**
 * The validation report (pure data, built from the merged tally) and its three formats:
 * text for people, JSON for tools, GitHub workflow annotations for CI.
 */
import { createHash } from "node:crypto";
import { didYouMean } from "../util/did-you-mean.js";
import { githubVerbatim, oneLine } from "../util/terminal-text.js";
import { stableJson } from "../util/json.js";
import type { Finding, FindingGroup } from "./checker.js";
import {
  FINDING_KINDS,
  KIND_DESCRIPTIONS,
  LINE_STATUSES,
  type FindingKind,
  type KindSeverity,
  type LineStatus,
} from "./kinds.js";
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
  /** Identical findings grouped (kind, event, field, expectation), in first-occurrence order, each with its count and first examples. */
  readonly groups: readonly FindingGroup[];
  /** Findings past the first 1,000 groups (counted, not grouped). */
  readonly groupsOther: number;
  /** Fields the logger seems to add (unexpected on most lines), with the config that declares them. */
  readonly hints: readonly Hint[];
  readonly exitCode: 0 | 1;
}

/** An undeclared field on most lines of the run: something the logger adds (a binding or a `base` field). */
export interface Hint {
  readonly field: string;
  /** Lines that carried it, of `of` lines of registered events. */
  readonly lines: number;
  readonly of: number;
  /** Its JSON type on the first such line. */
  readonly type: string;
  /** The `envelope` config that declares it. */
  readonly config: string;
  readonly message: string;
}

/** How findings are listed: grouped (default) or one by one (`--detail`, the first `--max-findings`). */
export interface FormatOptions {
  readonly detail?: boolean;
}

/** Share of a run's event lines above which an unexpected field gets a hint. */
const HINT_SHARE = 0.5;

const JSON_TYPE_SCHEMA: Record<string, string> = {
  string: "string",
  integer: "integer",
  number: "number",
  boolean: "boolean",
  object: "object",
  array: "array",
  null: "null",
};

function hintsFor(unexpected: ReadonlyMap<string, { lines: number; type: string }>, of: number): Hint[] {
  const out: Hint[] = [];
  for (const [field, u] of [...unexpected].sort(([a, x], [b, y]) => y.lines - x.lines || (a < b ? -1 : 1))) {
    if (of === 0 || u.lines / of <= HINT_SHARE) continue;
    const config = `envelope: ${envelopeSnippet([{ field, type: u.type, always: u.lines === of }])}`;
    const pct = Math.round((100 * u.lines) / of);
    const message = `field "${field}" is on ${num(u.lines)} of ${num(of)} event lines (${pct} %) but not declared: the logger adds it (a child-logger binding or a pino \`base\` field); declare it with ${config}`;
    out.push({ field, lines: u.lines, of, type: u.type, config, message });
  }
  return out;
}

/** `{ bindings: { reqId: { type: "string" } }, required: ["reqId"] }` for the fields given. */
function envelopeSnippet(fields: readonly { field: string; type: string; always: boolean }[]): string {
  const key = (f: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(f) ? f : JSON.stringify(f));
  const bindings = fields.map((f) => `${key(f.field)}: { type: "${JSON_TYPE_SCHEMA[f.type] ?? "string"}" }`).join(", ");
  const required = fields.filter((f) => f.always).map((f) => JSON.stringify(f.field));
  return `{ bindings: { ${bindings} }${required.length ? `, required: [${required.join(", ")}]` : ""} }`;
}

/** The hints as text: said once, with one config declaring every field they name. */
function hintLines(hints: readonly Hint[]): string[] {
  if (!hints.length) return [];
  const names = hints.map((h) => `"${h.field}" (${num(h.lines)} of ${num(h.of)} event lines)`).join(", ");
  const they = hints.length === 1 ? "it" : "them";
  return [
    "",
    ...wrap(
      `hint: ${hints.length === 1 ? "a field is" : `${hints.length} fields are`} on most lines but not declared, so each such line is a violation: ${names}. ` +
        `Your logger adds ${they} (child-logger bindings or pino \`base\` fields). Declare ${they} once in the logpact config:`,
      110,
    ),
    `    envelope: ${envelopeSnippet(hints.map((h) => ({ field: h.field, type: h.type, always: h.lines === h.of })))}`,
    "  (fields pino's `base` option adds go under envelope.base; when the envelope is built from your pino options,",
    "  add them there instead: envelope: pinoProfile(options, { bindings: { … } }), see docs/config.md#envelope-the-logger-profile)",
  ];
}

export function buildReport(result: RunResult): ValidationReport {
  const { checker, total } = result;
  const { severity, maxFindings } = checker.options;
  const events = checker.events.map((e, i) => ({
    event: e.name,
    family: e.family,
    seen: total.seen[i]!,
    violating: total.violating[i]!,
  }));
  const unseen = events.filter((e) => e.seen === 0).map((e) => e.event);
  const kinds = { ...total.kinds, unseen: unseen.length };
  let errors = total.errors;
  let warnings = total.warnings;
  const findings = [...total.findings];
  const groups = [...total.groups.values()];
  const unseenSeverity = severity.unseen;
  if (unseenSeverity !== "off") {
    for (const name of unseen) {
      if (unseenSeverity === "error") errors++;
      else warnings++;
      const family = checker.ir.families.find((f) => f.events.some((e) => e.name === name))!;
      const finding = {
        kind: "unseen",
        severity: unseenSeverity === "error" ? "error" : "warning",
        file: family.source.file,
        event: name,
        message: `event ${name} is registered but never appeared in the input`,
      } as const;
      if (findings.length < maxFindings) findings.push(finding);
      groups.push({
        kind: "unseen",
        severity: finding.severity,
        event: name,
        expected: finding.message,
        message: finding.message,
        count: 1,
        examples: [{ file: family.source.file }],
      });
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
    groups,
    groupsOther: total.groupsOther,
    hints: hintsFor(total.unexpected, total.status.valid + total.status.violation),
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

function where(f: { readonly file: string; readonly line?: number | undefined }): string {
  return f.line !== undefined ? `${f.file}:${f.line}` : f.file;
}

/** `file:line: error [kind] message` */
export function formatFinding(f: Finding): string {
  return oneLine(`${where(f)}: ${f.severity} [${f.kind}] ${f.message}`);
}

function table(rows: readonly (readonly string[])[], rightAlign: ReadonlySet<number>): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) =>
    `  ${r.map((cell, c) => (rightAlign.has(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join("   ")}`.trimEnd(),
  );
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
  out.push(
    `logpact validate: ${plural(r.lines, "line")} from ${plural(r.inputs.length, "input")} (${sizeText(r.bytes)})${took}`,
  );
  const statusRows = LINE_STATUSES.filter((s) => r.status[s] > 0).map((s) => [s, num(r.status[s]), ""]);
  const flagRows = (["deprecated", "level-mismatch", "invalid-utf8"] as const)
    .filter((k) => r.kinds[k] > 0)
    .map((k) => [k, num(r.kinds[k]), "(of the lines above)"]);
  if (statusRows.length || flagRows.length) out.push(...table([...statusRows, ...flagRows], new Set([1])));

  const seen = r.events.filter((e) => e.seen > 0);
  const pct = r.coverage.registered ? Math.round((100 * r.coverage.seen) / r.coverage.registered) : 100;
  out.push("", `events: ${r.coverage.seen} of ${r.coverage.registered} registered seen (${pct} %)`);
  if (seen.length)
    out.push(
      ...table(
        [["event", "seen", "violating"], ...seen.map((e) => [e.event, num(e.seen), num(e.violating)])],
        new Set([1, 2]),
      ),
    );
  if (r.coverage.unseen.length)
    out.push(...wrap(`never seen: ${r.coverage.unseen.join(", ")}`, 100).map((l) => `  ${l}`));

  if (r.unknownEvents.length) {
    out.push("", `unknown events (${plural(r.status["unknown-event"], "line")}):`);
    const rows = r.unknownEvents
      .slice(0, TOP)
      .map((u) => [
        JSON.stringify(u.event.length > 60 ? `${u.event.slice(0, 60)}…` : u.event),
        num(u.lines),
        u.suggestion ? `did you mean ${u.suggestion}?` : "",
      ]);
    out.push(...table(rows, new Set([1])));
    const more = r.unknownEvents.length - TOP;
    if (more > 0 || r.unknownOther > 0)
      out.push(
        `  … ${more > 0 ? `${plural(more, "more name")}` : ""}${more > 0 && r.unknownOther ? ", " : ""}${r.unknownOther ? `${plural(r.unknownOther, "line")} with names past the first 1,000` : ""}`,
      );
  }
  if (r.offendingFields.length) {
    out.push("", "top offending fields:");
    out.push(
      ...table(
        r.offendingFields.slice(0, TOP).map((f) => [`${f.event} > ${f.field}`, plural(f.lines, "line")]),
        new Set([1]),
      ),
    );
  }
  out.push(...hintLines(r.hints));
  const failOn = FINDING_KINDS.filter((k) => r.severity[k] === "error");
  out.push(
    "",
    `result: ${plural(r.errors, "error")}, ${plural(r.warnings, "warning")} → exit ${r.exitCode} (failing kinds: ${failOn.join(", ") || "none"})`,
  );
  // Event and field names come from the logs: a raw newline or ESC in one must not start a line of its own.
  return out.map(oneLine);
}

function listed(r: ValidationReport): number {
  return r.errors + r.warnings;
}

const MORE_LINES = (n: number) => `… and ${plural(n, "more line")}`;

/** A group as text: one line when it happened once (as a single finding reads), else a header, its examples and the rest's count. */
function formatGroup(g: FindingGroup): string[] {
  const first = g.examples[0];
  if (g.count === 1 && first)
    return [`${where({ file: first.file, line: first.line })}: ${g.severity} [${g.kind}] ${g.message}`];
  const out = [`${g.severity} [${g.kind}] ${g.expected} (${plural(g.count, "line")})`];
  for (const x of g.examples)
    out.push(`  ${where({ file: x.file, line: x.line })}${x.got !== undefined ? `: got ${x.got}` : ""}`);
  if (g.count > g.examples.length) out.push(`  ${MORE_LINES(g.count - g.examples.length)}`);
  return out;
}

/** The listed findings: grouped (default), or one per line with `detail`. */
function findingLines(r: ValidationReport, detail: boolean, what: string): string[] {
  if (detail) {
    const out = r.findings.map(formatFinding);
    const hidden = listed(r) - r.findings.length;
    if (hidden > 0)
      out.push(
        `… ${plural(hidden, "more finding")} not ${what} (--max-findings ${r.findings.length}; every one is counted below)`,
      );
    return out;
  }
  const shown = r.groups.slice(0, maxGroups(r));
  const out = shown.flatMap(formatGroup);
  const hidden = r.groups.length - shown.length;
  if (hidden > 0 || r.groupsOther > 0) {
    const parts = [
      hidden > 0 ? `${plural(hidden, "more group")} of findings not ${what} (--max-findings ${shown.length}` : "",
      r.groupsOther ? `${plural(r.groupsOther, "finding")} past the first 1,000 groups` : "",
    ];
    out.push(`… ${parts.filter(Boolean).join("; ")}${hidden > 0 ? "; " : " ("}every one is counted below)`);
  }
  return out;
}

/** Groups listed: as many as findings would be (`--max-findings`). */
function maxGroups(r: ValidationReport): number {
  return r.findings.length < listed(r) ? r.findings.length : r.groups.length;
}

/** Human-readable report: findings (grouped unless `detail`), then counts, coverage, hints and the verdict. */
export function formatText(r: ValidationReport, elapsedMs?: number, options: FormatOptions = {}): string {
  // Field names and values come from the logs: a raw newline in one must not start a line of its own.
  const out = findingLines(r, options.detail === true, "listed").map(oneLine);
  if (out.length) out.push("");
  out.push(...summaryLines(r, elapsedMs));
  return `${out.join("\n")}\n`;
}

/** Machine-readable report (keys sorted): groups with their examples; every listed finding only with `detail`. */
export function formatJson(r: ValidationReport, options: FormatOptions = {}): string {
  const { findings, ...rest } = r;
  return stableJson({ ...rest, ...(options.detail ? { findings } : {}), kindDescriptions: KIND_DESCRIPTIONS });
}

const escapeData = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

function annotation(
  severity: "error" | "warning",
  kind: string,
  file: string,
  line: number | undefined,
  text: string,
  stdinName: string,
): string {
  const props = [
    ...(file !== stdinName ? [`file=${escapeProperty(file)}`] : []),
    ...(line !== undefined ? [`line=${line}`] : []),
    `title=${escapeProperty(`logpact validate: ${kind}`)}`,
  ];
  const body = file === stdinName ? `${where({ file, line })}: ${text}` : text;
  return `::${severity === "error" ? "error" : "warning"} ${props.join(",")}::${escapeData(body)}`;
}

/** GitHub Actions workflow commands: one annotation per group (at its first line; per finding with `detail`), then the text summary. */
export function formatGithub(
  r: ValidationReport,
  stdinName: string,
  elapsedMs?: number,
  options: FormatOptions = {},
): string {
  let out: string[];
  if (options.detail) {
    out = r.findings.map((f) => annotation(f.severity, f.kind, f.file, f.line, f.message, stdinName));
    const hidden = listed(r) - r.findings.length;
    if (hidden > 0) out.push(`… ${plural(hidden, "more finding")} not annotated (--max-findings ${r.findings.length})`);
  } else {
    const shown = r.groups.slice(0, maxGroups(r));
    out = shown.map((g) => {
      const first = g.examples[0] ?? { file: stdinName };
      const lines = g.examples
        .filter((x) => x.line !== undefined)
        .map((x) => (x.file === first.file ? String(x.line) : `${x.file}:${x.line}`));
      const text =
        g.count === 1
          ? g.message
          : `${g.message} (${plural(g.count, "line")} like this${lines.length ? `: ${lines.join(", ")}${g.count > lines.length ? ", …" : ""}` : ""})`;
      return annotation(g.severity, g.kind, first.file, first.line, text, stdinName);
    });
    const hidden = r.groups.length - shown.length;
    if (hidden > 0)
      out.push(`… ${plural(hidden, "more group")} of findings not annotated (--max-findings ${shown.length})`);
  }
  // The summary is plain text: the runner must not read workflow commands in it.
  out.push(...githubVerbatim(summaryLines(r, elapsedMs), (t) => createHash("sha256").update(t).digest("hex")));
  return `${out.join("\n")}\n`;
}
