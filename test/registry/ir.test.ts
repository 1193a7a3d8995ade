/**
 * The IR: how Zod shapes become families, events and fields; sorted, frozen, and
 * independent of module discovery order.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseConfig } from "../../generator/config/load.js";
import { generate } from "../../generator/gen/generate.js";
import { buildRegistry, type LoadedModule } from "../../generator/registry/build.js";
import { displayType } from "../../generator/registry/field-schema.js";
import { unitFromSuffix } from "../../generator/registry/meta.js";
import { REPO } from "../helpers/project.js";
import { irFrom } from "../helpers/registry.js";
import { loadSchemaModules, discoverSchemaFiles } from "../../generator/registry/load.js";

const ev = (
  name: string,
  fields: Record<string, z.ZodType> = {},
  meta: Record<string, unknown> = { level: "info", description: "d" },
) => z.strictObject({ event: z.literal(name), ...fields }).meta(meta);

describe("family names", () => {
  const cases: [string, { given: z.ZodType; want: string }][] = [
    [
      "from meta",
      { given: z.discriminatedUnion("event", [ev("a.b.c"), ev("a.b.d")]).meta({ family: "a.b" }), want: "a.b" },
    ],
    [
      "longest common dotted prefix",
      {
        given: z.discriminatedUnion("event", [ev("svc.conn.open"), ev("svc.conn.close"), ev("svc.conn.retry.wait")]),
        want: "svc.conn",
      },
    ],
    [
      "a prefix never swallows a whole event name",
      { given: z.union([ev("svc.conn"), ev("svc.conn.close")]), want: "svc" },
    ],
    ["a lone event: all but the last segment", { given: ev("cache.lru.evicted"), want: "cache.lru" }],
    [
      "nested discriminated unions flatten into one family",
      {
        given: z.discriminatedUnion("event", [ev("q.a"), z.discriminatedUnion("event", [ev("q.b"), ev("q.c")])]),
        want: "q",
      },
    ],
  ];
  it.each(cases)("%s", (_name, { given, want }) => {
    const { ir, diagnostics } = irFrom({ "schemas/x.ts": { X: given } });
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(ir.families.map((f) => f.name)).toEqual([want]);
  });
});

describe("fields", () => {
  const { ir } = irFrom({
    "schemas/x.ts": {
      X: z.discriminatedUnion("event", [
        ev("x.one", {
          wait_ms: z
            .number()
            .int()
            .nonnegative()
            .meta({ unit: "ms", description: "Wait.", examples: [5] }),
          note: z.string().min(1).meta({ description: "Note.", sensitive: "pii" }).optional(),
          state: z.number().int().min(0).max(3).nullable().meta({ description: "State." }),
          side: z.enum(["client", "broker"]).meta({ description: "Side." }),
          outer: z
            .string()
            .optional()
            .meta({ description: "Meta on the wrapper.", deprecation: { renamed_to: "note" } }),
          tags: z.array(z.string()).meta({ description: "Tags." }),
        }),
      ]),
    },
  });
  const fields = Object.fromEntries(ir.families[0]!.events[0]!.fields.map((f) => [f.name, f]));

  it("keep declaration order and exclude `event`", () => {
    expect(Object.keys(fields)).toEqual(["wait_ms", "note", "state", "side", "outer", "tags"]);
  });
  it.each([
    [
      "wait_ms",
      { required: true, nullable: false, types: ["integer"], display: "integer ≥ 0", unit: "ms", examples: [5] },
    ],
    ["note", { required: false, nullable: false, types: ["string"], display: "string (non-empty)", sensitive: "pii" }],
    ["state", { required: true, nullable: true, types: ["integer"], display: "integer 0–3 | null" }],
    ["side", { required: true, types: ["string"], enum: ["client", "broker"], display: '"client" | "broker"' }],
    ["outer", { required: false, description: "Meta on the wrapper.", deprecation: { renamed_to: "note" } }],
    ["tags", { types: ["array"], display: "string[]" }],
  ] as const)("%s", (name, want) => {
    expect(fields[name]).toMatchObject(want);
  });
  it("keep annotations out of the field's JSON Schema", () => {
    expect(fields.wait_ms!.schema).toEqual({ type: "integer", minimum: 0 });
  });
});

describe("displayType", () => {
  const cases: [string, { given: Record<string, unknown>; want: string }][] = [
    ["uuid", { given: { type: "string", format: "uuid" }, want: "string (uuid)" }],
    ["bounded length", { given: { type: "string", minLength: 2, maxLength: 8 }, want: "string (length 2–8)" }],
    ["exclusive minimum", { given: { type: "number", exclusiveMinimum: 0 }, want: "number > 0" }],
    ["type array", { given: { type: ["integer", "null"], minimum: 0 }, want: "integer ≥ 0 | null" }],
    ["const", { given: { const: "x" }, want: '"x"' }],
    [
      "array of unions",
      { given: { type: "array", items: { anyOf: [{ type: "string" }, { type: "null" }] } }, want: "(string | null)[]" },
    ],
    ["object", { given: { type: "object", properties: {} }, want: "object" }],
    ["anything", { given: {}, want: "any" }],
  ];
  it.each(cases)("%s", (_name, { given, want }) => expect(displayType(given)).toBe(want));
});

describe("unitFromSuffix", () => {
  it.each([
    ["delta_ms", "ms"],
    ["durationMs", "ms"],
    ["timeout_s", "s"],
    ["rtt_ms", "ms"],
    ["size_bytes", "bytes"],
    ["totalBytes", "bytes"],
    ["cost_usd", "usd"],
    ["hits", undefined],
    ["Ms", undefined],
    ["status", undefined],
    ["_ms", undefined],
  ] as const)("%s → %s", (name, want) => expect(unitFromSuffix(name)).toBe(want));
});

describe("events and families", () => {
  it("defaults: level info (flagged), message = event name, stability stable, selector from the root", () => {
    const { ir } = irFrom({
      "schemas/x.ts": { X: z.union([z.strictObject({ event: z.literal("jobs.queue.drained") })]) },
    });
    const f = ir.families[0]!;
    expect(f).toMatchObject({
      name: "jobs.queue",
      stability: "stable",
      zod: "v4",
      loki: { selector: '{service_name="jobs"}' },
    });
    expect(f.events[0]).toMatchObject({
      level: "info",
      levelDefaulted: true,
      message: "jobs.queue.drained",
      short: "drained",
      examples: [],
    });
  });

  it("resolves transitions to full names and keeps alerts as declared", () => {
    const X = z.discriminatedUnion("event", [ev("t.a"), ev("t.b")]).meta({
      family: "t",
      transitions: [
        ["[*]", "a"],
        ["t.a", "b", "on tick"],
      ],
      loki: { selector: '{app="t"}' },
    });
    const f = irFrom({ "schemas/x.ts": { X } }).ir.families[0]!;
    expect(f.transitions).toEqual([
      { from: "[*]", to: "t.a" },
      { from: "t.a", to: "t.b", label: "on tick" },
    ]);
    expect(f.loki.selector).toBe('{app="t"}');
  });

  it("is deep-frozen", () => {
    const { ir } = irFrom({ "schemas/x.ts": { X: ev("f.a") } });
    expect(Object.isFrozen(ir)).toBe(true);
    expect(Object.isFrozen(ir.families[0]!.events[0]!.fields)).toBe(true);
    expect(() => (ir.families as unknown as unknown[]).push(1)).toThrow();
  });
});

describe("determinism", () => {
  it("the bundled registry gives byte-identical output whatever order its modules arrive in", async () => {
    const config = parseConfig({}, "test");
    const files = await discoverSchemaFiles(REPO, config);
    const { modules } = await loadSchemaModules(REPO, files);
    const render = (mods: LoadedModule[]) => generate(buildRegistry(mods, config).ir, config, { root: REPO });
    const baseline = render(modules);
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 5; i++) {
      const shuffled = [...modules]
        .sort(() => random() - 0.5)
        .map((m) => ({ ...m, exports: Object.fromEntries(Object.entries(m.exports).reverse()) }));
      expect(render(shuffled)).toEqual(baseline);
    }
  });
});
