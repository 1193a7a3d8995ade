/**
 * The line scanner against a real CommonMark/GFM parser: every inline code span remark
 * finds in prose (also one running over two lines of a paragraph), the scanner finds at
 * the same position with the same content, and nothing inside fenced code or comments.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scanMarkdown, splitLines } from "../../generator/doc-check/scan.js";
import { REPO } from "../helpers/project.js";
import { nodesOf, parseGfm } from "../markdown/helpers.js";

const TRICKY = [
  "# Title with `code`",
  "",
  "Text `a` and ``b ` c`` and ` padded ` and \\`not code\\` and `unclosed",
  "",
  "```ts",
  "const x = `template`;",
  "```",
  "",
  "~~~~",
  "```",
  "`still fenced`",
  "~~~~",
  "",
  "> quoted `q` line",
  "> ```",
  "> `fenced in quote`",
  "> ```",
  "",
  "- item `i`",
  "  1. nested `n` <!-- `in comment` -->",
  "",
  "| col `a` | `b \\| c` |",
  "|---|---|",
  "| `d` | e |",
  "",
  "<!--",
  "`multi-line comment`",
  "-->",
  "after `z`",
  "",
  "a span `that runs",
  "over two lines` and `x`",
  "# heading `h",
  "not` joined",
].join("\n");

function remarkSpans(text: string): string[] {
  return nodesOf(parseGfm(text), "inlineCode").map(
    (n) => `${n.position!.start.line}:${n.position!.start.column} ${n.value!.replace(/\n/g, " ")}`,
  );
}

function scannerSpans(text: string): string[] {
  return scanMarkdown(text).flatMap((l) =>
    l.segments
      .filter((s) => s.kind === "code" && s.content !== undefined)
      .map((s) => `${l.number}:${s.start + 1} ${s.content}`),
  );
}

describe("scanMarkdown agrees with remark on inline code", () => {
  it("on a tricky fixture", () => {
    const want = remarkSpans(TRICKY).map((s) => s.replace("b \\| c", "b | c"));
    // In a table, GFM unescapes `\|` inside code; the scanner keeps the raw text, which is
    // fine for citations (an event name never contains a pipe).
    expect(scannerSpans(TRICKY).map((s) => s.replace("b \\| c", "b | c"))).toEqual(want);
    expect(want).toContain("3:6 a");
    expect(want).toContain("3:14 b ` c");
    expect(want).not.toContain("11:1 still fenced");
  });

  it.each(["docs/observability.md", "docs/docs-check.md"])("on %s", (path) => {
    const text = readFileSync(join(REPO, path), "utf8");
    expect(scannerSpans(text)).toEqual(remarkSpans(text));
  });
});

describe("splitLines", () => {
  it.each([
    [
      "LF",
      "a\nb\n",
      [
        ["a", 0, "\n"],
        ["b", 2, "\n"],
      ],
    ],
    [
      "CRLF and a last line without ending",
      "a\r\nb",
      [
        ["a", 0, "\r\n"],
        ["b", 3, ""],
      ],
    ],
    [
      "lone CR",
      "a\rb",
      [
        ["a", 0, "\r"],
        ["b", 2, ""],
      ],
    ],
    ["empty", "", [["", 0, ""]]],
  ] as [string, string, [string, number, string][]][])("%s", (_n, text, want) => {
    expect(splitLines(text).map((l) => [l.text, l.start, l.eol])).toEqual(want);
  });
});
