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
      const matches = suffix.startsWith("_")
        ? name.endsWith(suffix) && name.length > suffix.length
        : new RegExp(`[a-z0-9]${suffix}$`).test(name);
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

/** A duration unit as Prometheus and Loki read it (`model.ParseDuration`). */
export type DurationUnit = "ms" | "s" | "m" | "h" | "d" | "w" | "y";
/**
 * A Prometheus-style duration: whole numbers with units, largest first (`30s`, `5m`,
 * `1h30m`). Checked at generation time; fractions (`1.5m`) are not Loki durations.
 */
export type Duration =
  | `${number}${DurationUnit}`
  | `${number}${DurationUnit}${number}${DurationUnit}`
  | `${number}${DurationUnit}${number}${DurationUnit}${number}${DurationUnit}`;
/** Comparison operators of alert conditions and field filters. */
export const COMPARE_OPS = ["==", "!=", ">", ">=", "<", "<="] as const;
export type CompareOp = (typeof COMPARE_OPS)[number];
/** The `severity` label of a generated alert rule. */
export const ALERT_SEVERITIES = ["critical", "warning", "info"] as const;
export type Severity = (typeof ALERT_SEVERITIES)[number];
export const ALERT_KINDS = ["threshold", "ratio", "quantile", "absent"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/**
 * A filter on one field of the watched event(s): `{ field: "attempt", op: ">=", value: 5 }`.
 * `field` is a payload field of the event, a field of the logger envelope (`hostname`),
 * or a dotted path into a nested object field (`peer.region`). Ordering operators need a
 * numeric field; an enum field compares only with its declared members.
 */
export interface FieldFilter {
  field: string;
  op: CompareOp;
  value: string | number | boolean;
}

interface AlertBase {
  /** Alert name as the ruler shows it (an identifier, PascalCase by convention: `DaemonReconnectStorm`). */
  name: string;
  /** How long the condition must hold before firing; `0s` (the default) fires at once. */
  for?: Duration | undefined;
  severity: Severity;
  /** One line; `{{ $labels.x }}` and `{{ $value }}` pass through to the ruler untouched. */
  summary: string;
  description?: string | undefined;
  runbook_url?: string | undefined;
  /** Extra ruler labels (`team: "platform"`); `severity`, `family` and `alertname` are set by logpact. */
  labels?: Record<string, string> | undefined;
}

/** What the kinds that measure share: filtered lines over a window, grouped, the measure compared to a number. */
interface MeasuredAlert extends AlertBase {
  where?: readonly FieldFilter[] | undefined;
  window: Duration;
  /** Fields to group by; each becomes a label of the alert (`{{ $labels.workflowName }}`). */
  by?: readonly string[] | undefined;
  op: CompareOp;
  value: number;
}

/** Count of an event (or any of several), optionally filtered, over a window, grouped, compared to a number. */
export interface ThresholdAlert extends MeasuredAlert {
  kind: "threshold";
  /** Event name (full, or short within the family), or several: lines of any of them count. */
  event: string | readonly string[];
}

/** count(numerator events) / count(denominator events) over a window, grouped, compared to a number. */
export interface RatioAlert extends MeasuredAlert {
  kind: "ratio";
  numerator: string | readonly string[];
  denominator: string | readonly string[];
  /** Filters applied to the lines of both sides. */
  where?: readonly FieldFilter[] | undefined;
}

/** `quantile_over_time` of a numeric field of one event, grouped, compared to a number. */
export interface QuantileAlert extends MeasuredAlert {
  kind: "quantile";
  event: string;
  /** The numeric field whose quantile is taken (`| unwrap field`). */
  field: string;
  /** Between 0 and 1: 0.95 is the p95. */
  quantile: number;
}

/** No (matching) line of an event in a window: heartbeats and other must-always-happen events. */
export interface AbsentAlert extends AlertBase {
  kind: "absent";
  event: string;
  where?: readonly FieldFilter[] | undefined;
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

/**
 * The keys of all three places in one type, for Zod's one `.meta()`. `description` comes
 * from Zod's own meta; `examples` differ in type per place, so the widest is declared below.
 */
type AnyMeta = Omit<FamilyMeta, "description"> &
  Omit<EventMeta, "description" | "examples"> &
  Omit<FieldMeta, "description" | "examples">;

declare module "zod" {
  interface GlobalMeta extends AnyMeta {
    examples?: readonly unknown[];
  }
}
