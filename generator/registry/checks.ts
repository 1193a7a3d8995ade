/**
 * Registry-wide checks over the IR. Each check is a named function returning
 * diagnostics; conventions are switchable through `config.conventions`.
 */
import { redactionDiagnostics } from "./logger-profile.js";
import type { ResolvedConfig } from "../config/schema.js";
import type { Diagnostic } from "../errors.js";
import { didYouMeanSuffix } from "../util/did-you-mean.js";
import { checkAlerts } from "./alerts.js";
import type { EventIR, FamilyIR, FieldIR, RegistryIR } from "./ir.js";
import { UNITS, unitFromSuffix } from "./meta.js";
import { CALLER_SUPPLIED } from "./envelope.js";
import {
  diagnosticSeverity,
  eventNameCase,
  fieldNameCase,
  houseStyle,
  idCase,
  ruleSetting,
  toCamel,
  toSnake,
  unitSuffixCase,
  type ConventionRule,
  type HouseStyle,
  type RuleSetting,
} from "./conventions.js";
import { schemaSafety } from "./schema-safety.js";
import { repeatsBy } from "../util/repeats.js";

type Check = (ir: RegistryIR, config: ResolvedConfig) => Diagnostic[];

// Segment case is judged by the event-name-case rule; these only ask for identifier segments.
const EVENT_NAME = /^[a-z][A-Za-z0-9_]*(\.[a-z][A-Za-z0-9_]*)+$/;
const FAMILY_NAME = /^[a-z][A-Za-z0-9_]*(\.[a-z][A-Za-z0-9_]*)*$/;
const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const RESERVED_FIELDS = new Set(["__proto__", "constructor", "prototype"]);
const NUMERIC = new Set(["integer", "number"]);

function at(f: FamilyIR, e?: EventIR, field?: FieldIR): Pick<Diagnostic, "file" | "family" | "event" | "field"> {
  return {
    file: f.source.file,
    family: f.name,
    ...(e ? { event: e.name } : {}),
    ...(field ? { field: field.name } : {}),
  };
}

function* fieldsOf(ir: RegistryIR): Generator<[FamilyIR, EventIR, FieldIR]> {
  for (const f of ir.families) for (const e of f.events) for (const field of e.fields) yield [f, e, field];
}

const duplicates: Check = (ir) => [
  ...repeatsBy(ir.families, (f) => f.name).map(
    ([f, first]): Diagnostic => ({
      code: "LP_DUPLICATE_FAMILY",
      severity: "error",
      ...at(f),
      message: `family "${f.name}" (export ${f.source.export}) is also declared in ${first.source.file} (export ${first.source.export})`,
      fix: "declare each family once; merge the two unions or rename one family",
    }),
  ),
  ...repeatsBy(
    ir.families.flatMap((f) => f.events.map((e) => [f, e] as const)),
    ([, e]) => e.name,
  ).map(([[f, e], [first]]): Diagnostic => {
    const where = first === f ? "earlier in the same family" : `in ${first.source.file} (family "${first.name}")`;
    return {
      code: "LP_DUPLICATE_EVENT",
      severity: "error",
      ...at(f, e),
      message: `event "${e.name}" is declared twice: here and ${where}`,
      fix: "an event name identifies one contract: remove one declaration or rename it (variants of one event are declared in one family, told apart by a literal field: docs/authoring.md)",
    };
  }),
];

const familyPrefix: Check = (ir) =>
  ir.families.flatMap((f) =>
    f.events
      .filter((e) => !e.name.startsWith(`${f.name}.`))
      .map((e) => ({
        code: "LP_EVENT_OUTSIDE_FAMILY",
        severity: "error" as const,
        ...at(f, e),
        message: `event "${e.name}" does not start with its family name "${f.name}."`,
        fix: `rename it to "${f.name}.<name>", or move it to a family of its own`,
      })),
  );

