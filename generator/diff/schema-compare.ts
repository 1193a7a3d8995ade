/**
 * Compares two JSON Schema fragments of one field (FieldIR.schema) and says how the set
 * of values it admits changed: narrowed (the new contract rejects values the old one
 * allowed → breaking), widened (old consumers may meet values they were never promised →
 * warning), or a part logpact does not reason about changed (→ breaking, conservatively).
 *
 * The comparison is structural over the keywords Zod emits: `type`, `enum`/`const`,
 * `anyOf`/`oneOf` (union and nullable), numeric bounds, `multipleOf`, string length,
 * `pattern`, `format`, array `items`/counts/`uniqueItems`, and object `properties`,
 * `required` and `additionalProperties`, recursively. Annotations (description, examples,
 * title) never count.
 */
import {
  ANNOTATION_KEYWORDS,
  ANY_TYPE,
  accepts,
  numberBounds,
  stricterBound,
  type Bound,
  patternFlags,
  stripAnnotations,
  typeBranches,
  valueType,
} from "../registry/field-schema.js";
import type { BaseType, JsonSchema } from "../registry/ir.js";
import { jsonEqual } from "../util/json.js";
import type { RuleId } from "./rules.js";

/** One way a schema changed, at a path below the field. */
export interface SchemaFinding {
  readonly rule: RuleId;
  /** Below the field: `""` for the field itself, `.sub`, `[]`, `[].sub`, `.*` (record values). */
  readonly path: string;
  /** Readable detail: `"client" | "broker" → "client"`, `minimum ≥ 0 → ≥ 1`. */
  readonly detail: string;
}

const STRUCTURAL = new Set(["type", "enum", "const", "anyOf", "oneOf"]);
const NUMERIC = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"];
const STRING = ["minLength", "maxLength", "pattern", "format"];
const ARRAY = ["items", "minItems", "maxItems", "uniqueItems"];
const OBJECT = ["properties", "required", "additionalProperties", "minProperties", "maxProperties"];
/** Keywords compared by a dedicated rule; any other keyword that differs is `schema-changed`. */
const COMPARED = new Set([...ANNOTATION_KEYWORDS, ...STRUCTURAL, ...NUMERIC, ...STRING, ...ARRAY, ...OBJECT]);

type Scalar = string | number | boolean | null;
/** `any` is a branch with no type at all (`z.unknown()`): it admits everything. */
type TypeName = BaseType;

interface Side {
  nullable: boolean;
  /** Non-null branches with a `type` (or none: `any`), split per type. */
  typed: JsonSchema[];
  /** Non-null values of `enum` / `const` branches. */
  values: Scalar[];
}

/** Every way `after` differs from `before`, grouped one finding per rule and path. */
export function compareSchemas(before: JsonSchema, after: JsonSchema, path = ""): SchemaFinding[] {
  const raw: SchemaFinding[] = [];
  compareInto(before, after, path, raw);
  // One finding per (rule, path): `format added: uuid; pattern added: …` reads as one change.
  const grouped = new Map<string, SchemaFinding>();
  for (const f of raw) {
    const key = `${f.rule}\0${f.path}`;
    const seen = grouped.get(key);
    grouped.set(key, seen ? { ...seen, detail: `${seen.detail}; ${f.detail}` } : f);
  }
  return [...grouped.values()];
}

