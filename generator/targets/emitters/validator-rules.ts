/**
 * The data behind the generated validators: each field's JSON Schema reduced to the
 * keywords that constrain values, written as a TypeScript literal. The generated runtime
 * (`logpact-runtime.ts`) interprets it; this module only prepares and checks it.
 */
import { DiagnosticError } from "../../errors.js";
import type { EventIR, FamilyIR, JsonSchema } from "../../registry/ir.js";

/** Keywords that only describe: dropped from validator data (they are in the JSDoc instead). */
const ANNOTATIONS = new Set([
  "description",
  "title",
  "examples",
  "deprecated",
  "contentEncoding",
  "contentMediaType",
  "$comment",
]);
/** Keywords the generated runtime checks. Anything else is refused at generation time. */
export const SUPPORTED_KEYWORDS = new Set([
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
const SCHEMA_MAPS = new Set(["properties", "patternProperties"]);
const SCHEMA_LISTS = new Set(["anyOf", "oneOf", "allOf", "prefixItems"]);
const SCHEMA_SINGLES = new Set(["additionalProperties", "not", "propertyNames", "contains", "additionalItems"]);

type Schema = JsonSchema | boolean;

interface Where {
  family: FamilyIR;
  event: EventIR;
  field: string;
}

function unsupported(keyword: string, path: string, where: Where): DiagnosticError {
  const fix =
    keyword === "$ref"
      ? "inline the referenced schema (recursive field types are not supported in log fields)"
      : `express the constraint with supported keywords (${[...SUPPORTED_KEYWORDS].slice(0, 8).join(", ")}, …), or disable the emitters target (targets.emitters.enabled: false)`;
  return new DiagnosticError({
    code: "LP_EMITTER_UNSUPPORTED_SCHEMA",
    severity: "error",
    message: `field schema at "${path}" uses the JSON Schema keyword "${keyword}", which the generated validator cannot check`,
    fix,
    file: where.family.source.file,
    family: where.family.name,
    event: where.event.name,
    field: where.field,
  });
}

/** The schema without annotations; throws on a keyword the generated validator cannot check. */
export function ruleSchema(schema: Schema, where: Where, path = where.field): Schema {
  if (typeof schema === "boolean") return schema;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(schema).sort()) {
    const value = schema[key];
    if (ANNOTATIONS.has(key)) continue;
    if (!SUPPORTED_KEYWORDS.has(key)) throw unsupported(key, path, where);
    if (SCHEMA_MAPS.has(key) && value && typeof value === "object") {
      out[key] = Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((k) => [k, ruleSchema((value as Record<string, Schema>)[k]!, where, `${path}.${k}`)]),
      );
    } else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) {
      out[key] = value.map((v: Schema, i) => ruleSchema(v, where, `${path}(${key} #${i + 1})`));
    } else if (SCHEMA_SINGLES.has(key) && (typeof value === "boolean" || (value && typeof value === "object"))) {
      out[key] = ruleSchema(value as Schema, where, `${path}.${key}`);
    } else if (key === "items") {
      out[key] = Array.isArray(value)
        ? value.map((v: Schema, i) => ruleSchema(v, where, `${path}[${i}]`))
        : ruleSchema(value as Schema, where, `${path}[]`);
    } else {
      out[key] = value;
    }
  }
  return out;
}
