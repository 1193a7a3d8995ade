/**
 * Shared definitions for the schema files: every property schema that appears in two or
 * more events (a `requestId` declared the same way everywhere) is written once under
 * `$defs` and referenced from each event; the logger's envelope, the same on every line,
 * is checked once at the top level and each event only admits its names (in 2020-12 not
 * even that: the line is closed where it is assembled, LeanOptions). A 2,000-event
 * registry repeated pino's envelope in every event: ~1.5 KB per event (scripts/bench/size.ts).
 *
 * It only rewrites the file form: `logpact validate` compiles `eventLineSchema` (whole,
 * self-contained events), and a `$ref` to an identical schema validates identically.
 */
import type { JsonSchema } from "../../registry/ir.js";
import { stableJson } from "../../util/json.js";
import { LOGPACT_KEYWORD } from "../../registry/line-schema.js";

type Schema = Record<string, unknown>;

/** A `$defs` key as a JSON Pointer segment inside a URI fragment (RFC 6901, RFC 3986). */
export function pointerSegment(key: string): string {
  return encodeURIComponent(key.replace(/~/g, "~0").replace(/\//g, "~1")).replace(/%3A/gi, ":").replace(/%40/gi, "@");
}

/**
 * The property maps of an event definition: its own, and those of the branches of a
 * `oneOf`/`anyOf`/`allOf` (event variants), not those of nested field schemas.
 */
function propertyMaps(def: Schema, out: Record<string, Schema>[] = []): Record<string, Schema>[] {
  if (def.properties && typeof def.properties === "object") out.push(def.properties as Record<string, Schema>);
  for (const k of ["oneOf", "anyOf", "allOf"]) {
    const branches = def[k];
    if (Array.isArray(branches))
      for (const b of branches) if (b && typeof b === "object") propertyMaps(b as Schema, out);
  }
  return out;
}

/** The objects of an event definition that carry `properties`: the event's, or each variant's. */
function strictObjects(def: Schema, out: Schema[] = []): Schema[] {
  if (def.properties && typeof def.properties === "object" && def.additionalProperties === false) out.push(def);
  for (const k of ["oneOf", "anyOf", "allOf"]) {
    const branches = def[k];
    if (Array.isArray(branches))
      for (const b of branches) if (b && typeof b === "object") strictObjects(b as Schema, out);
  }
  return out;
}

/**
 * Checks the envelope once: an envelope property (`names`) that every strict object of every
 * event in `schema[defsKey]` declares identically — same schema, required in all or in
 * none — moves to the line schema's top-level `properties` (and `required`); each event
 * keeps the name as `true`, so its `additionalProperties: false` still admits it. A
 * property an event refines (`err: z.string()`), or one redaction changes in some events,
 * stays in each event. A line is only valid against the top level, so it is checked the same.
 */
export function hoistEnvelope(
  schema: JsonSchema,
  defsKey: "$defs" | "definitions",
  names: readonly string[],
): JsonSchema {
  const events = schema[defsKey] as Record<string, Schema> | undefined;
  const objects = Object.values(events ?? {}).flatMap((def) => strictObjects(def));
  if (!objects.length) return schema;
  const properties = { ...(schema.properties as Record<string, unknown>) };
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  for (const name of names) {
    if (Object.hasOwn(properties, name)) continue;
    const props = objects.map((o) => (o.properties as Record<string, Schema>)[name]);
    const reqs = objects.map((o) => Array.isArray(o.required) && (o.required as string[]).includes(name));
    const first = props[0];
    if (
      first === undefined ||
      props.some((p) => p === undefined || stableJson(p) !== stableJson(first)) ||
      reqs.some((r) => r !== reqs[0])
    )
      continue;
    properties[name] = first;
    if (reqs[0]) required.add(name);
    for (const o of objects) {
      (o.properties as Record<string, unknown>)[name] = true;
      if (reqs[0]) o.required = (o.required as string[]).filter((r) => r !== name);
    }
  }
  return { ...schema, properties, required: [...required].sort() };
}

/**
 * Moves property schemas used by two or more events of `schema[defsKey]` into shared
 * definitions (`envelope:<name>` for the logger's fields, `field:<name>` for the rest,
 * `field:<name>:2` … when one name has several shapes, or when the key is an event's or one
 * of `reserved`) and replaces them with `$ref`s.
 * Deterministic: names follow the order of the events, and the JSON is key-sorted anyway.
 */
export function shareDefinitions(
  schema: JsonSchema,
  defsKey: "$defs" | "definitions",
  reserved: Iterable<string> = [],
): JsonSchema {
  const events = schema[defsKey] as Record<string, Schema> | undefined;
  if (!events) return schema;
  const maps = Object.values(events).flatMap((def) => propertyMaps(def));
  const seen = new Map<string, number>();
  // A literal (`const`) stays in place: the event key and variant discriminators are what
  // dispatch keywords (ajv's `discriminator`, if/then) read in the branch itself.
  const shareable = (prop: Schema) =>
    prop !== null && typeof prop === "object" && !("$ref" in prop) && !("const" in prop);
  for (const map of maps)
    for (const [name, prop] of Object.entries(map))
      if (shareable(prop))
        seen.set(`${name}\u0000${stableJson(prop)}`, (seen.get(`${name}\u0000${stableJson(prop)}`) ?? 0) + 1);

  const shared: Record<string, Schema> = {};
  const keyOf = new Map<string, string>();
  const taken = new Set([...Object.keys(events), ...reserved]);
  for (const map of maps) {
    for (const [name, prop] of Object.entries(map)) {
      if (!shareable(prop)) continue;
      const id = `${name}\u0000${stableJson(prop)}`;
      if ((seen.get(id) ?? 0) < 2) continue;
      let key = keyOf.get(id);
      if (key === undefined) {
        const envelope = Boolean((prop[LOGPACT_KEYWORD] as { envelope?: unknown } | undefined)?.envelope);
        key = freshKey(`${envelope ? "envelope" : "field"}:${name}`, taken);
        keyOf.set(id, key);
        shared[key] = prop;
      }
      map[name] = { $ref: `#/${defsKey}/${pointerSegment(key)}` };
    }
  }
  return { ...schema, [defsKey]: { ...events, ...shared } };
}

/** `base`, or `base:2`, `base:3` … whichever `taken` does not hold yet; added to `taken`. */
export function freshKey(base: string, taken: Set<string>): string {
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}:${n}`;
  taken.add(key);
  return key;
}

/** What `x-logpact` on an event says that the file form leaves out, each derivable from what stays. */
const DERIVED: Record<string, (value: unknown, name: string) => boolean> = {
  // The family's definition lists its events.
  family: () => true,
  // pino's number for `level` (LEVEL_VALUES).
  levelValue: () => true,
  // The default message is the event name.
  message: (value, name) => value === name,
  // Absent means stable.
  stability: (value) => value === "stable",
};

/** A regex source matching exactly `names` (escaped for ajv's `u` flag: only syntax characters). */
export function namesPattern(names: readonly string[]): string {
  return `^(${names.map((n) => n.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&")).join("|")})$`;
}

/** How `leanEvent` leaves an event's strict objects. */
export interface LeanOptions {
  /**
   * The line is closed where it is assembled (2020-12: `unevaluatedProperties: false` on each
   * `family:<name>` definition and the discriminator root), so an event's objects are left
   * open: no `additionalProperties: false`, no admitted envelope names (the `line`
   * definition's `properties` admit them), no `type` on a variant branch (the event's own
   * `type` covers it; ajv's strict mode wants one on each `$ref` target).
   */
  open?: boolean;
  /**
   * With `open`, under if/then dispatch: each event's definition is only reached through the
   * `if` that checked the event key's `const`, and the `line` definition admits the key, so
   * the definition leaves the key out (2,000 events: 0.11 MB). `discriminator` dispatch needs
   * the `const` in each branch (ajv reads it there), and draft-07 needs the key admitted by
   * each event's `additionalProperties: false`.
   */
  keyChecked?: boolean;
}

/**
 * An event's definition as the file writes it, without what it repeats: the `title` that is
 * its `$defs` key, `type: "string"` beside the event key's `const` and the key in `required`
 * (the `line` definition, first in every family's, requires it of every line), the `x-logpact`
 * annotations in DERIVED, and the hoisted envelope names (`admitted`, each `true` in a
 * strict object's `properties`) written as one `patternProperties` entry, which
 * `additionalProperties: false` honours the same way — or with `open`, left out with the
 * object's `additionalProperties: false` (LeanOptions). Validates the same where the line is assembled.
 */
export function leanEvent(
  name: string,
  def: JsonSchema,
  key: string,
  admitted: readonly string[],
  opts: LeanOptions = {},
): JsonSchema {
  const out: Schema = { ...def };
  if (out.title === name) delete out.title;
  const annotations = out[LOGPACT_KEYWORD] as Schema | undefined;
  if (annotations) {
    const kept = Object.fromEntries(Object.entries(annotations).filter(([k, v]) => !DERIVED[k]?.(v, name)));
    if (Object.keys(kept).length) out[LOGPACT_KEYWORD] = kept;
    else delete out[LOGPACT_KEYWORD];
  }
  const lean = (obj: Schema, branch: boolean): Schema => {
    const props = obj.properties as Record<string, unknown> | undefined;
    if (!props) return obj;
    const next: Record<string, unknown> = { ...props };
    const prop = next[key] as Schema | undefined;
    if (opts.open && opts.keyChecked && prop && typeof prop === "object" && prop.const === name) delete next[key];
    else if (prop && typeof prop === "object" && typeof prop.const === "string" && prop.type === "string") {
      const { type: _type, ...rest } = prop;
      next[key] = rest;
    }
    const strict = obj.additionalProperties === false;
    const names = strict ? admitted.filter((n) => next[n] === true) : [];
    for (const n of names) delete next[n];
    const required = Array.isArray(obj.required) ? (obj.required as string[]).filter((r) => r !== key) : undefined;
    const leaned: Schema = { ...obj, properties: next, ...(required ? { required } : {}) };
    if (opts.open && strict) {
      delete leaned.additionalProperties;
      if (branch) delete leaned.type;
    } else if (names.length) leaned.patternProperties = { [namesPattern(names)]: true };
    return leaned;
  };
  const top = lean(out, false);
  for (const k of ["oneOf", "anyOf", "allOf"])
    if (Array.isArray(top[k]))
      top[k] = (top[k] as Schema[]).map((b) => (b && typeof b === "object" ? lean(b, true) : b));
  return top;
}
