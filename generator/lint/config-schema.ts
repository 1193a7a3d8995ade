/**
 * The `lint` key of the config: which files, which logger shapes, which rules at which
 * severity. Every default is set here, once (docs/config.md#lint documents them).
 */
import { z } from "zod";
import { LEVELS } from "../registry/meta.js";
import { calleeGlobToRegExp, fileGlobToRegExp } from "./glob.js";
import { RULE_NAMES } from "./rules/index.js";

const Severity = z.enum(["off", "warn", "error"]);

/**
 * Receivers that log, as globs over member chains (`*` one segment, `**` any number):
 * `logger`, `log`, `this.logger`, `this.log`, `ctx.log`, `req.log`, `fastify.log`,
 * `this.deps.logger`, …
 */
export const DEFAULT_CALLEES = ["**.logger", "**.log"];

export const DEFAULT_LINT_INCLUDE = ["**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}"];
export const DEFAULT_LINT_EXCLUDE = ["**/dist/**", "**/coverage/**", "**/*.min.{js,mjs,cjs}"];

const compiles = (compile: (g: string) => RegExp) => (g: string) => {
  try {
    compile(g);
    return true;
  } catch {
    return false;
  }
};
const FileGlob = z
  .string()
  .min(1)
  .refine(compiles(fileGlobToRegExp), { message: "not a valid glob (unbalanced `{` or `[`)" });
const CalleeGlob = z
  .string()
  .min(1)
  .refine(compiles(calleeGlobToRegExp), { message: "not a valid callee glob (unbalanced `{` or `[`)" });

const ArgIndex = z.number().int().min(0).max(20);
/** Root-relative file globs an entry is limited to. */
const Files = z.array(FileGlob).min(1);

/** Generated emitter factories (`daemonConnectionEmitters(logger)`): their results are typed emitters, not raw loggers. */
export const DEFAULT_EMITTER_FACTORIES = ["**.*Emitters"];

/** A receiver glob, or one limited to some files: `{ callee: "log", files: ["src/daemon/**"] }`. */
export const CalleeSchema = z.union([CalleeGlob, z.strictObject({ callee: CalleeGlob, files: Files.optional() })]);

/** A project helper that returns `logger.child(arg)`: `createChildLogger` or `{ callee: "withLogContext", bindings: 1 }`. */
export const LoggerFactorySchema = z.union([
  CalleeGlob.transform((callee) => ({ callee, bindings: 0 as number | undefined })),
  z.strictObject({
    callee: CalleeGlob,
    /** Argument index of the bindings object (default 0). */
    bindings: ArgIndex.default(0),
  }),
]);

/** A logging wrapper: which argument holds the level, the event, a message, the fields. */
export const WrapperSchema = z
  .strictObject({
    /** Callee glob (`log`, `this.emitLog`, `*.audit`). */
    callee: CalleeGlob,
    /** Argument index of the level, or the level the wrapper always logs at. */
    level: z.union([ArgIndex, z.enum(LEVELS)]).optional(),
    /** Argument index of the event name (when not inside the fields). */
    event: ArgIndex.optional(),
    /** Argument index of a free-text message. */
    message: ArgIndex.optional(),
    /** Argument index of the fields object. */
    fields: ArgIndex.optional(),
    /** Only in files matching these globs (one `log` means different things in different folders). */
    files: Files.optional(),
  })
  .refine((w) => w.event !== undefined || w.fields !== undefined || w.message !== undefined, {
    message: "a wrapper needs at least one of `event`, `fields` or `message` (argument indexes)",
  });

export const LintConfigSchema = z
  .strictObject({
    /** Globs (relative to the project root) of the files to lint. */
    include: z.array(FileGlob).default(DEFAULT_LINT_INCLUDE),
    /** Globs excluded from `include` (node_modules, .git, the output folder, `.d.ts` and .gitignore'd files always are). */
    exclude: z.array(FileGlob).default(DEFAULT_LINT_EXCLUDE),
    /** Receivers whose level methods are log calls, as globs over member chains. */
    callees: z.array(CalleeSchema).default(DEFAULT_CALLEES),
    /** Functions that return a child logger (`createChildLogger({ deliveryId, event })`): their results are loggers with those fields bound. */
    loggerFactories: z.array(LoggerFactorySchema).default([]),
    /** Callee globs of generated emitter factories; a receiver assigned from one is not a raw logger. */
    emitterFactories: z.array(CalleeGlob).default(DEFAULT_EMITTER_FACTORIES),
    /** Method names that log. A name outside pino's six levels is never checked by `level-mismatch`. */
    methods: z
      .array(z.string().min(1))
      .min(1)
      .default([...LEVELS]),
    /** Call signatures besides pino's `(fields, msg?)` / `(msg, ...args)`: `message-fields` reads winston-style `(msg, fields)`. */
    signatures: z.array(z.enum(["message-fields"])).default(["message-fields"]),
    /** Level-first or fixed-level logging wrappers, e.g. `{ callee: "log", level: 0, event: 1, fields: 2 }`. */
    wrappers: z.array(WrapperSchema).default([]),
    /** Also recognise any receiver whose type is pino's `Logger` / `BaseLogger`, and resolve events with the type checker (slower). */
    typeAware: z.boolean().default(false),
    /** Severity per rule: `off`, `warn` or `error`. */
    rules: z
      .strictObject(
        Object.fromEntries(RULE_NAMES.map((n) => [n, Severity.optional()])) as Record<
          (typeof RULE_NAMES)[number],
          z.ZodOptional<typeof Severity>
        >,
      )
      .default({}),
    /** Threads (main thread included); default: the cores not busy per the 1-minute load average (at least 1). */
    jobs: z.number().int().min(1).max(256).optional(),
    /** Baseline file used when `--baseline` is not given. */
    baseline: z.string().min(1).optional(),
    /** Files larger than this many bytes are skipped and reported. */
    maxFileBytes: z.number().int().positive().default(2_000_000),
    /** Files with a line longer than this are taken as minified, skipped and reported. */
    maxLineLength: z.number().int().positive().default(10_000),
  })
  .default({
    include: DEFAULT_LINT_INCLUDE,
    exclude: DEFAULT_LINT_EXCLUDE,
    callees: DEFAULT_CALLEES,
    loggerFactories: [],
    emitterFactories: DEFAULT_EMITTER_FACTORIES,
    methods: [...LEVELS],
    signatures: ["message-fields"],
    wrappers: [],
    typeAware: false,
    rules: {},
    maxFileBytes: 2_000_000,
    maxLineLength: 10_000,
  });
