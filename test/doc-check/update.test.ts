/**
 * updateSections: rewrites only between markers (every other byte identical), is
 * idempotent, keeps CRLF files CRLF, and refuses malformed markers with positions.
 */
import { describe, expect, it } from "vitest";
import { parseMarkers } from "../../generator/doc-check/markers.js";
import { updateSections } from "../../generator/doc-check/update.js";
import { fixtureIr } from "./fixture.js";
import { nodesOf, parseGfm, plain } from "../markdown/helpers.js";

const ir = fixtureIr();

function update(text: string): string {
  const r = updateSections(text, ir);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.text;
}

/** The document with the inside of every section removed: what must never change. */
function outsideSections(text: string): string[] {
  const { sections } = parseMarkers(text);
  const parts: string[] = [];
  let at = 0;
  for (const s of sections) {
    parts.push(text.slice(at, s.innerStart));
    at = s.innerEnd;
  }
  parts.push(text.slice(at));
  return parts;
}

const DOC = [
  "# Runbook",
  "",
  "Hand-written prose with `workflow.run.failed`, trailing spaces   ",
  "and odd bytes: \u00a0 \u200b é.",
  "",
  "<!-- logpact:begin events workflow.run -->",
  "this stale text | will go",
  "```",
  "even an unclosed fence",
  "<!-- logpact:end -->",
  "",
  "Between sections.",
  "<!-- logpact:begin lifecycle workflow.run -->",
  "<!-- logpact:end -->",
  "<!-- logpact:begin field-index -->",
  "<!-- logpact:end -->",
  "No final newline",
].join("\n");

describe("updateSections", () => {
  it("fills every section and leaves every byte outside the markers alone", () => {
    const out = update(DOC);
    expect(outsideSections(out)).toEqual(outsideSections(DOC));
    expect(out).not.toContain("this stale text");
    expect(out.endsWith("No final newline")).toBe(true);
  });

  it("is idempotent", () => {
    const once = update(DOC);
    const r = updateSections(once, ir);
    expect(r.ok && r.text).toBe(once);
    expect(r.ok && r.changed).toBe(false);
    expect(r.ok && r.sections.map((s) => s.stale)).toEqual([false, false, false]);
  });

  it("writes what the section asks for, as valid GFM", () => {
    const out = update(DOC);
    const rows = nodesOf(parseGfm(out), "tableRow").map((r) => r.children!.map(plain));
    expect(rows.slice(0, 4)).toEqual([
      ["event", "level", "when it fires", "fields"],
      ["workflow.run.queued", "info", "Queued.", "—"],
      ["workflow.run.running", "info", "Running.", "—"],
      ["workflow.run.failed", "info", "Failed.", "reason"],
    ]);
    // The one field every event carries is named once, above the table.
    expect(out).toContain("Every event carries `runId`; the fields column names the others.\n\n| event |");
    expect(out).toContain(
      "<!-- logpact:begin lifecycle workflow.run -->\n\n```mermaid\nstateDiagram-v2\n    [*] --> queued\n    queued --> running\n    running --> failed\n```\n\n<!-- logpact:end -->",
    );
    expect(rows.filter((r) => r[0] === "runId")).toEqual([
      ["runId", "string (non-empty)", "—", "Run id.", "workflow.run.queued, workflow.run.running, workflow.run.failed"],
    ]);
  });

  it("keeps a CRLF document CRLF (inside the sections too) and byte-identical outside", () => {
    const crlf = DOC.replace(/\n/g, "\r\n");
    const out = update(crlf);
    expect(outsideSections(out)).toEqual(outsideSections(crlf));
    expect(out.replace(/\r\n/g, "")).not.toContain("\n");
    expect(update(out)).toBe(out);
  });

  it("returns a document without markers unchanged", () => {
    const text = "# Nothing\n\n`workflow.run.failed` and <!-- a comment -->\n";
    const r = updateSections(text, ir);
    expect(r).toMatchObject({ ok: true, text, changed: false, sections: [] });
  });

  it.each([
    [
      "family: section headings at heading=3 by default, events one deeper",
      {
        given: "family workflow.run",
        want: ["### Events", "### Lifecycle", "### Alerts", "### Event reference", "#### `workflow.run.queued`"],
      },
    ],
    ["family heading=2", { given: "family workflow.run heading=2", want: ["## Events", "### `workflow.run.queued`"] }],
    [
      "event: its heading at heading=3",
      { given: "event svc.cache.hit", want: ["### `svc.cache.hit`", "No fields besides `event`."] },
    ],
    [
      "fields of one event",
      { given: "fields workflow.run.failed", want: ["| `reason` | string (non-empty) | — | yes | Why. |"] },
    ],
    [
      "fields of one family: its field index",
      {
        given: "fields workflow.run",
        want: [
          "| field | type | unit | meaning | events |",
          "| `runId` | string (non-empty) | — | Run id. | `workflow.run.queued`, `workflow.run.running`, `workflow.run.failed` |",
        ],
      },
    ],
    [
      "alerts of a family without any",
      { given: "alerts svc.cache", want: ["No alerts are declared for `svc.cache`."] },
    ],
    ["families", { given: "families", want: ["| `svc.cache` | 2 | — | Cache. |"] }],
  ] as [string, { given: string; want: string[] }][])("%s", (_n, { given, want }) => {
    const out = update(`<!-- logpact:begin ${given} -->\n<!-- logpact:end -->\n`);
    for (const w of want) expect(out).toContain(w);
  });

  it("family examples=false and diagram=false drop those parts", () => {
    const full = update("<!-- logpact:begin family workflow.run -->\n<!-- logpact:end -->\n");
    const lean = update(
      "<!-- logpact:begin family workflow.run examples=false diagram=false -->\n<!-- logpact:end -->\n",
    );
    expect(full).toContain("```mermaid");
    expect(lean).not.toContain("```mermaid");
    expect(lean).not.toContain("Example lines");
  });

  it("refuses a document with any malformed marker, listing every one with its position", () => {
    const r = updateSections(
      "<!-- logpact:begin events nope -->\n<!-- logpact:end -->\n\n<!-- logpact:begin events workflow.run -->\n",
      ir,
    );
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.map((e) => [e.line, e.column])).toEqual([
      [1, 27],
      [4, 1],
    ]);
  });
});
