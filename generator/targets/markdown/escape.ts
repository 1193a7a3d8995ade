/**
 * Escaping for generated Markdown. Descriptions come from schema authors and may contain
 * anything (pipes, backticks, newlines, HTML, marker comments); whatever they contain, a
 * generated table keeps its shape and a generated section keeps its markers.
 *
 * Rules (GFM): a table row is split into cells on unescaped `|` before inline parsing,
 * even inside code spans, so every `|` becomes `\|`; a newline would end the row, so it
 * becomes `<br>`; `<` and `>` are escaped so raw HTML (including `<!-- logpact:end -->`)
 * never reaches the output; balanced code spans are kept so `by` style descriptions
 * still render as code.
 */

/** ASCII punctuation CommonMark lets us backslash-escape. */
const ESCAPE_IN_TEXT = /[\\`<>|]/g;
/** Characters that start a block construct when they open a line. */
const BLOCK_START = /^(?:[#>+=~*-])/;
const ORDERED_START = /^(\d+)([.)])/;

/** A text that opens with `#`, `-`, `1.` … must not become a heading or a list item. */
function guardBlockStart(text: string): string {
  if (BLOCK_START.test(text)) return `\\${text}`;
  // A backslash before a digit is literal, so escape the list delimiter instead.
  return text.replace(ORDERED_START, "$1\\$2");
}

/** One line of Markdown inline text that is safe in a table cell, a list item or a paragraph. */
export function inline(text: string | undefined): string {
  if (text === undefined) return "";
  const normalised = text.replace(/\r\n?/g, "\n").trim();
  if (normalised === "") return "";
  let out = "";
  for (const part of splitCodeSpans(normalised)) {
    out += part.code === undefined ? escapeText(part.text) : codeSpanInCell(part.code);
  }
  return guardBlockStart(out);
}

/** Alias used by table templates: the same escaping as {@link inline}. */
export const cell = inline;

/**
 * Text that is not Markdown (a type such as `"a" | "b"`, a regex): every character shown
 * as written, backticks included, on one line.
 */
export function literal(text: string | undefined): string {
  if (text === undefined) return "";
  return guardBlockStart(escapeText(text.replace(/\r\n?|\n/g, " ").trim()));
}

/** A code span holding `text` verbatim, safe in a table cell. */
export function code(text: string): string {
  return codeSpanInCell(text.replace(/\r\n?|\n/g, " "));
}

/** A fenced code block whose fence cannot be closed by the content. */
export function fence(lang: string, content: string): string {
  const longest = Math.max(0, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  const bar = "`".repeat(Math.max(3, longest + 1));
  return `${bar}${lang}\n${content.replace(/\n$/, "")}\n${bar}`;
}

/**
 * GitHub's heading anchor for `text` (github-slugger): lower-case, punctuation other than
 * `-` and `_` removed, spaces to `-`. Formatting characters (backticks) are not part of it.
 */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
    .replace(/ /g, "-");
}

interface Part {
  text: string;
  code?: string;
}

/**
 * Splits text into plain runs and CommonMark code spans (a backtick run closed by a run of
 * the same length). An unmatched backtick run stays plain text (and is escaped).
 */
export function splitCodeSpans(text: string): Part[] {
  const parts: Part[] = [];
  let plain = "";
  let i = 0;
  while (i < text.length) {
    if (text[i] === "\\" && i + 1 < text.length) {
      plain += text.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (text[i] !== "`") {
      plain += text[i];
      i++;
      continue;
    }
    let j = i;
    while (text[j] === "`") j++;
    const run = j - i;
    const close = findClosingRun(text, j, run);
    if (close === -1) {
      plain += text.slice(i, j);
      i = j;
      continue;
    }
    if (plain) parts.push({ text: plain });
    plain = "";
    let content = text.slice(j, close).replace(/\n/g, " ");
    if (content.length > 1 && content.startsWith(" ") && content.endsWith(" ") && content.trim() !== "")
      content = content.slice(1, -1);
    parts.push({ text: text.slice(i, close + run), code: content });
    i = close + run;
  }
  if (plain) parts.push({ text: plain });
  return parts;
}

/** Start of the first run of exactly `run` backticks at or after `from` (CommonMark's code span closer), or -1. */
export function findClosingRun(text: string, from: number, run: number): number {
  let k = from;
  while (k < text.length) {
    if (text[k] !== "`") {
      k++;
      continue;
    }
    let e = k;
    while (text[e] === "`") e++;
    if (e - k === run) return k;
    k = e;
  }
  return -1;
}

function escapeText(text: string): string {
  return text
    .replace(ESCAPE_IN_TEXT, (c) => `\\${c}`)
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, "\\&")
    .replace(/\n+/g, "<br>");
}

/**
 * A code span that is safe anywhere, table cells included. GFM splits table rows on `|`
 * even inside code spans, and `\|` is only unescaped there inside tables; so a span that
 * contains a pipe is written as `<code>` with every punctuation character as an entity,
 * which reads the same in a table, a paragraph or a list.
 */
function codeSpanInCell(content: string): string {
  if (content.includes("|") || content.trim() === "") {
    return `<code>${[...content].map((c) => (/[!-/:-@[-`{-~]/.test(c) ? `&#${c.charCodeAt(0)};` : c)).join("")}</code>`;
  }
  const escaped = content;
  const longest = Math.max(0, ...[...escaped.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = "`".repeat(longest + 1);
  const pad =
    escaped.startsWith("`") || escaped.endsWith("`") || (escaped.startsWith(" ") && escaped.endsWith(" ")) ? " " : "";
  return `${ticks}${pad}${escaped}${pad}${ticks}`;
}

/** Words Mermaid's state-diagram grammar treats as keywords; never used as a bare state id. */
const MERMAID_RESERVED = new Set([
  "state",
  "note",
  "end",
  "direction",
  "class",
  "classdef",
  "style",
  "as",
  "left",
  "right",
  "of",
  "hide",
  "scale",
  "click",
  "default",
]);

/** A Mermaid state id made of `[A-Za-z0-9_]` that does not clash with a keyword. */
export function mermaidId(name: string): string {
  let id = name.replace(/[^A-Za-z0-9_]/g, "_");
  if (id === "" || /^[0-9]/.test(id)) id = `s_${id}`;
  if (MERMAID_RESERVED.has(id.toLowerCase())) id = `${id}_`;
  return id;
}

/**
 * Text for a Mermaid transition label or state name: one line, and every character that
 * could end or confuse the statement (`;`, `:`, `#`, quotes, `<`, `>`, `%`, braces …)
 * written as a Mermaid entity code (`#59;`).
 */
export function mermaidText(text: string): string {
  return [...text.replace(/\s+/g, " ").trim()]
    .map((c) => (/[A-Za-z0-9 _.,()/'+=*@!?-]/.test(c) || c.charCodeAt(0) > 127 ? c : `#${c.codePointAt(0)};`))
    .join("");
}
