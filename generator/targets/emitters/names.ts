/**
 * Identifiers and file names of the generated emitter modules, derived from family, event
 * and field names, plus the clash checks that keep them unique. Registry names may hold
 * anything a string can (conventions can be switched off), so every derivation is
 * sanitised and every clash is an error naming both sides.
 */
import { DiagnosticError, type Diagnostic } from "../../errors.js";
import type { EventIR, FamilyIR } from "../../registry/ir.js";

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Names a generated module may not take: the support files beside the families. */
export const RESERVED_FILES = new Set(["index", "logpact-runtime"]);

/** Whether `name` can be written unquoted as a property name and read with `.name`. */
export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** Words an identifier cannot be in a strict-mode module (plus globals not worth shadowing). */
const RESERVED_WORDS = new Set(
  (
    "arguments await break case catch class const continue debugger default delete do else enum eval export extends " +
    "false finally for function if implements import in instanceof interface let new null package private protected " +
    "public return static super switch this throw true try typeof var void while with yield undefined NaN Infinity"
  ).split(" "),
);

/** Whether `name` can name a local `const` in a generated module (and so be a shorthand property). */
export function isBindable(name: string): boolean {
  return isIdentifier(name) && !RESERVED_WORDS.has(name);
}

/** Words of a name: split on anything that is not a letter or digit, and on camelCase humps. */
function words(name: string): string[] {
  return name
    .split(/[^A-Za-z0-9]+/)
    .flatMap((part) => part.split(/(?<=[a-z0-9])(?=[A-Z])/))
    .filter(Boolean);
}

/** `daemon.connection` → `DaemonConnection`; `readyState` → `ReadyState`. */
export function pascalCase(name: string): string {
  const out = words(name)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("");
  return /^[0-9]/.test(out) ? `_${out}` : out;
}

/** `daemon.connection` → `daemonConnection`. */
export function camelCase(name: string): string {
  const pascal = pascalCase(name);
  return pascal.startsWith("_") ? pascal : pascal.charAt(0).toLowerCase() + pascal.slice(1);
}

/** `daemon.connection` → `DAEMON_CONNECTION`. */
export function screamingCase(name: string): string {
  const out = words(name)
    .map((w) => w.toUpperCase())
    .join("_");
  return /^[0-9]/.test(out) ? `_${out}` : out;
}

/** `daemon.connection` → `daemon-connection` (the module file name, without extension). */
export function kebabCase(name: string): string {
  return words(name)
    .map((w) => w.toLowerCase())
    .join("-");
}

/**
 * Method name of an event: its short name when that is an identifier (greppable: the call
 * `conn.connect_attempt(...)` contains the event's own words), otherwise the short name
 * with every other character replaced by `_`.
 */
export function methodName(event: Pick<EventIR, "short">): string {
  if (isIdentifier(event.short)) return event.short;
  const out = event.short.replace(/[^A-Za-z0-9_$]/g, "_");
  return /^[0-9]/.test(out) ? `_${out}` : out;
}

/** A property key in an object literal or type: bare, quoted, or computed for `__proto__`. */
export function propertyKey(name: string): string {
  // `__proto__: x` in an object literal sets the prototype; the computed form defines a property.
  if (name === "__proto__") return '["__proto__"]';
  return isIdentifier(name) ? name : JSON.stringify(name);
}

/**
 * A JSON value as a TypeScript expression, written the way a call site would (`{ attempt: 1 }`):
 * identifier keys bare, others quoted, and `__proto__` computed so it defines a property
 * instead of setting the prototype.
 */
