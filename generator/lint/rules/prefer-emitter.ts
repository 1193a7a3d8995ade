/**
 * `prefer-emitter` (off by default): a raw logger call for a registered event that has a
 * generated emitter; the emitter is checked by the compiler, the raw call only by lint.
 */
import { defineRule } from "../rule.js";

export const preferEmitter = defineRule({
  name: "prefer-emitter",
  meta: {
    description: "Log a registered event through its generated emitter rather than a raw logger call.",
    defaultSeverity: "off",
    messages: {
      preferEmitter:
        'event "{{event}}" has a generated emitter; call it instead of {{callee}}(…) so the compiler checks level and fields',
    },
  },
  checkCall(call, ctx) {
    const name = call.event?.value;
    if (name === undefined || !ctx.emitterEvents.has(name)) return;
    ctx.report({ messageId: "preferEmitter", loc: call.loc, data: { event: name, callee: call.callee } });
  },
});
