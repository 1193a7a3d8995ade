/**
 * Turns ajv's error list for one line into one readable sentence per line, one clause per
 * offending top-level field: what was expected (the registry's own type text, e.g.
 * `integer ≥ 1`) and what the line had (a short, bounded preview — never the whole value,
 * which may be megabytes long or nested 100 000 levels deep).
 */
import type { ErrorObject } from "ajv";
import { underRedaction } from "../registry/logger-profile.js";
import { didYouMeanSuffix } from "../util/did-you-mean.js";

/** What the explainer needs to know about one event: the type text of each field it may carry. */
export interface EventShape {
  readonly name: string;
  /** Field (payload and envelope) → readable type, e.g. `integer ≥ 0`. */
  readonly display: ReadonlyMap<string, string>;
  /** Redacted paths (sensitive fields, the profile's redact paths) as segments: their values are never shown. */
  readonly redacted?: readonly (readonly string[])[];
}

export interface Explanation {
  /** `field "attempt" must be integer ≥ 1, got string "3"; unexpected field "atempt" (did you mean "attempt"?)` */
  readonly message: string;
  /** Top-level fields at fault, in first-error order (for the "top offending fields" table). */
  readonly fields: readonly string[];
  /** The message without the values the line had: what identical findings share (the grouping key). */
  readonly expected: string;
  /** The values the line had, one per clause that names one (`string "3"`), or "" when none does. */
  readonly got: string;
  /** Fields the line carries that its event does not declare. */
  readonly unexpected: readonly string[];
}

const MAX_CLAUSES = 3;
const MAX_PREVIEW = 40;

/** A bounded, single-line description of a JSON value: `string "3"`, `number 0`, `array (3 items)`. */
export function preview(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (typeof value === "string") {
    const cut = value.length > MAX_PREVIEW ? `${value.slice(0, MAX_PREVIEW)}…` : value;
    return `string ${JSON.stringify(cut)}`;
  }
  if (typeof value === "number" || typeof value === "boolean") return `${typeof value} ${String(value)}`;
  if (Array.isArray(value)) return `array (${value.length} item${value.length === 1 ? "" : "s"})`;
  if (typeof value === "object") {
    // Count keys without walking values: the value may be arbitrarily deep.
    let n = 0;
    for (const key in value) if (Object.hasOwn(value, key)) n++;
    return `object (${n} key${n === 1 ? "" : "s"})`;
  }
  return typeof value;
}

/**
 * A placeholder for a value that must not be shown (a sensitive field, a redact path):
 * its type and size only, never a character of it.
 */
export function masked(value: unknown): string {
  if (typeof value === "string") return `<redacted string, ${value.length} char${value.length === 1 ? "" : "s"}>`;
  if (Array.isArray(value)) return `<redacted array, ${value.length} item${value.length === 1 ? "" : "s"}>`;
  if (value !== null && typeof value === "object") return `<redacted ${preview(value)}>`;
  return `<redacted ${value === null ? "null" : typeof value}>`;
}

/** JSON-pointer segments of an ajv `instancePath` (`/a/b~1c` → `["a", "b/c"]`). */
function segments(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function pathText(segs: readonly string[]): string {
  let out = segs[0] ?? "";
  for (const s of segs.slice(1)) out += /^\d+$/.test(s) ? `[${s}]` : `.${s}`;
  return out;
}

function valueAt(data: unknown, segs: readonly string[]): unknown {
  let cur = data;
  for (const s of segs) {
    if (cur === null || typeof cur !== "object" || !Object.hasOwn(cur, s)) return undefined;
    cur = (cur as Record<string, unknown>)[s];
  }
  return cur;
}

/** Per event shape, the did-you-mean of each unexpected field met: a log repeats the same few, and each costs an edit distance per declared field. */
const SUGGESTIONS = new WeakMap<EventShape, Map<string, string>>();

function suggestion(shape: EventShape, field: string): string {
  let byField = SUGGESTIONS.get(shape);
  if (byField === undefined) SUGGESTIONS.set(shape, (byField = new Map()));
  let hint = byField.get(field);
  if (hint === undefined) {
    hint = didYouMeanSuffix(field, shape.display.keys()).replace(/^ Did you mean (.*)\?$/, " (did you mean $1?)");
    if (byField.size < 1000) byField.set(field, hint);
  }
  return hint;
}

/** One sentence for all of a line's errors, grouped by top-level field. */
export function explainErrors(shape: EventShape, errors: readonly ErrorObject[], data: unknown): Explanation {
  const clauses = new Map<string, { want: string; got: string | undefined }>();
  const unexpected: string[] = [];
  const redacted = shape.redacted ?? [];
  const show = (segs: readonly string[], v: unknown) =>
    redacted.length && underRedaction(redacted, segs) ? masked(v) : preview(v);
  for (const e of errors) {
    const segs = segments(e.instancePath);
    if (segs.length === 0) {
      if (e.keyword === "required") {
        const field = String((e.params as { missingProperty: string }).missingProperty);
        const want = shape.display.get(field);
        if (!clauses.has(field))
          clauses.set(field, { want: `missing required field "${field}"${want ? ` (${want})` : ""}`, got: undefined });
      } else if (e.keyword === "additionalProperties") {
        const field = String((e.params as { additionalProperty: string }).additionalProperty);
        const hint = suggestion(shape, field);
        if (!clauses.has(field)) {
          clauses.set(field, { want: `unexpected field "${field}"${hint}`, got: undefined });
          unexpected.push(field);
        }
      } else if (!clauses.has("")) {
        clauses.set("", { want: `the line ${e.message ?? `fails "${e.keyword}"`}`, got: undefined });
      }
      continue;
    }
    const field = segs[0]!;
    if (clauses.has(field)) continue;
    const got = show(segs, valueAt(data, segs));
    if (segs.length === 1) {
      const want = shape.display.get(field);
      clauses.set(field, {
        want: `field "${field}" must be ${want ?? (e.message ?? "valid").replace(/^must (be )?/, "")}`,
        got,
      });
    } else {
      clauses.set(field, { want: `field "${pathText(segs)}" ${e.message ?? `fails "${e.keyword}"`}`, got });
    }
  }
  const fields = [...clauses.keys()].filter((f) => f !== "");
  const list = [...clauses.values()];
  const shown = list.slice(0, MAX_CLAUSES);
  const more = list.length > MAX_CLAUSES ? `; and ${list.length - MAX_CLAUSES} more` : "";
  return {
    message: `${shown.map((c) => (c.got === undefined ? c.want : `${c.want}, got ${c.got}`)).join("; ")}${more}`,
    fields,
    expected: `${shown.map((c) => c.want).join("; ")}${more}`,
    got: shown.flatMap((c) => (c.got === undefined ? [] : [c.got])).join("; "),
    unexpected,
  };
}
