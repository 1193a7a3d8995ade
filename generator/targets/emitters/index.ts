/**
 * The emitters target: typed TypeScript helpers a service calls instead of
 * `logger.info({ event: "…", … }, "…")`. Per family it writes the field types of each
 * event, the event-name and level constants, pino `redact` paths, the emitter factory
 * and the family's validation rules; plus a dependency-free runtime and an index.
 *
 * The target prepares everything registry-derived as escaped text (identifiers checked,
 * strings as literals, docs through `docText`) and the handlebars templates beside it
 * only arrange it, so an overridden template cannot turn registry text into code.
 */
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { eventKeyOf, type EventIR, type FamilyIR, type FieldIR, type RegistryIR } from "../../registry/ir.js";
import { LEVELS, type Level } from "../../registry/meta.js";
import { DiagnosticError, LogpactError, type Diagnostic } from "../../errors.js";
import { loadTemplates, type Helper } from "../templates.js";
import { defineTarget, type GeneratedFile } from "../types.js";
import { EMITTERS_SPEC } from "./spec.js";
import { code, docText, renderDoc } from "./doc.js";
import { DEFAULT_CENSOR, loggerProfile, type LoggerProfileIR } from "../../registry/logger-profile.js";
import {
  eventNames,
  familyNames,
  isBindable,
  jsLiteral,
  propertyAccess,
  propertyKey,
  redactPath,
  type EventNames,
  type FamilyNames,
} from "./names.js";
import { optional, tsType } from "./ts-types.js";
import { ruleSchema, valueRulesSource } from "./validator-rules.js";
import { variantLabel } from "../../registry/variants.js";
import { commonFields, isCommon } from "../../registry/common-fields.js";

export const RUNTIME_MODULE = "logpact-runtime";
export const INDEX_MODULE = "index";
export { EmittersOptions } from "./spec.js";

/** Doc lines: registry text escaped; `tag` lines start a JSDoc tag. */
class Doc {
  readonly lines: string[] = [];
  text(...parts: (string | undefined | false)[]): this {
    const kept = parts.filter((p): p is string => typeof p === "string" && p !== "");
    if (kept.length) this.lines.push(...docText(kept.join(" ")));
    return this;
  }
  blank(): this {
    this.lines.push("");
    return this;
  }
  tag(name: string, body = ""): this {
    const [first = "", ...rest] = body ? docText(body) : [""];
    this.lines.push(`@${name}${first ? ` ${first}` : ""}`, ...rest);
    return this;
  }
}

function deprecationText(d: NonNullable<EventIR["deprecation"]>): string {
  return [
    d.reason ?? "Deprecated.",
    d.renamed_to ? `Use ${d.renamed_to} instead.` : "",
    d.since ? `(since ${d.since})` : "",
  ]
    .filter(Boolean)
    .join(" ");
}

function levelUnion(levels: Iterable<Level>): string {
  const set = new Set(levels);
  return LEVELS.filter((l) => set.has(l))
    .map((l) => JSON.stringify(l))
    .join(" | ");
}

interface EventData {
  /** Full event name as a string literal. */
  nameLiteral: string;
  /** Property key of the event in the `…_LOG_EVENTS` object and the emitters. */
  key: string;
  level: Level;
  /** Doc comment of the event's entry in `…_LOG_EVENTS`. */
  keyDoc: string[];
  /** The type of the event's entry in the family's fields type (`<Family>Fields`): its fields. */
  entryType: string;
  /** The event's doc, on its fields entry and so on its emitter (the emitters type maps the entries). */
  methodDoc: string[];
  /** The emitter's arrow function. */
  implementation: string;
  /** The rules-table entry: `"event": { field: { … } }` */
  rules: string;
}

interface CatalogueData {
  type: string;
  doc: string[];
  /** The interface members, one per common field, with their docs. */
  members: string;
  rulesConst: string;
  rulesDoc: string[];
  /** The shared rules, one `field: { … },` line each. */
  rules: string;
  /** The destructuring pattern binding the shared rules to local consts (`{ runId, target }`), or "". */
  bound: string;
}

