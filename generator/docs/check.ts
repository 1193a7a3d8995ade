/**
 * `logpact docs check`: the doc-citation gate. Pure: docs and a file reader in, findings
 * out (the command reads the disk and prints).
 */
import type { EventIR, FamilyIR, RegistryIR } from "../registry/ir.js";
import { allEvents } from "../registry/ir.js";
import { didYouMeanSuffix } from "../util/did-you-mean.js";
import { eventCitations, hasWord, mentions, sourceCitations, wildcardPrefixes, type Skip, type SourceCitation } from "./citations.js";
import { IGNORE_LINE, IGNORE_NEXT_LINE } from "./markers.js";
import { scanMarkdown } from "./scan.js";
import { analyseSections, sectionRenderer } from "./update.js";

/** Every finding code `docs check` reports; docs/docs-check.md documents each. */
export const DOCS_FINDINGS = {
  LP_DOCS_MARKER: "a section marker is malformed or names an unknown kind, family or event",
  LP_DOCS_STALE_SECTION: "a generated section differs from what `logpact gen` would write",
  LP_DOCS_UNKNOWN_EVENT: "a backticked event (or wildcard) names a registered family but no registered event",
  LP_DOCS_UNCOVERED_EVENT: "a registered event that no checked doc mentions",
  LP_DOCS_SOURCE_MISSING: "a source citation names a file that does not exist",
  LP_DOCS_SOURCE_RANGE: "a source citation's line or range is outside the file",
  LP_DOCS_SOURCE_ANCHOR: "a source citation's #anchor is not on the cited lines",
} as const;

export type FindingCode = keyof typeof DOCS_FINDINGS;

export interface Finding {
  readonly code: FindingCode;
  readonly severity: "error" | "warning";
  /** Path relative to the project root. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly fix: string;
}

export interface DocInput {
  /** Path relative to the project root (POSIX). */
  readonly path: string;
  readonly text: string;
}

export interface DocsCheckOptions {
  /** Path prefixes that make `prefix…:LINE` a source citation. */
  readonly sourcePrefixes: readonly string[];
  /** Severity of uncovered events, or `off`. */
  readonly coverage: "error" | "warn" | "off";
  /** Events (full names or `prefix.*` wildcards) exempt from coverage. */
  readonly coverageIgnore: readonly string[];
}

export interface DocsCheckInput {
  readonly docs: readonly DocInput[];
  readonly ir: RegistryIR;
  readonly options: DocsCheckOptions;
  /** Reads a project file (root-relative POSIX path); undefined when it is missing or not a file. */
  readonly readFile: (path: string) => string | undefined;
  readonly templatesDir?: string | undefined;
}

export interface DocsCheckResult {
  readonly findings: readonly Finding[];
  readonly stats: {
    readonly files: number;
    readonly eventCitations: number;
    readonly sourceCitations: number;
    readonly sections: number;
    readonly events: number;
    readonly coveredEvents: number;
  };
}

