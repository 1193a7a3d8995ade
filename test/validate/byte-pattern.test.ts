/**
 * Fixed-length patterns tested on bytes (byte-pattern.ts) must agree with the RegExp they
 * stand for on every ASCII string, and every other pattern must be left to the RegExp.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { compileBytePattern } from "../../generator/validate/byte-pattern.js";
import { allEvents } from "../../generator/registry/ir.js";
import { eventLineSchema } from "../../generator/targets/json-schema/line-schema.js";
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
  ["a prefixed hex id", "^peer_[0-9a-f]{6}$"],
  ["a negated class", "^[^a-z]{3}$"],
  ["escapes and class escapes", "^a\\.b[\\d\\-x]{2}\\w\\/\\$$"],
  ["a group without capture, one empty alternative", "^(?:ab|c|)$"],
  ["a dash first and last in a class", "^[-a][b-]$"],
  ["{0} and {1}", "^ab{0}c{1}$"],
  ["the empty string only", "^$"],
];

const LEFT_TO_REGEXP = ["^a+$", "^a*$", "^a?$", "^a{1,3}$", "^a{2,}$", "^a{2}?$", "abc", "^abc", "abc$", "^a|b$", "^(a)(b)$", "^(?:a(b))$", "^(a|b)c$", "^.$", "^\\s$", "^\\D$", "^\\x41$", "^\\u0041$", "^\\p{L}$", "^[[]$", "^[]$", "^[^]$", "^é$", "^(?=a)a$", "^[a-\\d]$", "^[\\d-z]$", "^[z-a]$", "^\\$", "^a\\$"];

/** Random ASCII strings near the pattern's lengths, from its own characters and others. */
function candidates(source: string, matches: readonly string[], rnd: () => number): string[] {
  const alphabet = [...new Set([...source, ...matches.join(""), ..."aAzZ09-_.$^\\/ \"\x7f\x01~"])].filter((c) => c.charCodeAt(0) < 128);
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
const KNOWN = ["3f2b8c1e-9d4a-4e6f-8b7c-2a1d5e9f0c34", "018f0b6e-3c1d-7a2b-9c3d-4e5f6a7b8c9d", "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff", "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF", "V1StGXR8_Z5jdHi6B-myT", "01ARZ3NDEKTSV4RRFFQ69G5FAV", "9m4e2mr0ui3e8a215n4g", "0ujtsYcgvSTl8PAuAdqWYSMnLOv", "peer_7f3a9c", "A1!", "a.b9-x/$", "ab", "c", "", "-b", "ab", "ac"];

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

  it.each(LEFT_TO_REGEXP)("%s is left to the RegExp", (source) => {
    expect(compileBytePattern(source)).toBeUndefined();
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
