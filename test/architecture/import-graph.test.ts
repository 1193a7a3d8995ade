/**
 * The shape of generator/: no import circle anywhere (type-only and dynamic imports count),
 * and the target spec table (targets/index.ts) a leaf that reaches no renderer, so the
 * config, lint, diff and validate never load handlebars or yaml. The renderers are reached
 * only through gen/ (and doc-check/, which renders the in-place doc sections gen writes).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "../helpers/project.js";
import { importCycles, importGraph, importSpecifiers, reachable, type ImportGraph } from "./import-graph.js";

const graph = importGraph(REPO, "generator");

/** The Loki target's LogQL syntax and label mapping, which the registry's alert resolution applies. */
const LOKI_SHARED = ["generator/targets/loki/syntax.ts", "generator/targets/loki/labels.ts"];

/** A file of a target folder that is not its spec (nor the Loki knowledge the registry shares): rendering code. */
const isRenderer = (f: string) =>
  f.startsWith("generator/targets/") &&
  !["generator/targets/index.ts", "generator/targets/types.ts", ...LOKI_SHARED].includes(f) &&
  !/^generator\/targets\/[^/]+\/spec\.ts$/.test(f);

/** Packages a file imports (bare specifiers, first segment or scope/name). */
const packagesOf = (f: string) =>
  importSpecifiers(f, readFileSync(join(REPO, f), "utf8"))
    .filter((s) => !s.startsWith(".") && !s.startsWith("node:"))
    .map((s) =>
      s
        .split("/")
        .slice(0, s.startsWith("@") ? 2 : 1)
        .join("/"),
    );

const g = (edges: Record<string, string[]>): ImportGraph => new Map(Object.entries(edges));

describe("importSpecifiers reads every kind of import", () => {
  it.each<[string, { given: string; want: string[] }]>([
    ["named and default", { given: `import a, { b } from "./a.js";`, want: ["./a.js"] }],
    ["type-only", { given: `import type { T } from "./t.js";`, want: ["./t.js"] }],
    ["side effect", { given: `import "./side.js";`, want: ["./side.js"] }],
    ["re-export", { given: `export { x } from "./x.js";\nexport * from "./all.js";`, want: ["./x.js", "./all.js"] }],
    ["type re-export", { given: `export type { T } from "./t.js";`, want: ["./t.js"] }],
    ["dynamic import", { given: `const m = await import("./lazy.js");`, want: ["./lazy.js"] }],
    ["import type query", { given: `let x: typeof import("./q.js");`, want: ["./q.js"] }],
    ["import = require", { given: `import fs = require("node:fs");`, want: ["node:fs"] }],
    ["computed dynamic import is not a file edge", { given: `await import(name);`, want: [] }],
    ["strings and comments are not imports", { given: `// import "./no.js"\nconst s = 'from "./no.js"';`, want: [] }],
  ])("%s", (_name, { given, want }) => {
    expect(importSpecifiers("x.ts", given)).toEqual(want);
  });
});

describe("importCycles finds every circle and prints a path through it", () => {
  it.each<[string, { given: ImportGraph; want: string[][] }]>([
    ["a tree has none", { given: g({ a: ["b", "c"], b: ["c"], c: [] }), want: [] }],
    ["two files importing each other", { given: g({ a: ["b"], b: ["a"] }), want: [["a", "b", "a"]] }],
    ["a file importing itself", { given: g({ a: ["a"] }), want: [["a", "a"]] }],
    [
      "the circle of issue 19 (six files)",
      {
        given: g({
          "config/schema": ["targets/index"],
          "targets/index": ["targets/loki/index"],
          "targets/loki/index": ["registry/alerts", "registry/meta-schema"],
          "registry/meta-schema": ["registry/alerts"],
          "registry/alerts": ["config/schema"],
        }),
        want: [["config/schema", "targets/index", "targets/loki/index", "registry/alerts", "config/schema"]],
      },
    ],
    [
      "two separate circles, each reported",
      {
        given: g({ a: ["b"], b: ["a", "c"], c: ["d"], d: ["c"] }),
        want: [
          ["a", "b", "a"],
          ["c", "d", "c"],
        ],
      },
    ],
  ])("%s", (_name, { given, want }) => {
    expect(importCycles(given)).toEqual(want);
  });
});

describe("generator/ import graph", () => {
  it("reads the source tree (sanity: the spec table and gen are in it)", () => {
    expect(graph.get("generator/config/schema.ts")).toContain("generator/targets/index.ts");
    expect(graph.get("generator/gen/generate.ts")).toContain("generator/gen/targets.ts");
    expect([...graph.keys()].filter(isRenderer).length).toBeGreaterThan(10);
  });

  it("has no import circle", () => {
    const cycles = importCycles(graph).map((c) => c.join(" → "));
    expect(cycles, `import circles:\n${cycles.join("\n")}`).toEqual([]);
  });

  it("the target spec table reaches no renderer and no template or YAML library", () => {
    const reached = [...reachable(graph, "generator/targets/index.ts")].sort();
    expect(reached.filter(isRenderer)).toEqual([]);
    const heavy = reached.filter((f) => packagesOf(f).some((p) => ["handlebars", "yaml"].includes(p)));
    expect(heavy).toEqual([]);
    expect(reached).toContain("generator/targets/loki/spec.ts");
  });

  it.each([
    "generator/config/schema.ts",
    "generator/lint/index.ts",
    "generator/commands/lint.ts",
    "generator/commands/diff.ts",
    "generator/commands/validate.ts",
  ])("%s reaches no renderer", (file) => {
    expect([...reachable(graph, file)].filter(isRenderer)).toEqual([]);
  });

  it("the LogQL syntax the registry shares imports nothing of ours", () => {
    expect(graph.get("generator/targets/loki/syntax.ts")).toEqual([]);
  });

  it("the Loki label mapping the registry shares imports only the LogQL syntax", () => {
    expect(graph.get("generator/targets/loki/labels.ts")).toEqual(["generator/targets/loki/syntax.ts"]);
  });

  it("the registry reaches the Loki target only through the knowledge it shares", () => {
    const fromRegistry = [...graph.entries()]
      .filter(([from]) => from.startsWith("generator/registry/"))
      .flatMap(([, to]) => to.filter((f) => f.startsWith("generator/targets/loki/")));
    expect([...new Set(fromRegistry)].sort()).toEqual([...LOKI_SHARED].sort());
  });

  it("renderers are imported, outside targets/, only by gen/, doc-check/ and the library entry", () => {
    const importers = [...graph.entries()]
      .filter(([from, to]) => !from.startsWith("generator/targets/") && to.some(isRenderer))
      .map(([from]) => from)
      .filter((f) => !/^generator\/(gen|doc-check)\//.test(f) && f !== "generator/index.ts");
    expect(importers).toEqual([]);
  });
});
