/**
 * A repo that pins its logs with hand-written Zod, its own way (not logpact's): per-team
 * `log-fields.ts` modules, one export per event, an `as const` map of names, snake_case
 * ids, units carried by suffixes only, no levels, a `pino` child logger per class. Files
 * that must never be imported by `init` throw when they are.
 */

const THROWS = `throw new Error("init must not import this file");`;

export const FOREIGN_REPO: Record<string, string> = {
  "package.json": JSON.stringify(
    { name: "agent-gateway", private: true, type: "module", dependencies: { pino: "^10.0.0", zod: "^4.0.0" } },
    null,
    2,
  ),
  // The agents team: one exported strict object per event, no union, no metadata.
  "src/agents/log-fields.ts": `import { z } from "zod";

export const AgentRunStartedFields = z.strictObject({
  event: z.literal("agent.run.started"),
  run_id: z.string(),
  model: z.string(),
  prompt_tokens: z.number().int(),
});

export const AgentRunFinishedFields = z.strictObject({
  event: z.literal("agent.run.finished"),
  run_id: z.string(),
  completion_tokens: z.number().int(),
  stop_reason: z.enum(["end_turn", "max_tokens", "tool_use"]),
  duration_ms: z.number().int(),
  cost_usd: z.number(),
});

export const AgentRunFailedFields = z.strictObject({
  event: z.literal("agent.run.failed"),
  run_id: z.string(),
  error_class: z.string(),
  // The team logs the message, not the Error: pino's \`err\` declared as a string.
  err: z.string(),
});

// Not a family: a helper the handlers use.
export const RunIdSchema = z.string().min(8);
export const MAX_TOOL_CALLS = 25;
`,
  // The webhooks team: names in an \`as const\` map, a union, snake_case ids.
  "src/webhooks/log-fields.ts": `import { z } from "zod";

export const WEBHOOK_EVENTS = {
  received: "webhook.delivery.received",
  rejected: "webhook.delivery.rejected",
  processed: "webhook.delivery.processed",
} as const;

const delivery = { delivery_id: z.string(), installation_id: z.number().int() };

export const WebhookDeliveryLog = z.union([
  z.strictObject({ event: z.literal(WEBHOOK_EVENTS.received), ...delivery, github_event: z.string() }),
  z.strictObject({ event: z.literal(WEBHOOK_EVENTS.rejected), ...delivery, reason: z.enum(["bad_signature", "unknown_installation"]) }),
  z.strictObject({ event: z.literal(WEBHOOK_EVENTS.processed), ...delivery, handler: z.string() }),
]);
`,
  // Code that logs: the levels init reports for events that declare none.
  "src/agents/runner.ts": `import pino from "pino";
import { MAX_TOOL_CALLS } from "./log-fields.js";

export class AgentRunner {
  private readonly logger = pino().child({ component: "agent-runner" });

  run(runId: string): void {
    this.logger.info({ event: "agent.run.started", run_id: runId, model: "m", prompt_tokens: MAX_TOOL_CALLS }, "run started");
  }

  fail(runId: string, e: Error): void {
    this.logger.error({ event: "agent.run.failed", run_id: runId, error_class: e.name, err: e.message }, "run failed");
  }

  abort(runId: string): void {
    this.logger.error({ event: "agent.run.failed", run_id: runId, error_class: "Abort" });
  }

  ready(): void {
    this.logger.info("agent runner ready");
  }
}
`,
  "src/webhooks/handler.ts": `import type { Logger } from "pino";
import { WEBHOOK_EVENTS } from "./log-fields.js";

export function handle(log: Logger, id: string, ok: boolean): void {
  log.info({ event: WEBHOOK_EVENTS.received, delivery_id: id, installation_id: 1, github_event: "push" });
  if (!ok) log.warn({ event: "webhook.delivery.rejected", delivery_id: id, installation_id: 1, reason: "bad_signature" });
  else log.error({ event: "agent.run.failed", run_id: id, error_class: "x" });
}
`,
  // Must never be imported: an API schema with a non-event \`kind\`, a test, build output, types.
  "src/routes/pay.ts": `import { z } from "zod";
export const PayBody = z.object({ kind: z.literal("card"), amount: z.number() });
${THROWS}
`,
  "src/agents/log-fields.test.ts": `import { z } from "zod";
export const T = z.strictObject({ event: z.literal("agent.test.only") });
${THROWS}
`,
  "src/__tests__/fixtures.ts": `import { z } from "zod";
export const F = z.strictObject({ event: z.literal("fixture.only.event") });
${THROWS}
`,
  "dist/agents/log-fields.js": `import { z } from "zod";
export const D = z.strictObject({ event: z.literal("agent.run.started") });
${THROWS}
`,
  "src/types/log.d.ts": `import { z } from "zod";
export declare const X: z.ZodObject<{ event: z.ZodLiteral<"agent.run.started"> }>;
`,
  "src/index.ts": `export { AgentRunner } from "./agents/runner.js";\n`,
};