/** Runs every doc check over `docs`. */
export function checkDocs(input: DocsCheckInput): DocsCheckResult {
  const { ir, options } = input;
  const findings: Finding[] = [];
  const events = allEvents(ir);
  const eventNames = new Set(events.map((e) => e.name));
  const familyNames = new Set(ir.families.map((f) => f.name));
  const renderer = sectionRenderer(input.templatesDir);
  const sourceCache = new Map<string, string | undefined>();
  const readSource = (path: string): string | undefined => {
    if (!sourceCache.has(path)) sourceCache.set(path, input.readFile(path));
    return sourceCache.get(path);
  };
  let eventCount = 0;
  let sourceCount = 0;
  let sectionCount = 0;
  /** Text in which coverage looks for mentions: docs outside sections, plus fresh section bodies. */
  const mentionTexts: string[] = [];

  for (const doc of input.docs) {
    const add = (code: FindingCode, line: number, column: number, message: string, fix: string) =>
      findings.push({ code, severity: "error", file: doc.path, line, column, message, fix });

    const analysis = analyseSections(doc.text, ir, { renderer });
    for (const p of analysis.problems) add("LP_DOCS_MARKER", p.line, p.column, p.message, p.fix);
    const skipped = new Set<number>();
    let outside = "";
    let at = 0;
    for (const s of analysis.sections) {
      sectionCount++;
      for (let n = s.line; n <= s.endLine; n++) skipped.add(n);
      if (s.stale) {
        add("LP_DOCS_STALE_SECTION", s.line, s.column, `generated section "${s.what}" is stale: it differs from what the registry generates`, "run `pnpm gen` (logpact gen) and commit the result; do not edit between the markers by hand");
      }
      outside += doc.text.slice(at, s.innerStart);
      mentionTexts.push(s.wanted);
      at = s.innerEnd;
    }
    outside += doc.text.slice(at);
    mentionTexts.push(outside);

    const lines = scanMarkdown(doc.text);
    // Deliberate counter-examples (a typo shown on purpose) opt out line by line.
    for (const l of lines) {
      if (l.kind !== "prose") continue;
      if (IGNORE_NEXT_LINE.test(l.text)) skipped.add(l.number + 1);
      else if (l.segments.some((seg) => seg.kind === "comment" && IGNORE_LINE.test(l.text.slice(seg.start, seg.end)))) skipped.add(l.number);
    }
    const skip: Skip = { has: (n) => skipped.has(n) };

    for (const c of eventCitations(lines, skip)) {
      if (eventNames.has(c.text) || familyNames.has(c.text)) {
        eventCount++;
        continue;
      }
      if (c.text.endsWith(".*")) {
        const prefix = c.text.slice(0, -2);
        if (events.some((e) => e.name.startsWith(`${prefix}.`))) {
          eventCount++;
          continue;
        }
        const family = owningFamily(ir.families, prefix, true);
        if (!family) continue;
        eventCount++;
        add("LP_DOCS_UNKNOWN_EVENT", c.line, c.column, `\`${c.text}\` matches no registered event of family "${family.name}"`, `cite \`${family.name}.*\` or one of: ${family.events.map((e) => e.short).join(", ")}`);
        continue;
      }
      const family = owningFamily(ir.families, c.text, false);
      if (!family) continue; // not a registered family: not ours to judge
      eventCount++;
      add(
        "LP_DOCS_UNKNOWN_EVENT",
        c.line,
        c.column,
        `\`${c.text}\` is not an event of family "${family.name}".${didYouMeanSuffix(c.text, family.events.map((e) => e.name))}`,
        `cite a registered event (${family.events.map((e) => e.short).join(", ")}), or add it to ${family.source.file} first`,
      );
    }

    for (const c of sourceCitations(lines, skip, options.sourcePrefixes)) {
      sourceCount++;
      const problem = checkSourceCitation(c, readSource);
      if (problem) add(problem.code, c.line, c.column, problem.message, problem.fix);
    }
  }

  // Coverage: a registered event that no checked doc mentions.
  let covered = 0;
  if (options.coverage !== "off") {
    const all = mentionTexts.join("\n");
    const wildcards = wildcardPrefixes(all);
    for (const e of events) {
      const byWildcard = [...wildcards].some((p) => e.name.startsWith(`${p}.`));
      if (byWildcard || mentions(all, e.name)) {
        covered++;
        continue;
      }
      if (ignored(e, options.coverageIgnore)) continue;
      const family = ir.families.find((f) => f.name === e.family)!;
      const pos = declarationPosition(readSource(family.source.file), e.name);
      findings.push({
        code: "LP_DOCS_UNCOVERED_EVENT",
        severity: options.coverage === "warn" ? "warning" : "error",
        file: family.source.file,
        line: pos.line,
        column: pos.column,
        message: `event \`${e.name}\` is registered but no checked doc mentions it`,
        fix: `mention it in a doc (e.g. add <!-- logpact:begin family ${family.name} --> … <!-- logpact:end --> to docs/observability.md), or add "${e.name}" to docs.coverageIgnore in the config`,
      });
    }
  }

  findings.sort((a, b) => cmp(a.file, b.file) || a.line - b.line || a.column - b.column || cmp(a.code, b.code));
  return {
    findings,
    stats: { files: input.docs.length, eventCitations: eventCount, sourceCitations: sourceCount, sections: sectionCount, events: events.length, coveredEvents: covered },
  };
}

