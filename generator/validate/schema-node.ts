/**
 * Line schemas compiled into a small tree of checks, for the keywords logpact's line
 * schemas use (type, const, enum, anyOf, string/number/array bounds, pattern, properties,
 * required, additionalProperties, items). Two engines run it: the byte-level fast path
 * (fast.ts), which accepts conforming lines without parsing them, and the object-level
 * evaluator (evaluate.ts), which gives the verdict and ajv-compatible errors for the lines
 * the fast path leaves. A schema using any other keyword is `Unsupported`: its event is
 * checked by ajv instead.
 */
import { compileBytePattern, type ByteTest } from "./byte-pattern.js";

// JSON Schema `type` bits.
export const T_STRING = 1;
export const T_INTEGER = 2;
export const T_NUMBER = 4;
export const T_BOOLEAN = 8;
export const T_NULL = 16;
export const T_OBJECT = 32;
export const T_ARRAY = 64;
const TYPE_BITS: Readonly<Record<string, number>> = {
  string: T_STRING,
  integer: T_INTEGER,
  number: T_NUMBER,
  boolean: T_BOOLEAN,
  null: T_NULL,
  object: T_OBJECT,
  array: T_ARRAY,
};

/** Set on a number token whose value is integral (ajv's `integer`). */
export const F_INTEGER = 4;

/**
 * The keywords implemented here (annotations are already stripped by `validationSchema`):
 * a subset of registry/field-schema.ts's VALUE_KEYWORDS, held to ajv by the differential test.
 */
export const BUILTIN_KEYWORDS: ReadonlySet<string> = new Set([
  "type",
  "const",
  "enum",
  "anyOf",
  "minLength",
  "maxLength",
  "pattern",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "minItems",
  "maxItems",
  "multipleOf",
  "format",
  "propertyNames",
]);

/** A name that ajv's `required` would find on Object.prototype; such schemas stay on the exact path. */
const PROTO_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype).concat("__proto__"));

/**
 * Bytes → index for a fixed set of names: a rolling hash computed while the bytes are
 * scanned, an open-addressing table, then one byte compare. The multiplier is chosen so
 * no two names share a hash: a hash hit has exactly one candidate.
 */
export class NameTable {
  readonly mult: number;
  private readonly mask: number;
  /** index + 1 per slot; 0 = empty. */
  private readonly slots: Int32Array;
  private readonly hashes: Int32Array;
  private readonly bytes: Uint8Array[];

  constructor(readonly names: readonly string[]) {
    this.bytes = names.map((n) => Buffer.from(n, "utf8"));
    let size = 8;
    while (size < names.length * 4) size *= 2;
    this.mask = size - 1;
    this.slots = new Int32Array(size);
    this.hashes = new Int32Array(names.length);
    for (let mult = 31; ; mult += 2) {
      const hashes = this.bytes.map((b) => hashBytes(b, 0, b.length, mult));
      if (new Set(hashes).size !== hashes.length) continue;
      this.mult = mult;
      hashes.forEach((h, i) => {
        this.hashes[i] = h;
        let slot = mix(h) & this.mask;
        while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
        this.slots[slot] = i + 1;
      });
      return;
    }
  }

  /** The index of the name whose bytes are b[start, end) (hash `h` under `mult`), or -1. */
  find(h: number, b: Uint8Array, start: number, end: number): number {
    const slots = this.slots;
    const mask = this.mask;
    for (let slot = mix(h) & mask; ; slot = (slot + 1) & mask) {
      const v = slots[slot]!;
      if (v === 0) return -1;
      if (this.hashes[v - 1] !== h) continue;
      const name = this.bytes[v - 1]!;
      const n = end - start;
      if (name.length !== n) return -1;
      for (let k = 0; k < n; k++) if (name[k] !== b[start + k]) return -1;
      return v - 1;
    }
  }
}

function mix(h: number): number {
  return h ^ (h >>> 15);
}

