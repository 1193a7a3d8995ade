/**
 * `dynamic-event`: the call has an event (or may have one) that logpact cannot read
 * statically, so it cannot be checked against the registry; or its event is known but
 * part of its fields is not (`...opts`), so they are only partly checked.
 */
import { defineRule } from "../rule.js";
import type { EventRef } from "../types.js";

const WHY: Record<NonNullable<EventRef["why"]>, string> = {
  template: " is a template literal with substitutions",
  "not-string": " is not a string",
  "not-const": " is not a const logpact can see",
  "unresolved-import":
    " comes from a module logpact cannot follow (a package, or a path alias); lint.typeAware can resolve it with the type checker",
  expression: " is computed at run time",
  "too-deep": " goes through too many indirections",
};

export const dynamicEvent = defineRule({
  name: "dynamic-event",
  meta: {
    description:
      "The `event` of a log call must be statically known (a literal, a const or an `as const` member) so it can be checked.",
    defaultSeverity: "warn",
    messages: {
      dynamic:
        "the event of {{callee}}(…) is not statically known: `{{text}}`{{why}}; use a string literal or an `as const` member",
      spread:
        "{{callee}}(…) has no literal `event`; it may come from `{{text}}`, which logpact cannot read; write `event` in the call",
      fieldsNotStatic:
        "the fields of {{callee}}(…) are `{{text}}`, which logpact cannot read; pass an object literal with a literal `event`",
      partial:
        '`{{text}}` cannot be read statically, so the fields of event "{{event}}" are only partly checked (required fields are not); spread a const object or write the fields out',
    },
  },
  checkCall(call, ctx) {
    if (call.event) {
      if (call.event.value === undefined) {
        ctx.report({
          messageId: "dynamic",
          loc: call.event.loc,
          data: { callee: call.callee, text: call.event.text, why: WHY[call.event.why ?? "expression"] },
        });
      } else if (ctx.events.has(call.event.value)) {
        for (const u of call.fields?.unresolved ?? [])
          ctx.report({ messageId: "partial", loc: u.loc, data: { text: u.text, event: call.event.value } });
      }
      return;
    }
    if (call.form === "dynamic") {
      ctx.report({
        messageId: "fieldsNotStatic",
        loc: call.fieldsLoc ?? call.loc,
        data: { callee: call.callee, text: call.fieldsText ?? "…" },
      });
      return;
    }
    const part = call.fields?.unresolved[0];
    if (part) ctx.report({ messageId: "spread", loc: part.loc, data: { callee: call.callee, text: part.text } });
  },
});
