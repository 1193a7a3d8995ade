/**
 * Escaping helpers of the Markdown target, checked both as strings and by what a real GFM
 * parser reads back from a one-row table holding the result.
 */
import { describe, expect, it } from "vitest";
import { code, fence, inline, literal, mermaidId, mermaidText, slug } from "../../generator/targets/markdown/escape.js";
import { nodesOf, parseGfm, plain } from "./helpers.js";

/** What a GFM parser reads in the second cell of `| a | <cell> |`, and how many cells it sees. */
function inCell(cell: string): { cells: number; text: string } {
  const row = nodesOf(parseGfm(`| a | b |\n|---|---|\n| a | ${cell} |\n`), "tableRow")[1]!;
  return { cells: row.children!.length, text: plain(row.children![1]!) };
}

describe("inline (descriptions: Markdown inline, kept to one line)", () => {
  const cases: [string, { given: string; want: string; reads: string }][] = [
    [
      "plain text is untouched",
      { given: "Time since close, in ms.", want: "Time since close, in ms.", reads: "Time since close, in ms." },
    ],
    ["pipes are escaped", { given: "a | b", want: "a \\| b", reads: "a | b" }],
    ["code spans are kept", { given: "see `by` here", want: "see `by` here", reads: "see by here" }],
    [
      "a code span holding a pipe becomes <code> with entities",
      { given: "`a | b`", want: "<code>a &#124; b</code>", reads: "a | b" },
    ],
    ["newlines become <br>", { given: "one\ntwo\r\nthree", want: "one<br>two<br>three", reads: "onetwothree" }],
    [
      "HTML is escaped",
      { given: "<script>x</script>", want: "\\<script\\>x\\</script\\>", reads: "<script>x</script>" },
    ],
    [
      "a marker comment is inert",
      { given: "<!-- logpact:end -->", want: "\\<!-- logpact:end --\\>", reads: "<!-- logpact:end -->" },
    ],
    ["a lone backtick is escaped", { given: "a ` b", want: "a \\` b", reads: "a ` b" }],
    ["backslashes are literal", { given: "C:\\dir\\| x", want: "C:\\\\dir\\\\\\| x", reads: "C:\\dir\\| x" }],
    ["entity-like text stays literal", { given: "a &amp; b", want: "a \\&amp; b", reads: "a &amp; b" }],
    ["a leading list marker is escaped", { given: "- item", want: "\\- item", reads: "- item" }],
    ["a leading heading marker is escaped", { given: "# title", want: "\\# title", reads: "# title" }],
    ["a leading ordered-list marker is escaped", { given: "1. first", want: "1\\. first", reads: "1. first" }],
    ["surrounding whitespace is trimmed", { given: "  x  \n", want: "x", reads: "x" }],
  ];
  it.each(cases)("%s", (_name, { given, want, reads }) => {
    expect(inline(given)).toBe(want);
    const r = inCell(inline(given));
    expect(r.cells).toBe(2);
    expect(r.text).toBe(reads);
  });
  it("undefined and empty give the empty string", () => {
    expect(inline(undefined)).toBe("");
    expect(inline(" \n ")).toBe("");
  });
});

describe("literal (types, patterns: shown exactly as written)", () => {
  it.each([
    ["enum with backticks and pipes", { given: '"a|b" | "`x`"', reads: '"a|b" | "`x`"' }],
    ["regex pattern", { given: "string (pattern ^a\\d|b$)", reads: "string (pattern ^a\\d|b$)" }],
    ["union with null", { given: "integer 0–3 | null", reads: "integer 0–3 | null" }],
  ] as [string, { given: string; reads: string }][])("%s", (_n, { given, reads }) => {
    const r = inCell(literal(given));
    expect(r).toEqual({ cells: 2, text: reads });
  });
});

describe("code", () => {
  it.each([
    ["simple", { given: "daemon.connection", want: "`daemon.connection`" }],
    ["backticks inside get a longer fence and padding", { given: "a`b", want: "``a`b``" }],
    ["leading backtick gets padding", { given: "`x", want: "`` `x ``" }],
    ["a pipe switches to <code> with entities", { given: '"a|b"', want: "<code>&#34;a&#124;b&#34;</code>" }],
  ] as [string, { given: string; want: string }][])("%s", (_n, { given, want }) => {
    expect(code(given)).toBe(want);
    const r = inCell(code(given));
    expect(r).toEqual({ cells: 2, text: given });
  });
});

describe("fence", () => {
  it("is longer than any backtick run of its content", () => {
    expect(fence("json", '{"a":"```"}')).toBe('````json\n{"a":"```"}\n````');
    expect(fence("json", "{}")).toBe("```json\n{}\n```");
    const code = nodesOf(parseGfm(fence("json", "````\n```")), "code");
    expect(code.map((c) => c.value)).toEqual(["````\n```"]);
  });
});

describe("slug (GitHub heading anchors)", () => {
  it.each([
    ["daemon.connection.connect_attempt", "daemonconnectionconnect_attempt"],
    ["Event reference", "event-reference"],
    ["`ws.liveness`", "wsliveness"],
  ])("%s → %s", (given, want) => expect(slug(given)).toBe(want));
});

describe("Mermaid ids and text", () => {
  it.each([
    ["connect_attempt", "connect_attempt"],
    ["end", "end_"],
    ["State", "State_"],
    ["9lives", "s_9lives"],
    ["a-b.c", "a_b_c"],
  ])("id %s → %s", (given, want) => expect(mermaidId(given)).toBe(want));
  it.each([
    ["socket open", "socket open"],
    ["a; b: c", "a#59; b#58; c"],
    ["x\ny", "x y"],
    ["<b>&", "#60;b#62;#38;"],
    ["%% not a comment", "#37;#37; not a comment"],
  ])("text %j → %j", (given, want) => expect(mermaidText(given)).toBe(want));
});
