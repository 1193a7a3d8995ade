/**
 * Convention rules: each a name with an `off | warn | error` severity (ESLint style),
 * configured under `conventions` and documented in docs/config.md. Style rules (name
 * cases, unit-suffix style) by default infer the registry's dominant style and warn on
 * deviations; correctness rules (a unit contradicting its suffix, one field name with
 * two types) are errors. This file resolves the settings (incl. the pre-rule keys) and
 * classifies names; the checks themselves live in checks.ts.
 */
import type { Severity } from "../errors.js";
import type { RegistryIR } from "./ir.js";
import { UNITS, unitFromSuffix } from "./meta.js";

export const RULE_SEVERITIES = ["off", "warn", "error"] as const;
export type RuleSeverity = (typeof RULE_SEVERITIES)[number];

/** A style a name-case rule can enforce; `inferred` means "the registry's dominant one". */
export type CaseStyle = "inferred" | "either" | "snake_case" | "camelCase";

/** The convention rules, each with its default: the one place the defaults are set. */
export const CONVENTION_RULES = {
  /** Event and family names: dot-separated segments in one case. Style. */
  "event-name-case": { default: "warn", styles: ["inferred", "snake_case", "camelCase"] },
  /** Field names: one case across the registry. Style. */
  "field-name-case": { default: "warn", styles: ["inferred", "either", "snake_case", "camelCase"] },
  /** Correlation ids (`…_id` / `…Id`): one case. Style. */
  "id-field-case": { default: "warn", styles: ["inferred", "snake_case", "camelCase"] },
  /** Unit suffixes written one way (`_ms` or `Ms`). Style. */
  "unit-suffix-style": { default: "warn", styles: ["inferred", "snake_case", "camelCase"] },
  /** A declared unit whose name carries no suffix (`timeout` with unit ms). Style. */
  "unit-suffix-missing": { default: "warn", styles: [] },
  /** A declared unit contradicting the name's suffix, or a unit on a non-number. Correctness. */
  "unit-mismatch": { default: "error", styles: [] },
  /** One field name with two JSON types across the registry. Correctness. */
  "field-type-conflict": { default: "error", styles: [] },
  /** A `.refine`/`.superRefine`/`.check` that only Zod enforces (not JSON Schema, validate). */
  "refine-not-enforced": { default: "warn", styles: [] },
  /** Events and fields without a description. */
  descriptions: { default: "warn", styles: [] },
} as const satisfies Record<string, { default: RuleSeverity; styles: readonly CaseStyle[] }>;
export type ConventionRule = keyof typeof CONVENTION_RULES;
export const CONVENTION_RULE_NAMES = Object.keys(CONVENTION_RULES) as ConventionRule[];

/**
 * What `ruleSetting` reads of the `conventions` config (config/schema.ts `ConventionsSchema`,
 * whose output type fits this): typed here so the registry does not import the config.
 */
export type ConventionSettings = {
  readonly [R in ConventionRule]?: RuleSeverity | readonly [RuleSeverity, CaseStyle];
} & {
  readonly eventNames?: boolean | undefined;
  readonly fieldNames?: string | undefined;
  readonly idFields?: string | undefined;
  readonly unitSuffixes?: boolean | undefined;
  readonly fieldTypesAgree?: boolean | undefined;
};

/** A rule's effective setting: severity and, for style rules, the style to enforce. */
export interface RuleSetting {
  readonly severity: RuleSeverity;
  readonly style: CaseStyle;
}

/**
 * The setting of one rule. The pre-rule keys (`eventNames`, `fieldNames`, `idFields`,
 * `unitSuffixes`, `fieldTypesAgree`) still work: when present they win, as errors with
 * the explicit style they named, which is what they meant.
 */
export function ruleSetting(conventions: ConventionSettings, rule: ConventionRule): RuleSetting {
  const legacy = legacySetting(conventions, rule);
  if (legacy) return legacy;
  const raw = conventions[rule];
  if (raw === undefined) return { severity: CONVENTION_RULES[rule].default, style: "inferred" };
  return typeof raw === "string" ? { severity: raw, style: "inferred" } : { severity: raw[0], style: raw[1] };
}

function legacySetting(c: ConventionSettings, rule: ConventionRule): RuleSetting | undefined {
  const on = (flag: boolean | undefined, style: CaseStyle): RuleSetting | undefined =>
    flag === undefined ? undefined : { severity: flag ? "error" : "off", style };
  const cased = (mode: string | undefined): RuleSetting | undefined =>
    mode === undefined
      ? undefined
      : mode === "off"
        ? { severity: "off", style: "inferred" }
        : { severity: "error", style: mode as CaseStyle };
  switch (rule) {
    case "event-name-case":
      return on(c.eventNames, "snake_case");
    case "field-name-case":
      return cased(c.fieldNames);
    case "id-field-case":
      return cased(c.idFields);
    case "unit-mismatch":
    case "unit-suffix-missing":
      return on(c.unitSuffixes, "inferred");
    case "unit-suffix-style":
      return c.unitSuffixes === false ? { severity: "off", style: "inferred" } : undefined;
    case "field-type-conflict":
      return on(c.fieldTypesAgree, "inferred");
    default:
      return undefined;
  }
}

