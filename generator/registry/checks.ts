/**
 * Registry-wide checks over the IR. Each check is a named function returning
 * diagnostics; conventions are switchable through `config.conventions`.
 */
import type { ResolvedConfig } from "../config/schema.js";
import type { Diagnostic } from "../errors.js";
import { didYouMeanSuffix } from "../util/did-you-mean.js";
import { checkAlerts } from "./alerts.js";
import type { EventIR, FamilyIR, FieldIR, RegistryIR } from "./ir.js";
import { UNITS, unitFromSuffix } from "./meta.js";
import { schemaSafety } from "./schema-safety.js";

type Check = (ir: RegistryIR, config: ResolvedConfig) => Diagnostic[];

const EVENT_NAME = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const FAMILY_NAME = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;
const SNAKE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
const CAMEL = /^[a-z][a-zA-Z0-9]*$/;
const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const RESERVED_FIELDS = new Set(["__proto__", "constructor", "prototype"]);
const NUMERIC = new Set(["integer", "number"]);

function at(f: FamilyIR, e?: EventIR, field?: FieldIR): Pick<Diagnostic, "file" | "family" | "event" | "field"> {
  return { file: f.source.file, family: f.name, ...(e ? { event: e.name } : {}), ...(field ? { field: field.name } : {}) };
}

function* fieldsOf(ir: RegistryIR): Generator<[FamilyIR, EventIR, FieldIR]> {
  for (const f of ir.families) for (const e of f.events) for (const field of e.fields) yield [f, e, field];
}

const duplicates: Check = (ir) => {
  const out: Diagnostic[] = [];
  const families = new Map<string, FamilyIR>();
  for (const f of ir.families) {
    const first = families.get(f.name);
    if (first) {
      out.push({ code: "LP_DUPLICATE_FAMILY", severity: "error", ...at(f), message: `family "${f.name}" (export ${f.source.export}) is also declared in ${first.source.file} (export ${first.source.export})`, fix: "declare each family once; merge the two unions or rename one family" });
    } else families.set(f.name, f);
  }
  const events = new Map<string, FamilyIR>();
  for (const f of ir.families) {
    for (const e of f.events) {
      const first = events.get(e.name);
      if (first) {
        const where = first === f ? "earlier in the same family" : `in ${first.source.file} (family "${first.name}")`;
        out.push({ code: "LP_DUPLICATE_EVENT", severity: "error", ...at(f, e), message: `event "${e.name}" is declared twice: here and ${where}`, fix: "an event name identifies one contract: remove one declaration or rename it" });
      } else events.set(e.name, f);
    }
  }
  return out;
};

const familyPrefix: Check = (ir) =>
  ir.families.flatMap((f) =>
    f.events
      .filter((e) => !e.name.startsWith(`${f.name}.`))
      .map((e) => ({ code: "LP_EVENT_OUTSIDE_FAMILY", severity: "error" as const, ...at(f, e), message: `event "${e.name}" does not start with its family name "${f.name}."`, fix: `rename it to "${f.name}.<name>", or move it to a family of its own` })),
  );

const eventNames: Check = (ir, config) => {
  if (!config.conventions.eventNames) return [];
  const out: Diagnostic[] = [];
  for (const f of ir.families) {
    if (!FAMILY_NAME.test(f.name)) out.push({ code: "LP_FAMILY_NAME", severity: "error", ...at(f), message: `family name "${f.name}" is not dot.lowercase`, fix: "use lowercase segments joined by dots, snake_case inside a segment (e.g. daemon.connection)" });
    for (const e of f.events) {
      if (!EVENT_NAME.test(e.name)) out.push({ code: "LP_EVENT_NAME", severity: "error", ...at(f, e), message: `event name "${e.name}" is not dot.lowercase (<family>.<name>, snake_case within a segment)`, fix: `rename it, e.g. "${suggestEventName(e.name)}" (or set conventions.eventNames: false)` });
    }
  }
  return out;
};

