/**
 * The config schema: a strict Zod object (unknown keys are errors with a did-you-mean),
 * every default set here, once. Its type is `z.infer` of the schema.
 */
import { z } from "zod";
import { TARGET_SPECS, type TargetName, type TargetSpecs } from "../targets/index.js";
import { LintConfigSchema } from "../lint/config-schema.js";
import { ValidateConfigSchema } from "../validate/config-schema.js";
import { FORMATTERS } from "../util/prettier.js";
import {
  CONVENTION_RULES,
  RULE_SEVERITIES,
  type CaseStyle,
  type ConventionRule,
  type RuleSeverity,
} from "../registry/conventions.js";

const CONVENTION_DEFAULTS = Object.fromEntries(
  Object.entries(CONVENTION_RULES).map(([k, v]) => [k, v.default]),
) as Record<ConventionRule, RuleSeverity>;
import { LEVELS } from "../registry/meta.js";

const JsonSchemaObject = z.record(z.string(), z.unknown());

/** `targets.<name>`: the target's own options plus `enabled` / `outDir`. */
function targetSettingsSchema<S extends z.ZodType>(options: S) {
  return z
    .strictObject({
      enabled: z.boolean().default(true),
      outDir: z.string().min(1).optional(),
      options: options.optional(),
    })
    .default({ enabled: true });
}

const targetsSchema = z.strictObject(
  Object.fromEntries(TARGET_SPECS.map((t) => [t.name, targetSettingsSchema(t.options)])) as {
    [N in TargetName]: ReturnType<typeof targetSettingsSchema<TargetSpecs[N]["options"]>>;
  },
);

const RuleSeveritySchema = z.enum(RULE_SEVERITIES);
/** A style rule: a severity, or `[severity, style]` to enforce one style instead of inferring it. */
function styledRule<const S extends readonly [CaseStyle, ...CaseStyle[]]>(styles: S) {
  const want = `expected "off", "warn" or "error", or [severity, style] with a style of ${styles.map((x) => `"${x}"`).join(", ")}`;
  return z.union([RuleSeveritySchema, z.tuple([RuleSeveritySchema, z.enum(styles)])], { error: want });
}

/** Convention rules (docs/config.md#conventions); defaults come from CONVENTION_RULES. */
export const ConventionsSchema = z
  .strictObject({
    "event-name-case": styledRule(CONVENTION_RULES["event-name-case"].styles).default(
      CONVENTION_RULES["event-name-case"].default,
    ),
    "field-name-case": styledRule(CONVENTION_RULES["field-name-case"].styles).default(
      CONVENTION_RULES["field-name-case"].default,
    ),
    "id-field-case": styledRule(CONVENTION_RULES["id-field-case"].styles).default(
      CONVENTION_RULES["id-field-case"].default,
    ),
    "unit-suffix-style": styledRule(CONVENTION_RULES["unit-suffix-style"].styles).default(
      CONVENTION_RULES["unit-suffix-style"].default,
    ),
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

const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an identifier");
const levelValue = z.union([z.string().min(1), z.number()]);

/**
 * `envelope`: the logger profile — what the logger adds around the payload and what it
 * does to it (docs/config.md#envelope-the-logger-profile). Written by hand or by
 * `pinoProfile(options)` from the very options the service passes to `pino(...)`.
 */
export const EnvelopeSchema = z
  .strictObject({
    /** `pino` (its envelope: level, time, msg, err, pid, hostname), `none` (the logger adds nothing) or `custom` (only what is declared here). */
    logger: z.enum(["pino", "none", "custom"]).default("pino"),
    /** Key of the message (pino `messageKey`, default `msg`). */
    messageKey: z.string().min(1).optional(),
    /** Key of a logged error (pino `errorKey`, default `err`). */
    errorKey: z.string().min(1).optional(),
    /** pino's `nestedKey` is not supported: the payload must be at the top level of the line. */
    nestedKey: z
      .never({
        error:
          "pino's nestedKey is not supported: logpact checks the event's fields at the top level of the line; remove nestedKey from the pino options (and from envelope)",
      })
      .optional(),
    /** How the level is written: `number` (pino's default), `label` (`formatters.level` returning the label), `either`, or `none`. */
    level: z.enum(["number", "label", "either", "none"]).optional(),
    /** Key of the level (default `level`). */
    levelKey: identifier.optional(),
    /** What each level is written as, when a `formatters.level` maps it (`{ info: "INFO", … }`). */
    levelValues: z.partialRecord(z.enum(LEVELS), levelValue).optional(),
    /** How the time is written: `epoch` (ms, pino's default), `unix` (s), `iso`, `either`, or `none` (`timestamp: false`). */
    timestamp: z.enum(["epoch", "unix", "iso", "either", "none"]).optional(),
    /** Key of the time (default `time`). */
    timeKey: identifier.optional(),
    /** pino `base` fields (on every line) as JSON Schema; `null` for `base: null`. Default: pino's `pid` and `hostname`. */
    base: z.union([z.null(), z.record(identifier, JsonSchemaObject)]).optional(),
    /** pino's `name` option (a `name` field on every line). */
    name: z.string().optional(),
    /** pino `redact`: paths (the registry's `sensitive` fields are always included), `censor` (default "[Redacted]"), `remove`. */
    redact: z
      .union([
        z.array(z.string().min(1)),
        z.strictObject({
          paths: z.array(z.string().min(1)).optional(),
          censor: z.string().optional(),
          remove: z.boolean().optional(),
        }),
      ])
      .optional(),
    /** Child-logger bindings (`logger.child({ reqId })`) as JSON Schema: `{ reqId: { type: "string" } }`. */
    bindings: z.record(identifier, JsonSchemaObject).optional(),
    /** Older name of `bindings`, still read. */
    fields: z.record(identifier, JsonSchemaObject).default({}),
    /** Which bindings every line carries (the others are optional). */
    required: z.array(z.string()).default([]),
  })
  .superRefine((env, ctx) => {
    const declared = new Set([...Object.keys(env.fields), ...Object.keys(env.bindings ?? {})]);
    for (const name of env.required) {
      if (!declared.has(name))
        ctx.addIssue({
          code: "custom",
          path: ["required"],
          message: `"${name}" is not a declared binding; add it to envelope.bindings`,
        });
    }
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
  .default({
    include: ["docs/**/*.md", "README.md"],
    exclude: [],
    sourcePrefixes: ["src/"],
    coverage: "error",
    coverageIgnore: [],
    updateSections: true,
  });

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
    .regex(
      /^[A-Za-z_$][A-Za-z0-9_$]*(\.[A-Za-z_$][A-Za-z0-9_$]*)*$/,
      "must be a property name (letters, digits, _ and $), optionally dotted like event.name",
    )
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
  /** Let outDir, target folders, templates and docs.include point outside the project root (each is printed as a notice). */
  allowOutsideProject: z.boolean().default(false),
  /** `"prettier"` runs the project's own prettier over generated files before writing and before `--check` compares. */
  format: z.enum(FORMATTERS).default("none"),
  /** Folder of handlebars templates that override the bundled ones (same file names). */
  templates: z.string().min(1).optional(),
  /** Default Loki stream selector; `{service}` is the service the logger profile pins (`base: { service }`), else the family's first name segment, which `{root}` always is. */
  lokiSelector: z.string().min(1).default('{service_name="{service}"}'),
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
export type EnvelopeConfig = z.output<typeof EnvelopeSchema>;
