/**
 * An event with variants in the Markdown target: a row per variant in the events table,
 * a fields table per variant on the family page (golden: test/markdown/golden/idempotency/),
 * checked with a real GFM parser.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BANNER } from "../../generator/gen/generate.js";
import { markdownTarget } from "../../generator/targets/markdown/index.js";
import { idempotencyIr } from "../helpers/idempotency.js";
import { REPO } from "../helpers/project.js";
import { nodesOf, parseGfm, plain } from "./helpers.js";

const GOLDEN = join(REPO, "test/markdown/golden/idempotency");
const files = markdownTarget.render(idempotencyIr(), {
  options: { fieldIndex: true, diagrams: true, examples: true },
  outDir: "generated/markdown",
  root: REPO,
  draft: "2020-12",
  banner: BANNER,
});
const page = files.find((f) => f.path === "idempotency.md")!.contents;
const tables = nodesOf(parseGfm(page), "table").map((t) =>
  (t.children ?? []).map((row) => (row.children ?? []).map(plain)),
);

describe("the family page", () => {
  it("matches test/markdown/golden/idempotency (UPDATE_GOLDEN=1 rewrites it)", () => {
    if (process.env.UPDATE_GOLDEN === "1") {
      mkdirSync(GOLDEN, { recursive: true });
      for (const f of files) writeFileSync(join(GOLDEN, f.path), f.contents);
    }
    expect(readdirSync(GOLDEN).sort()).toEqual(files.map((f) => f.path).sort());
    for (const f of files) expect(readFileSync(join(GOLDEN, f.path), "utf8"), f.path).toBe(f.contents);
  });

  it("lists one row per variant in the events table, with the variant's description and fields", () => {
    expect(tables[0]!.slice(1)).toEqual([
      ["claimed", "debug", "The delivery's idempotency key was claimed.", "ttlMs"],
      [
        'failed_open (reason "unavailable")',
        "warn",
        "The key store is not configured: processing without de-duplication.",
        "reason",
      ],
      [
        'failed_open (reason "error")',
        "warn",
        "The key store threw: processing without de-duplication.",
        "reason, errorMessage",
      ],
      [
        'failed_open (reason "timeout")',
        "warn",
        "The key store did not answer in time.",
        "reason, timeoutMs, errorMessage",
      ],
      ["duplicate_skipped", "info", "A redelivered webhook was skipped.", "firstSeenAt"],
    ]);
    // deliveryId is on every row: named once, above the table.
    expect(page).toContain("Every event carries `deliveryId`; the fields column names the others.");
  });

  it("gives each variant its own fields table, with what that variant requires; the table above names the rest", () => {
    const rows = (t: string[][]) => t.slice(1).map((r) => `${r[0]}:${r[3]}`);
    const variantTables = tables.filter((t) => t[0]![0] === "field" && t.slice(1).some((r) => r[0] === "reason"));
    // deliveryId is declared alike by every event: described once, in the "Common fields" table.
    expect(variantTables.map(rows)).toEqual([
      ["reason:yes"],
      ["reason:yes", "errorMessage:yes"],
      ["reason:yes", "timeoutMs:yes", "errorMessage:no"],
    ]);
    const commonTable = tables.find((t) => t[0]![0] === "field" && t.slice(1).some((r) => r[0] === "deliveryId"));
    expect(rows(commonTable!)).toEqual(["deliveryId:yes"]);
    // The events table names each row's fields and says what each variant is: not repeated below it.
    expect(page).not.toContain("**[Common fields](#common-fields):**");
    expect(page).toContain("3 variants, told apart by `reason`:");
    expect(page).toContain('**Variant `reason "error"`**\n');
    expect(page).not.toContain('**Variant `reason "error"`**: The key store threw');
  });
});
