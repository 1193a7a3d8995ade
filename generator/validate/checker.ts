/**
 * The per-line engine. A line goes the cheapest way that gives the exact answer:
 *  1. the byte-level fast path (fast.ts) accepts most conforming lines without decoding
 *     or parsing them;
 *  2. any other line is JSON.parse'd, and its `event` picks the event's line schema:
 *     checked by the built-in evaluator (evaluate.ts) when the schema uses only the
 *     keywords it implements (every bundled one does), else by ajv (validators compiled
 *     on the event's first line, once per process). A violation is explained from the
 *     engine's errors, in ajv's terms either way.
 * `fastPath: false` sends every line through JSON.parse + ajv: the reference the tests
 * compare the other two against.
 *
 * Results accumulate in a `Tally`: plain data (Maps, arrays, numbers) that a worker
 * thread can post back and the caller can merge. Memory is bounded: the detailed list
 * keeps at most `maxFindings` entries, and the maps keyed by values taken from the input
 * (unknown event names, offending fields) keep at most `MAX_DISTINCT` keys each.
 */
import { createRequire } from "node:module";
import type { Ajv, ErrorObject, ValidateFunction } from "ajv";
import { displayType } from "../registry/json-schema-utils.js";
import { allEvents, eventKeyOf, type EventIR, type FieldIR, type RegistryIR } from "../registry/ir.js";
import { variantLabel, variantValuesText } from "../registry/variants.js";
import { LEVEL_VALUES, type Deprecation } from "../registry/meta.js";
import { LOGPACT_KEYWORD, eventLineSchema, variantLineSchema, type Draft } from "../targets/json-schema/line-schema.js";
import { LogpactError } from "../errors.js";
import { didYouMeanSuffix } from "../util/did-you-mean.js";
import { explainErrors, preview, type EventShape } from "./explain.js";
import { evaluate } from "./evaluate.js";
import { FastPath } from "./fast.js";
import { Unsupported, compileNode, type Node, type SchemaEnv } from "./schema-node.js";
import { FINDING_KINDS, type FindingKind, type KindSeverity, type LineStatus } from "./kinds.js";
import { LINE_BAD_UTF8, LINE_NO_NEWLINE, type LineHandler } from "./splitter.js";

// ajv is loaded on first use (it is CommonJS): a run whose events the built-in engine
// covers never pays for importing it (about 0.1 s per thread, plus 0.1 s to compile).
const require = createRequire(import.meta.url);

/** Distinct input-derived keys kept per map (unknown events, offending fields); the rest are counted as "other". */
export const MAX_DISTINCT = 1000;

export interface CheckOptions {
  /** JSON Schema dialect to compile the line schemas with (the config's `jsonSchemaDraft`). */
  readonly draft: Draft;
  readonly severity: Readonly<Record<FindingKind, KindSeverity>>;
  /** Findings kept in the detailed list; every finding is counted regardless. */
  readonly maxFindings: number;
  /** Longer lines are skipped unread and reported as `line-too-long`. */
  readonly maxLineBytes: number;
  /**
   * Accept conforming lines straight from their bytes (see fast.ts); default true.
   * `false` sends every line through JSON.parse + ajv: the same results, slower.
   */
  readonly fastPath?: boolean;
}

/** One reported problem. `line` is 1-based within its input (absent for `unseen`). */
export interface Finding {
  readonly kind: FindingKind;
  readonly severity: "error" | "warning";
  /** Input name as given (`-` is shown as `<stdin>`), or the schema module for `unseen`. */
  readonly file: string;
  readonly line?: number;
  readonly event?: string;
  readonly field?: string;
  readonly message: string;
}

/** Counts and findings for one input (a file, a byte range of one, or stdin). Structured-clone safe. */
export interface Tally {
  source: string;
  lines: number;
  bytes: number;
  /** Lines per status (each line has exactly one). */
  status: Record<LineStatus, number>;
  /** Lines per finding kind (a line may have a status kind plus flags). */
  kinds: Record<FindingKind, number>;
  /** Per event, in `LogChecker.events` order. */
  seen: number[];
  violating: number[];
  unknown: Map<string, number>;
  unknownOther: number;
  /** `event\u0000field` → violating lines naming that field. */
  fields: Map<string, number>;
  fieldsOther: number;
  errors: number;
  warnings: number;
  findings: Finding[];
}

