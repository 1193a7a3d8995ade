/**
 * Statically known values against a field's declaration, nested objects included: the
 * type and enum of a value, then (for a literal) everything its schema says, and for an object literal its
 * keys against the nested schema (an undeclared key in a strict object, a missing
 * required key, then each key's value, recursively). Schemas are read with the registry's
 * one field-type reader (`registry/field-schema.ts`), the one that built the IR's fields,
 * and a literal is judged by its `accepts`, as ajv and the generated validators judge it.
 */
import {
  ANY_TYPE,
  accepts,
  baseTypes,
  displayType,
  enumValues,
  isNullable,
  patternFlags,
  unionMembers,
} from "../registry/field-schema.js";
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
  const properties = (shape.properties ?? {}) as Record<string, JsonSchema | boolean>;
  const required = new Set(Array.isArray(shape.required) ? (shape.required as string[]) : []);
  const strict = shape.additionalProperties === false;
  const patterns = Object.keys((shape.patternProperties ?? {}) as object).map((p) => new RegExp(p, patternFlags(p)));
  const declared = Object.keys(properties);
  for (const p of v.props) {
    const sub = Object.hasOwn(properties, p.name) ? properties[p.name] : undefined;
    if (sub === undefined) {
      if (strict && !patterns.some((re) => re.test(p.name)))
        out.push({
          id: "undeclared",
          path: `${path}.${p.name}`,
          loc: p.loc,
          expected: declared.length ? declared.join(", ") : "(none)",
          actual: "",
        });
      continue;
    }
    // A boolean subschema: `true` admits any value; `false` none, so the key cannot be passed.
    if (typeof sub === "boolean") {
      if (!sub)
        out.push({
          id: "undeclared",
          path: `${path}.${p.name}`,
          loc: p.loc,
          expected: declared.join(", "),
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
    const sub = Object.hasOwn(properties, name) ? properties[name] : undefined;
    if (!present && sub !== undefined)
      out.push({
        id: "missing",
        path: `${path}.${name}`,
        loc,
        expected: typeof sub === "boolean" ? String(sub) : factsOfSchema(sub, true).display,
        actual: "",
      });
  }
}

/**
 * The object schema of a field (its object branch when it is a union such as `object | null`);
 * undefined when more than one branch could take an object (which one the call means is
 * not known statically).
 */
function objectBranch(schema: JsonSchema): JsonSchema | undefined {
  const members = unionMembers(schema) ?? [schema];
  const takers = members.filter((b) => {
    const types = baseTypes(b);
    return types.includes("object") || types.includes(ANY_TYPE) || b.properties !== undefined;
  });
  if (takers.length !== 1) return undefined;
  const only = takers[0]!;
  return only.type === "object" || only.properties !== undefined ? only : undefined;
}

type OwnProblem = { id: "wrongType" | "notInEnum" | "outOfRange"; expected: string; actual: string };

/** What is wrong with a statically known value itself (not its nested keys), if anything. */
export function ownProblem(field: FieldFacts, v: StaticValue): OwnProblem | undefined {
  if (v.kind === "unknown") return undefined;
  // `describe` only for a problem: most values are fine, and it quotes every string.
  if (v.kind === "undefined")
    return field.required ? { id: "wrongType", expected: field.display, actual: describe(v) } : undefined;
  if (v.kind === "null")
    return field.nullable || field.types.includes(ANY_TYPE)
      ? undefined
      : { id: "wrongType", expected: field.display, actual: describe(v) };
  const base = baseOf(v);
  const ok =
    field.types.includes(ANY_TYPE) ||
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
  // A literal's value is known: the rules every reader shares decide (bounds, lengths, patterns, formats, …).
  if ((v.kind === "number" || v.kind === "string" || v.kind === "boolean") && v.value !== undefined) {
    if (!accepts(field.schema, v.value)) return { id: "outOfRange", expected: field.display, actual: describe(v) };
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
