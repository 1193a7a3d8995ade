/**
 * `logpact docs check`: the doc-citation gate. Pure: docs and a file reader in, findings
 * out (the command reads the disk and prints).
 */
import type { EventIR, FamilyIR, RegistryIR } from "../registry/ir.js";
import { allEvents } from "../registry/ir.js";
import { owningFamily as familyOf, nearFamily, suggestEvent } from "../util/event-names.js";
import {
  eventCitations,
  hasWord,
  mentions,
  sourceCitations,
  wildcardPrefixes,
  type Skip,
  type SourceCitation,
} from "./citations.js";
import { IGNORE_LINE, IGNORE_NEXT_LINE } from "./markers.js";
import { declarationsOf, DECLARATION_FILE, type Declaration } from "./declarations.js";
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
  /**
   * Reads a project file (root-relative POSIX path); undefined when it is missing or not a
   * file, `{ refused }` when it must not be read (a symlink to outside the project).
   */
  readonly readFile: (path: string) => string | undefined | Refused;
  readonly templatesDir?: string | undefined;
}

/** Why a cited file was not read: "is a symbolic link to outside the project". */
export interface Refused {
  readonly refused: string;
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
  const sourceCache = new Map<string, string | undefined | Refused>();
  const readAny = (path: string): string | undefined | Refused => {
    if (!sourceCache.has(path)) sourceCache.set(path, input.readFile(path));
    return sourceCache.get(path);
  };
  const readSource = (path: string): string | undefined => {
    const got = readAny(path);
    return typeof got === "string" ? got : undefined;
  };
  const declCache = new Map<string, readonly Declaration[]>();
  const declarations = (path: string, text: string): readonly Declaration[] => {
    let d = declCache.get(path);
    if (!d) declCache.set(path, (d = declarationsOf(path, text)));
    return d;
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
        add(
          "LP_DOCS_STALE_SECTION",
          s.line,
          s.column,
          `generated section "${s.what}" is stale: it differs from what the registry generates`,
          "run `pnpm gen` (logpact gen) and commit the result; do not edit between the markers by hand",
        );
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
      else if (l.segments.some((seg) => seg.kind === "comment" && IGNORE_LINE.test(l.text.slice(seg.start, seg.end))))
        skipped.add(l.number);
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
        add(
          "LP_DOCS_UNKNOWN_EVENT",
          c.line,
          c.column,
          `\`${c.text}\` matches no registered event of family "${family.name}"`,
          `cite \`${family.name}.*\` or one of: ${family.events.map((e) => e.short).join(", ")}`,
        );
        continue;
      }
      const judged = judgeName(ir.families, events, c.text);
      if (!judged) continue; // a file name, an attribute, another namespace: not ours to judge
      eventCount++;
      const { family, suggestion } = judged;
      const fix = `cite a registered event (${family.events.map((e) => e.short).join(", ")}), or add it to ${family.source.file} first`;
      if (judged.typo) {
        const written = c.text.split(".").slice(0, family.name.split(".").length).join(".");
        const hint = suggestion ? ` Did you mean "${suggestion}"?` : ` Did you mean family "${family.name}"?`;
        add(
          "LP_DOCS_UNKNOWN_EVENT",
          c.line,
          c.column,
          `\`${c.text}\` names family "${written}", which is not registered.${hint}`,
          fix,
        );
      } else {
        add(
          "LP_DOCS_UNKNOWN_EVENT",
          c.line,
          c.column,
          `\`${c.text}\` is not an event of family "${family.name}".${suggestion ? ` Did you mean "${suggestion}"?` : ""}`,
          fix,
        );
      }
    }

    for (const c of sourceCitations(lines, skip, options.sourcePrefixes)) {
      sourceCount++;
      const problem = checkSourceCitation(c, readAny, declarations);
      if (problem) add(problem.code, c.line, c.column, problem.message, problem.fix);
    }
  }

  // Coverage: a registered event that no checked doc mentions.
  let covered = 0;
  if (options.coverage !== "off") {
    // Suggest a doc the project has (the first one checked), not a page of ours it may not have.
    const suggestedDoc = input.docs[0]?.path ?? "a Markdown file under docs.include";
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
        fix: `mention it in a doc (e.g. add <!-- logpact:begin family ${family.name} --> … <!-- logpact:end --> to ${suggestedDoc}), or add "${e.name}" to docs.coverageIgnore in the config`,
      });
    }
  }

  findings.sort((a, b) => cmp(a.file, b.file) || a.line - b.line || a.column - b.column || cmp(a.code, b.code));
  return {
    findings,
    stats: {
      files: input.docs.length,
      eventCitations: eventCount,
      sourceCitations: sourceCount,
      sections: sectionCount,
      events: events.length,
      coveredEvents: covered,
    },
  };
}

