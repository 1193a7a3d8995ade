/**
 * The registry error catalogue, case by case: each row builds a small registry that
 * breaks exactly one rule and expects that diagnostic, at that place.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { UserConfig } from "../../generator/config/schema.js";
import type { Diagnostic } from "../../generator/errors.js";
import { irFrom, type ModuleMap } from "../helpers/registry.js";

const ok = (name: string, fields: Record<string, z.ZodType> = {}) =>
  z.strictObject({ event: z.literal(name), ...fields }).meta({ level: "info", description: "d" });
const num = (meta: Record<string, unknown> = {}) =>
  z
    .number()
    .int()
    .meta({ description: "d", ...meta });
const str = () => z.string().meta({ description: "d" });
const fam = (family: string, ...events: z.ZodObject[]) =>
  z.discriminatedUnion("event", events as never).meta({ family, description: "d" });

interface Case {
  given: ModuleMap;
  config?: UserConfig;
  want: Partial<Diagnostic> & { code: string };
}

const cases: [string, Case][] = [
  [
    "a union member that is not an object",
    {
      given: { "schemas/a.ts": { ALog: z.union([ok("a.one"), z.string()]).meta({ family: "a" }) } },
      want: { code: "LP_MEMBER_NOT_OBJECT", file: "schemas/a.ts", family: "a" },
    },
  ],
  [
    "a union member without `event`",
    {
      given: { "schemas/a.ts": { ALog: z.union([ok("a.one"), z.strictObject({ x: str() })]).meta({ family: "a" }) } },
      want: { code: "LP_EVENT_MISSING", family: "a" },
    },
  ],
  [
    "`event` declared as z.string()",
    {
      given: {
        "schemas/a.ts": { ALog: z.union([ok("a.one"), z.strictObject({ event: z.string() })]).meta({ family: "a" }) },
      },
      want: { code: "LP_EVENT_NOT_LITERAL", family: "a" },
    },
  ],
  [
    "`event` optional",
    {
      given: {
        "schemas/a.ts": {
          ALog: z.union([ok("a.one"), z.strictObject({ event: z.literal("a.two").optional() })]).meta({ family: "a" }),
        },
      },
      want: { code: "LP_EVENT_NOT_LITERAL" },
    },
  ],
  [
    "events with no common prefix and no family name",
    {
      given: { "schemas/a.ts": { ALog: z.discriminatedUnion("event", [ok("a.one"), ok("b.two")]) } },
      want: { code: "LP_FAMILY_NAME_UNDERIVABLE", file: "schemas/a.ts" },
    },
  ],
  [
    "a non-strict event object",
    {
      given: {
        "schemas/a.ts": {
          ALog: fam(
            "a",
            ok("a.one"),
            z.object({ event: z.literal("a.two") }).meta({ level: "warn", description: "d" }),
          ),
        },
      },
      want: { code: "LP_NOT_STRICT", family: "a", event: "a.two" },
    },
  ],
  [
    "a transform",
    {
      given: { "schemas/a.ts": { ALog: fam("a", ok("a.one", { n: z.string().transform((s) => s.length) })) } },
      want: { code: "LP_UNSUPPORTED_ZOD", event: "a.one", field: "n" },
    },
  ],
  [
    "a pipe to another type",
    {
      given: { "schemas/a.ts": { ALog: fam("a", ok("a.one", { n: z.string().pipe(z.coerce.number()) })) } },
      want: { code: "LP_UNSUPPORTED_ZOD", field: "n" },
    },
  ],
  [
    "a Date",
    {
      given: { "schemas/a.ts": { ALog: fam("a", ok("a.one", { at: z.date() })) } },
      want: { code: "LP_UNSUPPORTED_ZOD", field: "at" },
    },
  ],
  [
    "a bigint nested in an array of objects",
    {
      given: { "schemas/a.ts": { ALog: fam("a", ok("a.one", { items: z.array(z.object({ big: z.bigint() })) })) } },
      want: { code: "LP_UNSUPPORTED_ZOD", field: "items" },
    },
  ],
  [
    "a Map",
    {
      given: { "schemas/a.ts": { ALog: fam("a", ok("a.one", { m: z.map(z.string(), z.string()) })) } },
      want: { code: "LP_UNSUPPORTED_ZOD", field: "m" },
    },
  ],
  [
    "a Set",
    {
      given: { "schemas/a.ts": { ALog: fam("a", ok("a.one", { s: z.set(z.string()) })) } },
      want: { code: "LP_UNSUPPORTED_ZOD", field: "s" },
    },
  ],
  [
    "a symbol",
    {
      given: { "schemas/a.ts": { ALog: fam("a", ok("a.one", { s: z.symbol() })) } },
      want: { code: "LP_UNSUPPORTED_ZOD", field: "s" },
    },
  ],
  [
    "a function",
    {
      given: { "schemas/a.ts": { ALog: fam("a", ok("a.one", { f: z.function() as never })) } },
      want: { code: "LP_UNSUPPORTED_ZOD", field: "f" },
    },
  ],
  [
    "a promise",
    {
      given: { "schemas/a.ts": { ALog: fam("a", ok("a.one", { p: z.promise(z.string()) })) } },
      want: { code: "LP_UNSUPPORTED_ZOD", field: "p" },
    },
  ],
  [
    "a default",
    {
      given: { "schemas/a.ts": { ALog: fam("a", ok("a.one", { n: z.number().default(1) })) } },
      want: { code: "LP_UNSUPPORTED_ZOD", field: "n" },
    },
  ],
  [
    "a field example that fails its own schema",
    {
      given: { "schemas/a.ts": { ALog: fam("a", ok("a.one", { n: num({ examples: [1.5] }) })) } },
      want: { code: "LP_FIELD_EXAMPLE_INVALID", event: "a.one", field: "n" },
    },
  ],
  [
    "an event example that fails the event schema",
    {
      given: {
        "schemas/a.ts": {
          ALog: fam(
            "a",
            z
              .strictObject({ event: z.literal("a.one"), n: num() })
              .meta({ level: "info", description: "d", examples: [{ n: "x" }] }),
          ),
        },
      },
      want: { code: "LP_EXAMPLE_INVALID", event: "a.one" },
    },
  ],
  [
    "an unknown field metadata key",
    {
      given: { "schemas/a.ts": { ALog: fam("a", ok("a.one", { wait_ms: num({ unti: "ms", unit: "ms" }) })) } },
      want: { code: "LP_META_UNKNOWN_KEY", field: "wait_ms" },
    },
  ],
  [
    "an unknown family metadata key",
    {
      given: { "schemas/a.ts": { ALog: fam("a", ok("a.one")).meta({ family: "a", ownr: "me" }) } },
      want: { code: "LP_META_UNKNOWN_KEY", family: "a" },
    },
  ],
  [
    "a level that does not exist",
    {
      given: {
        "schemas/a.ts": {
          ALog: fam(
            "a",
            z.strictObject({ event: z.literal("a.one") }).meta({ level: "warning" as never, description: "d" }),
          ),
        },
      },
      want: { code: "LP_META_INVALID", event: "a.one" },
    },
  ],
  [
    "a unit that does not exist",
    {
      given: { "schemas/a.ts": { ALog: fam("a", ok("a.one", { wait_ms: num({ unit: "millis" }) })) } },
      want: { code: "LP_META_INVALID", field: "wait_ms" },
    },
  ],
  [
    "a transition to an unknown event",
    {
      given: {
        "schemas/a.ts": {
          ALog: fam("a", ok("a.one"), ok("a.two")).meta({ family: "a", transitions: [["one", "three"]] }),
        },
      },
      want: { code: "LP_TRANSITION_UNKNOWN_EVENT", family: "a" },
    },
  ],
  [
    "the same family in two modules",
    {
      given: { "schemas/a.ts": { ALog: fam("a", ok("a.one")) }, "schemas/b.ts": { BLog: fam("a", ok("a.two")) } },
      want: { code: "LP_DUPLICATE_FAMILY", family: "a", file: "schemas/b.ts" },
    },
  ],
  [
    "the same event twice in one family, nothing telling the two apart",
    {
      given: {
        "schemas/a.ts": {
          ALog: z
            .union([ok("a.one", { reason: z.string() }), ok("a.one", { reason: z.string(), n: num() })])
            .meta({ family: "a" }),
        },
      },
      want: { code: "LP_DUPLICATE_EVENT", family: "a", event: "a.one" },
    },
  ],
  [
    "variants of one event declaring different levels",
    {
      given: {
        "schemas/a.ts": {
          ALog: z
            .union([
              ok("a.one", { reason: z.literal("x") }),
              ok("a.one", { reason: z.literal("y") }).meta({ level: "warn" }),
            ])
            .meta({ family: "a" }),
        },
      },
      want: { code: "LP_VARIANT_META_CONFLICT", family: "a", event: "a.one" },
    },
  ],
  [
    "the same event in two families",
    {
      given: {
        "schemas/a.ts": { ALog: fam("a", ok("a.one")) },
        "schemas/b.ts": { BLog: fam("a.one", ok("a.one.x")), CLog: z.union([ok("a.one")]).meta({ family: "a" }) },
      },
      want: { code: "LP_DUPLICATE_EVENT", event: "a.one" },
    },
  ],
  [
    "an event outside its family prefix",
    {
      given: { "schemas/a.ts": { ALog: fam("a", ok("a.one"), ok("b.two")) } },
      want: { code: "LP_EVENT_OUTSIDE_FAMILY", event: "b.two" },
    },
  ],
  [
    "a family name that is not dot.lowercase",
    {
      given: { "schemas/a.ts": { ALog: fam("Jobs", ok("Jobs.started")) } },
      want: { code: "LP_FAMILY_NAME", severity: "warning", family: "Jobs" },
    },
  ],
  [
    "a camelCase event name among snake_case ones",
    {
      given: {
        "schemas/a.ts": {
          ALog: fam("job", ok("job.run_started"), ok("job.run_finished"), ok("job.run_failed"), ok("job.runStarted")),
        },
      },
      want: { code: "LP_EVENT_NAME", severity: "warning", event: "job.runStarted" },
    },
  ],
  [
    "a reserved field name",
    {
      given: { "schemas/a.ts": { ALog: fam("a", ok("a.one", { constructor: str() })) } },
      want: { code: "LP_FIELD_NAME_RESERVED", field: "constructor" },
    },
  ],
  [
    "a field name with a hyphen",
    {
      given: { "schemas/a.ts": { ALog: fam("a", ok("a.one", { "retry-count": num() })) } },
      want: { code: "LP_FIELD_NAME", severity: "warning", field: "retry-count" },
    },
  ],
  [
    "a snake_case correlation id among camelCase ones",
    {
      given: {
        "schemas/a.ts": {
          ALog: fam("a", ok("a.one", { runId: str(), jobId: str(), stepId: str() }), ok("a.two", { run_id: str() })),
        },
      },
      want: { code: "LP_ID_FIELD_CASE", severity: "warning", event: "a.two", field: "run_id" },
    },
  ],
  [
    "a camelCase id when snake_case is configured",
    {
      given: { "schemas/a.ts": { ALog: fam("a", ok("a.one", { runId: str() })) } },
      config: { conventions: { idFields: "snake_case" } },
      want: { code: "LP_ID_FIELD_CASE", field: "runId" },
    },
  ],
  [
    "a unit on a string field",
    {
      given: {
        "schemas/a.ts": { ALog: fam("a", ok("a.one", { wait: z.string().meta({ description: "d", unit: "ms" }) })) },
      },
      want: { code: "LP_UNIT_NOT_NUMERIC", field: "wait" },
    },
  ],
  [
    "timeout_s declared in milliseconds",
    {
      given: { "schemas/a.ts": { ALog: fam("a", ok("a.one", { timeout_s: num({ unit: "ms" }) })) } },
      want: { code: "LP_UNIT_SUFFIX_MISMATCH", field: "timeout_s" },
    },
  ],
  [
    "durationMs declared in seconds",
    {
      given: { "schemas/a.ts": { ALog: fam("a", ok("a.one", { durationMs: num({ unit: "s" }) })) } },
      want: { code: "LP_UNIT_SUFFIX_MISMATCH", field: "durationMs" },
    },
  ],
  [
    "a camelCase unit suffix among snake_case ones",
    {
      given: {
        "schemas/a.ts": {
          ALog: fam("a", ok("a.one", { wait_ms: num(), size_bytes: num(), retry_s: num(), costUsd: num() })),
        },
      },
      want: { code: "LP_UNIT_SUFFIX_STYLE", severity: "warning", field: "costUsd" },
    },
  ],
  [
    "a declared unit without a suffix",
    {
      given: { "schemas/a.ts": { ALog: fam("a", ok("a.one", { wait: num({ unit: "ms" }) })) } },
      want: { code: "LP_UNIT_SUFFIX_MISSING", severity: "warning", field: "wait" },
    },
  ],
  [
    "one field name, two types",
    {
      given: { "schemas/a.ts": { ALog: fam("a", ok("a.one", { code: num() }), ok("a.two", { code: str() })) } },
      want: { code: "LP_FIELD_TYPE_CONFLICT", event: "a.two", field: "code" },
    },
  ],
  [
    "a field named like pino's envelope",
    {
      given: { "schemas/a.ts": { ALog: fam("a", ok("a.one", { msg: str() })) } },
      want: { code: "LP_ENVELOPE_COLLISION", field: "msg" },
    },
  ],
  [
    "renamed_to an event that does not exist",
    {
      given: {
        "schemas/a.ts": {
          ALog: fam(
            "a",
            z
              .strictObject({ event: z.literal("a.old") })
              .meta({ level: "info", description: "d", deprecation: { renamed_to: "a.nwe" } }),
            ok("a.new"),
          ),
        },
      },
      want: { code: "LP_RENAMED_TO_UNKNOWN", event: "a.old" },
    },
  ],
  [
    "a field renamed_to a field the event lacks",
    {
      given: {
        "schemas/a.ts": {
          ALog: fam("a", ok("a.one", { durationMs: num({ unit: "ms", deprecation: { renamed_to: "duration_ms" } }) })),
        },
      },
      want: { code: "LP_RENAMED_TO_UNKNOWN", field: "durationMs" },
    },
  ],
  [
    "no level declared (one note for the registry)",
    {
      given: {
        "schemas/a.ts": { ALog: fam("a", z.strictObject({ event: z.literal("a.one") }).meta({ description: "d" })) },
      },
      want: { code: "LP_LEVEL_DEFAULTED", severity: "note" },
    },
  ],
  [
    "no description (warning by default)",
    {
      given: {
        "schemas/a.ts": { ALog: fam("a", z.strictObject({ event: z.literal("a.one") }).meta({ level: "info" })) },
      },
      want: { code: "LP_DESCRIPTION_MISSING", severity: "warning", event: "a.one" },
    },
  ],
  [
    "no description (error when configured)",
    {
      given: { "schemas/a.ts": { ALog: fam("a", ok("a.one", { n: z.number() })) } },
      config: { conventions: { descriptions: "error" } },
      want: { code: "LP_DESCRIPTION_MISSING", severity: "error", field: "n" },
    },
  ],
];

describe.each(cases)("%s", (_name, { given, config, want }) => {
  it(`reports ${want.code} at the right place`, () => {
    const { diagnostics } = irFrom(given, config);
    const match = diagnostics.find((d) => d.code === want.code);
    expect(match, `diagnostics were: ${JSON.stringify(diagnostics.map((d) => d.code))}`).toBeDefined();
    expect(match).toMatchObject({ severity: "error", ...want });
    expect(match!.message.length).toBeGreaterThan(10);
    expect(match!.fix.length).toBeGreaterThan(5);
  });
});

describe("clean registries report nothing", () => {
  const valid: [string, ModuleMap][] = [
    ["a discriminated union", { "schemas/a.ts": { ALog: fam("a", ok("a.one", { wait_ms: num({ unit: "ms" }) })) } }],
    [
      "a plain union of strict objects",
      { "schemas/a.ts": { ALog: z.union([ok("a.one"), ok("a.two")]).meta({ family: "a", description: "d" }) } },
    ],
    ["a lone strict object", { "schemas/a.ts": { One: ok("solo.event.fired") } }],
    [
      "z.object().strict() members",
      {
        "schemas/a.ts": {
          ALog: fam(
            "a",
            z
              .object({ event: z.literal("a.one") })
              .strict()
              .meta({ level: "debug", description: "d" }),
          ),
        },
      },
    ],
    [
      "literals from an `as const` map",
      (() => {
        const EVENTS = { one: "a.one", two: "a.two" } as const;
        return { "schemas/a.ts": { EVENTS, ALog: fam("a", ok(EVENTS.one), ok(EVENTS.two)) } };
      })(),
    ],
    [
      "nested objects and arrays",
      {
        "schemas/a.ts": {
          ALog: fam(
            "a",
            ok("a.one", {
              peer: z.object({ host: z.string() }).meta({ description: "d" }),
              tags: z.array(z.string()).meta({ description: "d" }),
            }),
          ),
        },
      },
    ],
    [
      "helpers, constants and functions beside a family",
      { "schemas/a.ts": { Helper: z.object({ x: z.string() }), LIMIT: 5, fn: () => 1, ALog: fam("a", ok("a.one")) } },
    ],
    [
      "an event object exported alone and inside the union",
      (() => {
        const one = ok("a.one");
        return { "schemas/a.ts": { One: one, ALog: fam("a", one, ok("a.two")) } };
      })(),
    ],
    [
      "the same union re-exported from an index module",
      (() => {
        const ALog = fam("a", ok("a.one"));
        return { "schemas/a.ts": { ALog }, "schemas/index.ts": { ALog } };
      })(),
    ],
  ];
  it.each(valid)("%s", (_name, given) => {
    const { ir, diagnostics } = irFrom(given);
    expect(diagnostics).toEqual([]);
    expect(ir.families.length).toBeGreaterThan(0);
  });
});

describe("LP_DESCRIPTION_MISSING counts in words", () => {
  const described = (name: string, fields: Record<string, z.ZodType>) =>
    z.strictObject({ event: z.literal(name), ...fields }).meta({ level: "info", description: "d" });
  it.each<[string, Record<string, z.ZodType>, string]>([
    ["one field", { n: z.number() }, 'family "a": 1 field (one.n) has no description'],
    ["two fields", { n: z.number(), m: z.string() }, 'family "a": 2 fields (one.n, one.m) have no description'],
  ])("%s", (_name, fields, message) => {
    const { diagnostics } = irFrom({ "schemas/a.ts": { ALog: fam("a", described("a.one", fields)) } });
    expect(diagnostics.filter((d) => d.code === "LP_DESCRIPTION_MISSING").map((d) => d.message)).toEqual([message]);
  });
});
