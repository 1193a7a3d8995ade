/**
 * Small, pure helpers over JSON Schema fragments: clean Zod's output down to standard
 * keywords, and describe a field's type for people and for type comparisons.
 */
import type { BaseType, JsonSchema } from "./ir.js";

/** Keywords kept from converter output; everything else (custom `.meta()` keys) is dropped. */
const STANDARD_KEYWORDS = new Set([
  "type",
  "enum",
  "const",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "prefixItems",
  "minItems",
  "maxItems",
  "uniqueItems",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minLength",
  "maxLength",
  "pattern",
  "format",
  "anyOf",
  "oneOf",
  "allOf",
  "not",
  "description",
  "title",
  "examples",
  "deprecated",
  "patternProperties",
  "propertyNames",
  "minProperties",
  "maxProperties",
  "contentEncoding",
  "contentMediaType",
  "additionalItems",
  "$ref",
  "$defs",
  "definitions",
  "contains",
  "minContains",
  "maxContains",
  "dependentRequired",
]);
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "$defs", "definitions"]);
const SCHEMA_LISTS = new Set(["anyOf", "oneOf", "allOf", "prefixItems"]);
const SCHEMA_SINGLES = new Set([
  "items",
  "additionalProperties",
  "not",
  "propertyNames",
  "contains",
  "additionalItems",
]);

/**
 * `format` values JSON Schema defines. Zod also writes its own (`starts_with`, `lowercase`,
 * `cuid`, `nanoid`, `emoji`, `cidrv4`, …) beside a `pattern` that says the same thing;
 * validators in strict mode (ajv) reject an unknown format, so only these are kept.
 */
const STANDARD_FORMATS = new Set([
  "date-time",
  "date",
  "time",
  "duration",
  "email",
  "idn-email",
  "hostname",
  "idn-hostname",
  "ipv4",
  "ipv6",
  "uri",
  "uri-reference",
  "iri",
  "iri-reference",
  "uuid",
  "uri-template",
  "json-pointer",
  "relative-json-pointer",
  "regex",
]);

/** Zod's `.int()` bounds every integer by ±2^53-1; that is noise in a log contract. */
const SAFE_MAX = Number.MAX_SAFE_INTEGER;

/** Standard keywords only, no `$schema`, no safe-integer bounds; recursive; returns a new object. */
export function cleanSchema(node: unknown): JsonSchema {
  if (node === null || typeof node !== "object" || Array.isArray(node)) return node as JsonSchema;
  const src = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(src)) {
    if (!STANDARD_KEYWORDS.has(key)) continue;
    if (SCHEMA_MAPS.has(key) && value && typeof value === "object") {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleanSchema(v)]));
    } else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) {
      out[key] = value.map(cleanSchema);
    } else if (SCHEMA_SINGLES.has(key) && value && typeof value === "object" && !Array.isArray(value)) {
      out[key] = cleanSchema(value);
    } else if (key === "items" && Array.isArray(value)) {
      out[key] = value.map(cleanSchema);
    } else {
      out[key] = value;
    }
  }
  if (typeof out.format === "string" && !STANDARD_FORMATS.has(out.format)) delete out.format;
  if (out.maximum === SAFE_MAX) delete out.maximum;
  if (out.minimum === -SAFE_MAX) delete out.minimum;
  return out;
}

function branches(schema: JsonSchema): JsonSchema[] {
  const list = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  return Array.isArray(list) ? list : [schema];
}

function typesOfBranch(s: JsonSchema): string[] {
  if (Array.isArray(s.type)) return s.type as string[];
  if (typeof s.type === "string") return [s.type];
  const values = s.const !== undefined ? [s.const] : Array.isArray(s.enum) ? (s.enum as unknown[]) : undefined;
  if (values) return values.map((v) => (v === null ? "null" : Number.isInteger(v) ? "integer" : typeof v));
  if (s.anyOf || s.oneOf) return branches(s).flatMap(typesOfBranch);
  return ["mixed"];
}

/** Whether the schema admits `null`. */
export function isNullable(schema: JsonSchema): boolean {
  return branches(schema).some((b) => typesOfBranch(b).includes("null"));
}

/** JSON types other than null, sorted and de-duplicated. */
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

/** A readable type: `integer ≥ 0`, `"client" | "broker"`, `string (uuid) | null`, `string[]`. */
export function displayType(schema: JsonSchema): string {
  const list = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(list)) return [...new Set(list.map(displayType))].join(" | ");
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
      return schema.items && typeof schema.items === "object" && !Array.isArray(schema.items)
        ? `${wrapUnion(displayType(schema.items as JsonSchema))}[]`
        : "array";
    case "object":
    case "boolean":
    case "null":
      return schema.type;
    default:
      return "any";
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
