/**
 * Meta-test: every diagnostic code the source can emit is documented in
 * docs/errors.md and exercised by at least one test.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "../helpers/project.js";

function filesUnder(dir: string, suffix: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full, suffix) : full.endsWith(suffix) ? [full] : [];
  });
}

const CODE = /\bLP_[A-Z][A-Z0-9_]*[A-Z0-9]\b/g;
/** Codes the source emits: quoted (`code: "LP_X"`) or in an error line (`error LP_X`). */
const emitted = new Set(
  filesUnder(join(REPO, "generator"), ".ts").flatMap((f) =>
    [...readFileSync(f, "utf8").matchAll(/(?:["'`]|error )(LP_[A-Z][A-Z0-9_]*[A-Z0-9])\b/g)].map((m) => m[1]!),
  ),
);
const documented = new Set(
  [...readFileSync(join(REPO, "docs/errors.md"), "utf8").matchAll(/^#{2,3} (LP_[A-Z0-9_]+)$/gm)].map((m) => m[1]!),
);
const tested = new Set(
  filesUnder(join(REPO, "test"), ".test.ts").flatMap((f) => readFileSync(f, "utf8").match(CODE) ?? []),
);

describe("diagnostic catalogue", () => {
  it("has at least 30 codes", () => expect(emitted.size).toBeGreaterThanOrEqual(30));
  it.each([...emitted].sort())("%s is documented in docs/errors.md and tested", (code) => {
    expect(documented.has(code), `${code} missing from docs/errors.md`).toBe(true);
    expect(tested.has(code), `${code} appears in no test`).toBe(true);
  });
  it("documents no code the source no longer emits", () => {
    expect([...documented].filter((c) => !emitted.has(c))).toEqual([]);
  });
});
