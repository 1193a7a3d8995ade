/**
 * `event-fields`: the fields of a call for a registered event break its contract — an
 * undeclared field, a missing required field, or a literal of the wrong type, outside
 * the enum or outside the declared range.
 */
import type { EventIR, FieldIR } from "../../registry/ir.js";
import { didYouMean } from "../../util/did-you-mean.js";
import { ownProblem, valueProblems } from "../field-values.js";
import { defineRule } from "../rule.js";

/** What the rule derives from an event, once per run: IR events are frozen and live for the run. */
interface EventFacts {
  readonly declared: Map<string, FieldIR>;
  /** The `declared fields:` list of the message. */
  readonly names: string;
  readonly required: readonly FieldIR[];
  /** did-you-mean answers per undeclared field name (the same typo recurs across a repo). */
  readonly suggestions: Map<string, string>;
}
const facts = new WeakMap<EventIR, EventFacts>();

function factsOf(event: EventIR): EventFacts {
  let f = facts.get(event);
  if (!f) {
    f = {
      declared: new Map(event.fields.map((x) => [x.name, x])),
      names: event.fields.length ? event.fields.map((x) => x.name).join(", ") : "(none)",
      required: event.fields.filter((x) => x.required),
      suggestions: new Map(),
    };
    facts.set(event, f);
  }
  return f;
}

export const eventFields = defineRule({
  name: "event-fields",
  meta: {
    description: "The fields of a log call must match its event's declaration: no undeclared fields, every required field, literals of the declared type.",
    defaultSeverity: "error",
    messages: {
      undeclared: "field `{{field}}` is not declared on event \"{{event}}\"{{suggestion}}; declared fields: {{declared}}",
      missing: "required field `{{field}}` of event \"{{event}}\" is missing ({{type}})",
      missingSometimes: "required field `{{field}}` of event \"{{event}}\" is passed on some paths only (a conditional spread); the lines without it break the contract ({{type}})",
      wrongType: "field `{{field}}` of event \"{{event}}\" is {{expected}}, but this call passes {{actual}}",
      notInEnum: "field `{{field}}` of event \"{{event}}\" must be one of {{expected}}, but this call passes {{actual}}",
      outOfRange: "field `{{field}}` of event \"{{event}}\" must be {{expected}}, but this call passes {{actual}}",
    },
  },
  checkCall(call, ctx) {
    const name = call.event?.value;
    const event = name === undefined ? undefined : ctx.events.get(name);
    if (!event) return;
    const { declared, names, required, suggestions } = factsOf(event);
    const props = call.fields?.props ?? [];
    for (const p of props) {
      if (p.name === "event") continue;
      const field = declared.get(p.name);
      if (!field) {
        if (ctx.extraFields.has(p.name)) continue;
        let suggestion = suggestions.get(p.name);
        if (suggestion === undefined) {
          const s = didYouMean(p.name, declared.keys());
          suggestions.set(p.name, (suggestion = s === undefined ? "" : ` (did you mean \`${s}\`?)`));
        }
        ctx.report({ messageId: "undeclared", loc: p.loc, data: { field: p.name, event: event.name, suggestion, declared: names } });
        continue;
      }
      // Nested objects too: an enum inside `target`, an extra key in a strict nested object.
      for (const problem of valueProblems(field, p.value, p.name, p.valueLoc)) {
        if (problem.id === "undeclared") ctx.report({ messageId: "undeclared", loc: problem.loc, data: { field: problem.path, event: event.name, suggestion: "", declared: problem.expected } });
        else if (problem.id === "missing") ctx.report({ messageId: "missing", loc: problem.loc, data: { field: problem.path, event: event.name, type: problem.expected } });
        else ctx.report({ messageId: problem.id, loc: problem.loc, data: { field: problem.path, event: event.name, expected: problem.expected, actual: problem.actual } });
      }
    }
    // A part that cannot be read may hold any field (dynamic-event reports it, as a warning).
    if ((call.fields?.unresolved.length ?? 0) > 0 || call.form === "dynamic" || call.boundPartial) return;
    for (const f of required) {
      if (call.bound.includes(f.name) || ctx.profileFields.has(f.name)) continue;
      const p = props.find((x) => x.name === f.name);
      if (!p) ctx.report({ messageId: "missing", loc: call.fieldsLoc ?? call.loc, data: { field: f.name, event: event.name, type: f.display } });
      else if (p.optional) ctx.report({ messageId: "missingSometimes", loc: p.loc, data: { field: f.name, event: event.name, type: f.display } });
    }
  },
});

/** What is wrong with a statically known value for a field, if anything (nested keys aside; see `field-values.ts`). */
export const valueProblem = ownProblem;
