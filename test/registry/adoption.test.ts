/**
 * Registry shapes met in real services' hand-written schemas, one behaviour per table:
 * convention rules at off/warn/error, units from suffixes, lone events grouped into
 * families, declaration order, `err` refining the envelope, catch-alls, refines, and
 * levels nobody declared.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseConfig } from "../../generator/config/load.js";
import type { UserConfig } from "../../generator/config/schema.js";
import type { Diagnostic } from "../../generator/errors.js";
import { levelsInCode } from "../../generator/lint/levels-in-code.js";
import { lintText, scanOptions } from "../../generator/lint/index.js";
import { createScanner } from "../../generator/lint/scanner.js";
import {
  CONVENTION_RULES,
  dominant,
  houseStyle,
  ruleSetting,
  type ConventionRule,
} from "../../generator/registry/conventions.js";
import { buildRegistry } from "../../generator/registry/build.js";
import { runChecks } from "../../generator/registry/checks.js";
import { exportOrder } from "../../generator/registry/load.js";
import { eventLineSchema } from "../../generator/registry/line-schema.js";
import { createAjv } from "../../generator/registry/ajv.js";
import { irFrom, type ModuleMap } from "../helpers/registry.js";
import { diffRegistries } from "../../generator/diff/compare.js";
import { generate } from "../../generator/gen/generate.js";
import { checkOptionsFromConfig, validateLogs } from "../../generator/validate/index.js";
import { tmpProject } from "../helpers/project.js";

const ev = (name: string, fields: Record<string, z.ZodType> = {}) =>
  z.strictObject({ event: z.literal(name), ...fields });
const union = (...events: z.ZodObject[]) => z.union(events as never);
const codes = (ds: readonly Diagnostic[], code: string) => ds.filter((d) => d.code === code);

describe("convention rules at off, warn and error", () => {
  // Each registry has a clear house style and one outlier the rule is about.
  const registries: Record<string, { given: ModuleMap; code: string; outlier: Partial<Diagnostic> }> = {
    "event-name-case": {
      given: {
        "src/a.ts": {
          A: union(ev("job.run_started"), ev("job.run_finished"), ev("job.run_failed"), ev("job.runRetried")),
        },
      },
      code: "LP_EVENT_NAME",
      outlier: { event: "job.runRetried" },
    },
    "field-name-case": {
      given: {
        "src/a.ts": {
          A: union(
            ev("a.one", {
              tool_name: z.string(),
              exit_code: z.number(),
              repo_owner: z.string(),
              retryCount: z.number(),
            }),
          ),
        },
      },
      code: "LP_FIELD_NAME",
      outlier: { field: "retryCount" },
    },
    "id-field-case": {
      given: {
        "src/a.ts": {
          A: union(
            ev("a.one", {
              tool_use_id: z.string(),
              installation_id: z.number(),
              delivery_id: z.string(),
              runId: z.string(),
            }),
          ),
        },
      },
      code: "LP_ID_FIELD_CASE",
      outlier: { field: "runId" },
    },
    "unit-suffix-style": {
      given: {
        "src/a.ts": {
          A: union(
            ev("a.one", {
              tool_duration_ms: z.number(),
              size_bytes: z.number(),
              wait_ms: z.number(),
              costUsd: z.number(),
            }),
          ),
        },
      },
      code: "LP_UNIT_SUFFIX_STYLE",
      outlier: { field: "costUsd" },
    },
    "unit-suffix-missing": {
      given: { "src/a.ts": { A: union(ev("a.one", { wait: z.number().meta({ unit: "ms" }) })) } },
      code: "LP_UNIT_SUFFIX_MISSING",
      outlier: { field: "wait" },
    },
    "unit-mismatch": {
      given: { "src/a.ts": { A: union(ev("a.one", { timeout_s: z.number().meta({ unit: "ms" }) })) } },
      code: "LP_UNIT_SUFFIX_MISMATCH",
      outlier: { field: "timeout_s" },
    },
    "field-type-conflict": {
      given: { "src/a.ts": { A: union(ev("a.one", { code: z.number() }), ev("a.two", { code: z.string() })) } },
      code: "LP_FIELD_TYPE_CONFLICT",
      outlier: { event: "a.two", field: "code" },
    },
    "refine-not-enforced": {
      given: { "src/a.ts": { A: union(ev("a.one", { n: z.number().refine((n) => n % 2 === 0, "even") })) } },
      code: "LP_REFINE_NOT_ENFORCED",
      outlier: { event: "a.one", field: "n" },
    },
    descriptions: {
      given: { "src/a.ts": { A: union(ev("a.one").meta({ description: "d" }), ev("a.two")) } },
      code: "LP_DESCRIPTION_MISSING",
      outlier: { event: "a.two" },
    },
  };

  it("covers every rule", () => expect(Object.keys(registries).sort()).toEqual(Object.keys(CONVENTION_RULES).sort()));

  const rows = Object.entries(registries).flatMap(([rule, r]) =>
    (["off", "warn", "error", undefined] as const).map(
      (severity) =>
        [
          `${rule} = ${severity ?? `default (${CONVENTION_RULES[rule as ConventionRule].default})`}`,
          { rule, severity, ...r },
        ] as const,
    ),
  );
  describe.each(rows)("%s", (_name, { rule, severity, given, code, outlier }) => {
    const config: UserConfig = severity === undefined ? {} : { conventions: { [rule]: severity } };
    const found = codes(irFrom(given, config).diagnostics, code);
    const effective = severity ?? CONVENTION_RULES[rule as ConventionRule].default;
    it(
      effective === "off"
        ? "reports nothing"
        : `reports the outlier as ${effective === "warn" ? "a warning" : "an error"}`,
      () => {
        if (effective === "off") expect(found).toEqual([]);
        else if (found.length !== 1) expect(found).toEqual([outlier]);
        else {
          expect(found).toHaveLength(1);
          expect(found[0]).toMatchObject({ severity: effective === "warn" ? "warning" : "error", ...outlier });
          expect(found[0]!.fix).toContain(rule);
        }
      },
    );
  });

  it.each([
    [
      "a split registry has no dominant style",
      { votes: ["snake_case", "snake_case", "camelCase", "camelCase"], want: undefined },
    ],
    ["too few names say nothing", { votes: ["snake_case", "snake_case"], want: undefined }],
    [
      "3 against 1 is a house style",
      { votes: ["snake_case", "camelCase", "snake_case", "snake_case"], want: "snake_case" },
    ],
    ["4 against 3 is not", { votes: ["a", "a", "a", "a", "b", "b", "b"], want: undefined }],
  ] as const)("dominant(): %s", (_n, { votes, want }) => {
    expect(dominant(votes)?.style).toBe(want);
  });

  it("houseStyle() reports the style each rule infers (what init prints)", () => {
    const { ir } = irFrom({
      "src/a.ts": {
        A: union(
          ev("agent.tool.started", {
            tool_use_id: z.string(),
            installation_id: z.number(),
            delivery_id: z.string(),
            tool_duration_ms: z.number(),
            wait_ms: z.number(),
            size_bytes: z.number(),
            costUsd: z.number(),
          }),
          ev("agent.tool.timed_out", { timeout_s: z.number(), tool_name: z.string() }),
          ev("agent.tool.output_truncated"),
        ),
      },
    });
    expect(houseStyle(ir)).toEqual({
      // timed_out, output_truncated: 2 names are not a house style (`started` is one word, either case).
      "event-name-case": undefined,
      // tool_use_id, installation_id, delivery_id, tool_name and tool_duration(_ms); wait, size, cost, timeout are one word.
      "field-name-case": { style: "snake_case", count: 5, total: 5 },
      "id-field-case": { style: "snake_case", count: 3, total: 3 },
      // _ms, _ms, _bytes, _s against Usd.
      "unit-suffix-style": { style: "snake_case", count: 4, total: 5 },
    });
  });

  it("an explicit style is enforced even against the majority", () => {
    const given = {
      "src/a.ts": {
        A: union(ev("a.one", { tool_use_id: z.string(), installation_id: z.string(), delivery_id: z.string() })),
      },
    };
    const found = codes(
      irFrom(given, { conventions: { "id-field-case": ["error", "camelCase"] } }).diagnostics,
      "LP_ID_FIELD_CASE",
    );
    expect(found.map((d) => [d.field, d.severity])).toEqual([
      ["tool_use_id", "error"],
      ["installation_id", "error"],
      ["delivery_id", "error"],
    ]);
  });

  it.each([
    ["idFields: snake_case", { idFields: "snake_case" }, "id-field-case", { severity: "error", style: "snake_case" }],
    ["idFields: off", { idFields: "off" }, "id-field-case", { severity: "off", style: "inferred" }],
    ["eventNames: false", { eventNames: false }, "event-name-case", { severity: "off", style: "snake_case" }],
    ["unitSuffixes: false", { unitSuffixes: false }, "unit-mismatch", { severity: "off", style: "inferred" }],
    [
      "fieldTypesAgree: true",
      { fieldTypesAgree: true },
      "field-type-conflict",
      { severity: "error", style: "inferred" },
    ],
    ["new key", { "id-field-case": ["warn", "camelCase"] }, "id-field-case", { severity: "warn", style: "camelCase" }],
  ] as const)("the pre-rule key %s still works", (_n, conventions, rule, want) => {
    expect(ruleSetting(parseConfig({ conventions }, "test").conventions, rule)).toEqual(want);
  });
});

describe("units from name suffixes", () => {
  const { ir, diagnostics } = irFrom({
    "src/a.ts": {
      A: union(
        ev("a.one", {
          tool_duration_ms: z.number().int(),
          costUsd: z.number(),
          size_bytes: z.number().int().nullable(),
          retry_s: z.number().meta({ unit: "s" }),
          label_ms: z.string(),
          attempts: z.number().int(),
          price_min: z.number(),
          backoffMin: z.number().meta({ unit: "min" }),
        }),
      ),
    },
  });
  const units = Object.fromEntries(ir.families[0]!.events[0]!.fields.map((f) => [f.name, f.unit]));
  it("the suffix declares the unit of a number; a string, a bare name or an ambiguous _min has none", () => {
    expect(units).toEqual({
      tool_duration_ms: "ms",
      costUsd: "usd",
      size_bytes: "bytes",
      retry_s: "s",
      label_ms: undefined,
      attempts: undefined,
      price_min: undefined,
      backoffMin: "min",
    });
  });
  it("no unit error; the one camelCase suffix among snake_case ones is a style warning", () => {
    expect(diagnostics.filter((d) => d.code.startsWith("LP_UNIT")).map((d) => [d.code, d.field, d.severity])).toEqual([
      ["LP_UNIT_SUFFIX_STYLE", "costUsd", "warning"],
      ["LP_UNIT_SUFFIX_STYLE", "backoffMin", "warning"],
    ]);
  });
});

describe("lone event objects form families", () => {
  const started = ev("agent.tool.started", { tool_use_id: z.string() });
  const completed = ev("agent.tool.completed", { tool_use_id: z.string(), tool_duration_ms: z.number() });
  const timedOut = ev("agent.tool.timed_out", { tool_use_id: z.string() });
  const queued = ev("agent.queue.queued");

  it.each([
    [
      "by shared prefix, across modules, in path then source order",
      {
        given: {
          "src/tools/log-fields.ts": { ToolStarted: started, ToolCompleted: completed },
          "src/tools/timeouts/log-fields.ts": { ToolTimedOut: timedOut },
          "src/queue.ts": { Queued: queued },
        },
        order: { "src/tools/log-fields.ts": ["ToolStarted", "ToolCompleted"] },
        config: {},
        want: {
          "agent.queue": ["agent.queue.queued"],
          "agent.tool": ["agent.tool.started", "agent.tool.completed", "agent.tool.timed_out"],
        },
      },
    ],
    [
      "by module",
      {
        given: { "src/agent.ts": { ToolStarted: started, Queued: queued } },
        order: { "src/agent.ts": ["ToolStarted", "Queued"] },
        config: { families: { group: "module" } },
        want: { agent: ["agent.tool.started", "agent.queue.queued"] },
      },
    ],
    [
      "by the config map, which wins over the prefix",
      {
        given: { "src/a.ts": { ToolStarted: started, ToolCompleted: completed, Queued: queued } },
        order: { "src/a.ts": ["Queued", "ToolStarted", "ToolCompleted"] },
        config: { families: { map: { agent: ["agent.tool.*", "agent.queue.queued"] } } },
        want: { agent: ["agent.queue.queued", "agent.tool.started", "agent.tool.completed"] },
      },
    ],
    [
      "by an explicit .meta({ family })",
      {
        given: {
          "src/a.ts": { ToolStarted: started.meta({ family: "agent" }), Queued: queued.meta({ family: "agent" }) },
        },
        order: {},
        config: { families: { map: { other: ["agent.*"] } } },
        want: { agent: ["agent.queue.queued", "agent.tool.started"] },
      },
    ],
    [
      "joining a union of the same family name",
      {
        given: { "src/a.ts": { ToolLog: union(started, completed) }, "src/b.ts": { ToolTimedOut: timedOut } },
        order: {},
        config: {},
        want: { "agent.tool": ["agent.tool.started", "agent.tool.completed", "agent.tool.timed_out"] },
      },
    ],
  ] as const)("%s", (_n, { given, order, config, want }) => {
    const modules = Object.entries(given).map(([file, exports]) => ({
      file,
      exports,
      order: (order as Record<string, readonly string[]>)[file],
    }));
    const { ir, diagnostics } = irFromModules(modules, config as UserConfig);
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(Object.fromEntries(ir.families.map((f) => [f.name, f.events.map((e) => e.name)]))).toEqual(want);
  });

  it("an event from another module than the family's first says where it came from", () => {
    const { ir } = irFrom({ "src/a.ts": { ToolStarted: started }, "src/b.ts": { ToolTimedOut: timedOut } });
    const fam = ir.families[0]!;
    expect(fam.source).toEqual({ file: "src/a.ts", export: "ToolStarted" });
    expect(fam.events.map((e) => e.source)).toEqual([undefined, { file: "src/b.ts", export: "ToolTimedOut" }]);
  });

  it("is deterministic whatever order the modules arrive in", () => {
    const mods = {
      "src/b.ts": { ToolTimedOut: timedOut },
      "src/a.ts": { ToolStarted: started, ToolCompleted: completed },
    };
    const one = irFrom(mods).ir;
    const two = irFrom(Object.fromEntries(Object.entries(mods).reverse())).ir;
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
  });
});

/** irFrom, but with each module's export order (what load.ts reads from the source). */
function irFromModules(
  modules: { file: string; exports: Record<string, unknown>; order?: readonly string[] | undefined }[],
  config: UserConfig,
) {
  const resolved = parseConfig(config, "test");
  const { ir, diagnostics } = buildRegistry(
    modules.map((m) => ({ file: m.file, exports: m.exports, ...(m.order ? { order: m.order } : {}) })),
    resolved,
  );
  return { ir, diagnostics: [...diagnostics, ...runChecks(ir, resolved)] };
}