/**
 * The registered family a dotted name belongs to: the longest family `F` with
 * `name` starting `F.`; for a wildcard prefix, `name === F` also counts.
 */
function owningFamily(families: readonly FamilyIR[], name: string, wildcard: boolean): FamilyIR | undefined {
  let best: FamilyIR | undefined;
  for (const f of families) {
    if ((name.startsWith(`${f.name}.`) || (wildcard && name === f.name)) && (!best || f.name.length > best.name.length))
      best = f;
  }
  return best;
}

/** Last segments that make a backticked dotted name a file name (`pipeline.ts`), not an event. */
const FILE_EXTENSIONS = new Set([
  "ts",
  "tsx",
  "mts",
  "cts",
  "js",
  "jsx",
  "mjs",
  "cjs",
  "json",
  "jsonc",
  "json5",
  "md",
  "mdx",
  "yaml",
  "yml",
  "toml",
  "txt",
  "sh",
  "py",
  "go",
  "rs",
  "java",
  "kt",
  "rb",
  "css",
  "scss",
  "html",
  "sql",
  "lock",
  "env",
  "log",
  "ndjson",
  "csv",
  "ini",
  "cfg",
  "conf",
  "xml",
  "proto",
  "graphql",
  "gql",
  "svg",
  "png",
  "jpg",
  "gz",
  "zip",
  "hbs",
  "vue",
  "svelte",
  "map",
  "d",
  "tf",
]);

/**
 * Whether a backticked dotted name is an event citation logpact should judge, and against
 * which family. Judged: a name in a registered family's namespace with as many segments
 * after the family as its events have (or a small edit from one of them), and a name whose
 * family part is a typo of a registered family's. Not judged: file names (`pipeline.ts`),
 * names under a registered event (`http.request.resend_count` under `http.request`: an
 * attribute or field path), names deeper or shallower than the family's events (OTel-style
 * attributes sharing a prefix), and other namespaces.
 */
