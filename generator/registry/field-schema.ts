/**
 * The one reader of field types: what logpact knows about JSON Schema fragments of fields.
 * Every command and target reads field schemas through here:
 * - the keyword sets (annotations, the keywords whose values are checked, the standard
 *   keywords a field schema keeps) and one walker that rewrites a schema keyword by keyword
 *   (`rewriteSchema`: the IR's cleaning, validate's line schema, the emitters' rules, diff);
 * - the union members of a schema (`unionMembers`), its branches per type (`typeBranches`),
 *   its JSON types, nullability, enumerated values, numeric bounds and readable type;
 * - what it accepts (`accepts`): value-rules.ts, which the generated emitters' runtime
 *   embeds as text, so the generator and the generated validators share one semantics,
 *   ajv's (test/registry/field-schema-differential.test.ts checks every reader against ajv).
 */
import type { BaseType, JsonSchema } from "./ir.js";
import { assertedFormat, firstFailure, type Schema } from "./value-rules.js";

export { assertedFormat, codePointLength, isMultipleOf, jsonEqual, patternFlags } from "./value-rules.js";

/** The type of a branch that admits every value (`z.unknown()`, `{}`). */
export const ANY_TYPE = "any";

/**
 * Keywords that only describe (JSON Schema's annotations, logpact's `x-logpact`): they
 * never change which values a schema accepts, so every reader that decides on values drops them.
 */
export const ANNOTATION_KEYWORDS: ReadonlySet<string> = new Set([
  "description",
  "title",
  "examples",
  "deprecated",
  "default",
  "$comment",
  "readOnly",
  "writeOnly",
  "contentEncoding",
  "contentMediaType",
  "x-logpact",
]);

/** Keywords whose values are checked by `accepts` (and by the generated validators, which share its rules). */
export const VALUE_KEYWORDS: ReadonlySet<string> = new Set([
  "type",
  "enum",
  "const",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minLength",
  "maxLength",
  "pattern",
  "format",
  "items",
  "prefixItems",
  "additionalItems",
  "minItems",
  "maxItems",
  "uniqueItems",
  "contains",
  "minContains",
  "maxContains",
  "properties",
  "required",
  "additionalProperties",
  "patternProperties",
  "propertyNames",
  "minProperties",
  "maxProperties",
  "dependentRequired",
  "anyOf",
  "oneOf",
  "allOf",
  "not",
]);

/** Keywords a field schema keeps in the IR (converter output is cut down to these). */
export const STANDARD_KEYWORDS: ReadonlySet<string> = new Set([
  ...VALUE_KEYWORDS,
  "description",
  "title",
  "examples",
  "deprecated",
  "contentEncoding",
  "contentMediaType",
  "$ref",
  "$defs",
  "definitions",
]);

/** Where keywords hold subschemas: a map of them, a list of them, or one (`items` may be either of the last two). */
const SUBSCHEMA_MAPS = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);
const SUBSCHEMA_LISTS = new Set(["anyOf", "oneOf", "allOf", "prefixItems"]);
const SUBSCHEMA_SINGLES = new Set([
  "items",
  "additionalProperties",
  "not",
  "if",
  "then",
  "else",
  "contains",
  "propertyNames",
  "additionalItems",
  "unevaluatedProperties",
  "unevaluatedItems",
]);

/** How `rewriteSchema` treats each keyword of each schema object. */
export interface SchemaRewrite {
  /**
   * Whether keyword `key` of `schema` (found at `path`) stays; may throw to refuse it.
   * Subschemas of a kept keyword are rewritten in turn.
   */
  keep(key: string, schema: JsonSchema, path: string): boolean;
  /** Keywords and map keys in sorted order (for a deterministic literal). */
  readonly sort?: boolean;
}

