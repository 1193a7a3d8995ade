/**
 * Prettier and generated files. A repo that runs prettier over everything reformats
 * generated/ and `gen --check` then fails; `format: "prettier"` runs the project's own
 * prettier (its config, its .prettierignore) before writing and before comparing.
 */
import { mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import * as prettierApi from "prettier";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { REPO, readTree, tmpProject } from "../helpers/project.js";

const INVENTORY = `import { z } from "zod";
import type {} from "logpact";

export const StockLog = z.discriminatedUnion("event", [
  z.strictObject({
    event: z.literal("inventory.stock.reserved"),
    sku: z.string().meta({ description: "Stock keeping unit." }),
    quantity: z.number().int().positive().meta({ description: "Units reserved.", unit: "count" }),
    warehouse: z.enum(["ams-1", "fra-2", "lon-3"]).meta({ description: "Warehouse." }),
  }).meta({ level: "info", description: "Units were reserved for an order." }),
  z.strictObject({
    event: z.literal("inventory.stock.depleted"),
    sku: z.string().meta({ description: "Stock keeping unit." }),
  }).meta({ level: "warn", description: "The last unit was reserved." }),
]).meta({ family: "inventory.stock", description: "Stock levels." });
`;

interface PrettierRun {
  /** The CLI's exit code: 0 all formatted (or written), 1 some file is not (`--check`). */
  status: number;
  /** The files `--check` reports, relative to the folder it ran in. */
  unformatted: string[];
}

/**
 * `prettier --check|--write <paths>` run in `cwd`, in this process through prettier's API
 * (a CLI process per call cost ~1 s of CPU each): what the CLI does per file, from its
 * source (src/cli/format.js): a folder is expanded to the files prettier has a parser for
 * (node_modules left out), files matched by the ignore files (the CLI's default
 * `.gitignore` and `.prettierignore`) are skipped, options come from the file's config
 * and .editorconfig — or are prettier's defaults under `--no-config` — and the parser is
 * inferred from the file path.
 */
async function prettier(
  cwd: string,
  mode: "--write" | "--check",
  paths: readonly string[],
  { config = true, ignoreFiles = [".gitignore", ".prettierignore"] } = {},
): Promise<PrettierRun> {
  const ignorePath = ignoreFiles.map((f) => join(cwd, f));
  const files: string[] = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    if (!statSync(abs).isDirectory()) files.push(abs);
    else
      for (const rel of Object.keys(readTree(abs)).filter((f) => !f.split("/").includes("node_modules"))) {
        const file = join(abs, rel);
        if ((await prettierApi.getFileInfo(file)).inferredParser !== null) files.push(file);
      }
  }
  const unformatted: string[] = [];
  for (const file of files) {
    if ((await prettierApi.getFileInfo(file, { ignorePath })).ignored) continue;
    const options = config ? ((await prettierApi.resolveConfig(file, { editorconfig: true })) ?? {}) : {};
    const input = readFileSync(file, "utf8");
    const output = await prettierApi.format(input, { ...options, filepath: file });
    if (output === input) continue;
    if (mode === "--write") writeFileSync(file, output);
    else unformatted.push(file.slice(cwd.length + 1));
  }
  return { status: unformatted.length ? 1 : 0, unformatted };
}

const PRETTIERRC = JSON.stringify({ printWidth: 100, singleQuote: true });