/** Where a rule's style comes from, for messages: explicit, or inferred with its vote. */
function styleOf(
  setting: RuleSetting,
  inferred: HouseStyle[keyof HouseStyle],
): { style: string; why: string } | undefined {
  if (setting.style !== "inferred") return { style: setting.style, why: "the configured style" };
  return (
    inferred && {
      style: inferred.style,
      why: `this registry's dominant style: ${inferred.count} of ${inferred.total} names`,
    }
  );
}

function ruleFix(rule: ConventionRule, style?: string): string {
  return `or set conventions["${rule}"] to "off"${style ? ` or ["warn", "${style}"]` : ""}`;
}

const eventNames: Check = (ir, config) => {
  const setting = ruleSetting(config.conventions, "event-name-case");
  if (setting.severity === "off") return [];
  const severity = diagnosticSeverity(setting.severity);
  const want = styleOf(setting, houseStyle(ir)["event-name-case"]);
  const out: Diagnostic[] = [];
  const fits = (name: string, re: RegExp) => {
    const c = eventNameCase(name);
    return re.test(name) && c !== "other" && (!want || c === "neutral" || c === want.style);
  };
  for (const f of ir.families) {
    if (!fits(f.name, FAMILY_NAME))
      out.push({
        code: "LP_FAMILY_NAME",
        severity,
        ...at(f),
        message: `family name "${f.name}" is not dot-separated ${want?.style ?? "snake_case or camelCase"} segments${want ? ` (${want.why})` : ""}`,
        fix: `rename it, e.g. "${suggestEventName(f.name, want?.style)}" (${ruleFix("event-name-case")})`,
      });
    for (const e of f.events) {
      if (!fits(e.name, EVENT_NAME))
        out.push({
          code: "LP_EVENT_NAME",
          severity,
          ...at(f, e),
          message: `event name "${e.name}" is not <family>.<name> in ${want?.style ?? "snake_case or camelCase"} segments${want ? ` (${want.why})` : ""}`,
          fix: `rename it, e.g. "${suggestEventName(e.name, want?.style)}" (${ruleFix("event-name-case")})`,
        });
    }
  }
  return out;
};

function suggestEventName(name: string, style: string | undefined): string {
  return name
    .split(".")
    .map((s) => {
      const snake = toSnake(s).replace(/[^a-z0-9_]+/g, "_");
      return style === "camelCase" ? toCamel(snake) : snake;
    })
    .join(".");
}

const fieldNames: Check = (ir, config) => {
  const out: Diagnostic[] = [];
  const setting = ruleSetting(config.conventions, "field-name-case");
  const severity = diagnosticSeverity(setting.severity);
  const want = setting.style === "either" ? undefined : styleOf(setting, houseStyle(ir)["field-name-case"]);
  for (const [f, e, field] of fieldsOf(ir)) {
    if (RESERVED_FIELDS.has(field.name)) {
      out.push({
        code: "LP_FIELD_NAME_RESERVED",
        severity: "error",
        ...at(f, e, field),
        message: `field name "${field.name}" is reserved in JavaScript objects and breaks parsers and generated code`,
        fix: "rename the field",
      });
      continue;
    }
    if (setting.severity === "off") continue;
    const c = fieldNameCase(field.name);
    // A camelCase name with a snake tail (`durationMs_p95`) was always accepted as "either".
    const either = c !== "other" || /^[a-z][a-zA-Z0-9]*(_[a-z0-9]+)+$/.test(field.name);
    if (!either || !IDENT.test(field.name)) {
      out.push({
        code: "LP_FIELD_NAME",
        severity,
        ...at(f, e, field),
        message: `field name "${field.name}" is neither snake_case nor camelCase`,
        fix: `rename it (letters, digits and \`_\`, starting lowercase), ${ruleFix("field-name-case")}`,
      });
    } else if (want && c !== "neutral" && c !== want.style) {
      const rename = want.style === "snake_case" ? toSnake(field.name) : toCamel(field.name);
      out.push({
        code: "LP_FIELD_NAME",
        severity,
        ...at(f, e, field),
        message: `field name "${field.name}" is ${c === "other" ? "mixed case" : c}; field names are ${want.style} (${want.why})`,
        fix: `rename it to "${rename}", ${ruleFix("field-name-case", c === "other" ? undefined : c)}`,
      });
    }
  }
  return out;
};