interface Slot {
  readonly index: number;
  readonly event: EventIR;
  /** Compiled on the event's first line: a run pays only for the events it sees. */
  validate: ValidateFunction | undefined;
  detailed: ValidateFunction | undefined;
  readonly schema: object;
  readonly shape: EventShape;
  readonly levelValue: number;
  readonly deprecatedFields: readonly { name: string; deprecation: Deprecation }[];
  /** The compiled line schema when the built-in engine covers the event (then ajv is never used for it). */
  builtin: Node | undefined;
  /** An event with variants: the discriminator and one slot per variant (same index and event), checked instead of this one. */
  readonly variants?: { readonly key: string; readonly byValue: ReadonlyMap<unknown, Slot> };
  /** A variant's slot: how messages name it (`reason "error"`). */
  readonly label?: string;
}

function deprecationText(d: Deprecation): string {
  const parts = [d.since ? ` since ${d.since}` : "", d.reason ? `: ${d.reason}` : "", d.renamed_to ? ` (use "${d.renamed_to}" instead)` : ""];
  return parts.join("");
}

const ANNOTATIONS = new Set(["description", "examples", "title", "deprecated", "default", "$comment", LOGPACT_KEYWORD]);
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);
const SCHEMA_LISTS = new Set(["anyOf", "oneOf", "allOf", "prefixItems"]);
const SCHEMA_SINGLES = new Set(["items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames", "additionalItems", "unevaluatedProperties", "unevaluatedItems"]);

/**
 * The schema ajv compiles for a line: the published line schema minus annotations (no
 * effect on validity), and minus `format` where Zod also wrote the `pattern` it validates
 * with (uuid, ISO date-time): that pattern *is* the contract's semantics, and testing the
 * same string twice (pattern, then ajv-formats) is the most expensive part of a line.
 */
export function validationSchema(node: unknown): unknown {
  if (node === null || typeof node !== "object") return node;
  if (Array.isArray(node)) return node.map(validationSchema);
  const src = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(src)) {
    if (ANNOTATIONS.has(key) || (key === "format" && typeof src.pattern === "string")) continue;
    if (SCHEMA_MAPS.has(key) && value && typeof value === "object") {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, validationSchema(v)]));
    } else if (SCHEMA_LISTS.has(key) || SCHEMA_SINGLES.has(key) || (key === "items" && Array.isArray(value))) {
      out[key] = validationSchema(value);
    } else {
      out[key] = value;
    }
  }
  return out;
}

/**
 * Patterns are compiled without the `u` flag unless they need it (`\p{…}`, `\u{…}`): Zod
 * tests its own patterns (uuid, date-time, …) without it, so this is the contract's exact
 * meaning, and V8 runs non-unicode regexes markedly faster.
 */
