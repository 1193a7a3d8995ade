/**
 * In-place sections: render what belongs between each pair of markers and splice it in,
 * leaving every byte outside the markers untouched. Pure (text and IR in, text out); the
 * `gen` command reads and writes the files.
 */
import type { RegistryIR } from "../registry/ir.js";
import { createRenderer, type MarkdownRenderer } from "../targets/markdown/render.js";
import { resolveSection } from "../targets/markdown/sections.js";
import { parseMarkers, type MarkerProblem, type ParsedMarkers, type ParsedSection } from "./markers.js";

export interface UpdateOptions {
  /** Folder of user template overrides (absolute), as in the config's `templates`. */
  templatesDir?: string | undefined;
  /** Reuse a renderer across many files. */
  renderer?: MarkdownRenderer | undefined;
}

/** One section with what is in the file and what should be. */
export interface AnalysedSection extends ParsedSection {
  /** Text between the markers now. */
  readonly current: string;
  /** Text that belongs between the markers. */
  readonly wanted: string;
  readonly stale: boolean;
}

/**
 * The sections that parsed and resolved against the registry; as problems, the malformed
 * markers and the sections naming unknown kinds, families or events.
 */
export type SectionAnalysis = ParsedMarkers<AnalysedSection>;

export type UpdateResult =
  | {
      readonly ok: true;
      readonly text: string;
      readonly changed: boolean;
      readonly sections: readonly AnalysedSection[];
    }
  | { readonly ok: false; readonly errors: readonly MarkerProblem[] };

/** Renderer for in-place sections (page-level options do not apply to sections). */
export function sectionRenderer(templatesDir?: string): MarkdownRenderer {
  return createRenderer({ templatesDir, diagrams: true, examples: true });
}

/** Parses the markers of `text`, resolves each section and renders what it should hold. */
export function analyseSections(text: string, ir: RegistryIR, opts: UpdateOptions = {}): SectionAnalysis {
  const parsed = parseMarkers(text);
  const problems: MarkerProblem[] = [...parsed.problems];
  const sections: AnalysedSection[] = [];
  let renderer = opts.renderer;
  for (const s of parsed.sections) {
    const r = resolveSection(s.request, ir);
    if (!r.ok) {
      const at = r.at;
      const token =
        at === "kind"
          ? s.kindToken
          : at === "arg"
            ? (s.argToken ?? s.kindToken)
            : (s.optionTokens.find((t) => t.text.startsWith(`${at.option}=`)) ?? s.kindToken);
      problems.push({ line: s.line, column: token.column, message: r.message, fix: r.fix });
      continue;
    }
    renderer ??= sectionRenderer(opts.templatesDir);
    const body = renderer.section(r.section, ir);
    const wanted = `${s.eol}${body.replace(/\n/g, s.eol)}${s.eol}`;
    const current = text.slice(s.innerStart, s.innerEnd);
    sections.push({ ...s, current, wanted, stale: current !== wanted });
  }
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { sections, problems };
}

/**
 * Rewrites every generated section of a Markdown document from the registry. Returns the
 * new text (byte-identical outside the sections; unchanged when already current), or
 * every malformed marker with its line and column. Idempotent.
 */
export function updateSections(text: string, ir: RegistryIR, opts: UpdateOptions = {}): UpdateResult {
  const { sections, problems } = analyseSections(text, ir, opts);
  if (problems.length) return { ok: false, errors: problems };
  let out = "";
  let at = 0;
  for (const s of sections) {
    out += text.slice(at, s.innerStart) + s.wanted;
    at = s.innerEnd;
  }
  out += text.slice(at);
  return { ok: true, text: out, changed: out !== text, sections };
}
