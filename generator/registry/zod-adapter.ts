/**
 * The only place that knows Zod's internals. It reads Zod 4 (`_zod.def`) and Zod 3
 * (`_def.typeName`, incl. `zod/v3`) schemas through one small interface, so the IR
 * builder never branches on the Zod version.
 */
import { z } from "zod";
import type { zodToJsonSchema as ZodToJsonSchema } from "zod-to-json-schema";
import { lazyRequire } from "../util/lazy-require.js";
import type { JsonSchema } from "./ir.js";

/**
 * zod-to-json-schema, loaded on the first `zod/v3` schema: it pulls in Zod 3's own
 * modules, ~45 ms of start-up that every command paid though only v3 families need it.
 */
const zodToJsonSchemaLib = lazyRequire<{ zodToJsonSchema: typeof ZodToJsonSchema }>("zod-to-json-schema");

export type ZodVersion = "v3" | "v4";
// Zod schemas arrive from user modules as untyped values; this alias keeps that honest.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyZod = any;

/** "v4", "v3", or undefined when the value is not a Zod schema. */
export function zodVersion(value: unknown): ZodVersion | undefined {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return undefined;
  const v = value as { _zod?: { def?: unknown }; _def?: { typeName?: unknown } };
  if (v._zod && typeof v._zod === "object" && v._zod.def) return "v4";
  if (v._def && typeof v._def === "object" && typeof v._def.typeName === "string") return "v3";
  return undefined;
}

const V3_KINDS: Record<string, string> = {
  ZodString: "string",
  ZodNumber: "number",
  ZodBigInt: "bigint",
  ZodBoolean: "boolean",
  ZodDate: "date",
  ZodSymbol: "symbol",
  ZodUndefined: "undefined",
  ZodNull: "null",
  ZodAny: "any",
  ZodUnknown: "unknown",
  ZodNever: "never",
  ZodVoid: "void",
  ZodArray: "array",
  ZodObject: "object",
  ZodUnion: "union",
  ZodDiscriminatedUnion: "union",
  ZodIntersection: "intersection",
  ZodTuple: "tuple",
  ZodRecord: "record",
  ZodMap: "map",
  ZodSet: "set",
  ZodFunction: "function",
  ZodLazy: "lazy",
  ZodLiteral: "literal",
  ZodEnum: "enum",
  ZodNativeEnum: "enum",
  ZodOptional: "optional",
  ZodNullable: "nullable",
  ZodDefault: "default",
  ZodCatch: "catch",
  ZodPromise: "promise",
  ZodBranded: "branded",
  ZodPipeline: "pipe",
  ZodReadonly: "readonly",
  ZodNaN: "nan",
};

/** Normalised kind name (Zod 4's `def.type` vocabulary; Zod 3 mapped onto it). */
export function kindOf(schema: AnyZod): string {
  if (zodVersion(schema) === "v4") return schema._zod.def.type as string;
  const typeName = schema._def.typeName as string;
  if (typeName === "ZodEffects") {
    // .refine()/.superRefine() keep the output type; .transform()/.preprocess() do not.
    return schema._def.effect?.type === "refinement" ? "refinement" : "transform";
  }
  return V3_KINDS[typeName] ?? typeName;
}

/** Kinds that pass their value through unchanged and carry an inner schema. */
const WRAPPERS = new Set(["optional", "nullable", "readonly", "nonoptional", "branded", "refinement"]);

function innerOf(schema: AnyZod): AnyZod {
  if (zodVersion(schema) === "v4") return schema._zod.def.innerType;
  const def = schema._def;
  return def.innerType ?? def.schema ?? def.type;
}

/** Direct child schemas with the path segment that leads to each (for error paths). */
export function childrenOf(schema: AnyZod): [string, AnyZod][] {
  const kind = kindOf(schema);
  const v4 = zodVersion(schema) === "v4";
  const def = v4 ? schema._zod.def : schema._def;
  switch (kind) {
    case "object":
      return Object.entries(objectShape(schema));
    case "array":
      return [["[]", v4 ? def.element : def.type]];
    case "union":
      return unionOptions(schema).map((o, i) => [`|${i}`, o] as [string, AnyZod]);
    case "intersection":
      return [
        ["&0", def.left],
        ["&1", def.right],
      ];
    case "tuple":
      return [
        ...(def.items as AnyZod[]).map((s, i) => [`[${i}]`, s] as [string, AnyZod]),
        ...(def.rest ? [["[...]", def.rest] as [string, AnyZod]] : []),
      ];
    case "record":
      return [["{}", def.valueType]];
    case "pipe":
      return [
        ["<in>", def.in],
        ["<out>", def.out],
      ];
    default:
      if (WRAPPERS.has(kind) || ["default", "catch", "prefault"].includes(kind)) return [["", innerOf(schema)]];
      return [];
  }
}

