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
import {
  ANNOTATION_KEYWORDS,
  assertedFormat,
  displayType,
  patternFlags,
  rewriteSchema,
} from "../registry/field-schema.js";
import { allEvents, eventKeyOf, type EventIR, type FieldIR, type RegistryIR } from "../registry/ir.js";
import { variantLabel, variantValuesText } from "../registry/variants.js";
import { LEVEL_VALUES, type Deprecation } from "../registry/meta.js";
import {
  expectedLevel,
  loggerProfile,
  redactSegments,
  redactedPatterns,
  type LoggerProfileIR,
} from "../registry/logger-profile.js";
import { LOGPACT_KEYWORD, eventLineSchema, variantLineSchema, type Draft } from "../registry/line-schema.js";
import { LogpactError } from "../errors.js";
import { didYouMeanSuffix } from "../util/did-you-mean.js";
import { explainErrors, masked, preview, type EventShape, type Explanation } from "./explain.js";
import { evaluate } from "./evaluate.js";
import { FastPath } from "./fast.js";
import { Unsupported, compileNode, type Node, type SchemaEnv } from "./schema-node.js";
import { linearRegExp } from "./linear-regexp.js";
import { FINDING_KINDS, type FindingKind, type KindSeverity, type LineStatus } from "./kinds.js";
import { LINE_BAD_UTF8, LINE_NO_NEWLINE, type LineHandler } from "./splitter.js";

// ajv is loaded on first use (it is CommonJS): a run whose events the built-in engine
// covers never pays for importing it (about 0.1 s per thread, plus 0.1 s to compile).
const require = createRequire(import.meta.url);

/** Distinct input-derived keys kept per map (unknown events, offending fields, finding groups); the rest are counted as "other". */
export const MAX_DISTINCT = 1000;

/** Example lines kept per group of identical findings, by default (`--max-examples`). */
export const DEFAULT_MAX_EXAMPLES = 5;

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
  /** Example lines (line number and value) kept per group of identical findings; default 5. */
  readonly maxExamples?: number;
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

/** One place a grouped finding occurred: where, and what the line had (never a redacted value). */
export interface FindingExample {
  readonly file: string;
  readonly line?: number;
  readonly got?: string;
}

/** Identical findings (same kind, event, field and expectation), counted, with their first few examples. */
export interface FindingGroup {
  readonly kind: FindingKind;
  readonly severity: "error" | "warning";
  readonly event?: string;
  readonly field?: string;
  /** What was expected, without the values lines had: `field "attempt" must be integer ≥ 1`. */
  readonly expected: string;
  /** The first occurrence's full message (values masked as everywhere). */
  readonly message: string;
  count: number;
  readonly examples: FindingExample[];
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
  /** Listed findings grouped (key: kind, event, field, expectation), in first-occurrence order; at most MAX_DISTINCT groups. */
  groups: Map<string, FindingGroup>;
  /** Findings past the MAX_DISTINCT-th group (counted, not grouped). */
  groupsOther: number;
  /** Per field name an event did not declare: lines carrying it and the JSON type it had first (for the hints). */
  unexpected: Map<string, { lines: number; type: string }>;
}

interface Slot {
  readonly index: number;
  readonly event: EventIR;
  /** Compiled on the event's first line: a run pays only for the events it sees. */
  validate: ValidateFunction | undefined;
  detailed: ValidateFunction | undefined;
  readonly schema: object;
  readonly shape: EventShape;
  /** The level a conforming line carries: numeric and/or as written (label, or a formatter's value). */
  readonly levelNum: number | undefined;
  readonly levelLabel: string | undefined;
  /** The expectation of a level-mismatch finding (the same text for every line of the event). */
  readonly levelExpected: string;
  readonly deprecatedFields: readonly { name: string; deprecation: Deprecation }[];
  /** The compiled line schema when the built-in engine covers the event (then ajv is never used for it). */
  builtin: Node | undefined;
  /** An event with variants: the discriminator and one slot per variant (same index and event), checked instead of this one. */
  readonly variants?: { readonly key: string; readonly byValue: ReadonlyMap<unknown, Slot> };
  /** A variant's slot: how messages name it (`reason "error"`). */
  readonly label?: string;
}

