/**
 * Renders a diff result: plain text for terminals, Markdown for a pull-request comment,
 * JSON for tools, and GitHub Actions workflow commands (annotations on the schema files).
 * Pure string building; the only input beyond the result is a file reader for placing
 * annotations on a line.
 */
import { stableJson } from "../util/json.js";
import type { BaselineSource } from "./registry-at-ref.js";
import type { Change, DiffResult } from "./compare.js";
import { SEVERITIES, type ChangeSeverity } from "./rules.js";

export const FORMATS = ["text", "markdown", "json", "github"] as const;
export type DiffFormat = (typeof FORMATS)[number];

export interface ReportContext {
  readonly source: BaselineSource;
  /** Whether the run fails (exit 1), and why, for the closing line. */
  readonly verdict: { readonly failed: boolean; readonly reason: string };
  /** Reads a project file (relative path) for annotation line numbers; undefined when unreadable. */
  readonly readFile?: ((path: string) => string | undefined) | undefined;
}

/** Renders `result` in `format`; always ends with a newline. */
export function renderReport(result: DiffResult, format: DiffFormat, ctx: ReportContext): string {
  switch (format) {
    case "text":
      return text(result, ctx);
    case "markdown":
      return markdown(result, ctx);
    case "json":
      return stableJson({
        against: ctx.source,
        counts: result.counts,
        failed: ctx.verdict.failed,
        changes: result.changes,
      });
    case "github":
      return github(result, ctx);
  }
}

/** `origin/main (3f2b8c1e9d4a, committed snapshot generated/registry.json)`. */
export function describeSource(s: BaselineSource, markdown = false): string {
  const code = (x: string) => (markdown ? `\`${x}\`` : x);
  if (s.kind === "snapshot-file") return `snapshot ${code(s.path)}`;
  const how = s.from === "snapshot" ? `committed snapshot ${code(s.path ?? "")}` : "built from its schema modules";
  return `${code(s.ref)} (${code(s.commit.slice(0, 12))}, ${how})`;
}

function countsText(r: DiffResult): string {
  return `${r.counts.breaking} breaking, ${r.counts.warning} warning${r.counts.warning === 1 ? "" : "s"}, ${r.counts.safe} safe`;
}

function where(c: Change): string {
  return [c.family, c.event, c.field, c.alert].filter((x) => x !== undefined).join(" › ");
}

function text(r: DiffResult, ctx: ReportContext): string {
  const out = [
    `logpact diff against ${describeSource(ctx.source)}: ${r.changes.length ? countsText(r) : "no changes"}`,
  ];
  for (const c of r.changes) {
    out.push("", `${c.severity}: ${c.message} [${c.rule}]`);
    if (c.fix) out.push(`  fix: ${c.fix}`);
    if (c.file) out.push(`  in: ${c.file}${c.export ? ` (${c.export})` : ""}`);
  }
  out.push("", ctx.verdict.reason);
  return `${out.join("\n")}\n`;
}

const HEADINGS: Record<ChangeSeverity, string> = { breaking: "Breaking", warning: "Warnings", safe: "Safe" };
/** Rows per Markdown table before the rest is summarised (keeps a comment under GitHub's size limit). */
const MARKDOWN_ROWS: Record<ChangeSeverity, number> = { breaking: 100, warning: 100, safe: 40 };

