/**
 * `pattern`s tested straight on bytes, for the byte-level fast path. Most patterns in log
 * schemas are anchored and ASCII-only: Zod's `uuid`, `guid`, `nanoid`, `ulid`, `xid`,
 * `ksuid`, `cuid2`, its ISO `datetime`/`date`/`time`, `ipv4`, or a hand-written
 * `^peer_[0-9a-f]{6}$`. Such a pattern is compiled once into a DFA over ASCII (one table
 * load per byte, no backtracking) and run on the value's bytes, instead of decoding the
 * value to a string and running the RegExp: slicing the string and calling the RegExp was
 * the most expensive part of a line carrying a UUID or a timestamp.
 *
 * Only a subset is compiled: `^…$` around literals, `\d`, `\w`, escaped punctuation,
 * character classes (ranges, negation), groups (capturing or not) with `|`, and the
 * quantifiers `?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}` (greedy or lazy: a yes/no test does
 * not care). Anything else (look-arounds, back-references, `.`, `\s`, `\p{…}`,
 * non-ASCII, anchors inside, flags other than `u`) gives undefined and the RegExp is used,
 * so the verdict never depends on this module getting a pattern half right; so does a
 * pattern whose DFA would be too big. The test is only applied to values that are plain
 * ASCII with no JSON escapes (their bytes are their characters); the test suite compares
 * it with the RegExp on generated and mutated strings for every pattern shape it accepts.
 */

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

const DIGITS = range(0x30, 0x39);
const WORD = [...range(0x30, 0x39), ...range(0x41, 0x5a), ...range(0x61, 0x7a), 0x5f];
/** Characters that are literal when escaped (u-mode "syntax characters" and `/`). */
const ESCAPABLE = new Set("^$\\.*+?()[]{}|/");
/** Characters that are not literal unescaped outside a class. */
const SPECIAL = new Set("^$\\.*+?()[]{}|");

function range(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let c = lo; c <= hi; c++) out.push(c);
  return out;
}

/** Character sets by content: a pattern repeating `[0-9a-f]` shares one table. */
const tableCache = new Map<string, Uint8Array>();

function table(codes: Iterable<number>, negate = false): Uint8Array {
  const t = new Uint8Array(128);
  for (const c of codes) t[c] = 1;
  if (negate) for (let c = 0; c < 128; c++) t[c] = 1 - t[c]!;
  const key = t.join("");
  const shared = tableCache.get(key);
  if (shared !== undefined) return shared;
  tableCache.set(key, t);
  return t;
}

/**
 * A byte test equivalent to `new RegExp(source, "u").test(value)` for ASCII values
 * without escapes, or undefined when the pattern is outside the compiled subset.
 */
