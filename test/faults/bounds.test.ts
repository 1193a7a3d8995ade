/**
 * issue 17 item 12: logpact reads and writes inside the project unless the config opts out
 * explicitly (`allowOutsideProject: true`, printed as a notice); docs check and lint do not
 * follow symlinks out of the project.
 */
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { tmpProject, writeFiles } from "../helpers/project.js";
import { INVOICE, cli } from "./helpers.js";

const outside = mkdtempSync(join(tmpdir(), "logpact-outside-"));
afterAll(() => rmSync(outside, { recursive: true, force: true }));
writeFiles(outside, {
  "secret.ts": `export const password = "hunter2"; logger.info({ event: "billing.invoice.voided" }, "hunter2");\n`,
  "notes/leak.md": "hunter2 billing.invoice.issued\n",
});

describe("config paths outside the project", () => {
  it.each([
    ["outDir: ../..", { outDir: "../../logpact-escape" }, "outDir"],
    ["an absolute outDir elsewhere", { outDir: join(outside, "gen") }, "outDir"],
    ["a target's outDir", { targets: { registry: { outDir: "../contracts" } } }, "targets.registry.outDir"],
    ["docs.include reaching up", { docs: { include: ["../../x/*.md"] } }, "docs.include"],
    ["templates outside", { templates: "../templates" }, "templates"],
  ])("%s: refused (exit 2) without allowOutsideProject, naming the key", async (_, config, key) => {
    const dir = tmpProject({ "schemas/invoice.ts": INVOICE, "logpact.config.json": JSON.stringify(config) });
    const r = await cli(["gen"], dir);
    expect(r.stderr).toContain("points outside the project root");
    expect(r.stderr).toContain(`${key}:`);
    expect(r.stderr).toContain("allowOutsideProject: true");
    expect(r.code).toBe(2);
    for (const p of ["../../logpact-escape", "../contracts", "generated"]) expect(existsSync(join(dir, p))).toBe(false);
    expect(existsSync(join(outside, "gen"))).toBe(false);
  });

  it("with allowOutsideProject: an absolute outDir is used where it points (not moved under the project), with a notice", async () => {
    const target = join(outside, "contracts");
    const dir = tmpProject({
      "schemas/invoice.ts": INVOICE,
      "logpact.config.json": JSON.stringify({ outDir: target, allowOutsideProject: true }),
    });
    const r = await cli(["gen"], dir);
    expect(r.stderr).toContain(`notice: outDir ${JSON.stringify(target)} is outside the project root`);
    expect(r.code).toBe(0);
    expect(existsSync(join(target, "registry.json"))).toBe(true);
    expect(existsSync(join(dir, target.slice(1)))).toBe(false);
    expect((await cli(["gen", "--check"], dir)).code).toBe(0);
  });

  it("an absolute outDir inside the project is fine", async () => {
    const dir = tmpProject({ "schemas/invoice.ts": INVOICE });
    writeFileSync(join(dir, "logpact.config.json"), JSON.stringify({ outDir: join(dir, "out") }));
    const r = await cli(["gen"], dir);
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, "out/registry.json"))).toBe(true);
  });
});

describe("symlinks out of the project are not followed", () => {
  it("lint: src → outside folder, and a file symlink", async () => {
    const dir = tmpProject({ "schemas/invoice.ts": INVOICE, "app/ok.ts": "export {};\n" });
    symlinkSync(outside, join(dir, "src"));
    symlinkSync(join(outside, "secret.ts"), join(dir, "app/linked.ts"));
    const r = await cli(["lint"], dir);
    expect(`${r.stdout}${r.stderr}`).not.toContain("hunter2");
    expect(r.stdout).toMatch(/symbolic link to (a folder )?outside the project; not (read|followed)/);
    expect(r.code).toBe(0);
  });

  it("docs check: a doc symlinked from outside is not read; a source citation through a symlink is not quoted", async () => {
    const dir = tmpProject({
      "schemas/invoice.ts": INVOICE,
      "docs/index.md": "billing.invoice.issued billing.invoice.voided; see src/secret.ts:1\n",
    });
    symlinkSync(join(outside, "notes/leak.md"), join(dir, "docs/leak.md"));
    symlinkSync(outside, join(dir, "src"));
    const r = await cli(["docs", "check", "-f", "json"], dir);
    expect(`${r.stdout}${r.stderr}`).not.toContain("hunter2");
    expect(r.stdout).not.toContain("leak.md");
    const explicit = await cli(["docs", "check", "docs/leak.md"], dir);
    expect(explicit.stderr).toMatch(/leads outside the project root/);
    expect(explicit.code).toBe(2);
  });
});
