/**
 * The variants fixture (test/emitters/fixtures/schemas/idempotency.ts) for every target's
 * tests: its IR, and one table of payloads that every reader of the contract (JSON Schema,
 * validate, emitter runtime) must classify the same way.
 */
import { expect } from "vitest";
import type { UserConfig } from "../../generator/config/schema.js";
import type { RegistryIR } from "../../generator/registry/ir.js";
import { IdempotencyLog } from "../emitters/fixtures/schemas/idempotency.js";
import { validIr } from "./registry.js";

export const IDEMPOTENCY_MODULES = { "src/idempotency/log-fields.ts": { IdempotencyLog } };

/** IR of the variants fixture; fails the test on any registry error. */
export function idempotencyIr(config: UserConfig = {}): RegistryIR {
  return validIr(IDEMPOTENCY_MODULES, config);
}

const E = "idempotency.failed_open";

/** [name, payload (no envelope), valid?]: the same verdict from every reader of the contract. */
export const VARIANT_PAYLOADS: readonly (readonly [string, Record<string, unknown>, boolean])[] = [
  ["unavailable, minimal", { event: E, reason: "unavailable", deliveryId: "d-1" }, true],
  ["error with its errorMessage", { event: E, reason: "error", deliveryId: "d-1", errorMessage: "ECONNRESET" }, true],
  [
    "timeout without the optional errorMessage",
    { event: E, reason: "timeout", deliveryId: "d-1", timeoutMs: 500 },
    true,
  ],
  [
    "timeout with the optional errorMessage",
    { event: E, reason: "timeout", deliveryId: "d-1", timeoutMs: 500, errorMessage: "late" },
    true,
  ],
  ["error without errorMessage", { event: E, reason: "error", deliveryId: "d-1" }, false],
  [
    "unavailable with errorMessage (only error and timeout have it)",
    { event: E, reason: "unavailable", deliveryId: "d-1", errorMessage: "x" },
    false,
  ],
  ["unavailable with timeoutMs", { event: E, reason: "unavailable", deliveryId: "d-1", timeoutMs: 5 }, false],
  ["an unknown reason", { event: E, reason: "crashed", deliveryId: "d-1" }, false],
  ["no reason", { event: E, deliveryId: "d-1" }, false],
  ["reason of the wrong type", { event: E, reason: 1, deliveryId: "d-1" }, false],
  ["timeout with a negative timeoutMs", { event: E, reason: "timeout", deliveryId: "d-1", timeoutMs: -1 }, false],
  ["error with errorMessage null", { event: E, reason: "error", deliveryId: "d-1", errorMessage: null }, false],
  [
    "a plain event of the family",
    { event: "idempotency.duplicate_skipped", deliveryId: "d-1", firstSeenAt: "2026-12-03T09:00:00.000Z" },
    true,
  ],
  [
    "a plain event with a stray reason",
    {
      event: "idempotency.duplicate_skipped",
      deliveryId: "d-1",
      firstSeenAt: "2026-12-03T09:00:00.000Z",
      reason: "error",
    },
    false,
  ],
];