describe("Zod's own string formats", () => {
  it.each([
    ["starts_with", z.string().startsWith("#"), { type: "string", pattern: "^#.*" }],
    ["lowercase", z.string().lowercase(), { type: "string", pattern: "^[^A-Z]*$" }],
    ["cuid (a Zod format) keeps its pattern only", z.cuid(), { type: "string", pattern: "^[cC][0-9a-z]{6,}$" }],
    ["uuid is standard and kept", z.string().uuid(), { type: "string", format: "uuid" }],
  ] as const)("%s: only standard formats reach the IR (strict validators reject the others)", (_n, schema, want) => {
    const field = irFrom({ "src/a.ts": { A: ev("a.b.c", { x: schema }) } }).ir.families[0]!.events[0]!.fields[0]!;
    expect(field.schema).toMatchObject(want);
    if (!("format" in want)) expect(field.schema).not.toHaveProperty("format");
  });
});

describe("declaration order", () => {
  it.each([
    [
      "const and function exports",
      "export const B = 1;\nexport function a() {}\nexport class C {}\n  export const A = z.x;\n",
      ["B", "a", "C", "A"],
    ],
    [
      "export lists with renames",
      "const x = 1;\nexport { x as Zed, y };\nexport const Alpha = 2;\n",
      ["Zed", "y", "Alpha"],
    ],
    ["async functions and let", "export async function go() {}\nexport let n = 1;\n", ["go", "n"]],
    ["nothing else", "const hidden = 1;\n// export const Commented = 1\n", []],
  ] as const)("exportOrder reads %s", (_n, source, want) => {
    expect(exportOrder(source)).toEqual(want);
  });

  it("diff sees no change when only the order of events and fields moved", () => {
    const before = irFrom({
      "src/a.ts": { L: union(ev("a.zeta", { z: z.string(), a: z.number() }), ev("a.alpha", { m: z.boolean() })) },
    }).ir;
    const after = irFrom({
      "src/a.ts": { L: union(ev("a.alpha", { m: z.boolean() }), ev("a.zeta", { a: z.number(), z: z.string() })) },
    }).ir;
    expect(after.families[0]!.events.map((e) => e.short)).toEqual(["alpha", "zeta"]);
    expect(diffRegistries(before, after).changes).toEqual([]);
  });

  it("events and fields keep the order they are written in", () => {
    const { ir } = irFrom({
      "src/a.ts": { L: union(ev("a.zeta", { z: z.string(), a: z.string(), m: z.string() }), ev("a.alpha")) },
    });
    expect(ir.families[0]!.events.map((e) => e.short)).toEqual(["zeta", "alpha"]);
    expect(ir.families[0]!.events[0]!.fields.map((f) => f.name)).toEqual(["z", "a", "m"]);
  });
});