function fieldDoc(field: FieldIR, redactConst: string): string[] {
  const doc = new Doc();
  if (field.description) doc.text(field.description).blank();
  doc.text(
    `Type: ${code(field.display)}${field.required ? "" : " (optional)"}`,
    field.unit ? `· unit: ${field.unit}` : "",
    field.sensitive
      ? `· sensitive${field.sensitive === true ? "" : ` (${field.sensitive})`}: listed in ${redactConst}`
      : "",
  );
  for (const example of field.examples) doc.tag("example", jsLiteral(example));
  if (field.deprecation) doc.tag("deprecated", deprecationText(field.deprecation));
  return doc.lines;
}

/** An example payload without its event key (what an emitter is given). */
function exampleFields(example: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _event, ...fields } = example;
  return fields;
}

/** A field's rule object literal (`more` adds members: the discriminator's variants). */
function fieldRule(family: FamilyIR, event: EventIR, f: FieldIR, more = ""): string {
  const where = { family, event, field: f.name };
  return `{ required: ${f.required}, sensitive: ${f.sensitive !== undefined}, schema: ${jsLiteral(ruleSchema(f.schema, where))}${more} }`;
}

/** What every event of a family refers to: its common fields (registry/common-fields.ts) and their names. */
interface Shared {
  common: ReadonlyMap<string, FieldIR>;
  /** The interface holding each common field once: `JobFieldCatalogue`. */
  catalogueType: string;
  /** The validate module's table of the common fields' rules. */
  rulesConst: string;
  /** Common fields whose rule the validate module also binds to a local const of the field's name. */
  bound: ReadonlySet<string>;
}

/** The interface members of `fields`, each with its doc, at `indent`. */
function memberLines(fields: readonly FieldIR[], indent: string, redactConst: string): string[] {
  // `| undefined` on optional fields: forwarding a maybe-value (`message: err?.message`) is
  // fine under exactOptionalPropertyTypes, and an undefined value never reaches the line.
  return fields.map((field) => {
    const doc = renderDoc(fieldDoc(field, redactConst), indent);
    return `${doc ? `${doc}\n` : ""}${indent}readonly ${propertyKey(field.name)}${field.required ? "" : "?"}: ${optional(tsType(field.schema, indent), field.required)};`;
  });
}

