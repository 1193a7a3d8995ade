/**
 * The byte-level fast path of `logpact validate`: decides "this line conforms" straight
 * from the raw bytes, without decoding the line to a string, building objects with
 * JSON.parse or running a validator. A real service log is overwhelmingly conforming
 * lines, so this is what most lines cost.
 *
 * It only ever *accepts*. A line it cannot prove conforming (malformed JSON, an unknown
 * key, a value out of contract, an escape in a key, a duplicate key, a deprecated field,
 * a level other than the event's, …) goes to the exact path (JSON.parse, then the
 * built-in evaluator or ajv), which finds and explains the problem. So findings never
 * come from here, and a line accepted here is one the exact path would count as `valid`
 * with no finding at all: the test suite checks that on real and mutated lines.
 *
 * How: one pass over the line. Keys are matched on bytes (first against the key the
 * previous line of the same event had at that position, since pino writes keys in a
 * fixed order; else by hash). Values are checked against their field's compiled schema
 * (schema-node.ts) as they are met; the envelope fields every event shares are checked
 * before `event` is known, anything else met before it is kept and checked once it is.
 * Nested objects and arrays are scanned against their sub-schemas. An event whose line
 * schema uses a keyword schema-node.ts does not compile has no fast path.
 */
import { isUtf8 } from "node:buffer";
import {
  F_INTEGER,
  NameTable,
  S_BOOLEAN,
  S_INTEGER,
  S_NUMBER,
  S_STRING,
  S_TRIVIAL,
  T_ARRAY,
  T_BOOLEAN,
  T_INTEGER,
  T_NULL,
  T_NUMBER,
  T_OBJECT,
  T_STRING,
  Unsupported,
  hashBytes,
  type ArrayShape,
  type Check,
  type Node,
  type ObjectShape,
} from "./schema-node.js";
import { codePointLength, isMultipleOf } from "../registry/field-schema.js";

// Token kinds.
const K_STRING = 1;
const K_NUMBER = 2;
const K_TRUE = 3;
const K_FALSE = 4;
const K_NULL = 5;
const K_OBJECT = 6;
const K_ARRAY = 7;

// Token flags: strings (escape, non-ASCII bytes); numbers use F_INTEGER (integral value).
const F_ESCAPE = 1;
const F_NON_ASCII = 2;

/** Members recorded per top-level object; a line with more goes to the exact path. */
const MAX_MEMBERS = 256;
/** Undeclared keys a line may have and still be reported from the bytes. */
const MAX_UNEXPECTED = 8;
/** Nesting the scanner follows; deeper values go to the exact path. */
const MAX_DEPTH = 128;

/** Per byte inside a string: 0 plain, 1 quote, 2 backslash, 3 control (invalid), 4 non-ASCII. */
const STRING_CLASS = new Uint8Array(256);
for (let c = 0; c < 0x20; c++) STRING_CLASS[c] = 3;
STRING_CLASS[0x22] = 1;
STRING_CLASS[0x5c] = 2;
for (let c = 0x80; c < 0x100; c++) STRING_CLASS[c] = 4;

/** Node's `Buffer#latin1Slice`: the fastest bytes → string for ASCII (no encoding dispatch). */
const latin1Slice = (
  Buffer.prototype as unknown as { latin1Slice(this: Uint8Array, start: number, end: number): string }
).latin1Slice;

/** What the fast path needs to know of one event. */
export interface FastEvent {
  /** The event's line schema as ajv compiles it (see `validationSchema`). */
  readonly schema: unknown;
  /** That schema compiled (schema-node.ts), or why it could not be. */
  readonly line: Node | string;
  /** The `level` value a conforming line carries (numeric and label), or undefined to not check it. */
  readonly levelValue: number | undefined;
  readonly levelName: string | undefined;
  /** The event itself is deprecated: every line gets a finding, so none is fast. */
  readonly deprecated: boolean;
  /** Deprecated fields: a line carrying one gets a finding, so it is not fast. */
  readonly deprecatedFields: readonly string[];
}

interface CompiledEvent {
  /** Schema per global top-level name; undefined = the key is not allowed. */
  readonly nodes: readonly (Node | undefined)[];
  readonly required: readonly number[];
  readonly deprecatedIds: readonly number[];
  readonly levelValue: number | undefined;
  readonly levelName: string | undefined;
  /** After key id k (at k + 1; at 0: the first key), the key that followed it last time in this event's lines: tried first. */
  readonly successor: Int32Array;
}

export interface FastPathStats {
  /** Events that have a fast path. */
  readonly events: number;
  /** Why the others do not, by event name. */
  readonly unsupported: ReadonlyMap<string, string>;
}

