/**
 * What a JSON Schema fragment accepts, value by value: the one definition of the value
 * semantics every logpact reader of field types follows (ajv's, as `logpact validate`
 * configures it). The generator imports it (`field-schema.ts`); the emitters target copies
 * the part below the marker, as text, into the generated `logpact-runtime.ts` (which
 * must stay dependency-free), so the generated validators and the generator cannot drift.
 *
 * Hence the rules for this file: no imports; below the marker only declarations that
 * compile under the strictest consumer settings (test/emitters/helpers.ts STRICTEST);
 * every function there reachable from `firstFailure` (the runtime keeps them unexported,
 * and `noUnusedLocals` is on); exported types stay exported in the runtime.
 */
// --- logpact-runtime: value rules from here ---

/** @internal A JSON Schema fragment, reduced to the keywords that constrain values. */
export type Schema = boolean | SchemaObject;

/** @internal The JSON Schema keywords the value rules check (2020-12, and draft-07 tuples). */
export interface SchemaObject {
  readonly type?: string | readonly string[];
  readonly const?: unknown;
  readonly enum?: readonly unknown[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly multipleOf?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly format?: string;
  readonly items?: Schema | readonly Schema[];
  readonly prefixItems?: readonly Schema[];
  readonly additionalItems?: Schema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
  readonly contains?: Schema;
  readonly minContains?: number;
  readonly maxContains?: number;
  readonly properties?: { readonly [key: string]: Schema };
  readonly required?: readonly string[];
  readonly additionalProperties?: Schema;
  readonly patternProperties?: { readonly [pattern: string]: Schema };
  readonly propertyNames?: Schema;
  readonly minProperties?: number;
  readonly maxProperties?: number;
  readonly dependentRequired?: { readonly [key: string]: readonly string[] };
  readonly anyOf?: readonly Schema[];
  readonly oneOf?: readonly Schema[];
  readonly allOf?: readonly Schema[];
  readonly not?: Schema;
}

/**
 * @internal The first way a value breaks a schema, in a fixed keyword order: `keyword` names
 * the rule (`false` for the false schema), `schema` the schema object carrying it.
 */
export interface Failure {
  readonly keyword: string;
  /** Where: the start path, then `.key` and `[index]` below it. */
  readonly path: string;
  readonly value: unknown;
  readonly schema: SchemaObject | false;
  /** For `type`: the types any would have done (merged over `anyOf`/`oneOf` branches). */
  readonly expected?: readonly string[];
  /** `oneOf`: branches matched; `contains`/`maxContains`: the limit; `uniqueItems`: the first equal pair; `dependentRequired`: the key that needs it. */
  readonly detail?: number | string | readonly number[];
  /** `propertyNames`: how the key breaks the names' schema. */
  readonly cause?: Failure;
}

const hasOwnKey = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

function isPlainObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** JSON Schema's `type`: a number is finite (ajv's strictNumbers); an object with `toJSON()` is not serialised as one. */
export function isJsonType(type: string, value: unknown): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "boolean":
      return typeof value === "boolean";
    case "null":
      return value === null;
    case "object":
      return isPlainObject(value) && typeof (value as { toJSON?: unknown }).toJSON !== "function";
    case "array":
      return Array.isArray(value);
    default:
      return true;
  }
}

/**
 * `multipleOf` as ajv decides it: the quotient is an integer *as parseInt reads its decimal
 * text*, so a quotient of 1e21 or more (written with an exponent) is not (5e20 / 0.5).
 */
export function isMultipleOf(value: number, divisor: number): boolean {
  const q = value / divisor;
  return q === Number.parseInt(String(q));
}

/** `minLength`/`maxLength` count code points: a surrogate pair is one character (ajv's ucs2length). */
export function codePointLength(text: string): number {
  const n = text.length;
  let length = 0;
  let i = 0;
  while (i < n) {
    length++;
    const c = text.charCodeAt(i++);
    if (c >= 0xd800 && c <= 0xdbff && i < n && (text.charCodeAt(i) & 0xfc00) === 0xdc00) i++;
  }
  return length;
}

/** Deep equality of JSON values (`const`, `enum`, `uniqueItems`): key order does not matter, -0 equals 0. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  const ka = Object.keys(a);
  return (
    ka.length === Object.keys(b).length &&
    ka.every(
      (k) =>
        hasOwnKey(b, k) &&
        jsonEqual((a as { readonly [k: string]: unknown })[k], (b as { readonly [k: string]: unknown })[k]),
    )
  );
}

/**
 * The flags a `pattern` is compiled with: `u` only when it needs it (`\p{…}`, `\u{…}`),
 * as Zod tests its own patterns and `logpact validate` compiles them.
 */
