/**
 * The config schema: a strict Zod object (unknown keys are errors with a did-you-mean),
 * every default set here, once. Its type is `z.infer` of the schema.
 */
import { z } from "zod";
import { TARGETS } from "../targets/index.js";
import { LintConfigSchema } from "../lint/config-schema.js";
import { ValidateConfigSchema } from "../validate/config-schema.js";
import { LEVELS } from "../registry/meta.js";

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

export const ConventionsSchema = z
  .strictObject({
    /** `event` values are dot.lowercase: `<family>.<name>`, snake_case within a segment. */
    eventNames: z.boolean().default(true),
    /** Field names: snake_case or camelCase identifiers (`either`), one of them, or `off`. */
    fieldNames: z.enum(["either", "snake_case", "camelCase", "off"]).default("either"),
    /** Correlation ids (`…Id` / `…_id`) must use this case. */
    idFields: z.enum(["camelCase", "snake_case", "off"]).default("camelCase"),
    /** A field with a unit suffix declares that unit, and a declared unit matches the suffix. */
    unitSuffixes: z.boolean().default(true),
    /** The same field name has the same JSON type in every event of the registry. */
    fieldTypesAgree: z.boolean().default(true),
    /** Every event (and field) has a description: `error`, `warn` or `off`. */
    descriptions: z.enum(["error", "warn", "off"]).default("warn"),
  })
  .default({
    eventNames: true,
    fieldNames: "either",
    idFields: "camelCase",
    unitSuffixes: true,
    fieldTypesAgree: true,
    descriptions: "warn",
  });

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
    nestedKey: z.never({ error: "pino's nestedKey is not supported: logpact checks the event's fields at the top level of the line; remove nestedKey from the pino options (and from envelope)" }).optional(),
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
      .union([z.array(z.string().min(1)), z.strictObject({ paths: z.array(z.string().min(1)).optional(), censor: z.string().optional(), remove: z.boolean().optional() })])
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
      if (!declared.has(name)) ctx.addIssue({ code: "custom", path: ["required"], message: `"${name}" is not a declared binding; add it to envelope.bindings` });
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
  .default({ include: ["docs/**/*.md", "README.md"], exclude: [], sourcePrefixes: ["src/"], coverage: "error", coverageIgnore: [], updateSections: true });

export const ConfigSchema = z.strictObject({
  /** Globs (relative to the project root) of schema modules. */
  schemas: z.array(z.string().min(1)).min(1).default(["schemas/**/*.{ts,mts,cts,js,mjs}"]),
  /** Globs excluded from `schemas`. */
  exclude: z.array(z.string().min(1)).default(["**/*.test.*", "**/*.spec.*", "**/*.d.ts"]),
  /** Root folder of generated output. */
  outDir: z.string().min(1).default("generated"),
  /** Per-target switches, folders and options. */
  targets: targetsSchema.default({} as never),
  /** JSON Schema dialect of every generated schema. */
  jsonSchemaDraft: z.enum(["2020-12", "draft-07"]).default("2020-12"),
  conventions: ConventionsSchema,
  envelope: EnvelopeSchema,
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
export type EnvelopeConfig = z.output<typeof EnvelopeSchema>;
