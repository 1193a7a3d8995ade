/**
 * LogQL and Prometheus syntax the Loki target depends on: durations (`5m`, `1h30m`), the
 * label names Loki's `| json` gives fields, the words LogQL reserves, and stream selectors.
 * Pure and import-free: the registry's alert resolution (registry/alerts.ts) and the
 * declaration schema (registry/meta-schema.ts) use it without loading the renderer.
 */

// ---------------------------------------------------------------------------------------
// Durations

const DURATION_UNITS_MS: readonly (readonly [unit: string, ms: number])[] = [
  ["y", 365 * 24 * 3600_000],
  ["w", 7 * 24 * 3600_000],
  ["d", 24 * 3600_000],
  ["h", 3600_000],
  ["m", 60_000],
  ["s", 1000],
  ["ms", 1],
];
// Prometheus' model.ParseDuration, which Loki uses for `[range]` and the ruler for `for:`.
const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

/** Milliseconds of a Prometheus-style duration (`5m`, `1h30m`, `0s`), or undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  if (text === "") return undefined;
  const m = DURATION.exec(text);
  if (!m) return undefined;
  let ms = 0;
  for (const [i, [, unit]] of DURATION_UNITS_MS.entries()) {
    const n = m[i + 1];
    if (n !== undefined) ms += Number(n) * unit;
  }
  return ms;
}

// ---------------------------------------------------------------------------------------
// Loki label names

/**
 * Words Loki's LogQL lexer always reads as keywords (case-insensitive), plus those
 * Grafana's LogQL grammar (`@grafana/lezer-logql`) reads as keywords: a label with one of
 * these names cannot appear in a pipeline. Function names (`sum`, `count`, `rate`, …) are
 * keywords only before `(`, so they are fine as label names.
 */
export const LOGQL_KEYWORDS: ReadonlySet<string> = new Set([
  "and",
  "bool",
  "by",
  "decolorize",
  "drop",
  "group_left",
  "group_right",
  "ignoring",
  "json",
  "keep",
  "label_format",
  "label_replace",
  "line_format",
  "logfmt",
  "of",
  "offset",
  "on",
  "or",
  "pattern",
  "regexp",
  "unless",
  "unpack",
  "unwrap",
  "variants",
  "vector",
  "without",
]);

/**
 * The label name Loki's `| json` parser gives a field path: nested keys joined with `_`,
 * characters outside `[A-Za-z0-9_]` replaced by `_`, and `_` before a leading digit.
 */
export function jsonLabelName(path: readonly string[]): string {
  const joined = path.join("_").replace(/[^A-Za-z0-9_]/g, "_");
  return /^[0-9]/.test(joined) ? `_${joined}` : joined;
}

/** Why a label name cannot be used as is in a pipeline, or undefined when it can. */
export function labelConflict(label: string, streamLabels: ReadonlySet<string>): string | undefined {
  if (LOGQL_KEYWORDS.has(label.toLowerCase())) return `"${label}" is a LogQL keyword`;
  if (label.startsWith("__")) return `label names starting with "__" are reserved`;
  if (streamLabels.has(label)) return `"${label}" is a stream label of the selector`;
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Stream selectors

export interface SelectorMatcher {
  readonly name: string;
  readonly op: "=" | "!=" | "=~" | "!~";
  readonly value: string;
}

/** Parses a LogQL stream selector (`{service_name="daemon", env=~"prod|staging"}`). */
export function parseSelector(selector: string): { matchers: SelectorMatcher[] } | { error: string } {
  let i = 0;
  const s = selector;
  const ws = () => {
    while (i < s.length && /\s/.test(s[i]!)) i++;
  };
  ws();
  if (s[i] !== "{") return { error: "it does not start with `{`" };
  i++;
  const matchers: SelectorMatcher[] = [];
  for (;;) {
    ws();
    if (i >= s.length) return { error: "missing the closing `}`" };
    if (s[i] === "}") break;
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i))?.[0];
    if (!name) return { error: `expected a label name at offset ${i}` };
    i += name.length;
    ws();
    const op = (["=~", "!~", "!=", "="] as const).find((o) => s.startsWith(o, i));
    if (!op) return { error: `expected =, !=, =~ or !~ after label "${name}"` };
    i += op.length;
    ws();
    const str = readString(s, i);
    if ("error" in str) return { error: `value of label "${name}": ${str.error}` };
    i = str.end;
    matchers.push({ name, op, value: str.value });
    ws();
    if (s[i] === ",") {
      i++;
      continue;
    }
    if (s[i] === "}") break;
    return { error: i >= s.length ? "missing the closing `}`" : `expected \`,\` or \`}\` at offset ${i}` };
  }
  i++;
  ws();
  if (i !== s.length) return { error: "text follows the closing `}`" };
  return { matchers };
}

/** A Go-quoted ("…" with escapes) or raw (`…`) string starting at `start`. */
function readString(s: string, start: number): { value: string; end: number } | { error: string } {
  const quote = s[start];
  if (quote === "`") {
    const end = s.indexOf("`", start + 1);
    return end < 0 ? { error: "unterminated `…` string" } : { value: s.slice(start + 1, end), end: end + 1 };
  }
  if (quote !== '"') return { error: "expected a quoted string" };
  let value = "";
  for (let i = start + 1; i < s.length; i++) {
    const c = s[i]!;
    if (c === '"') return { value, end: i + 1 };
    if (c === "\n") return { error: "newline inside a string" };
    if (c !== "\\") {
      value += c;
      continue;
    }
    const e = s[++i];
    const simple: Record<string, string> = {
      a: "\x07",
      b: "\b",
      f: "\f",
      n: "\n",
      r: "\r",
      t: "\t",
      v: "\v",
      "\\": "\\",
      '"': '"',
      "'": "'",
    };
    if (e !== undefined && e in simple) value += simple[e];
    else {
      const hex = e === "x" ? 2 : e === "u" ? 4 : e === "U" ? 8 : 0;
      const digits = hex ? s.slice(i + 1, i + 1 + hex) : s.slice(i, i + 3);
      const ok = hex ? new RegExp(`^[0-9A-Fa-f]{${hex}}$`).test(digits) : /^[0-7]{3}$/.test(digits);
      if (!ok) return { error: `invalid escape \\${e ?? ""}` };
      const code = parseInt(digits, hex ? 16 : 8);
      if (code > 0x10ffff) return { error: `invalid escape \\${e}${digits}` };
      value += String.fromCodePoint(code);
      i += hex ? hex : 2;
    }
  }
  return { error: "unterminated string" };
}

/**
 * A selector template (the config's `lokiSelector`) with its placeholders filled: `{service}`
 * is the service's name, or the family's first name segment when the logger profile does not
 * pin one; `{root}` is always that segment. Values are escaped for a double-quoted LogQL string.
 */
export function fillSelector(template: string, values: { root: string; service?: string | undefined }): string {
  const quoted = (v: string) => JSON.stringify(v).slice(1, -1);
  return template
    .replaceAll("{service}", quoted(values.service ?? values.root))
    .replaceAll("{root}", quoted(values.root));
}

/** Whether a matcher can select streams on its own (Loki needs one that does not match ""). */
export function matchesNonEmptyOnly(m: SelectorMatcher): boolean {
  if (m.op === "=") return m.value !== "";
  if (m.op !== "=~") return false;
  try {
    return !new RegExp(`^(?:${m.value})$`, "u").test("");
  } catch {
    // Go RE2 syntax JavaScript cannot compile: give the selector the benefit of the doubt.
    return true;
  }
}
