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
 * - inline code spans (a backtick run closed by a run of the same length on the same
 *   line; backslash-escaped backticks open nothing).
 * Indented code blocks are not recognised (four-space indentation is ambiguous inside
 * lists); use fences for code.
 */

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
 * Tokenises one prose line. `inComment` says whether the line starts inside an HTML
 * comment opened on an earlier line; the result says whether it ends inside one.
 */
export function segmentLine(line: string, inComment: boolean): { segments: Segment[]; inComment: boolean } {
  const segments: Segment[] = [];
  let i = 0;
  let textStart = 0;
  const flushText = (end: number) => {
    if (end > textStart) segments.push({ kind: "text", start: textStart, end });
  };
  if (inComment) {
    const close = line.indexOf("-->");
    if (close === -1) return { segments: line.length ? [{ kind: "comment", start: 0, end: line.length }] : [], inComment: true };
    segments.push({ kind: "comment", start: 0, end: close + 3 });
    i = textStart = close + 3;
  }
  while (i < line.length) {
    const c = line[i];
    if (c === "\\" && i + 1 < line.length) {
      i += 2;
      continue;
    }
    if (c === "<" && line.startsWith("<!--", i)) {
      flushText(i);
      const close = line.indexOf("-->", i + 4);
      if (close === -1) {
        segments.push({ kind: "comment", start: i, end: line.length });
        return { segments, inComment: true };
      }
      segments.push({ kind: "comment", start: i, end: close + 3 });
      i = textStart = close + 3;
      continue;
    }
    if (c === "`") {
      let j = i;
      while (line[j] === "`") j++;
      const run = j - i;
      const close = closingRun(line, j, run);
      if (close === -1) {
        i = j;
        continue;
      }
      flushText(i);
      let content = line.slice(j, close);
      let contentStart = j;
      if (content.length > 1 && content.startsWith(" ") && content.endsWith(" ") && content.trim() !== "") {
        content = content.slice(1, -1);
        contentStart++;
      }
      segments.push({ kind: "code", start: i, end: close + run, content, contentStart });
      i = textStart = close + run;
      continue;
    }
    i++;
  }
  flushText(line.length);
  return { segments, inComment: false };
}

function closingRun(line: string, from: number, run: number): number {
  let k = from;
  while (k < line.length) {
    if (line[k] !== "`") {
      k++;
      continue;
    }
    let e = k;
    while (line[e] === "`") e++;
    if (e - k === run) return k;
    k = e;
  }
  return -1;
}

export type LineKind = "prose" | "code";

export interface ScannedLine extends Line {
  readonly kind: LineKind;
  /** Segments of a prose line (empty for code lines). */
  readonly segments: readonly Segment[];
}

/** Classifies every line of a doc and tokenises the prose lines. */
export function scanMarkdown(text: string): ScannedLine[] {
  const out: ScannedLine[] = [];
  let fence: Fence | undefined;
  let inComment = false;
  for (const line of splitLines(text)) {
    if (fence) {
      out.push({ ...line, kind: "code", segments: [] });
      if (closesFence(line.text, fence)) fence = undefined;
      continue;
    }
    if (!inComment) {
      const open = openingFence(line.text);
      if (open) {
        fence = open;
        out.push({ ...line, kind: "code", segments: [] });
        continue;
      }
    }
    const r = segmentLine(line.text, inComment);
    inComment = r.inComment;
    out.push({ ...line, kind: "prose", segments: r.segments });
  }
  return out;
}