function deprecationText(d: Deprecation): string {
  const parts = [
    d.since ? ` since ${d.since}` : "",
    d.reason ? `: ${d.reason}` : "",
    d.renamed_to ? ` (use "${d.renamed_to}" instead)` : "",
  ];
  return parts.join("");
}

/**
 * The schema ajv compiles for a line: the published line schema minus annotations (no
 * effect on validity), and minus `format` where Zod also wrote the `pattern` it validates
 * with (uuid, ISO date-time): that pattern *is* the contract's semantics, and testing the
 * same string twice (pattern, then ajv-formats) is the most expensive part of a line.
 */
export function validationSchema(node: unknown): unknown {
  return rewriteSchema(node, {
    keep: (key, s) => !ANNOTATION_KEYWORDS.has(key) && !(key === "format" && typeof s.pattern === "string"),
  });
}

/**
 * Patterns are compiled without the `u` flag unless they need it (`\p{…}`, `\u{…}`): Zod
 * tests its own patterns (uuid, date-time, …) without it, so this is the contract's exact
 * meaning, and V8 runs non-unicode regexes markedly faster.
 */
function regExp(pattern: string): RegExp {
  // Linear time whatever the pattern (no ReDoS from a log value): see linear-regexp.ts.
  return linearRegExp(pattern, patternFlags(pattern)) as unknown as RegExp;
}

/**
 * Not `createAjv` (registry/ajv.ts): the fast validators run without messages,
 * and both fast and detailed ones need the Zod-faithful pattern engine above (they must
 * agree on every line, or a failing line would have nothing to explain).
 */
function newAjv(draft: Draft, allErrors: boolean): Ajv {
  const Ctor =
    draft === "2020-12"
      ? (require("ajv/dist/2020.js") as { Ajv2020: typeof Ajv }).Ajv2020
      : (require("ajv") as { Ajv: typeof Ajv }).Ajv;
  const addFormats = require("ajv-formats") as (ajv: Ajv) => Ajv;
  // strict: the schemas are ours, so an unknown keyword is a bug to surface, not to ignore.
  const ajv = new Ctor({ strict: true, allErrors, messages: allErrors, code: { regExp: regExp as never } });
  addFormats(ajv);
  ajv.addKeyword(LOGPACT_KEYWORD);
  return ajv;
}

/**
 * How the built-in engine (schema-node.ts) tests strings: patterns as the ajv above compiles
 * them, formats by the value rules every reader shares (registry/value-rules.ts), which
 * test/registry/field-schema-differential.test.ts holds to ajv-formats' "full" mode.
 */
export const BUILTIN_SCHEMA_ENV: SchemaEnv = { regExp, format: assertedFormat };

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
  // V8 quotes the line around the bad token ('Unexpected token 'x', "{"email":x…" is not valid JSON'): that text may be a secret.
  const text = (e instanceof Error ? e.message : String(e)).replace(
    /^(Unexpected token .*?), (?:\.\.\.)?".*" is not valid JSON$/s,
    "$1",
  );
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}

/**
 * Passed as ajv's data context: without it every call allocates the default context
 * objects (measurable at a million lines). Nothing in a line schema writes to it.
 */
const ROOT_CONTEXT = Object.freeze({
  instancePath: "",
  dynamicAnchors: Object.freeze({}),
}) as unknown as Parameters<ValidateFunction>[1];

