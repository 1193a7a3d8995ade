import { defineTarget } from "../types.js";
import { compactJson } from "../../util/json.js";
import { familySchemaFile, type Draft } from "../../registry/line-schema.js";
import { JSON_SCHEMA_SPEC } from "./spec.js";
import { REGISTRY_SCHEMA_FILE, definitionKeys, familyFileSchema, registryFileSchema } from "./files.js";

export { REGISTRY_SCHEMA_FILE } from "./files.js";

/**
 * JSON Schema for log pipelines: one file for any line of the registry, holding every
 * definition, and per family a small file that refers to its family's definition there (files.ts).
 */
export const jsonSchemaTarget = defineTarget({
  ...JSON_SCHEMA_SPEC,
  render(ir, ctx) {
    const opts = { draft: ctx.draft as Draft, comment: ctx.banner, dispatch: ctx.options.dispatch };
    const files = [{ path: REGISTRY_SCHEMA_FILE, contents: compactJson(registryFileSchema(ir, opts)) }];
    if (ctx.options.perFamily) {
      const keys = definitionKeys(ir).families;
      for (const family of ir.families)
        files.push({
          path: familySchemaFile(family),
          contents: compactJson(familyFileSchema(family, keys.get(family.name)!, opts)),
        });
    }
    return files;
  },
});