const idFields: Check = (ir, config) => {
  const setting = ruleSetting(config.conventions, "id-field-case");
  if (setting.severity === "off") return [];
  const severity = diagnosticSeverity(setting.severity);
  const want = styleOf(setting, houseStyle(ir)["id-field-case"]);
  if (!want) return [];
  const out: Diagnostic[] = [];
  for (const [f, e, field] of fieldsOf(ir)) {
    const c = idCase(field.name);
    if (c === undefined || c === want.style) continue;
    const rename = want.style === "camelCase" ? toCamel(field.name) : toSnake(field.name);
    out.push({
      code: "LP_ID_FIELD_CASE",
      severity,
      ...at(f, e, field),
      message: `correlation id "${field.name}" is ${c}; ids are ${want.style} in this registry (${want.why})`,
      fix: `rename it to "${rename}", ${ruleFix("id-field-case", c)}`,
    });
  }
  return out;
};

const units: Check = (ir, config) => {
  const mismatch = ruleSetting(config.conventions, "unit-mismatch");
  const missing = ruleSetting(config.conventions, "unit-suffix-missing");
  const styleSetting = ruleSetting(config.conventions, "unit-suffix-style");
  const want = styleSetting.severity === "off" ? undefined : styleOf(styleSetting, houseStyle(ir)["unit-suffix-style"]);
  const out: Diagnostic[] = [];
  for (const [f, e, field] of fieldsOf(ir)) {
    const numeric = field.types.length > 0 && field.types.every((t) => NUMERIC.has(t));
    const fromName = unitFromSuffix(field.name);
    if (field.unit !== undefined && !numeric) {
      if (mismatch.severity !== "off")
        out.push({
          code: "LP_UNIT_NOT_NUMERIC",
          severity: diagnosticSeverity(mismatch.severity),
          ...at(f, e, field),
          message: `field "${field.name}" declares unit "${field.unit}" but its type is ${field.display}`,
          fix: `units belong on numeric fields: remove the unit or make the field a number (${ruleFix("unit-mismatch")})`,
        });
      continue;
    }
    if (!numeric) continue;
    if (field.unit !== undefined && fromName !== undefined && fromName !== field.unit) {
      if (mismatch.severity !== "off")
        out.push({
          code: "LP_UNIT_SUFFIX_MISMATCH",
          severity: diagnosticSeverity(mismatch.severity),
          ...at(f, e, field),
          message: `field "${field.name}" is named in ${fromName} but declares unit "${field.unit}"`,
          fix: `make them agree: declare unit "${fromName}", or rename the field with the suffix ${UNITS[field.unit].map((s) => `"${s}"`).join(" / ") || "of its unit"} (${ruleFix("unit-mismatch")})`,
        });
    } else if (field.unit !== undefined && fromName === undefined && UNITS[field.unit].length > 0) {
      if (missing.severity !== "off")
        out.push({
          code: "LP_UNIT_SUFFIX_MISSING",
          severity: diagnosticSeverity(missing.severity),
          ...at(f, e, field),
          message: `field "${field.name}" declares unit "${field.unit}" but its name has no unit suffix`,
          fix: `rename it with a suffix: ${UNITS[field.unit].map((s) => `"${field.name.replace(/_?$/, "")}${s}"`).join(" or ")} (${ruleFix("unit-suffix-missing")})`,
        });
    }
    const style = unitSuffixCase(field.name);
    if (want && style && style !== want.style) {
      const suffix = UNITS[fromName!][want.style === "snake_case" ? 0 : 1];
      const spelled = UNITS[fromName!].find((s) => field.name.endsWith(s))!;
      out.push({
        code: "LP_UNIT_SUFFIX_STYLE",
        severity: diagnosticSeverity(styleSetting.severity),
        ...at(f, e, field),
        message: `field "${field.name}" writes its unit suffix as "${spelled}"; unit suffixes are ${want.style} ("${suffix}") (${want.why})`,
        fix: `rename it to "${field.name.slice(0, -spelled.length)}${suffix}", ${ruleFix("unit-suffix-style", style)}`,
      });
    }
  }
  return out;
};

