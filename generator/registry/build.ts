/**
 * Zod → IR. Reads every exported family of the loaded schema modules once, reports
 * structural problems (with file, family, event and field) and returns the sorted,
 * frozen IR. Registry-wide checks (duplicates, conventions, …) run on the IR in checks.ts.
 */
import type { ResolvedConfig } from "../config/schema.js";
import type { Diagnostic } from "../errors.js";
import { didYouMean } from "../util/did-you-mean.js";
import { deepFreeze } from "../util/json.js";
import type { EnvelopeFieldIR, EventIR, FamilyIR, FieldIR, JsonSchema, RegistryIR, TransitionIR } from "./ir.js";
import { baseTypes, cleanSchema, displayType, enumValues, isNullable } from "./json-schema-utils.js";
import { EVENT_META_KEYS, FAMILY_META_KEYS, FIELD_META_KEYS, LONE_EVENT_META_KEYS, unitFromSuffix, type AlertDecl, type Level, type Stability, type Unit } from "./meta.js";
import { EventMetaSchema, FamilyMetaSchema, FieldMetaSchema } from "./meta-schema.js";
import {
  type AnyZod,
  type Draft,
  check,
  childrenOf,
  fieldMeta,
  isStrictObject,
  kindOf,
  literalValues,
  objectShape,
  ownMeta,
  toJsonSchema,
  unionOptions,
  zodVersion,
} from "./zod-adapter.js";
import { envelopeFields, resolveProfile } from "./logger-profile.js";

/** A schema module after import: its path (relative, POSIX) and its exports. */
export interface LoadedModule {
  readonly file: string;
  readonly exports: Readonly<Record<string, unknown>>;
}

export interface BuildResult {
  readonly ir: RegistryIR;
  readonly diagnostics: readonly Diagnostic[];
}

/** Zod constructs that have no meaning in a JSON log line, and why. */
const UNSUPPORTED: Record<string, string> = {
  transform: "a transform changes the value after parsing; a log line carries what was written",
  pipe: "a pipe parses into a different output type; declare the type the line carries",
  function: "functions cannot be serialised into a log line",
  promise: "promises cannot be serialised into a log line",
  bigint: "JSON has no bigint (pino would throw); log it as a string or a number",
  symbol: "symbols cannot be serialised into a log line",
  date: "a Date is serialised as a string; declare `z.iso.datetime()` (or epoch-ms `z.number().int()`)",
  map: "a Map serialises as `{}`; use an object or a record",
  set: "a Set serialises as `{}`; use an array",
  undefined: "undefined is dropped from JSON; make the field optional instead",
  void: "void is dropped from JSON; make the field optional instead",
  nan: "NaN serialises as null; declare a number or null",
  custom: "a custom check cannot be expressed in JSON Schema; use a built-in type",
  default: "defaults apply when parsing, not when logging; make the field optional or required",
  prefault: "defaults apply when parsing, not when logging; make the field optional or required",
  catch: "catch replaces bad values when parsing, not when logging; remove it",
  lazy: "recursive schemas are not supported in log fields; flatten the structure",
  file: "files cannot be serialised into a log line",
  never: "a field that can never be present is not part of a contract; remove it",
  success: "z.success changes the output type; declare a boolean",
};

interface Candidate {
  file: string;
  exportName: string;
  schema: AnyZod;
  /** The event objects (nested unions flattened) or the lone event object. */
  members: AnyZod[];
  lone: boolean;
}

/** Builds the IR from loaded modules; never throws on registry problems, reports them. */
export function buildRegistry(modules: readonly LoadedModule[], config: ResolvedConfig): BuildResult {
  const diagnostics: Diagnostic[] = [];
  const candidates = collectCandidates([...modules].sort((a, b) => (a.file < b.file ? -1 : 1)));
  const families: FamilyIR[] = [];
  for (const c of candidates) {
    const family = buildFamily(c, config, diagnostics);
    if (family) families.push(family);
  }
  families.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.source.file < b.source.file ? -1 : 1));
  const ir: RegistryIR = { irVersion: 1, families, envelope: buildEnvelope(config), logger: resolveProfile(config.envelope) };
  return { ir: deepFreeze(ir), diagnostics };
}

