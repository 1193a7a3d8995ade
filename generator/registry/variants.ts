/**
 * Events with variants: one event whose payload is a union told apart by a second literal
 * field (`idempotency.failed_open` with `reason: "unavailable"`, or `reason: "error"` plus
 * `err`). The registry core builds each union member as an event first; `mergeVariants`
 * then folds members that share an `event` literal into one event carrying its variants.
 *
 * Every consumer of the IR reads variants through the helpers here (which variant a value
 * selects, how a variant is named in messages), so no target re-derives them.
 */
import type { Diagnostic } from "../errors.js";
import { jsonEqual } from "../util/json.js";
import type { EventIR, FieldIR, JsonSchema, VariantIR } from "./ir.js";
import { baseTypes, displayType, enumValues, isNullable } from "./field-schema.js";

/** A discriminator value: the one literal a variant's discriminator field carries. */
export type VariantValue = VariantIR["value"];

type Where = { readonly file: string; readonly family: string };

/**
 * Folds events of one family that share a name into one event with variants (declaration
 * order kept). Members with no literal field telling them apart are reported as
 * LP_DUPLICATE_EVENT (the first is kept so later checks still run); conflicting
 * event-level metadata as LP_VARIANT_META_CONFLICT.
 */
export function mergeVariants(events: readonly EventIR[], where: Where, out: Diagnostic[]): EventIR[] {
  const groups = new Map<string, EventIR[]>();
  for (const e of events) {
    const g = groups.get(e.name);
    if (g) g.push(e);
    else groups.set(e.name, [e]);
  }
  const merged: EventIR[] = [];
  for (const [name, members] of groups) {
    if (members.length === 1) {
      merged.push(members[0]!);
      continue;
    }
    const at = { ...where, event: name };
    const discriminator = findDiscriminator(members);
    if (discriminator === undefined) {
      out.push({
        code: "LP_DUPLICATE_EVENT",
        severity: "error",
        ...at,
        message: `event "${name}" is declared ${members.length} times in this family, and no literal field tells the declarations apart`,
        fix: `if they are variants of one event, give each a required literal field with its own value (e.g. \`reason: z.literal("timeout")\` on one, \`reason: z.literal("error")\` on the other); otherwise remove one declaration or rename it`,
      });
      merged.push(members[0]!);
      continue;
    }
    const event = mergeMembers(name, discriminator, members, at, out);
    if (event) merged.push(event);
  }
  return merged;
}

/** The literal value of `field` in a built event, when it is one required, non-null literal. */
function literalOf(event: EventIR, field: string): VariantValue | undefined {
  const f = event.fields.find((x) => x.name === field);
  if (!f || !f.required || f.nullable || f.enum?.length !== 1) return undefined;
  const v = f.enum[0];
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : undefined;
}

/** The first field (by name) that every member declares as a literal, with a different value in each. */
function findDiscriminator(members: readonly EventIR[]): string | undefined {
  const names = members[0]!.fields.map((f) => f.name);
  return names.find((name) => {
    const values = members.map((m) => literalOf(m, name));
    if (values.some((v) => v === undefined)) return false;
    return new Set(values).size === values.length;
  });
}

/** Event-level metadata that must agree across variants when more than one declares it. */
const SHARED: readonly { key: keyof EventIR; declared: (e: EventIR) => boolean }[] = [
  { key: "level", declared: (e) => !e.levelDefaulted },
  { key: "message", declared: (e) => e.message !== e.name },
  { key: "stability", declared: (e) => e.stability !== "stable" },
  { key: "deprecation", declared: (e) => e.deprecation !== undefined },
];

