/**
 * `level-mismatch`: a registered event logged at a level other than the one the
 * registry declares (alerts and dashboards filter on it). Events that declare no level
 * are never compared: their level is unknown (see `levelsInCode` for what code uses).
 */
import { LEVELS } from "../../registry/meta.js";
import { defineRule } from "../rule.js";

const LEVEL_SET = new Set<string>(LEVELS);

export const levelMismatch = defineRule({
  name: "level-mismatch",
  meta: {
    description: "A registered event must be logged at the level the registry declares for it.",
    defaultSeverity: "error",
    messages: {
      mismatch: 'event "{{event}}" is declared at {{declared}} but logged at {{actual}}; {{fix}}',
      notALevel: '"{{level}}" is not a pino level ({{levels}})',
    },
  },
  checkCall(call, ctx) {
    const level = call.level?.value;
    if (level === undefined) return;
    if (!LEVEL_SET.has(level)) {
      // Configured custom methods (`notice`) carry no level; a wrapper's literal level does.
      if (call.form === "wrapper")
        ctx.report({ messageId: "notALevel", loc: call.level!.loc, data: { level, levels: LEVELS.join(", ") } });
      return;
    }
    const event = call.event?.value === undefined ? undefined : ctx.events.get(call.event.value);
    // A level the registry never declared is unknown, not "info": nothing to compare with.
    if (!event || event.levelDefaulted || event.level === level) return;
    const fix =
      call.form === "wrapper"
        ? `log it at "${event.level}"`
        : `call ${call.callee.slice(0, call.callee.length - level.length)}${event.level}(…)`;
    ctx.report({
      messageId: "mismatch",
      loc: call.level!.loc,
      data: { event: event.name, declared: event.level, actual: level, fix },
    });
  },
});