function suggestEventName(name: string): string {
  return name
    .split(".")
    .map((s) => s.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/[^A-Za-z0-9_]+/g, "_").toLowerCase())
    .join(".");
}

const fieldNames: Check = (ir, config) => {
  const out: Diagnostic[] = [];
  const style = config.conventions.fieldNames;
  for (const [f, e, field] of fieldsOf(ir)) {
    if (RESERVED_FIELDS.has(field.name)) {
      out.push({ code: "LP_FIELD_NAME_RESERVED", severity: "error", ...at(f, e, field), message: `field name "${field.name}" is reserved in JavaScript objects and breaks parsers and generated code`, fix: "rename the field" });
      continue;
    }
    if (style === "off") continue;
    const ok = style === "snake_case" ? SNAKE.test(field.name) : style === "camelCase" ? CAMEL.test(field.name) : SNAKE.test(field.name) || CAMEL.test(field.name) || /^[a-z][a-zA-Z0-9]*(_[a-z0-9]+)+$/.test(field.name);
    if (!ok || !IDENT.test(field.name)) {
      out.push({ code: "LP_FIELD_NAME", severity: "error", ...at(f, e, field), message: `field name "${field.name}" is not ${style === "either" ? "snake_case or camelCase" : style}`, fix: "rename it (letters, digits and `_`, starting lowercase), or set conventions.fieldNames" });
    }
  }
  return out;
};

const idFields: Check = (ir, config) => {
  const mode = config.conventions.idFields;
  if (mode === "off") return [];
  const out: Diagnostic[] = [];
  for (const [f, e, field] of fieldsOf(ir)) {
    const snakeId = /_id$/.test(field.name);
    const camelId = /[a-z0-9]Id$/.test(field.name);
    if (mode === "camelCase" && snakeId) {
      const want = field.name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
      out.push({ code: "LP_ID_FIELD_CASE", severity: "error", ...at(f, e, field), message: `correlation id "${field.name}" is snake_case; ids are camelCase in this registry`, fix: `rename it to "${want}" (or set conventions.idFields)` });
    } else if (mode === "snake_case" && camelId) {
      const want = field.name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
      out.push({ code: "LP_ID_FIELD_CASE", severity: "error", ...at(f, e, field), message: `correlation id "${field.name}" is camelCase; ids are snake_case in this registry`, fix: `rename it to "${want}" (or set conventions.idFields)` });
    }
  }
  return out;
};

const units: Check = (ir, config) => {
  if (!config.conventions.unitSuffixes) return [];
  const out: Diagnostic[] = [];
  for (const [f, e, field] of fieldsOf(ir)) {
    const numeric = field.types.length > 0 && field.types.every((t) => NUMERIC.has(t));
    const fromName = unitFromSuffix(field.name);
    if (field.unit !== undefined && !numeric) {
      out.push({ code: "LP_UNIT_NOT_NUMERIC", severity: "error", ...at(f, e, field), message: `field "${field.name}" declares unit "${field.unit}" but its type is ${field.display}`, fix: "units belong on numeric fields: remove the unit or make the field a number" });
      continue;
    }
    if (!numeric) continue;
    if (field.unit !== undefined && fromName !== undefined && fromName !== field.unit) {
      out.push({ code: "LP_UNIT_SUFFIX_MISMATCH", severity: "error", ...at(f, e, field), message: `field "${field.name}" is named in ${fromName} but declares unit "${field.unit}"`, fix: `make them agree: declare unit "${fromName}", or rename the field with the suffix ${UNITS[field.unit].map((s) => `"${s}"`).join(" / ") || "of its unit"}` });
    } else if (field.unit === undefined && fromName !== undefined) {
      out.push({ code: "LP_UNIT_UNDECLARED", severity: "error", ...at(f, e, field), message: `field "${field.name}" carries a ${fromName} suffix but declares no unit`, fix: `add \`.meta({ unit: "${fromName}" })\` so dashboards and docs know the unit` });
    } else if (field.unit !== undefined && fromName === undefined && UNITS[field.unit].length > 0) {
      out.push({ code: "LP_UNIT_SUFFIX_MISSING", severity: "error", ...at(f, e, field), message: `field "${field.name}" declares unit "${field.unit}" but its name has no unit suffix`, fix: `rename it with a suffix: ${UNITS[field.unit].map((s) => `"${field.name.replace(/_?$/, "")}${s}"`).join(" or ")}` });
    }
  }
  return out;
};

