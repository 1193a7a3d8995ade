/**
 * The object-level engine for the lines the byte-level fast path leaves: a parsed line
 * checked against its compiled line schema (schema-node.ts), giving ajv's verdict and, on
 * request, ajv's errors (same keywords, params, messages, instance paths and order as
 * ajv's `allErrors` mode), so `explainErrors` words a violation exactly as it would with
 * ajv. With it, a run never loads or compiles ajv (about 0.2 s per thread) for events
 * whose schemas use only the keywords compiled here; the others still go to ajv.
 *
 * ajv's order, which the errors follow: a `type` error up front (unless the type is
 * checked inside its keyword group), then `const`/`enum`, then `anyOf`, then the number
 * group (maximum, minimum, exclusiveMaximum, exclusiveMinimum, multipleOf), the string
 * group (maxLength, minLength, pattern, format), the array group (maxItems, minItems, items) and the
 * object group (required, additionalProperties, properties).
 */
import type { ErrorObject } from "ajv";
import {
  T_ARRAY,
  T_BOOLEAN,
  T_INTEGER,
  T_NULL,
  T_NUMBER,
  T_OBJECT,
  T_STRING,
  TRIVIAL,
  type Check,
  type Node,
  type ObjectShape,
} from "./schema-node.js";
import { codePointLength, isMultipleOf } from "../registry/field-schema.js";

/** ajv's data types (strictNumbers: a non-finite number is no number). */
function typeOk(types: number, v: unknown): boolean {
  switch (typeof v) {
    case "string":
      return (types & T_STRING) !== 0;
    case "boolean":
      return (types & T_BOOLEAN) !== 0;
    case "number":
      return Number.isFinite(v) && ((types & T_NUMBER) !== 0 || ((types & T_INTEGER) !== 0 && Number.isInteger(v)));
    case "object":
      return v === null
        ? (types & T_NULL) !== 0
        : Array.isArray(v)
          ? (types & T_ARRAY) !== 0
          : (types & T_OBJECT) !== 0;
    default:
      return false;
  }
}

