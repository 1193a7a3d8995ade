/**
 * The field catalogue: a family's common fields (declared the same way by two or more
 * events) are declared and documented once, in `<Family>FieldCatalogue`, and each event's
 * fields interface picks its own from it. Checked with real tsc under the strictest
 * settings (readonly, optional, exactOptionalPropertyTypes, errors naming the event's
 * interface) and with the language service (hover shows the field's doc at a call site).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Project } from "ts-morph";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { RegistryIR } from "../../generator/registry/ir.js";
import { tmpProject } from "../helpers/project.js";
import { irFrom } from "../helpers/registry.js";
import { renderEmitters, runTsc, STRICTEST, type TscDiagnostic } from "./helpers.js";

/** A service family as teams write it: the same request id and reason in several events, one reason that differs. */
function shopIr(): RegistryIR {
  const requestId = z.string().uuid().meta({ description: "Request id, bound per request." });
  const reason = z.string().max(200).optional().meta({ description: "Why, when known." });
  const { ir, diagnostics } = irFrom({
    "src/logs/shop.ts": {
      ShopLog: z
        .discriminatedUnion("event", [
          z
            .strictObject({ event: z.literal("shop.order.placed"), requestId, total_cents: z.number().int() })
            .meta({ level: "info", description: "An order was placed." }),
          z
            .strictObject({ event: z.literal("shop.order.cancelled"), requestId, reason })
            .meta({ level: "info", description: "An order was cancelled." }),
          z
            .strictObject({ event: z.literal("shop.order.refunded"), requestId, reason })
            .meta({ level: "info", description: "An order was refunded." }),
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
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return ir;
}

const CALLS = `import { shopOrderEmitters, type ShopOrderPlacedFields } from "./emitters/index.js";

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
const fields: ShopOrderPlacedFields = { requestId: "r", total_cents: 1 };
fields.requestId = "s"; // expect: TS2540
`;

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
    expect(family).toContain(
      'export interface ShopOrderPlacedFields extends Pick<ShopOrderFieldCatalogue, "requestId"> {\n',
    );
    expect(family).toContain(
      'export interface ShopOrderCancelledFields extends Pick<ShopOrderFieldCatalogue, "requestId" | "reason"> {}',
    );
    // failed's reason is required and described otherwise: its own member.
    expect(family).toMatch(
      /export interface ShopOrderFailedFields extends Pick<ShopOrderFieldCatalogue, "requestId"> \{\n {2}\/\*\*\n {3}\* What failed\./,
    );
    const rules = files["shop-order.validate.ts"]!;
    expect(rules.match(/format: "uuid"/g)).toHaveLength(1);
    // One line per event: common fields by reference, the event's own field with its rule.
    expect(rules).toContain('  "shop.order.cancelled": { requestId: common.requestId, reason: common.reason },');
    expect(rules).toContain(
      '  "shop.order.failed": { requestId: common.requestId, reason: { required: true, sensitive: false, schema: { type: "string" } } },',
    );
  });

  describe("at call sites (tsc, strictest settings)", () => {
    let diagnostics: TscDiagnostic[];
    let output: string;
    beforeAll(() => {
      const dir = tmpProject({ "package.json": JSON.stringify({ type: "module" }) }, { linkNodeModules: false });
      mkdirSync(join(dir, "emitters"));
      for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, "emitters", path), text);
      writeFileSync(join(dir, "calls.ts"), CALLS);
      writeFileSync(
        join(dir, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: {
            ...STRICTEST,
            noUnusedLocals: false,
            isolatedDeclarations: false,
            declaration: false,
            target: "ES2022",
            lib: ["ES2022"],
            module: "NodeNext",
            moduleResolution: "NodeNext",
            types: [],
          },
          include: ["emitters/*.ts", "calls.ts"],
        }),
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
      expect(output).toMatch(/'region' does not exist in type 'ShopOrderPlacedFields'/);
      expect(output).toMatch(/Property 'requestId' is missing in type .* but required in type 'ShopOrderPlacedFields'/);
    });
  });

  it("hover on a picked field at a call site shows its doc (language service)", () => {
    const project = new Project({
      useInMemoryFileSystem: true,
      compilerOptions: { strict: true, exactOptionalPropertyTypes: true },
    });
    for (const [path, text] of Object.entries(files)) project.createSourceFile(`/emitters/${path}`, text);
    const call =
      'import { shopOrderEmitters } from "./emitters/index.js";\ndeclare const logger: { info(o: object): void; error(o: object): void };\nshopOrderEmitters(logger).cancelled({ requestId: "r", reason: "x" });\n';
    project.createSourceFile("/calls.ts", call);
    const service = project.getLanguageService().compilerObject;
    const doc = (name: string) =>
      (service.getQuickInfoAtPosition("/calls.ts", call.lastIndexOf(name) + 1)?.documentation ?? [])
        .map((d) => d.text)
        .join("");
    expect(doc("requestId")).toContain("Request id, bound per request.");
    expect(doc("reason")).toContain("Why, when known.");
  });
});
