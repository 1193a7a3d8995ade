/**
 * `logpact init`'s pure parts, table by table: the text pre-filter, event-key detection,
 * the schema globs, levels seen in code, the config text.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseConfig } from "../../generator/config/load.js";
import { renderConfig } from "../../generator/init/config-text.js";
import { detectEventKey } from "../../generator/init/event-key.js";
import { candidateGlobs, coversExactly, inferSchemaGlobs, type GlobInput } from "../../generator/init/globs.js";
import { harmlessModules, resolveRelative, runtimeImports } from "../../generator/init/imports.js";
import { levelsSeen } from "../../generator/init/levels.js";
import { mayDeclareEvents } from "../../generator/init/prefilter.js";
import { scanOptions } from "../../generator/lint/index.js";
import { createScanner } from "../../generator/lint/scanner.js";
import { buildRegistry } from "../../generator/registry/build.js";
import { importModule } from "../../generator/util/import-module.js";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

describe.each<[string, { given: string; want: boolean }]>([
  [
    "a discriminated union on event",
    {
      given: `import { z } from "zod";\nexport const L = z.discriminatedUnion("event", [z.strictObject({ event: z.literal("a.b") })]);`,
      want: true,
    },
  ],
  [
    "single quotes, zod/v4, a namespace import",
    { given: `import * as zod from 'zod/v4';\nconst E = zod.strictObject({ 'event': zod.literal('x') });`, want: true },
  ],
  [
    "require()",
    {
      given: `const { z } = require("zod");\nmodule.exports = z.object({ event: z.literal("a.b") }).strict();`,
      want: true,
    },
  ],
  [
    "a literal from an as-const map",
    { given: `import { z } from "zod";\nz.strictObject({ event: z.literal(EVENTS.started) })`, want: true },
  ],
  [
    "type with a dotted name",
    { given: `import { z } from "zod";\nz.strictObject({ type: z.literal("billing.invoice.paid") })`, want: true },
  ],
  [
    "kind from a constant map",
    { given: `import { z } from "zod";\nz.strictObject({ kind: z.literal(KINDS["paid"]) })`, want: true },
  ],
  [
    "OTel's flat event.name",
    { given: `import { z } from "zod";\nz.strictObject({ "event.name": z.literal("http.request.done") })`, want: true },
  ],
  [
    "a name: literal is not an event key",
    { given: `import { z } from "zod";\nz.strictObject({ name: z.literal("http.request.done") })`, want: false },
  ],
  [
    'an API body with type: "card"',
    { given: `import { z } from "zod";\nz.object({ type: z.literal("card"), amount: z.number() })`, want: false },
  ],
  [
    "no zod import (a local zod wrapper is not followed)",
    { given: `import { z } from "./z";\nz.strictObject({ event: z.literal("a.b") })`, want: false },
  ],
  [
    "zod but no literal",
    { given: `import { z } from "zod";\nexport const Body = z.object({ event: z.string() });`, want: false },
  ],
  [
    "a literal on another key",
    { given: `import { z } from "zod";\nz.object({ status: z.literal("ok") })`, want: false },
  ],
  [
    "eventName is not event",
    { given: `import { z } from "zod";\nz.object({ eventName: z.literal("card") })`, want: false },
  ],
  ["a word ending in event", { given: `import { z } from "zod";\nz.object({ prevent: z.literal("x") })`, want: false }],
])("mayDeclareEvents: %s", (_name, { given, want }) => {
  it(`is ${want}`, () => expect(mayDeclareEvents(given)).toBe(want));
});

const ev = (key: string, name: string) => z.strictObject({ [key]: z.literal(name), n: z.number() });
describe.each<[string, { given: Record<string, Record<string, unknown>>; want: { key: string; files: string[] } }]>([
  [
    "event everywhere",
    {
      given: { "a.ts": { A: z.union([ev("event", "a.x"), ev("event", "a.y")]) } },
      want: { key: "event", files: ["a.ts"] },
    },
  ],
  [
    "type in most modules",
    {
      given: { "a.ts": { A: ev("type", "a.x"), B: ev("type", "a.y") }, "b.ts": { C: ev("event", "b.x") } },
      want: { key: "type", files: ["a.ts"] },
    },
  ],
  [
    "kind, with API bodies on type that are not dotted",
    {
      given: {
        "a.ts": { A: ev("kind", "pay.done"), B: ev("kind", "pay.failed") },
        "api.ts": { P: ev("type", "card"), Q: ev("type", "sepa"), R: ev("type", "wire") },
      },
      want: { key: "kind", files: ["a.ts"] },
    },
  ],
  [
    "eventName",
    { given: { "a.ts": { A: ev("eventName", "user.signed_in") } }, want: { key: "eventName", files: ["a.ts"] } },
  ],
  [
    "OTel event.name (one flat key)",
    {
      given: { "a.ts": { A: z.strictObject({ "event.name": z.literal("http.server.done"), ms: z.number() }) } },
      want: { key: "event.name", files: ["a.ts"] },
    },
  ],
  [
    "a nested event.name is not OTel's key",
    {
      given: { "a.ts": { A: z.strictObject({ event: z.strictObject({ name: z.literal("http.server.done") }) }) } },
      want: { key: "event", files: [] },
    },
  ],
  [
    "a tie keeps event",
    {
      given: { "a.ts": { A: ev("type", "a.x") }, "b.ts": { B: ev("event", "b.x") } },
      want: { key: "event", files: ["b.ts"] },
    },
  ],
  [
    "an object re-exported under two names counts once",
    {
      given: {
        "a.ts": { A: ev("type", "a.x"), AA: undefined },
        "b.ts": { B: ev("event", "b.x"), C: ev("event", "b.y") },
      },
      want: { key: "event", files: ["b.ts"] },
    },
  ],
  ["nothing", { given: { "a.ts": { N: 3, S: z.string() } }, want: { key: "event", files: [] } }],
])("detectEventKey: %s", (_name, { given, want }) => {
  it(`finds ${want.key}`, () => {
    const modules = Object.entries(given).map(([file, exports]) => ({
      file,
      exports: { ...exports, ...(exports.AA === undefined && "AA" in exports ? { AA: exports.A } : {}) },
    }));
    const r = detectEventKey(modules);
    expect({ key: r.key, files: r.files }).toEqual(want);
    // No file is both kept and left out.
    const keyed = new Set(r.files);
    const other = Object.keys(given).filter((f) => !keyed.has(f) && r.otherKeys.some((o) => o.file === f));
    expect(r.otherKeys.map((o) => o.file)).toEqual(other);
  });
});

const UNIVERSE = [
  "src/agents/log-fields.ts",
  "src/agents/runner.ts",
  "src/webhooks/log-fields.ts",
  "src/webhooks/handler.ts",
  "src/billing/events.log.ts",
  "src/billing/invoice.ts",
  "schemas/job.ts",
  "schemas/cache.ts",
  "schemas/shared/ids.ts",
  "src/__tests__/log-fields.ts",
  "src/agents/log-fields.test.ts",
];
const EXCLUDED = ["**/*.test.*", "**/*.spec.*", "**/*.d.ts"];
describe.each<[string, { given: Omit<GlobInput, "universe" | "excluded">; want: string[] }]>([
  [
    "one file name in several team folders (a __tests__ copy blocks **/log-fields.ts at src/)",
    {
      given: { families: ["src/agents/log-fields.ts", "src/webhooks/log-fields.ts"], harmless: [] },
      want: ["src/agents/log-fields.ts", "src/webhooks/log-fields.ts"],
    },
  ],
  [
    "one file name, the __tests__ copy is harmless",
    {
      given: {
        families: ["src/agents/log-fields.ts", "src/webhooks/log-fields.ts"],
        harmless: ["src/__tests__/log-fields.ts"],
      },
      want: ["src/**/log-fields.ts"],
    },
  ],
  [
    "a schemas folder with a helper module",
    {
      given: { families: ["schemas/job.ts", "schemas/cache.ts"], harmless: ["schemas/shared/ids.ts"] },
      want: ["schemas/**/*.ts"],
    },
  ],
  [
    "a schemas folder whose helper imports app code",
    { given: { families: ["schemas/job.ts", "schemas/cache.ts"], harmless: [] }, want: ["schemas/*.ts"] },
  ],
  ["a name suffix", { given: { families: ["src/billing/events.log.ts"], harmless: [] }, want: ["src/**/*.log.ts"] }],
  [
    "mixed: a name used once is written as its path",
    {
      given: {
        families: ["schemas/job.ts", "src/billing/events.log.ts", "src/agents/log-fields.ts"],
        harmless: ["src/__tests__/log-fields.ts"],
      },
      want: ["schemas/job.ts", "src/**/*.log.ts", "src/agents/log-fields.ts"],
    },
  ],
])("inferSchemaGlobs: %s", (_name, { given, want }) => {
  it(`is ${want.join(" ")}`, () => {
    const input = { ...given, universe: UNIVERSE, excluded: EXCLUDED };
    const globs = inferSchemaGlobs(input);
    expect(globs).toEqual(want);
    // Whatever was chosen covers every family module and nothing unsafe.
    expect(coversExactly(globs, input)).toBe(true);
  });
});