function mergeMembers(
  name: string,
  discriminator: string,
  members: readonly EventIR[],
  at: Where & { event: string },
  out: Diagnostic[],
): EventIR | undefined {
  let ok = true;
  const base: Record<string, unknown> = { ...members[0]! };
  for (const { key, declared } of SHARED) {
    const decls = members.filter(declared);
    const distinct = decls.filter((d, i) => decls.findIndex((x) => jsonEqual(x[key], d[key])) === i);
    if (distinct.length > 1) {
      const shown = distinct
        .map((d) => `${variantLabelOf(discriminator, literalOf(d, discriminator)!)}: ${JSON.stringify(d[key])}`)
        .join(", ");
      out.push({
        code: "LP_VARIANT_META_CONFLICT",
        severity: "error",
        ...at,
        message: `the variants of event "${name}" declare different ${key}s (${shown}); an event has one ${key}`,
        fix: `declare the same ${key} on every variant (or on one only), or make them separate events`,
      });
      ok = false;
    }
    if (decls[0]) base[key] = decls[0][key];
  }
  if (!ok) return undefined;
  if (members.some((m) => !m.levelDefaulted)) base.levelDefaulted = false;
  const described = members.find((m) => m.description !== undefined);
  if (described) base.description = described.description;

  const variants: VariantIR[] = members.map((m) => ({
    value: literalOf(m, discriminator)!,
    ...(m.description !== undefined ? { description: m.description } : {}),
    fields: m.fields,
    examples: m.examples,
  }));
  const names = [...new Set(members.flatMap((m) => m.fields.map((f) => f.name)))];
  const fields = names.map((field) =>
    mergeField(
      field,
      members.map((m) => m.fields.find((f) => f.name === field)),
    ),
  );
  return {
    ...(base as unknown as EventIR),
    examples: members.flatMap((m) => m.examples),
    fields,
    discriminator,
    variants,
  };
}

/**
 * One field over all variants: required only when every variant requires it; its schema
 * the variants' schema when they agree, the enum of their literals for the discriminator,
 * else `anyOf` the distinct schemas.
 */
function mergeField(name: string, perVariant: readonly (FieldIR | undefined)[]): FieldIR {
  const present = perVariant.filter((f): f is FieldIR => f !== undefined);
  const first = present[0]!;
  const distinct: JsonSchema[] = [];
  for (const f of present) if (!distinct.some((s) => jsonEqual(s, f.schema))) distinct.push(f.schema);
  let schema: JsonSchema;
  if (distinct.length === 1) schema = distinct[0]!;
  else if (
    distinct.every(
      (s) =>
        s.const !== undefined &&
        Object.keys(s).every((k) => k === "const" || k === "type") &&
        s.type === distinct[0]!.type,
    )
  ) {
    schema = {
      ...(distinct[0]!.type !== undefined ? { type: distinct[0]!.type } : {}),
      enum: distinct.map((s) => s.const),
    };
  } else schema = { anyOf: distinct };
  const values = enumValues(schema);
  const pick = <K extends keyof FieldIR>(key: K): FieldIR[K] | undefined =>
    present.find((f) => f[key] !== undefined)?.[key];
  const examples = present
    .flatMap((f) => f.examples)
    .filter((x, i, all) => all.findIndex((y) => jsonEqual(x, y)) === i);
  const description = pick("description");
  const unit = pick("unit");
  const sensitive = pick("sensitive");
  const deprecation = present.every((f) => f.deprecation !== undefined) ? first.deprecation : undefined;
  return {
    name,
    required: perVariant.every((f) => f?.required === true),
    nullable: isNullable(schema),
    types: baseTypes(schema),
    ...(values ? { enum: values } : {}),
    display: displayType(schema),
    schema,
    ...(description !== undefined ? { description } : {}),
    ...(unit !== undefined ? { unit } : {}),
    ...(sensitive !== undefined ? { sensitive } : {}),
    examples,
    ...(deprecation !== undefined ? { deprecation } : {}),
  };
}

function variantLabelOf(discriminator: string, value: VariantValue): string {
  return `${discriminator} ${JSON.stringify(value)}`;
}

/** How a variant is named in messages and docs: `reason "error"`. */
export function variantLabel(event: Pick<EventIR, "discriminator">, variant: Pick<VariantIR, "value">): string {
  return variantLabelOf(event.discriminator ?? "?", variant.value);
}

/** The variant a discriminator value selects (exact match, no coercion), or undefined. */
export function selectVariant(event: Pick<EventIR, "variants">, value: unknown): VariantIR | undefined {
  return event.variants?.find((v) => v.value === value);
}

/** The variants' values as text: `"unavailable" | "error"`. */
export function variantValuesText(event: Pick<EventIR, "variants">): string {
  return (event.variants ?? []).map((v) => JSON.stringify(v.value)).join(" | ");
}
