/**
 * Where a line is closed. In 2020-12 the registry file closes each line once, with
 * `unevaluatedProperties: false` where the line's schema is assembled (each `family:<name>`
 * definition, and the registry root with dispatch "discriminator"): what `line` (envelope +
 * event key) and the matching event's branch (and its matching variant's) declare is
 * admitted, nothing else. Draft-07 has no such keyword: every event stays strict on its own,
 * and its output is golden (byte for byte what it was before 2020-12 changed).
 * Checked on a fulfilment service's registry: an extra property fails in every shape (plain
 * event, variant event, refined envelope field, nested object, another event's field)
 * through the registry file and each family file, in ajv, @cfworker/json-schema and
 * `logpact validate`, in both drafts and both dispatch modes.
 */
import { Validator } from "@cfworker/json-schema";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { UserConfig } from "../../generator/config/schema.js";
import { createAjv } from "../../generator/registry/ajv.js";
import type { RegistryIR } from "../../generator/registry/ir.js";
import { LogChecker } from "../../generator/validate/checker.js";
import { DEFAULT_SEVERITY } from "../../generator/validate/kinds.js";
import { REPO } from "../helpers/project.js";
import { validIr } from "../helpers/registry.js";
import { SCHEMA_MODES, schemaTexts, type Draft } from "./helpers.js";

const orderId = z.string().uuid().meta({ description: "Order id." });
const packer = z
  .strictObject({ id: z.string().min(1), station: z.number().int().nonnegative() })
  .meta({ description: "Who packed it, where." });

/** A fulfilment service's log-fields modules, as its team wrote them. */
const FulfilmentLog = z
  .discriminatedUnion("event", [
    z
      .strictObject({
        event: z.literal("order.fulfilment.packed"),
        orderId,
        packer,
        items: z.number().int().positive(),
      })
      .meta({ level: "info", description: "The parcel was packed." }),
    // A variant event: one event name, two shapes told apart by `carrier`.
    z
      .strictObject({
        event: z.literal("order.fulfilment.shipped"),
        carrier: z.literal("courier"),
        orderId,
        trackingNo: z.string().min(4),
        // A nested object only this variant declares: written inline, strict on its own.
        parcel: z.strictObject({ weightG: z.number().int().positive() }),
      })
      .meta({ level: "info", description: "Handed to a courier." }),
    z
      .strictObject({
        event: z.literal("order.fulfilment.shipped"),
        carrier: z.literal("pickup"),
        orderId,
        counter: z.string(),
        readyAt: z.iso.datetime().optional(),
      })
      .meta({ level: "info", description: "Ready at a pickup counter." }),
    // Refines pino's `err` (an object elsewhere): the envelope's `err` is not hoisted then.
    z
      .strictObject({
        event: z.literal("order.fulfilment.failed"),
        orderId,
        step: z.enum(["pick", "pack", "label"]),
        err: z.string().min(1).meta({ description: "The failing step's error code." }),
      })
      .meta({ level: "error", description: "A step failed." }),
  ])
  .meta({ family: "order.fulfilment", description: "Picking, packing and shipping orders." });

const ReturnLog = z
  .discriminatedUnion("event", [
    z
      .strictObject({ event: z.literal("order.return.opened"), orderId, packer, reason: z.string().max(200) })
      .meta({ level: "info", description: "A return was opened." }),
    z
      .strictObject({ event: z.literal("order.return.refunded"), orderId, amountCents: z.number().int().positive() })
      .meta({ level: "info", description: "The return was refunded." }),
  ])
  .meta({ family: "order.return", description: "Returns and refunds." });

const CONFIG: UserConfig = {
  envelope: { bindings: { tenantId: { type: "string", minLength: 1 } }, required: ["tenantId"] },
};

function fulfilmentIr(): RegistryIR {
  return validIr(
    { "src/fulfilment/log-fields.ts": { FulfilmentLog }, "src/returns/log-fields.ts": { ReturnLog } },
    CONFIG,
  );
}

