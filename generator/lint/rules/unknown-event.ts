/**
 * `unknown-event`: the call's `event` is a string the registry does not declare.
 */
import { didYouMean } from "../../util/did-you-mean.js";
import { defineRule } from "../rule.js";

// The same typo tends to repeat across a repo; the registry is fixed for a run.
const suggestions = new WeakMap<ReadonlyMap<string, unknown>, Map<string, string | undefined>>();

export const unknownEvent = defineRule({
  name: "unknown-event",
  meta: {
    description: "The `event` of a log call must be declared in the registry.",
    defaultSeverity: "error",
    messages: {
      unknown: "event \"{{event}}\" is not in the registry. Did you mean \"{{suggestion}}\"?",
      unknownNoSuggestion: "event \"{{event}}\" is not in the registry; declare it in a family under the schema modules, or log a registered event",
    },
  },
  checkCall(call, ctx) {
    const name = call.event?.value;
    if (name === undefined || ctx.events.has(name)) return;
    let memo = suggestions.get(ctx.events);
    if (!memo) suggestions.set(ctx.events, (memo = new Map()));
    if (!memo.has(name)) memo.set(name, didYouMean(name, ctx.events.keys()));
    const suggestion = memo.get(name);
    if (suggestion !== undefined) ctx.report({ messageId: "unknown", loc: call.event!.loc, data: { event: name, suggestion } });
    else ctx.report({ messageId: "unknownNoSuggestion", loc: call.event!.loc, data: { event: name } });
  },
});
