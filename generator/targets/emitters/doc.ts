/**
 * JSDoc text for generated TypeScript. Registry text (descriptions, examples, messages)
 * reaches the output only through `docText`, which makes any string safe inside a
 * block comment: it cannot close the comment, start a new JSDoc tag, or smuggle in a
 * line terminator that some tool would treat differently from TypeScript.
 */

/** Every line terminator ECMAScript knows (a lone U+2028 ends a `//` comment). */
const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029]/g;

/**
 * Splits registry text into comment-safe lines: `*​/` can no longer close the comment, and
 * a line starting with `@` is escaped so it stays text instead of becoming a JSDoc tag.
 */
export function docText(text: string): string[] {
  return text
    .replace(LINE_BREAKS, "\n")
    .split("\n")
    .map((line) =>
      line
        .replace(/\*\//g, "*\\/")
        // Other control characters are invisible in editors and mean nothing in a comment.
        .replace(
          /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g,
          (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
        )
        .replace(/^(\s*)@/, "$1\\@")
        .trimEnd(),
    );
}

/** Inline code span for a doc line, wide enough to hold backticks in `text`. */
export function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Renders doc lines as a block comment at `indent`. Blank runs collapse to one blank
 * line; leading and trailing blanks are dropped. Lines must come from `docText`.
 */
export function renderDoc(lines: readonly string[], indent: string): string {
  const kept: string[] = [];
  for (const line of lines) {
    if (line === "" && (kept.length === 0 || kept[kept.length - 1] === "")) continue;
    kept.push(line);
  }
  while (kept[kept.length - 1] === "") kept.pop();
  if (!kept.length) return "";
  if (kept.length === 1) return `${indent}/** ${kept[0]} */`;
  return [`${indent}/**`, ...kept.map((l) => (l ? `${indent} * ${l}` : `${indent} *`)), `${indent} */`].join("\n");
}