export class FastPath {
  private readonly keys: NameTable;
  /** Every name of `keys` (a hash collision in `keys.find` must not pass for an undeclared key). */
  private readonly keySet: ReadonlySet<string>;
  private readonly keyBytes: readonly Uint8Array[];
  /** Each name and its closing quote as little-endian 32-bit words, the last one zero-padded. */
  private readonly keyWords: readonly Int32Array[];
  /** Per name: the bytes of its last word that are the name's (the rest is padding). */
  private readonly keyMasks: Int32Array;
  private readonly eventNames: EdgeTable;
  private readonly compiled: (CompiledEvent | undefined)[];
  /**
   * Per top-level name, the schema every event that declares it gives it (the envelope
   * fields, mostly): such a value is checked before the line's `event` is known.
   * `undefined` when events disagree: the value is checked once the event is known.
   */
  private readonly shared: readonly (Node | undefined)[];
  /** 1 for a shared name every event declares (pino's envelope): nothing is left to check once `event` is known. */
  private readonly universal: Uint8Array;
  /** `level` is shared and every event declares it: met before `event`, only the event's level is left to check. */
  private readonly levelUniversal: boolean;
  private readonly eventKey: number;
  private readonly levelKey: number;
  /** Successor predictions before `event` is known (then the event's own `successor`). */
  private readonly successor: Int32Array;
  readonly stats: FastPathStats;

  // Scan state (one line at a time).
  private b: Uint8Array = new Uint8Array(0);
  /** A DataView of `b`, to read 4 bytes at once (kept while the caller passes the same buffer). */
  private dv: DataView = new DataView(new ArrayBuffer(0));
  private dvOf: Uint8Array | undefined;
  private end = 0;
  private strFlags = 0;
  private lineFlags = 0;
  private numValue = 0;
  private gen = 0;
  /** Per top-level name: the generation (line) that last saw it. */
  private readonly seen: Int32Array;
  // Members met before the `event` member: checked (or re-checked for being allowed) once it is known.
  private readonly mKey = new Int32Array(MAX_MEMBERS);
  private readonly mKind = new Int32Array(MAX_MEMBERS);
  private readonly mStart = new Int32Array(MAX_MEMBERS);
  private readonly mEnd = new Int32Array(MAX_MEMBERS);
  private readonly mFlags = new Int32Array(MAX_MEMBERS);
  private readonly mNum = new Float64Array(MAX_MEMBERS);
  private readonly mDone = new Uint8Array(MAX_MEMBERS);
  /** Per nested ObjectShape visit: generation stamps for duplicate and required checks. */
  private readonly nestedSeen = new Map<ObjectShape, Int32Array>();