describe("detectEventKey: modules on a minority key", () => {
  it("are listed with their key", () => {
    const r = detectEventKey([
      { file: "src/a.ts", exports: { A: ev("event", "a.x"), B: ev("event", "a.y") } },
      { file: "src/billing.ts", exports: { P: ev("type", "billing.paid") } },
    ]);
    expect(r.key).toBe("event");
    expect(r.otherKeys).toEqual([{ key: "type", file: "src/billing.ts" }]);
  });
});

describe("candidateGlobs and coversExactly", () => {
  it("offers folder, file-name and suffix globs for every ancestor", () => {
    expect(candidateGlobs(["src/a/x.log.ts"])).toEqual([
      "src/**/*.log.ts",
      "src/**/*.ts",
      "src/a/**/*.log.ts",
      "src/a/**/*.ts",
      "src/a/*.log.ts",
      "src/a/*.ts",
    ]);
    expect(candidateGlobs(["src/a/f.ts", "src/b/f.ts"])).toEqual([
      "src/**/*.ts",
      "src/**/f.ts",
      "src/a/**/*.ts",
      "src/a/*.ts",
      "src/b/**/*.ts",
      "src/b/*.ts",
    ]);
  });
  it("accepts the default glob only when nothing unsafe matches", () => {
    const base = { families: ["schemas/job.ts", "schemas/cache.ts"], universe: UNIVERSE, excluded: EXCLUDED };
    expect(coversExactly(["schemas/**/*.{ts,mts,cts,js,mjs}"], { ...base, harmless: ["schemas/shared/ids.ts"] })).toBe(
      true,
    );
    expect(coversExactly(["schemas/**/*.{ts,mts,cts,js,mjs}"], { ...base, harmless: [] })).toBe(false);
    expect(coversExactly(["schemas/job.ts"], { ...base, harmless: [] })).toBe(false);
  });
});

