/**
 * Snapshots read back into an IR: the round trip is lossless for diff, and damaged or
 * foreign files fail with the file, the path and the fix.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { diffRegistries } from "../../generator/diff/compare.js";
import { SnapshotError, parseSnapshot, snapshotOf } from "../../generator/registry/snapshot.js";
import { BANNER } from "../../generator/gen/generate.js";
import { compactJson, stableJson } from "../../generator/util/json.js";
import type { RegistryIR } from "../../generator/registry/ir.js";
import type { AlertDecl } from "../../generator/registry/meta.js";
import { bundledIr, irFrom } from "../helpers/registry.js";

/** A service's registry: ids and durations declared the same way in many events, one field in two shapes, variants, an event key of its own. */
function serviceIr(): RegistryIR {
  const requestId = z.string().uuid().meta({ description: "Request id." });
  const duration = z
    .number()
    .int()
    .nonnegative()
    .meta({ unit: "ms", description: "Time taken.", examples: [12] });
  const { ir, diagnostics } = irFrom(
    {
      "src/logs/orders.ts": {
        OrderLog: z
          .discriminatedUnion("type", [
            z.strictObject({ type: z.literal("order.placed"), requestId, total: z.number() }).meta({
              level: "info",
              description: "Order placed.",
              examples: [{ requestId: "3f2b8c1e-9d4a-4e6f-8b7c-2a1d5e9f0c34", total: 3 }],
            }),
            z.strictObject({ type: z.literal("order.shipped"), requestId, duration_ms: duration }),
            z
              .strictObject({ type: z.literal("order.failed"), requestId, reason: z.literal("timeout") })
              .meta({ level: "warn", message: "order failed" }),
            z
              .strictObject({
                type: z.literal("order.failed"),
                requestId,
                reason: z.literal("error"),
                duration_ms: duration,
                code: z.string(),
              })
              .meta({ level: "warn" }),
          ])
          .meta({ family: "order" }),
        CartLog: z
          .discriminatedUnion("type", [
            z.strictObject({ type: z.literal("cart.opened"), requestId, duration_ms: duration.optional() }),
            z.strictObject({ type: z.literal("cart.closed"), requestId, duration_ms: duration.optional() }),
          ])
          .meta({ family: "cart" }),
      },
    },
    { eventKey: "type", conventions: { descriptions: "off" } },
  );
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return ir;
}

describe("snapshotOf / parseSnapshot", () => {
  it.each<[string, () => Promise<RegistryIR> | RegistryIR]>([
    ["the bundled registry", bundledIr],
    ["a service registry with shared fields, variants and its own event key", serviceIr],
  ])("reads the registry target's output back into the same IR: %s", async (_name, build) => {
    const ir = await build();
    const parsed = parseSnapshot(compactJson(snapshotOf(ir, BANNER)), "generated/registry.json");
    expect(parsed).toEqual(JSON.parse(JSON.stringify(ir)));
    expect(diffRegistries(parsed, ir).changes).toEqual([]);
    expect(Object.isFrozen(parsed.families[0])).toBe(true);
  });

  it("reads an irVersion 1 snapshot (the IR as it is, as older logpacts wrote it) into the same IR", async () => {
    for (const ir of [await bundledIr(), serviceIr()]) {
      const old = { $comment: BANNER, ...ir, irVersion: 1, families: declaredAlerts(ir) };
      const parsed = parseSnapshot(stableJson(old), "old.json");
      expect(parsed).toEqual(JSON.parse(JSON.stringify(ir)));
    }
  });

  it("resolves the alerts of irVersion 1 and 2 snapshots (which hold them as declared) on read, as the build does", async () => {
    const ir = await bundledIr();
    const alerts = ir.families.flatMap((f) => f.alerts);
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts.every((a) => a.resolved !== undefined)).toBe(true);
    const v1 = stableJson({ $comment: BANNER, ...ir, irVersion: 1, families: declaredAlerts(ir) });
    const v2 = stableJson({ ...snapshotOf({ ...ir, families: declaredAlerts(ir) }, BANNER), irVersion: 2 });
    for (const text of [v1, v2]) {
      expect(text).not.toContain('"resolved"');
      expect(parseSnapshot(text, "old.json").families.map((f) => f.alerts)).toEqual(
        JSON.parse(JSON.stringify(ir.families.map((f) => f.alerts))),
      );
    }
  });

  it("reads an irVersion 3 snapshot's resolved alerts as written (no resolution on read)", async () => {
    const ir = await bundledIr();
    const snap = JSON.parse(compactJson(snapshotOf(ir, BANNER))) as { families: { alerts: { resolved: object }[] }[] };
    const family = snap.families.findIndex((f) => f.alerts.length > 0);
    const first = snap.families[family]!.alerts[0]!;
    first.resolved = { ...first.resolved, reads: ["written.as.is"] };
    const parsed = parseSnapshot(JSON.stringify(snap), "generated/registry.json");
    expect(parsed.families[family]!.alerts[0]!.resolved!.reads).toEqual(["written.as.is"]);
  });

  it('reads irVersion 1\'s "mixed" field type as the IR\'s "any"', async () => {
    const ir = await bundledIr();
    const old = JSON.parse(stableJson({ $comment: BANNER, ...ir, irVersion: 1 })) as RegistryIR;
    const field = old.families[0]!.events[0]!.fields[0]! as unknown as { types: string[] };
    field.types = ["mixed"];
    const parsed = parseSnapshot(JSON.stringify(old), "old.json");
    expect(parsed.families[0]!.events[0]!.fields[0]!.types).toEqual(["any"]);
  });

  it("writes a field definition used twice once, keyed by name, and leaves out what the IR derives", () => {
    const snap = JSON.parse(compactJson(snapshotOf(serviceIr(), BANNER))) as {
      irVersion: number;
      fields: Record<string, Record<string, unknown>>;
      families: { name: string; events: Record<string, unknown>[] }[];
    };
    expect(snap.irVersion).toBe(3);
    expect(Object.keys(snap.fields).sort()).toEqual(["duration_ms", "duration_ms:2", "requestId"]);
    expect(snap.fields.requestId).toEqual({
      name: "requestId",
      required: true,
      description: "Request id.",
      schema: expect.objectContaining({ type: "string", format: "uuid" }) as unknown,
    });
    // Families in IR order: cart's optional duration_ms came first, order's required one is the second shape.
    expect(snap.fields.duration_ms).toMatchObject({ required: false, unit: "ms", examples: [12] });
    expect(snap.fields["duration_ms:2"]).toMatchObject({ required: true, unit: "ms", examples: [12] });
    const [cart, order] = snap.families;
    expect(cart!.events[0]).toEqual({
      name: "cart.opened",
      level: "info",
      levelDefaulted: true,
      stability: "stable",
      examples: [],
      fields: ["requestId", "duration_ms"],
    });
    const placed = order!.events.find((e) => e.name === "order.placed")!;
    expect(placed).not.toHaveProperty("message");
    expect(placed).not.toHaveProperty("family");
    expect(placed).not.toHaveProperty("short");
    expect(placed.examples).toEqual([{ requestId: "3f2b8c1e-9d4a-4e6f-8b7c-2a1d5e9f0c34", total: 3 }]);
    expect(placed.fields).toEqual(["requestId", { name: "total", required: true, schema: { type: "number" } }]);
    const failed = order!.events.find((e) => e.name === "order.failed")!;
    expect(failed.message).toBe("order failed");
    expect((failed.variants as { fields: unknown[] }[])[1]!.fields).toContain("duration_ms:2");
  });

  it("is deterministic and prettier-stable in layout (the JSON writer's)", () => {
    const a = compactJson(snapshotOf(serviceIr(), BANNER));
    expect(compactJson(snapshotOf(serviceIr(), BANNER))).toBe(a);
    expect(compactJson(JSON.parse(a))).toBe(a);
  });
});