export function compileBytePattern(source: string): ByteTest | undefined {
  let test = compiled.get(source);
  if (test === undefined) {
    try {
      test = lazyDfaTest(source, parse(source));
    } catch (e) {
      if (!(e instanceof NotCompiled)) throw e;
      test = null;
    }
    compiled.set(source, test);
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
function lazyDfaTest(source: string, ast: Ast): ByteTest {
  let test: ByteTest | undefined;
  return (b, start, end) => {
    if (test === undefined) {
      try {
        test = dfaTest(toDfa(ast));
      } catch (e) {
        if (!(e instanceof NotCompiled)) throw e;
        const re = new RegExp(source, "u");
        test = (bytes, s, e2) => re.test(latin1Slice.call(bytes, s, e2));
      }
    }
    return test(b, start, end);
  };
}

/** Per source: the same id pattern recurs across a registry's events (null: not compiled). */
const compiled = new Map<string, ByteTest | null>();

// ---------------------------------------------------------------- parsing

function parse(source: string): Ast {
  if (!source.startsWith("^") || !source.endsWith("$") || source.endsWith("\\$") || source.length < 2)
    throw new NotCompiled();
  const p = new Parser(source.slice(1, -1));
  const ast = p.alternation();
  if (p.i !== p.src.length) throw new NotCompiled(); // a stray `)`
  if (ast.k === "alt") throw new NotCompiled(); // ^a|b$ is (^a)|(b$)
  return ast;
}

class Parser {
  i = 0;
  constructor(readonly src: string) {}

  alternation(): Ast {
    const alts = [this.sequence()];
    while (this.src[this.i] === "|") {
      this.i++;
      alts.push(this.sequence());
    }
    return alts.length === 1 ? alts[0]! : { k: "alt", alts };
  }

  private sequence(): Ast {
    const items: Ast[] = [];
    while (this.i < this.src.length && this.src[this.i] !== "|" && this.src[this.i] !== ")")
      items.push(this.quantified());
    return { k: "seq", items };
  }

  private quantified(): Ast {
    const node = this.atom();
    const rest = this.src.slice(this.i);
    let min: number;
    let max: number;
    const braces = /^\{(\d+)(,(\d*))?\}/.exec(rest);
    if (braces) {
      min = Number(braces[1]);
      max = braces[2] === undefined ? min : braces[3] === "" ? Infinity : Number(braces[3]);
      this.i += braces[0].length;
    } else if (rest[0] === "?" || rest[0] === "*" || rest[0] === "+") {
      min = rest[0] === "+" ? 1 : 0;
      max = rest[0] === "?" ? 1 : Infinity;
      this.i++;
    } else {
      return node;
    }
    if (min > MAX_REPEAT || (max !== Infinity && (max > MAX_REPEAT || max < min))) throw new NotCompiled();
    if (this.src[this.i] === "?") this.i++; // lazy: same yes/no answer
    return { k: "rep", node, min, max };
  }

  private atom(): Ast {
    const src = this.src;
    const c = src[this.i]!;
    if (c === "(") {
      if (src.startsWith("(?:", this.i)) this.i += 3;
      else if (src[this.i + 1] === "?")
        throw new NotCompiled(); // look-around, named group
      else this.i++;
      const inner = this.alternation();
      if (src[this.i] !== ")") throw new NotCompiled();
      this.i++;
      return inner;
    }
    if (c === "[") return { k: "set", t: this.charClass() };
    if (c === "\\") {
      const e = src[this.i + 1];
      this.i += 2;
      if (e === "d") return { k: "set", t: table(DIGITS) };
      if (e === "w") return { k: "set", t: table(WORD) };
      if (e !== undefined && ESCAPABLE.has(e)) return { k: "set", t: table([e.charCodeAt(0)]) };
      throw new NotCompiled(); // \s, \b, \D, \x41, \1, \p{…}…
    }
    if (SPECIAL.has(c) || !printable(c)) throw new NotCompiled();
    this.i++;
    return { k: "set", t: table([c.charCodeAt(0)]) };
  }

  /** A `[...]` class at `i`: its table; `i` moves past its `]`. */
  private charClass(): Uint8Array {
    const src = this.src;
    let i = this.i + 1;
    let negate = false;
    if (src[i] === "^") {
      negate = true;
      i++;
    }
    const codes: number[] = [];
    let first = true;
    for (;;) {
      if (i >= src.length) throw new NotCompiled();
      const c = src[i]!;
      if (c === "]") {
        if (first) throw new NotCompiled(); // `[]` and `[^]` (JavaScript's empty and any-character classes)
        this.i = i + 1;
        return table(codes, negate);
      }
      first = false;
      let lo: number;
      if (c === "\\") {
        const e = src[i + 1];
        if (e === undefined) throw new NotCompiled();
        i += 2;
        if (e === "d" || e === "w") {
          codes.push(...(e === "d" ? DIGITS : WORD));
          if (src[i] === "-" && src[i + 1] !== "]") throw new NotCompiled(); // [\d-x]
          continue;
        }
        if (!ESCAPABLE.has(e) && e !== "-") throw new NotCompiled();
        lo = e.charCodeAt(0);
      } else {
        if (c === "[" || !printable(c)) throw new NotCompiled();
        lo = c.charCodeAt(0);
        i++;
      }
      // A range `lo-hi` (a `-` before `]` is a literal).
      if (src[i] === "-" && src[i + 1] !== undefined && src[i + 1] !== "]") {
        let hi: number;
        const h = src[i + 1]!;
        if (h === "\\") {
          const e = src[i + 2];
          if (e === undefined || !(ESCAPABLE.has(e) || e === "-")) throw new NotCompiled();
          hi = e.charCodeAt(0);
          i += 3;
        } else {
          if (h === "[" || !printable(h)) throw new NotCompiled();
          hi = h.charCodeAt(0);
          i += 2;
        }
        if (hi < lo) throw new NotCompiled();
        codes.push(...range(lo, hi));
      } else {
        codes.push(lo);
      }
    }
  }
}

function printable(c: string): boolean {
  const code = c.charCodeAt(0);
  return code >= 0x20 && code < 0x7f;
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
