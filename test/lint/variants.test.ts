/**
 * `event-fields` on an event with variants (the idempotency fixture): a literal
 * discriminator selects the variant the call is checked against; an unknown value is
 * reported; a discriminator that is not a literal checks the call against the union.
 */
import { eventFields } from "../../generator/lint/rules/event-fields.js";
import { idempotencyIr } from "../helpers/idempotency.js";
import { ruleTester } from "./rule-tester.js";

const EV = `event: "idempotency.failed_open"`;

ruleTester(
  eventFields,
  {
    valid: [
      { code: `log.warn({ ${EV}, reason: "unavailable", deliveryId });` },
      { code: `log.warn({ ${EV}, reason: "error", deliveryId, errorMessage: err.message });` },
      { code: `log.warn({ ${EV}, reason: "timeout", deliveryId, timeoutMs: 500 });` },
      { code: `const REASON = "error" as const;\nlog.warn({ ${EV}, reason: REASON, deliveryId, errorMessage: e });` },
      // Not a literal: checked against the union (every variant's fields, the discriminator required).
      { code: `log.warn({ ${EV}, reason, deliveryId, errorMessage, timeoutMs });` },
      { code: `log.warn({ ${EV}, reason: why(), deliveryId });` },
    ],
    invalid: [
      {
        code: `log.warn({ ${EV}, reason: "unavailable", deliveryId, errorMessage: "x" });`,
        errors: [
          {
            messageId: "undeclared",
            line: 1,
            column: 81,
            message:
              'field `errorMessage` is not declared on event "idempotency.failed_open" (variant `reason "unavailable"`); declared fields: reason, deliveryId',
          },
        ],
      },
      {
        code: `log.warn({ ${EV}, reason: "error", deliveryId });`,
        errors: [
          {
            messageId: "missing",
            line: 1,
            column: 10,
            message:
              'required field `errorMessage` of event "idempotency.failed_open" (variant `reason "error"`) is missing (string)',
          },
        ],
      },
      {
        code: `log.warn({ ${EV}, reason: "timeout", deliveryId, timeoutMs: 0 });`,
        errors: [
          {
            messageId: "outOfRange",
            line: 1,
            column: 88,
            message:
              'field `timeoutMs` of event "idempotency.failed_open" (variant `reason "timeout"`) must be integer > 0, but this call passes the integer 0',
          },
        ],
      },
      {
        code: `log.warn({ ${EV}, reason: "crashed", deliveryId });`,
        errors: [
          {
            messageId: "unknownVariant",
            line: 1,
            column: 54,
            message:
              '`reason` selects the variant of event "idempotency.failed_open" and must be one of "unavailable" | "error" | "timeout", but this call passes the string "crashed"',
          },
        ],
      },
      // Not a literal: only what no variant allows is reported.
      {
        code: `log.warn({ ${EV}, reason, deliveryId, ttlMs: 5 });`,
        errors: [{ messageId: "undeclared", line: 1, column: 66 }],
      },
      {
        code: `log.warn({ ${EV}, deliveryId });`,
        errors: [
          {
            messageId: "missing",
            line: 1,
            column: 10,
            message:
              'required field `reason` of event "idempotency.failed_open" is missing ("unavailable" | "error" | "timeout")',
          },
        ],
      },
    ],
  },
  { name: "variants", ir: () => idempotencyIr() },
);