const ENVELOPE = { level: 30, time: 1_764_000_000_000, pid: 7, hostname: "wh-1", msg: "m", tenantId: "acme" };
const ID = "6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b";
const packed = {
  ...ENVELOPE,
  event: "order.fulfilment.packed",
  orderId: ID,
  packer: { id: "p-7", station: 3 },
  items: 2,
};
const courier = {
  ...ENVELOPE,
  event: "order.fulfilment.shipped",
  carrier: "courier",
  orderId: ID,
  trackingNo: "TRK-1",
  parcel: { weightG: 800 },
};
const pickup = { ...ENVELOPE, event: "order.fulfilment.shipped", carrier: "pickup", orderId: ID, counter: "C3" };
const failed = { ...ENVELOPE, event: "order.fulfilment.failed", orderId: ID, step: "pack", err: "E_TAPE" };
const opened = {
  ...ENVELOPE,
  event: "order.return.opened",
  orderId: ID,
  packer: { id: "p-7", station: 3 },
  reason: "x",
};
const refunded = { ...ENVELOPE, event: "order.return.refunded", orderId: ID, amountCents: 500 };

/** [what, line, valid?]: one verdict from every validator, through every entry point. */
const TABLE: [string, Record<string, unknown>, boolean][] = [
  ["plain event", packed, true],
  [
    "plain event, envelope only level",
    { ...packed, time: undefined, pid: undefined, hostname: undefined, msg: undefined },
    true,
  ],
  ["plain event with pino's err object", { ...packed, err: { type: "Error", message: "boom" } }, true],
  ["plain event + an undeclared property", { ...packed, surprise: 1 }, false],
  ["plain event + a property another event of its family declares", { ...packed, trackingNo: "TRK-1" }, false],
  ["plain event + a property another family declares", { ...packed, amountCents: 5 }, false],
  ["plain event + the other variant event's discriminator", { ...packed, carrier: "courier" }, false],
  ["variant courier", courier, true],
  ["variant pickup", pickup, true],
  ["variant pickup with its optional field", { ...pickup, readyAt: "2026-12-03T10:00:00.000Z" }, true],
  ["variant courier + an undeclared property", { ...courier, surprise: 1 }, false],
  ["variant courier + the pickup variant's property", { ...courier, counter: "C3" }, false],
  ["variant pickup + the courier variant's property", { ...pickup, trackingNo: "TRK-1" }, false],
  ["variant pickup + another event's property", { ...pickup, items: 1 }, false],
  ["refined envelope field", failed, true],
  ["refined envelope field + an undeclared property", { ...failed, surprise: 1 }, false],
  ["refined envelope field with pino's err object", { ...failed, err: { message: "boom" } }, false],
  ["plain event with the refined err's string", { ...packed, err: "E_TAPE" }, false],
  ["refined envelope field's event + another event's property", { ...failed, items: 2 }, false],
  ["nested object + an undeclared property inside", { ...packed, packer: { id: "p-7", station: 3, desk: 1 } }, false],
  ["nested object (shared field) + a property inside", { ...opened, packer: { id: "p-7", station: 3, x: 1 } }, false],
  ["nested object, other family", opened, true],
  [
    "a variant's inline nested object + a property inside",
    { ...courier, parcel: { weightG: 800, fragile: true } },
    false,
  ],
  ["other family + an undeclared property", { ...refunded, surprise: true }, false],
  ["other family + a property of the first family's event", { ...refunded, step: "pick" }, false],
  ["other family", refunded, true],
  ["without the required binding", { ...refunded, tenantId: undefined }, false],
];

const clean = (l: Record<string, unknown>) => JSON.parse(JSON.stringify(l)) as Record<string, unknown>;
const cfDraft = (draft: Draft) => (draft === "2020-12" ? "2020-12" : "7");

