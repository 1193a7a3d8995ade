/**
 * Call sites of an event with variants that must compile against the generated emitters
 * (test/emitters/golden/idempotency/; `pnpm typecheck` and test/emitters/types.test.ts
 * compile this file with strict, exactOptionalPropertyTypes and noUncheckedIndexedAccess).
 */
import pino from "pino";
import {
  idempotencyEmitters,
  validateLogPayload,
  type IdempotencyFields,
  type LogPayload,
} from "../golden/idempotency/index.js";

const log = idempotencyEmitters(pino({ level: "trace" }), { validation: "throw" });

// Each variant with exactly its own fields.
log.failed_open({ reason: "unavailable", deliveryId: "d-1" });
log.failed_open({ reason: "error", deliveryId: "d-1", errorMessage: "ECONNRESET" });
log.failed_open({ reason: "timeout", deliveryId: "d-1", timeoutMs: 500 });
log.failed_open(
  { reason: "timeout", deliveryId: "d-1", timeoutMs: 500, errorMessage: undefined },
  "key store timed out",
);

// The way services call it: the variant chosen by control flow.
export function failOpen(deliveryId: string, err: unknown): void {
  if (err === undefined) log.failed_open({ reason: "unavailable", deliveryId });
  else log.failed_open({ reason: "error", deliveryId, errorMessage: err instanceof Error ? err.message : String(err) });
}

// A fields value narrows on its discriminator.
export function summary(f: IdempotencyFields["failed_open"]): string {
  switch (f.reason) {
    case "unavailable":
      return f.deliveryId;
    case "error":
      return f.errorMessage;
    case "timeout":
      return `${f.timeoutMs} ms`;
  }
}

// The payload union takes each variant with its event.
export const payload: LogPayload = {
  event: "idempotency.failed_open",
  reason: "error",
  deliveryId: "d-1",
  errorMessage: "x",
};
export const problem: ReturnType<typeof validateLogPayload> = validateLogPayload(payload);
