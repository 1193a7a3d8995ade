/**
 * Fixed-length patterns tested on bytes (byte-pattern.ts) must agree with the RegExp they
 * stand for on every ASCII string, and every other pattern must be left to the RegExp.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { compileBytePattern } from "../../generator/validate/byte-pattern.js";
import { allEvents } from "../../generator/registry/ir.js";
import { eventLineSchema } from "../../generator/registry/line-schema.js";
import { validationSchema } from "../../generator/validate/checker.js";
import { compileNode } from "../../generator/validate/schema-node.js";
import { prng } from "../helpers/prng.js";
import { bundledIr } from "../helpers/registry.js";

const zodPattern = (schema: z.ZodType) => {
  const json = z.toJSONSchema(schema) as { pattern?: string };
  if (json.pattern === undefined) throw new Error("no pattern");
  return json.pattern;
};

const COMPILED: [string, string][] = [
  ["z.uuid()", zodPattern(z.uuid())],
  ["z.uuidv4()", zodPattern(z.uuidv4())],
  ["z.uuidv7()", zodPattern(z.uuidv7())],
  ["z.guid()", zodPattern(z.guid())],
  ["z.nanoid()", zodPattern(z.nanoid())],
  ["z.ulid()", zodPattern(z.ulid())],
  ["z.xid()", zodPattern(z.xid())],
  ["z.ksuid()", zodPattern(z.ksuid())],
  ["z.cuid2()", zodPattern(z.cuid2())],
  ["z.iso.datetime()", zodPattern(z.iso.datetime())],
  ["z.iso.datetime({ offset: true, precision: 3 })", zodPattern(z.iso.datetime({ offset: true, precision: 3 }))],
  ["z.iso.date()", zodPattern(z.iso.date())],
  ["z.iso.time()", zodPattern(z.iso.time())],
  ["z.ipv4()", zodPattern(z.ipv4())],
  ["z.email()", zodPattern(z.email())],
  ["a prefixed hex id", "^peer_[0-9a-f]{6}$"],
  ["a negated class", "^[^a-z]{3}$"],
  ["escapes and class escapes", "^a\\.b[\\d\\-x]{2}\\w\\/\\$$"],
  ["a group without capture, one empty alternative", "^(?:ab|c|)$"],
  ["a dash first and last in a class", "^[-a][b-]$"],
  ["{0} and {1}", "^ab{0}c{1}$"],
  ["every quantifier, greedy and lazy", "^a+b*?c?d{2,}e{1,3}?$"],
  ["a repeated group", "^(?:ab|c)+(x|yz){0,2}$"],
  ["nested repetition (a RegExp backtracks; the DFA does not)", "^(a+)+b$"],
  ["the empty string only", "^$"],
  // Atoms are the RegExp's own answer per ASCII character (pattern-syntax.ts parses, V8 decides):
  ["any character", "^.$"],
  ["a whitespace escape", "^\\s$"],
  ["a negated class escape", "^\\D$"],
  ["a hex escape", "^\\x41$"],
  ["a unicode escape", "^\\u0041$"],
  ["a property escape", "^\\p{L}$"],
  ["a class holding [", "^[[]$"],
  ["JavaScript's any-character class", "^[^]$"],
  ["a named group", "^(?<n>a)$"],
];

/** Compiled, and no ASCII value matches them. */
const NO_ASCII_MATCH = ["^[]$", "^é$"];

const LEFT_TO_REGEXP = [
  "abc",
  "^abc",
  "abc$",
  "^a|b$",
  "^(a)|(b)$",
  "^a)$",
  "^(a)\\1$",
  "^(?=a)a$",
  "^[a-\\d]$",
  "^[\\d-z]$",
  "^[z-a]$",
  "^\\$",
  "^a\\$",
  "^a{3,1}$",
  "^a{1001}$",
  "^a^b$",
  "^a$b$",
];

/** Random ASCII strings near the pattern's lengths, from its own characters and others. */
function candidates(source: string, matches: readonly string[], rnd: () => number): string[] {
  const alphabet = [...new Set([...source, ...matches.join(""), ...'aAzZ09-_.$^\\/ "\x7f\x01~'])].filter(
    (c) => c.charCodeAt(0) < 128,
  );
  const out: string[] = [...matches];
  const lengths = [...new Set(matches.map((m) => m.length))];
  for (let i = 0; i < 3000; i++) {
    const len = Math.max(0, (lengths[Math.floor(rnd() * lengths.length)] ?? 4) + Math.floor(rnd() * 3) - 1);
    let s = "";
    for (let k = 0; k < len; k++) s += alphabet[Math.floor(rnd() * alphabet.length)];
    out.push(s);
  }
  // Each match with one character changed, dropped or added.
  for (const m of matches) {
    for (let k = 0; k <= m.length; k++) {
      const c = alphabet[Math.floor(rnd() * alphabet.length)]!;
      out.push(m.slice(0, k) + c + m.slice(k + 1), m.slice(0, k) + m.slice(k + 1), m.slice(0, k) + c + m.slice(k));
    }
  }
  return out;
}

