/**
 * The marker grammar: what parses as a section, and every malformed marker with its
 * exact line and column (parse errors, then errors resolving against the registry).
 */
import { describe, expect, it } from "vitest";
import { parseMarkers } from "../../generator/doc-check/markers.js";
import { analyseSections } from "../../generator/doc-check/update.js";
import { fixtureIr } from "./fixture.js";

describe("well-formed markers", () => {
  const cases: [
    string,
    { given: string; want: { what: string; line: number; endLine: number; options?: Record<string, string> }[] },
  ][] = [
    [
      "one section",
      {
        given: "# T\n\n<!-- logpact:begin events workflow.run -->\n<!-- logpact:end -->\n",
        want: [{ what: "events workflow.run", line: 3, endLine: 4 }],
      },
    ],
    [
      "indentation up to three spaces and loose spacing",
      {
        given: "   <!--   logpact:begin   events   workflow.run   -->\nold\n<!--logpact:end-->",
        want: [{ what: "events workflow.run", line: 1, endLine: 3 }],
      },
    ],
    [
      "the end marker may repeat what it closes",
      {
        given: "<!-- logpact:begin field-index -->\n<!-- logpact:end field-index -->\n",
        want: [{ what: "field-index", line: 1, endLine: 2 }],
      },
    ],
    [
      "options",
      {
        given: "<!-- logpact:begin family workflow.run heading=2 examples=false -->\n<!-- logpact:end -->",
        want: [
          {
            what: "family workflow.run heading=2 examples=false",
            line: 1,
            endLine: 2,
            options: { heading: "2", examples: "false" },
          },
        ],
      },
    ],
    [
      "two sections",
      {
        given:
          "<!-- logpact:begin families -->\n<!-- logpact:end -->\ntext\n<!-- logpact:begin field-index -->\n<!-- logpact:end -->\n",
        want: [
          { what: "families", line: 1, endLine: 2 },
          { what: "field-index", line: 4, endLine: 5 },
        ],
      },
    ],
    [
      "markers in a fenced block are examples",
      { given: "```md\n<!-- logpact:begin events nope -->\n```\n~~~\n<!-- logpact:end -->\n~~~\n", want: [] },
    ],
    [
      "a fence inside a section does not hide its end",
      {
        given: "<!-- logpact:begin lifecycle workflow.run -->\n```mermaid\n<!-- logpact:end -->\nafter\n",
        want: [{ what: "lifecycle workflow.run", line: 1, endLine: 3 }],
      },
    ],
    [
      "a marker in inline code is prose",
      { given: "Write `<!-- logpact:begin events x -->` to start a section.\n", want: [] },
    ],
    [
      "ignore directives are neither sections nor problems",
      { given: "<!-- logpact:ignore-next-line -->\nA typo `x.y` <!-- logpact:ignore-line --> here.\n", want: [] },
    ],
    ["other HTML comments are ignored", { given: "<!-- a note -->\n<!-- logpact is great -->\n", want: [] }],
  ];
  it.each(cases)("%s", (_n, { given, want }) => {
    const r = parseMarkers(given);
    expect(r.problems).toEqual([]);
    expect(
      r.sections.map((s) => ({
        what: s.what,
        line: s.line,
        endLine: s.endLine,
        ...(want.find((w) => w.options && w.what === s.what) ? { options: s.request.options } : {}),
      })),
    ).toEqual(want);
  });
});

type Want = { line: number; column: number; message: RegExp };

