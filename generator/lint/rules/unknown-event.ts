/**
 * `unknown-event`: the call's `event` is a string the registry does not declare.
 */
import { didYouMean } from "../../util/did-you-mean.js";
import { defineRule } from "../rule.js";

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
    const suggestion = didYouMean(name, ctx.events.keys());
    if (suggestion !== undefined) ctx.report({ messageId: "unknown", loc: call.event!.loc, data: { event: name, suggestion } });
    else ctx.report({ messageId: "unknownNoSuggestion", loc: call.event!.loc, data: { event: name } });
  },
});