describe.each(SCHEMA_MODES)(
  "JSON Schema %s, dispatch %s: an extra property fails in every shape",
  (draft, dispatch) => {
    const ir = fulfilmentIr();
    const files = Object.fromEntries(
      Object.entries(schemaTexts(ir, draft, dispatch, CONFIG)).map(([k, v]) => [k, JSON.parse(v) as object]),
    );
    const registry = files["registry.schema.json"]!;
    const ajv = createAjv(draft, { allErrors: true, discriminator: dispatch === "discriminator" });
    ajv.addSchema(registry);
    const viaRegistry = {
      ajv: ajv.getSchema("registry.schema.json")!,
      other: new Validator(registry as never, cfDraft(draft), false),
    };
    const viaFamily = new Map(
      ir.families.map((f) => {
        const file = files[`${f.name}.schema.json`]!;
        const other = new Validator(file as never, cfDraft(draft), false);
        other.addSchema(registry as never);
        return [f.name, { ajv: ajv.compile(file), other }] as const;
      }),
    );
    const checker = new LogChecker(ir, {
      draft,
      severity: DEFAULT_SEVERITY,
      maxFindings: 1000,
      maxLineBytes: 1 << 20,
      fastPath: false,
    });

    it.each(TABLE)("%s", (_what, raw, valid) => {
      const line = clean(raw);
      const family = ir.families.find((f) => f.events.some((e) => e.name === line.event))!;
      expect(viaRegistry.ajv(line), "ajv, registry file").toBe(valid);
      expect(viaRegistry.other.validate(line).valid, "@cfworker/json-schema, registry file").toBe(valid);
      const own = viaFamily.get(family.name)!;
      expect(own.ajv(line), `ajv, ${family.name}.schema.json`).toBe(valid);
      expect(own.other.validate(line).valid, `@cfworker/json-schema, ${family.name}.schema.json`).toBe(valid);
      const tally = checker.tally("app.log");
      checker.line(tally, JSON.stringify(line), 1, 0);
      expect(tally.status.valid, "logpact validate").toBe(valid ? 1 : 0);
    });

    it("closes each line once in 2020-12, each event on its own in draft-07", () => {
      const defs = (registry as Record<string, Record<string, Record<string, unknown>>>)[
        draft === "draft-07" ? "definitions" : "$defs"
      ]!;
      const events = ir.families.flatMap((f) => f.events.map((e) => e.name));
      const strictObjects = (def: Record<string, unknown>) =>
        [def, ...((def.oneOf as Record<string, unknown>[] | undefined) ?? [])].filter((o) => o.properties);
      const closers = [
        ...ir.families.map((f) => defs[`family:${f.name}`]!),
        ...(dispatch === "discriminator" ? [registry as Record<string, unknown>] : []),
      ];
      if (draft === "2020-12") {
        for (const c of closers) expect(c.unevaluatedProperties).toBe(false);
        for (const name of events)
          for (const o of strictObjects(defs[name]!)) {
            expect(o.additionalProperties, name).toBeUndefined();
            expect(o.patternProperties, name).toBeUndefined();
          }
        // Each event's definition is a `$ref` target, where ajv's strict mode wants a `type`.
        for (const name of events) expect(defs[name]!.type, name).toBe("object");
      } else {
        expect(JSON.stringify(files)).not.toContain("unevaluatedProperties");
        for (const name of events)
          for (const o of strictObjects(defs[name]!).filter((o) => o !== defs[name] || !defs[name]!.oneOf))
            expect(o.additionalProperties, name).toBe(false);
      }
      // A nested object is its own strict object, in both drafts.
      expect(defs["field:packer"]).toMatchObject({ additionalProperties: false, type: "object" });
    });

    it.runIf(draft === "2020-12")("an event's definition alone is not an entry point: it leaves the line open", () => {
      const event = ajv.getSchema(`registry.schema.json#/$defs/order.fulfilment.packed`)!;
      expect(event(clean(packed))).toBe(true);
      expect(event(clean({ ...packed, surprise: 1 }))).toBe(true);
    });
  },
);

describe("the files as written (golden)", () => {
  it.each(SCHEMA_MODES)("%s, dispatch %s", (draft, dispatch) => {
    const dir = join(REPO, "test/json-schema/golden/closed-lines", `${draft}.${dispatch}`);
    const texts = schemaTexts(fulfilmentIr(), draft, dispatch, CONFIG);
    if (process.env.UPDATE_GOLDEN) {
      mkdirSync(dir, { recursive: true });
      for (const [name, text] of Object.entries(texts)) writeFileSync(join(dir, name), text);
    }
    for (const [name, text] of Object.entries(texts)) expect(text, name).toBe(readFileSync(join(dir, name), "utf8"));
  });
});
