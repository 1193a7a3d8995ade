/**
 * A small, position-exact Markdown scanner: enough CommonMark to know which characters
 * of a doc are prose, inline code, HTML comments or fenced code, without a full parser
 * (and without a runtime dependency on one).
 *
 * What it recognises, on purpose:
 * - fenced code blocks (``` or ~~~, three or more, any indentation, also inside `>`
 *   quotes), closed by a fence of the same character at least as long, or by the end of
 *   the file; the fence lines and everything between them are `code`;
 * - HTML comments `<!-- … -->`, also across lines;
 * - inline code spans (a backtick run closed by a run of the same length within the
 *   same paragraph; backslash-escaped backticks open nothing). Paragraphs are runs of
 *   lines between blank lines; headings, table rows and thematic breaks stand alone.
 * Indented code blocks are not recognised (four-space indentation is ambiguous inside
 * lists); use fences for code.
 */

import { findClosingRun } from "../targets/markdown/escape.js";

export interface Line {
  /** 1-based line number. */
  readonly number: number;
  /** The line without its line ending. */
  readonly text: string;
  /** Offset of the line's first character in the document. */
  readonly start: number;
  /** The line ending (`\n`, `\r\n`, `\r` or `""` on the last line). */
  readonly eol: string;
}

/** Splits a document into lines, keeping offsets and line endings. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  let n = 1;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    lines.push({ number: n++, text: text.slice(start, m.index), start, eol: m[0] });
    start = m.index + m[0].length;
  }
  if (start < text.length || lines.length === 0) lines.push({ number: n, text: text.slice(start), start, eol: "" });
  return lines;
}

export interface Fence {
  char: "`" | "~";
  length: number;
}

/** The fence a line opens (or undefined), ignoring indentation and `>` quote markers. */
export function openingFence(line: string): Fence | undefined {
  const m = /^(?:\s*>)*\s*(`{3,}|~{3,})(.*)$/.exec(line);
  if (!m) return undefined;
  const run = m[1]!;
  // A backtick fence's info string may not contain backticks (that is inline code).
  if (run[0] === "`" && m[2]!.includes("`")) return undefined;
  return { char: run[0] as Fence["char"], length: run.length };
}

/** Whether `line` closes `fence`. */
export function closesFence(line: string, fence: Fence): boolean {
  const m = /^(?:\s*>)*\s*(`{3,}|~{3,})\s*$/.exec(line);
  return m !== null && m[1]![0] === fence.char && m[1]!.length >= fence.length;
}

export type SegmentKind = "text" | "code" | "comment";

/** A run of one line: prose, an inline code span, or (part of) an HTML comment. */
export interface Segment {
  readonly kind: SegmentKind;
  /** 0-based columns in the line, end exclusive. For `code`, the whole span with backticks. */
  readonly start: number;
  readonly end: number;
  /** For `code`: the span's content (CommonMark: one leading and trailing space stripped). */
  readonly content?: string;
  /** For `code`: column of the content's first character. */
  readonly contentStart?: number;
}

/**
 * Tokenises one prose line on its own (a code span must close on the same line).
 * `inComment` says whether the line starts inside an HTML comment.
 */
export function segmentLine(line: string, inComment: boolean): { segments: Segment[]; inComment: boolean } {
  const r = segmentParagraph([line], inComment);
  return { segments: r.segments[0]!, inComment: r.inComment };
}

/**
 * Tokenises a paragraph (consecutive prose lines): code spans may run across its lines
 * (CommonMark), and so may comments. A span that continues onto later lines is reported on
 * its first line with its whole content (line breaks as spaces); the later lines get a
 * `code` segment without content, so nothing inside is read as prose.
 */