/** The diagnostic severity of a rule that is on. */
export function diagnosticSeverity(s: RuleSeverity): Severity {
  return s === "error" ? "error" : "warning";
}

/** How an identifier is written. `neutral` is one lowercase word, which fits both cases. */
export type NameCase = "snake_case" | "camelCase" | "neutral" | "other";

/** Names needed before a style counts as the registry's own. */
export const MIN_VOTES = 3;

const SNAKE = /^[a-z][a-z0-9]*(_[a-z0-9]+)+$/;
const CAMEL = /^[a-z][a-z0-9]*([A-Z][a-z0-9]*)+$/;
const WORD = /^[a-z][a-z0-9]*$/;

export function nameCase(name: string): NameCase {
  if (WORD.test(name)) return "neutral";
  if (SNAKE.test(name)) return "snake_case";
  if (CAMEL.test(name)) return "camelCase";
  return "other";
}

/** Case of a correlation id's suffix (`tool_use_id` → snake_case, `deliveryId` → camelCase). */
export function idCase(name: string): "snake_case" | "camelCase" | undefined {
  if (/[a-z0-9]_id$/.test(name)) return "snake_case";
  if (/[a-z0-9]Id$/.test(name)) return "camelCase";
  return undefined;
}

/**
 * The dominant style among votes: one with at least twice the votes of any other. A
 * registry split down the middle (13 snake_case names, 11 camelCase) has no dominant
 * style, so nothing deviates from it: a warning must point at an outlier, not at half
 * of the registry. Fewer than MIN_VOTES names say nothing about a house style.
 */
export function dominant<T extends string>(
  votes: Iterable<T | undefined>,
): { style: T; count: number; total: number } | undefined {
  const counts = new Map<T, number>();
  let total = 0;
  for (const v of votes) {
    if (v === undefined) continue;
    counts.set(v, (counts.get(v) ?? 0) + 1);
    total++;
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  if (!ranked.length || ranked[0]![1] < MIN_VOTES || (ranked[1] && ranked[1][1] * 2 > ranked[0]![1])) return undefined;
  return { style: ranked[0]![0], count: ranked[0]![1], total };
}

/** `toolUseId` → `tool_use_id`. */
export function toSnake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
}

/** `tool_use_id` → `toolUseId`. */
export function toCamel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

type Case = "snake_case" | "camelCase";
const cased = (c: NameCase | undefined): Case | undefined => (c === "snake_case" || c === "camelCase" ? c : undefined);

/** Case of an event or family name's segments: `neutral` when all are one word, `other` when they mix. */
export function eventNameCase(name: string): NameCase {
  const cases = new Set(
    name
      .split(".")
      .map(nameCase)
      .filter((c) => c !== "neutral"),
  );
  return cases.size === 0 ? "neutral" : cases.size === 1 ? [...cases][0]! : "other";
}

/** `tool_duration_ms` → `tool_duration`, `costUsd` → `cost`. */
export function withoutUnitSuffix(name: string): string {
  const unit = unitFromSuffix(name);
  const suffix = unit && UNITS[unit].find((s) => name.endsWith(s));
  return suffix ? name.slice(0, -suffix.length) : name;
}

/**
 * Case of a field name without its unit suffix: `duration_ms` says nothing about whether
 * the house writes `jobId` or `job_id` (the suffix has a rule of its own).
 */
export function fieldNameCase(name: string): NameCase {
  return nameCase(withoutUnitSuffix(name));
}

/** `_ms` is snake_case, `Ms` camelCase; undefined when the name has no unit suffix. */
export function unitSuffixCase(name: string): Case | undefined {
  const unit = unitFromSuffix(name);
  if (!unit) return undefined;
  return UNITS[unit].some((s) => s.startsWith("_") && name.endsWith(s)) ? "snake_case" : "camelCase";
}

export type HouseStyle = Readonly<
  Record<
    "event-name-case" | "field-name-case" | "id-field-case" | "unit-suffix-style",
    ReturnType<typeof dominant<Case>>
  >
>;

/**
 * The registry's own dominant style per style rule (what `inferred` enforces), counted
 * over distinct names; `undefined` where there is none. `logpact init` prints it.
 */
export function houseStyle(ir: RegistryIR): HouseStyle {
  const events = ir.families.flatMap((f) => f.events);
  const fields = [...new Set(events.flatMap((e) => e.fields.map((f) => f.name)))];
  const numeric = [
    ...new Set(
      events.flatMap((e) =>
        e.fields
          .filter((f) => f.types.length > 0 && f.types.every((t) => t === "integer" || t === "number"))
          .map((f) => f.name),
      ),
    ),
  ];
  return {
    "event-name-case": dominant(events.map((e) => cased(eventNameCase(e.name)))),
    "field-name-case": dominant(fields.map((n) => cased(fieldNameCase(n)))),
    "id-field-case": dominant(fields.map(idCase)),
    "unit-suffix-style": dominant(numeric.map(unitSuffixCase)),
  };
}