export function objectShape(schema: AnyZod): Record<string, AnyZod> {
  if (zodVersion(schema) === "v4") return schema._zod.def.shape as Record<string, AnyZod>;
  const shape = schema._def.shape;
  return (typeof shape === "function" ? shape() : shape) as Record<string, AnyZod>;
}

export function unionOptions(schema: AnyZod): AnyZod[] {
  if (zodVersion(schema) === "v4") return [...schema._zod.def.options];
  const options = schema._def.options;
  return options instanceof Map ? [...options.values()] : [...options];
}

/** True when the object rejects unknown keys (`.strict()` / `z.strictObject`). */
export function isStrictObject(schema: AnyZod): boolean {
  if (zodVersion(schema) === "v4") {
    const catchall = schema._zod.def.catchall;
    return catchall !== undefined && catchall._zod.def.type === "never";
  }
  return schema._def.unknownKeys === "strict";
}

/** Literal values of a literal schema (through wrappers), else undefined. */
export function literalValues(schema: AnyZod): { values: unknown[]; optional: boolean } | undefined {
  let cur = schema;
  let optional = false;
  while (WRAPPERS.has(kindOf(cur))) {
    if (kindOf(cur) === "optional") optional = true;
    cur = innerOf(cur);
  }
  if (kindOf(cur) !== "literal") return undefined;
  const values = zodVersion(cur) === "v4" ? [...cur._zod.def.values] : [cur._def.value];
  return { values, optional };
}

/**
 * Custom checks (`.refine`, `.superRefine`, `.check(fn)`) on the schema and anything
 * inside it: Zod runs them, JSON Schema cannot say them.
 */
export function customChecks(schema: AnyZod, deep = true): number {
  let n = 0;
  if (zodVersion(schema) === "v4") {
    for (const c of (schema._zod.def.checks ?? []) as AnyZod[]) if (c?._zod?.def?.check === "custom") n++;
  } else if (kindOf(schema) === "refinement") n++;
  for (const [seg, child] of childrenOf(schema)) {
    // Not deep: only wrappers (v3 ZodEffects, optional, …), not the object's fields.
    if (child !== undefined && (deep || seg === "")) n += customChecks(child, deep);
  }
  return n;
}

/** The schema's own metadata (`.meta()` in Zod 4; only the description in Zod 3). */
export function ownMeta(schema: AnyZod): Record<string, unknown> {
  if (zodVersion(schema) === "v4") {
    const meta = typeof schema.meta === "function" ? schema.meta() : undefined;
    return meta && typeof meta === "object" ? { ...meta } : {};
  }
  const description = schema._def.description;
  return typeof description === "string" ? { description } : {};
}

/**
 * Metadata of a field through its wrappers: `.meta()` may sit on the inner schema
 * or on `.optional()` / `.nullable()` around it; the outer one wins per key.
 */
export function fieldMeta(schema: AnyZod): Record<string, unknown> {
  const layers: Record<string, unknown>[] = [];
  let cur = schema;
  for (;;) {
    layers.push(ownMeta(cur));
    if (!WRAPPERS.has(kindOf(cur))) break;
    cur = innerOf(cur);
  }
  return Object.assign({}, ...layers.reverse());
}

/** Result of validating a value against a schema with the schema's own Zod. */
export function check(schema: AnyZod, value: unknown): { ok: true } | { ok: false; problem: string } {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true };
  const issue = (result.error.issues ?? result.error.errors ?? [])[0];
  const path = issue?.path?.length ? `${issue.path.join(".")}: ` : "";
  return { ok: false, problem: `${path}${issue?.message ?? "invalid"}` };
}

export type Draft = "2020-12" | "draft-07";

/** JSON Schema of the schema's *output* (what a log line carries), Zod metadata included. */
export function toJsonSchema(schema: AnyZod, draft: Draft): JsonSchema {
  if (zodVersion(schema) === "v4") {
    return z.toJSONSchema(schema, {
      target: draft === "draft-07" ? "draft-07" : "draft-2020-12",
      io: "output",
      unrepresentable: "any",
      cycles: "ref",
      reused: "inline",
    }) as JsonSchema;
  }
  return zodToJsonSchemaLib().zodToJsonSchema(schema, {
    target: draft === "draft-07" ? "jsonSchema7" : "jsonSchema2019-09",
    $refStrategy: "none",
    effectStrategy: "input",
  }) as JsonSchema;
}
