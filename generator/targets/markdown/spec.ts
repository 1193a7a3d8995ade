/** The markdown target's spec: name, folder and option schema, without the renderer (which loads handlebars). */
import { z } from "zod";
import { defineTargetSpec } from "../types.js";

const Options = z.strictObject({
  /** Write `field-index.md` (every field across the registry). */
  fieldIndex: z.boolean().default(true),
  /** Draw a Mermaid `stateDiagram-v2` for families that declare transitions. */
  diagrams: z.boolean().default(true),
  /** Show each event's example payloads as log lines. */
  examples: z.boolean().default(true),
});

export const MARKDOWN_SPEC = defineTargetSpec({
  name: "markdown",
  description:
    "Markdown docs: a page per family (events, fields, alerts, lifecycle diagram) and a registry-wide field index",
  defaultDir: "markdown",
  options: Options.default({ fieldIndex: true, diagrams: true, examples: true }),
});
