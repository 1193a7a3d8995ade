/**
 * `pinoProfile(options)`: the config's `envelope` (the logger profile) from the very
 * options object a service passes to `pino(...)`, so the two cannot drift:
 *
 * ```ts
 * // src/logger.ts
 * export const loggerOptions = { base: { service: "billing" }, messageKey: "message", redact: ["user.email"] } satisfies LoggerOptions;
 * export const logger = pino(loggerOptions);
 *
 * // logpact.config.ts
 * import { defineConfig, pinoProfile } from "logpact";
 * import { loggerOptions } from "./src/logger.js";
 * export default defineConfig({ envelope: pinoProfile(loggerOptions, { bindings: { reqId: { type: "string" } } }) });
 * ```
 *
 * Functions among the options are called with sample input to see what they write
 * (`timestamp`, `formatters.level`, `formatters.bindings`). Options whose effect on a
 * line cannot be known ahead (`formatters.log`, `mixin`, `nestedKey`, a `censor`
 * function, `hooks.streamWrite`) are refused with an error naming the option.
 */
import { ConfigurationError } from "../errors.js";
import { LEVELS, LEVEL_VALUES, type Level } from "../registry/meta.js";
import type { UserConfig } from "./schema.js";

type JsonSchemaObject = Record<string, unknown>;
export type EnvelopeInput = NonNullable<UserConfig["envelope"]>;

/** What pino's options cannot say: the child-logger bindings of the service's loggers. */
export interface PinoProfileExtras {
  /** Child-logger bindings (`logger.child({ reqId })`), as JSON Schema per field. */
  readonly bindings?: Readonly<Record<string, JsonSchemaObject>>;
  /** The bindings every line carries (the others are optional). */
  readonly required?: readonly string[];
}

/** Options that do not change what a line looks like. */
const NEUTRAL = new Set([
  "level",
  "levelComparison",
  "customLevels",
  "useOnlyCustomLevels",
  "depthLimit",
  "edgeLimit",
  "enabled",
  "crlf",
  "transport",
  "browser",
  "onChild",
  "safe",
  "msgPrefix",
  "serializers",
  "hooks",
  "formatters",
]);
const HANDLED = new Set([
  "name",
  "base",
  "messageKey",
  "errorKey",
  "nestedKey",
  "timestamp",
  "redact",
  "mixin",
  "mixinMergeStrategy",
]);

function refuse(option: string, why: string, fix: string): never {
  throw new ConfigurationError(`pinoProfile: pino option "${option}" ${why}\n  fix: ${fix}`);
}

/** A JSON Schema type for a sample value pino would write. */
function schemaOf(option: string, value: unknown): JsonSchemaObject {
  if (typeof value === "string") return { type: "string" };
  if (typeof value === "number") return Number.isInteger(value) ? { type: "integer" } : { type: "number" };
  if (typeof value === "boolean") return { type: "boolean" };
  if (Array.isArray(value)) return { type: "array" };
  if (value !== null && typeof value === "object") return { type: "object" };
  if (value === null) return { type: "null" };
  return refuse(
    option,
    `has a value of type ${typeof value}, which pino cannot write as JSON`,
    "use a string, number, boolean or object",
  );
}