describe("envelope-named fields", () => {
  const given = {
    "src/a.ts": {
      A: union(
        ev("a.unknown_err", { err: z.unknown() }),
        ev("a.string_err", { err: z.string() }),
        ev("a.object_err", { err: z.strictObject({ message: z.string() }).optional() }),
        ev("a.bad_msg", { msg: z.string() }),
      ),
    },
  };
  const { ir, diagnostics } = irFrom(given, { conventions: { "field-type-conflict": "off" } });
  it("err refines the envelope; msg (which pino always writes) still collides", () => {
    expect(codes(diagnostics, "LP_ENVELOPE_COLLISION").map((d) => d.field)).toEqual(["msg"]);
  });
  const ajv = createAjv("2020-12");
  const validate = (name: string) =>
    ajv.compile(eventLineSchema(ir, ir.families[0]!.events.find((e) => e.name === name)!) as object);
  it.each([
    ["a.string_err", { err: "boom" }, true],
    ["a.string_err", { err: { type: "Error", message: "boom" } }, false],
    ["a.string_err", {}, false],
    ["a.object_err", { err: { message: "boom" } }, true],
    ["a.object_err", {}, true],
    ["a.object_err", { err: "boom" }, false],
    ["a.unknown_err", { err: 42 }, true],
  ] as const)("the line schema of %s takes its own err: %j → %s", (event, payload, valid) => {
    expect(validate(event)({ level: 50, event, ...payload })).toBe(valid);
  });
});

