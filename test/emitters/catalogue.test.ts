/**
 * The field catalogue: a family's common fields (declared the same way by two or more
 * events) are declared and documented once, in `<Family>FieldCatalogue`, and each event's
 * entry in `<Family>Fields` picks its own from it. Checked with real tsc under the strictest
 * settings (readonly, optional, exactOptionalPropertyTypes, errors spelling out the event's
 * fields) and with the language service (hover shows the field's doc at a call site, and
 * the event's doc and deprecation on its emitter).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Project, ts } from "ts-morph";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { RegistryIR } from "../../generator/registry/ir.js";
import { tmpProject } from "../helpers/project.js";
import { irFrom, validIr } from "../helpers/registry.js";
import { renderEmitters, runTsc, STRICTEST, tsconfigJson, type TscDiagnostic } from "./helpers.js";

/** A service family as teams write it: the same request id and reason in several events, one reason that differs. */
function shopIr(): RegistryIR {
  const requestId = z.string().uuid().meta({ description: "Request id, bound per request." });
  const reason = z.string().max(200).optional().meta({ description: "Why, when known." });
  return validIr({
    "src/logs/shop.ts": {
      ShopLog: z
        .discriminatedUnion("event", [
          z
            .strictObject({ event: z.literal("shop.order.placed"), requestId, total_cents: z.number().int() })
            .meta({ level: "info", description: "An order was placed." }),
          z.strictObject({ event: z.literal("shop.order.cancelled"), requestId, reason }).meta({
            level: "info",
            description: "An order was cancelled.",
            examples: [
              { event: "shop.order.cancelled", requestId: "3f2b8c1e-9d4a-4e6f-8b7c-2a1d5e9f0c34", reason: "late" },
              { event: "shop.order.cancelled", requestId: "9a7d2c4b-1e3f-4a5b-8c6d-7e8f9a0b1c2d" },
            ],
          }),
          z.strictObject({ event: z.literal("shop.order.refunded"), requestId, reason }).meta({
            level: "info",
            description: "An order was refunded.",
            deprecation: { reason: "Refunds moved to the billing service.", since: "2.0.0" },
          }),
          z
            .strictObject({
              event: z.literal("shop.order.failed"),
              requestId,
              reason: z.string().meta({ description: "What failed." }),
            })
            .meta({ level: "error", description: "An order failed." }),
        ])
        .meta({ family: "shop.order", description: "Orders." }),
    },
  });
}

const CALLS = `import { shopOrderEmitters, type ShopOrderFields } from "./emitters/index.js";

declare const logger: { info(o: object, m?: string): void; error(o: object, m?: string): void };
const log = shopOrderEmitters(logger);
log.cancelled({ requestId: "3f2b8c1e-9d4a-4e6f-8b7c-2a1d5e9f0c34" });
log.cancelled({ requestId: "3f2b8c1e-9d4a-4e6f-8b7c-2a1d5e9f0c34", reason: undefined });
log.refunded({ requestId: "r", reason: "late" });
log.failed({ requestId: "r", reason: "card declined" });
log.placed({ total_cents: 100 }); // expect: TS2741
log.placed({ requestId: "r", total_cents: 100, region: "eu" }); // expect: TS2353
log.cancelled({ requestId: 1 }); // expect: TS2322
log.failed({ requestId: "r" }); // expect: TS2741
const fields: ShopOrderFields["placed"] = { requestId: "r", total_cents: 1 };
fields.requestId = "s"; // expect: TS2540
`;

const CALL_PRELUDE =
  'import { shopOrderEmitters } from "./emitters/index.js";\ndeclare const logger: { info(o: object): void; error(o: object): void };\nconst log = shopOrderEmitters(logger);\n';

/** A temp project for tsc: the rendered emitters in emitters/, `extra` files beside them, all of them checked with `options`. */
function tscProject(
  emitters: Record<string, string>,
  extra: Record<string, string>,
  options: Record<string, unknown>,
): string {
  const dir = tmpProject({ "package.json": JSON.stringify({ type: "module" }) }, { linkNodeModules: false });
  mkdirSync(join(dir, "emitters"));
  for (const [path, text] of Object.entries(emitters)) writeFileSync(join(dir, "emitters", path), text);
  for (const [path, text] of Object.entries(extra)) writeFileSync(join(dir, path), text);
  writeFileSync(join(dir, "tsconfig.json"), tsconfigJson(["emitters/*.ts", ...Object.keys(extra)], options));
  return dir;
}

