/**
 * `untyped-log-call`: a log call with no structured `event` — free text
 * (`logger.info("Connected to orchestrator")`), fields without `event`, or a bare error.
 */
import { defineRule } from "../rule.js";

export const untypedLogCall = defineRule({
  name: "untyped-log-call",
  meta: {
    description: "Log calls must carry a structured `event` naming a registered event, not only free text.",
    defaultSeverity: "error",
    messages: {
      freeText: "free-text log call {{callee}}({{message}}) has no structured `event`; log a registered event instead: {{callee}}({ event: \"<family>.<event>\", … }) or call its generated emitter",
      noEvent: "{{callee}}(…) logs fields but no `event`; add `event: \"<family>.<event>\"` naming a registered event",
      errorOnly: "{{callee}}(…) logs an error object without a structured `event`; log { event: \"<family>.<event>\", err } instead",
      empty: "{{callee}}() logs nothing structured; log a registered event",
    },
  },
  checkCall(call, ctx) {
    if (call.event) return;
    switch (call.form) {
      case "message":
        // The whole argument list: `logger.warn("Failed to read state:", error)`, not just its message.
        ctx.report({ messageId: "freeText", loc: call.loc, data: { callee: call.callee, message: call.argsText ?? call.message?.text ?? "…" } });
        return;
      case "error":
        ctx.report({ messageId: "errorOnly", loc: call.loc, data: { callee: call.callee } });
        return;
      case "empty":
        ctx.report({ messageId: "empty", loc: call.loc, data: { callee: call.callee } });
        return;
      case "fields":
      case "message-fields":
      case "wrapper":
        // With a part logpact cannot read, the event may be in it: dynamic-event says so.
        if (call.fields && call.fields.unresolved.length > 0) return;
        if (call.fields) ctx.report({ messageId: "noEvent", loc: call.fieldsLoc ?? call.loc, data: { callee: call.callee } });
        else if (call.message) ctx.report({ messageId: "freeText", loc: call.loc, data: { callee: call.callee, message: call.message.text } });
        else if (call.form === "wrapper") ctx.report({ messageId: "empty", loc: call.loc, data: { callee: call.callee } });
        return;
      case "dynamic":
        return;
    }
  },
});
