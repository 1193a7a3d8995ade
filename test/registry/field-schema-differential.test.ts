/**
 * Every reader of field types that decides on values agrees with ajv: a seeded table of
 * schemas × JSON values (every keyword the readers support, edge numbers, unicode lengths,
 * formats, nested objects and arrays, unions), each cell decided by
 * - ajv 8 (2020-12, ajv-formats, logpact's pattern flags): the reference;
 * - `accepts` (registry/field-schema.ts, the shared value rules);
 * - validate's evaluator (schema-node.ts + evaluate.ts), both with and without errors;
 * - validate's byte-level fast path (it may decline a line, never accept a bad one);
 * - the generated emitters' validator, run from the committed generated/emitters/logpact-runtime.ts;
 * - lint's literal check: never flags a value ajv accepts, and on schemas of the keywords it
 *   checks (type, enum, bounds, lengths, object keys) flags every value ajv rejects;
 * and diff's comparison: when it reports no breaking change from A to B, every value ajv
 * accepts under A is accepted under B.
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { checkFields, type RulesTable } from "../../generated/emitters/logpact-runtime.js";
import { compareSchemas } from "../../generator/diff/schema-compare.js";
import { RULES } from "../../generator/diff/rules.js";
import { factsOfSchema, valueProblems } from "../../generator/lint/field-values.js";
import type { StaticValue } from "../../generator/lint/types.js";
import { ANNOTATION_KEYWORDS, VALUE_KEYWORDS, accepts, patternFlags } from "../../generator/registry/field-schema.js";
import type { EventIR, FamilyIR, JsonSchema } from "../../generator/registry/ir.js";
import { addFormats } from "../../generator/registry/ajv.js";
import { LOGPACT_KEYWORD } from "../../generator/registry/line-schema.js";
import { ruleSchema } from "../../generator/targets/emitters/validator-rules.js";
import { BUILTIN_SCHEMA_ENV } from "../../generator/validate/checker.js";
import { evaluate } from "../../generator/validate/evaluate.js";
import { FastPath } from "../../generator/validate/fast.js";
import { BUILTIN_KEYWORDS, Unsupported, compileNode } from "../../generator/validate/schema-node.js";
import { prng } from "../helpers/prng.js";

type Rand = () => number;
type Schema = Record<string, unknown> | boolean;

/** The reference: ajv as `logpact validate` sets it up, minus strictTypes (the table mixes keywords freely). */
// messages: false and optimize: 0 change only how ajv writes a validator's code (no error
// texts, no dead-code pass), not what it accepts: the table only asks accept or reject, and
// its ~2,700 compiles were most of this file's CPU (3.9 of 6 s).
const ajv = new Ajv2020({
  strict: false,
  strictNumbers: true,
  allowUnionTypes: true,
  messages: false,
  code: { regExp: ((source: string) => new RegExp(source, patternFlags(source))) as never, optimize: 0 },
});
addFormats(ajv);

function ajvAccepts(schema: Schema): ((v: unknown) => boolean) | undefined {
  try {
    const fn = ajv.compile(schema);
    return (v) => fn(v) as boolean;
  } catch {
    return undefined;
  }
}

const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const chance = (r: Rand, p: number): boolean => r() < p;

const NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.5,
  0.1 + 0.2,
  0.3,
  1.5,
  3,
  7,
  10,
  5e20,
  1e21,
  1e308,
  -1e308,
  2 ** 53,
  2 ** 53 + 2,
  1e-7,
];
const BOUNDS = [-1, 0, 0.5, 1, 3, 10, 1e21];
const DIVISORS = [0.5, 0.1, 2, 3, 1e-7, 0.25];
const STRINGS = [
  "",
  "a",
  "ab",
  "abc",
  "xyz1",
  "😀",
  "a😀",
  "😀😀",
  "é",
  "e\u0301",
  "\ud83d",
  "日本語",
  "ab12",
  "12",
  "123",
  "x".repeat(40),
  "2024-02-29",
  "2023-02-29",
  "2024-13-01",
  "12:00:00Z",
  "23:59:60Z",
  "12:00:00",
  "2024-01-01T00:00:00Z",
  "2024-01-01 00:00:00+01:00",
  "2024-01-01T00:00:00",
  "P1D",
  "PT1H30M",
  "P",
  "http://x.y/z?q=1",
  "urn:isbn:123",
  "not a uri",
  "{+var}/x",
  "user@example.com",
  "user@@example",
  "host.example.com",
  "-bad-.com",
  "1.2.3.4",
  "256.1.1.1",
  "::1",
  "2001:db8::8a2e:370:7334",
  "::ffff:1.2.3.4",
  "1::2::3",
  "123e4567-e89b-12d3-a456-426614174000",
  "urn:uuid:123e4567-e89b-12d3-a456-426614174000",
  "123e4567e89b12d3a456426614174000",
  "/a~0b/c",
  "/a~2",
  "0/a",
  "1#",
  "^[a-z]+$",
  "[",
  "a\\Z",
];
const PATTERNS = ["^[a-z]+$", "^a", "b$", "^\\d{2,3}$", "^.{2}$", "^[^x]*$", "\\p{L}", "^(ab|cd)*$", "é", "^\\w+@"];
const FORMATS = [
  "date",
  "time",
  "date-time",
  "duration",
  "uri",
  "uri-template",
  "email",
  "hostname",
  "ipv4",
  "ipv6",
  "uuid",
  "json-pointer",
  "relative-json-pointer",
  "regex",
];
const SCALARS: readonly unknown[] = [...NUMBERS, ...STRINGS, true, false, null];
const KEYS = ["a", "b", "c", "x1", "xy"];

function numberSchema(r: Rand): Record<string, unknown> {
  const s: Record<string, unknown> = { type: pick(r, ["number", "integer"]) };
  if (chance(r, 0.4)) s.minimum = pick(r, BOUNDS);
  if (chance(r, 0.4)) s.maximum = pick(r, BOUNDS);
  if (chance(r, 0.25)) s.exclusiveMinimum = pick(r, BOUNDS);
  if (chance(r, 0.25)) s.exclusiveMaximum = pick(r, BOUNDS);
  if (chance(r, 0.35)) s.multipleOf = pick(r, DIVISORS);
  return s;
}

function stringSchema(r: Rand, lintOnly = false): Record<string, unknown> {
  const s: Record<string, unknown> = { type: "string" };
  if (chance(r, 0.4)) s.minLength = pick(r, [0, 1, 2, 3]);
  if (chance(r, 0.4)) s.maxLength = pick(r, [1, 2, 3, 5]);
  if (!lintOnly && chance(r, 0.3)) s.pattern = pick(r, PATTERNS);
  if (!lintOnly && chance(r, 0.3)) s.format = pick(r, FORMATS);
  return s;
}

function enumSchema(r: Rand): Record<string, unknown> {
  const values = [...new Set(Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(r, SCALARS)))];
  return values.length === 1 && chance(r, 0.5) ? { const: values[0] } : { enum: values };
}

function scalarSchema(r: Rand): Record<string, unknown> {
  switch (pick(r, ["number", "string", "string", "enum", "boolean", "null", "any"])) {
    case "number":
      return numberSchema(r);
    case "string":
      return stringSchema(r);
    case "enum":
      return enumSchema(r);
    case "boolean":
      return { type: "boolean" };
    case "null":
      return { type: "null" };
    default:
      return {};
  }
}

function arraySchema(r: Rand, depth: number): Record<string, unknown> {
  const s: Record<string, unknown> = { type: "array" };
  if (chance(r, 0.7)) s.items = schemaOf(r, depth + 1);
  // Not with `contains`: ajv 8 then accepts [] (no item to contain), against the spec and the rules here.
  const tuple = chance(r, 0.2);
  if (tuple) s.prefixItems = [scalarSchema(r), scalarSchema(r)];
  if (chance(r, 0.3)) s.minItems = pick(r, [0, 1, 2]);
  if (chance(r, 0.3)) s.maxItems = pick(r, [1, 2, 3]);
  if (chance(r, 0.2)) s.uniqueItems = true;
  if (!tuple && chance(r, 0.2)) {
    s.contains = scalarSchema(r);
    if (chance(r, 0.4)) s.minContains = pick(r, [0, 1, 2]);
    if (chance(r, 0.4)) s.maxContains = pick(r, [1, 2]);
  }
  return s;
}

