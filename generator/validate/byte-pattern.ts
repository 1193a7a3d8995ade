/**
 * `pattern`s tested straight on bytes, for the byte-level fast path. Most patterns in log
 * schemas are anchored and ASCII-only: Zod's `uuid`, `guid`, `nanoid`, `ulid`, `xid`,
 * `ksuid`, `cuid2`, its ISO `datetime`/`date`/`time`, `ipv4`, or a hand-written
 * `^peer_[0-9a-f]{6}$`. Such a pattern is compiled once into a DFA over ASCII (one table
 * load per byte, no backtracking) and run on the value's bytes, instead of decoding the
 * value to a string and running the RegExp: slicing the string and calling the RegExp was
 * the most expensive part of a line carrying a UUID or a timestamp.
 *
 * The pattern is parsed by pattern-syntax.ts (the parser linear-regexp.ts uses too); each
 * atom (a literal, a class, an escape such as `\d`, `\s`, `.` or `\p{L}`) becomes the set of
 * ASCII characters the RegExp itself says it matches. Compiled: `^…$` around atoms, groups
 * with `|`, and the quantifiers `?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}` (greedy or lazy: a
 * yes/no test does not care). Anything else (look-arounds, back-references, anchors or
 * `\b` inside, a syntax error, flags other than `u`) gives undefined and the RegExp is used,
 * so the verdict never depends on this module getting a pattern half right; so does a
 * pattern whose DFA would be too big. The test is only applied to values that are plain
 * ASCII with no JSON escapes (their bytes are their characters); the test suite compares
 * it with the RegExp on generated and mutated strings for every pattern shape it accepts.
 */
import { asciiMatches, atomRegExp, parsePattern, type PatternAst } from "./pattern-syntax.js";

/** Whether the bytes b[start, end) (ASCII, no escapes) match the pattern. */
export type ByteTest = (b: Uint8Array, start: number, end: number) => boolean;

/** Limits beyond which the RegExp is kept. */
const MAX_NFA_STATES = 2048;
const MAX_DFA_STATES = 512;
const MAX_REPEAT = 1000;

class NotCompiled extends Error {}

type Ast =
  | { readonly k: "set"; readonly t: Uint8Array }
  | { readonly k: "seq"; readonly items: readonly Ast[] }
  | { readonly k: "alt"; readonly alts: readonly Ast[] }
  | { readonly k: "rep"; readonly node: Ast; readonly min: number; readonly max: number };

/** Character sets by content: a pattern repeating `[0-9a-f]` shares one table. */
const tableCache = new Map<string, Uint8Array>();

function table(t: Uint8Array): Uint8Array {
  const key = t.join("");
  const shared = tableCache.get(key);
  if (shared !== undefined) return shared;
  tableCache.set(key, t);
  return t;
}

/**
 * A byte test equivalent to `new RegExp(source, flags).test(value)` for ASCII values
 * without escapes, or undefined when the pattern is outside the compiled subset.
 */
export function compileBytePattern(source: string, flags = "u"): ByteTest | undefined {
  const key = `${flags}/${source}`;
  let test = compiled.get(key);
  if (test === undefined) {
    try {
      test = lazyDfaTest(source, flags, parse(source, flags));
    } catch (e) {
      if (!(e instanceof NotCompiled)) throw e;
      test = null;
    }
    compiled.set(key, test);
  }
  return test ?? undefined;
}

/** Node's `Buffer#latin1Slice` (ASCII bytes → string), for the RegExp fallback. */
const latin1Slice = (
  Buffer.prototype as unknown as { latin1Slice(this: Uint8Array, start: number, end: number): string }
).latin1Slice;

/**
 * The DFA is built on the first value tested (a few milliseconds per pattern, paid only
 * for patterns a log actually carries); a pattern whose DFA turns out too big keeps the
 * RegExp.
 */
function lazyDfaTest(source: string, flags: string, ast: Ast): ByteTest {
  let test: ByteTest | undefined;
  return (b, start, end) => {
    if (test === undefined) {
      try {
        test = dfaTest(toDfa(ast));
      } catch (e) {
        if (!(e instanceof NotCompiled)) throw e;
        const re = new RegExp(source, flags);
        test = (bytes, s, e2) => re.test(latin1Slice.call(bytes, s, e2));
      }
    }
    return test(b, start, end);
  };
}

/** Per flags and source: the same id pattern recurs across a registry's events (null: not compiled). */
const compiled = new Map<string, ByteTest | null>();

// ---------------------------------------------------------------- from the shared syntax tree

/**
 * The pattern as character sets over ASCII: pattern-syntax.ts parses it (the parser
 * linear-regexp.ts uses), each atom becomes the set of ASCII characters it matches. Only
 * `^…$` around the whole pattern is compiled: other assertions, and patterns the parser
 * refuses (back-references, look-arounds, syntax errors), stay with the RegExp.
 */
function parse(source: string, flags: string): Ast {
  let tree: PatternAst;
  try {
    tree = parsePattern(source, flags);
  } catch {
    throw new NotCompiled();
  }
  const items = tree.k === "seq" ? tree.items : [];
  const first = items[0];
  const last = items[items.length - 1];
  if (items.length < 2 || first?.k !== "assert" || first.a !== "^" || last?.k !== "assert" || last.a !== "$")
    throw new NotCompiled(); // unanchored, or ^a|b$ (which is (^a)|(b$))
  return sets({ k: "seq", items: items.slice(1, -1) }, flags);
}

