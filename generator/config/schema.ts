/**
 * The config schema: a strict Zod object (unknown keys are errors with a did-you-mean),
 * every default set here, once. Its type is `z.infer` of the schema.
 */
import { z } from "zod";
import { TARGETS } from "../targets/index.js";
import { LintConfigSchema } from "../lint/config-schema.js";
import { ValidateConfigSchema } from "../validate/config-schema.js";
import { FORMATTERS } from "../util/prettier.js";
import { CONVENTION_RULES, RULE_SEVERITIES, type CaseStyle, type ConventionRule, type RuleSeverity } from "../registry/conventions.js";

const CONVENTION_DEFAULTS = Object.fromEntries(Object.entries(CONVENTION_RULES).map(([k, v]) => [k, v.default])) as Record<ConventionRule, RuleSeverity>;

const JsonSchemaObject = z.record(z.string(), z.unknown());

/** `targets.<name>`: the target's own options plus `enabled` / `outDir`. */
const targetsSchema = z.strictObject(
  Object.fromEntries(
    TARGETS.map((t) => [
      t.name,
      z
        .strictObject({
          enabled: z.boolean().default(true),
          outDir: z.string().min(1).optional(),
          options: (t.options as z.ZodType).optional(),
        })
        .default({ enabled: true }),
    ]),
  ),
);

const RuleSeveritySchema = z.enum(RULE_SEVERITIES);
/** A style rule: a severity, or `[severity, style]` to enforce one style instead of inferring it. */
function styledRule<const S extends readonly [CaseStyle, ...CaseStyle[]]>(styles: S) {
  return z.union([RuleSeveritySchema, z.tuple([RuleSeveritySchema, z.enum(styles)])]);
}

/** Convention rules (docs/config.md#conventions); defaults come from CONVENTION_RULES. */
export const ConventionsSchema = z
  .strictObject({
    "event-name-case": styledRule(CONVENTION_RULES["event-name-case"].styles).default(CONVENTION_RULES["event-name-case"].default),
    "field-name-case": styledRule(CONVENTION_RULES["field-name-case"].styles).default(CONVENTION_RULES["field-name-case"].default),
    "id-field-case": styledRule(CONVENTION_RULES["id-field-case"].styles).default(CONVENTION_RULES["id-field-case"].default),
    "unit-suffix-style": styledRule(CONVENTION_RULES["unit-suffix-style"].styles).default(CONVENTION_RULES["unit-suffix-style"].default),
    "unit-suffix-missing": RuleSeveritySchema.default(CONVENTION_RULES["unit-suffix-missing"].default),
    "unit-mismatch": RuleSeveritySchema.default(CONVENTION_RULES["unit-mismatch"].default),
    "field-type-conflict": RuleSeveritySchema.default(CONVENTION_RULES["field-type-conflict"].default),
    "refine-not-enforced": RuleSeveritySchema.default(CONVENTION_RULES["refine-not-enforced"].default),
    /** Every event (and field) has a description: `error`, `warn` or `off`. */
    descriptions: RuleSeveritySchema.default(CONVENTION_RULES.descriptions.default),
    // Pre-rule keys, still accepted (they win when set): see ruleSetting().
    /** @deprecated use `"event-name-case"`. */
    eventNames: z.boolean().optional(),
    /** @deprecated use `"field-name-case"`. */
    fieldNames: z.enum(["either", "snake_case", "camelCase", "off"]).optional(),
    /** @deprecated use `"id-field-case"`. */
    idFields: z.enum(["camelCase", "snake_case", "off"]).optional(),
    /** @deprecated use `"unit-mismatch"` / `"unit-suffix-missing"`. */
    unitSuffixes: z.boolean().optional(),
    /** @deprecated use `"field-type-conflict"`. */
    fieldTypesAgree: z.boolean().optional(),
  })
  .default(() => ({ ...CONVENTION_DEFAULTS }));

export const EnvelopeSchema = z
  .strictObject({
    /** Fields the logger itself adds: pino's `level`, `time`, `pid`, `hostname`, `msg` (and `err`, `name`). */
    logger: z.enum(["pino", "none"]).default("pino"),
    /** Common fields bound on child loggers (`{ deliveryId: { type: "string" } }`), as JSON Schema. */
    fields: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an identifier"), JsonSchemaObject).default({}),
    /** Which of `fields` every line must carry. */
    required: z.array(z.string()).default([]),
  })
  .default({ logger: "pino", fields: {}, required: [] });