function compareInto(before: JsonSchema, after: JsonSchema, path: string, out: SchemaFinding[]): void {
  if (jsonEqual(strip(before), strip(after))) return;
  const push = (rule: RuleId, detail: string, at = path) => out.push({ rule, path: at, detail });
  const a = side(before);
  const b = side(after);

  if (a.nullable && !b.nullable) push("nullable-removed", "null no longer allowed");
  if (!a.nullable && b.nullable) push("nullable-added", "null now allowed");

  // Types, ignoring constraints: what kinds of value can appear at all?
  const aTypes = typesOf(a);
  const bTypes = typesOf(b);
  const lost = aTypes.filter((t) => !admitsType(bTypes, t));
  const gained = bTypes.filter((t) => !admitsType(aTypes, t));
  // Disjoint both ways: integer and number overlap, so number → integer is a narrowing, not a change.
  const disjoint =
    aTypes.length > 0 && bTypes.length > 0 && lost.length === aTypes.length && gained.length === bTypes.length;
  if (disjoint) {
    push("type-changed", `${typeText(aTypes)} → ${typeText(bTypes)}`);
    return; // every finer difference is implied
  }
  if (lost.length) push("type-narrowed", `${typeText(aTypes)} → ${typeText(bTypes)}`);
  if (gained.length) push("type-widened", `${typeText(aTypes)} → ${typeText(bTypes)}`);

  // Enumerated values: which old values does the new schema reject, which new ones are unknown to the old?
  const removed = a.values.filter((v) => admitsType(bTypes, valueType(v)) && !admitsValue(b, v));
  const added = b.values.filter((v) => admitsType(aTypes, valueType(v)) && !admitsValue(a, v));
  if (removed.length) push("enum-member-removed", `${values(removed)} no longer allowed`);
  if (added.length) push("enum-member-added", `${values(added)} now allowed`);

  // A free type became an enumeration (string → "a" | "b"), or the reverse.
  for (const t of new Set(a.typed.map(typeOfBranch))) {
    if (t === ANY_TYPE || b.typed.some((s) => sameFamily(typeOfBranch(s), t))) continue;
    const enumerated = b.values.filter((v) => sameFamily(valueType(v), t));
    if (enumerated.length) push("constraint-tightened", `${t} → ${values(enumerated)}`);
  }
  for (const t of new Set(b.typed.map(typeOfBranch))) {
    if (t === ANY_TYPE || a.typed.some((s) => sameFamily(typeOfBranch(s), t))) continue;
    const enumerated = a.values.filter((v) => sameFamily(valueType(v), t));
    if (enumerated.length) push("constraint-loosened", `${values(enumerated)} → ${t}`);
  }

  // Typed branches present on both sides: compare their constraints.
  for (const [x, y] of pairBranches(a.typed, b.typed, (detail) => push("schema-changed", detail))) {
    compareBranch(x, y, path, out);
  }
}

/** Pairs old and new branches by type (integer pairs with number when that is all there is). */
function pairBranches(
  a: JsonSchema[],
  b: JsonSchema[],
  ambiguous: (detail: string) => void,
): [JsonSchema, JsonSchema][] {
  const pairs: [JsonSchema, JsonSchema][] = [];
  const families = new Set([...a, ...b].map((s) => family(typeOfBranch(s))));
  for (const fam of families) {
    const xs = a.filter((s) => family(typeOfBranch(s)) === fam);
    const ys = b.filter((s) => family(typeOfBranch(s)) === fam);
    if (!xs.length || !ys.length) continue;
    if (xs.length === 1 && ys.length === 1) pairs.push([xs[0]!, ys[0]!]);
    else if (!jsonEqual(xs.map(strip), ys.map(strip))) ambiguous(`the ${fam} branches of the union changed`);
  }
  return pairs;
}

