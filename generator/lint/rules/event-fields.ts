/**
 * `event-fields`: the fields of a call for a registered event break its contract — an
 * undeclared field, a missing required field, or a literal of the wrong type, outside
 * the enum or outside the declared range. For an event with variants, a literal
 * discriminator selects the variant the call is checked against (an unknown value is
 * reported); any other discriminator is checked against the union of the variants.
 */
import { eventKeyOf, type BaseType, type EventIR, type FieldIR, type JsonSchema, type VariantIR } from "../../registry/ir.js";
import { selectVariant, variantLabel, variantValuesText } from "../../registry/variants.js";
import { didYouMean } from "../../util/did-you-mean.js";
import { defineRule } from "../rule.js";
import type { StaticValue } from "../types.js";

/** What the rule derives from an event, once per run: IR events are frozen and live for the run. */
interface EventFacts {
  readonly declared: Map<string, FieldIR>;
  /** The `declared fields:` list of the message. */
  readonly names: string;
  readonly required: readonly FieldIR[];
  /** did-you-mean answers per undeclared field name (the same typo recurs across a repo). */
  readonly suggestions: Map<string, string>;
  /** ` (variant \`reason "error"\`)` when checking against one variant, else empty. */
  readonly variant: string;
}
const facts = new WeakMap<EventIR | VariantIR, EventFacts>();

/** Facts of the event (for a variant event: the union of its variants), or of one variant. */
function factsOf(event: EventIR, variant?: VariantIR): EventFacts {
  const key = variant ?? event;
  let f = facts.get(key);
  if (!f) {
    const fields = variant ? variant.fields : event.fields;
    f = {
      declared: new Map(fields.map((x) => [x.name, x])),
      names: fields.length ? fields.map((x) => x.name).join(", ") : "(none)",
      required: fields.filter((x) => x.required),
      suggestions: new Map(),
      variant: variant ? ` (variant \`${variantLabel(event, variant)}\`)` : "",
    };
    facts.set(key, f);
  }
  return f;
}

export const eventFields = defineRule({
  name: "event-fields",
  meta: {
    description: "The fields of a log call must match its event's declaration: no undeclared fields, every required field, literals of the declared type.",
    defaultSeverity: "error",
    messages: {
      undeclared: "field `{{field}}` is not declared on event \"{{event}}\"{{variant}}{{suggestion}}; declared fields: {{declared}}",
      missing: "required field `{{field}}` of event \"{{event}}\"{{variant}} is missing ({{type}})",
      wrongType: "field `{{field}}` of event \"{{event}}\"{{variant}} is {{expected}}, but this call passes {{actual}}",
      notInEnum: "field `{{field}}` of event \"{{event}}\"{{variant}} must be one of {{expected}}, but this call passes {{actual}}",
      outOfRange: "field `{{field}}` of event \"{{event}}\"{{variant}} must be {{expected}}, but this call passes {{actual}}",
      unknownVariant: "`{{field}}` selects the variant of event \"{{event}}\" and must be one of {{expected}}, but this call passes {{actual}}",
      unresolved: "`{{text}}` cannot be read statically, so the fields of event \"{{event}}\" are only partly checked (required fields are not); spread a const object or write the fields out",
    },
  },
  checkCall(call, ctx) {
    const name = call.event?.value;
    const event = name === undefined ? undefined : ctx.events.get(name);
    if (!event) return;
    const props = call.fields?.props ?? [];
    let selected: VariantIR | undefined;
    let unknownVariant: string | undefined;
    if (event.variants) {
      const p = props.find((x) => x.name === event.discriminator);
      const v = p?.value;
      if (p && v && (v.kind === "string" || v.kind === "number" || v.kind === "boolean") && v.value !== undefined) {
        selected = selectVariant(event, v.value);
        if (!selected) {
          unknownVariant = p.name;
          ctx.report({ messageId: "unknownVariant", loc: p.valueLoc, data: { field: p.name, event: event.name, expected: variantValuesText(event), actual: describe(v) } });
        }
      }
    }
    const { declared, names, required, suggestions, variant } = factsOf(event, selected);
    for (const p of props) {
      if (p.name === eventKeyOf(ctx.ir) || p.name === unknownVariant) continue;
      const field = declared.get(p.name);
      if (!field) {
        if (ctx.extraFields.has(p.name)) continue;
        let suggestion = suggestions.get(p.name);
        if (suggestion === undefined) {
          const s = didYouMean(p.name, declared.keys());
          suggestions.set(p.name, (suggestion = s === undefined ? "" : ` (did you mean \`${s}\`?)`));
        }
        ctx.report({ messageId: "undeclared", loc: p.loc, data: { field: p.name, event: event.name, variant, suggestion, declared: names } });
        continue;
      }
      const problem = valueProblem(field, p.value);
      if (problem) ctx.report({ messageId: problem.id, loc: p.valueLoc, data: { field: p.name, event: event.name, variant, expected: problem.expected, actual: problem.actual } });
    }
    const unresolved = call.fields?.unresolved ?? [];
    for (const u of unresolved) ctx.report({ messageId: "unresolved", loc: u.loc, data: { text: u.text, event: event.name } });
    if (unresolved.length > 0 || call.form === "dynamic") return;
    for (const f of required) {
      if (!props.some((p) => p.name === f.name) && !call.bound.includes(f.name)) {
        ctx.report({ messageId: "missing", loc: call.fieldsLoc ?? call.loc, data: { field: f.name, event: event.name, variant, type: f.display } });
      }
    }
  },
});

