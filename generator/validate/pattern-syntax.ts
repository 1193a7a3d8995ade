/**
 * The syntax of the `pattern`s logpact checks (ECMAScript regular expressions), parsed once
 * for two back ends: linear-regexp.ts (a Pike VM over the whole language, for any value) and
 * byte-pattern.ts (a DFA over ASCII bytes, for anchored patterns on plain ASCII values).
 * The parser only splits the pattern into atoms, sequences, alternations, repeats and
 * assertions; what one atom matches is V8's own answer (`atomRegExp`), so the two back ends
 * mean exactly what the RegExp means. Back-references and look-arounds are refused
 * (UnsafePatternError): no linear-time engine can run them.
 */
import { LogpactError } from "../errors.js";

/** Above this many NFA states (`x{1,5000}` copies `x` 5,000 times) a pattern is refused. */
export const MAX_PATTERN_STATES = 20_000;

/** The pattern cannot be checked in linear time (back-reference, look-around, too big). */
export class UnsafePatternError extends LogpactError {
  constructor(
    readonly pattern: string,
    readonly reason: string,
  ) {
    super(
      `error LP_UNSAFE_PATTERN: pattern /${pattern}/ cannot be checked in linear time: ${reason}\n  fix: rewrite the pattern without back-references or look-arounds (or check that part in code)`,
    );
  }
}

/** A pattern's syntax: atoms (one character each: a literal, class or escape) kept as source text. */
export type PatternAst =
  | { readonly k: "atom"; readonly raw: string }
  | { readonly k: "seq"; readonly items: readonly PatternAst[] }
  | { readonly k: "alt"; readonly alts: readonly PatternAst[] }
  | { readonly k: "rep"; readonly node: PatternAst; readonly min: number; readonly max: number }
  | { readonly k: "assert"; readonly a: "^" | "$" | "b" | "B" };

class Parser {
  i = 0;
  constructor(
    readonly src: string,
    readonly unicode: boolean,
    readonly groups: number,
    readonly named: boolean,
  ) {}

  unsafe(reason: string): never {
    throw new UnsafePatternError(this.src, reason);
  }

  alternation(): PatternAst {
    const alts = [this.sequence()];
    while (this.src[this.i] === "|") {
      this.i++;
      alts.push(this.sequence());
    }
    return alts.length === 1 ? alts[0]! : { k: "alt", alts };
  }

  private sequence(): PatternAst {
    const items: PatternAst[] = [];
    while (this.i < this.src.length && this.src[this.i] !== "|" && this.src[this.i] !== ")")
      items.push(this.quantified());
    return { k: "seq", items };
  }

  private quantified(): PatternAst {
    const node = this.atom();
    const rest = this.src.slice(this.i, this.i + 40);
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
    if (this.src[this.i] === "?") this.i++; // lazy: same yes/no answer
    if (min > MAX_PATTERN_STATES || (max !== Infinity && max > MAX_PATTERN_STATES))
      this.unsafe(`a repeat count above ${MAX_PATTERN_STATES}`);
    return { k: "rep", node, min, max };
  }