export function hashBytes(b: Uint8Array, start: number, end: number, mult: number): number {
  let h = 0;
  for (let i = start; i < end; i++) h = (Math.imul(h, mult) + b[i]!) | 0;
  return h;
}

/** How a schema's strings are tested, exactly as the ajv set-up of checker.ts does. */
export interface SchemaEnv {
  /** A `pattern`, compiled as ajv's `code.regExp` does. */
  readonly regExp: (source: string) => RegExp;
  /** A string `format`'s test as ajv-formats defines it; undefined for an unknown or non-string format. */
  readonly format: (name: string) => ((value: string) => boolean) | undefined;
}

/** One schema object's own keywords. */
export interface Check {
  /** Allowed types as T_* bits; 0 = any. */
  readonly types: number;
  readonly enumSet: ReadonlySet<unknown> | undefined;
  /** The string members of the enum, matched on bytes; undefined when there is no enum. */
  readonly enumStrings: NameTable | undefined;
  readonly minLength: number;
  readonly maxLength: number;
  readonly patterns: readonly RegExp[];
  /** The patterns as byte tests (byte-pattern.ts), when every one compiles so; for plain ASCII values without escapes. */
  readonly byteTests: readonly ByteTest[] | undefined;
  /** A string `format` (name and test), checked after the patterns. */
  readonly format: { readonly name: string; readonly test: (value: string) => boolean } | undefined;
  /** Whether a string needs more than a type check (enum, lengths, patterns, format). */
  readonly stringChecks: boolean;
  readonly minimum: number;
  readonly maximum: number;
  readonly exclusiveMinimum: number;
  readonly exclusiveMaximum: number;
  /** `multipleOf`, or undefined. */
  readonly multipleOf: number | undefined;
  /** Object keywords; undefined = any object. */
  readonly object: ObjectShape | undefined;
  /** Array keywords; undefined = any array. */
  readonly array: ArrayShape | undefined;
  // For ajv-compatible errors (evaluate.ts):
  /** The `type` keyword as written (`integer`, `string,null`), for "must be …". */
  readonly typeText: string;
  /**
   * ajv checks a single type inside its keyword group (number, string, array, object)
   * when the schema has keywords of that group, else up front: the error's place differs.
   */
  readonly typeDeferred: boolean;
  /** `const` (else `enum`) when enumSet is set. */
  readonly isConst: boolean;
  readonly patternSources: readonly string[];
  /** Which keyword groups the schema uses (ajv runs a group only then). */
  readonly numberGroup: boolean;
  readonly stringGroup: boolean;
}

// Node shapes checked without the general interpreter (the common field types).
export const S_GENERAL = 0;
export const S_TRIVIAL = 1;
export const S_STRING = 2;
export const S_INTEGER = 3;
export const S_NUMBER = 4;
export const S_BOOLEAN = 5;

/** A compiled schema: its own keywords, and-ed with an `anyOf`. */
export interface Node {
  /** S_*: a shortcut for common shapes (then `lo`…`exHi` are the bounds), or S_GENERAL. */
  readonly simple: number;
  readonly lo: number;
  readonly hi: number;
  readonly exLo: number;
  readonly exHi: number;
  /** `{}` / `true`: any value. */
  readonly trivial: boolean;
  /** `false`: no value. */
  readonly never: boolean;
  readonly own: Check | undefined;
  readonly anyOf: readonly Node[] | undefined;
}

export interface ObjectShape {
  readonly table: NameTable;
  /** The first `propCount` names are `properties` (in schema order); the rest are required-only names. */
  readonly propCount: number;
  /** Per name in `table`: its schema (`never` for a required name additionalProperties forbids). */
  readonly nodes: readonly Node[];
  readonly required: readonly number[];
  /** Schema for other keys; undefined = not allowed. */
  readonly additional: Node | undefined;
}

export interface ArrayShape {
  readonly items: Node;
  readonly minItems: number;
  readonly maxItems: number;
}

