/**
 * README's "Use it in your repo" runs as written: its schema module through `logpact gen`,
 * its emitter example through real pino (with `redactOptions()` masking the sensitive
 * email), and `logpact validate` on what it logged passes clean.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../generator/cli.js";
import { REPO, tmpProject } from "../helpers/project.js";

const README = readFileSync(join(REPO, "README.md"), "utf8");
const blocks = [...README.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);

async function cli(args: readonly string[], cwd: string): Promise<{ code: number; out: string }> {
  let out = "";
  const code = await main(args, { cwd, stdout: (t) => void (out += t), stderr: (t) => void (out += t), isTTY: false });
  return { code, out };
}

describe("README example", () => {
  it("generates, logs through pino with redaction, and validates clean", async () => {
    const schema = blocks.find((b) => b.startsWith("// schemas/job.ts"));
    const usage = blocks.find((b) => b.includes("jobEmitters("));
    expect(schema && usage).toBeTruthy();
    expect(usage).toContain("redact: redactOptions()");
    const dir = tmpProject({
      "schemas/job.ts": schema!,
      "app.ts": usage!,
      "package.json": JSON.stringify({ type: "module" }),
    });

    const gen = await cli(["gen"], dir);
    expect(gen.code, gen.out).toBe(0);

    // tsx's loader in one node process (the tsx command starts a second node to run it in).
    const run = spawnSync(process.execPath, ["--import", "tsx", "app.ts"], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, LOGPACT_VALIDATE: "" },
    });
    expect(run.stderr).toBe("");
    const lines = run.stdout.split("\n").filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('"requestedBy":"[Redacted]"');
    writeFileSync(join(dir, "app.ndjson"), run.stdout);

    const validate = await cli(["validate", "app.ndjson", "--format", "json"], dir);
    const report = JSON.parse(validate.out) as {
      errors: number;
      warnings: number;
      status: { valid: number };
      groups: unknown[];
    };
    expect({
      code: validate.code,
      errors: report.errors,
      warnings: report.warnings,
      valid: report.status.valid,
      groups: report.groups,
    }).toEqual({ code: 0, errors: 0, warnings: 0, valid: 2, groups: [] });
  });
});