function objectSchema(r: Rand, depth: number): Record<string, unknown> {
  const s: Record<string, unknown> = { type: "object" };
  const names = KEYS.filter(() => chance(r, 0.5));
  if (names.length) s.properties = Object.fromEntries(names.map((n) => [n, schemaOf(r, depth + 1)]));
  const required = names.filter(() => chance(r, 0.5));
  if (required.length) s.required = required;
  if (chance(r, 0.4)) s.additionalProperties = chance(r, 0.6) ? false : scalarSchema(r);
  if (chance(r, 0.15)) s.patternProperties = { "^x": scalarSchema(r) };
  if (chance(r, 0.15)) s.propertyNames = pick(r, [{ maxLength: 1 }, { pattern: "^[a-c]" }, { type: "string" }]);
  if (chance(r, 0.15)) s.minProperties = pick(r, [1, 2]);
  if (chance(r, 0.15)) s.maxProperties = pick(r, [1, 2]);
  if (chance(r, 0.1)) s.dependentRequired = { a: ["b"] };
  return s;
}

function schemaOf(r: Rand, depth = 0): Schema {
  const kinds = depth >= 2 ? ["scalar"] : ["scalar", "scalar", "scalar", "array", "object", "object", "union"];
  switch (pick(r, kinds)) {
    case "array":
      return arraySchema(r, depth);
    case "object":
      return objectSchema(r, depth);
    case "union": {
      const members = [schemaOf(r, depth + 1), chance(r, 0.5) ? { type: "null" } : schemaOf(r, depth + 1)];
      switch (pick(r, ["anyOf", "anyOf", "oneOf", "allOf", "not", "types"])) {
        case "not":
          return { not: members[0] };
        case "types":
          return {
            ...stringSchema(r),
            type: pick(r, [
              ["string", "null"],
              ["string", "integer"],
              ["number", "null"],
            ]),
          };
        case "oneOf":
          return { oneOf: members };
        case "allOf":
          return { allOf: members };
        default:
          return { anyOf: members };
      }
    }
    default:
      return chance(r, 0.03) ? pick(r, [true, false]) : scalarSchema(r);
  }
}

/** Values near what `schema` admits (so cells are not all rejections), plus a few from the pool. */
function valuesFor(r: Rand, schema: Schema, depth = 0): unknown[] {
  const out: unknown[] = [];
  if (typeof schema !== "object") return [pick(r, SCALARS)];
  const s = schema as Record<string, unknown>;
  if (s.const !== undefined) out.push(s.const);
  if (Array.isArray(s.enum)) out.push(...(s.enum as unknown[]));
  for (const key of ["anyOf", "oneOf", "allOf"] as const)
    if (Array.isArray(s[key])) for (const m of s[key] as Schema[]) out.push(...valuesFor(r, m, depth));
  const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type];
  for (const t of types) {
    if (t === "number" || t === "integer") {
      for (const k of ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"])
        if (typeof s[k] === "number") out.push(s[k], (s[k] as number) + 1, (s[k] as number) - 0.5);
      if (typeof s.multipleOf === "number") out.push((s.multipleOf as number) * 3, (s.multipleOf as number) * 1e21);
      out.push(pick(r, NUMBERS), pick(r, NUMBERS));
    } else if (t === "string") {
      out.push(pick(r, STRINGS), pick(r, STRINGS), pick(r, STRINGS));
    } else if (t === "array" && depth < 3) {
      const item = (s.items ?? {}) as Schema;
      const a = valuesFor(r, item, depth + 1);
      out.push([], a.slice(0, 1), a.slice(0, 2), [a[0], a[0]], a.slice(0, 4));
    } else if (t === "object" && depth < 3) {
      const props = (s.properties ?? {}) as Record<string, Schema>;
      const full: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(props)) full[k] = pick(r, valuesFor(r, v, depth + 1));
      const partial = Object.fromEntries(Object.entries(full).filter(() => chance(r, 0.5)));
      out.push(full, partial, { ...full, x1: pick(r, SCALARS) }, { ...full, zz: 1 }, {});
    } else if (t === "boolean") out.push(true, false);
    else if (t === "null") out.push(null);
  }
  if (s.not !== undefined) out.push(...valuesFor(r, s.not as Schema, depth));
  if (out.length === 0) out.push([], {}, { a: 1 });
  out.push(pick(r, SCALARS), pick(r, SCALARS));
  return out;
}