describe("exports that are not families", () => {
  const CatchAll = z.strictObject({ event: z.string(), detail: z.string().optional() });
  const { ir, diagnostics } = irFrom({
    "src/misc/log-fields.ts": {
      CatchAll,
      Helper: z.object({ id: z.string() }),
      N: 3,
      fn: () => 1,
      Real: ev("misc.thing.happened"),
    },
  });
  it("a catch-all is skipped with a note, helpers silently, and the real event is kept", () => {
    expect(diagnostics.filter((d) => d.severity !== "warning")).toEqual([
      expect.objectContaining({
        code: "LP_EXPORT_SKIPPED",
        severity: "note",
        file: "src/misc/log-fields.ts",
        message: expect.stringContaining('"CatchAll"'),
      }),
      expect.objectContaining({ code: "LP_LEVEL_DEFAULTED", severity: "note" }),
    ]);
    expect(ir.families.map((f) => f.name)).toEqual(["misc.thing"]);
  });
});

describe("refines are never dropped silently", () => {
  const given = {
    "src/a.ts": {
      A: union(
        z
          .strictObject({ event: z.literal("a.window"), from_ms: z.number(), to_ms: z.number() })
          .refine((v) => v.from_ms <= v.to_ms, "from before to"),
        ev("a.label", { label: z.string().superRefine(() => {}), tags: z.array(z.string().check((ctx) => void ctx)) }),
      ),
    },
  };
  it.each([
    ["warn (default)", {}, "warning"],
    ["error when asked for strictness", { conventions: { "refine-not-enforced": "error" } }, "error"],
  ] as const)("%s", (_n, config, severity) => {
    const found = codes(irFrom(given, config as UserConfig).diagnostics, "LP_REFINE_NOT_ENFORCED");
    expect(found.map((d) => [d.event, d.field, d.severity])).toEqual([
      ["a.window", undefined, severity],
      ["a.label", "label", severity],
      ["a.label", "tags", severity],
    ]);
    expect(found[0]!.message).toContain("only Zod enforces");
  });
  it("the refined event is still registered", () => {
    expect(irFrom(given).ir.families[0]!.events.map((e) => e.name)).toEqual(["a.window", "a.label"]);
  });
});

