/**
 * The registry snapshot (`generated/registry.json`): the IR written compactly, and read
 * back into the same IR, checking the parts `diff` and `validate` rely on, so a damaged or
 * foreign file fails with a message naming the file and the bad path.
 *
 * irVersion 2 leaves out what the IR derives and writes a field used the
 * same way by two or more events once: a big registry repeats `requestId`, `duration_ms`
 * … in every event (4.5 MB for 2,000 events in irVersion 1, scripts/bench/size.ts).
 * - a field keeps `name`, `required`, `schema` and what was declared (description, unit,
 *   sensitivity, examples when there are any, deprecation); `nullable`, `types`, `enum`
 *   and `display` are read off the schema again;
 * - a field definition used by two or more events (or variants) sits once in the
 *   top-level `fields` table, keyed by its name (`name:2`, `name:3` … for further
 *   shapes of one name); an event's `fields` entry is then that key;
 * - an event leaves out `family` and `short` (its family says them), `message` when it is
 *   the event name, `levelDefaulted` when false, and `event` in its examples.
 * irVersion 3 is irVersion 2 with each alert's resolved form (`resolved`: selector, event
 * label, watched events, fields with their labels and types, severity, `for` and labels),
 * which the Loki target and diff read.
 * irVersion 4 (written now) is irVersion 3 with documentation as digests: `diff` only says
 * *that* a description or the examples changed, so a family, event, variant, field or
 * envelope field keeps `docs: [<description digest>, <examples digest>]` ("" for none;
 * absent when both are none; registry/doc-digest.ts) instead of `description` and
 * `examples` — half of the 2,000-event bench's snapshot. An event whose name is its
 * family's name and a dot writes only the rest (`short`), and `stability` only when it is
 * not `stable`. Read back, such an IR carries `docDigest` and no text.
 * irVersion 1 snapshots (the IR as it is), 2 and 3 are still read (`diff --against` reads
 * them at old refs); the alerts of 1 and 2 are resolved against the snapshot when it is read.
 */
import { existsSync, readFileSync } from "node:fs";
import { z } from "zod";
import { LogpactError } from "../errors.js";
import { deepFreeze, stableJson } from "../util/json.js";
import { eventKeyOf, type DocDigest, type EventIR, type FieldIR, type RegistryIR } from "./ir.js";
import { baseTypes, displayType, enumValues, isNullable } from "./field-schema.js";
import { LEVELS } from "./meta.js";
import { resolveAlerts } from "./alerts.js";
import { docDigestOf, type Documented } from "./doc-digest.js";

/** The IR version this logpact writes; `READ_IR_VERSIONS` are those it reads. */
export const IR_VERSION = 4;
export const READ_IR_VERSIONS: readonly unknown[] = [1, 2, 3, 4];

/** Snapshot formats `snapshotOf` writes: this one, and the last one before it (what a committed snapshot at an older ref holds). */
export type WrittenIrVersion = 3 | 4;

const DocDigestSchema = z.strictObject({ description: z.string(), examples: z.string() });

/** A registry snapshot cannot be read (exit 2). */
export class SnapshotError extends LogpactError {}

const Field = z.looseObject({
  name: z.string(),
  required: z.boolean(),
  schema: z.record(z.string(), z.unknown()),
  examples: z.array(z.unknown()).optional(),
  docDigest: DocDigestSchema.optional(),
});

const Event = z.looseObject({
  name: z.string(),
  short: z.string(),
  family: z.string(),
  level: z.enum(LEVELS),
  message: z.string(),
  stability: z.string(),
  examples: z.array(z.unknown()),
  fields: z.array(Field),
  discriminator: z.string().optional(),
  variants: z
    .array(
      z.looseObject({
        value: z.union([z.string(), z.number(), z.boolean()]),
        fields: z.array(Field),
        examples: z.array(z.unknown()),
        docDigest: DocDigestSchema.optional(),
      }),
    )
    .optional(),
  docDigest: DocDigestSchema.optional(),
});

const Family = z.looseObject({
  name: z.string(),
  stability: z.string(),
  source: z.looseObject({ file: z.string(), export: z.string() }),
  loki: z.looseObject({ selector: z.string() }),
  transitions: z.array(z.unknown()),
  alerts: z.array(z.looseObject({ name: z.string(), kind: z.string() })),
  events: z.array(Event),
  docDigest: DocDigestSchema.optional(),
});

