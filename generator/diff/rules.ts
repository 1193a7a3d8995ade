/**
 * The catalogue of change rules `logpact diff` applies: one id per kind of change, its
 * default severity and the reason, in the words docs/diff.md uses. A change may leave
 * its default severity in two documented cases (see `compare.ts`): a breaking change to
 * an experimental event with no alert reading it becomes a warning, and a documented
 * rename or removal becomes breaking when a declared alert still reads the old name.
 */

/** How a change affects consumers of the log lines (dashboards, alerts, queries, pipelines). */
export type ChangeSeverity = "breaking" | "warning" | "safe";

/** Severity order, most severe first (output order and `--fail-on`). */
export const SEVERITIES: readonly ChangeSeverity[] = ["breaking", "warning", "safe"];

export interface RuleInfo {
  readonly severity: ChangeSeverity;
  /** Where the rule applies. */
  readonly scope: "event" | "field" | "family" | "alert" | "any";
  /** One line: what changed. */
  readonly title: string;
  /** Why it has this severity (producer-output view: an old consumer reading new lines). */
  readonly why: string;
}

export const RULES = {
  // ── events ──────────────────────────────────────────────────────────────────
  "event-removed": {
    severity: "breaking",
    scope: "event",
    title: "an event was removed",
    why: "queries, dashboards and alerts on it go silent: no line says so, the panel just shows zero",
  },
  "event-removed-deprecated": {
    severity: "warning",
    scope: "event",
    title: "an event deprecated in the baseline was removed",
    why: "the deprecation announced it; consumers had a release to move off it (breaking if a declared alert still reads it)",
  },
  "event-renamed": {
    severity: "warning",
    scope: "event",
    title: "an event was renamed, documented by `deprecation.renamed_to` in the baseline",
    why: "consumers were told the new name a release ahead (breaking if a declared alert still reads the old name)",
  },
  "event-renamed-undocumented": {
    severity: "breaking",
    scope: "event",
    title: "an event was removed and one with the same fields added, with no deprecation record",
    why: "to an old consumer a rename is a removal: its queries name the old event",
  },
  "event-level-lowered": {
    severity: "breaking",
    scope: "event",
    title: "an event's level was lowered (warn → info)",
    why: "filters and alerts on `level >= warn` lose its lines; a logger configured above the new level drops them",
  },
  "event-level-raised": {
    severity: "warning",
    scope: "event",
    title: "an event's level was raised (info → warn)",
    why: "nothing is lost, but level-based alerts and error budgets now count it",
  },
  "event-message-changed": {
    severity: "warning",
    scope: "event",
    title: "an event's default `msg` changed",
    why: 'queries that match on message text (`|= "connected"`) stop matching',
  },
  "event-added": {
    severity: "safe",
    scope: "event",
    title: "an event was added",
    why: "old consumers never query it",
  },
  "event-key-changed": {
    severity: "breaking",
    scope: "any",
    title: "the property naming a line's event changed (config `eventKey`: event → type)",
    why: "every query, dashboard, alert and pipeline rule selects events by the old key; lines written under it no longer match the contract",
  },
  "variant-removed": {
    severity: "breaking",
    scope: "event",
    title: "a variant of an event was removed (a discriminator value no longer allowed)",
    why: "the new contract rejects old lines of that variant, and queries filtering on its value go silent",
  },
  "variant-added": {
    severity: "warning",
    scope: "event",
    title: "a variant was added to an event (a new discriminator value)",
    why: "exhaustive consumers (a `switch` on the discriminator, a fixed legend) meet a value and fields they do not know",
  },
  "variant-discriminator-changed": {
    severity: "breaking",
    scope: "event",
    title: "an event gained, lost or changed the field its variants are told apart by",
    why: "old lines are read against a different set of shapes; logpact cannot prove each old line still has a matching variant",
  },
  "event-family-changed": {
    severity: "safe",
    scope: "event",
    title: "an event moved to another family",
    why: "consumers select events by name; the Loki selector is reported separately if it changed",
  },
  // ── fields (also nested properties, `field.sub`, and the envelope) ───────────
  "field-removed": {
    severity: "breaking",
    scope: "field",
    title: "a field was removed",
    why: "a consumer reading it gets nothing; an alert on it stops firing without notice",
  },
  "field-removed-deprecated": {
    severity: "warning",
    scope: "field",
    title: "a field deprecated in the baseline was removed",
    why: "the deprecation announced it (breaking if a declared alert still reads it)",
  },
  "field-renamed": {
    severity: "warning",
    scope: "field",
    title: "a field was renamed, documented by `deprecation.renamed_to` in the baseline",
    why: "consumers were told the new name a release ahead (breaking if a declared alert still reads the old name)",
  },
  "field-renamed-undocumented": {
    severity: "breaking",
    scope: "field",
    title: "a field was removed and one with the same type added, with no deprecation record",
    why: "to an old consumer a rename is a removal",
  },
  "field-added-required": {
    severity: "breaking",
    scope: "field",
    title: "a required field was added",
    why: "the new contract rejects every line written before it (old producers mid-rollout, the store's history)",
  },
  "field-made-required": {
    severity: "breaking",
    scope: "field",
    title: "an optional field became required",
    why: "the new contract rejects old lines that omit it",
  },
  "field-made-optional": {
    severity: "breaking",
    scope: "field",
    title: "a required field became optional",
    why: "a consumer that relied on it being present now meets lines without it",
  },
  "type-changed": {
    severity: "breaking",
    scope: "field",
    title: "a field's type changed (string → number)",
    why: "old consumers cannot read the new values, and the new contract rejects the old ones",
  },
  "type-narrowed": {
    severity: "breaking",
    scope: "field",
    title: "a field's type was narrowed (number → integer, string | number → string)",
    why: "the new contract rejects values the old one allowed (old lines, old producers)",
  },
  "type-widened": {
    severity: "warning",
    scope: "field",
    title: "a field's type was widened (integer → number, string → string | number)",
    why: "old consumers may meet values of a type they do not handle",
  },
  "nullable-removed": {
    severity: "breaking",
    scope: "field",
    title: "a field is no longer nullable",
    why: "the new contract rejects old lines carrying null",
  },
  "nullable-added": {
    severity: "warning",
    scope: "field",
    title: "a field became nullable",
    why: "old consumers may not handle null (Loki `unwrap` drops the line with `__error__`)",
  },
  "enum-member-removed": {
    severity: "breaking",
    scope: "field",
    title: "an enum or literal value was removed",
    why: "the new contract rejects old lines carrying it; filters on it go silent",
  },
  "enum-member-added": {
    severity: "warning",
    scope: "field",
    title: "an enum or literal value was added",
    why: "exhaustive consumers (a `switch` with no default, a fixed dashboard legend) meet a value they do not know",
  },
  "constraint-tightened": {
    severity: "breaking",
    scope: "field",
    title:
      "a constraint was tightened (minimum, maximum, length, pattern, format, items, multipleOf, closed object, …)",
    why: "the new contract rejects values the old one allowed",
  },
  "constraint-loosened": {
    severity: "warning",
    scope: "field",
    title: "a constraint was loosened or removed",
    why: "old consumers may meet values outside the range they were promised",
  },
  "schema-changed": {
    severity: "breaking",
    scope: "field",
    title: "a part of a field's JSON Schema that logpact does not compare changed (allOf, not, prefixItems, …)",
    why: "logpact cannot prove the new schema accepts every old value, so it assumes it does not",
  },
  "unit-changed": {
    severity: "breaking",
    scope: "field",
    title: "a field's declared unit changed (ms → s)",
    why: "every threshold and panel on it is now off by the conversion factor",
  },
  "sensitivity-added": {
    severity: "warning",
    scope: "field",
    title: "a field became sensitive",
    why: "redaction may replace its value (`[Redacted]`) for consumers that read it",
  },
  "field-added-optional": {
    severity: "safe",
    scope: "field",
    title: "an optional field was added",
    why: 'old consumers never read it, and old lines (without it) still satisfy the new contract; see "Closed events and added fields"',
  },
  "unit-annotation-changed": {
    severity: "safe",
    scope: "field",
    title: "a unit was declared where there was none, or a declaration was dropped",
    why: "documentation of what the number already meant",
  },
  "sensitivity-removed": {
    severity: "safe",
    scope: "field",
    title: "a field is no longer sensitive",
    why: "consumers see the value where they saw a redaction marker",
  },
  // ── metadata on any of them ─────────────────────────────────────────────────
  "deprecation-added": {
    severity: "warning",
    scope: "any",
    title: "an event or field was deprecated",
    why: "notice to consumers: it will be removed or renamed in a later release",
  },
  "deprecation-removed": {
    severity: "safe",
    scope: "any",
    title: "a deprecation was withdrawn",
    why: "the event or field stays",
  },
  "deprecation-changed": {
    severity: "safe",
    scope: "any",
    title: "a deprecation record's reason, date or replacement changed",
    why: "documentation",
  },
  "stability-lowered": {
    severity: "warning",
    scope: "any",
    title: "an event or family went from stable to experimental",
    why: "it drops its compatibility promise: later breaking changes to it are only warnings",
  },
  "stability-raised": {
    severity: "safe",
    scope: "any",
    title: "an event or family went from experimental to stable",
    why: "a stronger promise",
  },
  "description-changed": {
    severity: "safe",
    scope: "any",
    title: "a description changed",
    why: "documentation",
  },
  "examples-changed": {
    severity: "safe",
    scope: "any",
    title: "examples changed",
    why: "documentation",
  },
  // ── families and alerts ─────────────────────────────────────────────────────
  "loki-selector-changed": {
    severity: "warning",
    scope: "family",
    title: "a family's Loki stream selector changed",
    why: "dashboards and alerts that select the old stream see nothing if the stream labels changed with it",
  },
  "family-metadata-changed": {
    severity: "safe",
    scope: "family",
    title: "a family's owner or lifecycle transitions changed",
    why: "documentation",
  },
  "alert-removed": {
    severity: "warning",
    scope: "alert",
    title: "a declared alert was removed",
    why: "on-call loses that page once the regenerated rules are deployed",
  },
  "alert-added": {
    severity: "safe",
    scope: "alert",
    title: "a declared alert was added",
    why: "nothing existing changes",
  },
  "alert-changed": {
    severity: "safe",
    scope: "alert",
    title: "a declared alert's condition, threshold or text changed",
    why: "the generated rule changes with it; review the new threshold",
  },
} as const satisfies Record<string, RuleInfo>;

/** A rule id: `field-removed`, `enum-member-added`, … */
export type RuleId = keyof typeof RULES;

/** Every rule id, in catalogue order. */
export const RULE_IDS = Object.keys(RULES) as RuleId[];