function eventData(
  family: FamilyIR,
  fam: FamilyNames,
  event: EventIR,
  names: EventNames,
  key: string,
  shared: Shared,
): EventData {
  const { method } = names;
  const nameLiteral = JSON.stringify(event.name);
  const messageLiteral = JSON.stringify(event.message);
  const redactConst = `${fam.screaming}_REDACT_PATHS`;
  const fieldsRef = `${fam.pascal}Fields[${JSON.stringify(method)}]`;
  const hasRequired = event.fields.some((f) => f.required);

  const description = event.description ?? `The ${event.name} event.`;
  const stability =
    event.stability === "experimental" ? "Experimental: may change without a breaking-change notice." : "";

  // A plain event's common fields are picked from the family's catalogue (documented there
  // once); its own fields are declared here. The entry has no name of its own: the runtime's
  // Emitter<F> flattens it, so hovers and errors at a call site list the fields the event
  // takes ("'region' does not exist in type '{ readonly runId: string; … }'").
  const picked = (fields: readonly FieldIR[]) => {
    const names = fields.filter((f) => isCommon(shared.common, f)).map((f) => JSON.stringify(f.name));
    return names.length ? `Pick<${shared.catalogueType}, ${names.join(" | ")}>` : undefined;
  };
  const own = (fields: readonly FieldIR[]) => fields.filter((f) => !isCommon(shared.common, f));
  let entryType: string;
  if (event.variants) {
    // One object type per variant: the discriminator's literal picks the fields that apply.
    // Each variant is described on the event's doc (what hover shows), not on its branch.
    const branches = event.variants.map(
      (v) => `    | {\n${memberLines(v.fields, "        ", redactConst).join("\n")}\n      }`,
    );
    entryType = `\n${branches.join("\n")}`;
  } else if (!event.fields.length) {
    entryType = " Readonly<Record<string, never>>";
  } else {
    const pick = picked(event.fields);
    const mine = own(event.fields);
    const body = mine.length ? `{\n${memberLines(mine, "    ", redactConst).join("\n")}\n  }` : "";
    entryType = ` ${[pick, body].filter(Boolean).join(" & ")}`;
  }

  const methodDoc = new Doc();
  // An event with variants: each variant with its own description (the event's is the first's).
  if (event.variants) {
    methodDoc.text(`One of ${event.variants.length} variants, by ${code(event.discriminator ?? "")}:`);
    for (const v of event.variants)
      methodDoc.text(`- ${code(variantLabel(event, v))}${v.description ? `: ${v.description}` : ""}`);
  } else methodDoc.text(description);
  methodDoc
    .blank()
    .text(
      `Logs ${code(event.name)} at ${code(event.level)}${event.message === event.name ? "" : ` with the message ${code(event.message)}`}.`,
      stability,
    );
  // One example, as a call: the first the registry gives (the JSON Schema and docs carry them all).
  const example = event.examples[0];
  if (example) methodDoc.tag("example", `log.${method}(${jsLiteral(exampleFields(example, key))})`);
  if (event.deprecation) methodDoc.tag("deprecated", deprecationText(event.deprecation));

  // Only a deprecation is worth a doc on the name constant (editors strike the name through).
  const keyDoc = new Doc();
  if (event.deprecation) keyDoc.tag("deprecated", deprecationText(event.deprecation));

  // Field by field, not a spread: one object like the hand-written call, `event` first, and
  // only declared keys reach the line even when the argument is not a fresh literal.
  const lineMembers = [
    `${propertyKey(key)}: ${nameLiteral}`,
    ...event.fields.map((f) => `${propertyKey(f.name)}: ${propertyAccess("f", f.name)}`),
  ];
  const call = `log.${event.level}({ ${lineMembers.join(", ")} }, message ?? ${messageLiteral});`;
  let implementation: string;
  if (event.variants) {
    // A union: each variant's fields are read from one view that has them all (absent ones are undefined).
    const view = `{ readonly [K in ${event.fields.map((f) => JSON.stringify(f.name)).join(" | ")}]?: unknown }`;
    implementation = `(fields, message) => {\n      const f = fields as ${view};\n      ${call}\n    }`;
  } else if (!event.fields.length) implementation = `(_f, message) => { ${call} }`;
  else if (hasRequired) implementation = `(f, message) => { ${call} }`;
  else implementation = `(fields, message) => {\n      const f: ${fieldsRef} = fields ?? {};\n      ${call}\n    }`;

  // A common field's rule is the family's shared one (by its local name where it has one:
  // `{ runId, target }`); the discriminator's carries its variants.
  const member = (f: FieldIR) =>
    !isCommon(shared.common, f)
      ? `${propertyKey(f.name)}: ${fieldRule(family, event, f)}`
      : shared.bound.has(f.name)
        ? f.name
        : `${propertyKey(f.name)}: ${propertyAccess(shared.rulesConst, f.name)}`;
  const variantRules = (indent: string) =>
    (event.variants ?? []).map((v) => {
      const inner = v.fields.map((f) => `${indent}    ${member(f)},`);
      return `${indent}  { value: ${jsLiteral(v.value)}, fields: {\n${inner.join("\n")}\n${indent}  } },`;
    });
  // An event whose fields are all common is one line (`{ runId, target }`); one with rules of
  // its own spells them out a field a line, and the discriminator's variants a variant a line.
  const lines = event.fields.map((f) =>
    f.name === event.discriminator
      ? `${propertyKey(f.name)}: ${fieldRule(family, event, f, `, variants: [\n${variantRules("    ").join("\n")}\n    ]`)}`
      : member(f),
  );
  const rules = !event.fields.length
    ? `  ${propertyKey(event.name)}: {},`
    : event.fields.every((f) => isCommon(shared.common, f))
      ? `  ${propertyKey(event.name)}: { ${lines.join(", ")} },`
      : `  ${propertyKey(event.name)}: {\n${lines.map((l) => `    ${l},`).join("\n")}\n  },`;

  return {
    nameLiteral,
    key: propertyKey(method),
    level: event.level,
    keyDoc: keyDoc.lines,
    entryType,
    methodDoc: methodDoc.lines,
    implementation,
    rules,
  };
}

