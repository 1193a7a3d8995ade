/**
 * Renders Markdown from the IR through the target's handlebars templates: whole pages for
 * the `markdown` target, and section bodies for the in-place `<!-- logpact:begin … -->`
 * markers of hand-written docs. Both go through the same templates and view models, so a
 * family's event table reads the same on its page and inside `docs/observability.md`.
 */
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import type { EventIR, FamilyIR, RegistryIR } from "../../registry/ir.js";
import { allEvents, eventKeyOf } from "../../registry/ir.js";
import { loadTemplates, type TemplateSet } from "../templates.js";
import {
  NO_LINKS,
  envelopeRows,
  eventsTable,
  eventView,
  fieldIndexRows,
  fieldRow,
  familyRows,
  familyView,
  alertRow,
  diagramView,
  eventAnchor,
  type Links,
} from "./model.js";
import type { ResolvedSection } from "./sections.js";
import { code, slug } from "./escape.js";

const BUNDLED_DIR = dirname(fileURLToPath(import.meta.url));

/** File of a family's page, relative to the target's folder. */
export function familyPageFile(family: Pick<FamilyIR, "name">): string {
  return `${family.name}.md`;
}
export const FIELD_INDEX_FILE = "field-index.md";
export const INDEX_FILE = "README.md";

export interface RendererOptions {
  /** Folder of user template overrides (absolute); `<dir>/markdown/*.hbs` win by name. */
  templatesDir?: string | undefined;
  /** Mermaid lifecycle diagrams on family pages. */
  diagrams: boolean;
  /** Example log lines under each event. */
  examples: boolean;
  /** The property naming a line's event (config `eventKey`); `event` when absent. */
  eventKey?: string | undefined;
}

export interface MarkdownRenderer {
  familyPage(family: FamilyIR, banner: string): string;
  fieldIndexPage(ir: RegistryIR, banner: string): string;
  indexPage(ir: RegistryIR, banner: string, hasFieldIndex: boolean): string;
  /** The body of one in-place section (without its markers). */
  section(section: ResolvedSection, ir: RegistryIR): string;
}

/** Links used on the generated pages: same-page anchors, or the family page beside it. */
function pageLinks(currentFamily: string | undefined): Links {
  return {
    event: (e: EventIR) =>
      (e.family === currentFamily ? "" : familyPageFile({ name: e.family })) + `#${eventAnchor(e)}`,
    family: (f: FamilyIR) => familyPageFile(f),
    shortNames: true,
  };
}

export function createRenderer(opts: RendererOptions): MarkdownRenderer {
  const t: TemplateSet = loadTemplates("markdown", BUNDLED_DIR, { templatesDir: opts.templatesDir });
  const render = (name: string, data: object): string => tidy(t.render(name, data));
  return {
    familyPage(family, banner) {
      const view = familyView(family, {
        heading: 2,
        diagrams: opts.diagrams,
        examples: opts.examples,
        links: pageLinks(family.name),
        eventKey: opts.eventKey,
        commonHref: `#${slug("Common fields")}`,
      });
      return render("family-page", { banner, family: view });
    },
    fieldIndexPage(ir, banner) {
      return render("field-index-page", {
        banner,
        rows: fieldIndexRows(ir, pageLinks(undefined)),
        envelope: envelopeRows(ir.envelope),
      });
    },
    indexPage(ir, banner, hasFieldIndex) {
      return render("index-page", {
        banner,
        familyCount: ir.families.length,
        eventCount: allEvents(ir).length,
        hasFieldIndex,
        families: familyRows(ir, pageLinks(undefined)),
      });
    },
    section(s, ir) {
      switch (s.kind) {
        case "families":
          return render("families-table", { families: familyRows(ir, NO_LINKS) });
        case "field-index":
          return render("field-index-table", { rows: fieldIndexRows(ir, NO_LINKS) });
        case "family":
          return render(
            "family-body",
            familyView(s.family, {
              heading: s.heading,
              diagrams: s.diagrams,
              examples: s.examples,
              links: NO_LINKS,
              eventKey: eventKeyOf(ir),
            }),
          );
        case "events":
          return render("events-table", eventsTable(s.family, NO_LINKS));
        case "event":
          return render(
            "event",
            eventView(s.event, {
              heading: s.heading - 1,
              diagrams: false,
              examples: s.examples,
              links: NO_LINKS,
              eventKey: eventKeyOf(ir),
            }),
          );
        case "fields":
          if (s.event) return render("fields-table", { fields: s.event.fields.map(fieldRow) });
          return render("field-index-table", { rows: fieldIndexRows({ ...ir, families: [s.family] }, NO_LINKS) });
        case "lifecycle":
          return render("lifecycle", diagramView(s.family));
        case "alerts":
          return s.family.alerts.length
            ? render("alerts-table", { alerts: s.family.alerts.map((a) => alertRow(s.family, a)) })
            : `No alerts are declared for ${code(s.family.name)}.\n`;
      }
    },
  };
}

/** One blank line between blocks, none at the ends, LF and a final newline. */
function tidy(text: string): string {
  return `${text
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim()}\n`;
}
