/**
 * The emitters of an event with variants (test/emitters/golden/idempotency/): each variant
 * writes the line the hand-written pino call writes; the runtime validator checks a payload
 * against the variant its discriminator selects and agrees with ajv on the published
 * `oneOf` schema; violations name the variant. (Types: test/emitters/types.test.ts.)
 */
import pino from "pino";
import { describe, expect, it } from "vitest";
import { createAjv } from "../../generator/registry/ajv.js";
import { lineSchema } from "../../generator/registry/line-schema.js";
import { allEvents } from "../../generator/registry/ir.js";
import { VARIANT_PAYLOADS } from "../helpers/idempotency.js";
import { thrownBy } from "../helpers/thrown.js";
import * as idem from "./golden/idempotency/index.js";
import { fixtureIr } from "./helpers.js";

type Line = Record<string, unknown>;
const ir = fixtureIr("idempotency");

function memoryLogger() {
  const lines: Line[] = [];
  const logger = pino(
    { level: "trace", timestamp: false, base: null },
    { write: (s: string) => void lines.push(JSON.parse(s) as Line) },
  );
  return { logger, lines };
}

describe("lines", () => {
  it.each([
    [{ reason: "unavailable", deliveryId: "d-1" }],
    [{ reason: "error", deliveryId: "d-1", errorMessage: "ECONNRESET" }],
    [{ reason: "timeout", deliveryId: "d-1", timeoutMs: 500 }],
  ] as const)("failed_open(%j) writes what logger.warn({ event, ...fields }) writes", (fields) => {
    const ours = memoryLogger();
    const theirs = memoryLogger();
    idem.idempotencyEmitters(ours.logger, { validation: "throw" }).failed_open(fields);
    theirs.logger.warn({ event: "idempotency.failed_open", ...fields }, "idempotency.failed_open");
    expect(ours.lines).toEqual(theirs.lines);
  });

  it("never writes a key the payload did not carry, even one another variant has", () => {
    const { logger, lines } = memoryLogger();
    idem.idempotencyEmitters(logger).failed_open({ reason: "unavailable", deliveryId: "d-1" });
    expect(Object.keys(lines[0]!).sort()).toEqual(["deliveryId", "event", "level", "msg", "reason"]);
  });
});

describe("validation", () => {
  const ajv = createAjv("2020-12").compile(
    lineSchema(ir, allEvents(ir), { draft: "2020-12", id: "urn:logpact:test", title: "t", comment: "c" }),
  );

  it.each(VARIANT_PAYLOADS)("%s: validateLogPayload agrees with ajv on the oneOf schema", (_name, payload, valid) => {
    const problem = idem.validateLogPayload(payload);
    expect(problem === undefined, problem?.message).toBe(valid);
    expect(ajv({ level: 40, ...payload })).toBe(valid);
  });

  it.each([
    [
      { reason: "error", deliveryId: "d-1" },
      "errorMessage",
      'idempotency.failed_open (reason "error"): field "errorMessage" is required but missing',
    ],
    [
      { reason: "unavailable", deliveryId: "d-1", timeoutMs: 5 },
      "timeoutMs",
      'idempotency.failed_open (reason "unavailable"): field "timeoutMs" is not a field of this variant (fields: reason, deliveryId)',
    ],
    [
      { reason: "crashed", deliveryId: "d-1" },
      "reason",
      'idempotency.failed_open: field "reason" must be one of "unavailable", "error", "timeout" (it selects the variant) (got "crashed")',
    ],
    [
      { deliveryId: "d-1" },
      "reason",
      'idempotency.failed_open: field "reason" must be one of "unavailable", "error", "timeout" (it selects the variant) but is missing',
    ],
    [
      { reason: "error", deliveryId: "d-1", errorMessage: 5 },
      "errorMessage",
      'idempotency.failed_open (reason "error"): field "errorMessage" must be a string',
    ],
  ] as const)("throw mode on %j names the variant", (fields, field, message) => {
    const log = idem.idempotencyEmitters(memoryLogger().logger, { validation: "throw" });
    const v = thrownBy(() => (log.failed_open as (f: unknown) => void)(fields), idem.LogContractViolation);
    expect([v.event, v.field, v.message]).toEqual(["idempotency.failed_open", field, message]);
  });
});

describe("the doc of an event with variants", () => {
  it("lists every variant with its description, once in the module (hover shows the emitter's doc, not a union branch's)", async () => {
    const { readFileSync } = await import("node:fs");
    const text = readFileSync(new URL("./golden/idempotency/idempotency.ts", import.meta.url), "utf8");
    const event = ir.families[0]!.events.find((e) => e.variants)!;
    const doc = text.slice(
      text.lastIndexOf("/**", text.indexOf("readonly failed_open:")),
      text.indexOf("readonly failed_open:"),
    );
    expect(doc).toContain(`One of ${event.variants!.length} variants, by \`${event.discriminator}\`:`);
    for (const v of event.variants!) {
      expect(doc).toContain(`${JSON.stringify(v.value)}\`: ${v.description}`);
      expect(text.split(v.description!).length - 1, String(v.value)).toBe(1);
    }
  });
});
