/**
 * The lint command in-process: the progress line appears on a terminal for long runs and
 * never in CI or when piped.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { lintCommand } from "../../generator/commands/lint.js";
import { REPO, tmpProject } from "../helpers/project.js";

const REGISTRY = readFileSync(join(REPO, "test/lint/fixtures/registry.ts"), "utf8");
const savedCi = process.env.CI;
afterEach(() => {
  if (savedCi === undefined) delete process.env.CI;
  else process.env.CI = savedCi;
});

async function run(isTTY: boolean, ci: boolean) {
  const files: Record<string, string> = { "schemas/registry.ts": REGISTRY };
  for (let i = 0; i < 210; i++) files[`src/f${i}.ts`] = `logger.error({ event: "daemon.connection.error", readyState: null });\n`;
  const dir = tmpProject(files);
  if (ci) process.env.CI = "true";
  else delete process.env.CI;
  let out = "";
  let err = "";
  const code = await lintCommand.run([], { progress: true, jobs: "1", format: "stylish" }, { cwd: dir, isTTY, stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

describe("progress line", () => {
  it.each([
    ["terminal, not CI: drawn, then cleared", true, false, true],
    ["terminal in CI: silent", true, true, false],
    ["piped: silent", false, false, false],
  ])("%s", async (_, isTTY, ci, drawn) => {
    const r = await run(isTTY, ci);
    expect(r.code).toBe(0);
    expect(r.out).toBe("logpact lint: no problems in 211 files (210 log calls).\n");
    if (drawn) {
      expect(r.err).toMatch(/^\rlogpact lint: \d+\/211 files/);
      expect(r.err.endsWith("\r\u001b[K")).toBe(true);
    } else expect(r.err).toBe("");
  });
});