describe("levels nobody declared", () => {
  const { ir } = irFrom({
    "src/a.ts": {
      Started: ev("svc.job.started"),
      Failed: ev("svc.job.failed", { err: z.string() }),
      Done: ev("svc.job.done").meta({ level: "info" }),
    },
  });
  const config = parseConfig({}, "test");
  const code = [
    `logger.warn({ event: "svc.job.started" }, "starting");`,
    `logger.error({ event: "svc.job.failed", err: String(e) });`,
    `log.error({ event: "svc.job.failed", err: "x" });`,
    `logger.warn({ event: "svc.job.done" });`,
  ].join("\n");

  it("lint's level-mismatch compares only with declared levels", () => {
    const findings = lintText(code, { file: "src/x.ts", config, ir }).findings.filter(
      (f) => f.rule === "level-mismatch",
    );
    expect(findings.map((f) => [f.loc.line, f.message])).toEqual([
      [4, expect.stringContaining('"svc.job.done" is declared at info but logged at warn')],
    ]);
  });

  it.each([true, false])(
    "validate does not judge a line's level against a level nobody declared (fast path %s)",
    async (fastPath) => {
      const dir = tmpProject(
        {
          "app.log": [
            `{"level":40,"time":1,"event":"svc.job.started"}`,
            `{"level":50,"time":1,"event":"svc.job.failed","err":"x"}`,
            `{"level":40,"time":1,"event":"svc.job.done"}`,
            "",
          ].join("\n"),
        },
        { linkNodeModules: false },
      );
      const report = await validateLogs(ir, ["app.log"], {
        ...checkOptionsFromConfig(config),
        fastPath,
        jobs: 1,
        cwd: dir,
      });
      expect(report.findings.filter((f) => f.kind === "level-mismatch").map((f) => f.event)).toEqual(["svc.job.done"]);
    },
  );

  it("diff: declaring a level where none was declared lowers nothing", () => {
    const after = irFrom({
      "src/a.ts": {
        Started: ev("svc.job.started").meta({ level: "debug" }),
        Failed: ev("svc.job.failed", { err: z.string() }),
        Done: ev("svc.job.done").meta({ level: "info" }),
      },
    }).ir;
    expect(diffRegistries(ir, after).changes.filter((c) => c.rule === "event-level-lowered")).toEqual([]);
    const lowered = irFrom({
      "src/a.ts": {
        Started: ev("svc.job.started"),
        Failed: ev("svc.job.failed", { err: z.string() }),
        Done: ev("svc.job.done").meta({ level: "debug" }),
      },
    }).ir;
    expect(
      diffRegistries(ir, lowered)
        .changes.filter((c) => c.rule === "event-level-lowered")
        .map((c) => c.event),
    ).toEqual(["svc.job.done"]);
  });

  it("markdown shows the level as unknown, not info", () => {
    const page = generate(ir, config, { root: "/project", only: ["markdown"] }).find((f) =>
      f.path.endsWith("svc.job.md"),
    )!;
    expect(page.contents).toContain(
      "| [`started`](#svcjobstarted) | — | —<br>*(level not declared; emitters log it at `info`)* |",
    );
    expect(page.contents).toContain("| [`done`](#svcjobdone) | info |");
  });

  it("levelsInCode reports what code logs each event at", () => {
    const scan = createScanner(scanOptions("/project", config.lint)).scanText("src/x.ts", code);
    const levels = levelsInCode(ir, [scan]);
    expect(levels.map(({ event, declared, seen, suggested }) => ({ event, declared, seen, suggested }))).toEqual([
      { event: "svc.job.done", declared: "info", seen: [{ level: "warn", calls: 1 }], suggested: "warn" },
      { event: "svc.job.failed", declared: undefined, seen: [{ level: "error", calls: 2 }], suggested: "error" },
      { event: "svc.job.started", declared: undefined, seen: [{ level: "warn", calls: 1 }], suggested: "warn" },
    ]);
    expect(levels[1]!.sites.map((s) => s.loc.line)).toEqual([2, 3]);
  });
});