function levelProfile(fn: unknown): Pick<EnvelopeInput, "level" | "levelKey" | "levelValues"> {
  if (fn === undefined) return { level: "number" };
  if (typeof fn !== "function")
    return refuse(
      "formatters.level",
      "is not a function",
      "pass a function (label, number) => object, or leave it out",
    );
  let key: string | undefined;
  const values = {} as Record<Level, string | number>;
  for (const level of LEVELS) {
    const out = (fn as (label: string, n: number) => unknown)(level, LEVEL_VALUES[level]);
    const keys = out !== null && typeof out === "object" ? Object.keys(out) : [];
    if (keys.length !== 1)
      return refuse(
        "formatters.level",
        `returned ${JSON.stringify(out)} for "${level}": logpact needs exactly one key holding the level`,
        "return one key, e.g. (label) => ({ level: label })",
      );
    if (key !== undefined && keys[0] !== key)
      return refuse(
        "formatters.level",
        `writes the level under "${key}" and "${keys[0]}"`,
        "write every level under one key",
      );
    key = keys[0]!;
    const v = (out as Record<string, unknown>)[key];
    if (typeof v !== "string" && typeof v !== "number")
      return refuse("formatters.level", `returned a ${typeof v} for "${level}"`, "return the label or the number");
    values[level] = v;
  }
  const levelKey = key === "level" ? {} : { levelKey: key! };
  if (LEVELS.every((l) => values[l] === LEVEL_VALUES[l])) return { level: "number", ...levelKey };
  if (LEVELS.every((l) => values[l] === l)) return { level: "label", ...levelKey };
  return { level: "label", ...levelKey, levelValues: values };
}

function timestampProfile(ts: unknown): Pick<EnvelopeInput, "timestamp" | "timeKey"> {
  if (ts === undefined || ts === true) return { timestamp: "epoch" };
  if (ts === false) return { timestamp: "none" };
  if (typeof ts !== "function")
    return refuse(
      "timestamp",
      "is neither a boolean nor a function",
      "pass true, false or one of pino.stdTimeFunctions",
    );
  const text = (ts as () => unknown)();
  if (text === "") return { timestamp: "none" };
  let parsed: unknown;
  try {
    parsed = typeof text === "string" && text.startsWith(",") ? JSON.parse(`{${text.slice(1)}}`) : undefined;
  } catch {
    parsed = undefined;
  }
  const entries = parsed !== null && typeof parsed === "object" ? Object.entries(parsed) : [];
  if (entries.length !== 1)
    return refuse(
      "timestamp",
      `returned ${JSON.stringify(text)}: logpact reads one ',"key":value' pair`,
      'use pino.stdTimeFunctions (epochTime, unixTime, isoTime, nullTime) or return `,"time":${Date.now()}`',
    );
  const [key, value] = entries[0]!;
  const timeKey = key === "time" ? {} : { timeKey: key };
  if (typeof value === "number" && Number.isInteger(value))
    return { timestamp: value > 1e11 ? "epoch" : "unix", ...timeKey };
  if (typeof value === "string" && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(value))
    return { timestamp: "iso", ...timeKey };
  return refuse(
    "timestamp",
    `writes ${JSON.stringify(value)}, neither epoch milliseconds or seconds nor an ISO 8601 time`,
    "use pino.stdTimeFunctions.epochTime, unixTime or isoTime",
  );
}

function redactProfile(redact: unknown): Pick<EnvelopeInput, "redact"> {
  if (redact === undefined) return {};
  if (Array.isArray(redact)) return { redact: redact.map(String) };
  if (redact === null || typeof redact !== "object")
    return refuse(
      "redact",
      "is neither an array of paths nor an object",
      "pass { paths, censor?, remove? } or an array of paths",
    );
  const r = redact as { paths?: unknown; censor?: unknown; remove?: unknown };
  if (typeof r.censor === "function")
    return refuse(
      "redact.censor",
      "is a function: what it writes depends on the value",
      'use a string censor (e.g. "[Redacted]") or remove: true',
    );
  if (r.censor !== undefined && typeof r.censor !== "string")
    return refuse(
      "redact.censor",
      `is a ${typeof r.censor}: logpact supports a string censor`,
      'use a string censor (e.g. "[Redacted]") or remove: true',
    );
  return {
    redact: {
      paths: Array.isArray(r.paths) ? r.paths.map(String) : [],
      ...(typeof r.censor === "string" ? { censor: r.censor } : {}),
      ...(r.remove === true ? { remove: true } : {}),
    },
  };
}

