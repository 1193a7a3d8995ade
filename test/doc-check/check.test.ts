/**
 * checkDocs, one table per finding kind: valid docs report nothing, invalid ones report
 * exactly the expected findings at exact positions.
 */
import { describe, expect, it } from "vitest";
import { checkDocs, type DocsCheckOptions, type Finding, type Refused } from "../../generator/doc-check/check.js";
import { updateSections } from "../../generator/doc-check/update.js";
import { z } from "zod";
import { irFrom } from "../helpers/registry.js";
import { SCHEMA_SOURCE, fixtureIr } from "./fixture.js";

const ir = fixtureIr();

const SRC_A =
  ["export class Runs {", "  // Inserts a queued row.", "  markFailed(id: string) {", "    return id;", "  }"].join(
    "\n",
  ) + "\n";
/** One line per declaration kind an anchor may name, plus lines that mention a name without declaring it. */
const SRC_DECL = [
  "export function startRun(id: string) {", // 1 function
  '  log.info({ runId: id }, "queueRun");', // 2 a string and a call: no declaration
  "  queueRun(id);", // 3 a call site
  "}", // 4
  "export class RunStore {", // 5 class
  "  private readonly limit = 3;", // 6 property
  "  constructor(private readonly db: Db) {}", // 7 parameter property
  "  get size() { return 0; }", // 8 accessor
  "  markDone(id: string) { return id; }", // 9 method
  "}", // 10
  "export const MAX_RUNS = 10;", // 11 const
  "let current = 0;", // 12 let
  "var legacy = 1;", // 13 var
  "export type RunId = string;", // 14 type
  "export interface RunRow { status: string }", // 15 interface + member
  "export enum Status { Queued = 1 }", // 16 enum + member
  "const handlers = { onDone: () => 1 };", // 17 object member
  "",
].join("\n");

const DECLARATION_ROWS: [string, { given: string; want: Want[] }][] = [
  ...(
    [
      ["function", "1#startRun"],
      ["class", "5#RunStore"],
      ["property", "6#limit"],
      ["parameter property", "7#db"],
      ["accessor", "8#size"],
      ["method", "9#markDone"],
      ["Class.method", "9#RunStore.markDone"],
      ["const", "11#MAX_RUNS"],
      ["let", "12#current"],
      ["var", "13#legacy"],
      ["type", "14#RunId"],
      ["interface", "15#RunRow"],
      ["interface member", "15#RunRow.status"],
      ["enum", "16#Status"],
      ["enum member", "16#Status.Queued"],
      ["object member", "17#handlers.onDone"],
      ["a range holding the declaration", "4-6#RunStore"],
    ] as const
  ).map(([kind, at]): [string, { given: string; want: Want[] }] => [
    `a ${kind} declared on the cited line`,
    { given: `src/decl.ts:${at}`, want: [] },
  ]),
  [
    "a name in a string on the cited line",
    {
      given: "src/decl.ts:2#queueRun",
      want: [
        [
          "LP_DOCS_SOURCE_ANCHOR",
          1,
          1,
          /`queueRun` is not declared on line 2 of src\/decl.ts \(it appears there, but not as a declaration\)$/,
        ],
      ],
    },
  ],
  [
    "a call site on the cited line",
    { given: "src/decl.ts:3#queueRun", want: [["LP_DOCS_SOURCE_ANCHOR", 1, 1, /not as a declaration/]] },
  ],
  [
    "a parameter is not a declaration an anchor names",
    { given: "src/decl.ts:1#id", want: [["LP_DOCS_SOURCE_ANCHOR", 1, 1, /`id` is not declared on line 1/]] },
  ],
];

const FILES: Record<string, string> = {
  "src/a.ts": SRC_A,
  "src/decl.ts": SRC_DECL,
  "src/notes.txt": "alpha\n",
  "scripts/x.ts": "export const x = 1;\n",
  "lib/b.ts": "one\ntwo\n",
  "schemas/fixture.ts": SCHEMA_SOURCE,
};
/** What the project reader answers for a file symlinked outside the project (see files.ts). */
const REFUSED: Record<string, Refused> = { "src/linked.ts": { refused: "is a symbolic link to outside the project" } };

const NO_COVERAGE: DocsCheckOptions = { sourcePrefixes: ["src/"], coverage: "off", coverageIgnore: [] };

function check(text: string | Record<string, string>, options: Partial<DocsCheckOptions> = {}) {
  const docs =
    typeof text === "string"
      ? [{ path: "docs/a.md", text }]
      : Object.entries(text).map(([path, t]) => ({ path, text: t }));
  return checkDocs({ docs, ir, options: { ...NO_COVERAGE, ...options }, readFile: (p) => FILES[p] ?? REFUSED[p] });
}

