/**
 * Statically known values against a field's declaration, nested objects included: the
 * type, enum, numeric range and string length of a value, and for an object literal its
 * keys against the nested schema (an undeclared key in a strict object, a missing
 * required key, then each key's value, recursively). Nested schemas are read with the
 * registry's own field-type reader (`registry/json-schema-utils.ts`), the one that built
 * the IR's top-level fields.
 */
import { baseTypes, displayType, enumValues, isNullable } from "../registry/json-schema-utils.js";
import type { BaseType, FieldIR, JsonSchema } from "../registry/ir.js";
import type { Loc, ObjectValue, StaticValue } from "./types.js";

/** What a value is checked against: a top-level field, or one derived from a nested schema. */
export type FieldFacts = Pick<FieldIR, "required" | "nullable" | "types" | "enum" | "display" | "schema">;

export type ProblemId = "wrongType" | "notInEnum" | "outOfRange" | "undeclared" | "missing";

/** One problem with a value; `path` names the (nested) field: `target.type`. */
export interface ValueProblem {
  readonly id: ProblemId;
  readonly path: string;
  readonly loc: Loc;
  /** The declared type (or, for `undeclared`, the declared keys). */
  readonly expected: string;
  /** What the call passes (empty for `undeclared` / `missing`). */
  readonly actual: string;
}

/** How deep nested objects are followed. */
const MAX_NESTING = 8;

const nestedFacts = new WeakMap<JsonSchema, Map<boolean, FieldFacts>>();

/** Field facts of a nested schema (memoised: IR schemas are frozen and live for the run). */
export function factsOfSchema(schema: JsonSchema, required: boolean): FieldFacts {
  let byRequired = nestedFacts.get(schema);
  if (!byRequired) nestedFacts.set(schema, (byRequired = new Map()));
  let f = byRequired.get(required);
  if (!f) {
    const values = enumValues(schema);
    f = {
      required,
      nullable: isNullable(schema),
      types: baseTypes(schema),
      display: displayType(schema),
      schema,
      ...(values ? { enum: values } : {}),
    };
    byRequired.set(required, f);
  }
  return f;
}

/**
 * Problems of `v` as the value of `field`, written at `loc`; for an object literal, the
 * problems of its keys too (at their own locations).
 */
export function valueProblems(
  field: FieldFacts,
  v: StaticValue,
  path: string,
  loc: Loc,
  out: ValueProblem[] = [],
  depth = 0,
): ValueProblem[] {
  const own = ownProblem(field, v);
  if (own) {
    out.push({ ...own, path, loc });
    return out;
  }
  if (v.kind === "object" && depth < MAX_NESTING) {
    const shape = objectBranch(field.schema);
    if (shape) objectProblems(shape, v, path, loc, out, depth);
  }
  return out;
}