/**
 * What the language service's project shares with the tsc projects (ES2022_NODENEXT's target
 * and lib): ES2022 rather than the default lib with the DOM, and lib .d.ts files not
 * type-checked (the checks are about the emitters and the calls; type-checking the default
 * lib cost ~5 s of the file's ~8).
 */
const IN_MEMORY_BASE = { target: ts.ScriptTarget.ES2022, lib: ["lib.es2022.d.ts"], skipLibCheck: true };

const projects = new WeakMap<Record<string, string>, { project: Project; calls: number }>();

/**
 * The language service over the rendered emitters and a calls file (CALL_PRELUDE, then
 * `calls`), as an editor with the strictest settings sees them. One project per rendering,
 * a file per call site: the emitters are type-checked once.
 */
function callSite(files: Record<string, string>, calls: string) {
  let entry = projects.get(files);
  if (!entry) {
    const project = new Project({
      useInMemoryFileSystem: true,
      compilerOptions: { ...IN_MEMORY_BASE, strict: true, exactOptionalPropertyTypes: true },
    });
    for (const [path, text] of Object.entries(files)) project.createSourceFile(`/emitters/${path}`, text);
    entry = { project, calls: 0 };
    projects.set(files, entry);
  }
  const file = `/calls-${++entry.calls}.ts`;
  const text = CALL_PRELUDE + calls;
  entry.project.createSourceFile(file, text);
  const service = entry.project.getLanguageService().compilerObject;
  const tags = (info: { tags?: { name: string; text?: { text: string }[] }[] } | undefined) =>
    (info?.tags ?? []).map((t) => [t.name, (t.text ?? []).map((p) => p.text).join("")]);
  return {
    text,
    tags,
    quickInfo: (at: number) => service.getQuickInfoAtPosition(file, at),
    deprecated: () =>
      service
        .getSuggestionDiagnostics(file)
        .filter((d) => d.reportsDeprecated)
        .map((d) => text.slice(d.start, d.start! + d.length!)),
  };
}