/** A JSON-pointer segment, escaped as ajv's instancePath does. */
function segment(key: string): string {
  return key.includes("~") || key.includes("/") ? key.replace(/~/g, "~0").replace(/\//g, "~1") : key;
}

type Errors = ErrorObject[] | undefined;

function fail(
  errors: ErrorObject[],
  instancePath: string,
  keyword: string,
  params: Record<string, unknown>,
  message: string,
): void {
  errors.push({ instancePath, schemaPath: "", keyword, params, message });
}

/**
 * Whether `v` satisfies `node`. With `errors`, every error is appended in ajv's order
 * (allErrors); without, it stops at the first failure.
 */
export function evaluate(node: Node, v: unknown, path: string, errors: Errors): boolean {
  if (node.trivial) return true;
  if (node.never) {
    if (errors) fail(errors, path, "false schema", {}, "boolean schema is false");
    return false;
  }
  const c = node.own;
  let ok = true;
  if (c !== undefined) {
    if (c.types !== 0 && !c.typeDeferred && !typeOk(c.types, v)) {
      if (!errors) return false;
      ok = false;
      fail(errors, path, "type", { type: c.typeText }, `must be ${c.typeText}`);
    }
    if (c.enumSet !== undefined && !c.enumSet.has(v)) {
      if (!errors) return false;
      ok = false;
      if (c.isConst) fail(errors, path, "const", { allowedValue: [...c.enumSet][0] }, "must be equal to constant");
      else fail(errors, path, "enum", { allowedValues: [...c.enumSet] }, "must be equal to one of the allowed values");
    }
  }
  const anyOf = node.anyOf;
  if (anyOf !== undefined) {
    const mark = errors?.length ?? 0;
    let any = false;
    for (const branch of anyOf) {
      if (evaluate(branch, v, path, errors)) {
        any = true;
        break;
      }
    }
    if (any) {
      if (errors) errors.length = mark;
    } else {
      if (!errors) return false;
      ok = false;
      fail(errors, path, "anyOf", {}, "must match a schema in anyOf");
    }
  }
  if (c !== undefined && !groups(c, v, path, errors)) ok = false;
  return ok;
}

function typeError(c: Check, path: string, errors: Errors): false {
  if (errors) fail(errors, path, "type", { type: c.typeText }, `must be ${c.typeText}`);
  return false;
}

/** The typed keyword groups of one schema object, in ajv's order. */
function groups(c: Check, v: unknown, path: string, errors: Errors): boolean {
  let ok = true;
  const bad = (keyword: string, params: Record<string, unknown>, message: string): boolean => {
    ok = false;
    if (errors) fail(errors, path, keyword, params, message);
    return errors !== undefined;
  };
  if (c.numberGroup) {
    if (typeof v === "number" && Number.isFinite(v)) {
      if (v > c.maximum && !bad("maximum", { comparison: "<=", limit: c.maximum }, `must be <= ${c.maximum}`))
        return false;
      if (v < c.minimum && !bad("minimum", { comparison: ">=", limit: c.minimum }, `must be >= ${c.minimum}`))
        return false;
      if (
        v >= c.exclusiveMaximum &&
        !bad("exclusiveMaximum", { comparison: "<", limit: c.exclusiveMaximum }, `must be < ${c.exclusiveMaximum}`)
      )
        return false;
      if (
        v <= c.exclusiveMinimum &&
        !bad("exclusiveMinimum", { comparison: ">", limit: c.exclusiveMinimum }, `must be > ${c.exclusiveMinimum}`)
      )
        return false;
      if (
        c.multipleOf !== undefined &&
        !isMultipleOf(v, c.multipleOf) &&
        !bad("multipleOf", { multipleOf: c.multipleOf }, `must be multiple of ${c.multipleOf}`)
      )
        return false;
    } else if (c.typeDeferred && c.types === T_NUMBER && !typeError(c, path, errors)) {
      if (!errors) return false;
      ok = false;
    }
  }
  if (c.stringGroup) {
    if (typeof v === "string") {
      const len = c.minLength > 0 || c.maxLength !== Infinity ? codePointLength(v) : 0;
      if (
        len > c.maxLength &&
        !bad("maxLength", { limit: c.maxLength }, `must NOT have more than ${c.maxLength} characters`)
      )
        return false;
      if (
        len < c.minLength &&
        !bad("minLength", { limit: c.minLength }, `must NOT have fewer than ${c.minLength} characters`)
      )
        return false;
      for (let i = 0; i < c.patterns.length; i++) {
        if (
          !c.patterns[i]!.test(v) &&
          !bad("pattern", { pattern: c.patternSources[i] }, `must match pattern "${c.patternSources[i]}"`)
        )
          return false;
      }
      if (
        c.format !== undefined &&
        !c.format.test(v) &&
        !bad("format", { format: c.format.name }, `must match format "${c.format.name}"`)
      )
        return false;
    } else if (c.typeDeferred && c.types === T_STRING && !typeError(c, path, errors)) {
      if (!errors) return false;
      ok = false;
    }
  }
  const arr = c.array;
  if (arr !== undefined) {
    if (Array.isArray(v)) {
      if (
        v.length > arr.maxItems &&
        !bad("maxItems", { limit: arr.maxItems }, `must NOT have more than ${arr.maxItems} items`)
      )
        return false;
      if (
        v.length < arr.minItems &&
        !bad("minItems", { limit: arr.minItems }, `must NOT have fewer than ${arr.minItems} items`)
      )
        return false;
      if (!arr.items.trivial) {
        for (let i = 0; i < v.length; i++) {
          if (!evaluate(arr.items, v[i], `${path}/${i}`, errors)) {
            if (!errors) return false;
            ok = false;
          }
        }
      }
    } else if (c.typeDeferred && c.types === T_ARRAY && !typeError(c, path, errors)) {
      if (!errors) return false;
      ok = false;
    }
  }
  const obj = c.object;
  if (obj !== undefined) {
    if (v !== null && typeof v === "object" && !Array.isArray(v)) {
      if (!object(obj, v as Record<string, unknown>, path, errors)) {
        if (!errors) return false;
        ok = false;
      }
    } else if (c.typeDeferred && c.types === T_OBJECT && !typeError(c, path, errors)) {
      if (!errors) return false;
      ok = false;
    }
  }
  return ok;
}

/** required, additionalProperties, properties: ajv's object group. */
function object(shape: ObjectShape, o: Record<string, unknown>, path: string, errors: Errors): boolean {
  let ok = true;
  const names = shape.table.names;
  for (const k of shape.required) {
    const name = names[k]!;
    if (o[name] === undefined) {
      if (!errors) return false;
      ok = false;
      fail(errors, path, "required", { missingProperty: name }, `must have required property '${name}'`);
    }
  }
  if (shape.additional !== TRIVIAL) {
    for (const key in o) {
      const k = names.indexOf(key);
      if (k >= 0 && k < shape.propCount) continue;
      if (shape.additional === undefined) {
        if (!errors) return false;
        ok = false;
        fail(errors, path, "additionalProperties", { additionalProperty: key }, "must NOT have additional properties");
      } else if (!evaluate(shape.additional, o[key], `${path}/${segment(key)}`, errors)) {
        if (!errors) return false;
        ok = false;
      }
    }
  }
  for (let k = 0; k < shape.propCount; k++) {
    const value = o[names[k]!];
    if (value !== undefined && !evaluate(shape.nodes[k]!, value, `${path}/${segment(names[k]!)}`, errors)) {
      if (!errors) return false;
      ok = false;
    }
  }
  return ok;
}