export function segmentParagraph(
  lines: readonly string[],
  inComment: boolean,
): { segments: Segment[][]; inComment: boolean } {
  const text = lines.join("\n");
  const starts: number[] = [];
  let acc = 0;
  for (const l of lines) {
    starts.push(acc);
    acc += l.length + 1;
  }
  const lineOf = (offset: number): number => {
    let i = starts.length - 1;
    while (i > 0 && starts[i]! > offset) i--;
    return i;
  };
  const segments: Segment[][] = lines.map(() => []);
  /** Adds a run [from, to) of `kind`, split at line breaks. */
  const push = (kind: SegmentKind, from: number, to: number, code?: { content: string; contentStart: number }) => {
    let first = true;
    for (let i = lineOf(from); i < lines.length && starts[i]! < Math.max(to, from + 1); i++) {
      const a = Math.max(from, starts[i]!) - starts[i]!;
      const b = Math.min(to, starts[i]! + lines[i]!.length) - starts[i]!;
      if (b <= a && !(first && code)) {
        first = false;
        continue;
      }
      segments[i]!.push(
        first && code
          ? { kind, start: a, end: b, content: code.content, contentStart: code.contentStart - starts[i]! }
          : { kind, start: a, end: b },
      );
      first = false;
    }
  };
  let i = 0;
  let textStart = 0;
  const flushText = (end: number) => {
    if (end > textStart) push("text", textStart, end);
  };
  if (inComment) {
    const close = text.indexOf("-->");
    if (close === -1) {
      push("comment", 0, text.length);
      return { segments, inComment: true };
    }
    push("comment", 0, close + 3);
    i = textStart = close + 3;
  }
  while (i < text.length) {
    const c = text[i];
    if (c === "\\" && i + 1 < text.length && text[i + 1] !== "\n") {
      i += 2;
      continue;
    }
    if (c === "<" && text.startsWith("<!--", i)) {
      flushText(i);
      const close = text.indexOf("-->", i + 4);
      if (close === -1) {
        push("comment", i, text.length);
        return { segments, inComment: true };
      }
      push("comment", i, close + 3);
      i = textStart = close + 3;
      continue;
    }
    if (c === "`") {
      let j = i;
      while (text[j] === "`") j++;
      const run = j - i;
      const close = findClosingRun(text, j, run);
      if (close === -1) {
        i = j;
        continue;
      }
      flushText(i);
      let content = text.slice(j, close).replace(/\n/g, " ");
      let contentStart = j;
      if (content.length > 1 && content.startsWith(" ") && content.endsWith(" ") && content.trim() !== "") {
        content = content.slice(1, -1);
        contentStart++;
      }
      push("code", i, close + run, { content, contentStart });
      i = textStart = close + run;
      continue;
    }
    i++;
  }
  flushText(text.length);
  return { segments, inComment: false };
}

export type LineKind = "prose" | "code";

export interface ScannedLine extends Line {
  readonly kind: LineKind;
  /** Segments of a prose line (empty for code lines). */
  readonly segments: readonly Segment[];
}

/** A line that is a block of its own: blank, a heading, a table row, a thematic break. */
function standsAlone(line: string): boolean {
  return /^\s*$/.test(line) || /^ {0,3}(#{1,6}(\s|$)|\||([-*_])\s*\3\s*\3[\s\-*_]*$)/.test(line);
}

/** Classifies every line of a doc and tokenises the prose, paragraph by paragraph. */
export function scanMarkdown(text: string): ScannedLine[] {
  const out: ScannedLine[] = [];
  let fence: Fence | undefined;
  let inComment = false;
  let paragraph: Line[] = [];
  const flush = () => {
    if (!paragraph.length) return;
    const r = segmentParagraph(
      paragraph.map((l) => l.text),
      inComment,
    );
    inComment = r.inComment;
    paragraph.forEach((l, i) => out.push({ ...l, kind: "prose", segments: r.segments[i]! }));
    paragraph = [];
  };
  for (const line of splitLines(text)) {
    if (fence) {
      out.push({ ...line, kind: "code", segments: [] });
      if (closesFence(line.text, fence)) fence = undefined;
      continue;
    }
    const open = inComment ? undefined : openingFence(line.text);
    if (open) {
      flush(); // a fence ends a paragraph (unless that paragraph left a comment open)
      if (!inComment) {
        fence = open;
        out.push({ ...line, kind: "code", segments: [] });
        continue;
      }
    }
    if (standsAlone(line.text)) {
      flush();
      const r = segmentParagraph([line.text], inComment);
      inComment = r.inComment;
      out.push({ ...line, kind: "prose", segments: r.segments[0]! });
      continue;
    }
    paragraph.push(line);
  }
  flush();
  return out;
}
