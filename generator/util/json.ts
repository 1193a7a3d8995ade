/** JSON with object keys sorted at every depth, 2-space indent, LF and a final newline. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, sortKeysReplacer, 2) + "\n";
}

function sortKeysReplacer(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const sorted: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) sorted[k] = (value as Record<string, unknown>)[k];
  return sorted;
}

/** Deep-freezes a plain JSON-like value in place and returns it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Structural equality of two JSON-like values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b);
}

/** Line width of `compactJson`: prettier's default `printWidth`. */
export const JSON_WIDTH = 80;

/**
 * Key-sorted JSON laid out the way prettier lays out JSON (2-space indent, width 80), so
 * `prettier --write` leaves it alone: an object or array goes on one line when that line
 * fits in 80 columns, else one member per line; an array of two or more objects (or
 * arrays) with more than one member each always breaks, as prettier does. Far smaller
 * than `stableJson` for schemas full of short objects (`{ "$ref": "…" }`).
 */
export function compactJson(value: unknown): string {
  return `${layout(sortKeys(value), 0, 0)}\n`;
}

/** Where a value sits in the document: object keys and array indexes from the root. */
export type JsonPath = readonly (string | number)[];

/**
 * `compactJson`'s layout, except that every value at a path `isRecord` accepts is one line
 * of plain JSON (`{"a":1,"b":[2]}`), however long: a file of records (say, one per event)
 * that a diff shows a record a line. Not prettier's layout, where records are long.
 */
export function recordsJson(value: unknown, isRecord: (path: JsonPath) => boolean): string {
  return `${layout(sortKeys(value), 0, 0, 0, { isRecord, path: [] })}\n`;
}

interface Records {
  isRecord: (path: JsonPath) => boolean;
  path: JsonPath;
}

function sortKeys(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, sortKeysReplacer)) as unknown;
}

/** `value` printed at `indent`, where the line already holds `used` columns before it and needs `tail` after it. */
function layout(value: unknown, indent: number, used: number, tail = 0, records?: Records): string {
  if (value === null || typeof value !== "object" || records?.isRecord(records.path)) return JSON.stringify(value);
  const isArray = Array.isArray(value);
  const entries: [string | undefined, unknown][] = isArray
    ? (value as unknown[]).map((v) => [undefined, v])
    : Object.entries(value);
  if (entries.length === 0) return isArray ? "[]" : "{}";
  const inline = oneLine(value, JSON_WIDTH - used - tail);
  if (inline !== undefined && !(isArray && forcedBreak(value as unknown[]))) return inline;
  const pad = " ".repeat(indent + 2);
  if (isArray && entries.length > 1 && entries.every(([, v]) => typeof v === "number")) {
    // prettier "fills" an array of numbers: as many per line as fit.
    const lines: string[] = [];
    let line = "";
    entries.forEach(([, v], i) => {
      const token = `${JSON.stringify(v)}${i < entries.length - 1 ? "," : ""}`;
      if (line && line.length + 1 + token.length <= JSON_WIDTH) line += ` ${token}`;
      else {
        if (line) lines.push(line);
        line = `${pad}${token}`;
      }
    });
    lines.push(line);
    return `[\n${lines.join("\n")}\n${" ".repeat(indent)}]`;
  }
  const lines = entries.map(([key, v], i) => {
    const head = key === undefined ? pad : `${pad}${JSON.stringify(key)}: `;
    const comma = i < entries.length - 1 ? 1 : 0;
    const inner = records && { ...records, path: [...records.path, key ?? i] };
    return `${head}${layout(v, indent + 2, head.length, comma, inner)}${comma ? "," : ""}`;
  });
  return `${isArray ? "[" : "{"}\n${lines.join("\n")}\n${" ".repeat(indent)}${isArray ? "]" : "}"}`;
}

/**
 * The one-line form (`{ "a": 1 }`, `[1, 2]`), or undefined when a member must break or the
 * line would be longer than `budget`. (The budget stops it early: `layout` asks at every
 * level, and building the whole subtree's line each time made it quadratic in the depth.)
 */
function oneLine(value: unknown, budget: number): string | undefined {
  if (value === null || typeof value !== "object") {
    const text = JSON.stringify(value);
    return text.length <= budget ? text : undefined;
  }
  const isArray = Array.isArray(value);
  if (isArray && forcedBreak(value)) return undefined;
  const entries: [string | undefined, unknown][] = isArray ? value.map((v) => [undefined, v]) : Object.entries(value);
  if (entries.length === 0) return isArray ? "[]" : "{}";
  // "[" + items joined by ", " + "]", or "{ " + items + " }".
  let length = isArray ? 2 : 4;
  const items: string[] = [];
  for (const [key, v] of entries) {
    const head = key === undefined ? "" : `${JSON.stringify(key)}: `;
    length += head.length + (items.length ? 2 : 0);
    if (length > budget) return undefined;
    const inner = oneLine(v, budget - length);
    if (inner === undefined) return undefined;
    length += inner.length;
    items.push(`${head}${inner}`);
  }
  if (length > budget) return undefined;
  return isArray ? `[${items.join(", ")}]` : `{ ${items.join(", ")} }`;
}

/** prettier breaks an array of 2+ elements that are all objects (or all arrays) of 2+ members. */
function forcedBreak(items: readonly unknown[]): boolean {
  if (items.length < 2) return false;
  const size = (v: unknown) => (Array.isArray(v) ? v.length : Object.keys(v as object).length);
  const first = items[0];
  if (first === null || typeof first !== "object") return false;
  return items.every(
    (v) => v !== null && typeof v === "object" && Array.isArray(v) === Array.isArray(first) && size(v) > 1,
  );
}