type Problem = { id: "wrongType" | "notInEnum" | "outOfRange"; expected: string; actual: string };

/** What is wrong with a statically known value for a field, if anything. */
export function valueProblem(field: FieldIR, v: StaticValue): Problem | undefined {
  if (v.kind === "unknown") return undefined;
  // `describe` only for a problem: most values are fine, and it quotes every string.
  if (v.kind === "undefined") return field.required ? { id: "wrongType", expected: field.display, actual: describe(v) } : undefined;
  if (v.kind === "null") return field.nullable || field.types.includes("mixed") ? undefined : { id: "wrongType", expected: field.display, actual: describe(v) };
  const base = baseOf(v);
  const ok = field.types.includes("mixed") || field.types.includes(base as BaseType) || (base === "integer" && field.types.includes("number"));
  if (!ok) return { id: "wrongType", expected: field.display, actual: describe(v) };
  if (field.enum && (v.kind === "string" || v.kind === "number" || v.kind === "boolean") && "value" in v && v.value !== undefined) {
    if (!field.enum.includes(v.value)) return { id: "notInEnum", expected: field.enum.map((e) => JSON.stringify(e)).join(" | "), actual: describe(v) };
  }
  if (v.kind === "number") {
    const range = numericBranch(field.schema);
    if (range && !inRange(v.value, range)) return { id: "outOfRange", expected: field.display, actual: describe(v) };
  }
  return undefined;
}

function baseOf(v: Exclude<StaticValue, { kind: "unknown" | "undefined" | "null" }>): string {
  switch (v.kind) {
    case "number":
      return Number.isInteger(v.value) ? "integer" : "number";
    case "object":
      return "object";
    default:
      return v.kind;
  }
}

function describe(v: StaticValue): string {
  switch (v.kind) {
    case "string":
      return v.value === undefined ? "a string" : `the string ${JSON.stringify(v.value.length > 40 ? `${v.value.slice(0, 39)}…` : v.value)}`;
    case "number":
      return Number.isInteger(v.value) ? `the integer ${v.value}` : `the number ${v.value}`;
    case "boolean":
      return `${v.value}`;
    case "null":
      return "null";
    case "undefined":
      return "undefined (the field is dropped from the line)";
    case "object":
      return "an object";
    case "array":
      return "an array";
    case "function":
      return "a function";
    case "bigint":
      return "a bigint (JSON.stringify throws on it)";
    case "unknown":
      return v.text;
  }
}

interface Range {
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

function numericBranch(schema: JsonSchema): Range | undefined {
  const branches = [schema, ...(((schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined) ?? [])];
  const b = branches.find((s) => s.type === "integer" || s.type === "number");
  return b as Range | undefined;
}

function inRange(n: number, r: Range): boolean {
  if (typeof r.minimum === "number" && n < r.minimum) return false;
  if (typeof r.maximum === "number" && n > r.maximum) return false;
  if (typeof r.exclusiveMinimum === "number" && n <= r.exclusiveMinimum) return false;
  if (typeof r.exclusiveMaximum === "number" && n >= r.exclusiveMaximum) return false;
  return true;
}