function sets(node: PatternAst, flags: string): Ast {
  switch (node.k) {
    case "atom":
      return { k: "set", t: table(asciiMatches(atomRegExp(node.raw, flags))) };
    case "seq":
      return { k: "seq", items: node.items.map((n) => sets(n, flags)) };
    case "alt":
      return { k: "alt", alts: node.alts.map((n) => sets(n, flags)) };
    case "rep":
      if (node.min > MAX_REPEAT || (node.max !== Infinity && node.max > MAX_REPEAT)) throw new NotCompiled();
      return { k: "rep", node: sets(node.node, flags), min: node.min, max: node.max };
    case "assert":
      throw new NotCompiled(); // an anchor or \b inside
  }
}

// ---------------------------------------------------------------- NFA → DFA

interface Nfa {
  /** Per state: epsilon successors. */
  readonly eps: number[][];
  /** Per state: [character table, successor] pairs. */
  readonly edges: [Uint8Array, number][][];
  readonly accept: number;
}

/** Thompson's construction: state 0 is the start. */
function toNfa(ast: Ast): Nfa {
  const eps: number[][] = [];
  const edges: [Uint8Array, number][][] = [];
  const state = (): number => {
    if (eps.length >= MAX_NFA_STATES) throw new NotCompiled();
    eps.push([]);
    edges.push([]);
    return eps.length - 1;
  };
  const build = (node: Ast, from: number): number => {
    switch (node.k) {
      case "set": {
        const to = state();
        edges[from]!.push([node.t, to]);
        return to;
      }
      case "seq": {
        let at = from;
        for (const item of node.items) at = build(item, at);
        return at;
      }
      case "alt": {
        const out = state();
        for (const alt of node.alts) {
          const s = state();
          eps[from]!.push(s);
          eps[build(alt, s)]!.push(out);
        }
        return out;
      }
      case "rep": {
        let at = from;
        for (let k = 0; k < node.min; k++) at = build(node.node, at);
        const out = state();
        if (node.max === Infinity) {
          const loop = state();
          eps[at]!.push(loop);
          eps[loop]!.push(out);
          eps[build(node.node, loop)]!.push(loop);
        } else {
          for (let k = node.min; k < node.max; k++) {
            eps[at]!.push(out);
            at = build(node.node, at);
          }
          eps[at]!.push(out);
        }
        return out;
      }
    }
  };
  const start = state();
  const accept = build(ast, start);
  return { eps, edges, accept };
}

interface Dfa {
  /** (state << 7 | byte) → next state, or -1. */
  readonly next: Int32Array;
  readonly accepting: Uint8Array;
}

/** Subset construction over the 128 ASCII bytes; state 0 is the start. */
function toDfa(ast: Ast): Dfa {
  const nfa = toNfa(ast);
  const n = nfa.eps.length;
  const words = (n + 31) >>> 5;
  // Each NFA state's epsilon closure, as a bit set, worked out once.
  const closures = nfa.eps.map((_, start) => {
    const bits = new Uint32Array(words);
    const stack = [start];
    while (stack.length > 0) {
      const s = stack.pop()!;
      if (bits[s >>> 5]! & (1 << (s & 31))) continue;
      bits[s >>> 5]! |= 1 << (s & 31);
      for (const t of nfa.eps[s]!) stack.push(t);
    }
    return bits;
  });
  const members = (bits: Uint32Array): number[] => {
    const out: number[] = [];
    for (let w = 0; w < words; w++)
      for (let x = bits[w]!; x !== 0; x &= x - 1) out.push((w << 5) | (31 - Math.clz32(x & -x)));
    return out;
  };
  const sets: number[][] = [];
  const ids = new Map<string, number>();
  const idOf = (bits: Uint32Array): number => {
    const key = bits.join(",");
    let id = ids.get(key);
    if (id === undefined) {
      if (sets.length >= MAX_DFA_STATES) throw new NotCompiled();
      id = sets.length;
      ids.set(key, id);
      sets.push(members(bits));
    }
    return id;
  };
  idOf(closures[0]!);
  // Bytes that every table treats alike go together: transitions are worked out once per
  // such class (a handful), not once per byte.
  const tables = [...new Set(nfa.edges.flatMap((e) => e.map(([t]) => t)))];
  const classOf = new Int32Array(128);
  const representatives: number[] = [];
  const bySignature = new Map<string, number>();
  for (let c = 0; c < 128; c++) {
    const signature = tables.map((t) => t[c]).join("");
    let k = bySignature.get(signature);
    if (k === undefined) {
      k = representatives.length;
      bySignature.set(signature, k);
      representatives.push(c);
    }
    classOf[c] = k;
  }
  const rows: Int32Array[] = [];
  for (let d = 0; d < sets.length; d++) {
    const perClass = representatives.map((c) => {
      const bits = new Uint32Array(words);
      let any = false;
      for (const s of sets[d]!) {
        for (const [t, to] of nfa.edges[s]!) {
          if (t[c] !== 1) continue;
          any = true;
          const add = closures[to]!;
          for (let w = 0; w < words; w++) bits[w]! |= add[w]!;
        }
      }
      return any ? idOf(bits) : -1;
    });
    rows.push(Int32Array.from(classOf, (k) => perClass[k]!));
  }
  const next = new Int32Array(sets.length * 128);
  rows.forEach((row, d) => next.set(row, d * 128));
  const accepting = Uint8Array.from(sets, (set) => (set.includes(nfa.accept) ? 1 : 0));
  return { next, accepting };
}

function dfaTest({ next, accepting }: Dfa): ByteTest {
  return (b, start, end) => {
    let s = 0;
    for (let i = start; i < end; i++) {
      const c = b[i]!;
      if (c >= 128) return false;
      s = next[(s << 7) | c]!;
      if (s < 0) return false;
    }
    return accepting[s] === 1;
  };
}