type Want = [code: Finding["code"], line: number, column: number, message?: RegExp];

function expectFindings(findings: readonly Finding[], want: Want[]): void {
  expect(findings.map((f) => [f.code, f.line, f.column])).toEqual(want.map(([c, l, col]) => [c, l, col]));
  want.forEach(([, , , message], i) => message && expect(findings[i]!.message).toMatch(message));
  for (const f of findings) expect(f.fix.length).toBeGreaterThan(10);
}

describe("LP_DOCS_UNKNOWN_EVENT", () => {
  const cases: [string, { given: string; want: Want[] }][] = [
    ["a registered event", { given: "When `workflow.run.failed` fires, page.", want: [] }],
    ["a wildcard over a family", { given: "All of `workflow.run.*`.", want: [] }],
    ["a wildcard over a prefix of a family", { given: "All of `workflow.*` and `svc.*`.", want: [] }],
    ["the family itself", { given: "The `svc.cache` family.", want: [] }],
    [
      "an unregistered family is not ours to judge",
      { given: "`scheduler.action.*` and `pipeline.stage.done` and `package.json`.", want: [] },
    ],
    ["not backticked: not a citation", { given: "workflow.run.faild in plain text.", want: [] }],
    ["inside a fenced block", { given: "```\n`workflow.run.faild`\n```", want: [] }],
    ["inside an HTML comment", { given: "<!-- `workflow.run.faild` -->\n<!--\n`svc.cache.mis`\n-->", want: [] }],
    [
      "a deliberate typo on a line with logpact:ignore-line",
      { given: "A typo (`workflow.run.faild`) <!-- logpact:ignore-line --> is flagged by lint.", want: [] },
    ],
    [
      "logpact:ignore-next-line skips only the next line",
      {
        given: "<!-- logpact:ignore-next-line -->\nSee `workflow.run.faild` and src/nope.ts:1.\n`svc.cache.mis`",
        want: [["LP_DOCS_UNKNOWN_EVENT", 3, 2]],
      },
    ],
    [
      "a typo, with a did-you-mean",
      {
        given: "See `workflow.run.faild` here.",
        want: [
          [
            "LP_DOCS_UNKNOWN_EVENT",
            1,
            6,
            /`workflow.run.faild` is not an event of family "workflow.run". Did you mean "workflow.run.failed"\?/,
          ],
        ],
      },
    ],
    [
      "position of the second citation on a later line",
      {
        given: "ok `svc.cache.hit`\n\n- then `svc.cache.mis` and `svc.cache.hits`",
        want: [
          ["LP_DOCS_UNKNOWN_EVENT", 3, 9, /Did you mean "svc.cache.miss"/],
          ["LP_DOCS_UNKNOWN_EVENT", 3, 29, /Did you mean "svc.cache.hit"/],
        ],
      },
    ],
    [
      "a padded double-backtick span: column of the name",
      { given: "x `` workflow.run.nope `` y", want: [["LP_DOCS_UNKNOWN_EVENT", 1, 6]] },
    ],
    [
      "a name under a registered event is a field or attribute path, not an event",
      { given: "`svc.cache.hit.latency_ms`", want: [] },
    ],
    [
      "a longer family wins over a shorter one",
      {
        given: "`svc.cache.evicted`",
        want: [["LP_DOCS_UNKNOWN_EVENT", 1, 2, /not an event of family "svc.cache"\.$/]],
      },
    ],
    // Item 10 of issue 15: file names, attributes, typos in the family part.
    [
      "a file name in backticks is not an event",
      { given: "See `workflow.ts`, `svc.cache.json` and `workflow.run.test.ts`.", want: [] },
    ],
    [
      "a name deeper than the family's events is not judged",
      { given: "`workflow.run.retry.count` and `svc.cache.size.bytes`", want: [] },
    ],
    ["a deeper name a small edit from an event is still judged", { given: "`svc.cache.hit.x`", want: [] }],
    [
      "nothing close in the family: no unrelated did-you-mean",
      {
        given: "`workflow.run.started`",
        want: [["LP_DOCS_UNKNOWN_EVENT", 1, 2, /^`workflow.run.started` is not an event of family "workflow.run"\.$/]],
      },
    ],
    [
      "a typo in the family part, close to a registered family",
      {
        given: "Pages on `workflw.run.failed`.",
        want: [
          [
            "LP_DOCS_UNKNOWN_EVENT",
            1,
            11,
            /names family "workflw.run", which is not registered. Did you mean "workflow.run.failed"\?/,
          ],
        ],
      },
    ],
    [
      "a family typo without a close event names the family",
      { given: "`workflw.run.gone`", want: [["LP_DOCS_UNKNOWN_EVENT", 1, 2, /Did you mean family "workflow.run"\?/]] },
    ],
    [
      "a short or far family part is not a typo",
      { given: "`svx.cach.hit` `http.request.resend_count` `db.run.failed`", want: [] },
    ],
    [
      "a wildcard inside a registered family matching nothing",
      {
        given: "| a |\n|---|\n| `workflow.run.x.*` |",
        want: [["LP_DOCS_UNKNOWN_EVENT", 3, 4, /matches no registered event of family "workflow.run"/]],
      },
    ],
  ];
  it.each(cases)("%s", (_n, { given, want }) => expectFindings(check(given).findings, want));
});