interface FamilyData {
  header: string[];
  file: string;
  runtimeImport: string;
  validateImport: string;
  eventsConst: string;
  levelsConst: string;
  redactConst: string;
  /** The line's event key as written in doc comments (`event`, `type`, `event.name`). */
  eventKeyText: string;
  rulesConst: string;
  eventType: string;
  payloadType: string;
  /** Each event's fields by emitter method; the emitters type maps it. */
  fieldsType: string;
  emittersType: string;
  loggerType: string;
  factory: string;
  validateFunction: string;
  levels: string;
  redactPaths: string;
  events: EventData[];
  /** The family's common fields (absent when it has none). */
  catalogue?: CatalogueData;
  /** `, type FieldRule` when the validate module declares shared rules. */
  fieldRuleImport: string;
  /** The line's event key as a property key (`event`, `"event.name"`). */
  eventKeyProperty: string;
  payloadDoc: string[];
  fieldsDoc: string[];
  familyDoc: string[];
  factoryDoc: string[];
  validateHeader: string[];
  rulesDoc: string[];
  emittersDoc: string[];
}

function familyData(family: FamilyIR, fam: FamilyNames, ext: string, banner: string, key: string): FamilyData {
  const names = eventNames(family);
  const common = commonFields(family);
  // The validate module's own names (imports, the table, the function) are not free for fields.
  const taken = new Set([
    "checkPayload",
    "FieldRule",
    "RulesTable",
    "Violation",
    "common",
    `${fam.screaming}_RULES`,
    `validate${fam.pascal}Payload`,
  ]);
  const shared: Shared = {
    common,
    catalogueType: `${fam.pascal}FieldCatalogue`,
    rulesConst: "common",
    bound: new Set([...common.keys()].filter((n) => isBindable(n) && !taken.has(n))),
  };
  const events = family.events.map((e) => eventData(family, fam, e, names.get(e)!, key, shared));
  const redactConst = `${fam.screaming}_REDACT_PATHS`;
  const commonList = [...shared.common.values()];
  const catalogue: CatalogueData | undefined = commonList.length
    ? {
        type: shared.catalogueType,
        doc: new Doc().text(
          `Fields that two or more events of ${code(family.name)} declare the same way, each documented once; the events' entries in {@link ${fam.pascal}Fields} pick theirs from here.`,
        ).lines,
        members: memberLines(commonList, "  ", redactConst).join("\n"),
        rulesConst: shared.rulesConst,
        bound: shared.bound.size ? `{ ${[...shared.bound].join(", ")} }` : "",
        rulesDoc: new Doc().text(
          `Rules of the fields two or more ${code(family.name)} events declare the same way (${shared.catalogueType}), shared by the events' entries below.`,
        ).lines,
        rules: commonList
          .map((f) => {
            const at = family.events.find((e) =>
              (e.variants ? e.variants.flatMap((v) => v.fields) : e.fields).some(
                (x) => isCommon(shared.common, x) && x.name === f.name,
              ),
            )!;
            return `  ${propertyKey(f.name)}: ${fieldRule(family, at, f)},`;
          })
          .join("\n"),
      }
    : undefined;
  const levels = levelUnion(family.events.map((e) => e.level));
  const redact = [
    ...new Set(family.events.flatMap((e) => e.fields.filter((f) => f.sensitive).map((f) => redactPath(f.name)))),
  ].sort();
  const factory = `${fam.camel}Emitters`;
  const first = family.events.find((e) => e.examples.length) ?? family.events[0]!;
  const firstExample = first.examples[0];
  const firstFields = firstExample ? exampleFields(firstExample, key) : undefined;

  const header = new Doc()
    .text(banner)
    .blank()
    .text(
      `Typed emitters for the ${code(family.name)} event family${family.description ? `: ${family.description}` : "."}`,
    )
    .blank()
    .text(
      `Declared in ${family.source.file} (export ${family.source.export}).`,
      family.owner ? `Owner: ${family.owner}.` : "",
    );

  const factoryDoc = new Doc()
    .text(
      `Binds the ${code(family.name)} emitters to a logger: one function per event, with the event name, level and default message built in.`,
    )
    .blank()
    .text(
      `Bind once per logger (child loggers included) and keep the result; each call then costs what the hand-written ${code("logger.<level>({ event, … }, message)")} costs.`,
    )
    .tag(
      "param",
      `logger - A pino logger or child logger, or anything with ${[...new Set(family.events.map((e) => e.level))].sort((a, b) => LEVELS.indexOf(a) - LEVELS.indexOf(b)).join(", ")} methods taking ${code("(fields, message)")}; with ${code('adapter: "message-first"')}, methods taking ${code("(message, fields)")} (winston-style).`,
    )
    .tag("param", "options - Validation mode and violation hook; the logger adapter.")
    .tag(
      "example",
      `const log = ${factory}(logger);\nlog.${names.get(first)!.method}(${firstFields ? jsLiteral(firstFields) : requiredShorthand(first)});`,
    );

  return {
    header: header.lines,
    file: fam.file,
    runtimeImport: JSON.stringify(`./${RUNTIME_MODULE}${ext}`),
    validateImport: JSON.stringify(`./${fam.file}.validate${ext}`),
    eventsConst: `${fam.screaming}_LOG_EVENTS`,
    levelsConst: `${fam.screaming}_LOG_LEVELS`,
    redactConst: `${fam.screaming}_REDACT_PATHS`,
    eventKeyText: key,
    rulesConst: `${fam.screaming}_RULES`,
    eventType: `${fam.pascal}LogEvent`,
    payloadType: `${fam.pascal}LogPayload`,
    fieldsType: `${fam.pascal}Fields`,
    emittersType: `${fam.pascal}Emitters`,
    loggerType: `${fam.pascal}Logger`,
    factory,
    validateFunction: `validate${fam.pascal}Payload`,
    levels,
    redactPaths: redact.length ? `[${redact.map((p) => JSON.stringify(p)).join(", ")}]` : "[]",
    events,
    ...(catalogue ? { catalogue } : {}),
    fieldRuleImport: catalogue ? ", type FieldRule" : "",
    eventKeyProperty: propertyKey(key),
    payloadDoc: new Doc()
      .text(`The payload of any event of this family, with its ${code(key)}: a log line minus the logger's envelope.`)
      .text(
        `One member per event of {@link ${fam.pascal}Fields}: ${code(`{ ${key}: <its name> } & <its fields>`)} (for an event without fields, its ${code(key)} alone).`,
      ).lines,
    fieldsDoc: new Doc()
      .text(
        `The fields of each event of ${code(family.name)}, by emitter method: ${code(`${fam.pascal}Fields[${JSON.stringify(names.get(first)!.method)}]`)} is what ${code(`log.${names.get(first)!.method}(…)`)} takes.`,
      )
      .text("Each entry carries its event's doc (description, name and level, an example), which its emitter shows.")
      .lines,
    familyDoc: new Doc().text(
      `Event names of ${code(family.name)}, keyed by emitter method (each event is documented on its entry in {@link ${fam.pascal}Fields}).`,
    ).lines,
    factoryDoc: factoryDoc.lines,
    validateHeader: new Doc()
      .text(banner)
      .blank()
      .text(
        `Validation rules of the ${code(family.name)} event family: each field's JSON Schema, checked by the emitters only when validation is on (and by the payload validator below).`,
      ).lines,
    emittersDoc: new Doc()
      .text(`One emitter per event of ${code(family.name)}; create them with {@link ${factory}}.`)
      .text(
        `Each takes the event's fields (its entry in {@link ${fam.pascal}Fields}) and an optional \`message\` that replaces the default log message (the event name, unless the registry declares one).`,
      ).lines,
    rulesDoc: new Doc().tag("internal", `Field rules of every ${code(family.name)} event, by event name.`).lines,
  };
}

