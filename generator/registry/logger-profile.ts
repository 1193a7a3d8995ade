/**
 * The logger profile: what the logger adds around an event's payload (message, error,
 * level and time keys; `base` fields; child-logger bindings) and what it does to it
 * (redaction). Resolved once from the config's `envelope` key into the IR (`ir.logger`
 * and `ir.envelope`); the line JSON Schema, the emitters, `validate` and `lint` all read
 * it from there through `loggerProfile(ir)`, so they cannot disagree.
 */
import { jsonEqual } from "../util/json.js";
import type {
  EnvelopeFieldIR,
  EventIR,
  JsonSchema,
  LevelFormat,
  LevelProfile,
  LoggerProfileIR,
  RedactProfile,
  RegistryIR,
  TimestampFormat,
} from "./ir.js";
import { LEVELS, LEVEL_VALUES, type Level } from "./meta.js";
import type { Diagnostic } from "../errors.js";

/** pino's default censor. */
export const DEFAULT_CENSOR = "[Redacted]";

// The profile's IR types live in ir.ts (the IR holds the profile); re-exported for its readers.
export type { LevelFormat, LevelProfile, LoggerProfileIR, RedactProfile, TimestampFormat } from "./ir.js";

/** The config's `envelope` key as parsed (see generator/config/schema.ts). */
export interface EnvelopeConfig {
  readonly logger: "pino" | "none" | "custom";
  readonly messageKey?: string | undefined;
  readonly errorKey?: string | undefined;
  readonly nestedKey?: undefined;
  readonly level?: LevelFormat | "none" | undefined;
  readonly levelKey?: string | undefined;
  readonly levelValues?: Readonly<Partial<Record<Level, string | number>>> | undefined;
  readonly timestamp?: TimestampFormat | "none" | undefined;
  readonly timeKey?: string | undefined;
  readonly base?: Readonly<Record<string, JsonSchema>> | null | undefined;
  readonly name?: string | undefined;
  readonly redact?:
    | readonly string[]
    | {
        readonly paths?: readonly string[] | undefined;
        readonly censor?: string | undefined;
        readonly remove?: boolean | undefined;
      }
    | undefined;
  readonly bindings?: Readonly<Record<string, JsonSchema>> | undefined;
  readonly fields?: Readonly<Record<string, JsonSchema>> | undefined;
  readonly required?: readonly string[] | undefined;
}

/** The profile of a pino logger with default options, as logpact assumed before profiles existed (level and time in either form). */
export const LEGACY_PINO_PROFILE: LoggerProfileIR = Object.freeze({
  logger: "pino",
  messageKey: "msg",
  errorKey: "err",
  level: Object.freeze({ key: "level", format: "either" }),
  timestamp: Object.freeze({ key: "time", format: "either" }),
  redact: Object.freeze({ paths: Object.freeze([]) as readonly string[], censor: DEFAULT_CENSOR, remove: false }),
}) as LoggerProfileIR;

/** The one reader of the profile: the IR's, or (an IR from before profiles) pino's legacy one. */
export function loggerProfile(ir: Pick<RegistryIR, "logger">): LoggerProfileIR {
  return ir.logger ?? LEGACY_PINO_PROFILE;
}

/** Resolves the config's `envelope` key into the profile. */
export function resolveProfile(env: EnvelopeConfig): LoggerProfileIR {
  const pino = env.logger === "pino";
  const levelFormat = env.level ?? (pino ? "either" : "none");
  const timeFormat = env.timestamp ?? (pino ? "either" : "none");
  const redact = env.redact;
  const paths =
    redact === undefined
      ? []
      : Array.isArray(redact)
        ? [...redact]
        : [...((redact as { paths?: readonly string[] }).paths ?? [])];
  const opts = redact !== undefined && !Array.isArray(redact) ? (redact as { censor?: string; remove?: boolean }) : {};
  const values = env.levelValues;
  return {
    logger: env.logger,
    messageKey: env.messageKey ?? (pino ? "msg" : null),
    errorKey: env.errorKey ?? (pino ? "err" : null),
    level:
      levelFormat === "none"
        ? null
        : {
            key: env.levelKey ?? "level",
            format: levelFormat,
            ...(values && Object.keys(values).length
              ? { values: Object.fromEntries(LEVELS.map((l) => [l, values[l] ?? l])) as Record<Level, string | number> }
              : {}),
          },
    timestamp: timeFormat === "none" ? null : { key: env.timeKey ?? "time", format: timeFormat },
    // pino redacts only when told to; the registry's sensitive fields are meant to be (REDACT_PATHS), so a pino profile expects its default censor there.
    redact:
      redact !== undefined || pino
        ? { paths, censor: opts.censor ?? DEFAULT_CENSOR, remove: opts.remove ?? false }
        : null,
  };
}