export function jsLiteral(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "undefined";
  if (Array.isArray(value)) return `[${value.map(jsLiteral).join(", ")}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  return entries.length ? `{ ${entries.map(([k, v]) => `${propertyKey(k)}: ${jsLiteral(v)}`).join(", ")} }` : "{}";
}

/** Reads property `name` of `object` in generated code: `f.attempt` or `f["content-type"]`. */
export function propertyAccess(object: string, name: string): string {
  return isIdentifier(name) ? `${object}.${name}` : `${object}[${JSON.stringify(name)}]`;
}

/** pino `redact` path of a top-level key: `peerId` or `["x-api-key"]`. */
export function redactPath(name: string): string {
  return isIdentifier(name) ? name : `[${JSON.stringify(name)}]`;
}

/** The generated names of one family. */
export interface FamilyNames {
  /** Module file name without extension: `daemon-connection`. */
  readonly file: string;
  /** `DaemonConnection` (types: `DaemonConnectionEmitters`, `DaemonConnectionLogPayload`, …). */
  readonly pascal: string;
  /** `daemonConnection` (factory: `daemonConnectionEmitters`). */
  readonly camel: string;
  /** `DAEMON_CONNECTION` (constants: `DAEMON_CONNECTION_LOG_EVENTS`, …). */
  readonly screaming: string;
}

export interface EventNames {
  /** Emitter method, key in the `…_LOG_EVENTS` object and in the family's fields type. */
  readonly method: string;
}

function clash(message: string, fix: string, where: Pick<Diagnostic, "file" | "family" | "event">): DiagnosticError {
  return new DiagnosticError({ code: "LP_EMITTER_NAME_CLASH", severity: "error", message, fix, ...where });
}

/**
 * Names of every family, checked for clashes (same file, same identifiers, empty names).
 * Throws at the first clash, or with `problems` collects every clash there (the target's
 * `check`) and leaves the clashing families out.
 */
export function familyNames(families: readonly FamilyIR[], problems?: Diagnostic[]): Map<FamilyIR, FamilyNames> {
  const out = new Map<FamilyIR, FamilyNames>();
  const seen = new Map<string, FamilyIR>();
  for (const family of families) {
    try {
      out.set(family, checkedFamilyNames(family, seen));
    } catch (e) {
      if (!problems || !(e instanceof DiagnosticError)) throw e;
      problems.push(e.diagnostic);
    }
  }
  return out;
}

function checkedFamilyNames(family: FamilyIR, seen: Map<string, FamilyIR>): FamilyNames {
  const names: FamilyNames = {
    file: kebabCase(family.name),
    pascal: pascalCase(family.name),
    camel: camelCase(family.name),
    screaming: screamingCase(family.name),
  };
  const where = { file: family.source.file, family: family.name };
  if (!names.file) {
    throw clash(
      `family "${family.name}" has no letters or digits to derive a module name from`,
      'rename the family with `.meta({ family: "<name>" })`',
      where,
    );
  }
  if (RESERVED_FILES.has(names.file)) {
    throw clash(
      `family "${family.name}" would be written to ${names.file}.ts, which the emitters target writes for itself`,
      'rename the family (e.g. add a prefix segment) with `.meta({ family: "<name>" })`',
      where,
    );
  }
  for (const key of [`file:${names.file}`, `id:${names.pascal}`]) {
    const other = seen.get(key);
    if (other) {
      throw clash(
        `families "${other.name}" (${other.source.file}) and "${family.name}" both map to the generated ${key.startsWith("file:") ? `module ${names.file}.ts` : `identifiers ${names.pascal}…`}`,
        "rename one of the families so their names differ in letters or digits, not only in punctuation or case",
        where,
      );
    }
    seen.set(key, family);
  }
  return names;
}

/** Names of every event of a family, checked for clashes between events. */
export function eventNames(family: FamilyIR): Map<EventIR, EventNames> {
  const out = new Map<EventIR, EventNames>();
  const byMethod = new Map<string, EventIR>();
  for (const event of family.events) {
    const method = methodName(event);
    const where = { file: family.source.file, family: family.name, event: event.name };
    if (!method.replace(/_/g, "") || !pascalCase(event.short)) {
      throw clash(
        `event "${event.name}" has no letters or digits after the family prefix to name its emitter`,
        `rename the event to "${family.name}.<name>"`,
        where,
      );
    }
    const other = byMethod.get(method);
    if (other) {
      throw clash(
        `events "${other.name}" and "${event.name}" both map to the emitter method ${method}()`,
        "rename one of the events so their names differ in letters or digits, not only in punctuation or case",
        where,
      );
    }
    byMethod.set(method, event);
    out.set(event, { method });
  }
  return out;
}
