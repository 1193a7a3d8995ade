/**
 * Fixed-length patterns tested straight on bytes, for the byte-level fast path: a
 * `pattern` such as Zod's `z.uuid()`, `z.guid()`, `z.nanoid()`, `z.ulid()`, `z.xid()`,
 * `z.ksuid()` or a hand-written `^peer_[0-9a-f]{6}$` is, once anchored, a choice of
 * fixed-length sequences of ASCII character sets. Such a pattern is checked here byte by
 * byte (a length compare, then one table load per byte) instead of decoding the value to
 * a string and running the RegExp, which was about a tenth of the time of a line that
 * carries a UUID.
 *
 * Only that subset is compiled; anything else (other quantifiers, nested groups,
 * look-arounds, `.`, flags-sensitive escapes, non-ASCII) gives undefined and the RegExp
 * is used, so the verdict never depends on this module getting a pattern half right.
 * The test is only ever applied to values that are plain ASCII with no JSON escapes
 * (their bytes are their characters); the test suite compares it with the RegExp on
 * generated and mutated strings for every pattern shape it accepts.
 */

/** Whether the bytes b[start, end) (ASCII, no escapes) match the pattern. */
export type ByteTest = (b: Uint8Array, start: number, end: number) => boolean;

/** Longest alternative compiled (longer fixed patterns keep the RegExp). */
const MAX_LENGTH = 256;

class NotCompiled extends Error {}

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

/**
 * A byte test equivalent to `new RegExp(source, "u").test(value)` for ASCII values, or
 * undefined when the pattern is not an anchored choice of fixed-length character-set
 * sequences.
 */
export function compileBytePattern(source: string): ByteTest | undefined {
  try {
    const alternatives = parse(source);
    return build(alternatives);
  } catch (e) {
    if (e instanceof NotCompiled) return undefined;
    throw e;
  }
}

/** Per alternative: per position, the 128-entry membership table of its character set. */
function parse(source: string): Uint8Array[][] {
  if (!source.startsWith("^") || !source.endsWith("$") || source.endsWith("\\$")) throw new NotCompiled();
  let body = source.slice(1, -1);
  // One group around the whole body: `(a|b)` or `(?:a|b)`.
  let grouped = false;
  if (body.startsWith("(?:") && closesAtEnd(body, 0)) {
    body = body.slice(3, -1);
    grouped = true;
  } else if (body.startsWith("(") && !body.startsWith("(?") && closesAtEnd(body, 0)) {
    body = body.slice(1, -1);
    grouped = true;
  }
  const alternatives = splitAlternatives(body);
  if (alternatives.length > 1 && !grouped) throw new NotCompiled(); // ^a|b$ is (^a)|(b$)
  return alternatives.map(sequence);
}

/** Whether the group opening at body[open] closes at the body's last character. */
function closesAtEnd(body: string, open: number): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < body.length; i++) {
    const c = body[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      continue;
    }
    if (c === "[") inClass = true;
    else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i === body.length - 1;
  }
  return false;
}

/** Splits on top-level `|`; a nested group is not compiled. */
function splitAlternatives(body: string): string[] {
  const out: string[] = [];
  let inClass = false;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      continue;
    }
    if (c === "[") inClass = true;
    else if (c === "(" || c === ")") throw new NotCompiled();
    else if (c === "|") {
      out.push(body.slice(start, i));
      start = i + 1;
    }
  }
  out.push(body.slice(start));
  return out;
}

function table(codes: Iterable<number>, negate = false): Uint8Array {
  const t = new Uint8Array(128);
  for (const c of codes) t[c] = 1;
  if (negate) for (let c = 0; c < 128; c++) t[c] = 1 - t[c]!;
  return t;
}