const LEVEL_DESCRIPTION = "pino level: 10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal";

function levelSchema(level: LevelProfile): JsonSchema {
  if (level.values) {
    const values = [...new Set(Object.values(level.values))];
    return values.every((v) => typeof v === "number")
      ? { type: "integer", enum: values }
      : values.every((v) => typeof v === "string")
        ? { type: "string", enum: values }
        : { enum: values };
  }
  const num = { type: "integer", minimum: 0 };
  const label = { type: "string", enum: [...LEVELS] };
  return level.format === "number" ? num : level.format === "label" ? label : { anyOf: [num, label] };
}

function timeSchema(format: TimestampFormat): JsonSchema {
  if (format === "iso") return { type: "string", format: "date-time" };
  if (format === "either") return { anyOf: [{ type: "integer", minimum: 0 }, { type: "string" }] };
  return { type: "integer", minimum: 0 };
}

const TIME_DESCRIPTION: Record<TimestampFormat, string> = {
  epoch: "Timestamp: epoch milliseconds (pino's default).",
  unix: "Timestamp: epoch seconds (`pino.stdTimeFunctions.unixTime`).",
  iso: "Timestamp: ISO 8601 (`pino.stdTimeFunctions.isoTime`).",
  either: "Timestamp: epoch milliseconds by default, an ISO string with `pino.stdTimeFunctions.isoTime`.",
};

/**
 * Every field the logger adds (sorted by name): the profile's keys, then `base` (pino's
 * `pid`/`hostname` unless configured) and the child-logger bindings.
 */
export function envelopeFields(
  env: EnvelopeConfig,
  profile: LoggerProfileIR,
  clean: (s: JsonSchema) => JsonSchema = (s) => s,
): EnvelopeFieldIR[] {
  const out = new Map<string, EnvelopeFieldIR>();
  const add = (f: EnvelopeFieldIR) => out.set(f.name, f);
  const pino = profile.logger === "pino";
  if (profile.errorKey)
    add({
      name: profile.errorKey,
      required: false,
      origin: "pino",
      description: "Serialised error (pino's `err` serializer: type, message, stack).",
      schema: { type: "object" },
    });
  if (profile.level) {
    const format = profile.level.values
      ? "as the profile's `formatters.level` writes it"
      : profile.level.format === "either"
        ? "or the label with `formatters.level`"
        : profile.level.format === "label"
          ? "written as the label"
          : "";
    add({
      name: profile.level.key,
      required: true,
      origin: "pino",
      description: `${LEVEL_DESCRIPTION}${format ? ` (${format})` : ""}.`,
      schema: levelSchema(profile.level),
    });
  }
  if (profile.messageKey)
    add({
      name: profile.messageKey,
      required: false,
      origin: "pino",
      description: "Log message.",
      schema: { type: "string" },
    });
  if (profile.timestamp) {
    add({
      name: profile.timestamp.key,
      required: profile.timestamp.format !== "either",
      origin: "pino",
      description: TIME_DESCRIPTION[profile.timestamp.format],
      schema: timeSchema(profile.timestamp.format),
    });
  }
  if (pino && env.base === undefined) {
    add({
      name: "hostname",
      required: false,
      origin: "pino",
      description: "Host name of the process (pino `base`).",
      schema: { type: "string" },
    });
    add({
      name: "pid",
      required: false,
      origin: "pino",
      description: "Process id (pino `base`).",
      schema: { type: "integer", minimum: 0 },
    });
  }
  if (pino && env.base === undefined && env.name === undefined)
    add({
      name: "name",
      required: false,
      origin: "pino",
      description: "Logger name (pino `name` option).",
      schema: { type: "string" },
    });
  if (env.name !== undefined)
    add({
      name: "name",
      required: true,
      origin: "pino",
      description: "Logger name (pino `name` option).",
      schema: { type: "string", const: env.name },
    });
  for (const [name, schema] of Object.entries(env.base ?? {})) {
    const description =
      typeof schema.description === "string" ? schema.description : "Added to every line by the logger (pino `base`).";
    add({ name, required: true, origin: "config", description, schema: clean(schema) });
  }
  const required = new Set(env.required ?? []);
  for (const [name, schema] of Object.entries({ ...(env.fields ?? {}), ...(env.bindings ?? {}) })) {
    const description =
      typeof schema.description === "string"
        ? schema.description
        : `Child-logger binding${required.has(name) ? "" : " (on some lines)"}.`;
    out.set(name, { name, required: required.has(name), origin: "config", description, schema: clean(schema) });
  }
  return [...out.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}

// ── redaction ────────────────────────────────────────────────────────────────

/** A pino redact path (`a.b`, `a["x-y"]`, `*.password`, `a[*].b`) as segments; `*` matches any key. */
export function redactSegments(path: string): string[] {
  const out: string[] = [];
  const re = /\[\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|(\*|\d+))\s*\]|([^.[\]]+)/g;
  for (const m of path.matchAll(re)) out.push(m[1] ?? m[2] ?? m[3] ?? m[4]!);
  return out;
}