const config = parseConfig({}, "test");
const irOf = (events: ReturnType<typeof z.strictObject>[]) =>
  buildRegistry([{ file: "a.ts", exports: { L: z.union(events as never) } }], config).ir;
describe("levelsSeen", () => {
  const ir = irOf([
    z.strictObject({ event: z.literal("agent.tool.failed"), n: z.number() }),
    z.strictObject({ event: z.literal("agent.tool.started"), n: z.number() }).meta({ level: "info" }),
    z.strictObject({ event: z.literal("agent.tool.retried"), n: z.number() }),
    z.strictObject({ event: z.literal("agent.tool.skipped"), n: z.number() }),
  ]);
  const scanner = createScanner(scanOptions("/repo", config.lint));
  const scans = [
    scanner.scanText(
      "src/tools.ts",
      `const E = "agent.tool.retried";
export function f(logger: any, log: any) {
  logger.error({ event: "agent.tool.failed", n: 1 });
  this.logger.error({ event: "agent.tool.failed", n: 2 }, "failed");
  log.warn({ event: "agent.tool.failed", n: 3 });
  log.error({ event: "agent.tool.started", n: 1 });
  log.debug({ event: E, n: 1 });
  log.info({ event: E, n: 2 });
  log.info({ event: someVar, n: 1 });
}`,
    ),
  ];
  it("reports events with no declared level, per level, most used first, with places", () => {
    const r = levelsSeen(ir, scans);
    expect(r.undeclared).toEqual(["agent.tool.failed", "agent.tool.retried", "agent.tool.skipped"]);
    expect(r.seen).toEqual([
      {
        event: "agent.tool.failed",
        family: "agent.tool",
        levels: [
          { level: "error", places: 2 },
          { level: "warn", places: 1 },
        ],
        at: ["src/tools.ts:3", "src/tools.ts:4", "src/tools.ts:5"],
        suggest: "error",
      },
      // A tie suggests the lower level; both are listed, so the author decides.
      {
        event: "agent.tool.retried",
        family: "agent.tool",
        levels: [
          { level: "debug", places: 1 },
          { level: "info", places: 1 },
        ],
        at: ["src/tools.ts:7", "src/tools.ts:8"],
        suggest: "debug",
      },
    ]);
    expect(r.calls).toBe(6);
  });
});