function regExp(pattern: string, flags: string): RegExp {
  return new RegExp(pattern, /\\[pPu]\{/.test(pattern) ? flags : flags.replace("u", ""));
}

/**
 * Not `createAjv` from the json-schema target: the fast validators run without messages,
 * and both fast and detailed ones need the Zod-faithful pattern engine above (they must
 * agree on every line, or a failing line would have nothing to explain).
 */
function newAjv(draft: Draft, allErrors: boolean): Ajv {
  const Ctor = (draft === "2020-12" ? (require("ajv/dist/2020.js") as { Ajv2020: typeof Ajv }).Ajv2020 : (require("ajv") as { Ajv: typeof Ajv }).Ajv);
  const addFormats = require("ajv-formats") as (ajv: Ajv) => Ajv;
  // strict: the schemas are ours, so an unknown keyword is a bug to surface, not to ignore.
  const ajv = new Ctor({ strict: true, allErrors, messages: allErrors, code: { regExp: regExp as never } });
  addFormats(ajv);
  ajv.addKeyword(LOGPACT_KEYWORD);
  return ajv;
}

type FormatDefinition = RegExp | ((s: string) => boolean) | true | { type?: string; validate: RegExp | ((s: string) => boolean) };

/** ajv-formats' test for a string format (its "full" mode, as newAjv adds), loaded on first use. */
function stringFormat(name: string): ((value: string) => boolean) | undefined {
  const formats = (require("ajv-formats/dist/formats.js") as { fullFormats: Record<string, FormatDefinition | undefined> }).fullFormats;
  const def = Object.hasOwn(formats, name) ? formats[name] : undefined;
  if (def === undefined) return undefined;
  if (def === true) return () => true;
  if (def instanceof RegExp) return (s) => def.test(s);
  if (typeof def === "function") return def;
  if (def.type !== undefined && def.type !== "string") return undefined;
  const validate = def.validate;
  return validate instanceof RegExp ? (s) => validate.test(s) : validate;
}

/** Compiled validators kept across checkers (a test suite validates many times), by dialect, mode and schema. */
const compiled = new Map<string, ValidateFunction>();
const ajvs = new Map<string, Ajv>();
const MAX_COMPILED = 2048;

/** The validator for `schema`: compiled once per process, however many checkers ask. */
function validatorFor(draft: Draft, allErrors: boolean, schema: object): ValidateFunction {
  const key = `${draft}\u0000${allErrors}\u0000${JSON.stringify(schema)}`;
  let fn = compiled.get(key);
  if (fn === undefined) {
    if (compiled.size >= MAX_COMPILED) {
      // A long-lived process checking ever-new registries: start over rather than grow.
      compiled.clear();
      ajvs.clear();
    }
    const which = `${draft}\u0000${allErrors}`;
    let ajv = ajvs.get(which);
    if (ajv === undefined) ajvs.set(which, (ajv = newAjv(draft, allErrors)));
    fn = ajv.compile(schema);
    compiled.set(key, fn);
  }
  return fn;
}

function errorMessage(e: unknown): string {
  if (e instanceof RangeError) return "nested too deeply to parse";
  const text = e instanceof Error ? e.message : String(e);
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}

/**
 * Passed as ajv's data context: without it every call allocates the default context
 * objects (measurable at a million lines). Nothing in a line schema writes to it.
 */
const ROOT_CONTEXT = Object.freeze({ instancePath: "", dynamicAnchors: Object.freeze({}) }) as unknown as Parameters<ValidateFunction>[1];

export class LogChecker {
  /** Registered events, in IR order (the index of `Tally.seen`). */
  readonly events: readonly EventIR[];
  private readonly slots = new Map<string, Slot>();
  private readonly names: readonly string[];
  private readonly checkLevel: boolean;
  /** The property naming a line's event (`event`, or the config's `eventKey`). */
  private readonly key: string;
  /** The byte-level fast path, when enabled and at least one event has one. */
  readonly fast: FastPath | undefined;

  /** Events the built-in engine checks (the others go to ajv). */
  get builtinEvents(): number {
    let n = 0;
    for (const slot of this.slots.values()) if (slot.builtin !== undefined) n++;
    return n;
  }

  constructor(
    readonly ir: RegistryIR,
    readonly options: CheckOptions,
  ) {
    this.events = allEvents(ir);
    this.key = eventKeyOf(ir);
    this.names = this.events.map((e) => e.name);
    this.checkLevel = ir.envelope.some((f) => f.name === "level" && f.origin === "pino");
    const envelopeDisplay = ir.envelope.map((f) => [f.name, displayType(f.schema)] as const);
    const slotOf = (index: number, event: EventIR, schema: object, fields: readonly FieldIR[], extra: Pick<Slot, "variants" | "label">): Slot => ({
      index,
      event,
      schema,
      validate: undefined,
      detailed: undefined,
      shape: { name: event.name, display: new Map([...envelopeDisplay, [this.key, JSON.stringify(event.name)], ...fields.map((f) => [f.name, f.display] as const)]) },
      levelValue: LEVEL_VALUES[event.level],
      deprecatedFields: fields.flatMap((f) => (f.deprecation ? [{ name: f.name, deprecation: f.deprecation }] : [])),
      builtin: undefined,
      ...extra,
    });
    this.events.forEach((event, index) => {
      const schema = validationSchema(eventLineSchema(ir, event)) as object;
      // An event with variants: its discriminator picks the variant's strict schema, which
      // gives the published `oneOf`'s verdict and errors that name the variant.
      const variants = event.variants && {
        key: event.discriminator!,
        byValue: new Map(event.variants.map((v) => [v.value, slotOf(index, event, validationSchema(variantLineSchema(ir, event, v)) as object, v.fields, { label: variantLabel(event, v) })])),
      };
      this.slots.set(event.name, slotOf(index, event, schema, event.fields, variants ? { variants } : {}));
    });
    if (options.fastPath !== false) {
      const env: SchemaEnv = { regExp: (source) => regExp(source, "u"), format: stringFormat };
      // Compiled once per event, for both the byte-level fast path and the evaluator.
      const lines = new Map<string, Node | string>();
      for (const slot of this.slots.values()) {
        if (slot.variants) {
          // The byte-level fast path needs one plain object schema per event; the exact path
          // checks each line against the variant its discriminator selects.
          for (const sub of slot.variants.byValue.values()) {
            try {
              sub.builtin = compileNode(sub.schema, env);
            } catch (e) {
              if (!(e instanceof Unsupported)) throw e;
            }
          }
          lines.set(slot.event.name, "the event has variants (checked on the exact path)");
          continue;
        }
        try {
          lines.set(slot.event.name, (slot.builtin = compileNode(slot.schema, env)));
        } catch (e) {
          // A keyword not compiled here (Unsupported), or a schema that does not compile at
          // all (a bad pattern): the event is left to ajv, which reports the latter as LP_VALIDATE_SCHEMA.
          lines.set(slot.event.name, e instanceof Unsupported ? e.message : `does not compile: ${(e as Error).message}`);
        }
      }
      const fast = new FastPath(
        this.names,
        this.events.map((event) => {
          const slot = this.slots.get(event.name)!;
          return {
            schema: slot.schema,
            line: lines.get(event.name)!,
            levelValue: this.checkLevel && !event.levelDefaulted ? slot.levelValue : undefined,
            levelName: event.level,
            deprecated: event.deprecation !== undefined,
            deprecatedFields: slot.deprecatedFields.map((f) => f.name),
          };
        }),
        this.key,
      );
      this.fast = fast.stats.events > 0 ? fast : undefined;
    }
  }

  /** An empty tally for one input. */
  tally(source: string): Tally {
    const zeroKinds = Object.fromEntries(FINDING_KINDS.map((k) => [k, 0])) as Record<FindingKind, number>;
    return {
      source,
      lines: 0,
      bytes: 0,
      status: { valid: 0, violation: 0, "unknown-event": 0, untyped: 0, "not-object": 0, malformed: 0, "line-too-long": 0, blank: 0 },
      kinds: zeroKinds,
      seen: this.events.map(() => 0),
      violating: this.events.map(() => 0),
      unknown: new Map(),
      unknownOther: 0,
      fields: new Map(),
      fieldsOther: 0,
      errors: 0,
      warnings: 0,
      findings: [],
    };
  }

  /**
   * The splitter callbacks that check into `t`. Instances of two classes, not closures:
   * the callbacks are then the same functions for every tally, so a thread's optimized
   * splitter loop stays valid from one range to the next (per-tally closures made V8
   * deoptimize it, "wrong call target" / "wrong map", several times per run and thread).
   */
  handler(t: Tally): LineHandler {
    return this.fast ? new FastTallyHandler(this, t, this.fast, this.options.maxLineBytes) : new TallyHandler(this, t);
  }

  /** Counts a line over the cap. It is never decoded, so it has no UTF-8 verdict. */
  tooLong(t: Tally, lineNo: number, bytes: number): void {
    t.status["line-too-long"]++;
    this.record(t, "line-too-long", lineNo, undefined, undefined, () => `line is ${bytes} bytes, over the ${this.options.maxLineBytes}-byte limit; skipped unread (raise --max-line-bytes to check it)`);
  }

  /** Checks one line. Never throws, whatever the text. */
  line(t: Tally, text: string, lineNo: number, flags: number): void {
    if (flags !== 0 && flags & LINE_BAD_UTF8) {
      this.record(t, "invalid-utf8", lineNo, undefined, undefined, () => "the line is not valid UTF-8 (bad bytes were read as U+FFFD)");
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      if (text.trim() === "") {
        t.status.blank++;
        return;
      }
      t.status.malformed++;
      const truncated = flags & LINE_NO_NEWLINE ? " (the last line has no final newline: a truncated write?)" : "";
      this.record(t, "malformed", lineNo, undefined, undefined, () => `not JSON: ${errorMessage(e)}${truncated}`);
      return;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      t.status["not-object"]++;
      this.record(t, "not-object", lineNo, undefined, undefined, () => `a JSON ${value === null ? "null" : Array.isArray(value) ? "array" : typeof value}, not an object`);
      return;
    }
    const obj = value as Record<string, unknown>;
    const ev = obj[this.key];
    if (typeof ev !== "string") {
      t.status.untyped++;
      this.record(t, "untyped", lineNo, undefined, undefined, () => (ev === undefined ? `no "${this.key}" field: an untyped log line${typeof obj.msg === "string" ? ` (msg ${preview(obj.msg)})` : ""}` : `"${this.key}" is ${describe(ev)}, not a string`));
      return;
    }
    const top = this.slots.get(ev);
    if (top === undefined) {
      this.unknownEvent(t, ev, lineNo);
      return;
    }
    t.seen[top.index]!++;
    const slot = top.variants === undefined ? top : top.variants.byValue.get(obj[top.variants.key]);
    if (slot === undefined) {
      this.noVariant(t, top, obj, lineNo);
      this.deprecations(t, top, obj, lineNo);
      return;
    }
    // Compiled outside the try: a schema ajv rejects is the user's to fix (LP_VALIDATE_SCHEMA, exit 2).
    const validate = slot.builtin === undefined ? (slot.validate ?? this.compile(slot)) : undefined;
    let ok: boolean;
    try {
      ok = validate === undefined ? evaluate(slot.builtin!, obj, "", undefined) : (validate(obj, ROOT_CONTEXT) as boolean);
    } catch {
      ok = false; // a pathological value (stack overflow inside a recursive schema): a violation, not a crash
    }
    if (ok) t.status.valid++;
    else this.violation(t, slot, obj, lineNo);
    // On a conforming line only: a violating one is already reported, `level` included.
    if (ok && this.checkLevel) {
      const level = obj.level;
      if (!slot.event.levelDefaulted && level !== slot.levelValue && level !== slot.event.level) {
        this.record(t, "level-mismatch", lineNo, ev, "level", () => `${ev} is declared at level ${slot.event.level} (${slot.levelValue}) but was logged at ${levelText(level)}`);
      }
    }
    this.deprecations(t, slot, obj, lineNo);
  }

  private deprecations(t: Tally, slot: Slot, obj: Record<string, unknown>, lineNo: number): void {
    const ev = slot.event.name;
    if (slot.event.deprecation !== undefined) {
      const d = slot.event.deprecation;
      this.record(t, "deprecated", lineNo, ev, undefined, () => `event ${ev} is deprecated${deprecationText(d)}`);
    }
    for (const f of slot.deprecatedFields) {
      if (obj[f.name] !== undefined) this.record(t, "deprecated", lineNo, ev, f.name, () => `field "${f.name}" of ${ev} is deprecated${deprecationText(f.deprecation)}`);
    }
  }

  /** A line of an event with variants whose discriminator selects none of them. */
  private noVariant(t: Tally, top: Slot, obj: Record<string, unknown>, lineNo: number): void {
    const key = top.variants!.key;
    t.status.violation++;
    t.violating[top.index]!++;
    this.countField(t, top.event.name, key);
    const value = obj[key];
    const got = value === undefined ? "it is missing" : `got ${preview(value)}`;
    this.record(t, "violation", lineNo, top.event.name, key, () => `${top.event.name}: field "${key}" must be ${variantValuesText(top.event)} (it selects the variant), ${got}`);
  }

  private countField(t: Tally, event: string, field: string): void {
    const key = `${event}\u0000${field}`;
    const n = t.fields.get(key);
    if (n !== undefined) t.fields.set(key, n + 1);
    else if (t.fields.size < MAX_DISTINCT) t.fields.set(key, 1);
    else t.fieldsOther++;
  }

  /** The ajv validator for lines of `slot`'s event (events the built-in engine does not cover). */
  private compile(slot: Slot): ValidateFunction {
    try {
      return (slot.validate = validatorFor(this.options.draft, false, slot.schema));
    } catch (e) {
      throw new LogpactError(
        `${slot.event.name}: error LP_VALIDATE_SCHEMA\n  the event's line schema does not compile with ajv: ${(e as Error).message}\n  fix: run \`logpact gen\` to see the registry's own diagnostics for this event, and simplify the field's Zod schema`,
      );
    }
  }

  private detailedValidator(slot: Slot): ValidateFunction {
    return (slot.detailed ??= validatorFor(this.options.draft, true, slot.schema));
  }

  /** Compiles every event's validator now (a schema that ajv rejects surfaces here, not mid-run). */
  compileAll(): void {
    for (const slot of this.slots.values()) {
      if (slot.variants) for (const sub of slot.variants.byValue.values()) sub.validate ??= this.compile(sub);
      else slot.validate ??= this.compile(slot);
    }
  }

  private unknownEvent(t: Tally, ev: string, lineNo: number): void {
    t.status["unknown-event"]++;
    const n = t.unknown.get(ev);
    if (n !== undefined) t.unknown.set(ev, n + 1);
    else if (t.unknown.size < MAX_DISTINCT) t.unknown.set(ev, 1);
    else t.unknownOther++;
    this.record(t, "unknown-event", lineNo, ev, undefined, () => `event ${JSON.stringify(ev.length > 80 ? `${ev.slice(0, 80)}…` : ev)} is not in the registry.${this.suggestion(ev)}`);
  }

  /** Unknown names and their " Did you mean …?" suffix: a log repeats the same few, and the edit distances to every registered name are worked out once per name. */
  private readonly suggestions = new Map<string, string>();

  private suggestion(ev: string): string {
    let s = this.suggestions.get(ev);
    if (s === undefined) {
      s = didYouMeanSuffix(ev, this.names);
      if (this.suggestions.size < MAX_DISTINCT) this.suggestions.set(ev, s);
    }
    return s;
  }

  private violation(t: Tally, slot: Slot, obj: Record<string, unknown>, lineNo: number): void {
    t.status.violation++;
    t.violating[slot.index]!++;
    let errors: readonly ErrorObject[] = [];
    try {
      if (slot.builtin !== undefined) {
        const found: ErrorObject[] = [];
        evaluate(slot.builtin, obj, "", found);
        errors = found;
      } else {
        const detailed = this.detailedValidator(slot);
        detailed(obj);
        errors = detailed.errors ?? [];
      }
    } catch {
      errors = [];
    }
    const { message, fields } = errors.length ? explainErrors(slot.shape, errors, obj) : { message: "the line does not match its schema (the validator gave up on a pathological value)", fields: [] };
    for (const field of fields) this.countField(t, slot.event.name, field);
    const name = slot.label === undefined ? slot.event.name : `${slot.event.name} (${slot.label})`;
    this.record(t, "violation", lineNo, slot.event.name, fields[0], () => `${name}: ${message}`);
  }

  /** Counts a finding; lists it (building its message only then) while the list has room. */
  private record(t: Tally, kind: FindingKind, line: number, event: string | undefined, field: string | undefined, message: () => string): void {
    t.kinds[kind]++;
    const severity = this.options.severity[kind];
    if (severity === "off") return;
    if (severity === "error") t.errors++;
    else t.warnings++;
    if (t.findings.length >= this.options.maxFindings) return;
    t.findings.push({
      kind,
      severity: severity === "error" ? "error" : "warning",
      file: t.source,
      line,
      ...(event !== undefined ? { event } : {}),
      ...(field !== undefined ? { field } : {}),
      message: message(),
    });
  }
}

/** Every line decoded and checked on the exact path (no fast path). */
class TallyHandler implements LineHandler {
  constructor(
    protected readonly checker: LogChecker,
    protected readonly t: Tally,
  ) {}

  line(text: string, lineNo: number, flags: number): void {
    this.checker.line(this.t, text, lineNo, flags);
  }

  tooLong(lineNo: number, bytes: number): void {
    this.checker.tooLong(this.t, lineNo, bytes);
  }
}

/** Each line offered to the byte-level fast path first; what it cannot accept is decoded and checked. */
class FastTallyHandler extends TallyHandler {
  constructor(
    checker: LogChecker,
    t: Tally,
    private readonly fast: FastPath,
    private readonly cap: number,
  ) {
    super(checker, t);
  }

  bytes(b: Uint8Array, start: number, limit: number): number {
    const end = this.fast.acceptLine(b, start, limit);
    if (end < 0 || end - start > this.cap) return -1;
    const t = this.t;
    t.seen[this.fast.event]!++;
    t.status.valid++;
    return end;
  }
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v === "object" ? "an object" : `a ${typeof v} (${String(v).slice(0, 40)})`;
}

function levelText(level: unknown): string {
  if (typeof level === "number") {
    const label = Object.entries(LEVEL_VALUES).find(([, v]) => v === level)?.[0];
    return label ? `${label} (${level})` : `level ${level}`;
  }
  return typeof level === "string" ? level : preview(level);
}

