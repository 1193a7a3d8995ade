/**
 * Snapshots read back into an IR: the round trip is lossless for diff (irVersion 4 keeps
 * documentation as digests, and diff finds the same changes through them), every older
 * version still reads, the file is written a record a line, and damaged or foreign files
 * fail with the file, the path and the fix.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { diffRegistries } from "../../generator/diff/compare.js";
import { SnapshotError, parseSnapshot, snapshotOf } from "../../generator/registry/snapshot.js";
import { BANNER } from "../../generator/gen/generate.js";
import { snapshotRecord } from "../../generator/targets/snapshot/index.js";
import { recordsJson, stableJson } from "../../generator/util/json.js";
import { eventKeyOf, type FieldIR, type RegistryIR } from "../../generator/registry/ir.js";
import type { AlertDecl } from "../../generator/registry/meta.js";
import { bundledIr, irFrom, validIr } from "../helpers/registry.js";
import { thrownBy } from "../helpers/thrown.js";

/** registry.json as the snapshot target writes it (a record a line). */
function written(ir: RegistryIR, version?: Parameters<typeof snapshotOf>[2]): string {
  return recordsJson(snapshotOf(ir, BANNER, version), snapshotRecord);
}

/** A service's registry: ids and durations declared the same way in many events, one field in two shapes, variants, an event key of its own. */
function serviceIr(): RegistryIR {
  const requestId = z.string().uuid().meta({ description: "Request id." });
  const duration = z
    .number()
    .int()
    .nonnegative()
    .meta({ unit: "ms", description: "Time taken.", examples: [12] });
  return validIr(
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
}

describe("snapshotOf / parseSnapshot", () => {
  it.each<[string, () => Promise<RegistryIR> | RegistryIR]>([
    ["the bundled registry", bundledIr],
    ["a service registry with shared fields, variants and its own event key", serviceIr],
  ])("reads the registry target's output back into the same IR, documentation as digests: %s", async (_name, build) => {
    const ir = await build();
    const parsed = parseSnapshot(written(ir), "generated/registry.json");
    expect(parsed).toEqual(asRead(ir));
    expect(diffRegistries(parsed, ir).changes).toEqual([]);
    expect(diffRegistries(ir, parsed).changes).toEqual([]);
    expect(Object.isFrozen(parsed.families[0])).toBe(true);
  });

  it.each<[string, () => Promise<RegistryIR> | RegistryIR]>([
    ["the bundled registry", bundledIr],
    ["a service registry with shared fields, variants and its own event key", serviceIr],
  ])(
    "reads an irVersion 3 snapshot (what logpact wrote before) into the same IR, text and all: %s",
    async (_n, build) => {
      const ir = await build();
      const v3 = written(ir, 3);
      expect(JSON.parse(v3)).toMatchObject({ irVersion: 3 });
      expect(parseSnapshot(v3, "old.json")).toEqual(JSON.parse(JSON.stringify(ir)));
    },
  );

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
    const v2 = stableJson({ ...snapshotOf({ ...ir, families: declaredAlerts(ir) }, BANNER, 3), irVersion: 2 });
    for (const text of [v1, v2]) {
      expect(text).not.toContain('"resolved"');
      expect(parseSnapshot(text, "old.json").families.map((f) => f.alerts)).toEqual(
        JSON.parse(JSON.stringify(ir.families.map((f) => f.alerts))),
      );
    }
  });

  it.each([3, 4] as const)(
    "reads an irVersion %i snapshot's resolved alerts as written (no resolution on read)",
    async (version) => {
      const ir = await bundledIr();
      const snap = JSON.parse(written(ir, version)) as {
        families: { alerts: { resolved: object }[] }[];
      };
      const family = snap.families.findIndex((f) => f.alerts.length > 0);
      const first = snap.families[family]!.alerts[0]!;
      first.resolved = { ...first.resolved, reads: ["written.as.is"] };
      const parsed = parseSnapshot(JSON.stringify(snap), "generated/registry.json");
      expect(parsed.families[family]!.alerts[0]!.resolved!.reads).toEqual(["written.as.is"]);
    },
  );

  it('reads irVersion 1\'s "mixed" field type as the IR\'s "any"', async () => {
    const ir = await bundledIr();
    const old = JSON.parse(stableJson({ $comment: BANNER, ...ir, irVersion: 1 })) as RegistryIR;
    const field = old.families[0]!.events[0]!.fields[0]! as unknown as { types: string[] };
    field.types = ["mixed"];
    const parsed = parseSnapshot(JSON.stringify(old), "old.json");
    expect(parsed.families[0]!.events[0]!.fields[0]!.types).toEqual(["any"]);
  });

  it("writes a field definition used twice once, keyed by name, and leaves out what the IR derives", () => {
    const snap = JSON.parse(written(serviceIr())) as {
      irVersion: number;
      fields: Record<string, Record<string, unknown>>;
      families: { name: string; events: Record<string, unknown>[] }[];
    };
    expect(snap.irVersion).toBe(4);
    expect(Object.keys(snap.fields).sort()).toEqual(["duration_ms", "duration_ms:2", "requestId"]);
    expect(snap.fields.requestId).toEqual({
      name: "requestId",
      required: true,
      docs: [sha("Request id."), ""],
      schema: expect.objectContaining({ type: "string", format: "uuid" }) as unknown,
    });
    // Families in IR order: cart's optional duration_ms came first, order's required one is the second shape.
    expect(snap.fields.duration_ms).toMatchObject({
      required: false,
      unit: "ms",
      docs: [sha("Time taken."), sha([12])],
    });
    expect(snap.fields["duration_ms:2"]).toMatchObject({ required: true, unit: "ms" });
    const [cart, order] = snap.families;
    // No description, no examples: no docs; stable: no stability; the family's name and a dot: only the rest.
    expect(cart!.events[0]).toEqual({
      short: "opened",
      level: "info",
      levelDefaulted: true,
      fields: ["requestId", "duration_ms"],
    });
    const placed = order!.events.find((e) => e.short === "placed")!;
    expect(placed).not.toHaveProperty("message");
    expect(placed).not.toHaveProperty("family");
    expect(placed).not.toHaveProperty("name");
    expect(placed).not.toHaveProperty("examples");
    expect(placed).not.toHaveProperty("description");
    // The examples' digest is of the IR's examples, event key included (what a build from the schemas compares).
    expect(placed.docs).toEqual([
      sha("Order placed."),
      sha([{ type: "order.placed", requestId: "3f2b8c1e-9d4a-4e6f-8b7c-2a1d5e9f0c34", total: 3 }]),
    ]);
    expect(placed.fields).toEqual(["requestId", { name: "total", required: true, schema: { type: "number" } }]);
    const failed = order!.events.find((e) => e.short === "failed")!;
    expect(failed.message).toBe("order failed");
    expect((failed.variants as { fields: unknown[] }[])[1]!.fields).toContain("duration_ms:2");
  });

  it("writes an event outside its family's prefix by its full name, and a stability other than stable", () => {
    const { ir } = irFrom(
      {
        "src/jobs.ts": {
          JobLog: z
            .discriminatedUnion("event", [
              z
                .strictObject({ event: z.literal("job.run.started") })
                .meta({ level: "info", stability: "experimental" }),
              z.strictObject({ event: z.literal("legacy_job_done") }).meta({ level: "info" }),
            ])
            .meta({ family: "job.run" }),
        },
      },
      { conventions: { descriptions: "off" } },
    );
    const snap = JSON.parse(written(ir)) as { families: { events: object[] }[] };
    const events = snap.families.flatMap((f) => f.events);
    expect(events).toContainEqual({ short: "started", level: "info", stability: "experimental", fields: [] });
    expect(events).toContainEqual({ name: "legacy_job_done", level: "info", fields: [] });
    expect(parseSnapshot(JSON.stringify(snap), "generated/registry.json")).toEqual(asRead(ir));
  });

  it("keeps diff's results: a description, examples (event, variant, field), a family and the envelope changed", async () => {
    for (const before of [await bundledIr(), serviceIr()]) {
      const after = reworded(before);
      const want = diffRegistries(before, after).changes;
      // Each kind of documentation change is there to find (not a vacuous comparison).
      expect(new Set(want.map((c) => c.rule))).toEqual(new Set(["description-changed", "examples-changed"]));
      expect(want.length).toBeGreaterThan(4);
      for (const version of [3, 4] as const) {
        const snapBefore = parseSnapshot(written(before, version), "old.json");
        expect(diffRegistries(snapBefore, after).changes, `irVersion ${version} baseline`).toEqual(want);
        const snapAfter = parseSnapshot(written(after, version), "new.json");
        expect(diffRegistries(before, snapAfter).changes, `irVersion ${version} working tree`).toEqual(want);
        expect(diffRegistries(snapBefore, snapAfter).changes, `irVersion ${version} both`).toEqual(want);
      }
    }
  });

  it("is written a record a line: each envelope field, shared field, event and alert on one line of plain JSON", async () => {
    for (const ir of [await bundledIr(), serviceIr()]) {
      const text = written(ir);
      const snap = JSON.parse(text) as {
        envelope: unknown[];
        fields: Record<string, unknown>;
        families: { events: unknown[]; alerts: unknown[] }[];
      };
      const records = [
        ...snap.envelope.map((r) => JSON.stringify(r)),
        ...Object.entries(snap.fields).map(([k, r]) => `${JSON.stringify(k)}: ${JSON.stringify(r)}`),
        ...snap.families.flatMap((f) => [...f.events, ...f.alerts]).map((r) => JSON.stringify(r)),
      ];
      expect(records.length).toBeGreaterThan(10);
      const lines = new Set(text.split("\n").map((l) => l.trim().replace(/,$/, "")));
      for (const record of records) expect(lines.has(record), record).toBe(true);
      // The rest keeps the indented layout: a family is not one line.
      expect(text).toMatch(/^ {2}"families": \[\n {4}\{\n/m);
    }
  });

  it("is deterministic, and writing what it reads back gives the same bytes", () => {
    const a = written(serviceIr());
    expect(written(serviceIr())).toBe(a);
    expect(recordsJson(JSON.parse(a), snapshotRecord)).toBe(a);
  });
});

/** sha256 of the value's key-sorted JSON, base64url, first 8 characters: irVersion 4's digest, computed here independently. */
function sha(value: unknown): string {
  return createHash("sha256").update(stableJson(value)).digest("base64url").slice(0, 8);
}

/** What an irVersion 4 snapshot of `ir` reads back as: every description and examples list as digests. */
function asRead(ir: RegistryIR): unknown {
  const docs = <T extends { description?: string; examples?: readonly unknown[] }>(x: T, examples: boolean) => {
    const { description, examples: list, ...rest } = x;
    return {
      ...rest,
      ...(examples ? { examples: [] } : {}),
      docDigest: {
        description: description ? sha(description) : "",
        examples: list?.length ? sha(list) : "",
      },
    };
  };
  const field = (f: FieldIR) => docs(f, true);
  return JSON.parse(
    JSON.stringify({
      ...ir,
      envelope: ir.envelope.map((e) => docs(e, false)),
      families: ir.families.map((f) => ({
        ...docs(f, false),
        events: f.events.map((e) => ({
          ...docs(e, true),
          fields: e.fields.map(field),
          ...(e.variants
            ? { variants: e.variants.map((v) => ({ ...docs(v, true), fields: v.fields.map(field) })) }
            : {}),
        })),
      })),
    }),
  );
}

/** `ir` with documentation changed everywhere a team edits it: each family's, event's, variant's, field's and envelope field's. */
function reworded(ir: RegistryIR): RegistryIR {
  const field = (f: FieldIR, i: number): FieldIR =>
    i === 0
      ? { ...f, description: `${f.description ?? ""} (reworded)` }
      : i === 1
        ? { ...f, examples: [...f.examples, "x"] }
        : f;
  return {
    ...ir,
    envelope: ir.envelope.map((e, i) => (i === 0 ? { ...e, description: "Reworded." } : e)),
    families: ir.families.map((f) => ({
      ...f,
      description: `${f.description ?? ""} Reworded.`,
      events: f.events.map((e, i) => ({
        ...e,
        ...(i % 2 === 0
          ? { description: `${e.description ?? ""} Reworded.` }
          : { examples: [...e.examples, { [eventKeyOf(ir)]: e.name }] }),
        fields: e.fields.map(field),
        ...(e.variants
          ? {
              variants: e.variants.map((v, vi) =>
                vi === 0 ? { ...v, description: "Reworded.", fields: v.fields.map(field) } : { ...v, examples: [] },
              ),
            }
          : {}),
      })),
    })),
  };
}

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
      JSON.stringify({ irVersion: 5, families: [] }),
      /LP_SNAPSHOT_VERSION\n {2}the snapshot has irVersion 5; this logpact reads irVersion 1, 2, 3 and 4/,
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
    [
      "irVersion 4 docs that are not two digests",
      JSON.stringify({
        ...JSON.parse(v2Snapshot({ short: "b", level: "info", docs: ["x"], fields: [] })),
        irVersion: 4,
      }),
      /LP_SNAPSHOT_INVALID[\s\S]*families\.0\.events\.0\.docDigest/,
    ],
    [
      "an irVersion 4 event with neither a name nor a short name",
      JSON.stringify({ ...JSON.parse(v2Snapshot({ level: "info", fields: [] })), irVersion: 4 }),
      /families\.0\.events\.0\.name: Invalid input/,
    ],
  ])("%s", (_name, text, message) => {
    const error = thrownBy(() => parseSnapshot(text, "old.json"), SnapshotError);
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(message);
  });
});