function markdown(r: DiffResult, ctx: ReportContext): string {
  const out: string[] = ["### logpact diff", ""];
  const verdict = r.counts.breaking ? "❌" : r.counts.warning ? "⚠️" : "✅";
  out.push(
    `${verdict} **${r.changes.length ? countsText(r) : "no registry changes"}** against ${describeSource(ctx.source, true)}.`,
    "",
  );
  for (const severity of SEVERITIES) {
    const rows = r.changes.filter((c) => c.severity === severity);
    if (!rows.length) continue;
    // GitHub rejects comments over 65,536 characters; an adoption PR can list hundreds of safe changes.
    const shown = rows.slice(0, MARKDOWN_ROWS[severity]);
    const table = [
      "| change | where | rule |",
      "|---|---|---|",
      ...shown.map(
        (c) =>
          `| ${cell(c.message)}${c.fix ? `<br>**fix:** ${cell(c.fix)}` : ""} | ${cell(where(c))}${c.file ? `<br>\`${cell(c.file)}\`` : ""} | \`${c.rule}\` |`,
      ),
      ...(rows.length > shown.length
        ? [`| … and ${rows.length - shown.length} more (run \`logpact diff --format json\` for all) | | |`]
        : []),
    ];
    if (severity === "safe")
      out.push(
        "<details>",
        `<summary>${rows.length} safe change${rows.length === 1 ? "" : "s"}</summary>`,
        "",
        ...table,
        "",
        "</details>",
        "",
      );
    else out.push(`#### ${HEADINGS[severity]} (${rows.length})`, "", ...table, "");
  }
  out.push(
    `${ctx.verdict.reason}`,
    "",
    "<sub>Breaking = an old consumer (dashboard, alert, query, pipeline schema) stops working on the new lines. Rules: docs/diff.md in logpact.</sub>",
  );
  return `${out.join("\n")}\n`;
}

/** A Markdown table cell: no line breaks, pipes escaped. */
function cell(s: string): string {
  return s.replace(/\r?\n/g, " ").replaceAll("|", "\\|");
}

function github(r: DiffResult, ctx: ReportContext): string {
  const out: string[] = [];
  for (const c of r.changes) {
    if (c.severity === "safe") continue;
    const props: string[] = [];
    if (c.file) {
      props.push(`file=${prop(c.file)}`);
      const line = ctx.readFile ? lineOf(ctx.readFile(c.file), c) : undefined;
      if (line !== undefined) props.push(`line=${line}`);
    }
    props.push(`title=${prop(`logpact diff: ${c.severity} (${c.rule})`)}`);
    out.push(
      `::${c.severity === "breaking" ? "error" : "warning"} ${props.join(",")}::${data(`${c.message}${c.fix ? `\nfix: ${c.fix}` : ""}`)}`,
    );
  }
  out.push(
    `logpact diff against ${describeSource(ctx.source)}: ${r.changes.length ? countsText(r) : "no changes"}. ${ctx.verdict.reason}`,
  );
  return `${out.join("\n")}\n`;
}

/** Workflow-command message escaping. */
function data(s: string): string {
  return s.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
}

/** Workflow-command property escaping (also `:` and `,`). */
function prop(s: string): string {
  return data(s).replaceAll(":", "%3A").replaceAll(",", "%2C");
}

/**
 * Best-effort line of a change in its schema module: the alert's `name:`, the field's key
 * after the event's literal (or anywhere), the event literal, the family export. 1-based.
 */
export function lineOf(
  source: string | undefined,
  c: Pick<Change, "event" | "field" | "alert" | "export">,
): number | undefined {
  if (source === undefined) return undefined;
  const lines = source.split("\n");
  const find = (re: RegExp, from = 0) => {
    for (let i = from; i < lines.length; i++) if (re.test(lines[i]!)) return i;
    return -1;
  };
  const q = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  if (c.alert !== undefined) {
    const i = find(new RegExp(`name:\\s*["'\`]${q(c.alert)}["'\`]`));
    if (i >= 0) return i + 1;
  }
  const eventLine = c.event !== undefined ? find(new RegExp(`["'\`]${q(c.event)}["'\`]`)) : -1;
  if (c.field !== undefined) {
    const top = c.field.split(/[.[]/)[0]!;
    const key = new RegExp(`^\\s*["']?${q(top)}["']?\\s*:`);
    const after = eventLine >= 0 ? find(key, eventLine) : -1;
    const i = after >= 0 ? after : find(key);
    if (i >= 0) return i + 1;
  }
  if (eventLine >= 0) return eventLine + 1;
  if (c.export !== undefined) {
    const i = find(new RegExp(`export\\s+(const|let|var)\\s+${q(c.export)}\\b`));
    if (i >= 0) return i + 1;
  }
  return undefined;
}
