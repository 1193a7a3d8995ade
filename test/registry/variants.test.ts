/**
 * Events with variants in the registry core (registry/variants.ts): union members that
 * share an `event` literal and differ in a literal field become one event carrying its
 * variants; the event's own fields stay meaningful for readers that only list fields.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseSnapshot } from "../../generator/registry/snapshot.js";
import { docDigestOf } from "../../generator/registry/doc-digest.js";
import type { EventIR } from "../../generator/registry/ir.js";
import { selectVariant, variantLabel, variantValuesText } from "../../generator/registry/variants.js";
import { registryTarget } from "../../generator/targets/snapshot/index.js";
import { idempotencyIr } from "../helpers/idempotency.js";
import { irFrom } from "../helpers/registry.js";

const failedOpen = (): EventIR =>
  idempotencyIr().families[0]!.events.find((e) => e.name === "idempotency.failed_open")!;

describe("the merged event", () => {
  it("carries its discriminator and its variants in declaration order, each with its own fields", () => {
    const e = failedOpen();
    expect(e.discriminator).toBe("reason");
    expect(e.variants!.map((v) => [v.value, v.fields.map((f) => `${f.name}${f.required ? "" : "?"}`)])).toEqual([
      ["unavailable", ["reason", "deliveryId"]],
      ["error", ["reason", "deliveryId", "errorMessage"]],
      ["timeout", ["reason", "deliveryId", "timeoutMs", "errorMessage?"]],
    ]);
    expect(e.variants!.map((v) => v.description)).toEqual([
      "The key store is not configured: processing without de-duplication.",
      "The key store threw: processing without de-duplication.",
      "The key store did not answer in time.",
    ]);
  });

  it.each([
    ["deliveryId", { required: true, display: "string (non-empty)" }],
    ["errorMessage", { required: false, display: "string", sensitive: true }],
    [
      "reason",
      { required: true, display: '"unavailable" | "error" | "timeout"', enum: ["unavailable", "error", "timeout"] },
    ],
    ["timeoutMs", { required: false, display: "integer > 0", unit: "ms" }],
  ] as const)("top-level field %s: the union over the variants", (name, want) => {
    expect(failedOpen().fields.find((f) => f.name === name)).toMatchObject(want);
  });

  it("takes the level declared by the variants that declare one, and every variant's examples", () => {
    const e = failedOpen();
    expect(e).toMatchObject({
      level: "warn",
      levelDefaulted: false,
      description: "The key store is not configured: processing without de-duplication.",
    });
    expect(e.examples.map((x) => x.reason)).toEqual(["unavailable", "error"]);
  });

  it.each([
    ["a string value", "error", '"error"'],
    ["an unknown value", "crashed", undefined],
    ["no coercion", 1, undefined],
  ] as const)("selectVariant: %s", (_name, value, want) => {
    const v = selectVariant(failedOpen(), value);
    expect(v && JSON.stringify(v.value)).toBe(want);
  });

  it("names variants the same way everywhere", () => {
    const e = failedOpen();
    expect(variantLabel(e, e.variants![1]!)).toBe('reason "error"');
    expect(variantValuesText(e)).toBe('"unavailable" | "error" | "timeout"');
  });
});

describe("discriminators", () => {
  const member = (kind: z.ZodType, extra: Record<string, z.ZodType> = {}) =>
    z.strictObject({ event: z.literal("job.done"), kind, ...extra }).meta({ level: "info", description: "d" });
  it.each([
    ["numbers", [z.literal(1), z.literal(2)], [1, 2]],
    ["booleans", [z.literal(true), z.literal(false)], [true, false]],
    ["an enum of one value", [z.enum(["a"]), z.enum(["b"])], ["a", "b"]],
  ] as const)("%s", (_name, kinds, want) => {
    const { ir, diagnostics } = irFrom({
      "src/job.ts": {
        JobLog: z
          .union([member(kinds[0]), member(kinds[1], { n: z.number().meta({ description: "d" }) })])
          .meta({ family: "job" }),
      },
    });
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const e = ir.families[0]!.events[0]!;
    expect([e.discriminator, e.variants!.map((v) => v.value)]).toEqual(["kind", want]);
  });

  it("picks the first field (by name) that tells every member apart, skipping literals two members share", () => {
    const m = (a: string, b: string) =>
      z
        .strictObject({ event: z.literal("job.done"), a: z.literal(a), b: z.literal(b) })
        .meta({ level: "info", description: "d" });
    const { ir } = irFrom({ "src/job.ts": { JobLog: z.union([m("x", "1"), m("x", "2")]).meta({ family: "job" }) } });
    expect(ir.families[0]!.events[0]!.discriminator).toBe("b");
  });

  it.each([
    ["an optional literal", z.literal("a").optional()],
    ["a nullable literal", z.literal("a").nullable()],
    ["a string", z.string()],
  ] as const)("%s does not discriminate: LP_DUPLICATE_EVENT, with a fix that says how", (_name, kind) => {
    const { diagnostics } = irFrom({
      "src/job.ts": { JobLog: z.union([member(kind), member(z.literal("b"))]).meta({ family: "job" }) },
    });
    const d = diagnostics.find((x) => x.code === "LP_DUPLICATE_EVENT")!;
    expect(d).toMatchObject({ file: "src/job.ts", family: "job", event: "job.done" });
    expect(d.fix).toContain('reason: z.literal("error")');
  });

  it("members of one event in two families are not variants: LP_DUPLICATE_EVENT naming both places", () => {
    const { diagnostics } = irFrom({
      "src/a.ts": { ALog: z.union([member(z.literal("a"))]).meta({ family: "job" }) },
      "src/b.ts": { BLog: z.union([member(z.literal("b"))]).meta({ family: "job.done_b" }) },
    });
    const d = diagnostics.find((x) => x.code === "LP_DUPLICATE_EVENT")!;
    expect(d.message).toContain("src/a.ts");
    expect(d.fix).toContain("variants of one event are declared in one family");
  });
});

describe("the registry snapshot", () => {
  it("carries the variants, and reads back with them", () => {
    const ir = idempotencyIr();
    const [file] = registryTarget.render(ir, {
      options: {},
      outDir: "generated",
      root: "/x",
      draft: "2020-12",
      banner: "b",
    } as never);
    const back = parseSnapshot(file!.contents, "registry.json");
    const e = back.families[0]!.events.find((x) => x.name === "idempotency.failed_open")!;
    expect(e.discriminator).toBe("reason");
    // Each variant's fields as declared; its description and examples as digests (irVersion 4).
    const want = failedOpen().variants!;
    expect(e.variants!.map((v) => ({ ...v, docDigest: undefined }))).toEqual(
      want.map((v) => ({
        ...v,
        description: undefined,
        examples: [],
        fields: v.fields.map((f) => ({ ...f, description: undefined, examples: [], docDigest: docDigestOf(f) })),
      })),
    );
    expect(e.variants!.map((v) => v.docDigest)).toEqual(want.map(docDigestOf));
    expect(e.variants![1]!.docDigest!.description).not.toBe("");
  });

  it("rejects a snapshot whose variants are damaged, naming the path", () => {
    const ir = JSON.parse(
      registryTarget.render(idempotencyIr(), {
        options: {},
        outDir: "generated",
        root: "/x",
        draft: "2020-12",
        banner: "b",
      } as never)[0]!.contents,
    );
    const e = ir.families[0].events.find((x: { short: string }) => x.short === "failed_open");
    e.variants[1].fields = "nope";
    expect(() => parseSnapshot(JSON.stringify(ir), "old.json")).toThrow(
      /old\.json: error LP_SNAPSHOT_INVALID[\s\S]*variants\.1\.fields/,
    );
  });
});