/** Every identifier a family defines (the index imports or re-exports them all, so they must be unique). */
function exportedNames(d: FamilyData): string[] {
  return [
    d.eventsConst,
    d.levelsConst,
    d.redactConst,
    d.rulesConst,
    d.eventType,
    d.payloadType,
    d.fieldsType,
    d.emittersType,
    d.loggerType,
    d.factory,
    d.validateFunction,
    ...(d.catalogue ? [d.catalogue.type] : []),
  ];
}

/** Names the index and the family modules take from the runtime or define themselves. */
const RESERVED_IDENTIFIERS = [
  "DEFAULT_VALIDATION",
  "LogContractViolation",
  "VALIDATION_ENV",
  "messageFirst",
  "validationMode",
  "Emitter",
  "EmitterLogger",
  "EmitterOptions",
  "LogLevel",
  "LogMethod",
  "MessageFirstLogger",
  "MessageFirstMethod",
  "MessageFirstOptions",
  "ValidationMode",
  "Violation",
  "adaptLogger",
  "withValidation",
  "checkPayload",
  "RulesTable",
  "REDACT_PATHS",
  "LogPayload",
  "validateLogPayload",
  "redactOptions",
];

/** `redactOptions()` in the index: pino's `redact` option as the logger profile says (sensitive fields + its paths, its censor or removal). */
function redactOptionsData(
  profile: LoggerProfileIR,
  sensitive: readonly string[],
): { redactAll: string; redactRest: string; redactDoc: string } {
  const paths = [...new Set([...sensitive, ...(profile.redact?.paths ?? [])])];
  const remove = profile.redact?.remove === true;
  const censor = profile.redact?.censor ?? DEFAULT_CENSOR;
  return {
    redactAll: `[${paths.map((p) => JSON.stringify(p)).join(", ")}]`,
    redactRest: remove ? "remove: true" : `censor: ${JSON.stringify(censor)}`,
    redactDoc: remove ? "removed from the line" : `replaced by ${JSON.stringify(censor)}`,
  };
}

