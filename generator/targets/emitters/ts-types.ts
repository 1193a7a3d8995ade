/**
 * JSON Schema fragment (a field's schema from the IR) → TypeScript type text.
 *
 * The type is what a call site may pass, so it is as tight as TypeScript can say it:
 * literal unions for enums and consts, `readonly` tuples and arrays, closed object types
 * (optional keys without `| undefined`, for `exactOptionalPropertyTypes`), `| null` only
 * where the schema admits null. Constraints TypeScript cannot express (ranges, patterns,
 * lengths) are left to the docs and to the validation mode.
 */
import { unionMembers } from "../../registry/field-schema.js";
import type { JsonSchema } from "../../registry/ir.js";
import { docText, renderDoc } from "./doc.js";
import { propertyKey } from "./names.js";

type Schema = JsonSchema | boolean;

/** Keywords whose value is a JSON Schema dialect detail, not a type. */
const PRIMITIVES: Record<string, string> = {
  string: "string",
  number: "number",
  integer: "number",
  boolean: "boolean",
  null: "null",
};

function literal(value: unknown): string {
  if (value === null || typeof value === "string" || typeof value === "boolean") return JSON.stringify(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "number";
  // Object and array constants: their JSON shape as a readonly type.
  if (Array.isArray(value)) return `readonly [${value.map(literal).join(", ")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.length
      ? `{ ${entries.map(([k, v]) => `readonly ${propertyKey(k)}: ${literal(v)}`).join("; ")} }`
      : "Readonly<Record<string, never>>";
  }
  return "unknown";
}

function union(parts: string[]): string {
  const unique = [...new Set(parts)];
  if (unique.includes("unknown")) return "unknown";
  const kept = unique.length > 1 ? unique.filter((p) => p !== "never") : unique;
  return kept.length ? kept.map((p) => (kept.length > 1 && needsParens(p) ? `(${p})` : p)).join(" | ") : "never";
}

function needsParens(type: string): boolean {
  // Function-free output: only unions/intersections at the top level need grouping.
  let depth = 0;
  for (const ch of type) {
    if ("([{<".includes(ch)) depth++;
    else if (")]}>".includes(ch)) depth--;
    else if (depth === 0 && (ch === "|" || ch === "&")) return true;
  }
  return false;
}

/** TypeScript type of a JSON Schema; multi-line object types are indented by `indent`. */
export function tsType(schema: Schema, indent = ""): string {
  if (schema === true) return "unknown";
  if (schema === false) return "never";
  if (schema.const !== undefined) return literal(schema.const);
  if (Array.isArray(schema.enum)) return union(schema.enum.map(literal));
  const branches = unionMembers(schema);
  if (branches) {
    const { anyOf: _a, oneOf: _o, ...rest } = schema;
    const base = hasTypeInfo(rest) ? [tsType(rest, indent)] : [];
    const alt = union(branches.map((b) => tsType(b, indent)));
    return base.length ? `${wrap(base[0]!)} & (${alt})` : alt;
  }
  if (Array.isArray(schema.allOf)) {
    const { allOf, ...rest } = schema;
    const parts = [
      ...(hasTypeInfo(rest) ? [tsType(rest, indent)] : []),
      ...(allOf as Schema[]).map((b) => tsType(b, indent)),
    ].filter((p) => p !== "unknown");
    return parts.length ? parts.map(wrap).join(" & ") : "unknown";
  }
  const types = Array.isArray(schema.type)
    ? (schema.type as string[])
    : typeof schema.type === "string"
      ? [schema.type]
      : inferTypes(schema);
  if (!types.length) return "unknown";
  return union(types.map((t) => single(t, schema, indent)));
}

/**
 * The type of a property: optional ones also take `undefined` (JSON drops it, so the line is
 * the same as with the key absent, and callers can forward maybe-values).
 */
export function optional(type: string, required: boolean): string {
  if (required || type === "unknown") return type;
  return `${type} | undefined`;
}

function wrap(type: string): string {
  return needsParens(type) ? `(${type})` : type;
}

function hasTypeInfo(schema: JsonSchema): boolean {
  return ["type", "const", "enum", "properties", "items", "prefixItems", "allOf"].some((k) => schema[k] !== undefined);
}

/** A schema without `type` still constrains by its keywords (`properties` means object, …). */
function inferTypes(schema: JsonSchema): string[] {
  if (schema.properties || schema.additionalProperties !== undefined || schema.patternProperties) return ["object"];
  if (schema.items !== undefined || schema.prefixItems) return ["array"];
  return [];
}

function single(type: string, schema: JsonSchema, indent: string): string {
  const primitive = PRIMITIVES[type];
  if (primitive) return primitive;
  if (type === "array") return arrayType(schema, indent);
  if (type === "object") return objectType(schema, indent);
  return "unknown";
}

function arrayType(schema: JsonSchema, indent: string): string {
  // 2020-12 tuples: prefixItems (+ items for the rest); draft-07 tuples: items as an array.
  const prefix = (
    Array.isArray(schema.prefixItems) ? schema.prefixItems : Array.isArray(schema.items) ? schema.items : undefined
  ) as Schema[] | undefined;
  const rest = (Array.isArray(schema.items) ? schema.additionalItems : schema.items) as Schema | undefined;
  if (prefix) {
    const minItems = typeof schema.minItems === "number" ? schema.minItems : 0;
    const elements = prefix.map((s, i) => `${tsType(s, indent)}${i < minItems ? "" : "?"}`);
    if (rest !== false) elements.push(`...${wrapArrayElement(tsType(rest ?? true, indent))}[]`);
    return `readonly [${elements.join(", ")}]`;
  }
  return `readonly ${wrapArrayElement(tsType(rest ?? true, indent))}[]`;
}

function wrapArrayElement(type: string): string {
  return needsParens(type) || type.startsWith("readonly ") ? `(${type})` : type;
}

function objectType(schema: JsonSchema, indent: string): string {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set((schema.required ?? []) as string[]);
  const additional = schema.additionalProperties as Schema | undefined;
  const names = Object.keys(properties);
  // Keys beyond `properties` are allowed unless additionalProperties is false.
  const open = additional !== false || schema.patternProperties !== undefined;
  const restType =
    additional === undefined || additional === true || names.length || schema.patternProperties
      ? "unknown"
      : tsType(additional, indent);
  if (!names.length) return open ? `{ readonly [key: string]: ${restType} }` : "Readonly<Record<string, never>>";
  const inner = `${indent}  `;
  const lines: string[] = ["{"];
  for (const name of names) {
    const prop = properties[name]!;
    const description = typeof prop === "object" && typeof prop.description === "string" ? prop.description : undefined;
    const doc = description ? renderDoc(docText(description), inner) : "";
    if (doc) lines.push(doc);
    lines.push(
      `${inner}readonly ${propertyKey(name)}${required.has(name) ? "" : "?"}: ${optional(tsType(prop, inner), required.has(name))};`,
    );
  }
  if (open) lines.push(`${inner}readonly [key: string]: ${restType};`);
  lines.push(`${indent}}`);
  return lines.join("\n");
}