describe("malformed markers (parse)", () => {
  const cases: [string, { given: string; want: Want[] }][] = [
    [
      "unclosed",
      {
        given: "a\n<!-- logpact:begin events workflow.run -->\nb\n",
        want: [{ line: 2, column: 1, message: /"events workflow.run" is never closed/ }],
      },
    ],
    [
      "end without begin",
      {
        given: "a\n\n  <!-- logpact:end -->\n",
        want: [{ line: 3, column: 3, message: /without a matching `logpact:begin`/ }],
      },
    ],
    [
      "nested",
      {
        given:
          "<!-- logpact:begin events workflow.run -->\n<!-- logpact:begin events svc.cache -->\n<!-- logpact:end -->\n",
        want: [{ line: 2, column: 1, message: /opened at line 1 is not closed.*cannot nest/ }],
      },
    ],
    [
      "unknown directive, with a did-you-mean (its end is not reported too)",
      {
        given: "<!-- logpact:begn events workflow.run -->\n<!-- logpact:end -->\n",
        want: [{ line: 1, column: 1, message: /unknown marker "logpact:begn". Did you mean "begin"\?/ }],
      },
    ],
    [
      "begin without a kind",
      {
        given: "<!-- logpact:begin -->\n<!-- logpact:end -->\n",
        want: [{ line: 1, column: 1, message: /without a section kind/ }],
      },
    ],
    [
      "not alone on its line",
      {
        given: "Text <!-- logpact:begin events workflow.run -->\n",
        want: [{ line: 1, column: 6, message: /alone on its own line/ }],
      },
    ],
    [
      "split over two lines",
      {
        given: "x\n<!-- logpact:begin events workflow.run\n-->\n",
        want: [{ line: 2, column: 1, message: /alone on its own line/ }],
      },
    ],
    [
      "end names another section",
      {
        given: "<!-- logpact:begin events workflow.run -->\n<!-- logpact:end events svc.cache -->\n",
        want: [
          {
            line: 2,
            column: 18,
            message: /end marker names "events svc.cache" but the open section \(line 1\) is "events workflow.run"/,
          },
        ],
      },
    ],
    [
      "a second name",
      {
        given: "<!-- logpact:begin events workflow.run svc.cache -->\n<!-- logpact:end -->\n",
        want: [{ line: 1, column: 40, message: /unexpected "svc.cache"/ }],
      },
    ],
    [
      "an ignore directive with arguments",
      {
        given: "<!-- logpact:ignore-next-line please -->\n",
        want: [{ line: 1, column: 31, message: /takes no arguments/ }],
      },
    ],
    [
      "an option given twice",
      {
        given: "<!-- logpact:begin family workflow.run heading=2 heading=3 -->\n<!-- logpact:end -->\n",
        want: [{ line: 1, column: 50, message: /option "heading" is given twice/ }],
      },
    ],
  ];
  it.each(cases)("%s", (_n, { given, want }) => {
    const r = parseMarkers(given);
    expect(r.problems.map((p) => ({ line: p.line, column: p.column, message: p.message }))).toEqual(
      want.map((w) => ({ ...w, message: expect.stringMatching(w.message) })),
    );
    for (const p of r.problems) expect(p.fix.length).toBeGreaterThan(10);
  });
});

describe("sections that name something the registry does not have", () => {
  const ir = fixtureIr();
  const cases: [string, { given: string; want: Want }][] = [
    [
      "unknown kind",
      {
        given: "<!-- logpact:begin evnts workflow.run -->",
        want: { line: 1, column: 20, message: /unknown section kind "evnts". Did you mean "events"\?/ },
      },
    ],
    [
      "unknown family",
      {
        given: "<!-- logpact:begin events workflow.rn -->",
        want: {
          line: 1,
          column: 27,
          message: /names family "workflow.rn", which is not registered. Did you mean "workflow.run"\?/,
        },
      },
    ],
    [
      "unknown event",
      {
        given: "<!-- logpact:begin event workflow.run.faild -->",
        want: {
          line: 1,
          column: 26,
          message: /names event "workflow.run.faild", which is not registered. Did you mean "workflow.run.failed"\?/,
        },
      },
    ],
    [
      "a family where an event is needed",
      {
        given: "<!-- logpact:begin event workflow.run -->",
        want: { line: 1, column: 26, message: /names event "workflow.run", which is not registered/ },
      },
    ],
    [
      "a kind that needs a name",
      { given: "<!-- logpact:begin events -->", want: { line: 1, column: 20, message: /needs a family name/ } },
    ],
    [
      "a kind that takes no name",
      {
        given: "<!-- logpact:begin families svc.cache -->",
        want: { line: 1, column: 29, message: /takes no name, got "svc.cache"/ },
      },
    ],
    [
      "a lifecycle of a family without transitions",
      {
        given: "<!-- logpact:begin lifecycle svc.cache -->",
        want: { line: 1, column: 30, message: /declares no transitions/ },
      },
    ],
    [
      "unknown option",
      {
        given: "<!-- logpact:begin family svc.cache headng=2 -->",
        want: { line: 1, column: 37, message: /no option "headng". Did you mean "heading"\?/ },
      },
    ],
    [
      "heading out of range",
      {
        given: "<!-- logpact:begin family svc.cache heading=9 -->",
        want: { line: 1, column: 37, message: /heading=9 .* heading level from 1 to 5/ },
      },
    ],
    [
      "boolean option not a boolean",
      {
        given: "<!-- logpact:begin event svc.cache.hit examples=maybe -->",
        want: { line: 1, column: 40, message: /examples=maybe .* true or false/ },
      },
    ],
  ];
  it.each(cases)("%s", (_n, { given, want }) => {
    const r = analyseSections(`${given}\n<!-- logpact:end -->\n`, ir);
    expect(r.sections).toEqual([]);
    expect(r.problems.map((p) => ({ line: p.line, column: p.column, message: p.message }))).toEqual([
      { ...want, message: expect.stringMatching(want.message) },
    ]);
  });
});