/** Finds every exported family; helpers, constants and functions are skipped. */
function collectCandidates(modules: readonly LoadedModule[]): Candidate[] {
  const seen = new Set<unknown>();
  const unions: Candidate[] = [];
  const lone: Candidate[] = [];
  for (const mod of modules) {
    for (const exportName of Object.keys(mod.exports).sort()) {
      const schema = mod.exports[exportName];
      if (!zodVersion(schema) || seen.has(schema)) continue;
      const kind = kindOf(schema);
      if (kind === "union") {
        const members = flattenUnion(schema);
        if (!members.some(hasEventKey)) continue;
        seen.add(schema);
        unions.push({ file: mod.file, exportName, schema, members, lone: false });
      } else if (kind === "object" && hasEventKey(schema)) {
        seen.add(schema);
        lone.push({ file: mod.file, exportName, schema, members: [schema], lone: true });
      }
    }
  }
  // An event object exported on its own *and* used in an exported union belongs to the union.
  const inUnion = new Set(unions.flatMap((u) => u.members));
  return [...unions, ...lone.filter((c) => !inUnion.has(c.schema))];
}

function flattenUnion(schema: AnyZod): AnyZod[] {
  return unionOptions(schema).flatMap((o) => (kindOf(o) === "union" ? flattenUnion(o) : [o]));
}

function hasEventKey(schema: AnyZod): boolean {
  return kindOf(schema) === "object" && Object.hasOwn(objectShape(schema), "event");
}

function buildFamily(c: Candidate, config: ResolvedConfig, out: Diagnostic[]): FamilyIR | undefined {
  const version = zodVersion(c.schema)!;
  const draft: Draft = config.jsonSchemaDraft;
  const rawMeta = ownMeta(c.schema);
  const where = { file: c.file };
  // Until the metadata is parsed, name the family as declared (or by its export).
  const declared = { ...where, family: typeof rawMeta.family === "string" ? rawMeta.family : c.exportName };
  checkMetaKeys(rawMeta, c.lone ? LONE_EVENT_META_KEYS : FAMILY_META_KEYS, c.lone ? "event" : "family", declared, out);
  const famMeta = parseMeta(FamilyMetaSchema, rawMeta, declared, out);

  // Events first: the family name may be derived from them.
  const drafts: { name: string; member: AnyZod }[] = [];
  for (const [i, member] of c.members.entries()) {
    const at = { ...where, family: famMeta.family ?? c.exportName };
    if (kindOf(member) !== "object") {
      out.push(err("LP_MEMBER_NOT_OBJECT", `member #${i + 1} of union export "${c.exportName}" is a ${kindOf(member)}, not an object`, "make every member a strict object with a literal `event`: `z.strictObject({ event: z.literal(\"…\"), … })`", at));
      continue;
    }
    const shape = objectShape(member);
    if (!Object.hasOwn(shape, "event")) {
      out.push(err("LP_EVENT_MISSING", `member #${i + 1} of "${c.exportName}" has no \`event\` key`, "add `event: z.literal(\"<family>.<name>\")` to the object", at));
      continue;
    }
    const lit = literalValues(shape.event);
    if (!lit || lit.values.length !== 1 || typeof lit.values[0] !== "string" || lit.optional) {
      const what = !lit ? `a ${kindOf(shape.event)}` : lit.optional ? "optional" : `a literal of ${lit.values.length} values`;
      out.push(err("LP_EVENT_NOT_LITERAL", `\`event\` of member #${i + 1} of "${c.exportName}" is ${what}, not one required string literal`, "declare `event: z.literal(\"<family>.<name>\")` (one string, not optional)", at));
      continue;
    }
    drafts.push({ name: lit.values[0], member });
  }
  if (!drafts.length) return undefined;

  const familyName = famMeta.family ?? commonPrefix(drafts.map((d) => d.name), c.lone);
  if (!familyName) {
    out.push(err("LP_FAMILY_NAME_UNDERIVABLE", `the events of "${c.exportName}" (${drafts.map((d) => d.name).join(", ")}) share no dotted prefix, so no family name can be derived`, "add `.meta({ family: \"<name>\" })` to the union, or split it into one union per family", where));
    return undefined;
  }
  const fam = { file: c.file, family: familyName };

  const events: EventIR[] = [];
  for (const { name, member } of drafts) {
    const event = buildEvent(name, member, familyName, c, draft, out);
    if (event) events.push(event);
  }
  events.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const transitions: TransitionIR[] = [];
  for (const t of famMeta.transitions ?? []) {
    const resolved = [t[0], t[1]].map((n) => (n === "[*]" ? n : events.find((e) => e.name === n || e.short === n)?.name));
    const bad = [t[0], t[1]].filter((_, i) => resolved[i] === undefined);
    if (bad.length) {
      out.push(err("LP_TRANSITION_UNKNOWN_EVENT", `transition ${t[0]} → ${t[1]} names ${bad.map((b) => `"${b}"`).join(" and ")}, which is not an event of this family`, `use an event name of "${familyName}" (short or full) or "[*]"; known: ${events.map((e) => e.short).join(", ")}`, fam));
      continue;
    }
    transitions.push({ from: resolved[0]!, to: resolved[1]!, ...(t[2] !== undefined ? { label: t[2] } : {}) });
  }

  const root = familyName.split(".")[0]!;
  return {
    name: familyName,
    ...(famMeta.description !== undefined ? { description: famMeta.description } : {}),
    ...(famMeta.owner !== undefined ? { owner: famMeta.owner } : {}),
    stability: (famMeta.stability as Stability | undefined) ?? "stable",
    source: { file: c.file, export: c.exportName },
    zod: version,
    loki: { selector: famMeta.loki?.selector ?? config.lokiSelector.replaceAll("{root}", root) },
    transitions,
    alerts: (famMeta.alerts ?? []) as unknown as AlertDecl[],
    events,
  };
}

