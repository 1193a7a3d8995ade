/**
 * A linear-time stand-in for `RegExp#test`, for every `pattern` logpact checks log values
 * against. V8's RegExp backtracks: `^(a+)+$` on 28 `a`s and a `!` took 11 s per value, so
 * one log line could stall a CI job. This engine runs a Thompson NFA (a Pike VM without
 * captures): time is O(pattern states × value length) whatever the pattern.
 *
 * The pattern's syntax is split into atoms by pattern-syntax.ts (the parser byte-pattern.ts
 * shares), but what one atom matches (a class, `\s`,
 * `\p{L}`, `.`, a literal under the `i` flag) is decided by V8 itself, testing one
 * character against `^(?:atom)$`: constant time per character (a single atom cannot
 * backtrack), and exactly the RegExp's meaning. ASCII characters are tested once per atom
 * into a table.
 *
 * Back-references and look-arounds cannot be run in linear time: `linearRegExp` throws
 * UnsafePatternError for them (the registry check LP_UNSAFE_PATTERN reports them at `gen`).
 */

import {
  MAX_PATTERN_STATES,
  UnsafePatternError,
  asciiMatches,
  atomRegExp,
  parsePattern,
  type PatternAst as Ast,
} from "./pattern-syntax.js";

/** What `pattern` checks need of a RegExp. */
export interface PatternTest {
  readonly source: string;
  readonly flags: string;
  test(value: string): boolean;
  toString(): string;
}

/** Why `source` cannot run in linear time, or undefined (a syntax error is the RegExp's own). */
export function unsafePatternReason(source: string, flags = "u"): string | undefined {
  try {
    compile(source, flags);
    return undefined;
  } catch (e) {
    if (e instanceof UnsafePatternError) return e.reason;
    throw e;
  }
}

const cache = new Map<string, PatternTest>();

/** A linear-time `test` with the meaning of `new RegExp(source, flags).test`. Throws UnsafePatternError. */
export function linearRegExp(source: string, flags: string): PatternTest {
  const key = `${flags}/${source}`;
  let re = cache.get(key);
  if (re === undefined) {
    re = compile(source, flags);
    if (cache.size > 10_000) cache.clear();
    cache.set(key, re);
  }
  return re;
}

// ---------------------------------------------------------------- NFA

const CHAR = 0;
const SPLIT = 1;
const ASSERT = 2;
const MATCH = 3;

interface Pred {
  readonly ascii: Uint8Array;
  readonly other: (c: number) => boolean;
}

function compile(source: string, flags: string): PatternTest {
  const ast = parsePattern(source, flags);
  const unicode = flags.includes("u") || flags.includes("v");
  const multiline = flags.includes("m");
  const unsafe = (reason: string): never => {
    throw new UnsafePatternError(source, reason);
  };

  const type: number[] = [];
  const out1: number[] = [];
  const out2: number[] = [];
  const arg: number[] = [];
  const preds: Pred[] = [];
  const predIds = new Map<string, number>();
  const state = (t: number, a: number, o1: number, o2: number): number => {
    if (type.length >= MAX_PATTERN_STATES) unsafe(`more than ${MAX_PATTERN_STATES} states (large repeat counts)`);
    type.push(t);
    arg.push(a);
    out1.push(o1);
    out2.push(o2);
    return type.length - 1;
  };
  const predOf = (raw: string): number => {
    let id = predIds.get(raw);
    if (id === undefined) {
      const one = atomRegExp(raw, flags);
      const ascii = asciiMatches(one);
      const seen = new Map<number, boolean>();
      const other = (c: number): boolean => {
        let r = seen.get(c);
        if (r === undefined) {
          r = one.test(unicode ? String.fromCodePoint(c) : String.fromCharCode(c));
          if (seen.size < 4096) seen.set(c, r);
        }
        return r;
      };
      id = preds.length;
      preds.push({ ascii, other });
      predIds.set(raw, id);
    }
    return id;
  };
  const ASSERTS = { "^": 0, $: 1, b: 2, B: 3 } as const;
  // Built back to front: `next` is where a fragment continues.
  const build = (node: Ast, next: number): number => {
    switch (node.k) {
      case "atom":
        return state(CHAR, predOf(node.raw), next, -1);
      case "assert":
        return state(ASSERT, ASSERTS[node.a], next, -1);
      case "seq": {
        let at = next;
        for (let k = node.items.length - 1; k >= 0; k--) at = build(node.items[k]!, at);
        return at;
      }
      case "alt": {
        let at = build(node.alts[node.alts.length - 1]!, next);
        for (let k = node.alts.length - 2; k >= 0; k--) at = state(SPLIT, 0, build(node.alts[k]!, next), at);
        return at;
      }
      case "rep": {
        let at = next;
        if (node.max === Infinity) {
          const loop = state(SPLIT, 0, -1, next);
          out1[loop] = build(node.node, loop);
          at = loop;
        } else {
          // x{0,3} = (x(x(x)?)?)?: each optional copy may skip straight to `next`.
          for (let k = node.min; k < node.max; k++) at = state(SPLIT, 0, build(node.node, at), next);
        }
        for (let k = 0; k < node.min; k++) at = build(node.node, at);
        return at;
      }
    }
  };
  const match = state(MATCH, 0, -1, -1);
  const start = build(ast, match);
  const anchored = !multiline && startsAnchored(ast);
  return new PikeVm(source, flags, { type, out1, out2, arg }, preds, start, unicode, multiline, anchored);
}