function compareBranch(x: JsonSchema, y: JsonSchema, path: string, out: SchemaFinding[]): void {
  const tightened = (detail: string) => out.push({ rule: "constraint-tightened", path, detail });
  const loosened = (detail: string) => out.push({ rule: "constraint-loosened", path, detail });
  const t = typeOfBranch(y);

  if (t === "integer" || t === "number") {
    const integer = typeOfBranch(x) === "integer" && t === "integer";
    const b0 = numberBounds(x, integer);
    const b1 = numberBounds(y, integer);
    compareBound("minimum", b0.lower, b1.lower, 1, tightened, loosened);
    compareBound("maximum", b0.upper, b1.upper, -1, tightened, loosened);
    const m0 = num(x.multipleOf);
    const m1 = num(y.multipleOf);
    if (m0 !== m1) {
      if (m1 !== undefined && (m0 === undefined || !isMultiple(m0, m1)))
        tightened(`multipleOf ${m0 ?? "none"} → ${m1}`);
      else loosened(`multipleOf ${m0} → ${m1 ?? "none"}`);
    }
  }
  if (t === "string") {
    compareCount("minLength", num(x.minLength), num(y.minLength), "min", tightened, loosened);
    compareCount("maxLength", num(x.maxLength), num(y.maxLength), "max", tightened, loosened);
    for (const key of ["format", "pattern"] as const) {
      const v0 = x[key] as string | undefined;
      const v1 = y[key] as string | undefined;
      if (v0 === v1) continue;
      if (v1 === undefined) loosened(`${key} ${short(v0!)} removed`);
      else tightened(v0 === undefined ? `${key} ${short(v1)} added` : `${key} ${short(v0)} → ${short(v1)}`);
    }
  }
  if (t === "array") {
    compareCount("minItems", num(x.minItems), num(y.minItems), "min", tightened, loosened);
    compareCount("maxItems", num(x.maxItems), num(y.maxItems), "max", tightened, loosened);
    if (!x.uniqueItems && y.uniqueItems) tightened("items must now be unique");
    if (x.uniqueItems && !y.uniqueItems) loosened("items no longer need to be unique");
    if (isSchema(x.items) && isSchema(y.items)) compareInto(x.items, y.items, `${path}[]`, out);
    else if (!jsonEqual(x.items, y.items))
      out.push({ rule: "schema-changed", path: `${path}[]`, detail: "array items changed" });
  }
  if (t === "object") {
    compareCount("minProperties", num(x.minProperties), num(y.minProperties), "min", tightened, loosened);
    compareCount("maxProperties", num(x.maxProperties), num(y.maxProperties), "max", tightened, loosened);
    compareProperties(x, y, path, out);
    const ap0 = x.additionalProperties;
    const ap1 = y.additionalProperties;
    if (isSchema(ap0) && isSchema(ap1)) compareInto(ap0, ap1, `${path}.*`, out);
    else if (!jsonEqual(ap0, ap1)) {
      const open0 = ap0 === undefined || ap0 === true;
      const open1 = ap1 === undefined || ap1 === true;
      if (open0 && !open1)
        tightened(ap1 === false ? "unknown keys are now rejected" : "extra keys must now match a schema");
      else if (!open0 && open1) loosened("unknown keys are now allowed");
      else out.push({ rule: "schema-changed", path, detail: "additionalProperties changed" });
    }
  }

  // A branch without a type whose constraints changed (`{}` → `{ required: [...] }`): not reasoned about.
  if (t === ANY_TYPE && typeOfBranch(x) === ANY_TYPE && !jsonEqual(strip(x), strip(y))) {
    out.push({ rule: "schema-changed", path, detail: "constraints of an untyped value changed" });
    return;
  }
  const rest0 = uncompared(x);
  const rest1 = uncompared(y);
  if (!jsonEqual(rest0, rest1)) {
    const keys = [...new Set([...Object.keys(rest0), ...Object.keys(rest1)])]
      .filter((k) => !jsonEqual(rest0[k], rest1[k]))
      .sort();
    out.push({ rule: "schema-changed", path, detail: `${keys.join(", ")} changed` });
  }
}

/** Object properties: removed, added (required or optional), required-ness, then each property's schema. */
function compareProperties(x: JsonSchema, y: JsonSchema, path: string, out: SchemaFinding[]): void {
  const p0 = (isSchema(x.properties) ? x.properties : {}) as Record<string, JsonSchema>;
  const p1 = (isSchema(y.properties) ? y.properties : {}) as Record<string, JsonSchema>;
  const r0 = new Set(Array.isArray(x.required) ? (x.required as string[]) : []);
  const r1 = new Set(Array.isArray(y.required) ? (y.required as string[]) : []);
  // Required names with no property schema on either side: only their presence is constrained.
  for (const name of [...new Set([...r0, ...r1])].sort()) {
    if (Object.hasOwn(p0, name) || Object.hasOwn(p1, name) || r0.has(name) === r1.has(name)) continue;
    if (r1.has(name)) out.push({ rule: "constraint-tightened", path, detail: `key ${name} is now required` });
    else out.push({ rule: "constraint-loosened", path, detail: `key ${name} is no longer required` });
  }
  for (const name of [...new Set([...Object.keys(p0), ...Object.keys(p1)])].sort()) {
    const at = `${path}.${name}`;
    const s0 = p0[name];
    const s1 = p1[name];
    if (s0 && !s1) out.push({ rule: "field-removed", path: at, detail: "property removed" });
    else if (!s0 && s1) {
      out.push({
        rule: r1.has(name) ? "field-added-required" : "field-added-optional",
        path: at,
        detail: r1.has(name) ? "required property added" : "optional property added",
      });
      // The old object already let the key through (it was open): its values are constrained now.
      const open = keySchema(x, name);
      if (open !== undefined) compareInto(open, s1, at, out);
    } else if (s0 && s1) {
      if (!r0.has(name) && r1.has(name))
        out.push({ rule: "field-made-required", path: at, detail: "optional → required" });
      if (r0.has(name) && !r1.has(name))
        out.push({ rule: "field-made-optional", path: at, detail: "required → optional" });
      compareInto(s0, s1, at, out);
    }
  }
}