/** The IR's families with their alerts as declared: what snapshots before irVersion 3 held. */
function declaredAlerts(ir: RegistryIR): RegistryIR["families"] {
  return ir.families.map((f) => ({ ...f, alerts: f.alerts.map(({ resolved: _r, ...decl }) => decl as AlertDecl) }));
}

/** An irVersion 2 snapshot of one family `a` holding `event`, as written. */
function v2Snapshot(event: Record<string, unknown>): string {
  const family = { name: "a", stability: "stable", source: { file: "a.ts", export: "A" }, loki: { selector: "{}" } };
  return JSON.stringify({
    irVersion: 2,
    envelope: [],
    fields: {},
    families: [{ ...family, transitions: [], alerts: [], events: [event] }],
  });
}

describe("parseSnapshot errors", () => {
  it.each<[string, string, RegExp]>([
    ["not JSON", "{", /^old\.json: error LP_SNAPSHOT_INVALID\n {2}not valid JSON/],
    [
      "another IR version",
      JSON.stringify({ irVersion: 4, families: [] }),
      /LP_SNAPSHOT_VERSION\n {2}the snapshot has irVersion 4; this logpact reads irVersion 1, 2 and 3/,
    ],
    [
      "a shared field the table does not define",
      v2Snapshot({ name: "a.b", level: "info", stability: "stable", examples: [], fields: ["requestId"] }),
      /LP_SNAPSHOT_INVALID[\s\S]*families\.0\.events\.0\.fields\.0: names the shared field "requestId"/,
    ],
    [
      "an irVersion 2 event with a bad level",
      v2Snapshot({ name: "a.b", level: "loud", stability: "stable", examples: [], fields: [] }),
      /families\.0\.events\.0\.level: Invalid option/,
    ],
    ["no IR version", JSON.stringify({ families: [] }), /irVersion undefined/],
    [
      "an event with a bad level",
      JSON.stringify({
        irVersion: 1,
        envelope: [],
        families: [
          {
            name: "a",
            stability: "stable",
            source: { file: "a.ts", export: "A" },
            loki: { selector: "{}" },
            transitions: [],
            alerts: [],
            events: [
              {
                name: "a.b",
                short: "b",
                family: "a",
                level: "loud",
                message: "a.b",
                stability: "stable",
                examples: [],
                fields: [],
              },
            ],
          },
        ],
      }),
      /families\.0\.events\.0\.level: Invalid option/,
    ],
    [
      "a field without a schema",
      JSON.stringify({ irVersion: 1, families: [], envelope: [{ name: "x", required: true }] }),
      /envelope\.0\.schema/,
    ],
  ])("%s", (_name, text, message) => {
    let error: unknown;
    try {
      parseSnapshot(text, "old.json");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SnapshotError);
    expect((error as SnapshotError).exitCode).toBe(2);
    expect((error as Error).message).toMatch(message);
  });
});
