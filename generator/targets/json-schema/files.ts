/**
 * The json-schema target's two kinds of file. `registry.schema.json` holds every definition
 * once: each event, the fields several events share, the envelope, and one definition per
 * family that dispatches over that family's events. The registry dispatches over the families.
 * A per-family file is a few lines that `$ref` its family's definition in the registry file,
 * by a relative reference (`registry.schema.json#/$defs/family:<name>`): file-based resolvers
 * follow it from the file's own location, and in ajv or @cfworker/json-schema each file's
 * `$id` is its file name, so adding the registry schema is all the loading a family file needs.
 * Before, every family file repeated its events and the shared `$defs` (2.69 MB next to a
 * 2.37 MB registry file for 2,000 events: scripts/bench/size.ts).
 */
import { eventKeyOf, type FamilyIR, type JsonSchema, type RegistryIR } from "../../registry/ir.js";
import {
  DIALECTS,
  dispatchKeywords,
  eventLineSchema,
  familySchemaFile,
  type Dispatch,
  type Draft,
} from "../../registry/line-schema.js";
import { freshKey, hoistEnvelope, leanEvent, pointerSegment, shareDefinitions } from "./compact.js";

export const REGISTRY_SCHEMA_FILE = "registry.schema.json";

export interface FileSchemaOptions {
  draft: Draft;
  /** The banner, as `$comment`. */
  comment: string;
  dispatch?: Dispatch | undefined;
}

/** `$defs` in 2020-12, `definitions` in draft-07. */
export function definitionsKey(draft: Draft): "$defs" | "definitions" {
  return draft === "draft-07" ? "definitions" : "$defs";
}

/**
 * The registry file's definition key of each family (`family:<name>`), and of what every
 * line shares (`line`), clear of every event name: computed once, read by both kinds of file.
 */
export function definitionKeys(ir: RegistryIR): { line: string; families: ReadonlyMap<string, string> } {
  const taken = new Set(ir.families.flatMap((f) => f.events.map((e) => e.name)));
  const line = freshKey("line", taken);
  const families = new Map(ir.families.map((f) => [f.name, freshKey(`family:${f.name}`, taken)]));
  return { line, families };
}

/** `#/$defs/<key>` (or a pointer further in, `rest` being raw segments), URI-encoded. */
function pointer(defs: string, key: string, ...rest: string[]): string {
  return `#/${defs}/${[key, ...rest].map(pointerSegment).join("/")}`;
}

/** The `$id` of a file: its own name, relative, so it resolves to wherever the file is read from. */
function fileId(path: string): string {
  return encodeURIComponent(path);
}

/** `registry.schema.json`: any line of the registry, every definition once. */
export function registryFileSchema(ir: RegistryIR, opts: FileSchemaOptions): JsonSchema {
  const defs = definitionsKey(opts.draft);
  const key = eventKeyOf(ir);
  const keys = definitionKeys(ir);
  const discriminator = opts.dispatch === "discriminator";
  const events = ir.families.flatMap((f) => f.events);

  // Each event's whole line; the envelope every event declares alike hoisted out, fields
  // declared alike shared, then what a definition repeats dropped (compact.ts).
  const hoisted = hoistEnvelope(
    { [defs]: Object.fromEntries(events.map((e) => [e.name, eventLineSchema(ir, e, { discriminator })])) },
    defs,
    ir.envelope.map((e) => e.name),
  );
  const reserved = [keys.line, ...keys.families.values()];
  const shared = shareDefinitions(hoisted, defs, reserved)[defs] as Record<string, JsonSchema>;
  const admitted = Object.keys((hoisted.properties as Record<string, JsonSchema> | undefined) ?? {});
  const byEvent = new Set(events.map((e) => e.name));
  const open = closesLines(opts.draft);
  const eventDefs = Object.fromEntries(
    Object.entries(shared).map(([name, def]) => [
      name,
      byEvent.has(name) ? leanEvent(name, def, key, admitted, { open, keyChecked: !discriminator }) : def,
    ]),
  );

  // What every line shares, checked once per line: the event key and the hoisted envelope.
  // First in each family's `allOf`, so a line without the key fails here, before any event's branch.
  const line = {
    type: "object",
    required: [key, ...((hoisted.required as string[] | undefined) ?? [])].sort(),
    properties: { [key]: { type: "string" }, ...(hoisted.properties as Record<string, JsonSchema>) },
  };
  const lineRef = pointer(defs, keys.line);
  const familyDefs = Object.fromEntries(
    ir.families.map((f) => [keys.families.get(f.name)!, familyDefinition(f, key, defs, lineRef, opts.dispatch, open)]),
  );
  // if/then: the registry picks the family (an `if` per family, on its `enum`), the family the
  // event: ajv compiles one `if` per entry into one function, and 2,000 of them overflow the
  // stack. discriminator: ajv's lookup goes straight to the event (via the family it is ~30%
  // slower at 2,000 events), with the shared line checked once beside it, and closed here
  // like in a family's definition (if/then reaches one of those, which closes the line).
  const dispatch = discriminator
    ? besideLine(
        lineRef,
        dispatchKeywords(
          key,
          events.map((e) => ({ match: { const: e.name }, ref: pointer(defs, e.name) })),
          opts.dispatch,
        ),
        key,
        open,
      )
    : dispatchKeywords(
        key,
        ir.families
          .map((f) => keys.families.get(f.name)!)
          .map((k) => ({
            match: { $ref: pointer(defs, k, "properties", key) },
            ref: pointer(defs, k),
          })),
        opts.dispatch,
      );
  return {
    $schema: DIALECTS[opts.draft],
    $id: fileId(REGISTRY_SCHEMA_FILE),
    $comment: opts.comment,
    title: "Any log line of the registry",
    description: `One JSON log line of any registered event: ${ir.families.map((f) => f.name).join(", ")}.`,
    type: "object",
    required: [key],
    properties: { [key]: { type: "string", enum: events.map((e) => e.name) } },
    ...dispatch,
    [defs]: { ...eventDefs, [keys.line]: line, ...familyDefs },
  };
}

