/**
 * `untyped-log-call`: a log call with no structured `event` — free text
 * (`logger.info("Connected to orchestrator")`), fields without `event`, or a bare error.
 */
import { eventKeyOf } from "../../registry/ir.js";
import { defineRule } from "../rule.js";

export const untypedLogCall = defineRule({
  name: "untyped-log-call",
  meta: {
    description: "Log calls must carry a structured `event` naming a registered event, not only free text.",
    defaultSeverity: "error",
    messages: {
      freeText:
        'free-text log call {{callee}}({{message}}) has no structured `{{key}}`; log a registered event instead: {{callee}}({ {{prop}}: "<family>.<event>", … }) or call its generated emitter',
      noEvent:
        '{{callee}}(…) logs fields but no `{{key}}`; add `{{prop}}: "<family>.<event>"` naming a registered event',
      errorOnly:
        '{{callee}}(…) logs an error object without a structured `{{key}}`; log { {{prop}}: "<family>.<event>", err } instead',
      empty: "{{callee}}() logs nothing structured; log a registered event",
    },
  },
  checkCall(call, ctx) {
    if (call.event) return;
    // The event key (config `eventKey`), and how it is written in an object literal.
    const key = eventKeyOf(ctx.ir);
    const named = { key, prop: /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : JSON.stringify(key) };
    switch (call.form) {
      case "message":
        // The whole argument list: `logger.warn("Failed to read state:", error)`, not just its message.
        ctx.report({
          messageId: "freeText",
          loc: call.loc,
          data: { callee: call.callee, message: call.argsText ?? call.message?.text ?? "…", ...named },
        });
        return;
      case "error":
        ctx.report({ messageId: "errorOnly", loc: call.loc, data: { callee: call.callee, ...named } });
        return;
      case "empty":
        ctx.report({ messageId: "empty", loc: call.loc, data: { callee: call.callee } });
        return;
      case "fields":
      case "message-fields":
      case "wrapper":
        // With a part logpact cannot read, the event may be in it: dynamic-event says so.
        if (call.fields && call.fields.unresolved.length > 0) return;
        if (call.fields)
          ctx.report({
            messageId: "noEvent",
            loc: call.fieldsLoc ?? call.loc,
            data: { callee: call.callee, ...named },
          });
        else if (call.message)
          ctx.report({
            messageId: "freeText",
            loc: call.loc,
            data: { callee: call.callee, message: call.message.text, ...named },
          });
        else if (call.form === "wrapper")
          ctx.report({ messageId: "empty", loc: call.loc, data: { callee: call.callee } });
        return;
      case "dynamic":
        return;
    }
  },
});
