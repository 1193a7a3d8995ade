/**
 * Citations in prose: backticked event names (`workflow.run.failed`, `workflow.run.*`)
 * and source references (`src/workflows/runs-store.ts:87`, `:87-92`, `#markFailed`,
 * `#RunsStore.markFailed`). Only prose counts: fenced code blocks, HTML comments and
 * generated sections are skipped.
 */
import type { ScannedLine } from "./scan.js";

export interface EventCitation {
  /** The span's content, e.g. `workflow.run.failed` or `workflow.run.*`. */
  readonly text: string;
  readonly line: number;
  /** 1-based column of the content's first character. */
  readonly column: number;
}

export interface SourceCitation {
  /** As written: `src/a.ts:12-14#Foo.bar`. */
  readonly raw: string;
  /** Path relative to the project root. */
  readonly path: string;
  readonly startLine: number;
  readonly endLine: number;
  /** `Foo.bar` → `["Foo", "bar"]`. */
  readonly anchor?: readonly string[] | undefined;
  readonly line: number;
  readonly column: number;
}

/** A dotted name, optionally ending in `.*`: what an event citation may look like. */
const DOTTED = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*(\.\*)?$/;

/** Whether a code span's content has the shape of an event citation. */
export function isDottedName(text: string): boolean {
  return DOTTED.test(text) && text.includes(".");
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The source-citation regex for a set of path prefixes (`src/`, `packages/api/src/`). */
export function sourceCitationPattern(prefixes: readonly string[]): RegExp | undefined {
  if (prefixes.length === 0) return undefined;
  const alternatives = [...prefixes]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join("|");
  return new RegExp(
    `(?<![\\w./-])((?:${alternatives})[\\w.@+/-]*):(\\d+)(?:-(\\d+))?(?:#([A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)*))?`,
    "g",
  );
}

export interface Skip {
  /** 1-based line numbers to skip (generated sections, their markers). */
  has(line: number): boolean;
}

/** Backticked dotted names in prose (inline code spans), with exact positions. */
export function eventCitations(lines: readonly ScannedLine[], skip: Skip): EventCitation[] {
  const out: EventCitation[] = [];
  for (const l of lines) {
    if (l.kind !== "prose" || skip.has(l.number)) continue;
    for (const s of l.segments) {
      if (s.kind !== "code" || s.content === undefined) continue;
      const text = s.content.trim();
      if (!isDottedName(text)) continue;
      const lead = s.content.length - s.content.trimStart().length;
      out.push({ text, line: l.number, column: s.contentStart! + lead + 1 });
    }
  }
  return out;
}

/** Source citations in prose and inline code (not in comments or code blocks). */
export function sourceCitations(
  lines: readonly ScannedLine[],
  skip: Skip,
  prefixes: readonly string[],
): SourceCitation[] {
  const pattern = sourceCitationPattern(prefixes);
  if (!pattern) return [];
  const out: SourceCitation[] = [];
  for (const l of lines) {
    if (l.kind !== "prose" || skip.has(l.number) || !prefixes.some((p) => l.text.includes(p))) continue;
    // Blank out comments, keeping columns.
    let visible = l.text;
    for (const s of l.segments)
      if (s.kind === "comment")
        visible = visible.slice(0, s.start) + " ".repeat(s.end - s.start) + visible.slice(s.end);
    pattern.lastIndex = 0;
    for (let m = pattern.exec(visible); m; m = pattern.exec(visible)) {
      const startLine = Number(m[2]);
      out.push({
        raw: m[0],
        path: m[1]!,
        startLine,
        endLine: m[3] === undefined ? startLine : Number(m[3]),
        anchor: m[4]?.split("."),
        line: l.number,
        column: m.index + 1,
      });
    }
  }
  return out;
}

/**
 * Whether `name` occurs in `text` as a whole name: not preceded by a name character or
 * dot, not followed by a name character or by a dot that continues the name.
 */
export function mentions(text: string, name: string): boolean {
  for (let i = text.indexOf(name); i !== -1; i = text.indexOf(name, i + 1)) {
    const before = i === 0 ? "" : text[i - 1]!;
    const after = text[i + name.length] ?? "";
    const afterNext = text[i + name.length + 1] ?? "";
    if (/[\w.-]/.test(before)) continue;
    if (/[\w-]/.test(after)) continue;
    if (after === "." && /\w/.test(afterNext)) continue;
    return true;
  }
  return false;
}

/** Prefixes of every `prefix.*` wildcard written in `text`. */
export function wildcardPrefixes(text: string): Set<string> {
  return new Set([...text.matchAll(/(?<![\w.-])([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)\.\*/g)].map((m) => m[1]!));
}

/** Whole-word occurrence of an identifier (`$` and `_` count as word characters). */
export function hasWord(text: string, word: string): boolean {
  // indexOf, not a RegExp built from the word: a 1M-character anchor made "Regular expression too large" (exit 3).
  if (word === "") return false;
  const isWord = (c: string | undefined) => c !== undefined && /[\w$]/.test(c);
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    if (!isWord(text[at - 1]) && !isWord(text[at + word.length])) return true;
  }
  return false;
}
