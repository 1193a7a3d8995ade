/**
 * View models for the Markdown templates: plain objects whose strings are already
 * escaped for the place they go (see escape.ts), so a template only lays them out and
 * nothing a schema author writes can break a table, a fence or a section marker.
 */
import type { EnvelopeFieldIR, EventIR, FamilyIR, FieldIR, RegistryIR } from "../../registry/ir.js";
import { resolveEventName } from "../../registry/ir.js";
import { displayType } from "../../registry/field-schema.js";
import { variantLabel } from "../../registry/variants.js";
import { commonFields, isCommon } from "../../registry/common-fields.js";
import type { AlertDecl, CompareOp, FieldFilter } from "../../registry/meta.js";
import { code, fence, inline, literal, mermaidId, mermaidText, slug } from "./escape.js";

/** Where names link to; undefined means "no link" (in-place sections in hand-written docs). */
export interface Links {
  event(event: EventIR): string | undefined;
  family(family: FamilyIR): string | undefined;
  /**
   * Generated pages (true) name an event by its short name under its family (events
   * table) and list a field's events per family (field index), which keeps a 2,000-event
   * registry's pages small; in-place sections of hand-written docs (false) write full
   * event names, which is what `docs check` counts as a doc mentioning an event.
   */
  readonly shortNames: boolean;
}

export const NO_LINKS: Links = { event: () => undefined, family: () => undefined, shortNames: false };

/** Output knobs shared by pages and in-place sections. */
export interface ViewOptions {
  /** Level of the section headings (`Events`, `Lifecycle`, …); event headings are one deeper. */
  heading: number;
  /** Mermaid lifecycle diagrams. */
  diagrams: boolean;
  /** Example log lines under each event. */
  examples: boolean;
  links: Links;
  /** The property naming a line's event (config `eventKey`); `event` when absent. */
  eventKey?: string | undefined;
  /**
   * The family's common fields (registry/common-fields.ts), when they are described once in
   * a "Common fields" table (a family page or body): events then list only their own fields
   * and name the common ones. Absent for an event shown on its own: all its fields.
   */
  common?: ReadonlyMap<string, FieldIR> | undefined;
  /** Where a common field's name links to (the "Common fields" heading), when anywhere. */
  commonHref?: string | undefined;
  /**
   * The event is a row of this family's events table on the same page (a family page or
   * body): its section leaves out what the row says (description, level, the names of its
   * common fields; stability unless it differs from the family's), since a 2,000-event
   * registry repeated it in every section (scripts/bench/size.ts).
   */
  family?: FamilyIR | undefined;
}

export interface EventRow {
  event: string;
  level: string;
  when: string;
  /** The fields it carries, by name (`\`requestId\`, \`attempt\``), declaration order; the event reference describes them. */
  fields: string;
}

export interface FieldRow {
  field: string;
  type: string;
  unit: string;
  required: string;
  meaning: string;
}

export interface EventView {
  heading: string;
  title: string;
  description: string;
  facts: string;
  deprecation: string;
  hasFields: boolean;
  /** The event key, as code (`event`): the one property a field-less event's lines carry. */
  eventKey: string;
  /** Every field of the event (what a template override may list). */
  fields: FieldRow[];
  /** The event's own fields: those not described in the family's "Common fields" table. */
  ownFields: FieldRow[];
  hasOwnFields: boolean;
  /** `**[Common fields](#common-fields):** \`a\`, \`b\``: the common fields it carries; empty when none. */
  common: string;
  /** An event with variants: one fields table per variant instead of one for the event. */
  hasVariants: boolean;
  variantsIntro: string;
  variants: VariantView[];
  hasExample: boolean;
  example: string;
}

export interface VariantView {
  title: string;
  description: string;
  fields: FieldRow[];
  ownFields: FieldRow[];
  hasOwnFields: boolean;
  common: string;
}