const typeAgreement: Check = (ir, config) => {
  const setting = ruleSetting(config.conventions, "field-type-conflict");
  if (setting.severity === "off") return [];
  const out: Diagnostic[] = [];
  const first = new Map<string, { key: string; where: string; display: string }>();
  for (const [f, e, field] of fieldsOf(ir)) {
    // `err` refines pino's envelope per event (a string here, an object there): not a conflict.
    if (CALLER_SUPPLIED.has(field.name) && ir.envelope.some((x) => x.name === field.name && x.origin === "pino"))
      continue;
    // integer and number are one family: an integer is a valid number.
    const key = field.types.map((t) => (t === "integer" ? "number" : t)).join("|");
    const seen = first.get(field.name);
    if (!seen) first.set(field.name, { key, where: e.name, display: field.display });
    else if (seen.key !== key) {
      out.push({
        code: "LP_FIELD_TYPE_CONFLICT",
        severity: diagnosticSeverity(setting.severity),
        ...at(f, e, field),
        message: `field "${field.name}" is ${field.display} here but ${seen.display} in "${seen.where}": a field name means one thing across the registry`,
        fix: `give both the same type, or rename one of them (${ruleFix("field-type-conflict")})`,
      });
    }
  }
  return out;
};

const envelopeCollisions: Check = (ir) => {
  const out: Diagnostic[] = [];
  const byName = new Map(ir.envelope.map((f) => [f.name, f]));
  for (const [f, e, field] of fieldsOf(ir)) {
    const env = byName.get(field.name);
    // `err` is written only when the call passes it: the event's declaration refines it.
    if (env?.origin === "pino" && !CALLER_SUPPLIED.has(field.name)) {
      out.push({
        code: "LP_ENVELOPE_COLLISION",
        severity: "error",
        ...at(f, e, field),
        message: `field "${field.name}" collides with the "${field.name}" pino adds to every line`,
        fix: `rename the field (e.g. "${e.short.replace(/\W/g, "_")}_${field.name}"), or set envelope.logger: "none" if you do not log with pino`,
      });
    }
  }
  return out;
};

const deprecations: Check = (ir) => {
  const out: Diagnostic[] = [];
  const events = new Set(ir.families.flatMap((f) => f.events.map((e) => e.name)));
  for (const f of ir.families) {
    for (const e of f.events) {
      const to = e.deprecation?.renamed_to;
      if (to !== undefined && !events.has(to)) {
        out.push({
          code: "LP_RENAMED_TO_UNKNOWN",
          severity: "error",
          ...at(f, e),
          message: `event "${e.name}" is deprecated as renamed to "${to}", which is not a registered event.${didYouMeanSuffix(to, events)}`,
          fix: "name the full event that replaces it",
        });
      }
      const names = e.fields.map((x) => x.name);
      for (const field of e.fields) {
        const fto = field.deprecation?.renamed_to;
        if (fto !== undefined && !names.includes(fto)) {
          out.push({
            code: "LP_RENAMED_TO_UNKNOWN",
            severity: "error",
            ...at(f, e, field),
            message: `field "${field.name}" is deprecated as renamed to "${fto}", which is not a field of "${e.name}".${didYouMeanSuffix(fto, names)}`,
            fix: "add the new field to the event (both are logged during the transition), or fix the name",
          });
        }
      }
    }
  }
  return out;
};