/** Throws at the first clash, or with `problems` collects every clash there (the target's `check`). */
function checkExportClashes(
  families: readonly FamilyIR[],
  data: Map<FamilyIR, FamilyData>,
  problems?: Diagnostic[],
): void {
  const owner = new Map<string, FamilyIR | undefined>(RESERVED_IDENTIFIERS.map((n) => [n, undefined]));
  for (const family of families) {
    for (const name of exportedNames(data.get(family)!)) {
      if (!owner.has(name)) {
        owner.set(name, family);
        continue;
      }
      const other = owner.get(name);
      const d: Diagnostic = {
        code: "LP_EMITTER_NAME_CLASH",
        severity: "error",
        message: `the generated identifier ${name} of family "${family.name}" is already taken by ${other ? `family "${other.name}" (${other.source.file})` : "the emitters runtime"}`,
        fix: "rename the family or the event so the generated names differ",
        file: family.source.file,
        family: family.name,
      };
      if (!problems) throw new DiagnosticError(d);
      problems.push(d);
    }
  }
}

/**
 * Every name clash and unsupported field schema of the registry, not just the first: the
 * family names, then per family its event names, each field's validator rules and the
 * rest of its data, then identifiers across families.
 */
function emitterProblems(ir: RegistryIR): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const collect = (run: () => void): boolean => {
    try {
      run();
      return true;
    } catch (e) {
      if (!(e instanceof DiagnosticError)) throw e;
      problems.push(e.diagnostic);
      return false;
    }
  };
  const famNames = familyNames(ir.families, problems);
  const data = new Map<FamilyIR, FamilyData>();
  for (const family of ir.families) {
    const names = famNames.get(family);
    if (!names || !collect(() => eventNames(family))) continue;
    let fieldsOk = true;
    for (const event of family.events)
      for (const f of event.fields)
        fieldsOk = collect(() => ruleSchema(f.schema, { family, event, field: f.name })) && fieldsOk;
    if (fieldsOk) collect(() => data.set(family, familyData(family, names, "", "", eventKeyOf(ir))));
  }
  checkExportClashes([...data.keys()], data, problems);
  return problems;
}

const TEMPLATE_DIR = dirname(fileURLToPath(import.meta.url));

const HELPERS: Record<string, Helper> = {
  /** `{{{doc lines "  "}}}`: doc lines (already escaped) as a JSDoc block at an indent. */
  doc: ((lines: unknown, indent: unknown) =>
    renderDoc(asLines(lines), typeof indent === "string" ? indent : "")) as Helper,
  /** `{{{comment lines}}}`: a plain block comment (file headers, not attached to a declaration). */
  comment: ((lines: unknown) => {
    const body = asLines(lines).map((l) => (l ? ` * ${l}` : " *"));
    return ["/*", ...body, " */"].join("\n");
  }) as Helper,
};