describe("prettier-stable output", () => {
  // prettier as a consumer runs it with its defaults: not this repo's .prettierrc (printWidth
  // 120) and not its .prettierignore (which leaves out generated/ and every *.json, so a check
  // honouring it would pass whatever the files held).
  const check = (files: string[]) => prettier(REPO, "--check", files, { config: false, ignoreFiles: [] });

  it("the committed JSON Schemas, manifest and Loki YAML of generated/ pass `prettier --check` as they are", async () => {
    const files = Object.keys(readTree(join(REPO, "generated")))
      .filter((p) => /\.(json|ya?ml)$/.test(p) && p !== "registry.json")
      .map((p) => `generated/${p}`);
    expect(files.length).toBeGreaterThan(5);
    const r = await check(files);
    expect(r.unformatted).toEqual([]);
    expect(r.status).toBe(0);
  });

  it("registry.json is written a record a line, which prettier would re-flow (docs/gen.md says so)", async () => {
    const r = await check(["generated/registry.json"]);
    expect(r.status).toBe(1);
    expect(r.unformatted).toEqual(["generated/registry.json"]);
  });
});

describe("format: prettier", () => {
  it("without it, prettier --write reformats generated files and gen --check fails", async () => {
    const dir = tmpProject({ "schemas/inventory.ts": INVENTORY, ".prettierrc": PRETTIERRC });
    expect((await runCli(["gen", "-q"], dir)).code).toBe(0);
    const before = readTree(join(dir, "generated"));
    expect((await prettier(dir, "--write", ["generated"])).status).toBe(0);
    const changed = Object.entries(readTree(join(dir, "generated"))).filter(([p, text]) => before[p] !== text);
    expect(changed.length).toBeGreaterThan(0);
    expect((await runCli(["gen", "--check", "--no-diff"], dir)).code).toBe(1);
  });

  it("with it, the output is already prettier's, and gen --check passes after prettier --write", async () => {
    const dir = tmpProject({
      "schemas/inventory.ts": INVENTORY,
      ".prettierrc": PRETTIERRC,
      "logpact.config.json": JSON.stringify({ format: "prettier" }),
    });
    expect((await runCli(["gen", "-q"], dir)).code).toBe(0);
    const check = await prettier(dir, "--check", ["generated"]);
    expect(check.unformatted).toEqual([]);
    expect(check.status).toBe(0);
    const before = readTree(join(dir, "generated"));
    expect((await prettier(dir, "--write", ["generated"])).status).toBe(0);
    expect(readTree(join(dir, "generated"))).toEqual(before);
    expect(await runCli(["gen", "--check", "-q"], dir)).toEqual({ code: 0, stdout: "", stderr: "" });
    // The project's config was used: single quotes in the emitters.
    expect(before["emitters/index.ts"]).toMatch(/from '\.\//);
  });

  it("honours .prettierignore: ignored files are written as logpact renders them", async () => {
    const files = { "schemas/inventory.ts": INVENTORY, ".prettierrc": PRETTIERRC };
    const plain = tmpProject(files);
    const formatted = tmpProject({
      ...files,
      ".prettierignore": "generated/emitters/\n",
      "logpact.config.json": JSON.stringify({ format: "prettier" }),
    });
    await runCli(["gen", "-q"], plain);
    await runCli(["gen", "-q"], formatted);
    const a = readTree(join(plain, "generated"));
    const b = readTree(join(formatted, "generated"));
    for (const path of Object.keys(a)) {
      if (path.startsWith("emitters/")) expect(b[path], path).toBe(a[path]);
    }
    expect(Object.keys(a).some((p) => !p.startsWith("emitters/") && a[p] !== b[p])).toBe(true);
  });

  it("prettier not installed: exit 2 naming the fix, nothing written", async () => {
    const dir = tmpProject(
      { "schemas/inventory.ts": INVENTORY, "logpact.config.json": JSON.stringify({ format: "prettier" }) },
      { linkNodeModules: false },
    );
    mkdirSync(join(dir, "node_modules"));
    for (const pkg of ["zod", "logpact"])
      symlinkSync(pkg === "logpact" ? REPO : join(REPO, "node_modules", pkg), join(dir, "node_modules", pkg));
    const r = await runCli(["gen"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("LP_FORMAT_NO_PRETTIER");
    expect(r.stderr).toContain("pnpm add -D prettier");
    expect(() => readFileSync(join(dir, "generated/registry.json"))).toThrow();
  });
});