function buildEvent(
  name: string,
  member: AnyZod,
  familyName: string,
  c: Candidate,
  draft: Draft,
  out: Diagnostic[],
): EventIR | undefined {
  const at = { file: c.file, family: familyName, event: name };
  let ok = true;
  if (!isStrictObject(member)) {
    out.push(err("LP_NOT_STRICT", `event "${name}" is not a strict object: unknown fields would pass unnoticed`, "declare it with `z.strictObject({...})` or add `.strict()` to `z.object({...})`", at));
    ok = false;
  }
  // On a one-event family the same .meta() also carries the family keys (checked there).
  const rawMeta = ownMeta(member);
  if (!c.lone) checkMetaKeys(rawMeta, EVENT_META_KEYS, "event", at, out);
  const meta = parseMeta(EventMetaSchema, rawMeta, at, out);

  const shape = objectShape(member);
  for (const [fieldName, fieldSchema] of Object.entries(shape)) {
    if (fieldName === "event") continue;
    const fat = { ...at, field: fieldName };
    const unsupported = findUnsupported(fieldSchema, fieldName);
    if (unsupported) {
      out.push(err("LP_UNSUPPORTED_ZOD", `field "${unsupported.path}" uses z.${unsupported.kind}(): ${UNSUPPORTED[unsupported.kind]}`, "replace it with a JSON type (string, number, boolean, null, object, array, enum, literal)", fat));
      ok = false;
    }
    checkMetaKeys(fieldMeta(fieldSchema), FIELD_META_KEYS, "field", fat, out);
  }
  if (!ok) return undefined;

  const json = cleanSchema(toJsonSchema(member, draft));
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  const fields: FieldIR[] = [];
  for (const fieldName of Object.keys(shape).sort()) {
    if (fieldName === "event") continue;
    const fat = { ...at, field: fieldName };
    const fm = parseMeta(FieldMetaSchema, fieldMeta(shape[fieldName]), fat, out);
    // Annotations live on the FieldIR; the schema keeps only the type and its constraints.
    const { description: _d, examples: _x, title: _t, deprecated: _p, ...schema } = (properties[fieldName] ?? {}) as Record<string, unknown>;
    for (const [i, example] of (fm.examples ?? []).entries()) {
      const r = check(shape[fieldName], example);
      if (!r.ok) out.push(err("LP_FIELD_EXAMPLE_INVALID", `example #${i + 1} of field "${fieldName}" (${JSON.stringify(example)}) does not match the field's own schema: ${r.problem}`, "fix the example or the schema", fat));
    }
    const values = enumValues(schema);
    // Zod 3 has no .meta(): there the name's suffix is the only unit declaration there is.
    const unit = (fm.unit as Unit | undefined) ?? (zodVersion(c.schema) === "v3" ? unitFromSuffix(fieldName) : undefined);
    fields.push({
      name: fieldName,
      required: required.has(fieldName),
      nullable: isNullable(schema),
      types: baseTypes(schema),
      ...(values ? { enum: values } : {}),
      display: displayType(schema),
      schema,
      ...(fm.description !== undefined ? { description: fm.description } : {}),
      ...(unit !== undefined ? { unit } : {}),
      ...(fm.sensitive !== undefined && fm.sensitive !== false ? { sensitive: fm.sensitive as true | "secret" | "pii" } : {}),
      examples: fm.examples ?? [],
      ...(fm.deprecation !== undefined ? { deprecation: fm.deprecation } : fm.deprecated ? { deprecation: {} } : {}),
    });
  }

  const examples: Record<string, unknown>[] = [];
  for (const [i, example] of (meta.examples ?? []).entries()) {
    const full = { event: name, ...example };
    const r = check(member, full);
    if (!r.ok) out.push(err("LP_EXAMPLE_INVALID", `example #${i + 1} of event "${name}" does not match the event's schema: ${r.problem}`, "fix the example (it is validated with `event` filled in) or the schema", at));
    else examples.push(full);
  }
  const level = meta.level as Level | undefined;
  return {
    name,
    short: name.startsWith(`${familyName}.`) ? name.slice(familyName.length + 1) : name,
    family: familyName,
    level: level ?? "info",
    levelDefaulted: level === undefined,
    ...(meta.description !== undefined ? { description: meta.description } : {}),
    message: meta.message ?? name,
    stability: (meta.stability as Stability | undefined) ?? "stable",
    ...(meta.deprecation !== undefined ? { deprecation: meta.deprecation } : meta.deprecated ? { deprecation: {} } : {}),
    examples,
    fields,
  };
}