/** `docs`: the Markdown that `logpact docs check` checks and `logpact gen` updates in place (docs/docs-check.md). */
export const DocsSchema = z
  .strictObject({
    /** Globs (relative to the project root) of the Markdown files to check and update. */
    include: z.array(z.string().min(1)).default(["docs/**/*.md", "README.md"]),
    /** Globs excluded from `include` (node_modules is always excluded). */
    exclude: z.array(z.string().min(1)).default([]),
    /** Path prefixes that make `<prefix>…:LINE[-END][#symbol]` a checked source citation. */
    sourcePrefixes: z.array(z.string().min(1)).default(["src/"]),
    /** A registered event that no checked doc mentions: `error`, `warn` or `off`. */
    coverage: z.enum(["error", "warn", "off"]).default("error"),
    /** Events (full names, or `prefix.*`) exempt from the coverage check. */
    coverageIgnore: z.array(z.string().min(1)).default([]),
    /** Whether `logpact gen` rewrites the `<!-- logpact:begin … -->` sections of these files. */
    updateSections: z.boolean().default(true),
  })
  .default({ include: ["docs/**/*.md", "README.md"], exclude: [], sourcePrefixes: ["src/"], coverage: "error", coverageIgnore: [], updateSections: true });

/** `families`: how lone event objects (one export per event, no union) form families. */
export const FamiliesSchema = z
  .strictObject({
    /** `prefix`: events sharing their name minus the last segment; `module`: the lone events of one module. */
    group: z.enum(["prefix", "module"]).default("prefix"),
    /** Family name → its events (full names, or `prefix.*`); wins over `group`. */
    map: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)).default({}),
  })
  .default({ group: "prefix", map: {} });

export const ConfigSchema = z.strictObject({
  /** The config's JSON Schema, for editors (`./node_modules/logpact/config.schema.json`); ignored by logpact. */
  $schema: z.string().optional(),
  /** Globs (relative to the project root) of schema modules. */
  schemas: z.array(z.string().min(1)).min(1).default(["schemas/**/*.{ts,mts,cts,js,mjs}"]),
  /** Globs excluded from `schemas`. */
  exclude: z.array(z.string().min(1)).default(["**/*.test.*", "**/*.spec.*", "**/*.d.ts"]),
  /**
   * The property that names a line's event: `event` (default), or what the registry already
   * uses (`type`, `kind`, `eventName`, OTel's `event.name` as one flat key). docs/config.md.
   */
  eventKey: z
    .string()
    .regex(/^[A-Za-z_$][A-Za-z0-9_$]*(\.[A-Za-z_$][A-Za-z0-9_$]*)*$/, "must be a property name (letters, digits, _ and $), optionally dotted like event.name")
    .default("event"),
  /** Root folder of generated output. */
  outDir: z.string().min(1).default("generated"),
  /** Per-target switches, folders and options. */
  targets: targetsSchema.default({} as never),
  /** JSON Schema dialect of every generated schema. */
  jsonSchemaDraft: z.enum(["2020-12", "draft-07"]).default("2020-12"),
  conventions: ConventionsSchema,
  /** Grouping of lone event objects into families (docs/config.md#families). */
  families: FamiliesSchema,
  envelope: EnvelopeSchema,
  /** `"prettier"` runs the project's own prettier over generated files before writing and before `--check` compares. */
  format: z.enum(FORMATTERS).default("none"),
  /** Folder of handlebars templates that override the bundled ones (same file names). */
  templates: z.string().min(1).optional(),
  /** Default Loki stream selector; `{root}` is the family's first name segment. */
  lokiSelector: z.string().min(1).default('{service_name="{root}"}'),
  /** `logpact lint`: files, logger shapes, rule severities (docs/lint.md). */
  lint: LintConfigSchema,
  /** Docs checked by `logpact docs check` and updated in place by `logpact gen`. */
  docs: DocsSchema,
  /** Defaults for `logpact validate` (severity per finding kind, limits, jobs); see docs/validate.md. */
  validate: ValidateConfigSchema,
});

/** What a config file may contain (everything optional). */
export type UserConfig = z.input<typeof ConfigSchema>;
/** The config with every default applied. */
export type ResolvedConfig = z.output<typeof ConfigSchema>;
export type Conventions = z.output<typeof ConventionsSchema>;
