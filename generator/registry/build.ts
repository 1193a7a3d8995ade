/**
 * Zod → IR. Reads every exported family of the loaded schema modules once, reports
 * structural problems (with file, family, event and field) and returns the sorted,
 * frozen IR. Registry-wide checks (duplicates, conventions, …) run on the IR in checks.ts.
 */
import type { ResolvedConfig } from "../config/schema.js";
import type { Diagnostic } from "../errors.js";
import { didYouMean } from "../util/did-you-mean.js";
import { deepFreeze } from "../util/json.js";
import { resolveAlerts } from "./alerts.js";
import type { EnvelopeFieldIR, EventIR, FamilyIR, FieldIR, JsonSchema, RegistryIR, TransitionIR } from "./ir.js";
import { baseTypes, cleanSchema, displayType, enumValues, isNullable } from "./field-schema.js";
import {
  EVENT_META_KEYS,
  FAMILY_META_KEYS,
  FIELD_META_KEYS,
  LONE_EVENT_META_KEYS,
  unitFromSuffix,
  type AlertDecl,
  type Level,
  type Stability,
  type Unit,
} from "./meta.js";
import { EventMetaSchema, FamilyMetaSchema, FieldMetaSchema } from "./meta-schema.js";
import {
  type AnyZod,
  type Draft,
  check,
  childrenOf,
  customChecks,
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
import { diagnosticSeverity, ruleSetting } from "./conventions.js";
import type { z } from "zod";
import { mergeVariants } from "./variants.js";
import { fillSelector } from "../targets/loki/syntax.js";
import { envelopeFields, resolveProfile } from "./logger-profile.js";

/** A schema module after import: its path (relative, POSIX) and its exports. */
export interface LoadedModule {
  readonly file: string;
  readonly exports: Readonly<Record<string, unknown>>;
  /** Export names in source order (a module namespace sorts them); others follow, sorted. */
  readonly order?: readonly string[];
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

/** One event object and where it was exported from (for lone events: its own export). */
interface Member {
  schema: AnyZod;
  file: string;
  exportName: string;
}

interface Candidate {
  file: string;
  exportName: string;
  /** The union, or the first lone event object of the group. */
  schema: AnyZod;
  /** The event objects (nested unions flattened), or the lone event objects of one group. */
  members: Member[];
  lone: boolean;
  /** Lone groups: the family name the grouping decided (explicit meta, config map or prefix). */
  family?: string;
}

/** Builds the IR from loaded modules; never throws on registry problems, reports them. */
export function buildRegistry(modules: readonly LoadedModule[], config: ResolvedConfig): BuildResult {
  const diagnostics: Diagnostic[] = [];
  const candidates = collectCandidates(
    [...modules].sort((a, b) => (a.file < b.file ? -1 : 1)),
    config,
    diagnostics,
  );
  const families: FamilyIR[] = [];
  for (const c of candidates) {
    const family = buildFamily(c, config, diagnostics);
    if (!family) continue;
    // Lone events that name a family declared as a union join it (after its own events).
    const host = families.find((f) => f.name === family.name);
    if (host && c.lone) (host.events as EventIR[]).push(...family.events.map((e) => withSource(e, host, family)));
    else families.push(family);
  }
  families.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.source.file < b.source.file ? -1 : 1));
  const declared: RegistryIR = {
    irVersion: 4,
    ...(config.eventKey !== "event" ? { eventKey: config.eventKey } : {}),
    families,
    envelope: buildEnvelope(config),
    logger: resolveProfile(config.envelope),
  };
  // Alerts are resolved here, once: the Loki target and diff read `resolved` off the IR.
  const alerts = resolveAlerts(declared);
  diagnostics.push(...alerts.diagnostics, ...unpinnedService(config, families));
  return { ir: deepFreeze({ ...declared, families: alerts.families }), diagnostics };
}

function withSource(e: EventIR, host: FamilyIR, from: FamilyIR): EventIR {
  const source = e.source ?? from.source;
  return source.file === host.source.file && source.export === host.source.export ? e : { ...e, source };
}