export interface AlertRow {
  alert: string;
  severity: string;
  condition: string;
  meaning: string;
}

export interface DiagramView {
  states: { id: string; name: string }[];
  transitions: { from: string; to: string; label: string }[];
}

export interface FamilyView {
  name: string;
  title: string;
  description: string;
  facts: string[];
  h2: string;
  events: EventRow[];
  /** The line above the events table naming the fields every row carries (see `eventsTable`); empty when none. */
  everyEvent: string;
  hasLifecycle: boolean;
  diagram: DiagramView;
  hasAlerts: boolean;
  alerts: AlertRow[];
  /** The "Common fields" table: fields two or more events declare the same way. */
  hasCommonFields: boolean;
  commonFields: FieldRow[];
  details: EventView[];
}

export interface FieldIndexRow {
  field: string;
  type: string;
  unit: string;
  meaning: string;
  events: string;
}

export interface EnvelopeRow {
  field: string;
  type: string;
  required: string;
  meaning: string;
  origin: string;
}

export interface FamilyRow {
  family: string;
  events: string;
  owner: string;
  description: string;
}

const NONE = "—";

/** The GitHub anchor of an event's heading on its family page. */
export function eventAnchor(event: EventIR): string {
  return slug(event.name);
}

/** A link destination that cannot end early or break a table: spaces, brackets, pipes and quotes percent-encoded. */
function safeHref(url: string): string {
  return url.replace(/[\s()<>|\\`"[\]]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

function linked(label: string, href: string | undefined): string {
  return href === undefined ? label : `[${label}](${safeHref(href)})`;
}

function eventRef(event: EventIR, links: Links): string {
  return linked(code(links.shortNames ? event.short : event.name), links.event(event));
}

function headingMarks(level: number): string {
  return "#".repeat(Math.min(6, Math.max(1, level)));
}

function deprecationText(d: EventIR["deprecation"]): string {
  if (!d) return "";
  const parts = ["**Deprecated**"];
  if (d.since) parts[0] += ` since ${inline(d.since)}`;
  if (d.reason) parts.push(inline(d.reason));
  if (d.renamed_to) parts.push(`use ${code(d.renamed_to)} instead`);
  return `${parts.join(": ")}.`.replace(/\.\.$/, ".");
}

/** The events table's rows of an event: one, or one per variant. */
export function eventRows(event: EventIR, links: Links): EventRow[] {
  if (!event.variants) return [eventRow(event, links)];
  return event.variants.map((v) => {
    const row = eventRow(
      { ...event, fields: v.fields, ...(v.description === undefined ? {} : { description: v.description }) },
      links,
    );
    return { ...row, event: `${row.event} (${code(variantLabel(event, v))})` };
  });
}

/**
 * A family's events table: a row per event (per variant for an event with variants). Field
 * names that every row carries (a big service's `requestId`, `<area>Id` …) are named once
 * in `everyEvent`, above the table, and left out of the rows' fields column.
 */
export function eventsTable(
  family: Pick<FamilyIR, "events">,
  links: Links,
): { events: EventRow[]; everyEvent: string } {
  const lists = family.events.flatMap((e) => (e.variants ? e.variants.map((v) => v.fields) : [e.fields]));
  const rows = family.events.flatMap((e) => eventRows(e, links));
  // Only across two or more events: the variants of a lone event are not "every event".
  const every =
    family.events.length > 1
      ? lists[0]!.map((f) => f.name).filter((n) => lists.every((l) => l.some((f) => f.name === n)))
      : [];
  if (!every.length) return { events: rows, everyEvent: "" };
  const skip = new Set(every);
  return {
    events: rows.map((r, i) => ({ ...r, fields: fieldNames(lists[i]!.filter((f) => !skip.has(f.name))) })),
    everyEvent: `Every event carries ${every.map(code).join(", ")}; the fields column names the others.`,
  };
}

function fieldNames(fields: readonly FieldIR[]): string {
  return fields.map((f) => code(f.name)).join(", ") || NONE;
}

export function eventRow(event: EventIR, links: Links): EventRow {
  const notes = [
    event.deprecation ? deprecationText(event.deprecation) : "",
    event.stability === "experimental" ? "*Experimental.*" : "",
    event.levelDefaulted ? "*(level not declared; emitters log it at `info`)*" : "",
  ].filter(Boolean);
  return {
    event: eventRef(event, links),
    level: event.levelDefaulted ? "—" : event.level,
    when: [inline(event.description) || NONE, ...notes].join("<br>"),
    fields: fieldNames(event.fields),
  };
}

function sensitivityText(s: FieldIR["sensitive"]): string {
  if (s === undefined) return "";
  return s === "pii" ? "**Personal data (PII).**" : s === "secret" ? "**Secret.**" : "**Sensitive.**";
}

function examplesText(examples: readonly unknown[]): string {
  return examples.length ? `e.g. ${examples.map((x) => code(JSON.stringify(x) ?? String(x))).join(", ")}` : "";
}

function fieldMeaning(f: FieldIR, withExamples: boolean): string {
  return (
    [
      sensitivityText(f.sensitive),
      inline(f.description),
      f.deprecation ? deprecationText(f.deprecation) : "",
      withExamples ? examplesText(f.examples) : "",
    ]
      .filter(Boolean)
      .join("<br>") || NONE
  );
}

export function fieldRow(f: FieldIR): FieldRow {
  return {
    field: code(f.name),
    type: literal(f.display) || NONE,
    unit: f.unit ?? NONE,
    required: f.required ? "yes" : "no",
    meaning: fieldMeaning(f, true),
  };
}

/** An event's (or variant's) fields split into its own rows and the line naming its common ones. */
function fieldParts(
  fields: readonly FieldIR[],
  opts: ViewOptions,
): { fields: FieldRow[]; ownFields: FieldRow[]; hasOwnFields: boolean; common: string } {
  const common = opts.common ?? new Map<string, FieldIR>();
  const own = fields.filter((f) => !isCommon(common, f));
  const shared = fields.filter((f) => isCommon(common, f));
  return {
    fields: fields.map(fieldRow),
    ownFields: own.map(fieldRow),
    hasOwnFields: own.length > 0,
    // In a family's reference the events table already names every event's fields.
    common:
      shared.length && !opts.family
        ? `**${linked("Common fields", opts.commonHref)}:** ${shared.map((f) => code(f.name)).join(", ")}`
        : "",
  };
}

export function eventView(event: EventIR, opts: ViewOptions): EventView {
  const facts = opts.family ? [] : [`**Level:** \`${event.level}\``];
  if (!opts.family || event.stability !== opts.family.stability) facts.push(`**Stability:** ${event.stability}`);
  if (event.message !== event.name) facts.push(`**Default message:** ${code(event.message)}`);
  const example = event.examples.map((x) => JSON.stringify(x)).join("\n");
  return {
    heading: headingMarks(opts.heading + 1),
    title: code(event.name),
    // An event with variants takes its description from its first variant: shown there, not
    // twice; in a family's reference the events table shows it.
    description:
      opts.family || (event.variants?.[0]?.description === event.description && event.variants)
        ? ""
        : inline(event.description),
    facts: facts.join(" · "),
    deprecation: event.deprecation ? deprecationText(event.deprecation) : "",
    hasFields: event.fields.length > 0,
    eventKey: code(opts.eventKey ?? "event"),
    ...fieldParts(event.fields, opts),
    hasVariants: event.variants !== undefined,
    variantsIntro: event.variants
      ? `${event.variants.length} variants, told apart by ${code(event.discriminator!)}:`
      : "",
    variants: (event.variants ?? []).map((v) => ({
      title: `**Variant ${code(variantLabel(event, v))}**`,
      description: opts.family ? "" : inline(v.description),
      ...fieldParts(v.fields, opts),
    })),
    hasExample: opts.examples && example !== "",
    example: fence("json", example),
  };
}

function fullName(family: FamilyIR, name: string): string {
  return resolveEventName(family, name)?.name ?? name;
}

function names(family: FamilyIR, value: string | readonly string[]): string {
  return (typeof value === "string" ? [value] : value).map((n) => code(fullName(family, n))).join(" + ");
}

function filters(where: readonly FieldFilter[] | undefined): string {
  if (!where?.length) return "";
  return ` where ${where.map((w) => code(`${w.field} ${w.op} ${JSON.stringify(w.value)}`)).join(" and ")}`;
}

function comparison(op: CompareOp, value: number): string {
  return code(`${op} ${value}`);
}

function per(by: readonly string[] | undefined): string {
  return by?.length ? `, per ${by.map(code).join(", ")}` : "";
}

function quantileName(q: number): string {
  return `p${Number((q * 100).toFixed(4))}`;
}

/** A one-line reading of an alert's condition: `count of \`x\` where \`a >= 5\` over 5m \`> 0\``. */
export function alertCondition(family: FamilyIR, a: AlertDecl): string {
  let text: string;
  switch (a.kind) {
    case "threshold":
      text = `count of ${names(family, a.event)}${filters(a.where)} over ${a.window}${per(a.by)} ${comparison(a.op, a.value)}`;
      break;
    case "ratio":
      text = `count of ${names(family, a.numerator)} / count of ${names(family, a.denominator)} over ${a.window}${per(a.by)} ${comparison(a.op, a.value)}`;
      break;
    case "quantile":
      text = `${quantileName(a.quantile)} of ${code(a.field)} on ${names(family, a.event)}${filters(a.where)} over ${a.window}${per(a.by)} ${comparison(a.op, a.value)}`;
      break;
    case "absent":
      text = `no ${names(family, a.event)} for ${a.window}`;
      break;
  }
  if (a.for !== undefined && !/^0+[smhd]$/.test(a.for)) text += `, held for ${a.for}`;
  return text;
}

export function alertRow(family: FamilyIR, a: AlertDecl): AlertRow {
  const meaning = [
    inline(a.summary),
    inline(a.description),
    a.runbook_url ? `[Runbook](${safeHref(a.runbook_url)})` : "",
  ].filter(Boolean);
  return {
    alert: code(a.name),
    severity: a.severity,
    condition: alertCondition(family, a),
    meaning: meaning.join("<br>"),
  };
}

/** Mermaid `stateDiagram-v2` data of a family's transitions: safe ids, escaped labels. */
export function diagramView(family: FamilyIR): DiagramView {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  const states: DiagramView["states"] = [];
  const idOf = (name: string): string => {
    if (name === "[*]") return name;
    let id = ids.get(name);
    if (id !== undefined) return id;
    const short = family.events.find((e) => e.name === name)?.short ?? name;
    const base = mermaidId(short);
    id = base;
    for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
    used.add(id);
    ids.set(name, id);
    if (id !== short) states.push({ id, name: mermaidText(short) });
    return id;
  };
  const transitions = family.transitions.map((t) => ({
    from: idOf(t.from),
    to: idOf(t.to),
    label: t.label === undefined ? "" : mermaidText(t.label),
  }));
  return { states, transitions };
}

export function familyView(family: FamilyIR, opts: ViewOptions): FamilyView {
  const facts: string[] = [];
  if (family.owner) facts.push(`**Owner:** ${inline(family.owner)}`);
  facts.push(`**Stability:** ${family.stability}`);
  facts.push(`**Declared in:** ${code(family.source.file)} (${code(family.source.export)})`);
  facts.push(`**Loki selector:** ${code(family.loki.selector)}`);
  facts.push(`**Events:** ${family.events.length}`);
  const common = commonFields(family);
  const withCommon = { ...opts, common };
  return {
    name: family.name,
    title: code(family.name),
    description: inline(family.description),
    facts,
    h2: headingMarks(opts.heading),
    ...eventsTable(family, opts.links),
    hasLifecycle: opts.diagrams && family.transitions.length > 0,
    diagram: diagramView(family),
    hasAlerts: family.alerts.length > 0,
    alerts: family.alerts.map((a) => alertRow(family, a)),
    hasCommonFields: common.size > 0,
    commonFields: [...common.values()].map(fieldRow),
    details: family.events.map((e) => eventView(e, { ...withCommon, family })),
  };
}

/**
 * The registry-wide field index: one row per field name and meaning (type, unit and
 * description); a name whose events disagree gets one row per variant. Each row names the
 * families that carry the field, in IR order, each linked once (to its "Common fields"
 * section when the field is described there, else to its page), with the short names of
 * the events that carry it in declaration order, or "every event" when all of them do:
 * a 2,000-event registry lists each event under each of its fields, and a link per event
 * made the page 0.5 MB (scripts/bench/size.ts).
 */
export function fieldIndexRows(ir: RegistryIR, links: Links): FieldIndexRow[] {
  const groups = new Map<string, { field: FieldIR; first: string; families: Map<FamilyIR, EventIR[]> }>();
  const commonHere = new Map<FamilyIR, Set<string>>();
  for (const family of ir.families) {
    const common = commonFields(family);
    for (const event of family.events) {
      for (const field of event.fields) {
        const key = JSON.stringify([
          field.name,
          field.display,
          field.unit ?? "",
          field.description ?? "",
          field.sensitive ?? "",
          field.deprecation ?? "",
        ]);
        let g = groups.get(key);
        if (!g) groups.set(key, (g = { field, first: event.name, families: new Map() }));
        const events = g.families.get(family) ?? [];
        if (!events.includes(event)) events.push(event);
        g.families.set(family, events);
        if (isCommon(common, field)) {
          const keys = commonHere.get(family) ?? new Set<string>();
          commonHere.set(family, keys.add(key));
        }
      }
    }
  }
  const carriers = (key: string, families: Map<FamilyIR, EventIR[]>): string =>
    links.shortNames
      ? perFamily(key, families)
      : [...families.values()]
          .flat()
          .map((e) => code(e.name))
          .join(", ");
  const perFamily = (key: string, families: Map<FamilyIR, EventIR[]>): string =>
    [...families]
      .map(([family, events]) => {
        const page = links.family(family);
        const href = page !== undefined && commonHere.get(family)?.has(key) ? `${page}#${slug("Common fields")}` : page;
        const name = linked(code(family.name), href);
        return events.length === family.events.length && events.length > 1
          ? `${name} (every event)`
          : `${name}: ${events.map((e) => code(e.short)).join(", ")}`;
      })
      .join("<br>");
  return [...groups]
    .sort(([, a], [, b]) => cmp(a.field.name, b.field.name) || cmp(a.first, b.first))
    .map(([key, { field, families }]) => ({
      field: code(field.name),
      type: literal(field.display) || NONE,
      unit: field.unit ?? NONE,
      meaning: fieldMeaning(field, false),
      events: carriers(key, families),
    }));
}

export function envelopeRows(envelope: readonly EnvelopeFieldIR[]): EnvelopeRow[] {
  return envelope.map((f) => ({
    field: code(f.name),
    type: literal(displayType(f.schema)) || NONE,
    required: f.required ? "yes" : "no",
    meaning: inline(f.description) || NONE,
    origin: f.origin,
  }));
}

export function familyRows(ir: RegistryIR, links: Links): FamilyRow[] {
  return ir.families.map((f) => ({
    family: linked(code(f.name), links.family(f)),
    events: String(f.events.length),
    owner: f.owner ? inline(f.owner) : NONE,
    description: inline(f.description) || NONE,
  }));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