/**
 * The logger profile (`envelope` config) of a pino logger made with `options`; `extras`
 * declares the child-logger bindings, which pino's options cannot tell.
 * Throws ConfigurationError naming an option it cannot represent.
 */
export function pinoProfile(
  options: Readonly<Record<string, unknown>> = {},
  extras: PinoProfileExtras = {},
): EnvelopeInput {
  for (const key of Object.keys(options)) {
    if (!NEUTRAL.has(key) && !HANDLED.has(key))
      refuse(
        key,
        "is not a pino 9/10 option this helper knows",
        "remove it, or write the envelope config by hand (docs/config.md#envelope-the-logger-profile)",
      );
  }
  if (options.nestedKey !== undefined)
    refuse(
      "nestedKey",
      "puts the payload under one key: logpact checks the event's fields at the top level of the line",
      "remove nestedKey from the pino options",
    );
  if (options.mixin !== undefined)
    refuse(
      "mixin",
      "adds fields computed per call: pinoProfile cannot see which",
      "declare what it adds as bindings (pinoProfile({ ...options, mixin: undefined }, { bindings: { … } })), or drop the mixin",
    );
  if (options.mixinMergeStrategy !== undefined)
    refuse("mixinMergeStrategy", "changes how mixin fields merge", "remove it (and declare mixin fields as bindings)");
  const formatters = (options.formatters ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(formatters)) {
    if (key === "log")
      refuse(
        "formatters.log",
        "rewrites every payload: logpact cannot know the line's shape",
        "remove formatters.log, or do the change in the emitters' caller",
      );
    if (key !== "level" && key !== "bindings") refuse(`formatters.${key}`, "is not a pino formatter", "remove it");
  }
  const hooks = (options.hooks ?? {}) as Record<string, unknown>;
  if (hooks.streamWrite !== undefined)
    refuse("hooks.streamWrite", "rewrites each line's text after serialisation", "remove hooks.streamWrite");
  for (const key of ["messageKey", "errorKey", "name"] as const) {
    if (options[key] !== undefined && typeof options[key] !== "string")
      refuse(key, "is not a string", `pass a string ${key}`);
  }

  const base = options.base;
  const name = options.name as string | undefined;
  let baseSchema: Record<string, JsonSchemaObject> | null | undefined;
  if (typeof formatters.bindings === "function") {
    // pino hands the formatter the base bindings (pid and hostname unless `base` says otherwise) plus `name`.
    const sample =
      base === null
        ? {}
        : {
            ...((base as Record<string, unknown> | undefined) ?? { pid: 1, hostname: "host" }),
            ...(name !== undefined ? { name } : {}),
          };
    const out = (formatters.bindings as (b: Record<string, unknown>) => unknown)(sample);
    if (out === null || typeof out !== "object")
      refuse("formatters.bindings", `returned ${JSON.stringify(out)}, not an object`, "return an object");
    baseSchema = Object.fromEntries(
      Object.entries(out as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, schemaOf(`formatters.bindings → ${k}`, v)]),
    );
  } else if (base === null) baseSchema = null;
  else if (base !== undefined) {
    if (typeof base !== "object" || Array.isArray(base))
      refuse("base", "is not an object", "pass an object of fields, or null");
    baseSchema = Object.fromEntries(
      Object.entries(base as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, schemaOf(`base.${k}`, v)]),
    );
  }
  const nameSetting = name !== undefined && base !== null && typeof formatters.bindings !== "function" ? { name } : {};
  return {
    logger: "pino",
    messageKey: (options.messageKey as string | undefined) ?? "msg",
    errorKey: (options.errorKey as string | undefined) ?? "err",
    ...levelProfile(formatters.level),
    ...timestampProfile(options.timestamp),
    ...(baseSchema !== undefined ? { base: baseSchema } : {}),
    ...nameSetting,
    ...redactProfile(options.redact),
    ...(extras.bindings ? { bindings: { ...extras.bindings } } : {}),
    ...(extras.required ? { required: [...extras.required] } : {}),
  };
}
