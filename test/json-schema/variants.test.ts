/**
 * An event with variants in the JSON Schema target: `oneOf` one strict branch per variant
 * (plus `discriminator` with dispatch "discriminator"), checked with ajv (strict mode) and
 * @cfworker/json-schema on a table of lines, in both drafts and both dispatch styles, and
 * against a golden file.
 */
import { Validator } from "@cfworker/json-schema";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createAjv } from "../../generator/registry/ajv.js";
import { REPO } from "../helpers/project.js";
import { VARIANT_PAYLOADS, idempotencyIr } from "../helpers/idempotency.js";
import { SCHEMA_MODES, schemaFiles } from "./helpers.js";

const envelope = { level: 40, time: 1_764_000_000_000, pid: 1, hostname: "web-1", msg: "x" };

describe.each(SCHEMA_MODES)("JSON Schema %s, dispatch %s", (draft, dispatch) => {
  const files = schemaFiles(idempotencyIr(), draft, dispatch);

  it("every schema is valid against its meta-schema and compiles in ajv's strict mode", () => {
    const ajv = createAjv(draft, { discriminator: true });
    ajv.addSchema(files["registry.schema.json"]!);
    for (const [name, schema] of Object.entries(files)) {
      expect(ajv.validateSchema(schema), `${name}: ${ajv.errorsText(ajv.errors)}`).toBe(true);
      if (name !== "registry.schema.json") ajv.compile(schema);
    }
  });

  // The family file is loaded with the registry file it refers to.
  const ajv = createAjv(draft, { discriminator: dispatch === "discriminator" });
  ajv.addSchema(files["registry.schema.json"]!);
  const compiled = new Map(
    Object.entries(files).map(([name, schema]) => [
      name,
      name === "registry.schema.json" ? ajv.getSchema(name)! : ajv.compile(schema),
    ]),
  );

  it.each(VARIANT_PAYLOADS)("ajv and @cfworker/json-schema agree: %s", (_name, payload, valid) => {
    for (const file of ["registry.schema.json", "idempotency.schema.json"]) {
      const schema = files[file]!;
      const line = { ...envelope, ...payload };
      expect(compiled.get(file)!(line), file).toBe(valid);
      const other = new Validator(schema as never, draft === "2020-12" ? "2020-12" : "7", false);
      if (file !== "registry.schema.json") other.addSchema(files["registry.schema.json"] as never);
      expect(other.validate(line).valid, file).toBe(valid);
    }
  });
});

describe("the variant event's schema", () => {
  it.each(["idempotency.schema.json", "registry.schema.json"])("%s (golden)", (file) => {
    const text = `${JSON.stringify(schemaFiles(idempotencyIr(), "2020-12", "if-then")[file], null, 2)}\n`;
    const golden = join(REPO, "test/json-schema/golden/idempotency", file);
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, text);
    expect(text).toBe(readFileSync(golden, "utf8"));
  });

  it("is oneOf one branch per variant, named after it, closed by the family (2020-12) or strict (draft-07)", () => {
    type Def = { oneOf: { title: string; additionalProperties?: boolean }[]; required: string[] };
    const registry = (draft: "2020-12" | "draft-07") =>
      schemaFiles(idempotencyIr(), draft, "if-then")["registry.schema.json"] as {
        $defs?: Record<string, Def & { unevaluatedProperties?: boolean }>;
        definitions?: Record<string, Def>;
      };
    const defs = registry("2020-12").$defs!;
    const def = defs["idempotency.failed_open"]!;
    expect(def.oneOf.map((b) => b.title)).toEqual([
      'idempotency.failed_open (reason "unavailable")',
      'idempotency.failed_open (reason "error")',
      'idempotency.failed_open (reason "timeout")',
    ]);
    // 2020-12: the family's definition closes the line (what `line` and the matching branch admit).
    expect(def.oneOf.every((b) => b.additionalProperties === undefined)).toBe(true);
    expect(defs["family:idempotency"]!.unevaluatedProperties).toBe(false);
    // Draft-07 has no `unevaluatedProperties`: each branch is strict on its own.
    const draft07 = registry("draft-07").definitions!["idempotency.failed_open"]!;
    expect(draft07.oneOf.every((b) => b.additionalProperties === false)).toBe(true);
    // The event key is required once, by the `line` definition every family applies first.
    expect(def.required).toEqual(["reason"]);
  });

  it("carries the discriminator keyword only with dispatch discriminator", () => {
    const withIt = schemaFiles(idempotencyIr(), "2020-12", "discriminator")["registry.schema.json"] as {
      $defs: Record<string, Record<string, unknown>>;
    };
    const without = schemaFiles(idempotencyIr(), "2020-12", "if-then")["registry.schema.json"] as {
      $defs: Record<string, Record<string, unknown>>;
    };
    expect(withIt.$defs["idempotency.failed_open"]!.discriminator).toEqual({ propertyName: "reason" });
    expect(without.$defs["idempotency.failed_open"]!.discriminator).toBeUndefined();
  });
});