function node(trivial: boolean, never: boolean, own: Check | undefined, anyOf: readonly Node[] | undefined): Node {
  let simple = trivial ? S_TRIVIAL : S_GENERAL;
  if (own !== undefined && anyOf === undefined && own.enumSet === undefined && own.multipleOf === undefined) {
    if (own.types === T_STRING && !own.stringChecks) simple = S_STRING;
    else if (own.types === T_INTEGER) simple = S_INTEGER;
    else if (own.types === T_NUMBER) simple = S_NUMBER;
    else if (own.types === T_BOOLEAN) simple = S_BOOLEAN;
  }
  return {
    simple,
    lo: own?.minimum ?? -Infinity,
    hi: own?.maximum ?? Infinity,
    exLo: own?.exclusiveMinimum ?? -Infinity,
    exHi: own?.exclusiveMaximum ?? Infinity,
    trivial,
    never,
    own,
    anyOf,
  };
}

export const TRIVIAL: Node = node(true, false, undefined, undefined);
export const NEVER: Node = node(false, true, undefined, undefined);

/** Thrown while compiling a schema the fast path does not implement. */
export class Unsupported extends Error {}

function num(v: unknown, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== "number") throw new Unsupported("non-numeric bound");
  return v;
}

export function compileNode(schema: unknown, env: SchemaEnv): Node {
  if (schema === true) return TRIVIAL;
  if (schema === false) return NEVER;
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) throw new Unsupported("not a schema");
  const s = schema as Record<string, unknown>;
  const keys = Object.keys(s);
  if (keys.length === 0) return TRIVIAL;
  for (const k of keys) if (!BUILTIN_KEYWORDS.has(k)) throw new Unsupported(k);

  let anyOf: Node[] | undefined;
  if (s.anyOf !== undefined) {
    if (!Array.isArray(s.anyOf) || s.anyOf.length === 0) throw new Unsupported("anyOf");
    anyOf = s.anyOf.map((b) => compileNode(b, env));
  }
  if (keys.length === 1 && anyOf) return node(false, false, undefined, anyOf);

  let types = 0;
  if (s.type !== undefined) {
    for (const t of Array.isArray(s.type) ? s.type : [s.type]) {
      const bit = typeof t === "string" ? TYPE_BITS[t] : undefined;
      if (bit === undefined) throw new Unsupported(`type ${String(t)}`);
      types |= bit;
    }
  }
  let enumSet: Set<unknown> | undefined;
  const values = s.const !== undefined ? [s.const] : (s.enum as unknown[] | undefined);
  if (values !== undefined) {
    if (!Array.isArray(values)) throw new Unsupported("enum");
    // Primitives only: ajv compares with deep equality, which for primitives is ===.
    for (const v of values) if (v !== null && typeof v === "object") throw new Unsupported("object enum");
    enumSet = new Set(values);
    if (s.const !== undefined && s.enum !== undefined) throw new Unsupported("both const and enum");
  }
  const patterns: RegExp[] = [];
  const byteTests: ByteTest[] = [];
  if (s.pattern !== undefined) {
    if (typeof s.pattern !== "string") throw new Unsupported("pattern");
    const re = env.regExp(s.pattern);
    patterns.push(re);
    // Flags other than `u` (case-insensitive, dotAll…) change what the subset means: keep the RegExp.
    const bytes = re.flags === "u" || re.flags === "" ? compileBytePattern(s.pattern, re.flags) : undefined;
    if (bytes !== undefined) byteTests.push(bytes);
  }
  let format: Check["format"];
  if (s.format !== undefined) {
    const test = typeof s.format === "string" ? env.format(s.format) : undefined;
    if (test === undefined) throw new Unsupported(`format ${String(s.format)}`);
    format = { name: s.format as string, test };
  }
  // JSON object keys are always strings: only that propertyNames is a no-op.
  if (
    s.propertyNames !== undefined &&
    s.propertyNames !== true &&
    JSON.stringify(s.propertyNames) !== "{}" &&
    JSON.stringify(s.propertyNames) !== '{"type":"string"}'
  )
    throw new Unsupported("propertyNames");
  const multipleOf = s.multipleOf === undefined ? undefined : num(s.multipleOf, 1);
  if (multipleOf !== undefined && !(multipleOf > 0)) throw new Unsupported("multipleOf");
  const minLength = num(s.minLength, 0);
  const maxLength = num(s.maxLength, Infinity);
  // Draft-04 style boolean exclusive bounds are not implemented (num() rejects them).
  const has = (...k: string[]) => k.some((key) => Object.hasOwn(s, key));
  const numberGroup = has("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf");
  const stringGroup = has("minLength", "maxLength", "pattern", "format");
  const arrayGroup = has("items", "minItems", "maxItems");
  const objectGroup = has("properties", "required", "additionalProperties", "propertyNames");
  const single = Array.isArray(s.type) ? (s.type.length === 1 ? s.type[0] : undefined) : s.type;
  const typeDeferred =
    (single === "number" && numberGroup) ||
    (single === "string" && stringGroup) ||
    (single === "array" && arrayGroup) ||
    (single === "object" && objectGroup);
  const check: Check = {
    types,
    enumSet,
    enumStrings: enumSet && new NameTable([...enumSet].filter((v): v is string => typeof v === "string")),
    minLength,
    maxLength,
    patterns,
    byteTests: byteTests.length === patterns.length ? byteTests : undefined,
    format,
    stringChecks:
      enumSet !== undefined || minLength > 0 || maxLength !== Infinity || patterns.length > 0 || format !== undefined,
    minimum: num(s.minimum, -Infinity),
    maximum: num(s.maximum, Infinity),
    exclusiveMinimum: num(s.exclusiveMinimum, -Infinity),
    exclusiveMaximum: num(s.exclusiveMaximum, Infinity),
    multipleOf,
    object: has("properties", "required", "additionalProperties") ? compileObject(s, env) : undefined,
    array: arrayGroup ? compileArray(s, env) : undefined,
    typeText: s.type === undefined ? "" : String(s.type),
    typeDeferred,
    isConst: s.const !== undefined,
    patternSources: typeof s.pattern === "string" ? [s.pattern] : [],
    numberGroup,
    stringGroup,
  };
  return node(false, false, check, anyOf);
}

