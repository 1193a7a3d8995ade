/**
 * This repository's generated/ (and its docs' generated sections) is what `gen` writes for
 * the bundled schemas: `logpact gen --check` on the repo, as `pnpm gen:check` runs it. Part
 * of the suite, in-process, rather than a pre-step of `pnpm test` that started tsx and
 * loaded the generator a second time (3.4 CPU s).
 */
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { REPO } from "../helpers/project.js";

describe("this repository's generated files", () => {
  it("are current: gen --check exits 0", async () => {
    const r = await runCli(["gen", "--check"], REPO);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^logpact gen --check: \d+ files .*up to date/m);
  });
});