describe("renderConfig", () => {
  it.each<[string, { given: Parameters<typeof renderConfig>[0]; want: string }]>([
    ["nothing differs", { given: {}, want: "export default {} satisfies UserConfig;" }],
    [
      "globs",
      {
        given: { schemas: ["src/**/log-fields.ts", "schemas/*.ts"] },
        want: `export default {\n  // why schemas\n  schemas: ["src/**/log-fields.ts", "schemas/*.ts"],\n} satisfies UserConfig;`,
      },
    ],
  ])("%s", async (_name, { given, want }) => {
    const text = renderConfig(given, { schemas: "why schemas" });
    expect(text).toContain(want);
    // It loads as a module (the type import is erased) and is a valid config.
    const dir = mkdtempSync(join(tmpdir(), "logpact-init-config-"));
    writeFileSync(join(dir, "logpact.config.ts"), text);
    const mod = await importModule(join(dir, "logpact.config.ts"));
    expect(mod.default).toEqual(given);
    expect(() => parseConfig(mod.default, "logpact.config.ts")).not.toThrow();
  });
});

describe.each<[string, { given: string; want: string[] }]>([
  [
    "named, default and namespace imports",
    {
      given: `import { z } from "zod";\nimport pino from 'pino';\nimport * as h from "./helpers.js";`,
      want: ["zod", "pino", "./helpers.js"],
    },
  ],
  [
    "type-only imports are erased",
    { given: `import type { Logger } from "pino";\nimport { z } from "zod";`, want: ["zod"] },
  ],
  [
    "re-exports, side-effect imports, dynamic import, require",
    {
      given: `export { A } from "./a.js";\nimport "./polyfill";\nconst m = await import("./lazy.js");\nconst db = require("../db");`,
      want: ["./a.js", "./polyfill", "./lazy.js", "../db"],
    },
  ],
  [
    "multi-line import lists",
    { given: `import {\n  a,\n  b,\n} from "./shared/log-fields.js";`, want: ["./shared/log-fields.js"] },
  ],
])("runtimeImports: %s", (_name, { given, want }) => {
  it("lists the run-time specifiers", () => expect(runtimeImports(given)).toEqual(want));
});

describe("harmlessModules", () => {
  const texts: Record<string, string> = {
    "src/agents/log-fields.ts": `import { z } from "zod";\nimport { ids } from "../shared/log-fields.js";\nexport const A = z.strictObject({ event: z.literal("a.b"), ...ids });`,
    "src/shared/log-fields.ts": `import { z } from "zod";\nimport { scrub } from "./scrub.js";\nexport const ids = { run_id: z.string() };`,
    "src/shared/scrub.ts": `export const scrub = (s: string) => s.replace(/\\d/g, "#");`,
    "src/logging/catch-all/log-fields.ts": `import { z } from "zod";\nexport const Any = z.strictObject({ event: z.string() });`,
    "src/logging/levels.ts": `import { z } from "zod";\nimport { Any } from "./catch-all/log-fields.js";\nexport const L = z.enum(["info"]);`,
    "src/routes/pay.ts": `import { z } from "zod";\nimport { db } from "../db.js";\nexport const Body = z.object({ amount: z.number() });`,
    "src/db.ts": `export const db = connect();`,
  };
  const files = new Set(Object.keys(texts));
  it("adds what the schema modules import (transitively) and Zod-only modules, never a module with other imports", () => {
    const zodModules = Object.keys(texts).filter((f) => texts[f]!.includes('"zod"'));
    expect([...harmlessModules(["src/agents/log-fields.ts"], zodModules, files, (f) => texts[f]!)].sort()).toEqual([
      "src/agents/log-fields.ts",
      "src/logging/catch-all/log-fields.ts",
      "src/logging/levels.ts",
      "src/shared/log-fields.ts",
      "src/shared/scrub.ts",
    ]);
  });
  it.each([
    ["./a.js", "src/x/a.ts"],
    ["../shared/log-fields.js", "src/shared/log-fields.ts"],
    ["./dir", "src/x/dir/index.ts"],
    ["zod", undefined],
    ["./missing.js", undefined],
  ])("resolveRelative(%s) from src/x/m.ts is %s", (spec, want) => {
    expect(
      resolveRelative("src/x/m.ts", spec, new Set(["src/x/a.ts", "src/shared/log-fields.ts", "src/x/dir/index.ts"])),
    ).toBe(want);
  });
});
