/**
 * Typed metadata that logpact reads from Zod's `.meta()`.
 *
 * Importing anything from `logpact` (even `import type {} from "logpact"`) augments
 * Zod's `GlobalMeta`, so `unit`, `level`, `sensitive`, … autocomplete and a wrong value
 * fails to compile. Unknown keys still type-check (Zod's meta has an index signature),
 * which is why the loader rejects them at generation time (`LP_META_UNKNOWN_KEY`).
 */

/** pino's levels, lowest first. */
export const LEVELS = ["trace", "debug", "info", "warn", "error", "fatal"] as const;
export type Level = (typeof LEVELS)[number];

/** pino's numeric value for each level (what lands in the `level` field of a line). */
export const LEVEL_VALUES: Readonly<Record<Level, number>> = Object.freeze({
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
});

export const STABILITIES = ["experimental", "stable"] as const;
export type Stability = (typeof STABILITIES)[number];

/**
 * Units a numeric field may declare, with the name suffixes that announce them
 * (snake_case first, camelCase second). Epoch timestamps carry no suffix rule: their
 * names end in `At` by convention (`lastHeartbeatAt`).
 */
export const UNITS = {
  ns: ["_ns", "Ns"],
  us: ["_us", "Us"],
  ms: ["_ms", "Ms"],
  s: ["_s", "S"],
  min: ["_min", "Min"],
  bytes: ["_bytes", "Bytes"],
  usd: ["_usd", "Usd"],
  percent: ["_pct", "Pct"],
  count: [],
  ratio: [],
  epoch_ms: [],
  epoch_s: [],
} as const satisfies Record<string, readonly string[]>;
export type Unit = keyof typeof UNITS;

/** The unit a name's suffix announces (`timeout_ms` → ms), if any. */
export function unitFromSuffix(name: string): Unit | undefined {
  let best: { unit: Unit; len: number } | undefined;
  for (const [unit, suffixes] of Object.entries(UNITS) as [Unit, readonly string[]][]) {
    for (const suffix of suffixes) {
      // camelCase suffixes need a lowercase letter or digit before them (`durationMs`, not `Ms`).
      const matches = suffix.startsWith("_") ? name.endsWith(suffix) && name.length > suffix.length : new RegExp(`[a-z0-9]${suffix}$`).test(name);
      if (matches && (!best || suffix.length > best.len)) best = { unit, len: suffix.length };
    }
  }
  return best?.unit;
}

/** `true` means "sensitive, kind unspecified"; redaction treats all kinds alike. */
export type Sensitivity = boolean | "secret" | "pii";

/** A deprecation record. `renamed_to` turns a remove + add into a documented rename. */
export interface Deprecation {
  /** Why, and what to use instead. */
  reason?: string | undefined;
  /** The event (full name) or field that replaces this one. */
  renamed_to?: string | undefined;
  /** Version or date from which it is deprecated. */
  since?: string | undefined;
}

/** A lifecycle edge between two events of the family (short or full names); `[*]` is start/end. */
export type Transition = readonly [from: string, to: string] | readonly [from: string, to: string, label: string];

export type Duration = `${number}${"s" | "m" | "h" | "d"}`;
export type CompareOp = "==" | "!=" | ">" | ">=" | "<" | "<=";
export type Severity = "critical" | "warning" | "info";

/** A filter on one field of the watched event (`attempt >= 5`). */
export interface FieldFilter {
  field: string;
  op: CompareOp;
  value: string | number | boolean;
}

interface AlertBase {
  /** Alert name as the ruler shows it (PascalCase by convention: `DaemonReconnectStorm`). */
  name: string;
  /** How long the condition must hold before firing (`0s` fires at once). */
  for?: Duration;
  severity: Severity;
  /** One line; `{{ $labels.x }}` and `{{ $value }}` pass through untouched. */
  summary: string;
  description?: string;
  runbook_url?: string;
  /** Extra ruler labels. */
  labels?: Record<string, string>;
}

/** Count of an event (optionally filtered) over a window, grouped, compared to a number. */
export interface ThresholdAlert extends AlertBase {
  kind: "threshold";
  event: string | readonly string[];
  where?: readonly FieldFilter[];
  window: Duration;
  by?: readonly string[];
  op: CompareOp;
  value: number;
}

/** count(numerator) / count(denominator) over a window, grouped, compared to a number. */
export interface RatioAlert extends AlertBase {
  kind: "ratio";
  numerator: string | readonly string[];
  denominator: string | readonly string[];
  window: Duration;
  by?: readonly string[];
  op: CompareOp;
  value: number;
}

/** `quantile_over_time` of a numeric field of an event, compared to a number. */
export interface QuantileAlert extends AlertBase {
  kind: "quantile";
  event: string;
  field: string;
  quantile: number;
  where?: readonly FieldFilter[];
  window: Duration;
  by?: readonly string[];
  op: CompareOp;
  value: number;
}

/** No occurrence of an event in a window (heartbeats). */
export interface AbsentAlert extends AlertBase {
  kind: "absent";
  event: string;
  window: Duration;
}

export type AlertDecl = ThresholdAlert | RatioAlert | QuantileAlert | AbsentAlert;

/** Metadata on a family (the union, or the lone event object of a one-event family). */
export interface FamilyMeta {
  /** Family name; defaults to the longest common dotted prefix of its events. */
  family?: string;
  description?: string;
  /** Team or person that owns these events. */
  owner?: string;
  stability?: Stability;
  /** Grafana Loki stream selector for this family's alerts, e.g. `{service_name="daemon"}`. */
  loki?: { selector?: string };
  transitions?: readonly Transition[];
  alerts?: readonly AlertDecl[];
}

/** Metadata on one event object. */
export interface EventMeta {
  level?: Level;
  /** One line: when this event fires. */
  description?: string;
  /** Default log message (defaults to the event name). */
  message?: string;
  stability?: Stability;
  deprecation?: Deprecation;
  /** Example payloads (with or without `event`). */
  examples?: readonly Record<string, unknown>[];
}

/** Metadata on one field. */
export interface FieldMeta {
  description?: string;
  unit?: Unit;
  sensitive?: Sensitivity;
  examples?: readonly unknown[];
  deprecation?: Deprecation;
}

/** Keys logpact accepts at each place; anything else is `LP_META_UNKNOWN_KEY`. */
export const FAMILY_META_KEYS = [
  "family",
  "description",
  "owner",
  "stability",
  "loki",
  "transitions",
  "alerts",
  "title",
  "id",
] as const;
export const EVENT_META_KEYS = [
  "level",
  "description",
  "message",
  "stability",
  "deprecation",
  "deprecated",
  "examples",
  "title",
  "id",
] as const;
export const FIELD_META_KEYS = [
  "description",
  "unit",
  "sensitive",
  "examples",
  "deprecation",
  "deprecated",
  "title",
  "id",
] as const;
/** Metadata a family union may carry when it is also a one-event family's object. */
export const LONE_EVENT_META_KEYS = [...new Set([...FAMILY_META_KEYS, ...EVENT_META_KEYS])];

declare module "zod" {
  interface GlobalMeta {
    family?: string;
    owner?: string;
    stability?: Stability;
    loki?: { selector?: string };
    transitions?: readonly Transition[];
    alerts?: readonly AlertDecl[];
    level?: Level;
    message?: string;
    deprecation?: Deprecation;
    examples?: readonly unknown[];
    unit?: Unit;
    sensitive?: Sensitivity;
  }
}