function asLines(value: unknown): string[] {
  if (
    !Array.isArray(value) ||
    value.some((l) => typeof l !== "string" || /[\r\n\u2028\u2029]/.test(l) || l.includes("*/"))
  ) {
    throw new LogpactError(
      'emitters template: doc/comment helpers take the escaped doc line arrays the target prepares (e.g. `{{{doc fieldsDoc ""}}}`)',
    );
  }
  return value as string[];
}

/** Typed emitter helpers per family, with field types, constants, redact paths and validation. */
export const emittersTarget = defineTarget({
  ...EMITTERS_SPEC,
  check: emitterProblems,
  render(ir: RegistryIR, ctx) {
    const options = ctx.options;
    const ext = options.importExtension;
    const templates = loadTemplates("emitters", TEMPLATE_DIR, ctx, HELPERS);
    const famNames = familyNames(ir.families);
    const data = new Map(ir.families.map((f) => [f, familyData(f, famNames.get(f)!, ext, ctx.banner, eventKeyOf(ir))]));
    checkExportClashes(ir.families, data);

    const files: GeneratedFile[] = [];
    for (const family of ir.families) {
      const d = data.get(family)!;
      files.push({ path: `${d.file}.ts`, contents: templates.render("family.ts", d) });
      files.push({ path: `${d.file}.validate.ts`, contents: templates.render("validate.ts", d) });
    }
    const envDoc =
      options.validationEnv === false
        ? "no environment variable (disabled in the config)"
        : `environment variable ${code(options.validationEnv)}`;
    files.push({
      path: `${RUNTIME_MODULE}.ts`,
      contents: templates.render("runtime.ts", {
        header: new Doc()
          .text(ctx.banner)
          .blank()
          .text(
            "Support code of the generated emitters: the structural logger types, the factory options, the message-first adapter and the payload validator behind the validation modes. No dependencies.",
          ).lines,
        defaultValidation: options.validation,
        validationEnvLiteral: options.validationEnv === false ? "undefined" : JSON.stringify(options.validationEnv),
        eventKeyLiteral: JSON.stringify(eventKeyOf(ir)),
        validationEnvDoc: docText(envDoc).join(" "),
        valueRules: valueRulesSource(),
      }),
    });
    const families = ir.families.map((f) => data.get(f)!);
    const redact = [...new Set(families.flatMap((d) => JSON.parse(d.redactPaths) as string[]))].sort();
    files.push({
      path: `${INDEX_MODULE}.ts`,
      contents: templates.render("index.ts", {
        header: new Doc()
          .text(ctx.banner)
          .blank()
          .text(
            `Typed emitters for ${ir.families.length} event famil${ir.families.length === 1 ? "y" : "ies"}${ir.families.length ? `: ${ir.families.map((f) => f.name).join(", ")}` : ""}.`,
          ).lines,
        runtimeImport: JSON.stringify(`./${RUNTIME_MODULE}${ext}`),
        families: families.map((d) => ({
          import: JSON.stringify(`./${d.file}${ext}`),
          validateImport: d.validateImport,
          rulesConst: d.rulesConst,
          payloadType: d.payloadType,
        })),
        redactPaths: redact.length ? `[${redact.map((p) => JSON.stringify(p)).join(", ")}]` : "[]",
        ...redactOptionsData(loggerProfile(ir), redact),
        payloadUnion: families.length ? families.map((d) => d.payloadType).join(" | ") : "never",
        eventKeyText: eventKeyOf(ir),
      }),
    });
    return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  },
});

/**
 * The argument of a factory's `@example` call when the family has no examples: the first
 * event's (or first variant's) required fields as shorthand properties, `{ invoiceId, amount_cents }`,
 * so the example reads as a call that type-checks, not as an empty object that does not.
 */
function requiredShorthand(event: EventIR): string {
  const fields = event.variants?.[0]?.fields ?? event.fields;
  const required = fields.filter((f) => f.required).map((f) => f.name);
  if (required.length === 0) return "{}";
  if (required.some((n) => !/^[A-Za-z_$][\w$]*$/.test(n))) return "{ /* the required fields */ }";
  return `{ ${required.join(", ")} }`;
}
