/**
 * issue 17 items 4 and 9: pattern checks run in linear time (a log value cannot stall
 * validate), patterns that cannot are refused at gen, and an infinite bound is an error
 * with its fix instead of `"maximum": null`.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, tmpProject } from "../helpers/project.js";
import { expectGenRefused } from "../helpers/cli.js";

const coupon = (field: string) => `
import { z } from "zod";

export const CouponRedeemed = z.strictObject({
  event: z.literal("checkout.coupon.redeemed"),
  ${field}
}).meta({ level: "info", description: "A coupon was applied to a cart." });
`;

describe("ReDoS", () => {
  it("validate checks ^(a+)+$ against 28 a's and a ! in linear time (child process, 120 s budget)", () => {
    const dir = tmpProject({
      "schemas/coupon.ts": coupon(`code: z.string().regex(/^(a+)+$/).meta({ description: "Coupon code." }),`),
    });
    // Each line took ~11 s with a backtracking RegExp (×4 per two more characters): 12 lines
    // of 28-32 characters are minutes of work for it, milliseconds for a linear engine.
    const lines = Array.from({ length: 12 }, (_, i) =>
      JSON.stringify({ level: 30, time: 1, event: "checkout.coupon.redeemed", code: `${"a".repeat(28 + (i % 5))}!` }),
    );
    lines.push(JSON.stringify({ level: 30, time: 1, event: "checkout.coupon.redeemed", code: "aaaa" }));
    writeFileSync(join(dir, "app.ndjson"), `${lines.join("\n")}\n`);
    const r = spawnSync(process.execPath, [BIN, "validate", "app.ndjson", "--format", "json"], {
      cwd: dir,
      encoding: "utf8",
      timeout: 120_000,
      env: { ...process.env, NO_COLOR: "1" },
    });
    expect(r.signal).toBe(null);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as { summary?: unknown };
    expect(JSON.stringify(report)).toMatch(/"violation"/);
    expect(r.stdout.match(/"code"/g)?.length ?? 0).toBeGreaterThanOrEqual(1);
  });

  it.each([
    [
      "a back-reference",
      'code: z.string().regex(/^(\\w)\\1+$/).meta({ description: "Repeated char." }),',
      "back-reference",
    ],
    ["a look-ahead", 'code: z.string().regex(/^(?=.*\\d)\\w+$/).meta({ description: "Has a digit." }),', "look-around"],
  ])("%s is refused at gen with LP_UNSAFE_PATTERN naming the field", async (_, field, reason) => {
    const dir = tmpProject({ "schemas/coupon.ts": coupon(field) });
    await expectGenRefused(dir, ["LP_UNSAFE_PATTERN [checkout.coupon > checkout.coupon.redeemed > code]", reason]);
  });
});

describe("infinite bounds", () => {
  it.each([
    ["max(Infinity)", 'discount: z.number().max(Infinity).meta({ description: "Discount." }),', "maximum is null"],
    ["min(-Infinity)", 'discount: z.number().min(-Infinity).meta({ description: "Discount." }),', "minimum is null"],
  ])('z.number().%s: exit 2 with the fix, never "maximum": null', async (_, field, what) => {
    const dir = tmpProject({ "schemas/coupon.ts": coupon(field) });
    await expectGenRefused(dir, ["LP_INFINITE_BOUND", what, "> discount]", /fix: remove the bound/]);
  });
});
