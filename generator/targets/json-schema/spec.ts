/** The json-schema target's spec: name, folder and option schema, without the renderer. */
import { z } from "zod";
import { defineTargetSpec } from "../types.js";

const Options = z.strictObject({
  /** Also write one schema per family (the registry-wide schema is always written). */
  perFamily: z.boolean().default(true),
  /**
   * `if-then`: portable `if`/`then` table (default). `discriminator`: `oneOf` + ajv's
   * `discriminator` keyword, ~2× faster in ajv (needs `new Ajv({ discriminator: true })`).
   */
  dispatch: z.enum(["if-then", "discriminator"]).default("if-then"),
});

export const JSON_SCHEMA_SPEC = defineTargetSpec({
  name: "json-schema",
  description: "JSON Schema of whole log lines (event payload + logger envelope), per family and registry-wide",
  defaultDir: "json-schema",
  options: Options.default({ perFamily: true, dispatch: "if-then" }),
});
