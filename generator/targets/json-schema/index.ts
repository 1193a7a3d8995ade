import { allEvents } from "../../registry/ir.js";
import { compactJson } from "../../util/json.js";
import { defineTarget } from "../types.js";
import { JSON_SCHEMA_SPEC } from "./spec.js";
import { hoistEnvelope, shareDefinitions } from "./compact.js";
import { familySchemaFile, lineSchema, type Draft } from "../../registry/line-schema.js";

export const REGISTRY_SCHEMA_FILE = "registry.schema.json";

/** A line schema as written to a file: the envelope checked once, shared fields once under `$defs` (compact.ts). */
function fileSchema(...args: Parameters<typeof lineSchema>) {
  const key = args[2].draft === "draft-07" ? "definitions" : "$defs";
  const envelope = args[0].envelope.map((e) => e.name);
  return shareDefinitions(hoistEnvelope(lineSchema(...args), key, envelope), key);
}

/** JSON Schema for log pipelines: one file per family and one for any line of the registry. */
export const jsonSchemaTarget = defineTarget({
  ...JSON_SCHEMA_SPEC,
  render(ir, ctx) {
    const draft = ctx.draft as Draft;
    const files = [
      {
        path: REGISTRY_SCHEMA_FILE,
        contents: compactJson(
          fileSchema(ir, allEvents(ir), {
            draft,
            id: "urn:logpact:registry",
            title: "Any log line of the registry",
            description: `One JSON log line of any registered event: ${ir.families.map((f) => f.name).join(", ")}.`,
            comment: ctx.banner,
            dispatch: ctx.options.dispatch,
          }),
        ),
      },
    ];
    if (ctx.options.perFamily) {
      for (const family of ir.families) {
        files.push({
          path: familySchemaFile(family),
          contents: compactJson(
            fileSchema(ir, family.events, {
              draft,
              id: `urn:logpact:family:${family.name}`,
              title: `${family.name} log line`,
              description: family.description,
              comment: ctx.banner,
              dispatch: ctx.options.dispatch,
            }),
          ),
        });
      }
    }
    return files;
  },
});