describe("LP_DOCS_STALE_SECTION and LP_DOCS_MARKER", () => {
  const fresh = (what: string) => {
    const r = updateSections(`<!-- logpact:begin ${what} -->\n<!-- logpact:end -->\n`, ir);
    if (!r.ok) throw new Error("fixture");
    return r.text;
  };
  const cases: [string, { given: () => string; want: Want[] }][] = [
    ["an up-to-date section", { given: () => `# T\n\n${fresh("events svc.cache")}`, want: [] }],
    [
      "a section edited by hand",
      {
        given: () => `# T\n\n${fresh("events svc.cache").replace("Hit.", "Hit!")}`,
        want: [["LP_DOCS_STALE_SECTION", 3, 1, /"events svc.cache" is stale/]],
      },
    ],
    [
      "an empty section",
      {
        given: () => "intro\n   <!-- logpact:begin field-index -->\n<!-- logpact:end -->\n",
        want: [["LP_DOCS_STALE_SECTION", 2, 4]],
      },
    ],
    [
      "citations inside a section are not checked twice",
      {
        given: () => "<!-- logpact:begin events svc.cache -->\n`svc.cache.gone`\n<!-- logpact:end -->\n",
        want: [["LP_DOCS_STALE_SECTION", 1, 1]],
      },
    ],
    [
      "a marker naming an unknown family",
      {
        given: () => "\n<!-- logpact:begin events svc.cach -->\n<!-- logpact:end -->\n",
        want: [["LP_DOCS_MARKER", 2, 27, /Did you mean "svc.cache"\?/]],
      },
    ],
    [
      "an unclosed section",
      { given: () => "<!-- logpact:begin events svc.cache -->\n", want: [["LP_DOCS_MARKER", 1, 1, /never closed/]] },
    ],
  ];
  it.each(cases)("%s", (_n, { given, want }) => expectFindings(check(given()).findings, want));
});