/** First unsupported construct inside a field, with a readable path (`items[].at`). */
function findUnsupported(schema: AnyZod, path: string): { kind: string; path: string } | undefined {
  const kind = kindOf(schema);
  if (kind in UNSUPPORTED) return { kind, path };
  for (const [seg, child] of childrenOf(schema)) {
    if (child === undefined) continue;
    const next = seg === "" || seg.startsWith("|") || seg.startsWith("&") || seg.startsWith("<") ? path : seg === "[]" || seg.startsWith("[") ? `${path}${seg}` : `${path}.${seg}`;
    const found = findUnsupported(child, next);
    if (found) return found;
  }
  return undefined;
}

/** Longest common dotted prefix; for a lone event, its name minus the last segment. */
function commonPrefix(names: string[], lone: boolean): string {
  const split = names.map((n) => n.split("."));
  if (lone || names.length === 1) return split[0]!.slice(0, -1).join(".");
  const prefix: string[] = [];
  for (let i = 0; ; i++) {
    const seg = split[0]![i];
    // Never swallow the whole of any event name: the family is a strict prefix.
    if (seg === undefined || split.some((s) => s[i] !== seg || s.length <= i + 1)) break;
    prefix.push(seg);
  }
  return prefix.join(".");
}

type Where = Pick<Diagnostic, "file" | "family" | "event" | "field">;

function err(code: string, message: string, fix: string, where: Where): Diagnostic {
  return { code, severity: "error", message, fix, ...where };
}

function checkMetaKeys(meta: Record<string, unknown>, allowed: readonly string[], place: string, where: Where, out: Diagnostic[]): void {
  for (const key of Object.keys(meta).sort()) {
    if (allowed.includes(key)) continue;
    const hint = didYouMean(key, allowed);
    out.push(err("LP_META_UNKNOWN_KEY", `unknown ${place} metadata key "${key}"${hint ? ` (did you mean "${hint}"?)` : ""}`, `allowed on ${place === "event" ? "an event" : `a ${place}`}: ${allowed.join(", ")}`, where));
  }
}

function parseMeta<T extends Record<string, unknown>>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } },
  meta: Record<string, unknown>,
  where: Where,
  out: Diagnostic[],
): Partial<T> {
  const r = schema.safeParse(meta);
  if (r.success) return r.data;
  for (const issue of r.error.issues) {
    out.push(err("LP_META_INVALID", `metadata "${issue.path.join(".")}" is invalid: ${issue.message}`, "fix the value in .meta(); see docs/authoring.md for the allowed values", where));
  }
  // Keep what is valid so later checks still run on the rest.
  const valid: Record<string, unknown> = {};
  const bad = new Set(r.error.issues.map((i) => String(i.path[0])));
  for (const [k, v] of Object.entries(meta)) if (!bad.has(k)) valid[k] = v;
  const again = schema.safeParse(valid);
  return again.success ? again.data : {};
}

function buildEnvelope(config: ResolvedConfig): EnvelopeFieldIR[] {
  // The logger profile decides every envelope field (logger-profile.ts).
  return envelopeFields(config.envelope, resolveProfile(config.envelope), (s) => cleanSchema(s) as JsonSchema);
}