function compileObject(s: Record<string, unknown>, env: SchemaEnv): ObjectShape {
  const props = (s.properties ?? {}) as Record<string, unknown>;
  if (typeof props !== "object" || Array.isArray(props)) throw new Unsupported("properties");
  const required = (s.required ?? []) as unknown[];
  if (!Array.isArray(required) || required.some((r) => typeof r !== "string")) throw new Unsupported("required");
  const additional =
    s.additionalProperties === undefined
      ? TRIVIAL
      : s.additionalProperties === false
        ? undefined
        : compileNode(s.additionalProperties, env);
  const names = [...new Set([...Object.keys(props), ...(required as string[])])];
  if (names.some((n) => PROTO_NAMES.has(n))) throw new Unsupported("a property named like an Object.prototype member");
  const nodes = names.map((n) => (Object.hasOwn(props, n) ? compileNode(props[n], env) : (additional ?? NEVER)));
  return {
    table: new NameTable(names),
    propCount: Object.keys(props).length,
    nodes,
    required: (required as string[]).map((r) => names.indexOf(r)),
    additional,
  };
}

function compileArray(s: Record<string, unknown>, env: SchemaEnv): ArrayShape {
  if (Array.isArray(s.items)) throw new Unsupported("tuple items");
  return {
    items: s.items === undefined ? TRIVIAL : compileNode(s.items, env),
    minItems: num(s.minItems, 0),
    maxItems: num(s.maxItems, Infinity),
  };
}
