/**
 * `event-fields`: the fields of a call for a registered event break its contract — an
 * undeclared field, a missing required field, or a literal of the wrong type, outside
 * the enum or outside the declared range. For an event with variants, a literal
 * discriminator selects the variant the call is checked against (an unknown value is
 * reported); any other discriminator is checked against the union of the variants.
 */
import { eventKeyOf, type EventIR, type FieldIR, type VariantIR } from "../../registry/ir.js";
import { selectVariant, variantLabel, variantValuesText } from "../../registry/variants.js";
import { didYouMean } from "../../util/did-you-mean.js";
import { describe, ownProblem, valueProblems } from "../field-values.js";
import { defineRule } from "../rule.js";

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
    description:
      "The fields of a log call must match its event's declaration: no undeclared fields, every required field, literals of the declared type.",
    defaultSeverity: "error",
    messages: {
      undeclared:
        'field `{{field}}` is not declared on event "{{event}}"{{variant}}{{suggestion}}; declared fields: {{declared}}',
      missing: 'required field `{{field}}` of event "{{event}}"{{variant}} is missing ({{type}})',
      missingSometimes:
        'required field `{{field}}` of event "{{event}}"{{variant}} is passed on some paths only (a conditional spread); the lines without it break the contract ({{type}})',
      wrongType: 'field `{{field}}` of event "{{event}}"{{variant}} is {{expected}}, but this call passes {{actual}}',
      notInEnum:
        'field `{{field}}` of event "{{event}}"{{variant}} must be one of {{expected}}, but this call passes {{actual}}',
      outOfRange:
        'field `{{field}}` of event "{{event}}"{{variant}} must be {{expected}}, but this call passes {{actual}}',
      unknownVariant:
        '`{{field}}` selects the variant of event "{{event}}" and must be one of {{expected}}, but this call passes {{actual}}',
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
          ctx.report({
            messageId: "unknownVariant",
            loc: p.valueLoc,
            data: { field: p.name, event: event.name, expected: variantValuesText(event), actual: describe(v) },
          });
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
        ctx.report({
          messageId: "undeclared",
          loc: p.loc,
          data: { field: p.name, event: event.name, variant, suggestion, declared: names },
        });
        continue;
      }
      // Nested objects too: an enum inside `target`, an extra key in a strict nested object.
      for (const problem of valueProblems(field, p.value, p.name, p.valueLoc)) {
        if (problem.id === "undeclared")
          ctx.report({
            messageId: "undeclared",
            loc: problem.loc,
            data: { field: problem.path, event: event.name, variant, suggestion: "", declared: problem.expected },
          });
        else if (problem.id === "missing")
          ctx.report({
            messageId: "missing",
            loc: problem.loc,
            data: { field: problem.path, event: event.name, variant, type: problem.expected },
          });
        else
          ctx.report({
            messageId: problem.id,
            loc: problem.loc,
            data: {
              field: problem.path,
              event: event.name,
              variant,
              expected: problem.expected,
              actual: problem.actual,
            },
          });
      }
    }
    // A part that cannot be read may hold any field (dynamic-event reports it, as a warning).
    if ((call.fields?.unresolved.length ?? 0) > 0 || call.form === "dynamic" || call.boundPartial) return;
    for (const f of required) {
      if (call.bound.includes(f.name) || ctx.profileFields.has(f.name)) continue;
      const p = props.find((x) => x.name === f.name);
      if (!p)
        ctx.report({
          messageId: "missing",
          loc: call.fieldsLoc ?? call.loc,
          data: { field: f.name, event: event.name, variant, type: f.display },
        });
      else if (p.optional)
        ctx.report({
          messageId: "missingSometimes",
          loc: p.loc,
          data: { field: f.name, event: event.name, variant, type: f.display },
        });
    }
  },
});

/** What is wrong with a statically known value for a field, if anything (nested keys aside; see `field-values.ts`). */
export const valueProblem = ownProblem;