/** Strings the pattern matches, drawn by the RegExp itself from random tries plus known ids. */
const KNOWN = [
  "2026-11-02T10:17:30.000Z",
  "2024-02-29T23:59:59Z",
  "2023-02-29T00:00:00Z",
  "2026-11-02T10:17:30.123+01:00",
  "2026-11-02",
  "10:17:30",
  "10:17:30.5",
  "192.168.0.1",
  "256.1.1.1",
  "ops.oncall+alerts@example.co",
  "a@b",
  "aaab",
  "b",
  "abbbcdde",
  "acdd",
  "abcc",
  "ab",
  "cabx",
  "abyz",
  "x",
  "3f2b8c1e-9d4a-4e6f-8b7c-2a1d5e9f0c34",
  "018f0b6e-3c1d-7a2b-9c3d-4e5f6a7b8c9d",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF",
  "V1StGXR8_Z5jdHi6B-myT",
  "01ARZ3NDEKTSV4RRFFQ69G5FAV",
  "9m4e2mr0ui3e8a215n4g",
  "0ujtsYcgvSTl8PAuAdqWYSMnLOv",
  "peer_7f3a9c",
  "A1!",
  "a.b9-x/$",
  "ab",
  "c",
  "",
  "-b",
  "ab",
  "ac",
  " ",
  "A",
  "[",
  "a",
];

describe("byte patterns agree with the RegExp", () => {
  it.each(COMPILED)("%s", (_, source) => {
    const test = compileBytePattern(source);
    expect(test).toBeDefined();
    const re = new RegExp(source, "u");
    const matches = KNOWN.filter((k) => re.test(k));
    expect(matches.length, "at least one known string matches").toBeGreaterThan(0);
    let agreed = 0;
    for (const s of candidates(source, matches, prng(source.length))) {
      const b = Buffer.from(`"${s}"`, "latin1");
      expect([s, test!(b, 1, b.length - 1)]).toEqual([s, re.test(s)]);
      agreed++;
    }
    expect(agreed).toBeGreaterThan(3000);
  });

  it.each(NO_ASCII_MATCH)("%s is compiled and matches no ASCII value, as the RegExp", (source) => {
    const test = compileBytePattern(source);
    expect(test).toBeDefined();
    const re = new RegExp(source, "u");
    for (const s of candidates(source, [], prng(source.length))) {
      const b = Buffer.from(`"${s}"`, "latin1");
      expect([s, test!(b, 1, b.length - 1)]).toEqual([s, re.test(s)]);
    }
  });

  it("a pattern compiled without the u flag means what the RegExp without it means", () => {
    // `\-` is an identity escape only outside u-mode; `{` alone is a literal only outside it.
    for (const source of ["^a\\-b$", "^a{$", "^[\\w-]+$"]) {
      if (!source.includes("[")) expect(compileBytePattern(source, "u")).toBeUndefined(); // a u-mode syntax error
      const test = compileBytePattern(source, "")!;
      expect(test).toBeDefined();
      const re = new RegExp(source, "");
      for (const s of ["a-b", "a{", "ab", "a_-x", "a b", ""]) {
        const b = Buffer.from(s, "latin1");
        expect([s, test(b, 0, b.length)]).toEqual([s, re.test(s)]);
      }
    }
  });

  it.each(LEFT_TO_REGEXP)("%s is left to the RegExp", (source) => {
    expect(compileBytePattern(source)).toBeUndefined();
  });

  it("a pattern whose DFA would be too big gives the RegExp's answers", () => {
    const source = "^[a-z]{500}[0-9]{500}$";
    const test = compileBytePattern(source)!;
    const re = new RegExp(source, "u");
    for (const s of [
      "a".repeat(500) + "1".repeat(500),
      "a".repeat(500) + "1".repeat(499),
      "a".repeat(499) + "1".repeat(501),
      "",
    ]) {
      const b = Buffer.from(s, "latin1");
      expect(test(b, 0, b.length)).toBe(re.test(s));
    }
  });

  it("a RegExp with flags other than u keeps the RegExp", () => {
    const schema = { type: "string", pattern: "^[a-f]{2}$" };
    const plain = compileNode(schema, { regExp: (s) => new RegExp(s, "u"), format: () => undefined });
    const caseless = compileNode(schema, { regExp: (s) => new RegExp(s, "ui"), format: () => undefined });
    expect(plain.own!.byteTests).toHaveLength(1);
    expect(caseless.own!.byteTests).toBeUndefined();
  });

  it("the bundled registry's UUID fields take the byte path", async () => {
    const ir = await bundledIr();
    const env = { regExp: (s: string) => new RegExp(s, "u"), format: () => undefined };
    const uuidFields = allEvents(ir).flatMap((e) => {
      const shape = compileNode(validationSchema(eventLineSchema(ir, e)), env).own!.object!;
      return shape.nodes.filter((n) => n.own?.patternSources[0]?.includes("[0-9a-fA-F]{8}"));
    });
    expect(uuidFields.length).toBeGreaterThan(0);
    for (const n of uuidFields) expect(n.own!.byteTests).toHaveLength(1);
  });
});
