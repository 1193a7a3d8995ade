/**
 * `gen --check --diff`'s unified diff: the same hunks as `diff -u` (checked against GNU
 * diff when it is installed), context and truncation limits.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { unifiedDiff } from "../../generator/util/unified-diff.js";
import { prng } from "../helpers/prng.js";

const lines = (...l: string[]) => `${l.join("\n")}\n`;

describe.each<[string, { given: [string, string, number?]; want: string }]>([
  ["equal texts: nothing", { given: [lines("a", "b"), lines("a", "b")], want: "" }],
  [
    "one line changed",
    {
      given: [lines("a", "b", "c"), lines("a", "X", "c")],
      want: "--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n-b\n+X\n c\n",
    },
  ],
  ["a line appended", { given: [lines("a"), lines("a", "b")], want: "--- a/f\n+++ b/f\n@@ -1,1 +1,2 @@\n a\n+b\n" }],
  ["everything removed", { given: [lines("a", "b"), ""], want: "--- a/f\n+++ b/f\n@@ -1,2 +0,0 @@\n-a\n-b\n" }],
  [
    "two distant changes: two hunks",
    {
      given: [lines(..."abcdefghijkl".split("")), lines("A", ..."bcdefghijk".split(""), "L")],
      want: "--- a/f\n+++ b/f\n@@ -1,4 +1,4 @@\n-a\n+A\n b\n c\n d\n@@ -9,4 +9,4 @@\n i\n j\n k\n-l\n+L\n",
    },
  ],
  [
    "truncated after maxLines",
    {
      given: [lines("a", "b", "c", "d"), lines("1", "2", "3", "4"), 3],
      want: "--- a/f\n+++ b/f\n@@ -1,4 +1,4 @@\n-a\n-b\n-c\n… diff truncated after 3 lines\n",
    },
  ],
])("%s", (_name, { given: [before, after, maxLines], want }) => {
  it("diffs", () =>
    expect(unifiedDiff(before, after, { path: "f", ...(maxLines === undefined ? {} : { maxLines }) })).toBe(want));
});

const hasDiff = spawnSync("diff", ["--version"]).status === 0;

describe.runIf(hasDiff)("agrees with GNU diff -u", () => {
  it("on 40 random edits of a 60-line JSON-ish file", () => {
    const dir = mkdtempSync(join(tmpdir(), "logpact-udiff-"));
    try {
      const rand = prng(7);
      const base = Array.from({ length: 60 }, (_, i) => `  "field${i}": ${i % 7},`);
      for (let round = 0; round < 40; round++) {
        const next = [...base];
        for (let e = 0; e < 1 + Math.floor(rand() * 4); e++) {
          const at = Math.floor(rand() * next.length);
          const op = rand();
          if (op < 0.33) next.splice(at, 1);
          else if (op < 0.66) next.splice(at, 0, `  "added${round}_${e}": true,`);
          else next[at] = `  "changed${round}_${e}": null,`;
        }
        writeFileSync(join(dir, "a"), lines(...base));
        writeFileSync(join(dir, "b"), lines(...next));
        const gnu = spawnSync("diff", ["-u", "a", "b"], { cwd: dir, encoding: "utf8" })
          .stdout.split("\n")
          .slice(2)
          .join("\n");
        const ours = unifiedDiff(lines(...base), lines(...next), { path: "f", maxLines: 10_000 })
          .split("\n")
          .slice(2)
          .join("\n");
        // GNU diff writes a one-line range without its count ("-5" for "-5,1"); normalise that.
        expect(ours.replace(/@@ -(\d+),1 /g, "@@ -$1 ").replace(/ \+(\d+),1 @@/g, " +$1 @@")).toBe(gnu);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