  /**
   * @param names event names, in `LogChecker.events` order (accept() returns an index into it)
   * @param events per event: its line schema and finding-relevant facts
   * @param key the property naming a line's event (config `eventKey`)
   * @param levelName key of the level on a line (the logger profile's; `level` for pino)
   */
  constructor(names: readonly string[], events: readonly FastEvent[], key = "event", levelName = "level") {
    const unsupported = new Map<string, string>();
    const perEvent = events.map((ev, i) => {
      try {
        if (ev.deprecated) throw new Unsupported("the event is deprecated (each line gets a finding)");
        const schema = ev.schema as Record<string, unknown>;
        const node = ev.line;
        if (typeof node === "string") throw new Unsupported(node);
        const own = node.own;
        if (node.anyOf || !own || own.types !== T_OBJECT || !own.object || own.enumSet || own.array)
          throw new Unsupported("the line schema is not a plain object schema");
        const shape = own.object;
        if (shape.additional !== undefined) throw new Unsupported("the line schema allows other keys");
        // Names are matched on raw bytes: one that JSON must escape never matches raw.
        if (shape.table.names.some((n) => /["\\\u0000-\u001f]/.test(n)))
          throw new Unsupported("a field name JSON must escape");
        const at = shape.table.names.indexOf(key);
        const eventNode = at >= 0 ? shape.nodes[at]!.own : undefined;
        if (!eventNode || !eventNode.enumSet || eventNode.enumSet.size !== 1 || !eventNode.enumSet.has(names[i]))
          throw new Unsupported(`"${key}" is not the constant ${names[i]}`);
        const props = schema.properties as Record<string, unknown>;
        return { shape, ev, props };
      } catch (e) {
        if (!(e instanceof Unsupported)) throw e;
        unsupported.set(names[i]!, e.message);
        return undefined;
      }
    });
    const all = [...new Set([key, levelName, ...perEvent.flatMap((p) => (p ? p.shape.table.names : []))])];
    this.keys = new NameTable(all);
    this.keySet = new Set(all);
    this.keyBytes = all.map((n) => Buffer.from(n, "utf8"));
    this.keyWords = this.keyBytes.map((bytes) => {
      // The name and its closing quote, zero-padded to whole words (keyMasks hides the padding).
      const tok = new Uint8Array((bytes.length + 4) & ~3);
      tok.set(bytes);
      tok[bytes.length] = 0x22;
      const view = new DataView(tok.buffer);
      return Int32Array.from({ length: tok.length >> 2 }, (_, i) => view.getInt32(i * 4, true));
    });
    this.keyMasks = Int32Array.from(this.keyBytes, (bytes) => {
      const used = (bytes.length + 1) & 3;
      return used === 0 ? -1 : (1 << (used * 8)) - 1;
    });
    this.eventNames = new EdgeTable(names);
    this.eventKey = all.indexOf(key);
    this.levelKey = all.indexOf(levelName);
    this.seen = new Int32Array(all.length);
    this.successor = new Int32Array(all.length + 1).fill(-1);
    this.compiled = perEvent.map((p) => {
      if (!p) return undefined;
      const { shape, ev } = p;
      const nodes: (Node | undefined)[] = all.map(() => undefined);
      shape.table.names.forEach((n, k) => (nodes[all.indexOf(n)] = shape.nodes[k]));
      return {
        nodes,
        required: shape.required.map((k) => all.indexOf(shape.table.names[k]!)),
        deprecatedIds: ev.deprecatedFields.map((f) => all.indexOf(f)).filter((id) => id >= 0),
        levelValue: ev.levelValue,
        levelName: ev.levelName,
        successor: new Int32Array(all.length + 1).fill(-1),
      };
    });
    this.shared = all.map((name, id) => {
      if (id === this.eventKey) return undefined;
      const declaring = perEvent.flatMap((p, i) => (p && Object.hasOwn(p.props, name) ? [i] : []));
      if (declaring.length === 0) return undefined;
      const texts = new Set(declaring.map((i) => JSON.stringify(perEvent[i]!.props[name])));
      return texts.size === 1 ? this.compiled[declaring[0]!]!.nodes[id] : undefined;
    });
    const fastEvents = this.compiled.filter((c) => c !== undefined);
    this.universal = Uint8Array.from(all, (_, id) =>
      this.shared[id] !== undefined && id !== this.levelKey && fastEvents.every((c) => c.nodes[id] !== undefined)
        ? 1
        : 0,
    );
    this.levelUniversal =
      this.shared[this.levelKey] !== undefined && fastEvents.every((c) => c.nodes[this.levelKey] !== undefined);
    this.stats = { events: fastEvents.length, unsupported };
  }

  /** A stamp no `seen` array holds yet (they are cleared before the counter could wrap). */
  private nextGen(): number {
    if (this.gen === 0x7fffffff) {
      this.seen.fill(0);
      for (const a of this.nestedSeen.values()) a.fill(0);
      this.gen = 0;
    }
    return ++this.gen;
  }

  /** Whether lines of event `index` can be accepted here. */
  covers(index: number): boolean {
    return this.compiled[index] !== undefined;
  }

  /** The key at b[p] (its opening quote): its id, or -1 for a name no event declares; `keyEnd` is set to its closing quote. */
  private keyEnd = 0;
  private key(p: number, predicted: number): number {
    const b = this.b;
    const end = this.end;
    if (predicted >= 0) {
      // The previous line's key at this position: its name and closing quote compared a
      // word at a time, no hashing.
      const words = this.keyWords[predicted]!;
      const last = words.length - 1;
      if (p + 1 + 4 * words.length <= end) {
        const dv = this.dv;
        let w = 0;
        while (w < last && dv.getInt32(p + 1 + w * 4, true) === words[w]) w++;
        if (w === last && (dv.getInt32(p + 1 + w * 4, true) & this.keyMasks[predicted]!) === words[w]) {
          this.keyEnd = p + this.keyBytes[predicted]!.length + 1;
          return predicted;
        }
      }
    }
    const mult = this.keys.mult;
    let q = p + 1;
    let h = 0;
    for (;;) {
      if (q >= end) return -2;
      const c = b[q]!;
      if (c === 0x22) break;
      if (c === 0x5c || c < 0x20) return -2; // an escape (or invalid byte) in a key: the exact path decides
      if (c >= 0x80) this.lineFlags |= F_NON_ASCII;
      h = (Math.imul(h, mult) + c) | 0;
      q++;
    }
    this.keyEnd = q;
    return this.keys.find(h, b, p + 1, q);
  }

  /**
   * The event index when b[start, end) is a line the exact path would count as valid
   * with no finding; -1 when it cannot tell (the exact path then decides).
   */
  accept(b: Uint8Array, start: number, end: number): number {
    return this.acceptLine(b, start, end) === end && this.levelMismatch === 0 && this.unexpectedCount === 0
      ? this.event
      : -1;
  }

  /** The event of the line acceptLine() last accepted. */
  event = -1;
  /**
   * 1 when the line acceptLine() last accepted conforms but for its level (a level-mismatch
   * finding, the only one it has): its level is `mismatchNum`, or the ASCII label at
   * `mismatchStart`..`mismatchEnd` of the buffer. Reporting it from here spares the line a
   * JSON.parse: a log where half the lines are at the wrong level is common.
   */
  levelMismatch = 0;
  /**
   * Top-level keys no event declares on the line acceptLine() last accepted, which
   * otherwise conforms: an `unexpected field` violation (their names and JSON types),
   * reported from here for the same reason. 0 on a conforming line.
   */
  unexpectedCount = 0;
  readonly unexpectedNames: string[] = [];
  readonly unexpectedTypes: string[] = [];
  mismatchNum = 0;
  mismatchStart = -1;
  mismatchEnd = -1;

  /**
   * Like accept(), for the line starting at `start` and ending at the first `\n` (or at
   * `limit`): its end (the index of that `\n`, or `limit`) when it conforms, with its
   * event in `event`; -1 when the exact path must decide. Saves the caller a newline
   * search per line: the scan finds the end anyway.
   */
  acceptLine(b: Uint8Array, start: number, limit: number): number {
    const end = limit;
    this.b = b;
    if (b !== this.dvOf) {
      this.dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
      this.dvOf = b;
    }
    this.end = end;
    this.lineFlags = 0;
    this.levelMismatch = 0;
    this.unexpectedCount = 0;
    const gen = this.gen < 0x7ffffffe ? ++this.gen : this.nextGen();
    const seen = this.seen;
    let p = b[start] === 0x7b ? start : this.ws(start);
    if (b[p] !== 0x7b) return -1; // {
    p = this.ws(p + 1);
    if (b[p] === 0x7d) return -1; // {} has no event
    let ev: CompiledEvent | undefined;
    let eventIndex = -1;
    // pino writes a logger's keys in a fixed order: the key that followed the previous
    // one last time is tried first (one byte compare, no hashing).
    let successor: Int32Array = this.successor;
    let prev = 0;
    let pending = 0;
    // A `level` met before `event` (pino's order): its token, checked once the event is known.
    let levelAt = -1;
    let levelEnd = 0;
    let levelKind = 0;
    let levelNum = 0;
    let levelFlags = 0;
    let n = 0;
    for (; ; n++) {
      if (b[p] !== 0x22) return -1;
      const guess = successor[prev]!;
      const id = this.key(p, guess);
      if (id < 0) {
        // A key no event declares (-1; -2: one with escapes, for the exact path): noted, its value skipped.
        if (id !== -1 || (p = this.unexpectedMember(p)) < 0) return -1;
      } else {
        if (id !== guess) successor[prev] = id;
        prev = id + 1;
        if (seen[id] === gen) return -1; // duplicate key
        seen[id] = gen;
        // pino writes no whitespace: look for it only where the expected byte is not.
        p = this.keyEnd + 1;
        if (b[p] !== 0x3a) {
          p = this.ws(p);
          if (b[p] !== 0x3a) return -1; // :
        }
        p++;
        let c = b[p]!;
        if (c <= 0x20) c = b[(p = this.ws(p))]!;
        if (id === this.eventKey) {
          if (c !== 0x22) return -1;
          const q = this.string(p);
          // Escapes or non-ASCII bytes: no registered name is written so; the exact path decides.
          if (q < 0 || this.strFlags !== 0) return -1;
          eventIndex = this.eventNames.find(this.dv, b, p + 1, q - 1);
          if (eventIndex < 0) return -1;
          ev = this.compiled[eventIndex];
          if (ev === undefined) return -1;
          successor = ev.successor;
          p = q;
        } else {
          // Before `event`: the value's schema if all events agree on it (else check it later).
          const node = ev !== undefined ? ev.nodes[id] : this.shared[id];
          if (node === undefined && ev !== undefined) return -1; // a key this event does not declare
          let kind: number;
          let q: number;
          if (c === 0x7b || c === 0x5b) {
            kind = c === 0x7b ? K_OBJECT : K_ARRAY;
            q = node === undefined ? this.skip(p, 0) : this.composite(node, p, kind, 0);
          } else {
            if (c === 0x22) {
              q = this.string(p);
              kind = K_STRING;
            } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
              q = this.number(p);
              kind = K_NUMBER;
            } else {
              q = this.literal(p);
              kind = c === 0x74 ? K_TRUE : c === 0x66 ? K_FALSE : K_NULL;
            }
            if (q >= 0 && node !== undefined && !this.primitive(node, kind, p, q)) return -1;
          }
          if (q < 0) return -1;
          if (ev === undefined && id === this.levelKey && this.levelUniversal) {
            // Checked against the envelope's schema above; whether it is the event's own level waits for `event`.
            levelAt = p;
            levelEnd = q;
            levelKind = kind;
            levelNum = this.numValue;
            levelFlags = this.strFlags;
          } else if (ev === undefined && this.universal[id] === 0) {
            // Remembered until `event` says whether the key is allowed at all.
            if (pending === MAX_MEMBERS) return -1;
            this.mKey[pending] = id;
            this.mKind[pending] = kind;
            this.mStart[pending] = p;
            this.mEnd[pending] = q;
            this.mFlags[pending] = this.strFlags;
            this.mNum[pending] = this.numValue;
            this.mDone[pending] = node === undefined ? 0 : 1;
            pending++;
          } else if (ev !== undefined && id === this.levelKey && !this.levelSeen(ev, kind, p, q)) {
            return -1;
          }
          p = q;
        }
      }
      let sep = b[p];
      if (sep !== 0x2c && sep !== 0x7d) sep = b[(p = this.ws(p))];
      if (sep === 0x2c) {
        p++;
        if (b[p] !== 0x22) p = this.ws(p);
        continue;
      }
      if (sep !== 0x7d) return -1;
      break;
    }
    const lineEnd = this.ws(p + 1);
    if (lineEnd !== end && b[lineEnd] !== 0x0a) return -1; // trailing bytes
    if (ev === undefined) return -1;
    if (levelAt >= 0) {
      this.numValue = levelNum;
      this.strFlags = levelFlags;
      if (!this.levelSeen(ev, levelKind, levelAt, levelEnd)) return -1;
    }
    for (let i = 0; i < pending; i++) {
      const id = this.mKey[i]!;
      const node = ev.nodes[id];
      if (node === undefined) return -1; // a key this event does not declare
      const kind = this.mKind[i]!;
      this.strFlags = this.mFlags[i]!;
      this.numValue = this.mNum[i]!;
      if (this.mDone[i] === 0) {
        if (
          kind === K_OBJECT || kind === K_ARRAY
            ? this.composite(node, this.mStart[i]!, kind, 0) < 0
            : !this.primitive(node, kind, this.mStart[i]!, this.mEnd[i]!)
        )
          return -1;
      }
      if (id === this.levelKey && !this.levelSeen(ev, kind, this.mStart[i]!, this.mEnd[i]!)) return -1;
    }
    for (let i = 0; i < ev.required.length; i++) if (seen[ev.required[i]!] !== gen) return -1;
    for (let i = 0; i < ev.deprecatedIds.length; i++) if (seen[ev.deprecatedIds[i]!] === gen) return -1;
    if (ev.levelValue !== undefined && seen[this.levelKey] !== gen) return -1; // no level: a level-mismatch finding
    // Bytes ≥ 0x80 were let through the scan; the line must still be UTF-8 (else: a finding).
    if (this.lineFlags & F_NON_ASCII && !isUtf8(b.subarray(start, lineEnd))) return -1;
    this.event = eventIndex;
    return lineEnd;
  }

  /**
   * An undeclared top-level member at `p` (its key scanned by key()): name and value type
   * noted, value skipped; the position after the value, or -1 for the exact path (a
   * non-ASCII, integer-like or `__proto__` name, which JSON.parse orders or treats
   * differently; a repeat; too many).
   */
  private unexpectedMember(p: number): number {
    const b = this.b;
    const q = this.keyEnd;
    for (let k = p + 1; k < q; k++) if (b[k]! >= 0x80) return -1;
    const name = latin1Slice.call(b, p + 1, q);
    const n = this.unexpectedCount;
    if (n === MAX_UNEXPECTED || this.keySet.has(name) || name === "__proto__" || /^(?:0|[1-9]\d*)$/.test(name))
      return -1;
    for (let i = 0; i < n; i++) if (this.unexpectedNames[i] === name) return -1;
    p = q + 1;
    if (b[p] !== 0x3a) {
      p = this.ws(p);
      if (b[p] !== 0x3a) return -1;
    }
    p = this.ws(p + 1);
    const c = b[p];
    const end = this.skip(p, 0);
    if (end < 0) return -1;
    this.unexpectedNames[n] = name;
    this.unexpectedTypes[n] =
      c === 0x22
        ? "string"
        : c === 0x7b
          ? "object"
          : c === 0x5b
            ? "array"
            : c === 0x74 || c === 0x66
              ? "boolean"
              : c === 0x6e
                ? "null"
                : Number.isInteger(this.numValue)
                  ? "integer"
                  : "number";
    this.unexpectedCount = n + 1;
    return end;
  }

  /**
   * The event's level (true), or another one the schema allowed: noted as a mismatch
   * (true) when it is a number or a plain ASCII label, else left to the exact path (false).
   */
  private levelSeen(ev: CompiledEvent, kind: number, start: number, end: number): boolean {
    if (this.levelOk(ev, kind, start, end)) return true;
    if (kind === K_NUMBER) this.mismatchNum = this.numValue;
    else if (kind !== K_STRING || this.strFlags !== 0) return false;
    this.levelMismatch = 1;
    this.mismatchStart = kind === K_STRING ? start + 1 : -1;
    this.mismatchEnd = end - 1;
    return true;
  }

  /** A conforming line's `level` (numeric or label) is the event's, or the exact path reports it. Needs numValue/strFlags of the token. */
  private levelOk(ev: CompiledEvent, kind: number, start: number, end: number): boolean {
    if (ev.levelValue === undefined) return true;
    if (kind === K_NUMBER) return this.numValue === ev.levelValue;
    return kind === K_STRING && this.strFlags === 0 && this.bytesEqual(start + 1, end - 1, ev.levelName!);
  }

  private bytesEqual(start: number, end: number, text: string): boolean {
    if (end - start !== text.length) return false;
    for (let k = 0; k < text.length; k++) if (this.b[start + k] !== text.charCodeAt(k)) return false;
    return true;
  }

  /** JSON whitespace, but never past a `\n`: that ends the line (and `\n` never occurs inside one). */
  private ws(p: number): number {
    const b = this.b;
    const end = this.end;
    while (p < end) {
      const c = b[p]!;
      if (c !== 0x20 && c !== 0x09 && c !== 0x0d) break;
      p++;
    }
    return p;
  }

  /** A string token starting at its quote; the position after its closing quote, or -1. Sets strFlags. */
  private string(p: number): number {
    const b = this.b;
    const end = this.end;
    const dv = this.dv;
    let flags = 0;
    p++;
    for (;;) {
      // Four plain bytes at a time: none is '"', '\\', a control character or ≥ 0x80
      // (the classic "has a zero / smaller byte" word tricks, exact as a yes/no).
      while (p + 4 <= end) {
        const x = dv.getInt32(p, true);
        const q = x ^ 0x22222222;
        const e = x ^ 0x5c5c5c5c;
        const m = (((x - 0x20202020) & ~x) | ((q - 0x01010101) & ~q) | ((e - 0x01010101) & ~e) | x) & 0x80808080;
        if (m !== 0) {
          // The lowest flagged byte is the first special one (a borrow only flags bytes above it).
          p += (31 - Math.clz32(m & -m)) >> 3;
          break;
        }
        p += 4;
      }
      if (p >= end) return -1;
      const k = STRING_CLASS[b[p]!]!;
      if (k === 0) {
        p++;
        continue;
      }
      if (k === 1) break;
      if (k === 4) {
        flags |= F_NON_ASCII;
        p++;
        continue;
      }
      if (k === 3) return -1;
      flags |= F_ESCAPE;
      const e = b[p + 1];
      if (e === 0x75) {
        // \uXXXX
        if (p + 5 >= end) return -1;
        for (let x = 2; x < 6; x++) {
          const h = b[p + x]!;
          if (!((h >= 0x30 && h <= 0x39) || (h >= 0x41 && h <= 0x46) || (h >= 0x61 && h <= 0x66))) return -1;
        }
        p += 6;
        continue;
      }
      if (e !== 0x22 && e !== 0x5c && e !== 0x2f && e !== 0x62 && e !== 0x66 && e !== 0x6e && e !== 0x72 && e !== 0x74)
        return -1;
      p += 2;
    }
    this.strFlags = flags;
    this.lineFlags |= flags;
    return p + 1;
  }

  /** A number token (JSON grammar); the position after it, or -1. Sets numValue. */
  private number(p: number): number {
    const b = this.b;
    const end = this.end;
    const start = p;
    let neg = false;
    if (b[p] === 0x2d) {
      neg = true;
      p++;
    }
    let c = b[p];
    let value = 0;
    let digits = 0;
    if (c === 0x30) {
      p++;
    } else if (c !== undefined && c >= 0x31 && c <= 0x39) {
      // Four digits at a time: every byte's high nibble is 3 and its low nibble at most 9.
      const dv = this.dv;
      while (p + 4 <= end) {
        const x = dv.getInt32(p, true);
        if (((x & 0xf0f0f0f0) ^ 0x30303030) | (((x + 0x06060606) & 0xf0f0f0f0) ^ 0x30303030)) break;
        const d = x - 0x30303030;
        value = value * 10000 + (d & 0xff) * 1000 + ((d >> 8) & 0xff) * 100 + ((d >> 16) & 0xff) * 10 + (d >>> 24);
        digits += 4;
        p += 4;
      }
      while (p < end && (c = b[p]!) >= 0x30 && c <= 0x39) {
        value = value * 10 + (c - 0x30);
        digits++;
        p++;
      }
    } else {
      return -1;
    }
    // Up to 15 digits, the accumulated integer is exact (below 2^53).
    let exact = digits <= 15;
    if (p < end && b[p] === 0x2e) {
      p++;
      const d0 = p;
      while (p < end && (c = b[p]!) >= 0x30 && c <= 0x39) p++;
      if (p === d0) return -1;
      exact = false;
    }
    if (p < end && (b[p] === 0x65 || b[p] === 0x45)) {
      p++;
      if (b[p] === 0x2b || b[p] === 0x2d) p++;
      const d0 = p;
      while (p < end && (c = b[p]!) >= 0x30 && c <= 0x39) p++;
      if (p === d0) return -1;
      exact = false;
    }
    // Same double as JSON.parse: both round the decimal exactly.
    if (exact) {
      this.numValue = neg ? -value : value;
      this.strFlags = F_INTEGER;
    } else {
      const v = Number(latin1Slice.call(b, start, p));
      this.numValue = v;
      this.strFlags = Number.isInteger(v) ? F_INTEGER : 0;
    }
    return p;
  }

  private literal(p: number): number {
    const b = this.b;
    const c = b[p];
    this.strFlags = 0;
    if (c === 0x74) return b[p + 1] === 0x72 && b[p + 2] === 0x75 && b[p + 3] === 0x65 ? p + 4 : -1;
    if (c === 0x66)
      return b[p + 1] === 0x61 && b[p + 2] === 0x6c && b[p + 3] === 0x73 && b[p + 4] === 0x65 ? p + 5 : -1;
    if (c === 0x6e) return b[p + 1] === 0x75 && b[p + 2] === 0x6c && b[p + 3] === 0x6c ? p + 4 : -1;
    return -1;
  }

  /** Any JSON value (syntax only); the position after it, or -1. */
  private skip(p: number, depth: number): number {
    const b = this.b;
    const c = b[p];
    if (c === 0x22) return this.string(p);
    if (c === 0x2d || (c !== undefined && c >= 0x30 && c <= 0x39)) return this.number(p);
    if (c === 0x7b || c === 0x5b) {
      if (depth >= MAX_DEPTH) return -1;
      const close = c === 0x7b ? 0x7d : 0x5d;
      p = this.ws(p + 1);
      if (b[p] === close) return p + 1;
      for (;;) {
        if (c === 0x7b) {
          if (b[p] !== 0x22) return -1;
          p = this.string(p);
          if (p < 0) return -1;
          p = this.ws(p);
          if (b[p] !== 0x3a) return -1;
          p = this.ws(p + 1);
        }
        p = this.skip(p, depth + 1);
        if (p < 0) return -1;
        p = this.ws(p);
        if (b[p] === 0x2c) {
          p = this.ws(p + 1);
          continue;
        }
        return b[p] === close ? p + 1 : -1;
      }
    }
    return this.literal(p);
  }

  /** Whether the primitive token of `kind` at b[start, end) satisfies `node`. */
  private primitive(node: Node, kind: number, start: number, end: number): boolean {
    switch (node.simple) {
      case S_TRIVIAL:
        return true;
      case S_STRING:
        return kind === K_STRING;
      case S_INTEGER: {
        // F_INTEGER: an integral, finite value (ajv's integer).
        if (kind !== K_NUMBER || (this.strFlags & F_INTEGER) === 0) return false;
        const v = this.numValue;
        return v >= node.lo && v <= node.hi && v > node.exLo && v < node.exHi;
      }
      case S_NUMBER: {
        const v = this.numValue;
        return (
          kind === K_NUMBER && Number.isFinite(v) && v >= node.lo && v <= node.hi && v > node.exLo && v < node.exHi
        );
      }
      case S_BOOLEAN:
        return kind === K_TRUE || kind === K_FALSE;
    }
    if (node.never) return false;
    const c = node.own;
    if (c !== undefined && !this.check(c, kind, start, end)) return false;
    const anyOf = node.anyOf;
    if (anyOf === undefined) return true;
    for (let i = 0; i < anyOf.length; i++) if (this.primitive(anyOf[i]!, kind, start, end)) return true;
    return false;
  }

  private check(c: Check, kind: number, start: number, end: number): boolean {
    const types = c.types;
    switch (kind) {
      case K_STRING: {
        if (types !== 0 && !(types & T_STRING)) return false;
        if (!c.stringChecks) return true;
        if (this.strFlags === 0) {
          // Plain ASCII, no escapes: the bytes are the string.
          const s0 = start + 1;
          const s1 = end - 1;
          if (
            c.enumStrings !== undefined &&
            c.enumStrings.find(hashBytes(this.b, s0, s1, c.enumStrings.mult), this.b, s0, s1) < 0
          )
            return false;
          const len = s1 - s0;
          if (len < c.minLength || len > c.maxLength) return false;
          if (c.patterns.length === 0 && c.format === undefined) return true;
          const byteTests = c.byteTests;
          if (byteTests !== undefined) {
            // Fixed-length patterns (UUIDs and other ids) straight on the bytes.
            for (let i = 0; i < byteTests.length; i++) if (!byteTests[i]!(this.b, s0, s1)) return false;
            if (c.format === undefined) return true;
          }
          const s = latin1Slice.call(this.b, s0, s1);
          if (byteTests === undefined)
            for (let i = 0; i < c.patterns.length; i++) if (!c.patterns[i]!.test(s)) return false;
          return c.format === undefined || c.format.test(s);
        }
        const s = JSON.parse(Buffer.prototype.toString.call(this.b, "utf8", start, end)) as string;
        if (c.enumSet !== undefined && !c.enumSet.has(s)) return false;
        if (c.minLength > 0 || c.maxLength !== Infinity) {
          const len = codePointLength(s);
          if (len < c.minLength || len > c.maxLength) return false;
        }
        for (let i = 0; i < c.patterns.length; i++) if (!c.patterns[i]!.test(s)) return false;
        return c.format === undefined || c.format.test(s);
      }
      case K_NUMBER: {
        const v = this.numValue;
        if (!Number.isFinite(v)) return false; // ajv (strictNumbers) rejects it; the exact path explains
        if (types !== 0 && !(types & T_NUMBER) && !(types & T_INTEGER && this.strFlags & F_INTEGER)) return false;
        if (c.enumSet !== undefined && !c.enumSet.has(v)) return false;
        return (
          v >= c.minimum &&
          v <= c.maximum &&
          v > c.exclusiveMinimum &&
          v < c.exclusiveMaximum &&
          (c.multipleOf === undefined || isMultipleOf(v, c.multipleOf))
        );
      }
      case K_NULL:
        if (types !== 0 && !(types & T_NULL)) return false;
        return c.enumSet === undefined || c.enumSet.has(null);
      default: {
        if (types !== 0 && !(types & T_BOOLEAN)) return false;
        return c.enumSet === undefined || c.enumSet.has(kind === K_TRUE);
      }
    }
  }

  /** Checks the object or array at `p` against `node`; the position after it, or -1. */
  private composite(node: Node, p: number, kind: number, depth: number): number {
    if (node.trivial) return this.skip(p, depth);
    if (node.never || depth >= MAX_DEPTH) return -1;
    let after = -1;
    const c = node.own;
    if (c !== undefined) {
      if (c.types !== 0 && !(c.types & (kind === K_OBJECT ? T_OBJECT : T_ARRAY))) return -1;
      if (c.enumSet !== undefined) return -1; // no object/array consts are compiled
      after =
        kind === K_OBJECT
          ? c.object
            ? this.object(c.object, p, depth)
            : this.skip(p, depth)
          : c.array
            ? this.array(c.array, p, depth)
            : this.skip(p, depth);
      if (after < 0) return -1;
    }
    const anyOf = node.anyOf;
    if (anyOf === undefined) return after;
    for (let i = 0; i < anyOf.length; i++) {
      const q = this.composite(anyOf[i]!, p, kind, depth);
      if (q >= 0) return q;
    }
    return -1;
  }

  /** Any JSON value at `p` against `node` (nested members). */
  private value(node: Node, p: number, depth: number): number {
    const c = this.b[p];
    if (c === 0x7b) return this.composite(node, p, K_OBJECT, depth + 1);
    if (c === 0x5b) return this.composite(node, p, K_ARRAY, depth + 1);
    let q: number;
    let kind: number;
    if (c === 0x22) {
      q = this.string(p);
      kind = K_STRING;
    } else if (c === 0x2d || (c !== undefined && c >= 0x30 && c <= 0x39)) {
      q = this.number(p);
      kind = K_NUMBER;
    } else {
      q = this.literal(p);
      kind = c === 0x74 ? K_TRUE : c === 0x66 ? K_FALSE : K_NULL;
    }
    if (q < 0) return -1;
    return this.primitive(node, kind, p, q) ? q : -1;
  }

  private object(shape: ObjectShape, p: number, depth: number): number {
    const b = this.b;
    const end = this.end;
    let seen = this.nestedSeen.get(shape);
    if (seen === undefined) this.nestedSeen.set(shape, (seen = new Int32Array(shape.nodes.length)));
    // A fresh stamp per visit (the counter is shared with the top level).
    const gen = this.nextGen();
    p = this.ws(p + 1);
    if (b[p] !== 0x7d) {
      for (;;) {
        if (b[p] !== 0x22) return -1;
        let q = p + 1;
        let h = 0;
        const mult = shape.table.mult;
        for (;;) {
          if (q >= end) return -1;
          const c = b[q]!;
          if (c === 0x22) break;
          if (c === 0x5c || c < 0x20) return -1;
          if (c >= 0x80) this.lineFlags |= F_NON_ASCII;
          h = (Math.imul(h, mult) + c) | 0;
          q++;
        }
        const k = shape.table.find(h, b, p + 1, q);
        let node: Node | undefined;
        if (k >= 0) {
          if (seen[k] === gen) return -1;
          seen[k] = gen;
          node = shape.nodes[k];
        } else {
          node = shape.additional;
        }
        if (node === undefined) return -1;
        p = this.ws(q + 1);
        if (b[p] !== 0x3a) return -1;
        p = this.value(node, this.ws(p + 1), depth);
        if (p < 0) return -1;
        p = this.ws(p);
        if (b[p] === 0x2c) {
          p = this.ws(p + 1);
          continue;
        }
        if (b[p] !== 0x7d) return -1;
        break;
      }
    }
    for (let i = 0; i < shape.required.length; i++) if (seen[shape.required[i]!] !== gen) return -1;
    return p + 1;
  }

  private array(shape: ArrayShape, p: number, depth: number): number {
    const b = this.b;
    let count = 0;
    p = this.ws(p + 1);
    if (b[p] !== 0x5d) {
      for (;;) {
        p = this.value(shape.items, p, depth);
        if (p < 0) return -1;
        count++;
        p = this.ws(p);
        if (b[p] === 0x2c) {
          p = this.ws(p + 1);
          continue;
        }
        if (b[p] !== 0x5d) return -1;
        break;
      }
    }
    return count >= shape.minItems && count <= shape.maxItems ? p + 1 : -1;
  }
}

/**
 * Names found by their length and first and last four bytes (one probe), then confirmed
 * four bytes at a time: cheaper than hashing every byte for long dotted names such as
 * event names, which mostly differ at their ends.
 */
export class EdgeTable {
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly hashes: Int32Array;
  private readonly words: Int32Array[];
  private readonly bytes: Uint8Array[];
  /** Names under four bytes: hashed byte by byte (`shortIndex`: their indexes in `names`). */
  private readonly short: NameTable;
  private readonly shortIndex: readonly number[];

  constructor(names: readonly string[]) {
    this.bytes = names.map((n) => Buffer.from(n, "utf8"));
    this.shortIndex = names.flatMap((_, i) => (this.bytes[i]!.length < 4 ? [i] : []));
    this.short = new NameTable(this.shortIndex.map((i) => names[i]!));
    let size = 8;
    while (size < names.length * 4) size *= 2;
    this.mask = size - 1;
    this.slots = new Int32Array(size);
    this.hashes = new Int32Array(names.length);
    this.words = this.bytes.map((b) => {
      const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
      return Int32Array.from({ length: b.length >> 2 }, (_, k) => view.getInt32(k * 4, true));
    });
    this.bytes.forEach((b, i) => {
      if (b.length < 4) return;
      const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
      const h = edgeHash(b.length, view.getInt32(0, true), view.getInt32(b.length - 4, true));
      this.hashes[i] = h;
      let slot = h & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = i + 1;
    });
  }

  /** The index of the name whose bytes are b[start, end) (`dv` views `b`), or -1. */
  find(dv: DataView, b: Uint8Array, start: number, end: number): number {
    const n = end - start;
    if (n < 4) {
      const k = this.short.find(hashBytes(b, start, end, this.short.mult), b, start, end);
      return k < 0 ? -1 : this.shortIndex[k]!;
    }
    const h = edgeHash(n, dv.getInt32(start, true), dv.getInt32(end - 4, true));
    const slots = this.slots;
    const mask = this.mask;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const v = slots[slot]!;
      if (v === 0) return -1;
      if (this.hashes[v - 1] !== h) continue;
      const name = this.bytes[v - 1]!;
      if (name.length !== n) continue;
      const words = this.words[v - 1]!;
      let k = 0;
      for (; k < words.length; k++) if (dv.getInt32(start + k * 4, true) !== words[k]) break;
      if (k < words.length) continue;
      for (let j = words.length * 4; j < n; j++) if (name[j] !== b[start + j]) return -1;
      return v - 1;
    }
  }
}

function edgeHash(length: number, first: number, last: number): number {
  let h = Math.imul(length, 0x9e3779b1) ^ first;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) ^ last;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}