const completeness: Check = (ir, config) => {
  const out: Diagnostic[] = [];
  const mode = ruleSetting(config.conventions, "descriptions").severity;
  const undeclared: EventIR[] = [];
  for (const f of ir.families) {
    const events: string[] = [];
    const fields: string[] = [];
    for (const e of f.events) {
      if (e.levelDefaulted) undeclared.push(e);
      if (mode === "off") continue;
      if (!e.description) events.push(e.name);
      for (const field of e.fields) if (!field.description) fields.push(`${e.short}.${field.name}`);
      if (mode !== "error") continue;
      // As errors, each one where it is: the build stops on them.
      if (!e.description)
        out.push({
          code: "LP_DESCRIPTION_MISSING",
          severity: "error",
          ...at(f, e),
          message: `event "${e.name}" has no description`,
          fix: `add \`.meta({ description: "one line: when this fires" })\` (${ruleFix("descriptions")})`,
        });
      for (const field of e.fields) {
        if (!field.description)
          out.push({
            code: "LP_DESCRIPTION_MISSING",
            severity: "error",
            ...at(f, e, field),
            message: `field "${field.name}" of "${e.name}" has no description`,
            fix: `add \`.meta({ description: "what it means, in which unit" })\` (${ruleFix("descriptions")})`,
          });
      }
    }
    // As warnings, one per family: a registry that never wrote descriptions gets 15 lines, not 200.
    if (mode === "warn" && events.length + fields.length > 0) {
      const list = (xs: string[]) =>
        xs.length > 6 ? `${xs.slice(0, 6).join(", ")} and ${xs.length - 6} more` : xs.join(", ");
      const parts = [
        events.length
          ? `${events.length} of ${f.events.length} events (${list(events.map((n) => n.slice(f.name.length + 1)))})`
          : "",
        fields.length ? `${fields.length} field${fields.length === 1 ? "" : "s"} (${list(fields)})` : "",
      ].filter(Boolean);
      const only = events.length === 1 && fields.length === 0 ? f.events.find((e) => e.name === events[0]) : undefined;
      out.push({
        code: "LP_DESCRIPTION_MISSING",
        severity: "warning",
        ...at(f, only),
        message: `family "${f.name}": ${parts.join(" and ")} ${events.length + fields.length === 1 ? "has" : "have"} no description`,
        fix: `add \`.meta({ description: "…" })\` to each: the docs and the emitters' JSDoc show them (${ruleFix("descriptions")})`,
      });
    }
  }
  // One note for all of them: a registry that declares no levels has one fact to learn, not fifty.
  if (undeclared.length) {
    const shown = undeclared
      .slice(0, 10)
      .map((e) => e.name)
      .join(", ");
    const more = undeclared.length > 10 ? ` and ${undeclared.length - 10} more` : "";
    out.push({
      code: "LP_LEVEL_DEFAULTED",
      severity: "note",
      message: `${undeclared.length} event${undeclared.length === 1 ? " declares" : "s declare"} no level: ${shown}${more}. Their level is unknown: lint and validate do not check it, emitters log them at "info"`,
      fix: 'add `.meta({ level: "warn" })` (the level each is really logged at; `logpact init` lists the levels lint sees in code)',
    });
  }
  return out;
};

/** Every registry check, in the order their findings are reported. */
export const CHECKS: readonly (readonly [name: string, check: Check])[] = [
  ["duplicates", duplicates],
  ["family-prefix", familyPrefix],
  ["event-names", eventNames],
  ["field-names", fieldNames],
  ["id-fields", idFields],
  ["units", units],
  ["type-agreement", typeAgreement],
  ["envelope", envelopeCollisions],
  ["deprecations", deprecations],
  ["completeness", completeness],
  ["alerts", checkAlerts],
  ["redaction", redactionDiagnostics],
  ["schema-safety", schemaSafety],
];

export function runChecks(ir: RegistryIR, config: ResolvedConfig): Diagnostic[] {
  return CHECKS.flatMap(([, check]) => check(ir, config));
}
