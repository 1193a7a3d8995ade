/**
 * Commands that render nothing must not load the renderers' libraries: the config schema
 * imports the target table for every command, and handlebars + yaml cost about 0.1 s of
 * start-up that validate, lint and diff do not use. Each case imports the built command
 * module in a fresh process and lists which of those packages ended up loaded.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { REPO } from "../helpers/project.js";

const WATCHED = ["handlebars", "yaml"];

/** The watched packages loaded after running `script` (an ES module body) in a fresh node. */
function loadedAfter(script: string): string[] {
  const probe = `
import { createRequire } from "node:module";
${script}
const cache = Object.keys(createRequire(import.meta.url).cache);
console.log(JSON.stringify(${JSON.stringify(WATCHED)}.filter((p) => cache.some((f) => f.includes("/node_modules/" + p + "/")))));
`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", probe], { cwd: REPO, encoding: "utf8" });
  expect(r.stderr).toBe("");
  return JSON.parse(r.stdout) as string[];
}

const dist = (rel: string) => pathToFileURL(join(REPO, "dist/generator", rel)).href;

describe("start-up: libraries a command does not use are not loaded", () => {
  it.each(["validate", "lint", "diff"])("%s", (command) => {
    expect(loadedAfter(`await import(${JSON.stringify(dist(`commands/${command}.js`))});`)).toEqual([]);
  });

  it("rendering does load them (the probe sees a load)", () => {
    const script = `
const { loadTemplates } = await import(${JSON.stringify(dist("targets/templates.js"))});
const { mkdtempSync } = await import("node:fs");
const dir = mkdtempSync((await import("node:os")).tmpdir() + "/lp-");
loadTemplates("x", dir, {});
const { TARGETS } = await import(${JSON.stringify(dist("targets/index.js"))});
const loki = TARGETS.find((t) => t.name === "loki");
const { loadRegistry } = await import(${JSON.stringify(dist("registry/index.js"))});
const { parseConfig } = await import(${JSON.stringify(dist("config/load.js"))});
const config = parseConfig({}, "probe");
const { ir } = await loadRegistry(${JSON.stringify(REPO)}, config);
const files = loki.render(ir, { options: loki.options.parse(undefined), outDir: "alerts", root: ${JSON.stringify(REPO)}, draft: "2020-12", banner: "probe" });
if (files.length === 0) throw new Error("the bundled families have no alerts: the probe rendered no YAML");
`;
    expect(loadedAfter(script)).toEqual(WATCHED);
  });
});