describe("the field catalogue", () => {
  let files: Record<string, string>;
  beforeAll(() => {
    files = renderEmitters(shopIr());
  });

  it("declares each common field once and lets the events pick theirs; a field declared another way stays the event's", () => {
    const family = files["shop-order.ts"]!;
    expect(family).toContain("export interface ShopOrderFieldCatalogue {");
    expect(family.match(/readonly requestId: string;/g)).toHaveLength(1);
    expect(family.match(/Request id, bound per request\./g)).toHaveLength(1);
    expect(family).toContain('  readonly placed: Pick<ShopOrderFieldCatalogue, "requestId"> & {\n');
    expect(family).toContain('  readonly cancelled: Pick<ShopOrderFieldCatalogue, "requestId" | "reason">;\n');
    // failed's reason is required and described otherwise: its own member.
    expect(family).toMatch(
      /readonly failed: Pick<ShopOrderFieldCatalogue, "requestId"> & \{\n {4}\/\*\*\n {5}\* What failed\./,
    );
    const rules = files["shop-order.validate.ts"]!;
    expect(rules.match(/format: "uuid"/g)).toHaveLength(1);
    // Common fields by their shared rule (one line when all are), the event's own field with its rule.
    expect(rules).toContain("const { requestId, reason } = common;");
    expect(rules).toContain('  "shop.order.cancelled": { requestId, reason },');
    expect(rules).toContain(
      '  "shop.order.failed": {\n    requestId,\n    reason: { required: true, sensitive: false, schema: { type: "string" } },\n  },',
    );
  });

  it("a common field whose name cannot be a local const keeps `common.<name>`; the module still compiles", () => {
    const shared = {
      class: z.number().int(),
      "content-type": z.string(),
      common: z.boolean(),
      checkPayload: z.string(),
      jobId: z.string(),
    };
    const { ir, diagnostics } = irFrom(
      {
        "src/logs/edge.ts": {
          EdgeLog: z
            .discriminatedUnion("event", [
              z.strictObject({ event: z.literal("edge.job.started"), ...shared }).meta({ level: "info" }),
              z.strictObject({ event: z.literal("edge.job.stopped"), ...shared }).meta({ level: "info" }),
            ])
            .meta({ family: "edge.job" }),
        },
      },
      { conventions: { fieldNames: "off", idFields: "off", descriptions: "off" } },
    );
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const edge = renderEmitters(ir);
    const rules = edge["edge-job.validate.ts"]!;
    expect(rules).toContain("const { jobId } = common;");
    expect(rules).toContain(
      '  "edge.job.started": { class: common.class, "content-type": common["content-type"], common: common.common, checkPayload: common.checkPayload, jobId },',
    );
    // Real tsc, the strictest settings (noUnusedLocals: every local const is used;
    // noPropertyAccessFromIndexSignature: `common["content-type"]`).
    const dir = tscProject(edge, {}, { ...STRICTEST, types: [] });
    expect(runTsc(dir).output).toBe("");
  });

  describe("at call sites (tsc, strictest settings)", () => {
    let diagnostics: TscDiagnostic[];
    let output: string;
    beforeAll(() => {
      const dir = tscProject(
        files,
        { "calls.ts": CALLS },
        { ...STRICTEST, noUnusedLocals: false, isolatedDeclarations: false, declaration: false, types: [] },
      );
      ({ diagnostics, output } = runTsc(dir));
    });

    it("fail exactly where the expect: comments say (missing, extra, wrong type, readonly), nowhere else", () => {
      const want: Record<number, string> = {};
      CALLS.split("\n").forEach((line, i) => {
        const m = /\/\/ expect: (TS\d+)$/.exec(line);
        if (m) want[i + 1] = m[1]!;
      });
      expect(Object.keys(want)).toHaveLength(5);
      expect(diagnostics.filter((d) => !d.file.endsWith("calls.ts"))).toEqual([]);
      expect(Object.fromEntries(diagnostics.map((d) => [d.line, d.code]))).toEqual(want);
      // The event's fields are spelled out in the message, picked and own alike: what the event takes.
      const placed = /'\{ readonly requestId: string; readonly total_cents: number; \}'/.source;
      expect(output).toMatch(new RegExp(`'region' does not exist in type ${placed}`));
      expect(output).toMatch(new RegExp(`Property 'requestId' is missing in type .* but required in type ${placed}`));
    });
  });

  it("hover on an emitter at a call site shows its event's description, name, level and example (language service)", () => {
    const site = callSite(files, 'log.cancelled({ requestId: "r" });\n');
    const info = site.quickInfo(site.text.indexOf("cancelled") + 1);
    const text = (info?.documentation ?? []).map((d) => d.text).join("");
    expect(text).toBe("An order was cancelled.\n\nLogs `shop.order.cancelled` at `info`.");
    // One example (the first), as a call.
    expect(site.tags(info)).toEqual([
      ["example", 'log.cancelled({ requestId: "3f2b8c1e-9d4a-4e6f-8b7c-2a1d5e9f0c34", reason: "late" })'],
    ]);
    // The signature is spelled out, not an alias (the emitters type maps the fields through
    // the runtime's Emitter<F>): hover shows the fields the event takes and the message.
    expect((info?.displayParts ?? []).map((d) => d.text).join("")).toMatch(
      /^\(property\) cancelled: \(fields: \{\s+readonly requestId: string;\s+readonly reason\?: string \| undefined[^}]*\}, message\?: string\) => void$/,
    );
  });

  it("hover on a picked field at a call site shows its doc (language service)", () => {
    const site = callSite(files, 'log.cancelled({ requestId: "r", reason: "x" });\n');
    const doc = (name: string) =>
      (site.quickInfo(site.text.lastIndexOf(name) + 1)?.documentation ?? []).map((d) => d.text).join("");
    expect(doc("requestId")).toContain("Request id, bound per request.");
    expect(doc("reason")).toContain("Why, when known.");
  });

  it("a deprecated event's emitter is reported deprecated at a call site (editors strike it through)", () => {
    const site = callSite(files, 'log.refunded({ requestId: "r" });\nlog.cancelled({ requestId: "r" });\n');
    expect(site.deprecated()).toEqual(["refunded"]);
    expect(site.tags(site.quickInfo(site.text.indexOf("refunded") + 1))).toEqual([
      ["deprecated", "Refunds moved to the billing service. (since 2.0.0)"],
    ]);
  });
});