/**
 * The registered family a dotted name belongs to: the longest family `F` with
 * `name` starting `F.`; for a wildcard prefix, `name === F` also counts.
 */
function owningFamily(families: readonly FamilyIR[], name: string, wildcard: boolean): FamilyIR | undefined {
  let best: FamilyIR | undefined;
  for (const f of families) {
    if ((name.startsWith(`${f.name}.`) || (wildcard && name === f.name)) && (!best || f.name.length > best.name.length)) best = f;
  }
  return best;
}

function ignored(e: EventIR, patterns: readonly string[]): boolean {
  return patterns.some((p) => (p.endsWith(".*") ? e.name.startsWith(p.slice(0, -1)) : p === e.name));
}

/** Line and column of an event's declaration in its schema module (its quoted name), or 1:1. */
function declarationPosition(source: string | undefined, name: string): { line: number; column: number } {
  if (source === undefined) return { line: 1, column: 1 };
  for (const q of ['"', "'", "`"]) {
    const i = source.indexOf(`${q}${name}${q}`);
    if (i !== -1) return positionOf(source, i);
  }
  return { line: 1, column: 1 };
}

function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split(/\r\n|\r|\n/).length;
  const lastBreak = Math.max(before.lastIndexOf("\n"), before.lastIndexOf("\r"));
  return { line, column: offset - lastBreak };
}

interface SourceProblem {
  code: FindingCode;
  message: string;
  fix: string;
}

/** Checks one `path:LINE[-END][#anchor]` citation against the file it names. */
export function checkSourceCitation(c: SourceCitation, read: (path: string) => string | undefined): SourceProblem | undefined {
  const normalised = c.path.split("/").reduce<string[]>((acc, seg) => (seg === ".." ? [...acc.slice(0, -1), ".."] : seg === "." || seg === "" ? acc : [...acc, seg]), []);
  const escapes = normalised.includes("..");
  const text = escapes ? undefined : read(normalised.join("/"));
  if (text === undefined) {
    return { code: "LP_DOCS_SOURCE_MISSING", message: `\`${c.raw}\` cites ${c.path}, which does not exist`, fix: "update the path to where the code lives now (paths are relative to the project root)" };
  }
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  const count = lines.length;
  const range = c.startLine === c.endLine ? `line ${c.startLine}` : `lines ${c.startLine}-${c.endLine}`;
  if (c.startLine < 1 || c.endLine < c.startLine) {
    return { code: "LP_DOCS_SOURCE_RANGE", message: `\`${c.raw}\`: ${range} is not a valid range`, fix: "write :LINE or :START-END with 1 ≤ START ≤ END" };
  }
  if (c.endLine > count) {
    return { code: "LP_DOCS_SOURCE_RANGE", message: `\`${c.raw}\`: ${range} is out of bounds; ${c.path} has ${count} line${count === 1 ? "" : "s"}`, fix: "re-check the cited code and update the line numbers" };
  }
  if (c.anchor) {
    const cited = lines.slice(c.startLine - 1, c.endLine).join("\n");
    const last = c.anchor[c.anchor.length - 1]!;
    const upToEnd = lines.slice(0, c.endLine).join("\n");
    const missingScope = c.anchor.slice(0, -1).find((seg) => !hasWord(upToEnd, seg));
    if (!hasWord(cited, last)) {
      const elsewhere = lines.findIndex((l) => hasWord(l, last));
      return {
        code: "LP_DOCS_SOURCE_ANCHOR",
        message: `\`${c.raw}\`: \`${last}\` does not appear on ${range} of ${c.path}${elsewhere === -1 ? "" : `; it is on line ${elsewhere + 1}`}`,
        fix: elsewhere === -1 ? "the symbol is gone from this file: update the citation" : `update the citation to ${c.path}:${elsewhere + 1}#${c.anchor.join(".")}`,
      };
    }
    if (missingScope !== undefined) {
      return { code: "LP_DOCS_SOURCE_ANCHOR", message: `\`${c.raw}\`: \`${missingScope}\` does not appear in ${c.path} at or before ${range}`, fix: "name the enclosing class or namespace as declared in the file" };
    }
  }
  return undefined;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