/** Whether every match must begin at position 0 (`^…` outside multiline alternation). */
function startsAnchored(node: Ast): boolean {
  if (node.k === "assert") return node.a === "^";
  if (node.k === "seq") return node.items.length > 0 && startsAnchored(node.items[0]!);
  if (node.k === "alt") return node.alts.every(startsAnchored);
  return false;
}

const WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) WORD[c] = /\w/.test(String.fromCharCode(c)) ? 1 : 0;

class PikeVm implements PatternTest {
  private readonly type: Int8Array;
  private readonly out1: Int32Array;
  private readonly out2: Int32Array;
  private readonly arg: Int32Array;
  private readonly mark: Int32Array;
  private gen = 0;
  private cur: Int32Array;
  private nxt: Int32Array;
  private readonly stack: Int32Array;

  constructor(
    readonly source: string,
    readonly flags: string,
    nfa: { type: number[]; out1: number[]; out2: number[]; arg: number[] },
    private readonly preds: readonly Pred[],
    private readonly start: number,
    private readonly unicode: boolean,
    private readonly multiline: boolean,
    private readonly anchored: boolean,
  ) {
    this.type = Int8Array.from(nfa.type);
    this.out1 = Int32Array.from(nfa.out1);
    this.out2 = Int32Array.from(nfa.out2);
    this.arg = Int32Array.from(nfa.arg);
    const n = nfa.type.length;
    this.mark = new Int32Array(n);
    this.cur = new Int32Array(n);
    this.nxt = new Int32Array(n);
    this.stack = new Int32Array(2 * n + 2);
  }

  /** ajv keys its compiled patterns by this: two patterns must never share one. */
  toString(): string {
    return `/${this.source}/${this.flags}`;
  }

  test(value: string): boolean {
    const chars = this.unicode ? Array.from(value, (ch) => ch.codePointAt(0)!) : undefined;
    const n = chars ? chars.length : value.length;
    const at = (i: number): number => (i < 0 || i >= n ? -1 : chars ? chars[i]! : value.charCodeAt(i));
    if (this.gen > 0x3fffffff) {
      this.mark.fill(0);
      this.gen = 0;
    }
    let curLen = 0;
    this.gen++;
    for (let i = 0; ; i++) {
      // The start state joins the threads carried over from the previous step, under the same generation.
      if (i === 0 || !this.anchored) {
        const r = this.add(this.cur, curLen, this.start, i, at);
        if (r < 0) return true;
        curLen = r;
      }
      if (curLen === 0 && (this.anchored || i >= n)) return false;
      if (i >= n) return false;
      const c = at(i);
      this.gen++; // the generation of the list for position i + 1
      let nextLen = 0;
      for (let k = 0; k < curLen; k++) {
        const s = this.cur[k]!;
        const pred = this.preds[this.arg[s]!]!;
        if (c < 128 ? pred.ascii[c] === 1 : pred.other(c)) {
          const r = this.add(this.nxt, nextLen, this.out1[s]!, i + 1, at);
          if (r < 0) return true;
          nextLen = r;
        }
      }
      const t = this.cur;
      this.cur = this.nxt;
      this.nxt = t;
      curLen = nextLen;
    }
  }

  /** Adds the epsilon closure of `s` at position `i` to `list`; -1 when MATCH is reached. */
  private add(list: Int32Array, len: number, s0: number, i: number, at: (i: number) => number): number {
    const { type, out1, out2, arg, mark, stack } = this;
    const gen = this.gen;
    let sp = 0;
    stack[sp++] = s0;
    while (sp > 0) {
      const s = stack[--sp]!;
      if (s < 0 || mark[s] === gen) continue;
      mark[s] = gen;
      switch (type[s]) {
        case CHAR:
          list[len++] = s;
          break;
        case MATCH:
          return -1;
        case SPLIT:
          stack[sp++] = out2[s]!;
          stack[sp++] = out1[s]!;
          break;
        case ASSERT:
          if (this.holds(arg[s]!, i, at)) stack[sp++] = out1[s]!;
          break;
      }
    }
    return len;
  }

  private holds(a: number, i: number, at: (i: number) => number): boolean {
    const prev = at(i - 1);
    const next = at(i);
    switch (a) {
      case 0:
        return prev === -1 || (this.multiline && isLineTerminator(prev));
      case 1:
        return next === -1 || (this.multiline && isLineTerminator(next));
      default: {
        const w = (c: number) => c >= 0 && c < 128 && WORD[c] === 1;
        const boundary = w(prev) !== w(next);
        return a === 2 ? boundary : !boundary;
      }
    }
  }
}

function isLineTerminator(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
}