function judgeName(
  families: readonly FamilyIR[],
  events: readonly EventIR[],
  name: string,
): { family: FamilyIR; suggestion?: string | undefined; typo: boolean } | undefined {
  const segments = name.split(".");
  if (FILE_EXTENSIONS.has(segments[segments.length - 1]!.toLowerCase())) return undefined;
  if (events.some((e) => name.startsWith(`${e.name}.`))) return undefined;
  const own = familyOf(families, name);
  const family = own ?? nearFamily(families, name);
  if (!family) return undefined;
  const s = suggestEvent(families, name);
  const suggestion = s?.kind === "close" ? s.event : undefined;
  const depth = segments.length - family.name.split(".").length;
  if (own && suggestion === undefined && !family.events.some((e) => e.short.split(".").length === depth))
    return undefined;
  return { family, suggestion, typo: own === undefined };
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

/** `src/../scripts/x.ts` → `scripts/x.ts`; undefined when the path climbs out of the root. */
export function normalisePath(path: string): string | undefined {
  const out: string[] = [];
  for (const seg of path.split("/")) {
    if (seg === "." || seg === "") continue;
    if (seg !== "..") out.push(seg);
    else if (out.length > 0) out.pop();
    else return undefined;
  }
  return out.join("/");
}

/** Checks one `path:LINE[-END][#anchor]` citation against the file it names. */
export function checkSourceCitation(
  c: SourceCitation,
  read: (path: string) => string | undefined | Refused,
  declarations: (path: string, text: string) => readonly Declaration[] = (path, text) => declarationsOf(path, text),
): SourceProblem | undefined {
  const normalised = normalisePath(c.path);
  const got = normalised === undefined ? undefined : read(normalised);
  if (typeof got === "object") {
    return {
      code: "LP_DOCS_SOURCE_MISSING",
      message: `\`${c.raw}\` cites ${c.path}, which ${got.refused}; it is not read`,
      fix: "cite a file inside the project (docs check reads nothing outside the project root)",
    };
  }
  const text = got;
  if (text === undefined) {
    return {
      code: "LP_DOCS_SOURCE_MISSING",
      message: `\`${c.raw}\` cites ${c.path}, which does not exist`,
      fix: "update the path to where the code lives now (paths are relative to the project root)",
    };
  }
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  const count = lines.length;
  const range = c.startLine === c.endLine ? `line ${c.startLine}` : `lines ${c.startLine}-${c.endLine}`;
  if (c.startLine < 1 || c.endLine < c.startLine) {
    return {
      code: "LP_DOCS_SOURCE_RANGE",
      message: `\`${c.raw}\`: ${range} is not a valid range`,
      fix: "write :LINE or :START-END with 1 ≤ START ≤ END",
    };
  }
  if (c.endLine > count) {
    return {
      code: "LP_DOCS_SOURCE_RANGE",
      message: `\`${c.raw}\`: ${range} is out of bounds; ${c.path} has ${count} line${count === 1 ? "" : "s"}`,
      fix: "re-check the cited code and update the line numbers",
    };
  }
  if (c.anchor && DECLARATION_FILE.test(normalised!))
    return anchorProblem(c, range, declarations(normalised!, text), lines);
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
        fix:
          elsewhere === -1
            ? "the symbol is gone from this file: update the citation"
            : `update the citation to ${c.path}:${elsewhere + 1}#${c.anchor.join(".")}`,
      };
    }
    if (missingScope !== undefined) {
      return {
        code: "LP_DOCS_SOURCE_ANCHOR",
        message: `\`${c.raw}\`: \`${missingScope}\` does not appear in ${c.path} at or before ${range}`,
        fix: "name the enclosing class or namespace as declared in the file",
      };
    }
  }
  return undefined;
}

/**
 * A `#symbol` anchor in a JS/TS file must name a declaration whose name is on the cited
 * lines (a word in a string or a call there is not one); `#Class.member` also needs the
 * declaration inside `Class`.
 */
function anchorProblem(
  c: SourceCitation,
  range: string,
  decls: readonly Declaration[],
  lines: readonly string[],
): SourceProblem | undefined {
  const anchor = c.anchor!;
  const last = anchor[anchor.length - 1]!;
  const scope = anchor.slice(0, -1);
  const named = decls.filter((d) => d.name === last);
  const onLines = named.filter((d) => d.line >= c.startLine && d.line <= c.endLine);
  const inScope = (d: Declaration) =>
    scope.length === 0 || scope.every((seg, i) => d.containers[d.containers.length - scope.length + i] === seg);
  if (onLines.some(inScope)) return undefined;
  if (onLines.length > 0) {
    const where = onLines[0]!.containers.length ? `inside \`${onLines[0]!.containers.join(".")}\`` : "at the top level";
    return {
      code: "LP_DOCS_SOURCE_ANCHOR",
      message: `\`${c.raw}\`: \`${last}\` on ${range} of ${c.path} is declared ${where}, not inside \`${scope.join(".")}\``,
      fix: `update the anchor to #${[...onLines[0]!.containers, last].join(".")}`,
    };
  }
  const elsewhere = named.find(inScope);
  const mentioned = lines.slice(c.startLine - 1, c.endLine).some((l) => hasWord(l, last));
  const why = mentioned ? " (it appears there, but not as a declaration)" : "";
  return {
    code: "LP_DOCS_SOURCE_ANCHOR",
    message: `\`${c.raw}\`: \`${last}\` is not declared on ${range} of ${c.path}${why}${elsewhere ? `; it is declared on line ${elsewhere.line}` : ""}`,
    fix: elsewhere
      ? `update the citation to ${c.path}:${elsewhere.line}#${anchor.join(".")}`
      : "the symbol is not declared in this file: cite the line that declares it",
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