function isObject(v: unknown): v is JsonSchema {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/**
 * A new schema with only the keywords `rewrite.keep` keeps, recursively through every
 * subschema. Paths name subschemas below `path`: `.name` (a property or a single
 * subschema keyword), `(anyOf #2)`, `[]` (items), `[0]` (a tuple item).
 */
export function rewriteSchema(node: unknown, rewrite: SchemaRewrite, path = ""): unknown {
  if (!isObject(node)) return node;
  const out: Record<string, unknown> = {};
  const keys = Object.keys(node);
  for (const key of rewrite.sort ? keys.sort() : keys) {
    if (!rewrite.keep(key, node, path)) continue;
    const value = node[key];
    if (SUBSCHEMA_MAPS.has(key) && isObject(value)) {
      const names = Object.keys(value);
      out[key] = Object.fromEntries(
        (rewrite.sort ? names.sort() : names).map((k) => [k, rewriteSchema(value[k], rewrite, `${path}.${k}`)]),
      );
    } else if (SUBSCHEMA_LISTS.has(key) && Array.isArray(value)) {
      out[key] = value.map((v: unknown, i) => rewriteSchema(v, rewrite, `${path}(${key} #${i + 1})`));
    } else if (key === "items" && Array.isArray(value)) {
      out[key] = value.map((v: unknown, i) => rewriteSchema(v, rewrite, `${path}[${i}]`));
    } else if (SUBSCHEMA_SINGLES.has(key)) {
      out[key] = rewriteSchema(value, rewrite, key === "items" ? `${path}[]` : `${path}.${key}`);
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** Calls `visit` once for every schema object in `node` (itself and each subschema), parents first. */
export function forEachSchema(node: unknown, visit: (schema: JsonSchema, path: string) => void): void {
  const seen = new WeakSet<JsonSchema>();
  rewriteSchema(node, {
    keep: (_key, s, path) => {
      if (!seen.has(s)) {
        seen.add(s);
        visit(s, path);
      }
      return true;
    },
  });
}

/** The schema without annotation keywords, recursively. */
export function stripAnnotations(schema: unknown): unknown {
  return rewriteSchema(schema, { keep: (key) => !ANNOTATION_KEYWORDS.has(key) });
}

/** Zod's `.int()` bounds every integer by ±2^53-1; that is noise in a log contract. */
const SAFE_MAX = Number.MAX_SAFE_INTEGER;

/**
 * A converter's field schema as the IR keeps it: standard keywords only (no `$schema`, no
 * custom `.meta()` keys), no safe-integer bounds, and `format` only where a validator
 * asserts it. Zod also writes its own formats (`starts_with`, `cuid`, `emoji`, …) beside a
 * `pattern` that says the same thing; strict validators (ajv) reject an unknown format.
 */
export function cleanSchema(node: unknown): JsonSchema {
  return rewriteSchema(node, {
    keep: (key, s) =>
      STANDARD_KEYWORDS.has(key) &&
      !(key === "format" && (typeof s.format !== "string" || assertedFormat(s.format) === undefined)) &&
      !(key === "maximum" && s.maximum === SAFE_MAX) &&
      !(key === "minimum" && s.minimum === -SAFE_MAX),
  }) as JsonSchema;
}

/**
 * Whether `value` (a JSON value) conforms to `schema`, as ajv decides it (with logpact's
 * pattern flags and ajv-formats' formats). Only `VALUE_KEYWORDS` are checked: a caller
 * with schemas from elsewhere refuses other keywords first (as the emitters' `ruleSchema` does).
 */
export function accepts(schema: unknown, value: unknown): boolean {
  return firstFailure(schema as Schema, value, "") === undefined;
}

/** The members of a union (`anyOf`, else `oneOf`), or undefined for a schema that is not one. */
export function unionMembers(schema: JsonSchema): readonly JsonSchema[] | undefined {
  const list = schema.anyOf ?? schema.oneOf;
  return Array.isArray(list) ? (list as JsonSchema[]) : undefined;
}

/** The object properties of a schema, looking through nullable and union wrappers (members' properties merged). */
export function objectProperties(schema: JsonSchema): Record<string, JsonSchema> | undefined {
  if (schema.properties && typeof schema.properties === "object")
    return schema.properties as Record<string, JsonSchema>;
  const list = unionMembers(schema);
  if (!list) return undefined;
  const merged: Record<string, JsonSchema> = {};
  for (const branch of list) Object.assign(merged, objectProperties(branch) ?? {});
  return Object.keys(merged).length ? merged : undefined;
}

/**
 * The schema as one branch per JSON type: union members flattened (the union's sibling
 * keywords apply to each member), a `type` array split per type.
 */
export function typeBranches(schema: JsonSchema): JsonSchema[] {
  const members = unionMembers(schema);
  if (members) {
    const { anyOf: _a, oneOf: _o, ...rest } = schema;
    const siblings = stripAnnotations(rest) as JsonSchema;
    return members.flatMap((b) => typeBranches(conjoin(siblings, b)));
  }
  if (Array.isArray(schema.type)) return (schema.type as string[]).map((t) => ({ ...schema, type: t }));
  return [schema];
}

/** Keywords where, for one value, the larger (`1`) or smaller (`-1`) of two limits is the one that binds. */
const LIMITS: Readonly<Record<string, 1 | -1>> = {
  minimum: 1,
  exclusiveMinimum: 1,
  minLength: 1,
  minItems: 1,
  minProperties: 1,
  maximum: -1,
  exclusiveMaximum: -1,
  maxLength: -1,
  maxItems: -1,
  maxProperties: -1,
};

/**
 * One schema that both `a` and `b` hold in: their keywords together, the binding limit
 * where both set one, and what else they disagree on kept apart under `allOf`.
 */
function conjoin(a: JsonSchema, b: JsonSchema): JsonSchema {
  const out: Record<string, unknown> = { ...b };
  const apart: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(a)) {
    const w = out[k];
    if (w === undefined || JSON.stringify(w) === JSON.stringify(v)) out[k] = v;
    else if (LIMITS[k] !== undefined && typeof v === "number" && typeof w === "number")
      out[k] = LIMITS[k] === 1 ? Math.max(v, w) : Math.min(v, w);
    else apart[k] = v;
  }
  if (Object.keys(apart).length) out.allOf = [...((out.allOf as unknown[] | undefined) ?? []), apart];
  return out;
}

/** The JSON type of a JSON value (`integer` for an integral number). */
export function valueType(v: unknown): BaseType {
  if (v === null) return "null";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  if (Array.isArray(v)) return "array";
  return typeof v as BaseType;
}

function typesOfBranch(s: JsonSchema): string[] {
  if (Array.isArray(s.type)) return s.type as string[];
  if (typeof s.type === "string") return [s.type];
  const values = s.const !== undefined ? [s.const] : Array.isArray(s.enum) ? (s.enum as unknown[]) : undefined;
  if (values) return values.map(valueType);
  const members = unionMembers(s);
  if (members) return members.flatMap(typesOfBranch);
  return [ANY_TYPE];
}

function branches(schema: JsonSchema): readonly JsonSchema[] {
  return unionMembers(schema) ?? [schema];
}

/** Whether the schema admits `null`. */
export function isNullable(schema: JsonSchema): boolean {
  return branches(schema).some((b) => typesOfBranch(b).includes("null"));
}

/** JSON types other than null, sorted and de-duplicated (`any` for a branch without a type). */
export function baseTypes(schema: JsonSchema): BaseType[] {
  const set = new Set(branches(schema).flatMap(typesOfBranch));
  set.delete("null");
  return [...set].sort() as BaseType[];
}

/** Allowed values when every non-null branch is a const or an enum. */
export function enumValues(schema: JsonSchema): (string | number | boolean | null)[] | undefined {
  const values: (string | number | boolean | null)[] = [];
  for (const b of branches(schema)) {
    if (b.const !== undefined) values.push(b.const as string);
    else if (Array.isArray(b.enum)) values.push(...(b.enum as string[]));
    else if (b.type === "null") continue;
    else return undefined;
  }
  return values.length ? values : undefined;
}

/** One numeric bound: its value and whether it is exclusive. */
export interface Bound {
  readonly v: number;
  /** Exclusive. */
  readonly x: boolean;
}

function num(v: unknown): number | undefined {
  return typeof v === "number" ? v : undefined;
}

/**
 * The binding lower and upper bound of a number schema: the stricter of its inclusive and
 * exclusive keyword. For integers (`integer`), an exclusive bound becomes the inclusive one
 * it means (`> 0` is `≥ 1`).
 */
export function numberBounds(s: JsonSchema, integer: boolean): { lower: Bound | undefined; upper: Bound | undefined } {
  const pick = (inclusive: unknown, exclusive: unknown, dir: 1 | -1): Bound | undefined => {
    let best: Bound | undefined;
    for (const raw of [
      num(inclusive) !== undefined ? { v: num(inclusive)!, x: false } : undefined,
      num(exclusive) !== undefined ? { v: num(exclusive)!, x: true } : undefined,
    ]) {
      if (!raw) continue;
      const b = integer && raw.x ? { v: dir === 1 ? Math.floor(raw.v) + 1 : Math.ceil(raw.v) - 1, x: false } : raw;
      if (!best || stricterBound(b, best, dir)) best = b;
    }
    return best;
  };
  return { lower: pick(s.minimum, s.exclusiveMinimum, 1), upper: pick(s.maximum, s.exclusiveMaximum, -1) };
}

/** Whether bound `a` admits fewer values than `b` (`dir`: 1 for lower bounds, -1 for upper). */
export function stricterBound(a: Bound, b: Bound, dir: 1 | -1): boolean {
  return a.v * dir > b.v * dir || (a.v === b.v && a.x && !b.x);
}

/** A readable type: `integer ≥ 0`, `"client" | "broker"`, `string (uuid) | null`, `string[]`. */
export function displayType(schema: JsonSchema): string {
  const members = unionMembers(schema);
  if (members) return [...new Set(members.map(displayType))].join(" | ");
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return (schema.enum as unknown[]).map((v) => JSON.stringify(v)).join(" | ");
  if (Array.isArray(schema.type)) {
    return (schema.type as string[]).map((t) => displayType({ ...schema, type: t })).join(" | ");
  }
  switch (schema.type) {
    case "integer":
    case "number":
      return `${schema.type}${rangeText(schema)}`;
    case "string": {
      const notes: string[] = [];
      if (typeof schema.format === "string") notes.push(schema.format);
      else if (typeof schema.pattern === "string") notes.push(`pattern ${schema.pattern}`);
      if (schema.minLength === 1 && schema.maxLength === undefined) notes.push("non-empty");
      else if (schema.minLength !== undefined || schema.maxLength !== undefined) {
        notes.push(`length ${schema.minLength ?? 0}–${schema.maxLength ?? "∞"}`);
      }
      return notes.length ? `string (${notes.join(", ")})` : "string";
    }
    case "array":
      return isObject(schema.items) ? `${wrapUnion(displayType(schema.items))}[]` : "array";
    case "object":
    case "boolean":
    case "null":
      return schema.type;
    default:
      return ANY_TYPE;
  }
}

function wrapUnion(text: string): string {
  return text.includes(" | ") ? `(${text})` : text;
}

function rangeText(s: JsonSchema): string {
  const min = s.minimum as number | undefined;
  const max = s.maximum as number | undefined;
  const xmin = s.exclusiveMinimum as number | undefined;
  const xmax = s.exclusiveMaximum as number | undefined;
  if (min !== undefined && max !== undefined) return ` ${min}–${max}`;
  const parts: string[] = [];
  if (min !== undefined) parts.push(`≥ ${min}`);
  if (typeof xmin === "number") parts.push(`> ${xmin}`);
  if (max !== undefined) parts.push(`≤ ${max}`);
  if (typeof xmax === "number") parts.push(`< ${xmax}`);
  return parts.length ? ` ${parts.join(", ")}` : "";
}