describe("source citations", () => {
  const cases: [string, { given: string; prefixes?: string[]; want: Want[] }][] = [
    ["a line", { given: "See src/a.ts:3.", want: [] }],
    ["a range, in inline code", { given: "See `src/a.ts:1-5`.", want: [] }],
    ["an anchor on the cited line", { given: "src/a.ts:3#markFailed", want: [] }],
    ["an anchor within a range", { given: "src/a.ts:2-4#markFailed (then text)", want: [] }],
    ["a Class.method anchor", { given: "src/a.ts:3#Runs.markFailed", want: [] }],
    ["in a fenced block or a comment: ignored", { given: "```\nsrc/nope.ts:1\n```\n<!-- src/nope.ts:2 -->", want: [] }],
    [
      "another prefix is not a citation",
      { given: "lib/b.ts:99 and ../src/a.ts:99 and https://x.dev/src/a.ts:99", want: [] },
    ],
    [
      "a missing file",
      {
        given: "Moved: see src/nope.ts:3 now.",
        want: [["LP_DOCS_SOURCE_MISSING", 1, 12, /cites src\/nope.ts, which does not exist/]],
      },
    ],
    ["a path escaping the root", { given: "src/../../etc/passwd:1", want: [["LP_DOCS_SOURCE_MISSING", 1, 1]] }],
    [
      "a line past the end",
      {
        given: "a\nsrc/a.ts:6",
        want: [["LP_DOCS_SOURCE_RANGE", 2, 1, /line 6 is out of bounds; src\/a.ts has 5 lines/]],
      },
    ],
    [
      "a range past the end",
      { given: "- x src/a.ts:4-9", want: [["LP_DOCS_SOURCE_RANGE", 1, 5, /lines 4-9 is out of bounds/]] },
    ],
    ["line zero", { given: "src/a.ts:0", want: [["LP_DOCS_SOURCE_RANGE", 1, 1, /not a valid range/]] }],
    ["a reversed range", { given: "src/a.ts:5-3", want: [["LP_DOCS_SOURCE_RANGE", 1, 1, /not a valid range/]] }],
    [
      "an anchor that moved",
      {
        given: "src/a.ts:2#markFailed",
        want: [
          [
            "LP_DOCS_SOURCE_ANCHOR",
            1,
            1,
            /`markFailed` is not declared on line 2 of src\/a.ts; it is declared on line 3/,
          ],
        ],
      },
    ],
    [
      "an anchor matched only as part of a word",
      { given: "src/a.ts:3#mark", want: [["LP_DOCS_SOURCE_ANCHOR", 1, 1, /`mark` is not declared on line 3/]] },
    ],
    [
      "an anchor gone from the file",
      {
        given: "src/a.ts:3#removed",
        want: [["LP_DOCS_SOURCE_ANCHOR", 1, 1, /`removed` is not declared on line 3 of src\/a.ts$/]],
      },
    ],
    [
      "a wrong class in Class.method",
      {
        given: "src/a.ts:3#Other.markFailed",
        want: [
          [
            "LP_DOCS_SOURCE_ANCHOR",
            1,
            1,
            /`markFailed` on line 3 of src\/a.ts is declared inside `Runs`, not inside `Other`/,
          ],
        ],
      },
    ],
    // Item 10 of issue 15: an anchor names a declaration on the cited line, not any word there.
    ...DECLARATION_ROWS,
    [
      "src/../scripts/x.ts is normalised inside the root",
      { given: "See src/../scripts/x.ts:1 and src/./a.ts:3#markFailed.", want: [] },
    ],
    [
      "a path normalised to a missing file",
      {
        given: "src/../scripts/nope.ts:1",
        want: [["LP_DOCS_SOURCE_MISSING", 1, 1, /cites src\/..\/scripts\/nope.ts, which does not exist/]],
      },
    ],
    [
      "a file symlinked outside the project is not read",
      {
        given: "src/linked.ts:1",
        want: [["LP_DOCS_SOURCE_MISSING", 1, 1, /is a symbolic link to outside the project; it is not read/]],
      },
    ],
    [
      "a non-JS file: the anchor must appear as a word",
      {
        given: "src/notes.txt:1#alpha and src/notes.txt:1#beta",
        want: [["LP_DOCS_SOURCE_ANCHOR", 1, 27, /`beta` does not appear on line 1/]],
      },
    ],
    [
      "configured prefixes",
      {
        given: "lib/b.ts:2 and lib/b.ts:3 and src/nope.ts:1",
        prefixes: ["lib/"],
        want: [["LP_DOCS_SOURCE_RANGE", 1, 16]],
      },
    ],
  ];
  it.each(cases)("%s", (_n, { given, prefixes, want }) =>
    expectFindings(check(given, prefixes ? { sourcePrefixes: prefixes } : {}).findings, want),
  );
});