/** The schema an object applies to key `name` when no property declares it; undefined when the key is not allowed. */
function keySchema(s: JsonSchema, name: string): JsonSchema | undefined {
  const patterns = isSchema(s.patternProperties) ? s.patternProperties : {};
  const matched = Object.keys(patterns).filter((p) => new RegExp(p, patternFlags(p)).test(name));
  if (matched.length === 1) return patterns[matched[0]!] as JsonSchema;
  if (matched.length > 1) return {};
  const ap = s.additionalProperties;
  if (ap === false) return undefined;
  return isSchema(ap) ? ap : {};
}

function side(schema: JsonSchema): Side {
  const s: Side = { nullable: false, typed: [], values: [] };
  for (const b of typeBranches(schema)) {
    const vals = b.const !== undefined ? [b.const] : Array.isArray(b.enum) ? (b.enum as unknown[]) : undefined;
    if (vals) {
      // Sibling keywords (`type`, bounds, …) may rule some of the listed values out.
      for (const v of (vals as Scalar[]).filter((x) => accepts(b, x))) {
        if (v === null) s.nullable = true;
        else if (!s.values.some((w) => jsonEqual(w, v))) s.values.push(v);
      }
    } else if (b.type === "null") s.nullable = true;
    else s.typed.push(b);
  }
  return s;
}

function typeOfBranch(s: JsonSchema): TypeName {
  return typeof s.type === "string" ? (s.type as TypeName) : ANY_TYPE;
}

function typesOf(s: Side): TypeName[] {
  return [...new Set([...s.typed.map(typeOfBranch), ...s.values.map(valueType)])].sort();
}

/** Integers are numbers; `any` admits everything. */
function admitsType(types: readonly TypeName[], t: TypeName): boolean {
  return types.includes(ANY_TYPE) || types.includes(t) || (t === "integer" && types.includes("number"));
}

function family(t: TypeName): string {
  return t === "integer" ? "number" : t;
}

function sameFamily(a: TypeName, b: TypeName): boolean {
  return family(a) === family(b);
}

/** Whether one side accepts a value. */
function admitsValue(s: Side, v: Scalar): boolean {
  if (s.values.some((w) => jsonEqual(w, v))) return true;
  return s.typed.some((b) => accepts(b, v));
}

function compareBound(
  name: string,
  b0: Bound | undefined,
  b1: Bound | undefined,
  dir: 1 | -1,
  tightened: (d: string) => void,
  loosened: (d: string) => void,
): void {
  if (b0?.v === b1?.v && b0?.x === b1?.x) return;
  const detail = `${name} ${boundText(b0, dir)} → ${boundText(b1, dir)}`;
  if (b1 && (!b0 || stricterBound(b1, b0, dir))) tightened(detail);
  else loosened(detail);
}

function boundText(b: Bound | undefined, dir: 1 | -1): string {
  if (!b) return "none";
  return `${dir === 1 ? (b.x ? ">" : "≥") : b.x ? "<" : "≤"} ${b.v}`;
}

function compareCount(
  name: string,
  c0: number | undefined,
  c1: number | undefined,
  kind: "min" | "max",
  tightened: (d: string) => void,
  loosened: (d: string) => void,
): void {
  if (c0 === c1) return;
  const detail = `${name} ${c0 ?? "none"} → ${c1 ?? "none"}`;
  const tighter = c1 !== undefined && (c0 === undefined || (kind === "min" ? c1 > c0 : c1 < c0));
  if (tighter) tightened(detail);
  else loosened(detail);
}

function isMultiple(of: number, by: number): boolean {
  const q = of / by;
  return Math.abs(q - Math.round(q)) < 1e-9;
}

function num(v: unknown): number | undefined {
  return typeof v === "number" ? v : undefined;
}

function isSchema(v: unknown): v is JsonSchema {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function strip(v: unknown): JsonSchema {
  return stripAnnotations(v) as JsonSchema;
}

function uncompared(s: JsonSchema): Record<string, unknown> {
  return Object.fromEntries(Object.entries(s).filter(([k]) => !COMPARED.has(k)));
}

function typeText(types: readonly TypeName[]): string {
  return types.length ? types.join(" | ") : "nothing";
}

function values(vs: readonly Scalar[]): string {
  return vs.map((v) => JSON.stringify(v)).join(" | ");
}

function short(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
}
