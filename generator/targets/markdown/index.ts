/**
 * The `markdown` target: a page per family (events, levels, when each fires, every field
 * with type, unit and meaning, alerts, a Mermaid lifecycle diagram), a registry-wide
 * field index and an index page. The same renderer fills the in-place sections of
 * hand-written docs (see generator/doc-check).
 */
import { eventKeyOf } from "../../registry/ir.js";
import { defineTarget } from "../types.js";
import { MARKDOWN_SPEC } from "./spec.js";
import { FIELD_INDEX_FILE, INDEX_FILE, createRenderer, familyPageFile } from "./render.js";

export const markdownTarget = defineTarget({
  ...MARKDOWN_SPEC,
  render(ir, ctx) {
    const renderer = createRenderer({
      templatesDir: ctx.templatesDir,
      diagrams: ctx.options.diagrams,
      examples: ctx.options.examples,
      eventKey: eventKeyOf(ir),
    });
    const banner = ctx.banner;
    const files = [{ path: INDEX_FILE, contents: renderer.indexPage(ir, banner, ctx.options.fieldIndex) }];
    for (const family of ir.families)
      files.push({ path: familyPageFile(family), contents: renderer.familyPage(family, banner) });
    if (ctx.options.fieldIndex) files.push({ path: FIELD_INDEX_FILE, contents: renderer.fieldIndexPage(ir, banner) });
    return files;
  },
});

export { createRenderer, familyPageFile, FIELD_INDEX_FILE, INDEX_FILE } from "./render.js";
export {
  SECTION_KINDS,
  resolveSection,
  type ResolvedSection,
  type SectionRequest,
  type SectionKind,
} from "./sections.js";