  private atom(): PatternAst {
    const src = this.src;
    const start = this.i;
    const c = src[this.i]!;
    if (c === "^" || c === "$") {
      this.i++;
      return { k: "assert", a: c };
    }
    if (c === "(") {
      if (src.startsWith("(?:", this.i)) this.i += 3;
      else if (
        src.startsWith("(?=", this.i) ||
        src.startsWith("(?!", this.i) ||
        src.startsWith("(?<=", this.i) ||
        src.startsWith("(?<!", this.i)
      ) {
        this.unsafe("a look-around ((?=…), (?!…), (?<=…), (?<!…))");
      } else if (src.startsWith("(?<", this.i)) this.i = src.indexOf(">", this.i) + 1;
      else if (src[this.i + 1] === "?") this.unsafe("an inline modifier group");
      else this.i++;
      const inner = this.alternation();
      if (src[this.i] !== ")") throw new SyntaxError(`Invalid regular expression: /${src}/: unterminated group`);
      this.i++;
      return inner;
    }
    if (c === "[") {
      let i = this.i + 1;
      if (src[i] === "^") i++;
      // In a class `]` first is literal only outside u-mode... JavaScript: `[]` is the empty class.
      while (i < src.length && src[i] !== "]") i += src[i] === "\\" ? 2 : 1;
      this.i = i + 1;
      return { k: "atom", raw: src.slice(start, this.i) };
    }
    if (c === "\\") {
      const e = src[this.i + 1] ?? "";
      if (e === "b" || e === "B") {
        this.i += 2;
        return { k: "assert", a: e };
      }
      if (/[1-9]/.test(e)) {
        const m = /^\d+/.exec(src.slice(this.i + 1))!;
        if (this.unicode || Number(m[0]) <= this.groups) this.unsafe(`a back-reference (\\${m[0]})`);
        // Not a group: a legacy octal or identity escape, one character.
        const oct = /^[0-7]{1,3}/.exec(src.slice(this.i + 1));
        this.i += 1 + (oct ? oct[0].length : 1);
        return { k: "atom", raw: src.slice(start, this.i) };
      }
      if (e === "k" && (this.unicode || this.named)) this.unsafe("a named back-reference (\\k<…>)");
      this.i += 2;
      const rest = src.slice(this.i);
      let m: RegExpExecArray | null = null;
      if (e === "x") m = /^[0-9a-fA-F]{2}/.exec(rest);
      else if (e === "u")
        m = this.unicode
          ? (/^\{[0-9a-fA-F]+\}/.exec(rest) ?? /^[0-9a-fA-F]{4}/.exec(rest))
          : /^[0-9a-fA-F]{4}/.exec(rest);
      else if ((e === "p" || e === "P") && this.unicode) m = /^\{[^}]*\}/.exec(rest);
      else if (e === "c") m = /^[A-Za-z]/.exec(rest);
      else if (e === "0") m = this.unicode ? null : /^[0-7]{0,2}/.exec(rest);
      if (m) this.i += m[0].length;
      return { k: "atom", raw: src.slice(start, this.i) };
    }
    // A surrogate pair is one character in u-mode.
    const cp = this.unicode ? src.codePointAt(this.i)! : src.charCodeAt(this.i);
    this.i += cp > 0xffff ? 2 : 1;
    return { k: "atom", raw: src.slice(start, this.i) };
  }
}

/** Capturing groups (for telling `\1` the back-reference from `\1` the octal escape). */
function countGroups(src: string): { groups: number; named: boolean } {
  let groups = 0;
  let named = false;
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === "\\") i++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "(" && (src[i + 1] !== "?" || (src[i + 2] === "<" && src[i + 3] !== "=" && src[i + 3] !== "!"))) {
      groups++;
      if (src[i + 1] === "?") named = true;
    }
  }
  return { groups, named };
}

/**
 * The pattern's syntax tree, after the RegExp's own syntax check (a SyntaxError as
 * `new RegExp(source, flags)` throws it). Throws UnsafePatternError for a back-reference
 * or a look-around.
 */
export function parsePattern(source: string, flags: string): PatternAst {
  new RegExp(source, flags);
  const unicode = flags.includes("u") || flags.includes("v");
  const { groups, named } = countGroups(source);
  const p = new Parser(source, unicode, groups, named);
  const ast = p.alternation();
  if (p.i !== source.length) throw new SyntaxError(`Invalid regular expression: /${source}/: unmatched ")"`);
  return ast;
}

/** A RegExp testing one character against one atom (`raw`): constant time, the RegExp's own meaning. */
export function atomRegExp(raw: string, flags: string): RegExp {
  return new RegExp(`^(?:${raw})$`, flags.replace(/[gymd]/g, ""));
}

/** Per ASCII code, 1 when the atom's RegExp matches that character. */
export function asciiMatches(one: RegExp): Uint8Array {
  const ascii = new Uint8Array(128);
  for (let c = 0; c < 128; c++) ascii[c] = one.test(String.fromCharCode(c)) ? 1 : 0;
  return ascii;
}