export function patternFlags(source: string): string {
  return /\\[pPu]\{/.test(source) ? "u" : "";
}

const patternCache = new Map<string, RegExp>();
function patternTest(source: string, text: string): boolean {
  let re = patternCache.get(source);
  if (re === undefined) patternCache.set(source, (re = new RegExp(source, patternFlags(source))));
  return re.test(text);
}

// String formats, exactly as ajv-formats 3 "full" mode tests them (MIT, github.com/ajv-validator/ajv-formats).
const DATE = /^(\d\d\d\d)-(\d\d)-(\d\d)$/;
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const TIME = /^(\d\d):(\d\d):(\d\d(?:\.\d+)?)(z|([+-])(\d\d)(?::?(\d\d))?)?$/i;
const URI =
  /^(?:[a-z][a-z0-9+\-.]*:)(?:\/?\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:]|%[0-9a-f]{2})*@)?(?:\[(?:(?:(?:(?:[0-9a-f]{1,4}:){6}|::(?:[0-9a-f]{1,4}:){5}|(?:[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){4}|(?:(?:[0-9a-f]{1,4}:){0,1}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){3}|(?:(?:[0-9a-f]{1,4}:){0,2}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){2}|(?:(?:[0-9a-f]{1,4}:){0,3}[0-9a-f]{1,4})?::[0-9a-f]{1,4}:|(?:(?:[0-9a-f]{1,4}:){0,4}[0-9a-f]{1,4})?::)(?:[0-9a-f]{1,4}:[0-9a-f]{1,4}|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?))|(?:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4})?::[0-9a-f]{1,4}|(?:(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4})?::)|[Vv][0-9a-f]+\.[a-z0-9\-._~!$&'()*+,;=:]+)\]|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?)|(?:[a-z0-9\-._~!$&'()*+,;=]|%[0-9a-f]{2})*)(?::\d*)?(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*|\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)?|(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)(?:\?(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?(?:#(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?$/i;
const IPV4 = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const IPV4_FORMAT = new RegExp(`^(?:${IPV4}\\.){3}${IPV4}$`);
/** ajv-formats' ipv6 expression, built from its parts (the same source text, shorter to ship). */
const IPV6_FORMAT = ((): RegExp => {
  const h16 = "[0-9a-f]{1,4}";
  const v4 = `(${IPV4}(\\.${IPV4}){3})`;
  const forms = [
    `(${h16}:){7}(${h16}|:)`,
    `(${h16}:){6}(:${h16}|${v4}|:)`,
    `(${h16}:){5}(((:${h16}){1,2})|:${v4}|:)`,
    `(${h16}:){4}(((:${h16}){1,3})|((:${h16})?:${v4})|:)`,
    `(${h16}:){3}(((:${h16}){1,4})|((:${h16}){0,2}:${v4})|:)`,
    `(${h16}:){2}(((:${h16}){1,5})|((:${h16}){0,3}:${v4})|:)`,
    `(${h16}:){1}(((:${h16}){1,6})|((:${h16}){0,4}:${v4})|:)`,
    `:(((:${h16}){1,7})|((:${h16}){0,5}:${v4})|:)`,
  ];
  return new RegExp(`^(${forms.map((f) => `(${f})`).join("|")})$`, "i");
})();

function isDate(text: string): boolean {
  const m = DATE.exec(text);
  if (m === null) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month >= 1 && month <= 12 && day >= 1 && day <= (month === 2 && leap ? 29 : (DAYS[month] ?? 0));
}

function isTime(text: string): boolean {
  const m = TIME.exec(text);
  if (m === null || m[4] === undefined) return false;
  const hr = Number(m[1]);
  const min = Number(m[2]);
  const sec = Number(m[3]);
  const sign = m[5] === "-" ? -1 : 1;
  const tzH = Number(m[6] ?? 0);
  const tzM = Number(m[7] ?? 0);
  if (tzH > 23 || tzM > 59) return false;
  if (hr <= 23 && min <= 59 && sec < 60) return true;
  // A leap second: 23:59:60 in UTC.
  const utcMin = min - tzM * sign;
  const utcHr = hr - tzH * sign - (utcMin < 0 ? 1 : 0);
  return (utcHr === 23 || utcHr === -1) && (utcMin === 59 || utcMin === -1) && sec < 61;
}

/** Tests per format name; a format not listed here is not asserted (an annotation, as 2020-12 defaults to). */
const FORMAT_TESTS: { readonly [format: string]: (text: string) => boolean } = {
  date: isDate,
  time: isTime,
  "date-time": (text) => {
    const parts = text.split(/t|\s/i);
    return parts.length === 2 && isDate(parts[0] ?? "") && isTime(parts[1] ?? "");
  },
  duration: (text) => /^P(?!$)((\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?|(\d+W)?)$/.test(text),
  uri: (text) => /\/|:/.test(text) && URI.test(text),
  "uri-template": (text) =>
    /^(?:(?:[^\x00-\x20"'<>%\\^`{|}]|%[0-9a-f]{2})|\{[+#./;?&=,!@|]?(?:[a-z0-9_]|%[0-9a-f]{2})+(?::[1-9][0-9]{0,3}|\*)?(?:,(?:[a-z0-9_]|%[0-9a-f]{2})+(?::[1-9][0-9]{0,3}|\*)?)*\})*$/i.test(
      text,
    ),
  email: (text) =>
    /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i.test(
      text,
    ),
  hostname: (text) =>
    /^(?=.{1,253}\.?$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[-0-9a-z]{0,61}[0-9a-z])?)*\.?$/i.test(text),
  ipv4: (text) => IPV4_FORMAT.test(text),
  ipv6: (text) => IPV6_FORMAT.test(text),
  regex: (text) => {
    if (/[^\\]\\Z/.test(text)) return false;
    try {
      new RegExp(text);
      return true;
    } catch {
      return false;
    }
  },
  uuid: (text) => /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(text),
  "json-pointer": (text) => /^(?:\/(?:[^~/]|~0|~1)*)*$/.test(text),
  "relative-json-pointer": (text) => /^(?:0|[1-9][0-9]*)(?:#|(?:\/(?:[^~/]|~0|~1)*)*)$/.test(text),
};

/** The test of a format the rules assert, or undefined (then the format is an annotation). */
export function assertedFormat(format: string): ((text: string) => boolean) | undefined {
  return hasOwnKey(FORMAT_TESTS, format) ? FORMAT_TESTS[format] : undefined;
}

/** Whether `text` is a valid `format` (true for a format no rule asserts). */
export function formatAccepts(format: string, text: string): boolean {
  const test = assertedFormat(format);
  return test === undefined || test(text);
}

function fail(keyword: string, path: string, value: unknown, schema: SchemaObject | false): Failure {
  return { keyword, path, value, schema };
}

/**
 * The first way `value` breaks `schema`, or undefined when it conforms. Order: type,
 * const, enum, the keywords of the value's kind, allOf, anyOf, oneOf, not.
 */
export function firstFailure(schema: Schema, value: unknown, path: string): Failure | undefined {
  if (schema === true) return undefined;
  if (schema === false) return fail("false", path, value, false);
  const s = schema;
  if (s.type !== undefined) {
    const types: readonly string[] = typeof s.type === "string" ? [s.type] : s.type;
    if (!types.some((t) => isJsonType(t, value))) return { ...fail("type", path, value, s), expected: types };
  }
  if (s.const !== undefined && !jsonEqual(s.const, value)) return fail("const", path, value, s);
  if (s.enum !== undefined && !s.enum.some((e) => jsonEqual(e, value))) return fail("enum", path, value, s);
  let problem: Failure | undefined;
  if (typeof value === "number") problem = numberFailure(s, value, path);
  else if (typeof value === "string") problem = stringFailure(s, value, path);
  else if (Array.isArray(value)) problem = arrayFailure(s, value, path);
  else if (isPlainObject(value)) problem = objectFailure(s, value as { readonly [key: string]: unknown }, path);
  if (problem !== undefined) return problem;
  for (const branch of s.allOf ?? []) {
    problem = firstFailure(branch, value, path);
    if (problem !== undefined) return problem;
  }
  if (s.anyOf !== undefined) {
    problem = anyOfFailure(s.anyOf, value, path);
    if (problem !== undefined) return problem;
  }
  if (s.oneOf !== undefined) {
    const matches = s.oneOf.filter((b) => firstFailure(b, value, path) === undefined).length;
    if (matches === 0) return anyOfFailure(s.oneOf, value, path);
    if (matches > 1) return { ...fail("oneOf", path, value, s), detail: matches };
  }
  if (s.not !== undefined && firstFailure(s.not, value, path) === undefined) return fail("not", path, value, s);
  return undefined;
}

/** No branch matches: the types any branch wanted when every branch failed on type alone, else a branch's own failure. */
function anyOfFailure(branches: readonly Schema[], value: unknown, path: string): Failure | undefined {
  const failures: Failure[] = [];
  for (const branch of branches) {
    const f = firstFailure(branch, value, path);
    if (f === undefined) return undefined;
    failures.push(f);
  }
  const specific = failures.find((f) => f.expected === undefined || f.path !== path);
  if (specific !== undefined) return specific;
  const expected = [...new Set(failures.flatMap((f) => f.expected ?? []))];
  const first = failures[0];
  return expected.length && first !== undefined ? { ...first, expected } : first;
}

function numberFailure(s: SchemaObject, value: number, path: string): Failure | undefined {
  if (s.minimum !== undefined && value < s.minimum) return fail("minimum", path, value, s);
  if (s.maximum !== undefined && value > s.maximum) return fail("maximum", path, value, s);
  if (s.exclusiveMinimum !== undefined && value <= s.exclusiveMinimum) return fail("exclusiveMinimum", path, value, s);
  if (s.exclusiveMaximum !== undefined && value >= s.exclusiveMaximum) return fail("exclusiveMaximum", path, value, s);
  if (s.multipleOf !== undefined && !isMultipleOf(value, s.multipleOf)) return fail("multipleOf", path, value, s);
  return undefined;
}

function stringFailure(s: SchemaObject, value: string, path: string): Failure | undefined {
  if (s.minLength !== undefined || s.maxLength !== undefined) {
    const length = codePointLength(value);
    if (s.minLength !== undefined && length < s.minLength) return fail("minLength", path, value, s);
    if (s.maxLength !== undefined && length > s.maxLength) return fail("maxLength", path, value, s);
  }
  if (s.pattern !== undefined && !patternTest(s.pattern, value)) return fail("pattern", path, value, s);
  if (s.format !== undefined && !formatAccepts(s.format, value)) return fail("format", path, value, s);
  return undefined;
}

function arrayFailure(s: SchemaObject, value: readonly unknown[], path: string): Failure | undefined {
  if (s.minItems !== undefined && value.length < s.minItems) return fail("minItems", path, value, s);
  if (s.maxItems !== undefined && value.length > s.maxItems) return fail("maxItems", path, value, s);
  // 2020-12: prefixItems + items for the rest; draft-07: items as an array + additionalItems.
  const tuple = Array.isArray(s.items);
  const prefix = (s.prefixItems ?? (tuple ? s.items : undefined) ?? []) as readonly Schema[];
  const rest = (tuple ? s.additionalItems : s.items) as Schema | undefined;
  for (let i = 0; i < value.length; i++) {
    const itemSchema = i < prefix.length ? prefix[i] : rest;
    if (itemSchema === undefined) continue;
    const problem = firstFailure(itemSchema, value[i], `${path}[${i}]`);
    if (problem !== undefined) return problem;
  }
  if (s.uniqueItems === true) {
    for (let i = 0; i < value.length; i++) {
      for (let j = i + 1; j < value.length; j++) {
        if (jsonEqual(value[i], value[j])) return { ...fail("uniqueItems", path, value, s), detail: [i, j] };
      }
    }
  }
  if (s.contains !== undefined) {
    const contains = s.contains;
    const count = value.filter((item) => firstFailure(contains, item, path) === undefined).length;
    const min = s.minContains ?? 1;
    if (count < min) return { ...fail("contains", path, value, s), detail: min };
    if (s.maxContains !== undefined && count > s.maxContains) return fail("maxContains", path, value, s);
  }
  return undefined;
}

function objectFailure(s: SchemaObject, value: { readonly [key: string]: unknown }, path: string): Failure | undefined {
  const keys = Object.keys(value).filter((k) => value[k] !== undefined);
  if (s.minProperties !== undefined && keys.length < s.minProperties) return fail("minProperties", path, value, s);
  if (s.maxProperties !== undefined && keys.length > s.maxProperties) return fail("maxProperties", path, value, s);
  for (const name of s.required ?? []) {
    if (!keys.includes(name)) return fail("required", `${path}.${name}`, undefined, s);
  }
  const dependent = s.dependentRequired ?? {};
  for (const name of Object.keys(dependent)) {
    if (!keys.includes(name)) continue;
    for (const other of dependent[name] ?? []) {
      if (!keys.includes(other))
        return { ...fail("dependentRequired", `${path}.${other}`, undefined, s), detail: name };
    }
  }
  const properties = s.properties ?? {};
  const patterns = s.patternProperties ?? {};
  for (const key of keys) {
    const at = `${path}.${key}`;
    if (s.propertyNames !== undefined) {
      const cause = firstFailure(s.propertyNames, key, at);
      if (cause !== undefined) return { ...fail("propertyNames", at, key, s), cause };
    }
    let known = false;
    const property = hasOwnKey(properties, key) ? properties[key] : undefined;
    if (property !== undefined) {
      known = true;
      const problem = firstFailure(property, value[key], at);
      if (problem !== undefined) return problem;
    }
    for (const pattern of Object.keys(patterns)) {
      const patternSchema = patterns[pattern];
      if (patternSchema === undefined || !patternTest(pattern, key)) continue;
      known = true;
      const problem = firstFailure(patternSchema, value[key], at);
      if (problem !== undefined) return problem;
    }
    if (!known && s.additionalProperties !== undefined) {
      if (s.additionalProperties === false) return fail("additionalProperties", at, undefined, s);
      const problem = firstFailure(s.additionalProperties, value[key], at);
      if (problem !== undefined) return problem;
    }
  }
  return undefined;
}