/** A JSON value as lint's resolver would see it written literally in a call (arrays' items are not followed). */
function staticValueOf(v: unknown): StaticValue {
  const loc = { line: 1, column: 1, endLine: 1, endColumn: 1 };
  if (v === null) return { kind: "null" };
  if (typeof v === "string") return { kind: "string", value: v };
  if (typeof v === "number") return { kind: "number", value: v };
  if (typeof v === "boolean") return { kind: "boolean", value: v };
  if (Array.isArray(v)) return { kind: "array" };
  return {
    kind: "object",
    props: Object.entries(v as object).map(([name, value]) => ({
      name,
      loc,
      valueLoc: loc,
      value: staticValueOf(value),
    })),
    unresolved: [],
  };
}

const LOC = { line: 1, column: 1, endLine: 1, endColumn: 1 };
const WHERE = {
  family: { name: "t", source: { file: "schemas/t.ts" } } as unknown as FamilyIR,
  event: { name: "t.e" } as unknown as EventIR,
  field: "v",
};

/** validate's byte-level fast path for one event whose only field `v` has `schema`. */
function fastPathFor(schema: Schema): ((v: unknown) => boolean) | undefined {
  const line = {
    type: "object",
    properties: { event: { const: "t.e" }, v: schema },
    required: ["event", "v"],
    additionalProperties: false,
  };
  let node;
  try {
    node = compileNode(line, BUILTIN_SCHEMA_ENV);
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
  const fast = new FastPath(
    ["t.e"],
    [
      {
        schema: line,
        line: node,
        levelValue: undefined,
        levelName: undefined,
        deprecated: false,
        deprecatedFields: [],
      },
    ],
  );
  return (v) => {
    const bytes = Buffer.from(`{"event":"t.e","v":${JSON.stringify(v)}}`);
    return fast.accept(bytes, 0, bytes.length) === 0;
  };
}

/** The table: `count` seeded schemas, each with its values; the regressions first. */
function table(seed: number, count: number): { schema: Schema; values: unknown[] }[] {
  const r = prng(seed);
  const rows: { schema: Schema; values: unknown[] }[] = [
    { schema: { type: "number", multipleOf: 0.5 }, values: [5e20, 1e21, 2.5, 0.25, 3] },
    { schema: { type: "number", multipleOf: 0.1 }, values: [0.1 + 0.2, 0.3, 0.7, 1e21] },
    { schema: { type: "string", minLength: 2, maxLength: 2 }, values: ["😀", "😀😀", "ab", "e\u0301", "\ud83d"] },
    { schema: { type: "integer" }, values: [1, 1.0, 1.5, 2 ** 53 + 2, -0, 1e308] },
    { schema: { const: 0 }, values: [0, -0, false, "0"] },
  ];
  for (let i = 0; i < count; i++) {
    const schema = schemaOf(r);
    const values = valuesFor(r, schema);
    for (let k = 0; k < 4; k++) values.push(pick(r, SCALARS));
    rows.push({ schema, values: values.filter((v) => v !== undefined) });
  }
  return rows;
}

const ROWS = table(20261203, 1200);
/** The rows ajv compiles, each with ajv's verdict (`ref`): the reference every reader is held to. Compiled once. */
const COMPILED = ROWS.flatMap(({ schema, values }) => {
  const ref = ajvAccepts(schema);
  return ref ? [{ schema, values, ref }] : [];
});

describe("every reader of field types agrees with ajv", () => {
  it("the table is real: schemas ajv compiles, values it accepts and rejects", () => {
    let yes = 0;
    let no = 0;
    for (const { values, ref } of COMPILED) for (const v of values) ref(v) ? yes++ : no++;
    expect(COMPILED.length).toBeGreaterThan(ROWS.length * 0.95);
    expect(yes).toBeGreaterThan(2000);
    expect(no).toBeGreaterThan(5000);
  });

  it("the keyword sets: annotations include logpact's own, validate's engine compiles value keywords only", () => {
    expect(ANNOTATION_KEYWORDS.has(LOGPACT_KEYWORD)).toBe(true);
    expect([...BUILTIN_KEYWORDS].filter((k) => !VALUE_KEYWORDS.has(k))).toEqual([]);
    expect([...VALUE_KEYWORDS].filter((k) => ANNOTATION_KEYWORDS.has(k))).toEqual([]);
  });

  it("accepts (the shared value rules)", () => {
    const bad: string[] = [];
    for (const { schema, values, ref } of COMPILED) {
      expect(() => ruleSchema(schema as JsonSchema, WHERE)).not.toThrow(); // value keywords only
      for (const v of values)
        if (accepts(schema, v) !== ref(v)) bad.push(`${JSON.stringify(schema)} ${JSON.stringify(v)}`);
    }
    expect(bad).toEqual([]);
  });

  it("the generated emitters' validator (generated/emitters/logpact-runtime.ts)", () => {
    const bad: string[] = [];
    for (const { schema, values, ref } of COMPILED) {
      const rules: RulesTable = {
        "t.e": { v: { required: true, sensitive: false, schema: ruleSchema(schema as JsonSchema, WHERE) as never } },
      };
      for (const v of values) {
        const violation = checkFields(rules, "t.e", { v });
        if ((violation === undefined) !== ref(v))
          bad.push(`${JSON.stringify(schema)} ${JSON.stringify(v)}: ${violation?.message ?? "accepted"}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("validate's evaluator, with and without errors; its fast path never accepts what ajv rejects", () => {
    const bad: string[] = [];
    let evaluated = 0;
    let fastAccepted = 0;
    let accepted = 0;
    for (const { schema, values, ref } of COMPILED) {
      let node;
      try {
        node = compileNode(schema, BUILTIN_SCHEMA_ENV);
      } catch (e) {
        if (e instanceof Unsupported) continue;
        throw e;
      }
      const fast = fastPathFor(schema);
      for (const v of values) {
        const want = ref(v);
        const errors: never[] = [];
        const quick = evaluate(node, v, "", undefined);
        const full = evaluate(node, v, "", errors);
        evaluated++;
        if (want) accepted++;
        if (quick !== want || full !== want || (errors.length === 0) !== want)
          bad.push(`evaluate ${JSON.stringify(schema)} ${JSON.stringify(v)}: ajv ${want}, evaluator ${quick}/${full}`);
        if (fast?.(v)) {
          fastAccepted++;
          if (!want) bad.push(`fast path ${JSON.stringify(schema)} ${JSON.stringify(v)}: accepted, ajv rejects`);
        }
      }
    }
    expect(bad).toEqual([]);
    // Not vacuous: most schemas compile for the built-in engine, and the fast path takes most good cells.
    expect(evaluated).toBeGreaterThan(5000);
    expect(fastAccepted).toBeGreaterThan(accepted * 0.5);
  });

  it("lint's literal check: never flags a value ajv accepts; flags every one it rejects on the keywords it checks", () => {
    const r = prng(7);
    const lintable = (): Record<string, unknown> => {
      switch (pick(r, ["number", "string", "enum", "object", "nullable"])) {
        case "number": {
          const { multipleOf: _m, ...s } = numberSchema(r);
          return s;
        }
        case "string":
          return stringSchema(r, true);
        case "enum":
          return enumSchema(r);
        case "nullable":
          return { anyOf: [pick(r, [() => stringSchema(r, true), enumSchema])(r), { type: "null" }] };
        default: {
          const props = Object.fromEntries(KEYS.slice(0, 3).map((k) => [k, stringSchema(r, true)]));
          return { type: "object", properties: props, required: ["a"], additionalProperties: false };
        }
      }
    };
    const bad: string[] = [];
    let checked = 0;
    const cells: [Schema, unknown[], boolean][] = [
      ...ROWS.map((row): [Schema, unknown[], boolean] => [row.schema, row.values, false]),
      ...Array.from({ length: 300 }, (): [Schema, unknown[], boolean] => {
        const schema = lintable();
        return [schema, [...valuesFor(r, schema), pick(r, SCALARS)], true];
      }),
    ];
    for (const [schema, values, complete] of cells) {
      if (typeof schema !== "object") continue;
      const ref = ajvAccepts(schema);
      if (!ref) continue;
      const facts = factsOfSchema(schema, true);
      for (const v of values) {
        const flagged = valueProblems(facts, staticValueOf(v), "v", LOC).length > 0;
        const want = ref(v);
        checked++;
        if (flagged && want) bad.push(`flags a good value: ${JSON.stringify(schema)} ${JSON.stringify(v)}`);
        if (complete && !flagged && !want)
          bad.push(`misses a bad value: ${JSON.stringify(schema)} ${JSON.stringify(v)}`);
      }
    }
    expect(bad).toEqual([]);
    expect(checked).toBeGreaterThan(10000);
  });
});

/** A change to a schema (narrowing, widening or neither), for diff's subsumption. */
function mutate(r: Rand, schema: Schema): Schema {
  if (typeof schema !== "object") return schemaOf(r);
  const s = { ...schema };
  switch (
    pick(r, ["bound", "bound", "enum", "null", "type", "required", "additional", "items", "length", "multiple", "prop"])
  ) {
    case "bound": {
      const k = pick(r, ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]);
      if (chance(r, 0.3)) delete s[k];
      else s[k] = pick(r, BOUNDS);
      break;
    }
    case "length": {
      const k = pick(r, ["minLength", "maxLength", "minItems", "maxItems"]);
      if (chance(r, 0.3)) delete s[k];
      else s[k] = pick(r, [0, 1, 2, 3]);
      break;
    }
    case "multiple":
      if (chance(r, 0.3)) delete s.multipleOf;
      else s.multipleOf = pick(r, DIVISORS);
      break;
    case "enum":
      if (Array.isArray(s.enum))
        s.enum = chance(r, 0.5) ? (s.enum as unknown[]).slice(1) : [...(s.enum as unknown[]), pick(r, SCALARS)];
      else if (s.const !== undefined) return { enum: [s.const, pick(r, SCALARS)] };
      else return enumSchema(r);
      break;
    case "null":
      return chance(r, 0.5)
        ? { anyOf: [schema, { type: "null" }] }
        : Array.isArray(s.anyOf)
          ? (s.anyOf as Schema[])[0]!
          : s;
    case "type":
      if (s.type === "integer") s.type = "number";
      else if (s.type === "number") s.type = "integer";
      else if (typeof s.type === "string") s.type = [s.type, "null"];
      break;
    case "required":
      if (Array.isArray(s.required))
        s.required = chance(r, 0.5) ? (s.required as string[]).slice(1) : [...(s.required as string[]), "c"];
      else s.required = ["a"];
      break;
    case "additional":
      if (s.additionalProperties === undefined) s.additionalProperties = false;
      else delete s.additionalProperties;
      break;
    case "items":
      if (s.items !== undefined) s.items = mutate(r, s.items as Schema);
      break;
    case "prop":
      if (s.properties && typeof s.properties === "object") {
        const props = { ...(s.properties as Record<string, Schema>) };
        const k = pick(r, Object.keys(props).concat("c"));
        if (props[k] !== undefined && chance(r, 0.7)) props[k] = mutate(r, props[k]!);
        else if (props[k] !== undefined) delete props[k];
        else props[k] = scalarSchema(r);
        s.properties = props;
      }
      break;
  }
  return s;
}

describe("diff's comparison", () => {
  it("when it finds no breaking change from A to B, B accepts every value ajv accepts under A", () => {
    const r = prng(1203);
    const bad: string[] = [];
    let claims = 0;
    for (const { schema, values } of ROWS) {
      if (typeof schema !== "object") continue;
      const after = mutate(r, schema);
      if (typeof after !== "object") continue;
      const a = ajvAccepts(schema);
      const b = ajvAccepts(after);
      if (!a || !b) continue;
      const findings = compareSchemas(schema, after);
      if (findings.some((f) => RULES[f.rule].severity === "breaking")) continue;
      claims++;
      const extra = valuesFor(r, after);
      for (const v of [...values, ...extra]) {
        if (a(v) && !b(v))
          bad.push(
            `${JSON.stringify(schema)} → ${JSON.stringify(after)} (${findings.map((f) => f.rule).join(", ") || "no change"}): ${JSON.stringify(v)} no longer accepted`,
          );
      }
    }
    expect(bad).toEqual([]);
    expect(claims).toBeGreaterThan(500);
  });
});