function objectProblems(
  shape: JsonSchema,
  v: ObjectValue,
  path: string,
  loc: Loc,
  out: ValueProblem[],
  depth: number,
): void {
  const properties = (shape.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set(Array.isArray(shape.required) ? (shape.required as string[]) : []);
  const strict = shape.additionalProperties === false;
  const declared = Object.keys(properties);
  for (const p of v.props) {
    const sub = Object.hasOwn(properties, p.name) ? properties[p.name] : undefined;
    if (sub === undefined) {
      if (strict)
        out.push({
          id: "undeclared",
          path: `${path}.${p.name}`,
          loc: p.loc,
          expected: declared.length ? declared.join(", ") : "(none)",
          actual: "",
        });
      continue;
    }
    valueProblems(factsOfSchema(sub, required.has(p.name)), p.value, `${path}.${p.name}`, p.valueLoc, out, depth + 1);
  }
  // With a part that cannot be read, a required key may be in it.
  if (v.unresolved.length > 0) return;
  for (const name of required) {
    const present = v.props.find((p) => p.name === name);
    if (!present && Object.hasOwn(properties, name))
      out.push({
        id: "missing",
        path: `${path}.${name}`,
        loc,
        expected: factsOfSchema(properties[name]!, true).display,
        actual: "",
      });
  }
}

/** The object schema of a field (its object branch when it is a union such as `object | null`). */
function objectBranch(schema: JsonSchema): JsonSchema | undefined {
  if (schema.type === "object" || schema.properties !== undefined) return schema;
  const list = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (!Array.isArray(list)) return undefined;
  const objects = list.filter((b) => b.type === "object" || b.properties !== undefined);
  // Several object branches: which one the call means is not known statically.
  return objects.length === 1 ? objects[0] : undefined;
}

type OwnProblem = { id: "wrongType" | "notInEnum" | "outOfRange"; expected: string; actual: string };

/** What is wrong with a statically known value itself (not its nested keys), if anything. */
export function ownProblem(field: FieldFacts, v: StaticValue): OwnProblem | undefined {
  if (v.kind === "unknown") return undefined;
  // `describe` only for a problem: most values are fine, and it quotes every string.
  if (v.kind === "undefined")
    return field.required ? { id: "wrongType", expected: field.display, actual: describe(v) } : undefined;
  if (v.kind === "null")
    return field.nullable || field.types.includes("mixed")
      ? undefined
      : { id: "wrongType", expected: field.display, actual: describe(v) };
  const base = baseOf(v);
  const ok =
    field.types.includes("mixed") ||
    field.types.includes(base as BaseType) ||
    (base === "integer" && field.types.includes("number"));
  if (!ok) return { id: "wrongType", expected: field.display, actual: describe(v) };
  if (
    field.enum &&
    (v.kind === "string" || v.kind === "number" || v.kind === "boolean") &&
    "value" in v &&
    v.value !== undefined
  ) {
    if (!field.enum.includes(v.value))
      return { id: "notInEnum", expected: field.enum.map((e) => JSON.stringify(e)).join(" | "), actual: describe(v) };
  }
  if (v.kind === "number") {
    const range = branchOf(field.schema, (s) => s.type === "integer" || s.type === "number");
    if (range && !inRange(v.value, range as Range))
      return { id: "outOfRange", expected: field.display, actual: describe(v) };
  }
  if (v.kind === "string" && v.value !== undefined) {
    const str = branchOf(field.schema, (s) => s.type === "string");
    if (str && !lengthOk(v.value, str)) return { id: "outOfRange", expected: field.display, actual: describe(v) };
  }
  return undefined;
}

function baseOf(v: Exclude<StaticValue, { kind: "unknown" | "undefined" | "null" }>): string {
  switch (v.kind) {
    case "number":
      return Number.isInteger(v.value) ? "integer" : "number";
    case "object":
      return "object";
    default:
      return v.kind;
  }
}

export function describe(v: StaticValue): string {
  switch (v.kind) {
    case "string":
      return v.value === undefined
        ? "a string"
        : `the string ${JSON.stringify(v.value.length > 40 ? `${v.value.slice(0, 39)}…` : v.value)}`;
    case "number":
      return Number.isInteger(v.value) ? `the integer ${v.value}` : `the number ${v.value}`;
    case "boolean":
      return `${v.value}`;
    case "null":
      return "null";
    case "undefined":
      return "undefined (the field is dropped from the line)";
    case "object":
      return "an object";
    case "array":
      return "an array";
    case "function":
      return "a function";
    case "bigint":
      return "a bigint (JSON.stringify throws on it)";
    case "unknown":
      return v.text;
  }
}

interface Range {
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

function branchOf(schema: JsonSchema, pick: (s: JsonSchema) => boolean): JsonSchema | undefined {
  if (pick(schema)) return schema;
  const list = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  return Array.isArray(list) ? list.find(pick) : undefined;
}

function inRange(n: number, r: Range): boolean {
  if (typeof r.minimum === "number" && n < r.minimum) return false;
  if (typeof r.maximum === "number" && n > r.maximum) return false;
  if (typeof r.exclusiveMinimum === "number" && n <= r.exclusiveMinimum) return false;
  if (typeof r.exclusiveMaximum === "number" && n >= r.exclusiveMaximum) return false;
  return true;
}

/** `minLength` / `maxLength` in code points, as JSON Schema counts them. */
function lengthOk(s: string, schema: JsonSchema): boolean {
  const min = typeof schema.minLength === "number" ? schema.minLength : 0;
  const max = typeof schema.maxLength === "number" ? schema.maxLength : Infinity;
  if (min === 0 && max === Infinity) return true;
  const n = [...s].length;
  return n >= min && n <= max;
}
