/**
 * What `logpact validate` can find, and how loud each kind is by default.
 *
 * A line has exactly one *status* (blank, malformed, not-object, untyped, unknown-event,
 * violation, line-too-long or valid) and may carry extra *flags* (invalid-utf8, deprecated,
 * level-mismatch). `unseen` is not about a line: a registered event that never appeared.
 */

/** Every finding kind, in report order. */
export const FINDING_KINDS = [
  "malformed",
  "not-object",
  "untyped",
  "unknown-event",
  "violation",
  "deprecated",
  "level-mismatch",
  "invalid-utf8",
  "line-too-long",
  "unseen",
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export const SEVERITIES = ["error", "warn", "off"] as const;
/** `error` fails the run (exit 1), `warn` is listed as a warning only, `off` is counted but not listed. */
export type KindSeverity = (typeof SEVERITIES)[number];

/** Defaults: broken lines and contract breaks fail; style-ish and informational kinds warn or stay quiet. */
export const DEFAULT_SEVERITY: Readonly<Record<FindingKind, KindSeverity>> = Object.freeze({
  malformed: "error",
  "not-object": "error",
  untyped: "warn",
  "unknown-event": "error",
  violation: "error",
  deprecated: "warn",
  "level-mismatch": "warn",
  "invalid-utf8": "error",
  "line-too-long": "error",
  unseen: "off",
});

/** One line per kind, for `--help`, the docs and the report legend. */
export const KIND_DESCRIPTIONS: Readonly<Record<FindingKind, string>> = Object.freeze({
  malformed: "the line is not JSON (includes a truncated last line and nesting too deep to parse)",
  "not-object": "the line is JSON but not an object (an array, string, number or null)",
  untyped: "the object has no string `event` field",
  "unknown-event": "`event` names no registered event",
  violation: "the line breaks its event's contract (missing, extra or mistyped field)",
  deprecated: "the event, or a field present on the line, is deprecated",
  "level-mismatch": "the pino `level` differs from the level the event declares",
  "invalid-utf8": "the line's bytes are not valid UTF-8 (checked after decoding with U+FFFD)",
  "line-too-long": "the line exceeds --max-line-bytes and was skipped unread",
  unseen: "a registered event never appeared in the input (coverage)",
});

/** Line statuses: every line gets exactly one, so their counts add up to the line count. */
export const LINE_STATUSES = [
  "valid",
  "violation",
  "unknown-event",
  "untyped",
  "not-object",
  "malformed",
  "line-too-long",
  "blank",
] as const;
export type LineStatus = (typeof LINE_STATUSES)[number];

/** Parses `--fail-on`: `all`, `none`, or a comma list of kinds; those become errors, the rest (not off) warnings. */
export function severitiesForFailOn(
  spec: string,
  base: Readonly<Record<FindingKind, KindSeverity>>,
): Record<FindingKind, KindSeverity> | { unknown: string[] } {
  const words = spec
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = words.filter((w) => w !== "all" && w !== "none" && !(FINDING_KINDS as readonly string[]).includes(w));
  if (unknown.length) return { unknown };
  const fail = new Set<string>(words.includes("all") ? FINDING_KINDS : words.filter((w) => w !== "none"));
  const out = {} as Record<FindingKind, KindSeverity>;
  for (const kind of FINDING_KINDS) {
    // A kind named in --fail-on is switched on even if the config turned it off.
    out[kind] = fail.has(kind) ? "error" : base[kind] === "off" ? "off" : "warn";
  }
  return out;
}
