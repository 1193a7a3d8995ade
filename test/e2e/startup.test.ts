/**
 * Commands must not load libraries they do not use: handlebars + yaml cost about 0.1 s of
 * start-up that validate, lint and diff do not use (they know the targets by their specs,
 * targets/index.ts, and never import a renderer: test/architecture checks the imports, this
 * checks the modules a fresh process loads); docs loads handlebars only when it renders a
 * section; zod-to-json-schema (and the Zod 3 modules it pulls in) is only for `zod/v3`
 * families, whatever the command. Each case imports the built module in a fresh process and
 * lists which of those packages ended up loaded, as CommonJS (`require.cache`) or as ES
 * modules (Node's `NODE_DEBUG=esm` log of every module it stores).
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { REPO } from "../helpers/project.js";

const WATCHED = ["handlebars", "yaml", "zod-to-json-schema"];

/** The packages of `watched` loaded after running `script` (an ES module body) in a fresh node. */
function loadedAfter(script: string, watched: readonly string[] = WATCHED): string[] {
  const probe = `
import { createRequire } from "node:module";
${script}
const cache = Object.keys(createRequire(import.meta.url).cache);
console.log(JSON.stringify(${JSON.stringify(watched)}.filter((p) => cache.some((f) => f.includes("/node_modules/" + p + "/")))));
`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", probe], {
    cwd: REPO,
    encoding: "utf8",
    maxBuffer: 256 << 20,
    env: { ...process.env, NODE_DEBUG: "esm" },
  });
  expect(r.error).toBeUndefined(); // e.g. ENOBUFS: the ESM log is large
  expect(r.status).toBe(0);
  const stored = r.stderr.split("\n").filter((l) => /^ESM \d+: Storing /.test(l));
  const asEsm = watched.filter((p) => stored.some((l) => l.includes(`/node_modules/${p}/`)));
  const asCjs = JSON.parse(r.stdout) as string[];
  return watched.filter((p) => asEsm.includes(p) || asCjs.includes(p));
}

const dist = (rel: string) => pathToFileURL(join(REPO, "dist/generator", rel)).href;

describe("start-up: libraries a command does not use are not loaded", () => {
  it.each(["validate", "lint", "diff"])("%s loads no renderer library", (command) => {
    expect(loadedAfter(`await import(${JSON.stringify(dist(`commands/${command}.js`))});`)).toEqual([]);
  });

  // docs imports the markdown renderer for in-place sections; handlebars loads on its first render.
  it("docs loads none until it renders", () => {
    expect(loadedAfter(`await import(${JSON.stringify(dist("commands/docs.js"))});`)).toEqual([]);
  });

  // gen renders on every run: yaml comes with the Loki renderer, handlebars on the first render.
  it("gen loads yaml only", () => {
    expect(loadedAfter(`await import(${JSON.stringify(dist("commands/gen.js"))});`)).toEqual(["yaml"]);
  });

  it("rendering does load them (the probe sees a load)", () => {
    const script = `
const { TARGETS } = await import(${JSON.stringify(dist("gen/targets.js"))});
const markdown = TARGETS.find((t) => t.name === "markdown");
const { loadRegistry } = await import(${JSON.stringify(dist("registry/index.js"))});
const { parseConfig } = await import(${JSON.stringify(dist("config/load.js"))});
const { ir } = await loadRegistry(${JSON.stringify(REPO)}, parseConfig({}, "probe"));
const files = markdown.render(ir, { options: markdown.options.parse(undefined), outDir: "md", root: ${JSON.stringify(REPO)}, draft: "2020-12", banner: "probe" });
if (files.length === 0) throw new Error("the probe rendered no Markdown");
`;
    expect(loadedAfter(script, ["handlebars", "yaml"])).toEqual(["handlebars", "yaml"]);
  });

  it("a zod/v3 schema does load zod-to-json-schema, and the probe sees ES modules too", () => {
    const script = `
const { toJsonSchema } = await import(${JSON.stringify(dist("registry/zod-adapter.js"))});
const { z } = await import("zod/v3");
const schema = toJsonSchema(z.object({ n: z.number() }), "2020-12");
if (schema.properties?.n?.type !== "number") throw new Error("not converted: " + JSON.stringify(schema));
`;
    expect(loadedAfter(script)).toEqual(["zod-to-json-schema"]);
    // zod is an ES module import here: seen only through the ESM log.
    expect(loadedAfter(`await import("zod");`, ["zod"])).toEqual(["zod"]);
  });
});
