/**
 * JSON Schema of whole log lines: each event's strict payload merged with the envelope
 * (the fields the logger adds) and the logger profile's redaction (a redacted value may
 * be the censor), dispatched on `event`. Used by the json-schema target
 * and by `logpact validate`, so both always agree on what a valid line is.
 */
import { LEVEL_VALUES } from "./meta.js";
import {
  eventKeyOf,
  type EventIR,
  type FamilyIR,
  type FieldIR,
  type JsonSchema,
  type RegistryIR,
  type VariantIR,
} from "./ir.js";
import { variantLabel } from "./variants.js";
import { loggerProfile, redactLineSchema, redactedPatterns } from "./logger-profile.js";

export type Draft = "2020-12" | "draft-07";

export const DIALECTS: Record<Draft, string> = {
  "2020-12": "https://json-schema.org/draft/2020-12/schema",
  "draft-07": "http://json-schema.org/draft-07/schema#",
};

/** The one non-standard keyword logpact writes: its annotations (unit, level, …). */
export const LOGPACT_KEYWORD = "x-logpact";

function definitionsKey(draft: Draft): "$defs" | "definitions" {
  return draft === "draft-07" ? "definitions" : "$defs";
}

function compact(obj: Record<string, unknown>): Record<string, unknown> | undefined {
  const out = Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined));
  return Object.keys(out).length ? out : undefined;
}

/**
 * The schema of one event's whole line (payload + envelope): a strict object; for an
 * event with variants, `oneOf` one strict object per variant (their discriminator consts
 * exclude each other), with `discriminator` on the discriminator field when asked for.
 */
export function eventLineSchema(ir: RegistryIR, event: EventIR, opts: { discriminator?: boolean } = {}): JsonSchema {
  const annotations = {
    [LOGPACT_KEYWORD]: compact({
      family: event.family,
      level: event.level,
      levelValue: LEVEL_VALUES[event.level],
      message: event.message,
      stability: event.stability,
      deprecation: event.deprecation,
      discriminator: event.discriminator,
    }),
  };
  const head = { title: event.name, ...(event.description ? { description: event.description } : {}) };
  if (!event.variants)
    return {
      type: "object",
      ...head,
      ...strictLine(ir, event.name, event.fields),
      ...(event.deprecation ? { deprecated: true } : {}),
      ...annotations,
    };
  const key = event.discriminator!;
  return {
    type: "object",
    ...head,
    properties: {
      [eventKeyOf(ir)]: { type: "string", const: event.name },
      [key]: { enum: event.variants.map((v) => v.value) },
    },
    required: [eventKeyOf(ir), key].sort(),
    ...(opts.discriminator ? { discriminator: { propertyName: key } } : {}),
    oneOf: event.variants.map((v) => variantLineSchema(ir, event, v)),
    ...(event.deprecation ? { deprecated: true } : {}),
    ...annotations,
  };
}

/** The strict schema of one variant's whole line: a branch of its event's `oneOf`. */
export function variantLineSchema(ir: RegistryIR, event: EventIR, variant: VariantIR): JsonSchema {
  return {
    type: "object",
    title: `${event.name} (${variantLabel(event, variant)})`,
    ...(variant.description ? { description: variant.description } : {}),
    ...strictLine(ir, event.name, variant.fields),
  };
}

/** `properties`, `required` and `additionalProperties: false` of a line carrying `fields`. */
function strictLine(ir: RegistryIR, eventName: string, fields: readonly FieldIR[]): JsonSchema {
  const properties: Record<string, unknown> = {};
  const required = new Set<string>([eventKeyOf(ir)]);
  for (const env of ir.envelope) {
    properties[env.name] = {
      ...env.schema,
      ...(env.description ? { description: env.description } : {}),
      [LOGPACT_KEYWORD]: { envelope: env.origin },
    };
    if (env.required) required.add(env.name);
  }
  properties[eventKeyOf(ir)] = { type: "string", const: eventName };
  for (const field of fields) {
    const annotations = compact({ unit: field.unit, sensitive: field.sensitive, deprecation: field.deprecation });
    const schema = field.schema;
    properties[field.name] = {
      ...schema,
      ...(field.description ? { description: field.description } : {}),
      ...(field.examples.length ? { examples: field.examples } : {}),
      ...(field.deprecation ? { deprecated: true } : {}),
      ...(annotations ? { [LOGPACT_KEYWORD]: annotations } : {}),
    };
    if (field.required) required.add(field.name);
  }
  // What the logger's redaction writes (the censor, or nothing with `remove`) is part of a valid line.
  const profile = loggerProfile(ir);
  if (profile.redact) redactLineSchema(properties, required, redactedPatterns(profile, { fields }), profile.redact);
  return { properties, required: [...required].sort(), additionalProperties: false };
}

export interface LineSchemaOptions {
  draft: Draft;
  id: string;
  title: string;
  description?: string | undefined;
  comment: string;
  /** How the schema picks the event's branch; see `lineSchema`. */
  dispatch?: Dispatch | undefined;
}

export type Dispatch = "if-then" | "discriminator";

/**
 * A schema accepting a line of any of `events`: `event` must be one of them, and the
 * line must then match that event's strict schema.
 *
 * Dispatch `if-then` (default) is an `if`/`then` table: standard JSON Schema in both
 * drafts, applied by every validator, reporting only the matching event's errors.
 * Dispatch `discriminator` is `oneOf` + OpenAPI's `discriminator` keyword: ajv (with
 * `discriminator: true`) jumps straight to the branch and validates about 2× faster
 * (scripts/bench/dispatch.ts); other validators ignore the keyword and fall back to
 * plain `oneOf`, which is still correct because the `event` consts exclude each other.
 */
export function lineSchema(ir: RegistryIR, events: readonly EventIR[], opts: LineSchemaOptions): JsonSchema {
  const defs = definitionsKey(opts.draft);
  const key = eventKeyOf(ir);
  return {
    $schema: DIALECTS[opts.draft],
    $id: opts.id,
    $comment: opts.comment,
    title: opts.title,
    ...(opts.description ? { description: opts.description } : {}),
    type: "object",
    required: [key],
    properties: { [key]: { type: "string", enum: events.map((e) => e.name) } },
    ...dispatchKeywords(
      key,
      events.map((e) => ({ match: { const: e.name }, ref: `#/${defs}/${e.name}` })),
      opts.dispatch,
    ),
    [defs]: Object.fromEntries(
      events.map((e) => [e.name, eventLineSchema(ir, e, { discriminator: opts.dispatch === "discriminator" })]),
    ),
  };
}

/**
 * The keywords that send a line to the branch its `key` selects: an `if`/`then` table
 * (`match` tested on `key`, then `ref` applied), or with `discriminator`, `oneOf` the refs
 * plus the `discriminator` keyword (each referenced schema declares `key` as a `const` or `enum`).
 * `keyChecked`: the caller has already required `key`, so each `if` need not.
 */
export function dispatchKeywords(
  key: string,
  branches: readonly { match: JsonSchema; ref: string }[],
  dispatch: Dispatch | undefined,
  keyChecked = false,
): JsonSchema {
  return dispatch === "discriminator"
    ? { discriminator: { propertyName: key }, oneOf: branches.map((b) => ({ $ref: b.ref })) }
    : {
        allOf: branches.map((b) => ({
          if: { properties: { [key]: b.match }, ...(keyChecked ? {} : { required: [key] }) },
          then: { $ref: b.ref },
        })),
      };
}

/** File name of a family's schema: `daemon.connection.schema.json`. */
export function familySchemaFile(family: Pick<FamilyIR, "name">): string {
  return `${family.name}.schema.json`;
}
