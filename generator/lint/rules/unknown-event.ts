/**
 * `unknown-event`: the call's `event` is a string the registry does not declare. It
 * suggests a registered event only when one is a small edit away (looked for in the
 * name's own family first); otherwise it lists the family's events.
 */
import { listEvents, suggestEvent, type EventSuggestion } from "../../util/event-names.js";
import { defineRule } from "../rule.js";

// The same typo tends to repeat across a repo; the registry is fixed for a run.
const suggestions = new WeakMap<ReadonlyMap<string, unknown>, Map<string, EventSuggestion | undefined>>();

export const unknownEvent = defineRule({
  name: "unknown-event",
  meta: {
    description: "The `event` of a log call must be declared in the registry.",
    defaultSeverity: "error",
    messages: {
      unknown: 'event "{{event}}" is not in the registry. Did you mean "{{suggestion}}"?',
      unknownInFamily:
        'event "{{event}}" is not in the registry; family "{{family}}" declares {{events}}; log one of them, or declare this event in {{family}} first',
      unknownFamily:
        'event "{{event}}" is not in the registry, and family "{{written}}" is not either; did you mean family "{{family}}"? It declares {{events}}',
      unknownNoSuggestion:
        'event "{{event}}" is not in the registry; declare it in a family under the schema modules, or log a registered event',
    },
  },
  checkCall(call, ctx) {
    const name = call.event?.value;
    if (name === undefined || ctx.events.has(name)) return;
    let memo = suggestions.get(ctx.events);
    if (!memo) suggestions.set(ctx.events, (memo = new Map()));
    if (!memo.has(name)) memo.set(name, suggestEvent(ctx.ir.families, name));
    const s = memo.get(name);
    const loc = call.event!.loc;
    if (s?.kind === "close") ctx.report({ messageId: "unknown", loc, data: { event: name, suggestion: s.event } });
    else if (s?.kind === "family" && !s.typo)
      ctx.report({
        messageId: "unknownInFamily",
        loc,
        data: { event: name, family: s.family.name, events: listEvents(s.family) },
      });
    else if (s?.kind === "family") {
      const written = name.split(".").slice(0, s.family.name.split(".").length).join(".");
      ctx.report({
        messageId: "unknownFamily",
        loc,
        data: { event: name, written, family: s.family.name, events: listEvents(s.family) },
      });
    } else ctx.report({ messageId: "unknownNoSuggestion", loc, data: { event: name } });
  },
});
