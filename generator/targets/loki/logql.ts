/**
 * LogQL for resolved alerts: one expression per alert kind. Pure string building over an
 * alert's resolved form in the IR (`AlertIR.resolved`, made by registry/alerts.ts when the
 * registry is built), which has already mapped every field to its label.
 *
 * Every log range has the same pipeline:
 *   {selector} |= "<event name>" | json event="event", <label>="<path>", …
 *     | event="<name>" [or event="<name>" …] | <where filters> [| unwrap <field>] | __error__=""
 * The line filter is a cheap pre-filter (skipped when it could not match JSON text as
 * written); `| json` extracts only the fields the alert uses, under labels logpact chose;
 * `__error__=""` drops lines that are not JSON or whose value does not convert, which would
 * otherwise fail the whole metric query.
 */
import type { ResolvedAlert } from "../../registry/alerts.js";
import { zeroFires } from "../../registry/alerts.js";
import type { AlertFieldIR, AlertFilterIR } from "../../registry/ir.js";

export interface ExprOptions {
  /** Add the `|= "<event>"` line filter before `| json`. */
  readonly lineFilter: boolean;
  /** The property naming a line's event (config `eventKey`); `event` when absent. */
  readonly eventKey?: string;
}

/** A LogQL double-quoted string: Go escaping, which JSON's is a subset of. */
export function logqlString(value: string): string {
  // JSON.stringify escapes `"`, `\` and control characters the way Go's strconv.Unquote reads them.
  return JSON.stringify(value.replace(/[\uD800-\uDFFF]/gu, "\uFFFD"));
}

/** A number as LogQL reads it. */
export function logqlNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  return String(value);
}

const JSON_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The json-expression path of a field: `attempt`, `peer.region`, `["odd-key"]`. */
export function jsonPath(keys: readonly string[]): string {
  return keys.map((k, i) => (JSON_KEY.test(k) ? `${i ? "." : ""}${k}` : `[${JSON.stringify(k)}]`)).join("");
}

// Characters that appear in a JSON log line exactly as in the event name (no escaping).
const LINE_SAFE = /^[A-Za-z0-9_.:/-]+$/;

/** The longest text every watched line contains: the event name, or the names' common prefix. */
export function lineFilterText(names: readonly string[]): string | undefined {
  let prefix = names[0] ?? "";
  for (const name of names) while (!name.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix && LINE_SAFE.test(prefix) ? prefix : undefined;
}

function filterText(f: AlertFilterIR): string {
  const { label } = f.field;
  if (typeof f.value === "number") return `${label} ${f.op} ${logqlNumber(f.value)}`;
  const eq = f.op === "==" ? "=" : "!=";
  return `${label}${eq}${logqlString(String(f.value))}`;
}

/** `{selector} |= … | json … | event=… | filters [| unwrap x] | __error__="" [window]` */
function logRange(
  a: ResolvedAlert,
  events: readonly string[],
  extra: readonly AlertFieldIR[],
  opts: ExprOptions,
  unwrap?: AlertFieldIR,
): string {
  const r = a.resolved;
  const parts = [r.selector.trim()];
  const text = opts.lineFilter ? lineFilterText(events) : undefined;
  if (text !== undefined) parts.push(`|= ${logqlString(text)}`);
  const fields = new Map<string, AlertFieldIR>();
  for (const f of [...r.where.map((w) => w.field), ...extra, ...(unwrap ? [unwrap] : [])]) fields.set(f.label, f);
  const extraction = [
    `${r.eventLabel}=${logqlString(jsonPath([opts.eventKey ?? "event"]))}`,
    ...[...fields.values()]
      .sort((x, y) => (x.label < y.label ? -1 : 1))
      .map((f) => `${f.label}=${logqlString(jsonPath(f.keys))}`),
  ];
  parts.push(`| json ${extraction.join(", ")}`);
  parts.push(`| ${events.map((e) => `${r.eventLabel}=${logqlString(e)}`).join(" or ")}`);
  for (const w of r.where) parts.push(`| ${filterText(w)}`);
  if (unwrap) parts.push(`| unwrap ${unwrap.label}`);
  parts.push(`| __error__=""`);
  return `${parts.join(" ")} [${a.window}]`;
}

function sumBy(by: readonly AlertFieldIR[], inner: string): string {
  return by.length ? `sum by (${by.map((b) => b.label).join(", ")}) (${inner})` : `sum(${inner})`;
}

/** The alert's `expr`, from its resolved form. */
export function alertExpr(a: ResolvedAlert, opts: ExprOptions): string {
  const { by, events } = a.resolved;
  switch (a.kind) {
    case "threshold": {
      const count = sumBy(by, `count_over_time(${logRange(a, events, by, opts)})`);
      // With no grouping, `or vector(0)` makes "no line at all" a 0 the comparison can see.
      const lhs = by.length === 0 && zeroFires(a.op, a.value) ? `(${count} or vector(0))` : count;
      return `${lhs} ${a.op} ${logqlNumber(a.value)}`;
    }
    case "ratio": {
      const numerator = sumBy(by, `count_over_time(${logRange(a, a.resolved.numerator ?? [], by, opts)})`);
      const denominator = sumBy(by, `count_over_time(${logRange(a, a.resolved.denominator ?? [], by, opts)})`);
      // A group with denominator lines but no numerator line has a ratio of 0, not none.
      const top = zeroFires(a.op, a.value) ? `(${numerator} or ${denominator} * 0)` : numerator;
      return `(${top} / ${denominator}) ${a.op} ${logqlNumber(a.value)}`;
    }
    case "quantile": {
      // `by ()` merges every stream into one distribution (a fleet-wide quantile).
      const q = `quantile_over_time(${logqlNumber(a.quantile)}, ${logRange(a, events, by, opts, a.resolved.unwrap)}) by (${by.map((b) => b.label).join(", ")})`;
      return `${q} ${a.op} ${logqlNumber(a.value)}`;
    }
    case "absent": {
      return `absent_over_time(${logRange(a, events, [], opts)})`;
    }
  }
}
