/**
 * JSON Schema of whole log lines: each event's strict payload merged with the envelope
 * (the fields the logger adds) and the logger profile's redaction (a redacted value may
 * be the censor), dispatched on `event`. Used by the json-schema target
 * and by `logpact validate`, so both always agree on what a valid line is.
 */
import { LEVEL_VALUES } from "../../registry/meta.js";
import type { EventIR, FamilyIR, JsonSchema, RegistryIR } from "../../registry/ir.js";
import { loggerProfile, redactLineSchema, redactedPatterns } from "../../registry/logger-profile.js";

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

/** The strict schema of one event's whole line (payload + envelope). */
export function eventLineSchema(ir: RegistryIR, event: EventIR): JsonSchema {
  const properties: Record<string, unknown> = {};
  const required = new Set<string>(["event"]);
  for (const env of ir.envelope) {
    properties[env.name] = { ...env.schema, ...(env.description ? { description: env.description } : {}), [LOGPACT_KEYWORD]: { envelope: env.origin } };
    if (env.required) required.add(env.name);
  }
  properties.event = { type: "string", const: event.name };
  for (const field of event.fields) {
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
  if (profile.redact) redactLineSchema(properties, required, redactedPatterns(profile, event), profile.redact);
  return {
    type: "object",
    title: event.name,
    ...(event.description ? { description: event.description } : {}),
    properties,
    required: [...required].sort(),
    additionalProperties: false,
    ...(event.deprecation ? { deprecated: true } : {}),
    [LOGPACT_KEYWORD]: compact({
      family: event.family,
      level: event.level,
      levelValue: LEVEL_VALUES[event.level],
      message: event.message,
      stability: event.stability,
      deprecation: event.deprecation,
    }),
  };
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
  return {
    $schema: DIALECTS[opts.draft],
    $id: opts.id,
    $comment: opts.comment,
    title: opts.title,
    ...(opts.description ? { description: opts.description } : {}),
    type: "object",
    required: ["event"],
    properties: { event: { type: "string", enum: events.map((e) => e.name) } },
    ...(opts.dispatch === "discriminator"
      ? { discriminator: { propertyName: "event" }, oneOf: events.map((e) => ({ $ref: `#/${defs}/${e.name}` })) }
      : {
          allOf: events.map((e) => ({
            if: { properties: { event: { const: e.name } }, required: ["event"] },
            then: { $ref: `#/${defs}/${e.name}` },
          })),
        }),
    [defs]: Object.fromEntries(events.map((e) => [e.name, eventLineSchema(ir, e)])),
  };
}

/** File name of a family's schema: `daemon.connection.schema.json`. */
export function familySchemaFile(family: Pick<FamilyIR, "name">): string {
  return `${family.name}.schema.json`;
}
