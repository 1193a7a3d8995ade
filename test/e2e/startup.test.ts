/**
 * Commands must not load libraries they do not use: handlebars + yaml cost about 0.1 s of
 * start-up that validate, lint and diff do not use (they know the targets by their specs,
 * targets/index.ts, and never import a renderer: test/architecture checks the imports, this
 * checks the modules a fresh process loads); docs loads handlebars only when it renders a
 * section; gen loads handlebars on its first render and yaml only when it writes Loki rules
 * (a registry with alerts); zod-to-json-schema (and the Zod 3 modules it pulls in) is only for `zod/v3`
 * families, whatever the command. A probe runs steps in a fresh process and lists, after
 * each, which of the watched packages it loaded (those loaded by no earlier step), as
 * CommonJS (`require.cache`) or as ES modules (Node's `NODE_DEBUG=esm` log of every module
 * it stores). All steps share one process: whatever one of them loaded shows at that step.
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
  // (The log's "Storing" lines found once, with where each starts: the log is about 1 MB.)
  const stored = [...r.stderr.matchAll(/^ESM \d+: Storing .*$/gm)].map((m) => ({ at: m.index, line: m[0] }));
  const seen = (upTo: number, cjs: readonly string[], p: string) =>
    stored.some((s) => s.at < upTo && s.line.includes(`/node_modules/${p}/`)) ||
    cjs.some((f) => f.includes(`/node_modules/${p}/`));
  const out: string[][] = [];
  let from = 0;
  let before = 0;
  let cjsBefore: string[] = [];
  steps.forEach((step, i) => {
    const marker = `PROBE STEP ${i} `;
    const at = r.stderr.indexOf(marker, from);
    expect(at, `step ${i} ran`).toBeGreaterThanOrEqual(0);
    const end = r.stderr.indexOf("\n", at);
    const cjs = JSON.parse(r.stderr.slice(at + marker.length, end)) as string[];
    out.push((step.watched ?? WATCHED).filter((p) => seen(at, cjs, p) && !seen(before, cjsBefore, p)));
    from = end;
    before = at;
    cjsBefore = cjs;
  });
  return out;
}

const dist = (rel: string) => pathToFileURL(join(REPO, "dist/generator", rel)).href;
const importing = (rel: string): Step => ({ script: `await import(${JSON.stringify(dist(rel))});` });

describe("start-up: libraries a command does not use are not loaded", () => {
  let commands: Record<string, string[]>;
  let rendering: string[][];
  let zod: string[][];
  // One probe process for every step (a fresh node per group cost a start-up and an ESM log each).
  beforeAll(() => {
    const names = ["validate", "lint", "diff", "docs", "gen"];
    const render = (target: string) => `
const { TARGETS, ir } = globalThis.probe;
const t = TARGETS.find((x) => x.name === ${JSON.stringify(target)});
const files = t.render(ir, { options: t.options.parse(undefined), outDir: "out", root: ${JSON.stringify(REPO)}, draft: "2020-12", banner: "probe" });
if (files.length === 0) throw new Error("the probe rendered no ${target} file");
`;
    const setup = `
const { TARGETS } = await import(${JSON.stringify(dist("gen/targets.js"))});
const { loadRegistry } = await import(${JSON.stringify(dist("registry/index.js"))});
const { parseConfig } = await import(${JSON.stringify(dist("config/load.js"))});
globalThis.probe = { TARGETS, ...(await loadRegistry(${JSON.stringify(REPO)}, parseConfig({}, "probe"))) };
`;
    const zodV3 = `
const { toJsonSchema } = await import(${JSON.stringify(dist("registry/zod-adapter.js"))});
const { z } = await import("zod/v3");
const schema = toJsonSchema(z.object({ n: z.number() }), "2020-12");
if (schema.properties?.n?.type !== "number") throw new Error("not converted: " + JSON.stringify(schema));
`;
    const loaded = loadedBy([
      // zod is an ES module import: seen only through the ESM log (first, before anything else loads it).
      { script: `await import("zod");`, watched: ["zod"] },
      ...names.map((c) => importing(`commands/${c}.js`)),
      // The bundled registry has alerts, so the Loki target writes rules files.
      ...[setup, render("markdown"), render("loki")].map((script) => ({ script })),
      { script: zodV3 },
    ]);
    zod = [loaded[0]!, loaded[loaded.length - 1]!];
    commands = Object.fromEntries(names.map((c, i) => [c, loaded[i + 1]!]));
    rendering = loaded.slice(names.length + 1, names.length + 4);
  });

  it.each(["validate", "lint", "diff"])("%s loads no renderer library", (command) => {
    expect(commands[command]).toEqual([]);
  });

  // docs imports the markdown renderer for in-place sections; handlebars loads on its first render.
  it("docs loads none until it renders", () => {
    expect(commands.docs).toEqual([]);
  });

  // gen renders on every run, but handlebars loads on the first render and yaml on the first Loki rules file.
  it("gen loads none until it renders", () => {
    expect(commands.gen).toEqual([]);
  });

  it("rendering does load them: Markdown handlebars, Loki rules yaml (the probe sees each load)", () => {
    // Loading the registry loads none; then each renderer's library at its first render.
    expect(rendering).toEqual([[], ["handlebars"], ["yaml"]]);
  });

  it("a zod/v3 schema does load zod-to-json-schema, and the probe sees ES modules too", () => {
    expect(zod).toEqual([["zod"], ["zod-to-json-schema"]]);
  });
});