/**
 * Whether the value at `segs` (top-level field first) must not be shown: it is redacted by
 * `patterns`, sits inside a redacted value, or may hold one (a redacted path runs through it).
 */
export function underRedaction(patterns: readonly (readonly string[])[], segs: readonly string[]): boolean {
  for (const p of patterns) {
    const n = Math.min(p.length, segs.length);
    let ok = true;
    for (let i = 0; i < n && ok; i++) ok = p[i] === "*" || p[i] === segs[i];
    if (ok) return true;
  }
  return false;
}

/** The redacted paths of one event: its sensitive fields plus the profile's paths, as segments. */
export function redactedPatterns(profile: LoggerProfileIR, event: Pick<EventIR, "fields">): string[][] {
  return [
    ...event.fields.filter((f) => f.sensitive).map((f) => [f.name]),
    ...(profile.redact?.paths ?? []).map(redactSegments),
  ];
}

/**
 * Wraps `schema` so it also takes the censor; returns the schema unchanged when it already
 * does (a field that two patterns name: `sensitive` and a profile path, or `*` and its name).
 */
function withCensor(schema: JsonSchema, censor: string): JsonSchema {
  const branches = (schema as Record<string, unknown>).anyOf;
  if (Array.isArray(branches) && branches.some((b) => jsonEqual(b, { const: censor }))) return schema;
  const { description, examples, deprecated, title, ...rest } = schema as Record<string, unknown>;
  const keep = {
    ...(description !== undefined ? { description } : {}),
    ...(examples !== undefined ? { examples } : {}),
    ...(deprecated !== undefined ? { deprecated } : {}),
    ...(title !== undefined ? { title } : {}),
  };
  const annotations: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rest)) if (k.startsWith("x-")) annotations[k] = v;
  const core = Object.fromEntries(Object.entries(rest).filter(([k]) => !k.startsWith("x-")));
  return { ...keep, ...annotations, anyOf: [core, { const: censor }] };
}

/**
 * Applies redaction to a line schema's `properties`/`required` in place: a redacted value
 * may be the censor (or, with `remove`, absent). Nested paths walk `properties`, `items`
 * and `anyOf` branches.
 */
export function redactLineSchema(
  properties: Record<string, unknown>,
  required: Set<string>,
  patterns: readonly (readonly string[])[],
  redact: RedactProfile,
): void {
  for (const p of patterns) redactIn(properties, required, p, redact);
}

function redactIn(
  properties: Record<string, unknown>,
  required: Set<string> | string[] | undefined,
  segs: readonly string[],
  redact: RedactProfile,
): void {
  const [head, ...rest] = segs;
  if (head === undefined) return;
  for (const key of head === "*" ? Object.keys(properties) : Object.hasOwn(properties, head) ? [head] : []) {
    const schema = properties[key] as JsonSchema;
    if (rest.length === 0) {
      if (redact.remove) {
        if (required instanceof Set) required.delete(key);
        else if (Array.isArray(required) && required.includes(key)) required.splice(required.indexOf(key), 1);
      } else properties[key] = withCensor(schema, redact.censor);
    } else properties[key] = redactNested(schema, rest, redact);
  }
}