export class LogChecker {
  /** Registered events, in IR order (the index of `Tally.seen`). */
  readonly events: readonly EventIR[];
  private readonly slots = new Map<string, Slot>();
  /** The slots in `events` order. */
  private readonly slotList: Slot[] = [];
  private readonly names: readonly string[];
  private readonly checkLevel: boolean;
  /** The property naming a line's event (`event`, or the config's `eventKey`). */
  private readonly key: string;
  private readonly levelKey: string;
  private readonly maxExamples: number;
  /** The logger profile the registry was built with (keys, level form, redaction). */
  readonly profile: LoggerProfileIR;
  /** The message key, when the profile redacts it (then an untyped line's message is not shown). */
  private readonly messageRedacted: boolean;
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
    this.suggestions = suggestionsFor(ir);
    const profile = (this.profile = loggerProfile(ir));
    this.checkLevel = profile.level !== null;
    this.levelKey = profile.level?.key ?? "level";
    this.maxExamples = options.maxExamples ?? DEFAULT_MAX_EXAMPLES;
    const messageKey = profile.messageKey ?? "msg";
    this.messageRedacted = (profile.redact?.paths ?? []).some((p) => {
      const s = redactSegments(p);
      return s.length === 1 && (s[0] === messageKey || s[0] === "*");
    });
    const envelopeDisplay = ir.envelope.map((f) => [f.name, displayType(f.schema)] as const);
    const slotOf = (
      index: number,
      event: EventIR,
      schema: object,
      fields: readonly FieldIR[],
      extra: Pick<Slot, "variants" | "label">,
    ): Slot => {
      const level = expectedLevel(profile, event.level);
      return {
        index,
        event,
        schema,
        validate: undefined,
        detailed: undefined,
        shape: {
          name: event.name,
          display: new Map([
            ...envelopeDisplay,
            [this.key, JSON.stringify(event.name)],
            ...fields.map((f) => [f.name, f.display] as const),
          ]),
          redacted: redactedPatterns(profile, { fields }),
        },
        levelNum: level.num,
        levelLabel: level.label,
        levelExpected: `${event.name} is declared at level ${level.label !== undefined && level.num !== undefined ? `${level.label} (${level.num})` : (level.label ?? level.num)}`,
        deprecatedFields: fields.flatMap((f) => (f.deprecation ? [{ name: f.name, deprecation: f.deprecation }] : [])),
        builtin: undefined,
        ...extra,
      };
    };
    this.events.forEach((event, index) => {
      const schema = validationSchema(eventLineSchema(ir, event)) as object;
      // An event with variants: its discriminator picks the variant's strict schema, which
      // gives the published `oneOf`'s verdict and errors that name the variant.
      const variants = event.variants && {
        key: event.discriminator!,
        byValue: new Map(
          event.variants.map((v) => [
            v.value,
            slotOf(index, event, validationSchema(variantLineSchema(ir, event, v)) as object, v.fields, {
              label: variantLabel(event, v),
            }),
          ]),
        ),
      };
      this.slots.set(event.name, slotOf(index, event, schema, event.fields, variants ? { variants } : {}));
    });
    for (const event of this.events) this.slotList.push(this.slots.get(event.name)!);
    if (options.fastPath !== false) {
      const env = BUILTIN_SCHEMA_ENV;
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
          lines.set(
            slot.event.name,
            e instanceof Unsupported ? e.message : `does not compile: ${(e as Error).message}`,
          );
        }
      }
      const fast = new FastPath(
        this.names,
        this.events.map((event) => {
          const slot = this.slots.get(event.name)!;
          return {
            schema: slot.schema,
            line: lines.get(event.name)!,
            // A defaulted level is unknown: never compared. NaN and a control character never
            // match a line's level: the form the profile does not write.
            levelValue: this.checkLevel && !event.levelDefaulted ? (slot.levelNum ?? Number.NaN) : undefined,
            levelName: slot.levelLabel ?? "\u0000",
            deprecated: event.deprecation !== undefined,
            deprecatedFields: slot.deprecatedFields.map((f) => f.name),
          };
        }),
        this.key,
        this.levelKey,
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
      status: {
        valid: 0,
        violation: 0,
        "unknown-event": 0,
        untyped: 0,
        "not-object": 0,
        malformed: 0,
        "line-too-long": 0,
        blank: 0,
      },
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
      groups: new Map(),
      groupsOther: 0,
      unexpected: new Map(),
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
    const expected = `over the ${this.options.maxLineBytes}-byte limit; skipped unread (raise --max-line-bytes to check it)`;
    this.record(
      t,
      "line-too-long",
      lineNo,
      undefined,
      undefined,
      expected,
      `${bytes} bytes`,
      () => `line is ${bytes} bytes, ${expected}`,
    );
  }

  /** Checks one line. Never throws, whatever the text. */
  line(t: Tally, text: string, lineNo: number, flags: number): void {
    if (flags !== 0 && flags & LINE_BAD_UTF8) {
      const text = "the line is not valid UTF-8 (bad bytes were read as U+FFFD)";
      this.record(t, "invalid-utf8", lineNo, undefined, undefined, text, undefined, () => text);
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
      const why = errorMessage(e);
      this.record(
        t,
        "malformed",
        lineNo,
        undefined,
        undefined,
        `not JSON${truncated}`,
        why,
        () => `not JSON: ${why}${truncated}`,
      );
      return;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      t.status["not-object"]++;
      const got = `a JSON ${value === null ? "null" : Array.isArray(value) ? "array" : typeof value}`;
      this.record(t, "not-object", lineNo, undefined, undefined, "not an object", got, () => `${got}, not an object`);
      return;
    }
    const obj = value as Record<string, unknown>;
    const ev = obj[this.key];
    if (typeof ev !== "string") {
      t.status.untyped++;
      if (ev === undefined) {
        const msgKey = this.profile.messageKey ?? "msg";
        const msg = obj[msgKey];
        const got =
          typeof msg === "string" ? `${msgKey} ${this.messageRedacted ? masked(msg) : preview(msg)}` : undefined;
        this.record(
          t,
          "untyped",
          lineNo,
          undefined,
          undefined,
          `no "${this.key}" field: an untyped log line`,
          got,
          () => `no "${this.key}" field: an untyped log line${got ? ` (${got})` : ""}`,
        );
      } else {
        const got = describe(ev);
        this.record(
          t,
          "untyped",
          lineNo,
          undefined,
          undefined,
          `"${this.key}" is not a string`,
          got,
          () => `"${this.key}" is ${got}, not a string`,
        );
      }
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
      ok =
        validate === undefined ? evaluate(slot.builtin!, obj, "", undefined) : (validate(obj, ROOT_CONTEXT) as boolean);
    } catch {
      ok = false; // a pathological value (stack overflow inside a recursive schema): a violation, not a crash
    }
    if (ok) t.status.valid++;
    else this.violation(t, slot, obj, lineNo);
    // On a conforming line only: a violating one is already reported, `level` included.
    if (ok && this.checkLevel) {
      const level = obj[this.levelKey];
      if (!slot.event.levelDefaulted && level !== slot.levelNum && level !== slot.levelLabel)
        this.levelMismatch(t, slot, lineNo, level);
    }
    this.deprecations(t, slot, obj, lineNo);
  }

  private deprecations(t: Tally, slot: Slot, obj: Record<string, unknown>, lineNo: number): void {
    const ev = slot.event.name;
    if (slot.event.deprecation !== undefined) {
      const text = `event ${ev} is deprecated${deprecationText(slot.event.deprecation)}`;
      this.record(t, "deprecated", lineNo, ev, undefined, text, undefined, () => text);
    }
    for (const f of slot.deprecatedFields) {
      if (obj[f.name] !== undefined) {
        const text = `field "${f.name}" of ${ev} is deprecated${deprecationText(f.deprecation)}`;
        this.record(t, "deprecated", lineNo, ev, f.name, text, undefined, () => text);
      }
    }
  }

  /** A line of an event with variants whose discriminator selects none of them. */
  private noVariant(t: Tally, top: Slot, obj: Record<string, unknown>, lineNo: number): void {
    const key = top.variants!.key;
    t.status.violation++;
    t.violating[top.index]!++;
    this.countField(t, top.event.name, key);
    const value = obj[key];
    const redacted = top.shape.redacted?.some((p) => p.length === 1 && (p[0] === key || p[0] === "*"));
    const got = value === undefined ? undefined : redacted ? masked(value) : preview(value);
    const expected = `${top.event.name}: field "${key}" must be ${variantValuesText(top.event)} (it selects the variant)`;
    this.record(
      t,
      "violation",
      lineNo,
      top.event.name,
      key,
      expected,
      got,
      () => `${expected}, ${got === undefined ? "it is missing" : `got ${got}`}`,
    );
  }

  private countField(t: Tally, event: string, field: string): void {
    const key = `${event}\u0000${field}`;
    const n = t.fields.get(key);
    if (n !== undefined) t.fields.set(key, n + 1);
    else if (t.fields.size < MAX_DISTINCT) t.fields.set(key, 1);
    else t.fieldsOther++;
  }

  /** A level mismatch the fast path found on an otherwise conforming line of the `index`-th event. */
  levelMismatchAt(t: Tally, index: number, lineNo: number, level: unknown): void {
    this.levelMismatch(t, this.slotList[index]!, lineNo, level);
  }

  /** A conforming line logged at a level other than its event's. */
  levelMismatch(t: Tally, slot: Slot, lineNo: number, level: unknown): void {
    const got = levelText(level);
    this.record(
      t,
      "level-mismatch",
      lineNo,
      slot.event.name,
      this.levelKey,
      slot.levelExpected,
      got,
      () => `${slot.levelExpected} but was logged at ${got}`,
    );
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
    const text = `event ${JSON.stringify(ev.length > 80 ? `${ev.slice(0, 80)}…` : ev)} is not in the registry.${this.suggestion(ev)}`;
    this.record(
      t,
      "unknown-event",
      lineNo,
      ev.length > 80 ? `${ev.slice(0, 80)}…` : ev,
      undefined,
      text,
      undefined,
      () => text,
    );
  }

  /**
   * Unknown names and their " Did you mean …?" suffix: a log repeats the same few, and the
   * edit distances to every registered name are worked out once per name — per registry,
   * shared by its checkers (a library caller or test suite validates the same IR many times).
   */
  private readonly suggestions: Map<string, string>;

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
    const gaveUp = "the line does not match its schema (the validator gave up on a pathological value)";
    const explanation = errors.length
      ? explainErrors(slot.shape, errors, obj)
      : { message: gaveUp, fields: [], expected: gaveUp, got: "", unexpected: [] };
    this.reportViolation(t, slot, lineNo, explanation, (name) => jsonType(obj[name]));
  }

  /**
   * A line the fast path found conforming but for top-level keys its event does not
   * declare: reported as the exact path would (the same explanation, from the same errors).
   */
  unexpectedAt(t: Tally, index: number, lineNo: number, names: readonly string[], types: readonly string[]): void {
    const slot = this.slotList[index]!;
    t.status.violation++;
    t.violating[slot.index]!++;
    const errors = names.map((name) => ({
      instancePath: "",
      schemaPath: "",
      keyword: "additionalProperties",
      params: { additionalProperty: name },
      message: "must NOT have additional properties",
    }));
    this.reportViolation(
      t,
      slot,
      lineNo,
      explainErrors(slot.shape, errors, undefined),
      (name) => types[names.indexOf(name)]!,
    );
  }

  private reportViolation(
    t: Tally,
    slot: Slot,
    lineNo: number,
    explanation: Explanation,
    typeOf: (name: string) => string,
  ): void {
    const { message, fields, expected, got, unexpected } = explanation;
    for (const name of unexpected) {
      const u = t.unexpected.get(name);
      if (u !== undefined) u.lines++;
      else if (t.unexpected.size < MAX_DISTINCT) t.unexpected.set(name, { lines: 1, type: typeOf(name) });
    }
    for (const field of fields) this.countField(t, slot.event.name, field);
    const name = slot.label === undefined ? slot.event.name : `${slot.event.name} (${slot.label})`;
    this.record(
      t,
      "violation",
      lineNo,
      slot.event.name,
      fields[0],
      `${name}: ${expected}`,
      got || undefined,
      () => `${name}: ${message}`,
    );
  }

  /**
   * Counts a finding and adds it to its group (same kind, event, field and `expected`),
   * keeping the group's first few examples; lists it (building its message only then)
   * while the detailed list has room. `got` is what the line had, already masked.
   */
  private record(
    t: Tally,
    kind: FindingKind,
    line: number,
    event: string | undefined,
    field: string | undefined,
    expected: string,
    got: string | undefined,
    message: () => string,
  ): void {
    t.kinds[kind]++;
    const severity = this.options.severity[kind];
    if (severity === "off") return;
    if (severity === "error") t.errors++;
    else t.warnings++;
    const key = `${kind}\u0000${event ?? ""}\u0000${field ?? ""}\u0000${expected}`;
    const group = t.groups.get(key);
    if (group !== undefined) {
      group.count++;
      if (group.examples.length < this.maxExamples) group.examples.push(example(t.source, line, got));
    } else if (t.groups.size < MAX_DISTINCT) {
      t.groups.set(key, {
        kind,
        severity: severity === "error" ? "error" : "warning",
        ...(event !== undefined ? { event } : {}),
        ...(field !== undefined ? { field } : {}),
        expected,
        message: message(),
        count: 1,
        examples: this.maxExamples > 0 ? [example(t.source, line, got)] : [],
      });
    } else t.groupsOther++;
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

  bytes(b: Uint8Array, start: number, limit: number, lineNo: number): number {
    const fast = this.fast;
    const end = fast.acceptLine(b, start, limit);
    if (end < 0 || end - start > this.cap) return -1;
    const t = this.t;
    t.seen[fast.event]!++;
    if (fast.unexpectedCount !== 0) {
      this.checker.unexpectedAt(
        t,
        fast.event,
        lineNo,
        fast.unexpectedNames.slice(0, fast.unexpectedCount),
        fast.unexpectedTypes,
      );
      return end;
    }
    t.status.valid++;
    if (fast.levelMismatch !== 0) {
      const level = fast.mismatchStart < 0 ? fast.mismatchNum : latin1(b, fast.mismatchStart, fast.mismatchEnd);
      this.checker.levelMismatchAt(t, fast.event, lineNo, level);
    }
    return end;
  }
}