const typeAgreement: Check = (ir, config) => {
  if (!config.conventions.fieldTypesAgree) return [];
  const out: Diagnostic[] = [];
  const first = new Map<string, { key: string; where: string; display: string }>();
  for (const [f, e, field] of fieldsOf(ir)) {
    // integer and number are one family: an integer is a valid number.
    const key = field.types.map((t) => (t === "integer" ? "number" : t)).join("|");
    const seen = first.get(field.name);
    if (!seen) first.set(field.name, { key, where: e.name, display: field.display });
    else if (seen.key !== key) {
      out.push({ code: "LP_FIELD_TYPE_CONFLICT", severity: "error", ...at(f, e, field), message: `field "${field.name}" is ${field.display} here but ${seen.display} in "${seen.where}": a field name means one thing across the registry`, fix: "give both the same type, or rename one of them" });
    }
  }
  return out;
};

const envelopeCollisions: Check = (ir) => {
  const out: Diagnostic[] = [];
  const byName = new Map(ir.envelope.map((f) => [f.name, f]));
  for (const [f, e, field] of fieldsOf(ir)) {
    const env = byName.get(field.name);
    if (env?.origin === "pino") {
      out.push({ code: "LP_ENVELOPE_COLLISION", severity: "error", ...at(f, e, field), message: `field "${field.name}" collides with the "${field.name}" pino adds to every line`, fix: `rename the field (e.g. "${e.short.replace(/\W/g, "_")}_${field.name}"), or set envelope.logger: "none" if you do not log with pino` });
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
        out.push({ code: "LP_RENAMED_TO_UNKNOWN", severity: "error", ...at(f, e), message: `event "${e.name}" is deprecated as renamed to "${to}", which is not a registered event.${didYouMeanSuffix(to, events)}`, fix: "name the full event that replaces it" });
      }
      const names = e.fields.map((x) => x.name);
      for (const field of e.fields) {
        const fto = field.deprecation?.renamed_to;
        if (fto !== undefined && !names.includes(fto)) {
          out.push({ code: "LP_RENAMED_TO_UNKNOWN", severity: "error", ...at(f, e, field), message: `field "${field.name}" is deprecated as renamed to "${fto}", which is not a field of "${e.name}".${didYouMeanSuffix(fto, names)}`, fix: "add the new field to the event (both are logged during the transition), or fix the name" });
        }
      }
    }
  }
  return out;
};

const completeness: Check = (ir, config) => {
  const out: Diagnostic[] = [];
  const mode = config.conventions.descriptions;
  for (const f of ir.families) {
    for (const e of f.events) {
      if (e.levelDefaulted) out.push({ code: "LP_LEVEL_DEFAULTED", severity: "warning", ...at(f, e), message: `event "${e.name}" declares no level; "info" is assumed`, fix: 'add `.meta({ level: "info" })` (or the level it is really logged at)' });
      if (mode === "off") continue;
      const severity = mode === "error" ? "error" : "warning";
      if (!e.description) out.push({ code: "LP_DESCRIPTION_MISSING", severity, ...at(f, e), message: `event "${e.name}" has no description`, fix: "add `.meta({ description: \"one line: when this fires\" })`" });
      for (const field of e.fields) {
        if (!field.description) out.push({ code: "LP_DESCRIPTION_MISSING", severity, ...at(f, e, field), message: `field "${field.name}" of "${e.name}" has no description`, fix: "add `.meta({ description: \"what it means, in which unit\" })`" });
      }
    }
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
  ["schema-safety", schemaSafety],
];

export function runChecks(ir: RegistryIR, config: ResolvedConfig): Diagnostic[] {
  return CHECKS.flatMap(([, check]) => check(ir, config));
}