function redactNested(schema: JsonSchema, segs: readonly string[], redact: RedactProfile): JsonSchema {
  const s = { ...(schema as Record<string, unknown>) };
  if (Array.isArray(s.anyOf)) s.anyOf = (s.anyOf as JsonSchema[]).map((b) => redactNested(b, segs, redact));
  if (Array.isArray(s.oneOf)) s.oneOf = (s.oneOf as JsonSchema[]).map((b) => redactNested(b, segs, redact));
  if (s.properties && typeof s.properties === "object") {
    const props = { ...(s.properties as Record<string, unknown>) };
    const req = Array.isArray(s.required) ? [...(s.required as string[])] : undefined;
    redactIn(props, req, segs, redact);
    s.properties = props;
    if (req) s.required = req;
  }
  if (
    (segs[0] === "*" || /^\d+$/.test(segs[0]!)) &&
    s.items &&
    typeof s.items === "object" &&
    !Array.isArray(s.items)
  ) {
    const holder: Record<string, unknown> = { v: s.items };
    if (segs.length === 1) {
      if (!redact.remove) s.items = withCensor(s.items as JsonSchema, redact.censor);
    } else {
      redactIn(holder, undefined, ["v", ...segs.slice(1)], redact);
      s.items = holder.v;
    }
  }
  return s;
}

/**
 * Whether a consumer typed by `schema` (a field's) can take the string `censor`: not a
 * number, boolean or object field, nor an enum or constant without it. A string with a
 * format or pattern (an email) still holds a string, so it passes.
 */
function acceptsCensor(schema: JsonSchema, censor: string): boolean {
  const s = schema as Record<string, unknown>;
  for (const k of ["anyOf", "oneOf"] as const)
    if (Array.isArray(s[k])) return (s[k] as JsonSchema[]).some((b) => acceptsCensor(b, censor));
  const types = s.type === undefined ? undefined : Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
  if (types && !types.includes("string")) return false;
  if (s.const !== undefined) return s.const === censor;
  if (Array.isArray(s.enum)) return s.enum.includes(censor);
  return true;
}

/**
 * `gen` warnings (LP_REDACT_CENSOR): a redacted top-level field whose own type cannot hold
 * the censor. The line schema still accepts the censor there (it is what pino writes),
 * but a consumer that trusts the field's type will meet a string.
 */
export function redactionDiagnostics(ir: RegistryIR): Diagnostic[] {
  const profile = loggerProfile(ir);
  const redact = profile.redact;
  if (!redact || redact.remove) return [];
  const out: Diagnostic[] = [];
  for (const family of ir.families) {
    for (const event of family.events) {
      const patterns = redactedPatterns(profile, event);
      for (const field of event.fields) {
        if (!patterns.some((p) => p.length === 1 && (p[0] === "*" || p[0] === field.name))) continue;
        if (acceptsCensor(field.schema, redact.censor)) continue;
        out.push({
          code: "LP_REDACT_CENSOR",
          severity: "warning",
          file: family.source.file,
          family: family.name,
          event: event.name,
          field: field.name,
          message: `field "${field.name}" (${field.display}) is redacted${field.sensitive ? " (sensitive)" : ""}, and pino would write the censor ${JSON.stringify(redact.censor)} there: not a ${field.display}; the line schema and validate accept the censor, but a consumer typed by the field will meet a string`,
          fix: `${field.required ? "make the field optional and " : ""}redact by removal (envelope.redact: { paths: [...], remove: true }), or drop \`sensitive\` if the value is not secret${field.types.includes("string") ? ", or widen the field to any string" : ""}`,
        });
      }
    }
  }
  return out;
}

/** Level values a line of `level` may carry under `profile` (numeric and/or written form). */
export function expectedLevel(
  profile: LoggerProfileIR,
  level: Level,
): { num: number | undefined; label: string | undefined } {
  const lp = profile.level;
  if (!lp) return { num: undefined, label: undefined };
  if (lp.values) {
    const v = lp.values[level];
    return typeof v === "number" ? { num: v, label: undefined } : { num: undefined, label: v };
  }
  return {
    num: lp.format === "label" ? undefined : LEVEL_VALUES[level],
    label: lp.format === "number" ? undefined : level,
  };
}
