/**
 * The JSON Schema comparator on its own: raw schema pairs (as Zod emits them, and a few
 * it does not) → the findings, with their paths and details.
 */
import { describe, expect, it } from "vitest";
import type { JsonSchema } from "../../generator/registry/ir.js";
import { compareSchemas, type SchemaFinding } from "../../generator/diff/schema-compare.js";

interface Case {
  given: [JsonSchema, JsonSchema];
  want: Partial<SchemaFinding>[];
}

const int = (extra: JsonSchema = {}): JsonSchema => ({ type: "integer", ...extra });
const str = (extra: JsonSchema = {}): JsonSchema => ({ type: "string", ...extra });

const cases: [string, Case][] = [
  [
    "annotations only",
    { given: [str({ description: "a", examples: ["x"] }), str({ description: "b", title: "T" })], want: [] },
  ],
  [
    "`> 0` and `≥ 1` are the same bound on integers",
    { given: [int({ exclusiveMinimum: 0 }), int({ minimum: 1 })], want: [] },
  ],
  [
    "`> 0` is tighter than `≥ 0` on numbers",
    {
      given: [
        { type: "number", minimum: 0 },
        { type: "number", exclusiveMinimum: 0 },
      ],
      want: [{ rule: "constraint-tightened", path: "", detail: "minimum ≥ 0 → > 0" }],
    },
  ],
  [
    "maximum raised",
    {
      given: [int({ maximum: 3 }), int({ maximum: 5 })],
      want: [{ rule: "constraint-loosened", detail: "maximum ≤ 3 → ≤ 5" }],
    },
  ],
  [
    "multipleOf 5 → 10 tightens",
    {
      given: [int({ multipleOf: 5 }), int({ multipleOf: 10 })],
      want: [{ rule: "constraint-tightened", detail: "multipleOf 5 → 10" }],
    },
  ],
  [
    "multipleOf 10 → 5 loosens",
    {
      given: [int({ multipleOf: 10 }), int({ multipleOf: 5 })],
      want: [{ rule: "constraint-loosened", detail: "multipleOf 10 → 5" }],
    },
  ],
  [
    "minLength raised and maxLength dropped",
    {
      given: [str({ minLength: 1, maxLength: 10 }), str({ minLength: 2 })],
      want: [
        { rule: "constraint-tightened", detail: "minLength 1 → 2" },
        { rule: "constraint-loosened", detail: "maxLength 10 → none" },
      ],
    },
  ],
  [
    "format changed",
    {
      given: [str({ format: "uuid" }), str({ format: "email" })],
      want: [{ rule: "constraint-tightened", detail: "format uuid → email" }],
    },
  ],
  [
    "pattern removed",
    { given: [str({ pattern: "^a" }), str()], want: [{ rule: "constraint-loosened", detail: "pattern ^a removed" }] },
  ],
  [
    "const changed",
    {
      given: [str({ const: "a" }), str({ const: "b" })],
      want: [
        { rule: "enum-member-removed", detail: '"a" no longer allowed' },
        { rule: "enum-member-added", detail: '"b" now allowed' },
      ],
    },
  ],
  [
    "an enum whose removed value the new free type still admits",
    {
      given: [str({ enum: ["a", "b"] }), str({ minLength: 1 })],
      want: [{ rule: "constraint-loosened", detail: '"a" | "b" → string' }],
    },
  ],
  [
    "an enum replaced by a free type that rejects one of its values",
    {
      given: [str({ enum: ["a", "bb"] }), str({ minLength: 2 })],
      want: [{ rule: "enum-member-removed", detail: '"a" no longer allowed' }, { rule: "constraint-loosened" }],
    },
  ],
  [
    "nullable via type array, then via anyOf",
    { given: [{ type: ["string", "null"] }, { anyOf: [str(), { type: "null" }] }], want: [] },
  ],
  [
    "null in an enum removed",
    { given: [{ enum: ["a", null] }, { enum: ["a"] }], want: [{ rule: "nullable-removed" }] },
  ],
  [
    // `type: string` already ruled null out: the enum's null was never a value.
    "null listed in an enum its type excludes, removed",
    { given: [str({ enum: ["a", null] }), str({ enum: ["a"] })], want: [] },
  ],
  [
    "an enum value the sibling bounds exclude is no value",
    { given: [{ enum: [0, 5] }, { enum: [0, 5], minimum: 1 }], want: [{ rule: "enum-member-removed" }] },
  ],
  [
    "a required key with no property schema",
    { given: [{ type: "object" }, { type: "object", required: ["a"] }], want: [{ rule: "constraint-tightened" }] },
  ],
  [
    "a property added to an open object constrains a key that took any value",
    {
      given: [{ type: "object" }, { type: "object", properties: { a: str() } }],
      want: [{ rule: "field-added-optional" }, { rule: "type-narrowed" }],
    },
  ],
  [
    "a property added to a strict object",
    {
      given: [
        { type: "object", additionalProperties: false },
        { type: "object", properties: { a: str() }, additionalProperties: false },
      ],
      want: [{ rule: "field-added-optional" }],
    },
  ],
  [
    "a union's sibling limit binds with its members' own",
    {
      given: [
        { anyOf: [str({ maxLength: 2 }), { type: "null" }] },
        { anyOf: [str({ maxLength: 2 }), { type: "null" }], maxLength: 1 },
      ],
      want: [{ rule: "constraint-tightened" }],
    },
  ],
  [
    "constraints of an untyped value changed",
    { given: [{}, { additionalProperties: false }], want: [{ rule: "schema-changed" }] },
  ],
  [
    "unknown (no type) narrowed to string",
    { given: [{}, str()], want: [{ rule: "type-narrowed", detail: "any → string" }] },
  ],
  [
    "array items unique and fewer",
    {
      given: [
        { type: "array", items: str() },
        { type: "array", items: str(), uniqueItems: true, maxItems: 5 },
      ],
      want: [{ rule: "constraint-tightened", path: "", detail: "maxItems none → 5; items must now be unique" }],
    },
  ],
  [
    "nested array of objects: a property became required",
    {
      given: [
        { type: "array", items: { type: "object", properties: { at: str() }, required: [] } },
        { type: "array", items: { type: "object", properties: { at: str() }, required: ["at"] } },
      ],
      want: [{ rule: "field-made-required", path: "[].at" }],
    },
  ],
  [
    "an open nested object closed",
    {
      given: [
        { type: "object", properties: {} },
        { type: "object", properties: {}, additionalProperties: false },
      ],
      want: [{ rule: "constraint-tightened", detail: "unknown keys are now rejected" }],
    },
  ],
  [
    "a keyword logpact does not compare changed",
    {
      given: [str({ allOf: [{ minLength: 1 }] }), str({ allOf: [{ minLength: 2 }] })],
      want: [{ rule: "schema-changed", detail: "allOf changed" }],
    },
  ],
  [
    "two string branches of a union changed",
    {
      given: [
        { anyOf: [str({ format: "uuid" }), str({ format: "email" })] },
        { anyOf: [str({ format: "uuid" }), str({ format: "uri" })] },
      ],
      want: [{ rule: "schema-changed", detail: "the string branches of the union changed" }],
    },
  ],
  [
    "string → boolean",
    { given: [str(), { type: "boolean" }], want: [{ rule: "type-changed", detail: "string → boolean" }] },
  ],
  [
    "string | number → number | boolean",
    {
      given: [{ type: ["string", "number"] }, { type: ["number", "boolean"] }],
      want: [{ rule: "type-narrowed" }, { rule: "type-widened" }],
    },
  ],
];

describe.each(cases)("%s", (_name, { given, want }) => {
  it("yields the expected findings", () => {
    const got = compareSchemas(given[0], given[1]);
    expect(
      got.map((g, i) =>
        Object.fromEntries(Object.keys(want[i] ?? { rule: 1 }).map((k) => [k, g[k as keyof SchemaFinding]])),
      ),
    ).toEqual(want);
  });
  it("finds nothing comparing either side with itself", () => {
    expect(compareSchemas(given[0], given[0])).toEqual([]);
    expect(compareSchemas(given[1], given[1])).toEqual([]);
  });
});
