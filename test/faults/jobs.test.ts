/**
 * issue 17 item 5: `--jobs` is capped at the machine's cores, with a notice.
 */
import { writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tmpProject } from "../helpers/project.js";
import { INVOICE, cli } from "./helpers.js";

const cores = availableParallelism();

describe("--jobs above the core count", () => {
  it.each([
    ["validate --jobs 1000", ["validate", "app.ndjson", "--jobs", "1000"], "--jobs 1000"],
    ["validate with validate.jobs: 64 in the config", ["validate", "app.ndjson", "-c", "jobs.json"], "--jobs 64"],
    ["lint --jobs 1000", ["lint", "--jobs", "1000"], "--jobs 1000"],
    ["lint with lint.jobs: 256 in the config", ["lint", "-c", "jobs.json"], "lint.jobs 256"],
  ])("%s: lowered to the cores, with a notice", async (_, argv, asked) => {
    const dir = tmpProject({
      "schemas/invoice.ts": INVOICE,
      "src/app.ts": `log.info({ event: "billing.invoice.voided", invoiceId: "i-1" }, "voided");\n`,
      "jobs.json": JSON.stringify({ validate: { jobs: 64 }, lint: { jobs: 256 } }),
    });
    writeFileSync(
      join(dir, "app.ndjson"),
      `${JSON.stringify({ level: 40, time: 1, event: "billing.invoice.voided", invoiceId: "i-1" })}\n`.repeat(50),
    );
    const r = await cli(argv, dir);
    expect(r.stderr).toContain(`notice: ${asked} lowered to ${cores}, the number of cores on this machine.`);
    expect(r.code).toBeLessThanOrEqual(1);
  });

  it("the library caps it too: a 1000-job run over a small file plans no more ranges than cores allow", async () => {
    const { effectiveJobs } = await import("../../generator/validate/run.js");
    expect(effectiveJobs(1000)).toBe(cores);
    expect(effectiveJobs(1)).toBe(1);
    expect(effectiveJobs(0)).toBe(1);
  });
});