describe("LP_DOCS_UNCOVERED_EVENT", () => {
  // SCHEMA_SOURCE: line 3 col 37 workflow.run.queued, 4 running, 5 failed; 8 col 37 svc.cache.hit, 9 miss.
  const cases: [
    string,
    { given: Record<string, string>; options?: Partial<DocsCheckOptions>; want: [string, number, number, string][] },
  ][] = [
    [
      "nothing mentioned",
      {
        given: { "docs/a.md": "# Empty\n" },
        want: [
          ["schemas/fixture.ts", 3, 37, "error"],
          ["schemas/fixture.ts", 4, 37, "error"],
          ["schemas/fixture.ts", 5, 37, "error"],
          ["schemas/fixture.ts", 8, 37, "error"],
          ["schemas/fixture.ts", 9, 37, "error"],
        ],
      },
    ],
    [
      "mentions across several docs, plain text and fenced code count",
      {
        given: { "docs/a.md": "`workflow.run.*`", "README.md": 'svc.cache.hit.\n```\n{"event":"svc.cache.miss"}\n```' },
        want: [],
      },
    ],
    [
      "a generated section counts by what it should hold",
      {
        given: {
          "docs/a.md":
            "<!-- logpact:begin field-index -->\n<!-- logpact:end -->\n<!-- logpact:begin events svc.cache -->\n<!-- logpact:end -->",
        },
        want: [],
      },
    ],
    [
      "a longer name is not a mention",
      {
        given: { "docs/a.md": "`workflow.run.*` `svc.cache.hits` svc.cache.hit.x svc.cache.missing" },
        want: [
          ["schemas/fixture.ts", 8, 37, "error"],
          ["schemas/fixture.ts", 9, 37, "error"],
        ],
      },
    ],
    [
      "coverageIgnore, exact and wildcard",
      {
        given: { "docs/a.md": "`workflow.run.failed`" },
        options: { coverageIgnore: ["workflow.run.queued", "svc.cache.*"] },
        want: [["schemas/fixture.ts", 4, 37, "error"]],
      },
    ],
    [
      "coverage warn: warnings",
      {
        given: { "docs/a.md": "`workflow.run.*` svc.cache.hit" },
        options: { coverage: "warn" },
        want: [["schemas/fixture.ts", 9, 37, "warning"]],
      },
    ],
    ["coverage off", { given: { "docs/a.md": "" }, options: { coverage: "off" }, want: [] }],
  ];
  it.each(cases)("%s", (_n, { given, options, want }) => {
    // Other kinds (a stale empty section, an unknown `svc.cache.hits`) are covered above.
    const r = check(given, { coverage: "error", ...options });
    const coverage = r.findings.filter((f) => f.code === "LP_DOCS_UNCOVERED_EVENT");
    expect(coverage.map((f) => [f.file, f.line, f.column, f.severity])).toEqual(want);
  });

  it.each([
    ["the project's first checked doc", { "guides/events.md": "# Events\n" }, "to guides/events.md)"],
    ["no docs at all", {}, "to a Markdown file under docs.include)"],
  ])("the fix suggests %s, not a page the project may not have", (_n, given: Record<string, string>, want) => {
    const r = check(given, { coverage: "error" });
    const fixes = r.findings.filter((f) => f.code === "LP_DOCS_UNCOVERED_EVENT").map((f) => f.fix);
    expect(fixes.length).toBe(5);
    for (const fix of fixes) expect(fix).toContain(want);
  });

  it("points at 1:1 when the schema module cannot be read", () => {
    const r = checkDocs({ docs: [], ir, options: { ...NO_COVERAGE, coverage: "error" }, readFile: () => undefined });
    expect(r.findings.map((f) => [f.line, f.column])).toEqual(Array(5).fill([1, 1]));
  });
});

describe("results", () => {
  it("findings are sorted by file, line, column; stats count what was checked", () => {
    const r = check({
      "docs/b.md": "`svc.cache.x` src/a.ts:9",
      "docs/a.md": "src/nope.ts:1 `svc.cache.hit`\n<!-- logpact:begin families -->\n<!-- logpact:end -->",
    });
    expect(r.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.code}`)).toEqual([
      "docs/a.md:1:1 LP_DOCS_SOURCE_MISSING",
      "docs/a.md:2:1 LP_DOCS_STALE_SECTION",
      "docs/b.md:1:2 LP_DOCS_UNKNOWN_EVENT",
      "docs/b.md:1:15 LP_DOCS_SOURCE_RANGE",
    ]);
    expect(r.stats).toEqual({
      files: 2,
      eventCitations: 2,
      sourceCitations: 2,
      sections: 1,
      events: 5,
      coveredEvents: 0,
    });
  });
});

describe("LP_DOCS_UNKNOWN_EVENT beside OpenTelemetry attribute names (issue 15, item 10)", () => {
  const ev = (name: string) => z.strictObject({ event: z.literal(name) }).meta({ level: "info", description: "x" });
  const HttpLog = z
    .discriminatedUnion("event", [ev("http.request"), ev("http.response")])
    .meta({ family: "http", description: "HTTP." });
  const ServerLog = z
    .discriminatedUnion("event", [ev("http.server.request_completed"), ev("http.server.request_failed")])
    .meta({ family: "http.server", description: "Server." });
  const otelIr = irFrom({ "schemas/http.ts": { HttpLog, ServerLog } }).ir;
  const cases: [string, { given: string; want: Want[] }][] = [
    [
      "an attribute under a registered event",
      { given: "`http.request.resend_count` and `http.request.method`", want: [] },
    ],
    [
      "an attribute deeper than the family's events",
      { given: "`http.server.request.duration` and `http.server.response.body.size`", want: [] },
    ],
    ["a registered event beside them", { given: "`http.request` then `http.server.request_completed`", want: [] }],
    [
      "an event of the family with a typo",
      {
        given: "`http.server.request_complete`",
        want: [["LP_DOCS_UNKNOWN_EVENT", 1, 2, /Did you mean "http.server.request_completed"\?/]],
      },
    ],
  ];
  it.each(cases)("%s", (_n, { given, want }) => {
    expectFindings(
      checkDocs({
        docs: [{ path: "docs/a.md", text: given }],
        ir: otelIr,
        options: NO_COVERAGE,
        readFile: () => undefined,
      }).findings,
      want,
    );
  });
});