/** Export names in source order: a module namespace lists them alphabetically. */
function exportsInOrder(mod: LoadedModule): string[] {
  const names = Object.keys(mod.exports);
  const rank = new Map((mod.order ?? []).map((n, i) => [n, i]));
  return names.sort((a, b) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Finds every exported family; helpers, constants and functions are skipped. Lone event
 * objects (one export per event) are grouped into families: by an explicit
 * `.meta({ family })`, else by `config.families.map`, else by module or by name prefix.
 */
function collectCandidates(modules: readonly LoadedModule[], config: ResolvedConfig, out: Diagnostic[]): Candidate[] {
  const key = config.eventKey;
  const seen = new Set<unknown>();
  const unions: Candidate[] = [];
  const lone: Member[] = [];
  for (const mod of modules) {
    for (const exportName of exportsInOrder(mod)) {
      const value = mod.exports[exportName];
      if (!zodVersion(value) || seen.has(value)) continue;
      const schema = unwrapRefinement(value);
      const kind = kindOf(schema);
      if (kind === "union") {
        const members = flattenUnion(schema);
        if (!members.some((m) => hasEventKey(m, key))) continue;
        seen.add(value);
        if (!members.some((m) => hasLiteralEvent(m, key))) {
          out.push(skipped(mod.file, exportName, `a union whose members' \`${key}\` is not a string literal`));
          continue;
        }
        unions.push({
          file: mod.file,
          exportName,
          schema,
          members: members.map((m) => ({ schema: m, file: mod.file, exportName })),
          lone: false,
        });
      } else if (kind === "object" && hasEventKey(schema, key)) {
        seen.add(value);
        if (!hasLiteralEvent(schema, key)) {
          out.push(
            skipped(
              mod.file,
              exportName,
              `an object whose \`${key}\` is ${kindOf(objectShape(schema)[key]!)}, not a literal (a catch-all)`,
            ),
          );
          continue;
        }
        lone.push({ schema, file: mod.file, exportName });
      }
    }
  }
  // An event object exported on its own *and* used in an exported union belongs to the union.
  const inUnion = new Set(unions.flatMap((u) => u.members.map((m) => m.schema)));
  const groups = new Map<string, Member[]>();
  for (const m of lone.filter((l) => !inUnion.has(l.schema))) {
    const group = groupKey(m, config);
    groups.set(group, [...(groups.get(group) ?? []), m]);
  }
  const loneCandidates: Candidate[] = [];
  for (const [group, members] of groups) {
    const first = members[0]!;
    const family = group.startsWith("module:") ? undefined : group.slice(group.indexOf(":") + 1) || undefined;
    loneCandidates.push({
      file: first.file,
      exportName: first.exportName,
      schema: first.schema,
      members,
      lone: true,
      ...(family ? { family } : {}),
    });
  }
  return [...unions, ...loneCandidates];
}

/** The group a lone event belongs to: `family:<name>`, or `module:<file>` to derive it later. */
function groupKey(m: Member, config: ResolvedConfig): string {
  const meta = ownMeta(m.schema);
  if (typeof meta.family === "string") return `family:${meta.family}`;
  const name = String(literalValues(objectShape(m.schema)[config.eventKey]!)!.values[0]);
  for (const [family, patterns] of Object.entries(config.families.map)) {
    if (patterns.some((p) => (p.endsWith(".*") ? name.startsWith(p.slice(0, -1)) : p === name)))
      return `family:${family}`;
  }
  if (config.families.group === "module") return `module:${m.file}`;
  return `family:${name.split(".").slice(0, -1).join(".")}`;
}

function skipped(file: string, exportName: string, what: string): Diagnostic {
  return {
    code: "LP_EXPORT_SKIPPED",
    severity: "note",
    file,
    message: `export "${exportName}" is ${what}, not an event family: skipped`,
    fix: 'nothing to do if it is a catch-all or a helper; to register its events, give each one `event: z.literal("<family>.<name>")`',
  };
}

/** `.refine()` in Zod 3 wraps the object in ZodEffects; the object underneath is the event. */
function unwrapRefinement(schema: AnyZod): AnyZod {
  let cur = schema;
  while (kindOf(cur) === "refinement") cur = childrenOf(cur)[0]![1];
  return cur;
}

function flattenUnion(schema: AnyZod): AnyZod[] {
  return unionOptions(schema).flatMap((o) =>
    kindOf(unwrapRefinement(o)) === "union" ? flattenUnion(unwrapRefinement(o)) : [o],
  );
}

function hasEventKey(schema: AnyZod, key: string): boolean {
  const s = unwrapRefinement(schema);
  return kindOf(s) === "object" && Object.hasOwn(objectShape(s), key);
}

function hasLiteralEvent(schema: AnyZod, key: string): boolean {
  const s = unwrapRefinement(schema);
  if (!hasEventKey(s, key)) return false;
  const lit = literalValues(objectShape(s)[key]!);
  return lit !== undefined && typeof lit.values[0] === "string";
}

/** Family metadata of a lone group: family-only keys from every member (first wins; alerts and transitions add up). */
function loneFamilyMeta(c: Candidate): Record<string, unknown> {
  if (c.members.length === 1) return ownMeta(c.members[0]!.schema);
  const meta: Record<string, unknown> = {};
  for (const m of c.members) {
    for (const [k, v] of Object.entries(ownMeta(m.schema))) {
      if (!(FAMILY_META_KEYS as readonly string[]).includes(k) || k === "description" || k === "title" || k === "id")
        continue;
      if (k === "alerts" || k === "transitions") meta[k] = [...((meta[k] as unknown[]) ?? []), ...(v as unknown[])];
      else if (!(k in meta)) meta[k] = v;
    }
  }
  return meta;
}

function buildFamily(c: Candidate, config: ResolvedConfig, out: Diagnostic[]): FamilyIR | undefined {
  const version = zodVersion(c.schema)!;
  const draft: Draft = config.jsonSchemaDraft;
  const where = { file: c.file };
  let famMeta: Partial<z.output<typeof FamilyMetaSchema>>;
  if (c.lone) {
    // Each lone event's .meta() carries event keys and (optionally) family keys.
    for (const m of c.members) {
      const rawMeta = ownMeta(m.schema);
      checkMetaKeys(
        rawMeta,
        LONE_EVENT_META_KEYS,
        "event",
        { file: m.file, family: typeof rawMeta.family === "string" ? rawMeta.family : m.exportName },
        out,
      );
    }
    const rawMeta = loneFamilyMeta(c);
    famMeta = parseMeta(
      FamilyMetaSchema,
      rawMeta,
      { ...where, family: typeof rawMeta.family === "string" ? rawMeta.family : c.exportName },
      out,
    );
  } else {
    const rawMeta = ownMeta(c.schema);
    // Until the metadata is parsed, name the family as declared (or by its export).
    const declared = { ...where, family: typeof rawMeta.family === "string" ? rawMeta.family : c.exportName };
    checkMetaKeys(rawMeta, FAMILY_META_KEYS, "family", declared, out);
    famMeta = parseMeta(FamilyMetaSchema, rawMeta, declared, out);
  }

  // Events first: the family name may be derived from them. `key` names the event (config `eventKey`).
  const key = config.eventKey;
  const drafts: { name: string; member: Member }[] = [];
  for (const [i, m] of c.members.entries()) {
    const member = unwrapRefinement(m.schema);
    const at = { file: m.file, family: famMeta.family ?? c.family ?? c.exportName };
    if (kindOf(member) !== "object") {
      out.push(
        err(
          "LP_MEMBER_NOT_OBJECT",
          `member #${i + 1} of union export "${c.exportName}" is a ${kindOf(member)}, not an object`,
          `make every member a strict object with a literal \`${key}\`: \`z.strictObject({ ${keyText(key)}: z.literal("…"), … })\``,
          at,
        ),
      );
      continue;
    }
    const shape = objectShape(member);
    if (!Object.hasOwn(shape, key)) {
      out.push(
        err(
          "LP_EVENT_MISSING",
          `member #${i + 1} of "${c.exportName}" has no \`${key}\` key`,
          `add \`${keyText(key)}: z.literal("<family>.<name>")\` to the object`,
          at,
        ),
      );
      continue;
    }
    const lit = literalValues(shape[key]!);
    if (!lit || lit.values.length !== 1 || typeof lit.values[0] !== "string" || lit.optional) {
      const what = !lit
        ? `a ${kindOf(shape[key]!)}`
        : lit.optional
          ? "optional"
          : `a literal of ${lit.values.length} values`;
      out.push(
        err(
          "LP_EVENT_NOT_LITERAL",
          `\`${key}\` of member #${i + 1} of "${c.exportName}" is ${what}, not one required string literal`,
          `declare \`${keyText(key)}: z.literal("<family>.<name>")\` (one string, not optional)`,
          at,
        ),
      );
      continue;
    }
    drafts.push({ name: lit.values[0], member: m });
  }
  if (!drafts.length) return undefined;

  const familyName =
    famMeta.family ??
    c.family ??
    commonPrefix(
      drafts.map((d) => d.name),
      c.lone && drafts.length === 1,
    );
  if (!familyName) {
    out.push(
      err(
        "LP_FAMILY_NAME_UNDERIVABLE",
        `the events of "${c.exportName}" (${drafts.map((d) => d.name).join(", ")}) share no dotted prefix, so no family name can be derived`,
        c.lone
          ? 'add `.meta({ family: "<name>" })` to the event objects, or map them in the config (`families.map`)'
          : 'add `.meta({ family: "<name>" })` to the union, or split it into one union per family',
        where,
      ),
    );
    return undefined;
  }
  const fam = { file: c.file, family: familyName };

  // Declaration order (module path, then source order): authors write lifecycles in order.
  const built: EventIR[] = [];
  for (const { name, member } of drafts) {
    const event = buildEvent(name, member, familyName, c, config, draft, out, key);
    if (event) built.push(event);
  }
  // Members sharing an event literal are variants of one event (variants.ts).
  const events = mergeVariants(built, fam, out);

  const transitions: TransitionIR[] = [];
  for (const t of famMeta.transitions ?? []) {
    const resolved = [t[0], t[1]].map((n) =>
      n === "[*]" ? n : events.find((e) => e.name === n || e.short === n)?.name,
    );
    const bad = [t[0], t[1]].filter((_, i) => resolved[i] === undefined);
    if (bad.length) {
      out.push(
        err(
          "LP_TRANSITION_UNKNOWN_EVENT",
          `transition ${t[0]} → ${t[1]} names ${bad.map((b) => `"${b}"`).join(" and ")}, which is not an event of this family`,
          `use an event name of "${familyName}" (short or full) or "[*]"; known: ${events.map((e) => e.short).join(", ")}`,
          fam,
        ),
      );
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
    loki: {
      selector: famMeta.loki?.selector ?? fillSelector(config.lokiSelector, { root, service: serviceName(config) }),
    },
    transitions,
    alerts: (famMeta.alerts ?? []) as unknown as AlertDecl[],
    events,
  };
}

/**
 * The service's name as the logger profile pins it: a `service` base binding (pino's
 * `base: { service }`) or child binding whose schema allows exactly one string (`const`, or a
 * one-member `enum`). Undefined when the profile has none or leaves the value open.
 */
function serviceName(config: ResolvedConfig): string | undefined {
  const { base, bindings, fields } = config.envelope;
  for (const schema of [base?.service, bindings?.service, fields.service]) {
    const values = schema ? enumValues(schema as JsonSchema) : undefined;
    if (values?.length === 1 && typeof values[0] === "string") return values[0];
  }
  return undefined;
}

/**
 * A profile that declares a `service` binding but leaves its value open, under a selector
 * template that names `{service}`: the families whose alerts use the filled-in default get
 * their first name segment instead, which matches the service's streams only by chance.
 * One warning for the registry, naming those families.
 */
function unpinnedService(config: ResolvedConfig, families: readonly FamilyIR[]): Diagnostic[] {
  const { base, bindings, fields } = config.envelope;
  if (!config.lokiSelector.includes("{service}") || serviceName(config) !== undefined) return [];
  const declared = base?.service
    ? "envelope.base.service"
    : bindings?.service
      ? "envelope.bindings.service"
      : fields.service
        ? "envelope.fields.service"
        : undefined;
  if (!declared) return [];
  const affected = families.filter(
    (f) =>
      f.alerts.length > 0 && f.loki.selector === fillSelector(config.lokiSelector, { root: f.name.split(".")[0]! }),
  );
  if (affected.length === 0) return [];
  const names = affected.map((f) => `"${f.name}"`);
  const shown = names.length > 3 ? `${names.slice(0, 3).join(", ")} and ${names.length - 3} more` : names.join(", ");
  return [
    {
      code: "LP_LOKI_SERVICE_UNPINNED",
      severity: "warning",
      message: `the logger profile declares "service" (${declared}) without pinning its value, so the Loki alerts of ${shown} select the family's first name segment instead: ${affected[0]!.loki.selector}`,
      fix: `pin the service in the config (${declared}: { type: "string", const: "<service name>" }; with pinoProfile, spread the profile and add the const: docs/alerts.md), or set lokiSelector, or a family's .meta({ loki: { selector } })`,
      family: affected[0]!.name,
    },
  ];
}

function buildEvent(
  name: string,
  m: Member,
  familyName: string,
  c: Candidate,
  config: ResolvedConfig,
  draft: Draft,
  out: Diagnostic[],
  key: string,
): EventIR | undefined {
  const member = unwrapRefinement(m.schema);
  const at = { file: m.file, family: familyName, event: name };
  let ok = true;
  if (!isStrictObject(member)) {
    out.push(
      err(
        "LP_NOT_STRICT",
        `event "${name}" is not a strict object: unknown fields would pass unnoticed`,
        "declare it with `z.strictObject({...})` or add `.strict()` to `z.object({...})`",
        at,
      ),
    );
    ok = false;
  }
  // A lone event's .meta() also carries the family keys (checked with the family).
  const rawMeta = ownMeta(member);
  if (!c.lone) checkMetaKeys(rawMeta, EVENT_META_KEYS, "event", at, out);
  const meta = parseMeta(EventMetaSchema, rawMeta, at, out);
  refinements(m.schema, name, at, config, out, false);

  const shape = objectShape(member);
  for (const [fieldName, fieldSchema] of Object.entries(shape)) {
    if (fieldName === key) continue;
    const fat = { ...at, field: fieldName };
    const unsupported = findUnsupported(fieldSchema, fieldName);
    if (unsupported) {
      out.push(
        err(
          "LP_UNSUPPORTED_ZOD",
          `field "${unsupported.path}" uses z.${unsupported.kind}(): ${UNSUPPORTED[unsupported.kind]}`,
          "replace it with a JSON type (string, number, boolean, null, object, array, enum, literal)",
          fat,
        ),
      );
      ok = false;
    }
    checkMetaKeys(fieldMeta(fieldSchema), FIELD_META_KEYS, "field", fat, out);
    refinements(fieldSchema, fieldName, fat, config, out);
  }
  if (!ok) return undefined;

  const json = cleanSchema(toJsonSchema(member, draft));
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  const fields: FieldIR[] = [];
  // Source order: authors group related fields; docs and emitters keep it.
  for (const fieldName of Object.keys(shape)) {
    if (fieldName === key) continue;
    const fat = { ...at, field: fieldName };
    const fm = parseMeta(FieldMetaSchema, fieldMeta(shape[fieldName]), fat, out);
    // Annotations live on the FieldIR; the schema keeps only the type and its constraints.
    const {
      description: _d,
      examples: _x,
      title: _t,
      deprecated: _p,
      ...schema
    } = (properties[fieldName] ?? {}) as Record<string, unknown>;
    for (const [i, example] of (fm.examples ?? []).entries()) {
      const r = check(shape[fieldName], example);
      if (!r.ok)
        out.push(
          err(
            "LP_FIELD_EXAMPLE_INVALID",
            `example #${i + 1} of field "${fieldName}" (${JSON.stringify(example)}) does not match the field's own schema: ${r.problem}`,
            "fix the example or the schema",
            fat,
          ),
        );
    }
    const values = enumValues(schema);
    // The name's suffix declares the unit (`tool_duration_ms`, `costUsd`) of a number;
    // a declared unit that contradicts it is reported by the unit-mismatch rule.
    const types = baseTypes(schema);
    const numeric = types.length > 0 && types.every((t) => t === "integer" || t === "number");
    const suffixUnit = numeric ? unitFromSuffix(fieldName) : undefined;
    // `_min` / `Min` is as often "minimum" (`price_min`) as minutes: declared, never guessed.
    const unit = (fm.unit as Unit | undefined) ?? (suffixUnit === "min" ? undefined : suffixUnit);
    fields.push({
      name: fieldName,
      required: required.has(fieldName),
      nullable: isNullable(schema),
      types,
      ...(values ? { enum: values } : {}),
      display: displayType(schema),
      schema,
      ...(fm.description !== undefined ? { description: fm.description } : {}),
      ...(unit !== undefined ? { unit } : {}),
      ...(fm.sensitive !== undefined && fm.sensitive !== false
        ? { sensitive: fm.sensitive as true | "secret" | "pii" }
        : {}),
      examples: fm.examples ?? [],
      ...(fm.deprecation !== undefined ? { deprecation: fm.deprecation } : fm.deprecated ? { deprecation: {} } : {}),
    });
  }

  const examples: Record<string, unknown>[] = [];
  for (const [i, example] of (meta.examples ?? []).entries()) {
    const full = { [key]: name, ...example };
    const r = check(member, full);
    if (!r.ok)
      out.push(
        err(
          "LP_EXAMPLE_INVALID",
          `example #${i + 1} of event "${name}" does not match the event's schema: ${r.problem}`,
          "fix the example (it is validated with `event` filled in) or the schema",
          at,
        ),
      );
    else examples.push(full);
  }
  const level = meta.level as Level | undefined;
  const source =
    m.file === c.file && m.exportName === c.exportName ? undefined : { file: m.file, export: m.exportName };
  return {
    name,
    short: name.startsWith(`${familyName}.`) ? name.slice(familyName.length + 1) : name,
    family: familyName,
    level: level ?? "info",
    levelDefaulted: level === undefined,
    ...(meta.description !== undefined ? { description: meta.description } : {}),
    message: meta.message ?? name,
    stability: (meta.stability as Stability | undefined) ?? "stable",
    ...(meta.deprecation !== undefined
      ? { deprecation: meta.deprecation }
      : meta.deprecated
        ? { deprecation: {} }
        : {}),
    examples,
    fields,
    ...(source ? { source } : {}),
  };
}

/**
 * `.refine()`, `.superRefine()` and `.check()` run only inside Zod: JSON Schema, the
 * emitters' types and `validate` cannot enforce them. Never dropped silently.
 */
function refinements(
  schema: AnyZod,
  what: string,
  at: Where,
  config: ResolvedConfig,
  out: Diagnostic[],
  deep = true,
): void {
  const setting = ruleSetting(config.conventions, "refine-not-enforced");
  if (setting.severity === "off") return;
  // An event's own checks; its fields' checks are reported on each field.
  const n = customChecks(schema, deep);
  if (!n) return;
  const place = at.field ? `field "${what}" of "${at.event}"` : `event "${what}"`;
  out.push({
    code: "LP_REFINE_NOT_ENFORCED",
    severity: diagnosticSeverity(setting.severity),
    ...at,
    message: `${place} has ${n} custom check${n === 1 ? "" : "s"} (.refine/.superRefine/.check) that only Zod enforces: JSON Schema, emitter types and \`logpact validate\` accept values it rejects`,
    fix: 'express it with built-in types (enum, literal, min/max, regex) where you can; otherwise keep it and accept the gap (or set conventions["refine-not-enforced"] to "off")',
  });
}

/** First unsupported construct inside a field, with a readable path (`items[].at`). */
function findUnsupported(schema: AnyZod, path: string): { kind: string; path: string } | undefined {
  const kind = kindOf(schema);
  if (kind in UNSUPPORTED) return { kind, path };
  for (const [seg, child] of childrenOf(schema)) {
    if (child === undefined) continue;
    const next =
      seg === "" || seg.startsWith("|") || seg.startsWith("&") || seg.startsWith("<")
        ? path
        : seg === "[]" || seg.startsWith("[")
          ? `${path}${seg}`
          : `${path}.${seg}`;
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

/** The event key as written in an object literal: `event`, or `"event.name"` quoted. */
function keyText(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : JSON.stringify(key);
}

type Where = Pick<Diagnostic, "file" | "family" | "event" | "field">;

function err(code: string, message: string, fix: string, where: Where): Diagnostic {
  return { code, severity: "error", message, fix, ...where };
}

function checkMetaKeys(
  meta: Record<string, unknown>,
  allowed: readonly string[],
  place: string,
  where: Where,
  out: Diagnostic[],
): void {
  for (const key of Object.keys(meta).sort()) {
    if (allowed.includes(key)) continue;
    const hint = didYouMean(key, allowed);
    out.push(
      err(
        "LP_META_UNKNOWN_KEY",
        `unknown ${place} metadata key "${key}"${hint ? ` (did you mean "${hint}"?)` : ""}`,
        `allowed on ${place === "event" ? "an event" : `a ${place}`}: ${allowed.join(", ")}`,
        where,
      ),
    );
  }
}

function parseMeta<T extends Record<string, unknown>>(
  schema: {
    safeParse(
      v: unknown,
    ): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  meta: Record<string, unknown>,
  where: Where,
  out: Diagnostic[],
): Partial<T> {
  const r = schema.safeParse(meta);
  if (r.success) return r.data;
  for (const issue of r.error.issues) {
    out.push(
      err(
        "LP_META_INVALID",
        `metadata "${issue.path.join(".")}" is invalid: ${issue.message}`,
        "fix the value in .meta(); see docs/authoring.md for the allowed values",
        where,
      ),
    );
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
