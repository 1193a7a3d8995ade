/**
 * What an in-place section can hold: `<!-- logpact:begin <kind> [<name>] [key=value …] -->`.
 * This module checks a request against the registry (kind known, family or event exists,
 * options valid) and turns it into a resolved section the renderer draws.
 */
import type { EventIR, FamilyIR, RegistryIR } from "../../registry/ir.js";
import { allEvents } from "../../registry/ir.js";
import { didYouMeanSuffix } from "../../util/did-you-mean.js";

type Arg = "none" | "family" | "event" | "family-or-event";

interface KindSpec {
  arg: Arg;
  /** Options this kind accepts, with their defaults. */
  options: Readonly<Record<string, number | boolean>>;
  summary: string;
}

/** Every section kind, alphabetised; docs/docs-check.md documents the same table. */
export const SECTION_KINDS = {
  alerts: { arg: "family", options: {}, summary: "the family's alert table (or a line saying it declares none)" },
  event: {
    arg: "event",
    options: { heading: 3, examples: true },
    summary: "one event: heading, description, level, field table, example lines",
  },
  events: { arg: "family", options: {}, summary: "the family's event table: event, level, when it fires" },
  families: { arg: "none", options: {}, summary: "a table of every family: name, event count, owner, description" },
  family: {
    arg: "family",
    options: { heading: 3, examples: true, diagram: true },
    summary: "everything on the family's page except its title",
  },
  "field-index": {
    arg: "none",
    options: {},
    summary: "the registry-wide field index: field, type, unit, meaning, events",
  },
  fields: { arg: "family-or-event", options: {}, summary: "an event's field table, or the field index of one family" },
  lifecycle: {
    arg: "family",
    options: {},
    summary: "the Mermaid stateDiagram-v2 of the family's declared transitions",
  },
} as const satisfies Record<string, KindSpec>;

export type SectionKind = keyof typeof SECTION_KINDS;

/** A section as written in a marker, before it is checked against the registry. */
export interface SectionRequest {
  kind: string;
  arg?: string | undefined;
  options: Readonly<Record<string, string>>;
}

export type ResolvedSection =
  | { kind: "families" }
  | { kind: "field-index" }
  | { kind: "family"; family: FamilyIR; heading: number; examples: boolean; diagrams: boolean }
  | { kind: "events"; family: FamilyIR }
  | { kind: "event"; event: EventIR; heading: number; examples: boolean }
  | { kind: "fields"; family: FamilyIR; event?: EventIR | undefined }
  | { kind: "lifecycle"; family: FamilyIR }
  | { kind: "alerts"; family: FamilyIR };

/** `at` says which part of the marker is wrong: the kind, the name, or an option (by key). */
export type Resolution =
  | { ok: true; section: ResolvedSection }
  | { ok: false; message: string; fix: string; at: "kind" | "arg" | { option: string } };

const fail = (message: string, fix: string, at: "kind" | "arg" | { option: string } = "arg"): Resolution => ({
  ok: false,
  message,
  fix,
  at,
});

/** Checks a section request against the registry. */
export function resolveSection(req: SectionRequest, ir: RegistryIR): Resolution {
  const kinds = Object.keys(SECTION_KINDS);
  if (!(req.kind in SECTION_KINDS)) {
    return fail(
      `unknown section kind "${req.kind}".${didYouMeanSuffix(req.kind, kinds)}`,
      `use one of: ${kinds.join(", ")}`,
      "kind",
    );
  }
  const kind = req.kind as SectionKind;
  const spec: KindSpec = SECTION_KINDS[kind];
  const usage = `<!-- logpact:begin ${kind}${spec.arg === "none" ? "" : ` <${spec.arg}>`} -->`;

  // Options: known keys, values of the default's type.
  const opts: Record<string, number | boolean> = { ...spec.options };
  for (const [key, raw] of Object.entries(req.options)) {
    const def = spec.options[key];
    if (def === undefined) {
      const known = Object.keys(spec.options);
      return fail(
        `section "${kind}" has no option "${key}".${didYouMeanSuffix(key, known)}`,
        known.length
          ? `options of "${kind}": ${known.map((k) => `${k}=${String(spec.options[k])}`).join(", ")}`
          : `remove it: "${kind}" takes no options`,
        { option: key },
      );
    }
    if (typeof def === "boolean") {
      if (raw !== "true" && raw !== "false")
        return fail(
          `option ${key}=${raw} of section "${kind}" must be true or false`,
          `write ${key}=true or ${key}=false`,
          { option: key },
        );
      opts[key] = raw === "true";
    } else {
      const n = Number(raw);
      if (!/^[1-5]$/.test(raw))
        return fail(
          `option ${key}=${raw} of section "${kind}" must be a heading level from 1 to 5`,
          `write e.g. ${key}=${def}`,
          { option: key },
        );
      opts[key] = n;
    }
  }

  if (spec.arg === "none") {
    if (req.arg !== undefined) return fail(`section "${kind}" takes no name, got "${req.arg}"`, `write ${usage}`);
    return { ok: true, section: { kind } as ResolvedSection };
  }
  if (req.arg === undefined)
    return fail(`section "${kind}" needs a ${spec.arg.replace(/-/g, " ")} name`, `write ${usage}`);

  const family = ir.families.find((f) => f.name === req.arg);
  const event = allEvents(ir).find((e) => e.name === req.arg);
  const familyNames = ir.families.map((f) => f.name);
  const eventNames = allEvents(ir).map((e) => e.name);
  const heading = opts.heading as number;
  const examples = opts.examples as boolean;

  if (spec.arg === "event" || (spec.arg === "family-or-event" && !family)) {
    if (!event) {
      const candidates = spec.arg === "event" ? eventNames : [...familyNames, ...eventNames];
      const what = spec.arg === "event" ? "event" : "family or event";
      return fail(
        `section "${kind}" names ${what} "${req.arg}", which is not registered.${didYouMeanSuffix(req.arg, candidates)}`,
        `use a registered ${what} name (full name, e.g. "${eventNames[0] ?? "family.event"}")`,
      );
    }
    const owner = ir.families.find((f) => f.name === event.family)!;
    if (kind === "event") return { ok: true, section: { kind, event, heading, examples } };
    return { ok: true, section: { kind: "fields", family: owner, event } };
  }
  if (!family) {
    return fail(
      `section "${kind}" names family "${req.arg}", which is not registered.${didYouMeanSuffix(req.arg, familyNames)}`,
      `use one of: ${familyNames.join(", ")}`,
    );
  }
  switch (kind) {
    case "family":
      return { ok: true, section: { kind, family, heading, examples, diagrams: opts.diagram as boolean } };
    case "lifecycle":
      if (family.transitions.length === 0) {
        return fail(
          `section "lifecycle ${family.name}": the family declares no transitions, so there is no diagram to draw`,
          `add \`transitions: [["[*]", "<first event>"], …]\` to the family's .meta() in ${family.source.file}, or remove this section`,
        );
      }
      return { ok: true, section: { kind, family } };
    case "fields":
      return { ok: true, section: { kind, family } };
    case "events":
    case "alerts":
      return { ok: true, section: { kind, family } };
    default:
      return fail(`section "${kind}" cannot be resolved`, "report this as a logpact bug");
  }
}
