/**
 * Compact output: shared definitions in the schema files (property schemas used by two or
 * more events written once under `$defs`) and the prettier-stable JSON layout of every
 * generated JSON file. A schema with shared definitions validates exactly like the same
 * schema without them (ajv and @cfworker/json-schema, both drafts).
 */
import { Validator } from "@cfworker/json-schema";
import * as prettier from "prettier";
import { describe, expect, it } from "vitest";
import {
  freshKey,
  hoistEnvelope,
  leanEvent,
  namesPattern,
  pointerSegment,
  shareDefinitions,
} from "../../generator/targets/json-schema/compact.js";
import { createAjv } from "../../generator/registry/ajv.js";
import { compactJson } from "../../generator/util/json.js";
import { prng } from "../helpers/prng.js";

const env = (name: string, schema: object) => ({
  ...schema,
  description: `${name} (pino)`,
  "x-logpact": { envelope: "pino" },
});
const event = (name: string, props: Record<string, object>, required: string[] = ["event"]) => ({
  type: "object",
  title: name,
  properties: { event: { type: "string", const: name }, level: env("level", { type: "integer" }), ...props },
  required,
  additionalProperties: false,
});
const requestId = { type: "string", format: "uuid", description: "Request id." };

describe.each<
  [string, { given: Record<string, object>; want: { shared: string[]; refs: Record<string, Record<string, string>> } }]
>([
  [
    "the envelope and a field declared alike are shared; a field used once stays",
    {
      given: {
        "cart.item.added": event("cart.item.added", { requestId, sku: { type: "string" } }),
        "cart.item.removed": event("cart.item.removed", { requestId }),
      },
      want: {
        shared: ["envelope:level", "field:requestId"],
        refs: {
          "cart.item.added": { level: "#/$defs/envelope:level", requestId: "#/$defs/field:requestId" },
          "cart.item.removed": { level: "#/$defs/envelope:level", requestId: "#/$defs/field:requestId" },
        },
      },
    },
  ],
  [
    "one name, two shapes used twice each: field:<name> and field:<name>:2",
    {
      given: {
        "a.x.one": event("a.x.one", { qty: { type: "integer" } }),
        "a.x.two": event("a.x.two", { qty: { type: "integer" } }),
        "b.y.one": event("b.y.one", { qty: { type: "number" } }),
        "b.y.two": event("b.y.two", { qty: { type: "number" } }),
      },
      want: {
        shared: ["envelope:level", "field:qty", "field:qty:2"],
        refs: { "a.x.one": { qty: "#/$defs/field:qty" }, "b.y.two": { qty: "#/$defs/field:qty:2" } },
      },
    },
  ],
  [
    "event variants (oneOf branches) share too",
    {
      given: {
        "job.run.failed": {
          oneOf: [
            event("job.run.failed", { reason: { const: "timeout" }, requestId }),
            event("job.run.failed", { reason: { const: "crash" }, requestId }),
          ],
        },
      },
      // The event key and the discriminator are literals: they stay in each branch.
      want: { shared: ["envelope:level", "field:requestId"], refs: {} },
    },
  ],
])("shareDefinitions: %s", (_name, { given, want }) => {
  const schema = shareDefinitions({ $defs: JSON.parse(JSON.stringify(given)) }, "$defs") as {
    $defs: Record<string, { properties?: Record<string, { $ref?: string }> }>;
  };

  it("moves shared properties to $defs and refers to them", () => {
    const added = Object.keys(schema.$defs).filter((k) => !(k in given));
    expect(added.map((k) => (k.startsWith("field:event") ? "event" : k)).sort()).toEqual(want.shared);
    for (const [name, refs] of Object.entries(want.refs)) {
      for (const [prop, ref] of Object.entries(refs))
        expect(schema.$defs[name]!.properties![prop]).toEqual({ $ref: ref });
    }
  });
});

