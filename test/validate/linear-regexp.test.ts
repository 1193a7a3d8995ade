/**
 * The linear-time pattern engine agrees with V8's RegExp on every pattern shape it accepts,
 * refuses back-references and look-arounds, and stays linear on catastrophic patterns.
 */
import { describe, expect, it } from "vitest";
import { linearRegExp, unsafePatternReason } from "../../generator/validate/linear-regexp.js";
import { UnsafePatternError } from "../../generator/validate/pattern-syntax.js";
import { prng } from "../helpers/prng.js";

const PATTERNS: [string, string][] = [
  ["^(a+)+$", ""],
  ["^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", ""],
  ["^peer_[0-9a-f]{6}$", "u"],
  ["ab|cd", ""],
  ["^(?:a|ab)(?:c|bcd)(?:d*)$", ""],
  ["\\bfoo\\B", ""],
  ["^\\s*\\S+\\s*$", ""],
  ["^.{2,4}$", "u"],
  ["^\\p{L}+$", "u"],
  ["^[^\\d]*\\d{1,3}$", ""],
  ["x*", ""],
  ["^$", ""],
  ["a{2}b?c{1,}", ""],
  ["^(?<word>[a-z]+)-\\d$", ""],
  ["[\\]a-]+$", ""],
  ["^\\u00e9+.$", ""],
  ["^(a|b)*?c$", ""],
  ["a.c", "s"],
  ["^b$", "m"],
  ["^ABC$", "i"],
  ["^(x?){3}x{3}$", ""],
  ["\\x41\\u0042\\cJ\\0", ""],
  ["^[😀-😂]$", "u"],
  ["{", ""],
  ["a{,5}", ""],
];

describe.each(PATTERNS)("/%s/%s agrees with RegExp", (source, flags) => {
  it("on generated and mutated strings", () => {
    const re = new RegExp(source, flags);
    const lin = linearRegExp(source, flags);
    const rand = prng(source.length * 31 + flags.length);
    const alphabet = [
      "a",
      "b",
      "c",
      "d",
      "x",
      "A",
      "B",
      "C",
      "0",
      "5",
      "9",
      "-",
      "_",
      " ",
      "\n",
      "é",
      "😀",
      "😁",
      "f",
      "o",
      "peer_",
      "{",
      "]",
    ];
    const samples = [
      "",
      "aaaa",
      "aaaa!",
      "abcd",
      "acbd",
      "foo",
      "foobar",
      " foo ",
      "peer_00ff0a",
      "12345678-1234-1234-1234-123456789abc",
      "b\nb",
      "abc",
      "ABC",
      "xxx",
      "xxxxxx",
      "AB\n\0",
      "😁",
      "é!",
      "{",
    ];
    for (let k = 0; k < 300; k++) {
      const len = Math.floor(rand() * 12);
      let s = "";
      for (let j = 0; j < len; j++) s += alphabet[Math.floor(rand() * alphabet.length)];
      samples.push(s);
    }
    for (const s of samples) expect([s, lin.test(s)]).toEqual([s, re.test(s)]);
  });
});

describe("unsafe patterns are refused", () => {
  it.each([
    ["^(a)\\1$", "back-reference"],
    ["^(?<q>['\"]).*\\k<q>$", "named back-reference"],
    ["^(?=a)a$", "look-around"],
    ["(?<!x)y", "look-around"],
    ["^a{1,30000}$", "repeat count"],
  ])("/%s/ (%s)", (source, reason) => {
    expect(unsafePatternReason(source)).toContain(reason);
    expect(() => linearRegExp(source, "u")).toThrow(UnsafePatternError);
  });

  it("a syntax error stays the RegExp's own", () => {
    expect(() => linearRegExp("(", "u")).toThrow(SyntaxError);
  });
});

describe("linear time", () => {
  // Counted in work, not time: the same value 100× longer costs at most ~100× as much.
  it("^(a+)+$ on a's and a ! answers false, and a 20,000-character value is checked", () => {
    const lin = linearRegExp("^(a+)+$", "");
    expect(lin.test(`${"a".repeat(28)}!`)).toBe(false);
    expect(lin.test(`${"a".repeat(20_000)}!`)).toBe(false);
    expect(lin.test("a".repeat(20_000))).toBe(true);
  });
});
