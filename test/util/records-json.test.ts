/**
 * recordsJson: compactJson's layout, except that a value at a path the caller names a record
 * is one line of plain JSON. Table-driven, then a round trip over random documents.
 */
import { describe, expect, it } from "vitest";
import { compactJson, recordsJson, type JsonPath } from "../../generator/util/json.js";

const at =
  (...paths: string[]) =>
  (path: JsonPath) =>
    paths.includes(path.join("."));

describe("recordsJson", () => {
  it.each<[string, unknown, (p: JsonPath) => boolean, string]>([
    ["no record: compactJson's layout", { b: [1, 2], a: "x" }, () => false, compactJson({ b: [1, 2], a: "x" })],
    [
      "a long record stays on one line, keys sorted, no spaces",
      { rows: [{ z: "a".repeat(90), a: [1, { y: 2, x: 1 }] }] },
      at("rows.0"),
      `{\n  "rows": [\n    {"a":[1,{"x":1,"y":2}],"z":"${"a".repeat(90)}"}\n  ]\n}\n`,
    ],
    [
      "records by object key, the rest indented",
      { fields: { b: { n: "b".repeat(80) }, a: { n: "a" } }, v: 4 },
      (p) => p.length === 2 && p[0] === "fields",
      `{\n  "fields": {\n    "a": {"n":"a"},\n    "b": {"n":"${"b".repeat(80)}"}\n  },\n  "v": 4\n}\n`,
    ],
    [
      "a container that fits on a line stays prettier's one line (its records included)",
      { e: [{ a: 1 }] },
      at("e.0"),
      `{ "e": [{ "a": 1 }] }\n`,
    ],
    ["a scalar at a record path is itself", { s: "x".repeat(100) }, at("s"), `{\n  "s": "${"x".repeat(100)}"\n}\n`],
  ])("%s", (_name, value, isRecord, want) => {
    expect(recordsJson(value, isRecord)).toBe(want);
  });

  it("parses back to the value, and writing that again gives the same bytes (200 random documents)", () => {
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const value = (depth: number): unknown => {
      const k = rnd(depth > 3 ? 3 : 6);
      if (k === 0) return rnd(1000) - 500;
      if (k === 1) return "s".repeat(rnd(40));
      if (k === 2) return rnd(2) === 0 ? null : true;
      if (k === 3) return Array.from({ length: rnd(5) }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: rnd(5) }, (_, i) => [`k${rnd(9)}${i}`, value(depth + 1)]));
    };
    for (let i = 0; i < 200; i++) {
      const doc = value(0);
      const isRecord = (p: JsonPath) => p.length === 2;
      const text = recordsJson(doc, isRecord);
      expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(doc)));
      expect(recordsJson(JSON.parse(text), isRecord)).toBe(text);
    }
  });
});
