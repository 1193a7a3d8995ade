/**
 * Commands must not load libraries they do not use: handlebars + yaml cost about 0.1 s of
 * start-up that validate, lint and diff do not use (they know the targets by their specs,
 * targets/index.ts, and never import a renderer: test/architecture checks the imports, this
 * checks the modules a fresh process loads); docs loads handlebars only when it renders a
 * section; zod-to-json-schema (and the Zod 3 modules it pulls in) is only for `zod/v3`
 * families, whatever the command. A probe runs steps in a fresh process and lists, after
 * each, which of the watched packages it loaded (those loaded by no earlier step), as
 * CommonJS (`require.cache`) or as ES modules (Node's `NODE_DEBUG=esm` log of every module
 * it stores). Steps that must load nothing share a process: whatever one of them loaded
 * shows at that step.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO } from "../helpers/project.js";

const WATCHED = ["handlebars", "yaml", "zod-to-json-schema"];

interface Step {
  /** An ES module body (top-level await allowed). */
  script: string;
  watched?: readonly string[];
}

/** For each step, in order, the packages of its `watched` that it loaded (all in one fresh node). */
function loadedBy(steps: readonly Step[]): string[][] {
  const probe = `
import { createRequire } from "node:module";
const cache = () => Object.keys(createRequire(import.meta.url).cache);
${steps
  .map(
    (s, i) => `{
${s.script}
}
process.stderr.write("PROBE STEP ${i} " + JSON.stringify(cache()) + "\\n");`,
  )
  .join("\n")}
`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", probe], {
    cwd: REPO,
    encoding: "utf8",
    maxBuffer: 256 << 20,
    env: { ...process.env, NODE_DEBUG: "esm" },
  });
  expect(r.error).toBeUndefined(); // e.g. ENOBUFS: the ESM log is large
  expect(r.status, r.stderr.slice(-2000)).toBe(0);
  // The ESM log up to each step's marker (stderr is a pipe: written in order), and the CommonJS cache at it.
  const seen = (log: string, cjs: readonly string[], p: string) =>
    log.split("\n").some((l) => /^ESM \d+: Storing /.test(l) && l.includes(`/node_modules/${p}/`)) ||
    cjs.some((f) => f.includes(`/node_modules/${p}/`));
  const out: string[][] = [];
  let from = 0;
  let before = "";
  let cjsBefore: string[] = [];
  steps.forEach((step, i) => {
    const marker = `PROBE STEP ${i} `;
    const at = r.stderr.indexOf(marker, from);
    expect(at, `step ${i} ran`).toBeGreaterThanOrEqual(0);
    const end = r.stderr.indexOf("\n", at);
    const cjs = JSON.parse(r.stderr.slice(at + marker.length, end)) as string[];
    const log = r.stderr.slice(0, at);
    out.push((step.watched ?? WATCHED).filter((p) => seen(log, cjs, p) && !seen(before, cjsBefore, p)));
    from = end;
    before = log;
    cjsBefore = cjs;
  });
  return out;
}

const dist = (rel: string) => pathToFileURL(join(REPO, "dist/generator", rel)).href;
const importing = (rel: string): Step => ({ script: `await import(${JSON.stringify(dist(rel))});` });

describe("start-up: libraries a command does not use are not loaded", () => {
  let commands: Record<string, string[]>;
  beforeAll(() => {
    const names = ["validate", "lint", "diff", "docs", "gen"];
    const loaded = loadedBy(names.map((c) => importing(`commands/${c}.js`)));
    commands = Object.fromEntries(names.map((c, i) => [c, loaded[i]!]));
  });

  it.each(["validate", "lint", "diff"])("%s loads no renderer library", (command) => {
    expect(commands[command]).toEqual([]);
  });

  // docs imports the markdown renderer for in-place sections; handlebars loads on its first render.
  it("docs loads none until it renders", () => {
    expect(commands.docs).toEqual([]);
  });

  // gen renders on every run: yaml comes with the Loki renderer, handlebars on the first render.
  it("gen loads yaml only", () => {
    expect(commands.gen).toEqual(["yaml"]);
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
    expect(loadedBy([{ script, watched: ["handlebars", "yaml"] }])).toEqual([["handlebars", "yaml"]]);
  });

  it("a zod/v3 schema does load zod-to-json-schema, and the probe sees ES modules too", () => {
    const script = `
const { toJsonSchema } = await import(${JSON.stringify(dist("registry/zod-adapter.js"))});
const { z } = await import("zod/v3");
const schema = toJsonSchema(z.object({ n: z.number() }), "2020-12");
if (schema.properties?.n?.type !== "number") throw new Error("not converted: " + JSON.stringify(schema));
`;
    // zod is an ES module import: seen only through the ESM log (first, before anything else loads it).
    expect(loadedBy([{ script: `await import("zod");`, watched: ["zod"] }, { script }])).toEqual([
      ["zod"],
      ["zod-to-json-schema"],
    ]);
  });
});