/** Adds `part`'s groups and unexpected-field counts to `total` (`lineOffset` as in `mergeInto`). */
export function mergeGroups(
  total: Tally,
  part: Tally,
  lineOffset: number,
  maxExamples: number = DEFAULT_MAX_EXAMPLES,
): void {
  total.groupsOther += part.groupsOther;
  for (const [key, g] of part.groups) {
    const examples = lineOffset
      ? g.examples.map((x) => (x.line !== undefined ? { ...x, line: x.line + lineOffset } : x))
      : g.examples;
    const have = total.groups.get(key);
    if (have !== undefined) {
      have.count += g.count;
      for (const x of examples) if (have.examples.length < maxExamples) have.examples.push(x);
    } else if (total.groups.size < MAX_DISTINCT)
      total.groups.set(key, { ...g, examples: examples.slice(0, maxExamples) });
    else total.groupsOther += g.count;
  }
  for (const [name, u] of part.unexpected) {
    const have = total.unexpected.get(name);
    if (have !== undefined) have.lines += u.lines;
    else if (total.unexpected.size < MAX_DISTINCT) total.unexpected.set(name, { ...u });
  }
}

const latin1Slice = (
  Buffer.prototype as unknown as { latin1Slice(this: Uint8Array, start: number, end: number): string }
).latin1Slice;
/** ASCII bytes as a string (the fast path only reports plain ASCII labels). */
function latin1(b: Uint8Array, start: number, end: number): string {
  return latin1Slice.call(b, start, end);
}

function example(file: string, line: number, got: string | undefined): FindingExample {
  return got === undefined ? { file, line } : { file, line, got };
}

/** The JSON type of a value (`integer` for whole numbers), for the hints. */
function jsonType(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v === "object" ? "an object" : `a ${typeof v} (${String(v).slice(0, 40)})`;
}

const SUGGESTIONS = new WeakMap<RegistryIR, Map<string, string>>();

/** The unknown-name suggestions worked out so far against `ir`'s event names. */
function suggestionsFor(ir: RegistryIR): Map<string, string> {
  let m = SUGGESTIONS.get(ir);
  if (m === undefined) SUGGESTIONS.set(ir, (m = new Map()));
  return m;
}

function levelText(level: unknown): string {
  if (typeof level === "number") {
    const label = Object.entries(LEVEL_VALUES).find(([, v]) => v === level)?.[0];
    return label ? `${label} (${level})` : `level ${level}`;
  }
  return typeof level === "string" ? level : preview(level);
}