/** One alternative: atoms, each optionally repeated `{n}` times. */
function sequence(text: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  let i = 0;
  while (i < text.length) {
    let set: Uint8Array;
    const c = text[i]!;
    if (c === "[") {
      const [t, next] = charClass(text, i + 1);
      set = t;
      i = next;
    } else if (c === "\\") {
      const e = text[i + 1];
      if (e === undefined) throw new NotCompiled();
      if (e === "d") set = table(DIGITS);
      else if (e === "w") set = table(WORD);
      else if (ESCAPABLE.has(e)) set = table([e.charCodeAt(0)]);
      else throw new NotCompiled();
      i += 2;
    } else {
      if (SPECIAL.has(c) || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) >= 0x7f) throw new NotCompiled();
      set = table([c.charCodeAt(0)]);
      i++;
    }
    let count = 1;
    if (text[i] === "{") {
      const m = /^\{(\d+)\}/.exec(text.slice(i));
      if (!m) throw new NotCompiled(); // {n,m}, {n,}: not a fixed length
      count = Number(m[1]);
      i += m[0].length;
    } else if (text[i] === "*" || text[i] === "+" || text[i] === "?") {
      throw new NotCompiled();
    }
    if (out.length + count > MAX_LENGTH) throw new NotCompiled();
    for (let k = 0; k < count; k++) out.push(set);
  }
  return out;
}

/** A `[...]` class starting after its `[`: its table and the index after its `]`. */
function charClass(text: string, i: number): [Uint8Array, number] {
  let negate = false;
  if (text[i] === "^") {
    negate = true;
    i++;
  }
  const codes: number[] = [];
  let first = true;
  for (;;) {
    if (i >= text.length) throw new NotCompiled();
    const c = text[i]!;
    if (c === "]") {
      if (first) throw new NotCompiled(); // `[]` and `[^]` (JavaScript's empty and any-character classes)
      return [table(codes, negate), i + 1];
    }
    first = false;
    // One member: a character or an escape.
    let lo: number;
    let single = true;
    if (c === "\\") {
      const e = text[i + 1];
      if (e === undefined) throw new NotCompiled();
      i += 2;
      if (e === "d") {
        codes.push(...DIGITS);
        single = false;
      } else if (e === "w") {
        codes.push(...WORD);
        single = false;
      } else if (ESCAPABLE.has(e) || e === "-") {
        lo = e.charCodeAt(0);
      } else {
        throw new NotCompiled();
      }
      if (!single) {
        if (text[i] === "-" && text[i + 1] !== "]") throw new NotCompiled(); // [\d-x]
        continue;
      }
    } else {
      if (c === "[" || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) >= 0x7f) throw new NotCompiled();
      lo = c.charCodeAt(0);
      i++;
    }
    // A range `lo-hi` (a `-` before `]` is a literal).
    if (text[i] === "-" && text[i + 1] !== undefined && text[i + 1] !== "]") {
      let hi: number;
      const h = text[i + 1]!;
      if (h === "\\") {
        const e = text[i + 2];
        if (e === undefined || !(ESCAPABLE.has(e) || e === "-")) throw new NotCompiled();
        hi = e.charCodeAt(0);
        i += 3;
      } else {
        if (h === "[" || h.charCodeAt(0) < 0x20 || h.charCodeAt(0) >= 0x7f) throw new NotCompiled();
        hi = h.charCodeAt(0);
        i += 2;
      }
      if (hi < lo!) throw new NotCompiled();
      codes.push(...range(lo!, hi));
    } else {
      codes.push(lo!);
    }
  }
}

function build(alternatives: Uint8Array[][]): ByteTest {
  // Each alternative flattened: position i's table at [i * 128, i * 128 + 128).
  const flat = alternatives.map((positions) => {
    const t = new Uint8Array(positions.length * 128);
    positions.forEach((p, i) => t.set(p, i * 128));
    return { length: positions.length, t };
  });
  if (flat.length === 1) {
    const { length, t } = flat[0]!;
    return (b, start, end) => {
      if (end - start !== length) return false;
      for (let i = 0; i < length; i++) {
        const c = b[start + i]!;
        if (c >= 128 || t[(i << 7) | c] === 0) return false;
      }
      return true;
    };
  }
  return (b, start, end) => {
    const n = end - start;
    next: for (let a = 0; a < flat.length; a++) {
      const { length, t } = flat[a]!;
      if (n !== length) continue;
      for (let i = 0; i < length; i++) {
        const c = b[start + i]!;
        if (c >= 128 || t[(i << 7) | c] === 0) continue next;
      }
      return true;
    }
    return false;
  };
}