/**
 * 2020-12 closes a line once, where its schema is assembled: `unevaluatedProperties: false`
 * beside the `line` definition and the event's branch admits exactly the properties they
 * (and the matching variant's branch) declare, so no event repeats `additionalProperties:
 * false` and the envelope names (~0.1 KB an event). Draft-07 has no such keyword: each event
 * stays strict on its own. An event's definition is then no entry point by itself.
 */
function closesLines(draft: Draft): boolean {
  return draft === "2020-12";
}
const CLOSED = { unevaluatedProperties: false } as const;

/**
 * A family's definition: a line whose event is one of the family's (the `enum` is also what
 * the registry's dispatch reads), with what every line shares (`lineRef`), then that event's
 * definition; with `closed`, no property beyond what those two admit (closesLines).
 */
function familyDefinition(
  family: FamilyIR,
  key: string,
  defs: string,
  lineRef: string,
  dispatch: Dispatch | undefined,
  closed: boolean,
): JsonSchema {
  const byEvent = dispatchKeywords(
    key,
    family.events.map((e) => ({ match: { const: e.name }, ref: pointer(defs, e.name) })),
    dispatch,
    true,
  );
  return {
    ...(family.description ? { description: family.description } : {}),
    type: "object",
    required: [key],
    properties: { [key]: { enum: family.events.map((e) => e.name) } },
    ...(dispatch === "discriminator"
      ? besideLine(lineRef, byEvent, key, closed)
      : { allOf: [{ $ref: lineRef }, ...(byEvent.allOf as unknown[])], ...(closed ? CLOSED : {}) }),
  };
}

/**
 * What every line shares (`lineRef`) beside a `discriminator` + `oneOf` over the events
 * (`byEvent`). Closed (closesLines), the dispatch moves into the `allOf`, with the key
 * `required` again: ajv applies `discriminator` after `unevaluatedProperties`, so beside it
 * the event's properties would not count yet (ajv-validator/ajv#1892), and it wants its tag
 * required in the same schema.
 */
function besideLine(lineRef: string, byEvent: JsonSchema, key: string, closed: boolean): JsonSchema {
  return closed
    ? { allOf: [{ $ref: lineRef }, { required: [key], ...byEvent }], ...CLOSED }
    : { allOf: [{ $ref: lineRef }], ...byEvent };
}

/**
 * `<family>.schema.json`: a line of one family, by reference to its definition in the
 * registry file next to it. Draft-07 ignores keywords beside `$ref`, so there it is wrapped in `allOf`.
 */
export function familyFileSchema(family: FamilyIR, definitionKey: string, opts: FileSchemaOptions): JsonSchema {
  const ref = `${fileId(REGISTRY_SCHEMA_FILE)}${pointer(definitionsKey(opts.draft), definitionKey)}`;
  return {
    $schema: DIALECTS[opts.draft],
    $id: fileId(familySchemaFile(family)),
    $comment: opts.comment,
    title: `${family.name} log line`,
    ...(family.description ? { description: family.description } : {}),
    ...(opts.draft === "draft-07" ? { allOf: [{ $ref: ref }] } : { $ref: ref }),
  };
}
