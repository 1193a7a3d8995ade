/**
 * Finding kinds and their severities: `--fail-on` parsing, value previews, and a meta-test
 * that every kind is documented (docs/validate.md table, docs/config.md list).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { preview } from "../../generator/validate/explain.js";
import { DEFAULT_SEVERITY, FINDING_KINDS, severitiesForFailOn } from "../../generator/validate/kinds.js";
import { REPO } from "../helpers/project.js";

describe.each<[string, { given: string; want: Record<string, string> | { unknown: string[] } }]>([
  [
    "one kind fails, the others warn, off stays off",
    { given: "untyped", want: { untyped: "error", violation: "warn", unseen: "off" } },
  ],
  [
    "all fails on everything, off included",
    { given: "all", want: { malformed: "error", unseen: "error", deprecated: "error" } },
  ],
  ["none fails on nothing", { given: "none", want: { malformed: "warn", violation: "warn", unseen: "off" } }],
  [
    "a list, with spaces",
    { given: "violation, unseen", want: { violation: "error", unseen: "error", malformed: "warn" } },
  ],
  ["unknown kinds are reported", { given: "violations,untyped,bogus", want: { unknown: ["violations", "bogus"] } }],
])("--fail-on %s", (_name, { given, want }) => {
  it("resolves to the expected severities", () => {
    expect(severitiesForFailOn(given, DEFAULT_SEVERITY)).toMatchObject(want);
  });
});

describe.each<[string, { given: unknown; want: string }]>([
  ["a short string", { given: "3", want: 'string "3"' }],
  ["a long string is cut", { given: "x".repeat(100), want: `string "${"x".repeat(40)}…"` }],
  ["a number", { given: -1.5, want: "number -1.5" }],
  ["a boolean", { given: false, want: "boolean false" }],
  ["null", { given: null, want: "null" }],
  ["an array", { given: [1, 2, 3], want: "array (3 items)" }],
  ["an object with a __proto__ key", { given: JSON.parse('{"__proto__":1,"a":2}'), want: "object (2 keys)" }],
  [
    "a very deep object (never walked)",
    { given: JSON.parse(`${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}`), want: "object (1 key)" },
  ],
])("preview of %s", (_name, { given, want }) => {
  it("is short and bounded", () => {
    expect(preview(given)).toBe(want);
  });
});

describe("every finding kind is documented", () => {
  const validateDoc = readFileSync(join(REPO, "docs/validate.md"), "utf8");
  const configDoc = readFileSync(join(REPO, "docs/config.md"), "utf8");
  it.each(FINDING_KINDS)("%s", (kind) => {
    expect(validateDoc).toContain(`| \`${kind}\` | ${DEFAULT_SEVERITY[kind]} |`);
    expect(configDoc).toContain(`\`${kind}\``);
  });
});