describe("hoistEnvelope", () => {
  const err = env("err", { type: "object" });
  const line = (defs: Record<string, object>) => ({
    type: "object",
    required: ["event"],
    properties: { event: { type: "string", enum: Object.keys(defs) } },
    $defs: JSON.parse(JSON.stringify(defs)) as Record<string, object>,
  });
  type Line = {
    required: string[];
    properties: Record<string, object>;
    $defs: Record<string, { oneOf?: unknown[]; properties: Record<string, unknown>; required: string[] }>;
  };

  it("checks an envelope property every event declares alike once, at the top; events keep the name", () => {
    const got = hoistEnvelope(
      line({
        "a.b.c": event("a.b.c", { err, requestId }, ["event", "level"]),
        "a.b.d": event("a.b.d", { err }, ["event", "level"]),
      }),
      "$defs",
      ["err", "level"],
    ) as unknown as Line;
    expect(got.properties.level).toEqual(env("level", { type: "integer" }));
    expect(got.properties.err).toEqual(err);
    expect(got.required).toEqual(["event", "level"]);
    expect(got.$defs["a.b.c"]!.properties).toMatchObject({ err: true, level: true, requestId });
    expect(got.$defs["a.b.c"]!.required).toEqual(["event"]);
  });

  it("leaves a property in the events when one refines it, or when it is required in some only", () => {
    const got = hoistEnvelope(
      line({
        "a.b.c": event("a.b.c", { err: { type: "string" } }, ["event", "level"]),
        "a.b.d": event("a.b.d", { err }, ["event"]),
      }),
      "$defs",
      ["err", "level"],
    ) as unknown as Line;
    expect(Object.keys(got.properties).sort()).toEqual(["event"]);
    expect(got.$defs["a.b.c"]!.properties.err).toEqual({ type: "string" });
    expect(got.$defs["a.b.d"]!.properties.level).toEqual(env("level", { type: "integer" }));
  });

  it("reaches into variants (oneOf branches)", () => {
    const got = hoistEnvelope(
      line({
        "job.run.failed": {
          oneOf: [
            event("job.run.failed", { reason: { const: "timeout" } }),
            event("job.run.failed", { reason: { const: "crash" } }),
          ],
        },
      }),
      "$defs",
      ["level"],
    ) as unknown as Line;
    expect(got.properties.level).toBeDefined();
    expect(got.$defs["job.run.failed"]!.oneOf).toEqual([
      expect.objectContaining({ properties: expect.objectContaining({ level: true }) as unknown }),
      expect.objectContaining({ properties: expect.objectContaining({ level: true }) as unknown }),
    ]);
  });
});