const Snapshot = z.looseObject({
  irVersion: z.literal(IR_VERSION),
  eventKey: z.string().optional(),
  families: z.array(Family),
  envelope: z.array(Field.omit({ examples: true })),
});

/** The IR version in a snapshot's text, or undefined when it is not a JSON object with one. */
export function snapshotIrVersion(text: string): unknown {
  try {
    const v = JSON.parse(text) as unknown;
    return v !== null && typeof v === "object" ? (v as { irVersion?: unknown }).irVersion : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Parses a snapshot's text; `origin` names it in errors (`old.json`, `origin/main:generated/registry.json`).
 * Throws SnapshotError on invalid JSON, another IR version, or a wrong shape.
 */
export function parseSnapshot(text: string, origin: string): RegistryIR {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new SnapshotError(
      `${origin}: error LP_SNAPSHOT_INVALID\n  not valid JSON: ${(e as Error).message}\n  fix: point at a registry.json written by \`logpact gen\` (the registry target)`,
    );
  }
  const version = raw !== null && typeof raw === "object" ? (raw as { irVersion?: unknown }).irVersion : undefined;
  if (!READ_IR_VERSIONS.includes(version)) {
    throw new SnapshotError(
      `${origin}: error LP_SNAPSHOT_VERSION\n  the snapshot has irVersion ${JSON.stringify(version)}; this logpact reads irVersion ${READ_IR_VERSIONS.slice(0, -1).join(", ")} and ${String(READ_IR_VERSIONS.at(-1))}\n  fix: regenerate the snapshot with this logpact (\`logpact gen\`), or compare against a git ref with --from-schemas`,
    );
  }
  const expanded =
    version === 1
      ? { ...(JSON.parse(text, renameMixed) as object), irVersion: IR_VERSION }
      : { ...(expand(raw as Stored, origin, version === 4) as object), irVersion: IR_VERSION };
  const r = Snapshot.safeParse(expanded);
  if (!r.success) {
    const lines = r.error.issues.slice(0, 8).map((i) => `  ${i.path.join(".") || "(top level)"}: ${i.message}`);
    const more = r.error.issues.length > 8 ? [`  … and ${r.error.issues.length - 8} more`] : [];
    throw new SnapshotError(
      `${origin}: error LP_SNAPSHOT_INVALID\n  not a logpact registry snapshot:\n${[...lines, ...more].join("\n")}\n  fix: point at a registry.json written by \`logpact gen\` (the registry target), unedited`,
    );
  }
  const { $comment: _banner, ...ir } = r.data as Record<string, unknown>;
  const read = ir as unknown as RegistryIR;
  // Before irVersion 3 a snapshot held alerts as declared: resolve them against it now, so
  // diff reads every snapshot's alerts the same way (their findings were reported when it was written).
  if (version === 1 || version === 2) return deepFreeze({ ...read, families: resolveAlerts(read).families });
  return deepFreeze(read);
}

/** irVersion 1 called a field of any JSON type "mixed"; the IR now says "any" (one name for it everywhere). */
function renameMixed(this: unknown, key: string, value: unknown): unknown {
  return key === "types" && Array.isArray(value) ? value.map((t) => (t === "mixed" ? "any" : t)) : value;
}

/** Reads and parses a snapshot file; `shown` is how the user named it. */
export function readSnapshotFile(absolutePath: string, shown: string): RegistryIR {
  if (!existsSync(absolutePath)) {
    throw new SnapshotError(
      `${shown}: error LP_SNAPSHOT_NOT_FOUND\n  the registry snapshot does not exist\n  fix: pass a registry.json written by \`logpact gen\` (generated/registry.json by default)`,
    );
  }
  return parseSnapshot(readFileSync(absolutePath, "utf8"), shown);
}

/** A field as irVersion 2 and 3 write it: what was declared, nothing the schema says again; irVersion 4 its documentation as `docs`. */
type StoredField = Omit<FieldIR, "nullable" | "types" | "enum" | "display" | "examples" | "docDigest"> & {
  examples?: readonly unknown[];
  docs?: StoredDocs;
};
type StoredFieldRef = string | StoredField;
type Stored = Record<string, unknown> & { fields?: Record<string, StoredField>; families?: unknown };
/** irVersion 4's `docs`: the digests of the description and of the examples, "" for none. */
type StoredDocs = readonly [string, string];

/** `{ docs }` of an item (irVersion 4), or nothing when it has neither a description nor examples. */
function docsOf(x: Documented): { docs?: StoredDocs } {
  const d = docDigestOf(x);
  return d.description || d.examples ? { docs: [d.description, d.examples] } : {};
}

/** An item without its documentation text (and digests), for irVersion 4. */
function withoutDocs<T extends Documented>(x: T): Omit<T, "description" | "examples" | "docDigest"> {
  const { description: _d, examples: _x, docDigest: _g, ...rest } = x;
  return rest;
}

function storedField(f: FieldIR, version: WrittenIrVersion): StoredField {
  const { nullable: _n, types: _t, enum: _e, display: _d, examples, docDigest: _g, ...rest } = f;
  if (version === 4) return { ...withoutDocs(rest), ...docsOf(f) };
  return { ...rest, ...(examples.length ? { examples } : {}) };
}

/** The field again, with what its schema says (as `build.ts` derives it). */
function fullField(f: StoredField, digests: boolean): FieldIR {
  const values = enumValues(f.schema);
  const { docs, ...declared } = f;
  return {
    ...declared,
    nullable: isNullable(f.schema),
    types: baseTypes(f.schema),
    ...(values ? { enum: values } : {}),
    display: displayType(f.schema),
    examples: f.examples ?? [],
    ...(digests ? { docDigest: digestOf(docs) as DocDigest } : {}),
  };
}

/** irVersion 4's `docs` as the IR's `docDigest`; anything else is left for the `Snapshot` check to report. */
function digestOf(docs: unknown): unknown {
  if (docs === undefined) return { description: "", examples: "" };
  return Array.isArray(docs) && docs.length === 2 && docs.every((d) => typeof d === "string")
    ? { description: docs[0] as string, examples: docs[1] as string }
    : docs;
}

/**
 * The snapshot `registry.json` holds for `ir` (irVersion 4 unless `version` says 3, see the
 * module comment), with `comment` as its `$comment` banner. Deterministic: shared fields
 * are keyed in IR order. Writing irVersion 3 needs an IR with its documentation text (built
 * from the schemas, not read from an irVersion 4 snapshot).
 */
export function snapshotOf(
  ir: RegistryIR,
  comment: string,
  version: WrittenIrVersion = IR_VERSION,
): Record<string, unknown> {
  const key = eventKeyOf(ir);
  const fieldLists = ir.families.flatMap((f) =>
    f.events.flatMap((e) => [e.fields, ...(e.variants ?? []).map((v) => v.fields)]),
  );
  const uses = new Map<string, number>();
  for (const list of fieldLists)
    for (const f of list) {
      const id = stableJson(storedField(f, version));
      uses.set(id, (uses.get(id) ?? 0) + 1);
    }
  const table: Record<string, StoredField> = {};
  const keyOf = new Map<string, string>();
  const ref = (f: FieldIR): StoredFieldRef => {
    const stored = storedField(f, version);
    const id = stableJson(stored);
    if ((uses.get(id) ?? 0) < 2) return stored;
    let k = keyOf.get(id);
    if (k === undefined) {
      k = f.name;
      for (let n = 2; k in table; n++) k = `${f.name}:${n}`;
      table[k] = stored;
      keyOf.set(id, k);
    }
    return k;
  };
  const examples = (list: readonly Record<string, unknown>[]) => list.map(({ [key]: _event, ...rest }) => rest);
  const event = (e: EventIR) => {
    const { short, family, name, message, levelDefaulted, stability, examples: ex, fields, variants, ...rest } = e;
    const common = {
      level: e.level,
      ...(message !== name ? { message } : {}),
      ...(levelDefaulted ? { levelDefaulted } : {}),
      fields: fields.map(ref),
    };
    if (version === 4)
      return {
        ...(name === `${family}.${short}` ? { short } : { name }),
        ...withoutDocs(rest),
        ...docsOf(e),
        ...(stability !== "stable" ? { stability } : {}),
        ...common,
        ...(variants
          ? { variants: variants.map((v) => ({ ...withoutDocs(v), ...docsOf(v), fields: v.fields.map(ref) })) }
          : {}),
      };
    return {
      name,
      ...rest,
      stability,
      examples: examples(ex),
      ...common,
      ...(variants
        ? { variants: variants.map((v) => ({ ...v, examples: examples(v.examples), fields: v.fields.map(ref) })) }
        : {}),
    };
  };
  const families = ir.families.map((f) => ({
    ...(version === 4 ? { ...withoutDocs(f), ...docsOf(f) } : f),
    events: f.events.map(event),
  }));
  const envelope = version === 4 ? ir.envelope.map((e) => ({ ...withoutDocs(e), ...docsOf(e) })) : ir.envelope;
  return { $comment: comment, ...ir, irVersion: version, fields: table, families, envelope };
}

/**
 * An irVersion 2, 3 or 4 (`digests`) snapshot back into the IR's shape (checked by
 * `Snapshot` afterwards); anything that is not the expected shape is left as it is for
 * that check to report.
 */
function expand(raw: Stored, origin: string, digests: boolean): unknown {
  const table = raw.fields !== null && typeof raw.fields === "object" ? raw.fields : {};
  const { fields: _table, ...rest } = raw;
  const key = eventKeyOf(rest as Pick<RegistryIR, "eventKey">);
  const obj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
  const fieldsAt = (list: unknown, path: string): unknown =>
    Array.isArray(list)
      ? list.map((f: unknown, i) => {
          if (typeof f === "string") {
            const shared = Object.hasOwn(table, f) ? table[f] : undefined;
            if (!obj(shared))
              throw new SnapshotError(
                `${origin}: error LP_SNAPSHOT_INVALID\n  not a logpact registry snapshot:\n  ${path}.${i}: names the shared field ${JSON.stringify(f)}, which the \`fields\` table does not define\n  fix: point at a registry.json written by \`logpact gen\` (the registry target), unedited`,
              );
            return obj(shared.schema) ? fullField(shared, digests) : shared;
          }
          return obj(f) && obj(f.schema) ? fullField(f as unknown as StoredField, digests) : f;
        })
      : list;
  const examplesOf = (list: unknown, name: unknown): unknown =>
    Array.isArray(list) ? list.map((x: unknown) => (obj(x) ? { [key]: name, ...x } : x)) : list;
  // irVersion 4: documentation as digests (no text, no examples); an item's `docs` becomes its `docDigest`.
  const docs = (x: Record<string, unknown>, examples: { of: unknown } | undefined) => {
    if (!digests) return { ...x, ...(examples ? { examples: examplesOf(x.examples, examples.of) } : {}) };
    const { docs: stored, ...rest } = x;
    return { ...rest, ...(examples ? { examples: [] } : {}), docDigest: digestOf(stored) };
  };
  const families = Array.isArray(raw.families)
    ? raw.families.map((f: unknown, fi) => {
        if (!obj(f) || !Array.isArray(f.events)) return f;
        return {
          ...docs(f, undefined),
          events: f.events.map((e: unknown, ei) => {
            if (!obj(e)) return e;
            const at = `families.${fi}.events.${ei}`;
            // irVersion 4 writes the part after the family's name and a dot as `short`.
            const name =
              digests && e.name === undefined && typeof e.short === "string" && typeof f.name === "string"
                ? `${f.name}.${e.short}`
                : e.name;
            const variants = Array.isArray(e.variants)
              ? e.variants.map((v: unknown, vi) =>
                  obj(v)
                    ? {
                        ...docs(v, { of: name }),
                        fields: fieldsAt(v.fields, `${at}.variants.${vi}.fields`),
                      }
                    : v,
                )
              : e.variants;
            return {
              ...docs(e, { of: name }),
              name,
              short:
                typeof name === "string" && typeof f.name === "string" && name.startsWith(`${f.name}.`)
                  ? name.slice(f.name.length + 1)
                  : name,
              family: f.name,
              message: e.message ?? name,
              levelDefaulted: e.levelDefaulted ?? false,
              ...(digests ? { stability: e.stability ?? "stable" } : {}),
              fields: fieldsAt(e.fields, `${at}.fields`),
              ...(variants !== undefined ? { variants } : {}),
            };
          }),
        };
      })
    : raw.families;
  const envelope =
    digests && Array.isArray(rest.envelope)
      ? rest.envelope.map((x: unknown) => (obj(x) ? docs(x, undefined) : x))
      : rest.envelope;
  return { ...rest, families, envelope };
}