describe("leanEvent", () => {
  const nested = {
    type: "object",
    properties: { id: { type: "string" } },
    required: ["id"],
    additionalProperties: false,
  };
  const def = (over: Record<string, unknown> = {}) => ({
    type: "object",
    title: "cart.item.added",
    properties: {
      event: { type: "string", const: "cart.item.added" },
      level: true,
      hostname: true,
      sku: { type: "string" },
    },
    required: ["event", "sku"],
    additionalProperties: false,
    "x-logpact": {
      family: "cart.item",
      level: "info",
      levelValue: 30,
      message: "cart.item.added",
      stability: "stable",
    },
    ...over,
  });

  it("drops what the file says elsewhere, keeps what it does not", () => {
    expect(leanEvent("cart.item.added", def(), "event", ["hostname", "level", "time"])).toEqual({
      type: "object",
      properties: { event: { const: "cart.item.added" }, sku: { type: "string" } },
      patternProperties: { "^(hostname|level)$": true },
      required: ["sku"],
      additionalProperties: false,
      "x-logpact": { level: "info" },
    });
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown> | undefined]>([
    ["a message other than the name", { message: "item added" }, { level: "info", message: "item added" }],
    ["experimental", { stability: "experimental" }, { level: "info", stability: "experimental" }],
    ["a deprecation", { deprecation: { since: "2.0" } }, { level: "info", deprecation: { since: "2.0" } }],
  ])("keeps x-logpact's %s", (_name, extra, want) => {
    const given = def({ "x-logpact": { ...(def()["x-logpact"] as object), ...extra } });
    expect(leanEvent("cart.item.added", given, "event", [])["x-logpact"]).toEqual(want);
  });

  it("keeps a title that is not the key, and a property that is not admitted or not `true`", () => {
    const got = leanEvent("cart.item.added", def({ title: "Item added" }), "event", ["sku"]);
    expect(got.title).toBe("Item added");
    expect(got.patternProperties).toBeUndefined();
    expect((got.properties as Record<string, unknown>).level).toBe(true);
  });

  it("leans each variant branch; a non-strict object gets no patternProperties", () => {
    const got = leanEvent(
      "cart.item.added",
      {
        type: "object",
        properties: { event: { type: "string", const: "cart.item.added" } },
        required: ["event", "reason"],
        oneOf: [def(), def({ additionalProperties: undefined })],
      },
      "event",
      ["level"],
    ) as { required: string[]; oneOf: Record<string, unknown>[] };
    expect(got.required).toEqual(["reason"]);
    expect(got.oneOf[0]!.patternProperties).toEqual({ "^(level)$": true });
    expect(got.oneOf[1]!.patternProperties).toBeUndefined();
    expect(got.oneOf.every((b) => !(b.required as string[]).includes("event"))).toBe(true);
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    [
      "a plain event: no additionalProperties, no admitted names, its type kept (a $ref target)",
      def({ properties: { ...def().properties, err: { type: "string" }, box: nested } }),
      {
        type: "object",
        properties: {
          event: { const: "cart.item.added" },
          sku: { type: "string" },
          err: { type: "string" },
          box: nested,
        },
        required: ["sku"],
        "x-logpact": { level: "info" },
      },
    ],
    [
      "a variant event: each branch loses additionalProperties and type, a nested object stays strict",
      {
        type: "object",
        title: "cart.item.added",
        properties: { event: { type: "string", const: "cart.item.added" }, reason: { enum: ["a", "b"] } },
        required: ["event", "reason"],
        oneOf: [
          def({ title: "a", properties: { reason: { const: "a" }, level: true, box: nested }, required: ["reason"] }),
          def({ title: "b", properties: { reason: { const: "b" }, hostname: true }, required: ["reason"] }),
        ],
      },
      {
        type: "object",
        properties: { event: { const: "cart.item.added" }, reason: { enum: ["a", "b"] } },
        required: ["reason"],
        oneOf: [
          {
            title: "a",
            properties: { reason: { const: "a" }, box: nested },
            required: ["reason"],
            "x-logpact": def()["x-logpact"],
          },
          { title: "b", properties: { reason: { const: "b" } }, required: ["reason"], "x-logpact": def()["x-logpact"] },
        ],
      },
    ],
  ])("open (the line closed where it is assembled): %s", (_name, given, want) => {
    expect(leanEvent("cart.item.added", given, "event", ["hostname", "level"], { open: true })).toEqual(want);
  });

  it.each<[string, { open?: boolean; keyChecked?: boolean }, unknown]>([
    // if/then in 2020-12: the `if` matched the name, `line` declares the key.
    ["open and key checked: the event's own const goes", { open: true, keyChecked: true }, undefined],
    // discriminator: ajv's `discriminator` reads the const in each branch.
    ["open, key not checked (discriminator): it stays", { open: true }, { const: "cart.item.added" }],
    // draft-07: additionalProperties: false must admit the key.
    ["strict (draft-07), even with keyChecked: it stays", { keyChecked: true }, { const: "cart.item.added" }],
  ])("the event key's const: %s", (_name, opts, want) => {
    const got = leanEvent("cart.item.added", def(), "event", ["hostname", "level"], opts);
    expect((got.properties as Record<string, unknown>).event).toEqual(want);
    expect((got.properties as Record<string, unknown>).sku).toEqual({ type: "string" });
  });

  it("keyChecked leaves a const that is not the event's own (a variant's discriminator on the key's name) alone", () => {
    const given = def({ properties: { event: { type: "string", const: "other.event" }, sku: { type: "string" } } });
    const got = leanEvent("cart.item.added", given, "event", [], { open: true, keyChecked: true });
    expect((got.properties as Record<string, unknown>).event).toEqual({ const: "other.event" });
  });
});

describe("namesPattern", () => {
  it.each<[string[], string[], string[]]>([
    [
      ["err", "level"],
      ["err", "level"],
      ["errs", "xlevel", "e"],
    ],
    [
      ["req.id", "a|b", "x$"],
      ["req.id", "a|b", "x$"],
      ["reqxid", "a", "b", "x"],
    ],
    [
      ["tenant-id", "naïve"],
      ["tenant-id", "naïve"],
      ["tenant", "naive"],
    ],
  ])("%j matches exactly its names (with the u flag)", (names, yes, no) => {
    const re = new RegExp(namesPattern(names), "u");
    for (const n of yes) expect(re.test(n), n).toBe(true);
    for (const n of no) expect(re.test(n), n).toBe(false);
  });
});

describe("freshKey", () => {
  it("takes the base, then base:2, base:3 …, and marks each taken", () => {
    const taken = new Set(["line", "line:2"]);
    expect(freshKey("line", taken)).toBe("line:3");
    expect(freshKey("family:a", taken)).toBe("family:a");
    expect(freshKey("family:a", taken)).toBe("family:a:2");
  });
});

describe("pointerSegment", () => {
  it.each([
    ["envelope:level", "envelope:level"],
    ["field:a/b", "field:a~1b"],
    ["field:a~b", "field:a~0b"],
    ["field:a b%", "field:a%20b%25"],
  ])("%s → %s", (key, want) => expect(pointerSegment(key)).toBe(want));
});

describe("a schema with the envelope hoisted and shared definitions validates like the one without", () => {
  const refinedErr = event("cart.checkout.failed", { requestId, err: { type: "string", minLength: 1 } }, [
    "err",
    "event",
    "level",
  ]);
  const defs = {
    "cart.item.added": event(
      "cart.item.added",
      { requestId, sku: { type: "string", minLength: 1 }, qty: { type: "integer", minimum: 1 } },
      ["event", "qty", "requestId"],
    ),
    "cart.item.removed": event("cart.item.removed", { requestId, qty: { type: "integer", minimum: 1 } }, [
      "event",
      "requestId",
    ]),
    "cart.checkout.started": event("cart.checkout.started", { requestId, "a/b": { type: "boolean" } }),
    "cart.checkout.abandoned": event("cart.checkout.abandoned", { requestId, "a/b": { type: "boolean" } }),
  };
  const withErr = (withRefined: boolean) => ({
    ...Object.fromEntries(
      Object.entries(defs).map(([k, d]) => [
        k,
        {
          ...d,
          properties: { ...d.properties, err: env("err", { type: "object" }) },
          required: [...d.required, "level"],
        },
      ]),
    ),
    ...(withRefined ? { "cart.checkout.failed": refinedErr } : {}),
  });
  const wrap = (draft: "2020-12" | "draft-07", shared: boolean, withRefined: boolean) => {
    const key = draft === "draft-07" ? "definitions" : "$defs";
    const schema = {
      $schema:
        draft === "draft-07"
          ? "http://json-schema.org/draft-07/schema#"
          : "https://json-schema.org/draft/2020-12/schema",
      type: "object",
      required: ["event"],
      properties: { event: { type: "string", enum: Object.keys(withErr(withRefined)) } },
      allOf: Object.keys(withErr(withRefined)).map((name) => ({
        if: { properties: { event: { const: name } }, required: ["event"] },
        then: { $ref: `#/${key}/${name}` },
      })),
      [key]: JSON.parse(JSON.stringify(withErr(withRefined))),
    };
    return shared ? shareDefinitions(hoistEnvelope(schema, key, ["err", "level"]), key) : schema;
  };
  const lines = [
    { event: "cart.item.added", level: 30, requestId: "3f2b8c1e-9d4a-4e6f-8b7c-2a1d5e9f0c34", sku: "s", qty: 2 },
    { event: "cart.item.added", level: 30, requestId: "3f2b8c1e-9d4a-4e6f-8b7c-2a1d5e9f0c34", sku: "", qty: 2 },
    { event: "cart.item.removed", level: "30", requestId: "3f2b8c1e-9d4a-4e6f-8b7c-2a1d5e9f0c34" },
    { event: "cart.item.removed", level: 30, requestId: "not-a-uuid", qty: 0 },
    { event: "cart.checkout.started", level: 30, requestId: "3f2b8c1e-9d4a-4e6f-8b7c-2a1d5e9f0c34", "a/b": true },
    { event: "cart.checkout.abandoned", level: 30, requestId: "3f2b8c1e-9d4a-4e6f-8b7c-2a1d5e9f0c34", "a/b": "yes" },
    { event: "cart.checkout.abandoned", level: 30, requestId: "3f2b8c1e-9d4a-4e6f-8b7c-2a1d5e9f0c34", extra: 1 },
    { event: "cart.item.removed", requestId: "3f2b8c1e-9d4a-4e6f-8b7c-2a1d5e9f0c34" },
    { event: "cart.item.removed", level: 30, requestId: "3f2b8c1e-9d4a-4e6f-8b7c-2a1d5e9f0c34", err: {} },
    { event: "cart.item.removed", level: 30, requestId: "3f2b8c1e-9d4a-4e6f-8b7c-2a1d5e9f0c34", err: "boom" },
    { event: "cart.checkout.failed", level: 30, requestId: "3f2b8c1e-9d4a-4e6f-8b7c-2a1d5e9f0c34", err: "boom" },
    { event: "cart.checkout.failed", level: 30, requestId: "3f2b8c1e-9d4a-4e6f-8b7c-2a1d5e9f0c34", err: {} },
  ];
  // Without the refined event the envelope is hoisted whole; with it, `err` stays in each event
  // (in "plain", cart.checkout.failed is not an event: the event enum rejects its lines).
  const WANT: Record<string, boolean[]> = {
    plain: [true, false, false, false, true, false, false, false, true, false, false, false],
    refined: [true, false, false, false, true, false, false, false, true, false, true, false],
  };
  it.each([
    ["2020-12", "plain"],
    ["draft-07", "plain"],
    ["2020-12", "refined"],
    ["draft-07", "refined"],
  ] as const)("%s, %s err: ajv and @cfworker/json-schema, compacted and not, agree line by line", (draft, kind) => {
    const results = [false, true].map((shared) => {
      const schema = wrap(draft, shared, kind === "refined");
      const ajv = createAjv(draft).compile(schema);
      const other = new Validator(schema as never, draft === "2020-12" ? "2020-12" : "7", false);
      return lines.map((l) => [ajv(l), other.validate(l).valid]);
    });
    const compacted = wrap(draft, true, kind === "refined") as { properties: Record<string, unknown> };
    expect(Object.keys(compacted.properties).sort()).toEqual(
      kind === "plain" ? ["err", "event", "level"] : ["event", "level"],
    );
    expect(results[1]).toEqual(results[0]);
    expect(results[0]!.map(([a]) => a)).toEqual(WANT[kind]);
    expect(results[0]!.every(([a, b]) => a === b)).toBe(true);
  });
});

describe("compactJson", () => {
  it.each<[string, unknown, string]>([
    [
      "short objects and arrays on one line",
      { b: [1, 2], a: { $ref: "#/x" } },
      '{ "a": { "$ref": "#/x" }, "b": [1, 2] }\n',
    ],
    [
      "an array of two 2-key objects always breaks",
      [
        { a: 1, b: 2 },
        { a: 3, b: 4 },
      ],
      '[\n  { "a": 1, "b": 2 },\n  { "a": 3, "b": 4 }\n]\n',
    ],
    [
      "long: one member per line",
      { description: "x".repeat(70), k: 1 },
      `{\n  "description": "${"x".repeat(70)}",\n  "k": 1\n}\n`,
    ],
    // 4 spaces + "100000," + 8 × " 10000N," = 75 columns; a tenth would pass 80.
    [
      "numbers fill the line",
      { n: Array.from({ length: 12 }, (_, i) => 100000 + i) },
      `{\n  "n": [\n    ${[0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => 100000 + i).join(", ")},\n    100009, 100010, 100011\n  ]\n}\n`,
    ],
  ])("%s", (_name, given, want) => expect(compactJson(given)).toBe(want));

  it("prettier --parser json leaves it unchanged (1,000 random values)", async () => {
    const rand = prng(18);
    const words = [
      "a",
      "level",
      "$ref",
      "#/$defs/envelope:hostname",
      "a description long enough to wrap",
      "é≥",
      "x-logpact",
    ];
    const gen = (depth: number): unknown => {
      const r = rand();
      if (depth > 4 || r < 0.3) {
        const t = rand();
        return t < 0.3
          ? Math.floor(rand() * 1e6)
          : t < 0.4
            ? rand() > 0.5
            : t < 0.45
              ? null
              : words[Math.floor(rand() * words.length)]!.repeat(1 + Math.floor(rand() * 3));
      }
      if (r < 0.55) {
        const numbers = rand() < 0.3;
        return Array.from({ length: Math.floor(rand() * 8) }, () =>
          numbers ? Math.floor(rand() * 1e6) : gen(depth + 1),
        );
      }
      return Object.fromEntries(
        Array.from({ length: Math.floor(rand() * 6) }, (_, i) => [
          `${words[Math.floor(rand() * words.length)]}${i}`,
          gen(depth + 1),
        ]),
      );
    };
    for (let i = 0; i < 1000; i++) {
      const text = compactJson(gen(0));
      expect(await prettier.format(text, { parser: "json" })).toBe(text);
    }
  });
});
