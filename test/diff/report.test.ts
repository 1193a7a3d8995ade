/**
 * The four output formats over one fixed diff (golden files), plus the escaping and
 * line-finding details each format depends on.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { diffRegistries, type Change } from "../../generator/diff/compare.js";
import { lineOf, renderReport, type DiffFormat, type ReportContext } from "../../generator/diff/report.js";
import { irFrom } from "../helpers/registry.js";

const d = (s: z.ZodType, meta: Record<string, unknown> = {}) => s.meta({ description: "d", ...meta });
const ev = (name: string, fields: Record<string, z.ZodType>, meta: Record<string, unknown> = {}) =>
  z.strictObject({ event: z.literal(name), ...fields }).meta({ level: "info", description: "d", ...meta });
const family = (events: z.ZodObject[]) =>
  z.discriminatedUnion("event", events as never).meta({
    family: "job",
    description: "d",
    alerts: [
      {
        kind: "quantile",
        name: "JobSlow",
        event: "finished",
        field: "durationMs",
        quantile: 0.95,
        window: "1h",
        op: ">",
        value: 1,
        severity: "warning",
        summary: "s",
      },
    ],
  });

const SOURCE = `export const JobLog = z.discriminatedUnion("event", [
  z.strictObject({
    event: z.literal("job.started"),
    side: z.enum(["a", "b|c"]),
  }),
  z.strictObject({
    event: z.literal("job.finished"),
    durationMs: z.number(),
  }),
]);
`;

const before = irFrom({
  "schemas/job.ts": {
    JobLog: family([
      ev("job.started", { side: d(z.enum(["a", "b|c"])) }),
      ev("job.finished", { durationMs: d(z.number().int().nonnegative(), { unit: "ms" }) }, { level: "warn" }),
    ]),
  },
}).ir;
const after = irFrom({
  "schemas/job.ts": {
    JobLog: family([
      ev("job.started", { side: d(z.enum(["a"])), queue: d(z.string()).optional() }),
      ev("job.finished", { durationMs: d(z.number().int().nonnegative(), { unit: "ms" }) }, { level: "info" }),
    ]),
  },
}).ir;
const result = diffRegistries(before, after);
const ctx: ReportContext = {
  source: {
    kind: "git",
    ref: "origin/main",
    commit: "0123456789abcdef0123456789abcdef01234567",
    from: "snapshot",
    path: "generated/registry.json",
  },
  verdict: { failed: true, reason: "Failing (exit 1): breaking changes." },
  readFile: (path) => (path === "schemas/job.ts" ? SOURCE : undefined),
};

describe.each<[DiffFormat, string]>([
  ["text", "report.txt"],
  ["markdown", "report.md"],
  ["json", "report.json"],
  ["github", "report.github.txt"],
])("--format %s", (format, golden) => {
  it("matches the golden file", async () => {
    await expect(renderReport(result, format, ctx)).toMatchFileSnapshot(`golden/${golden}`);
  });
});

describe("escaping", () => {
  const tricky: Change = {
    rule: "enum-member-removed",
    severity: "breaking",
    family: "job",
    event: "job.started",
    field: "side",
    message: 'field `side`: "b|c" no longer allowed, 100% sure\nsecond line',
    fix: "a, b: c",
    file: "schemas/a,b:c.ts",
  };
  const one = { changes: [tricky], counts: { breaking: 1, warning: 0, safe: 0 } };
  it("GitHub workflow commands escape %, newlines, and : , in properties", () => {
    const line = renderReport(one, "github", { ...ctx, readFile: undefined }).split("\n")[0]!;
    expect(line).toBe(
      '::error file=schemas/a%2Cb%3Ac.ts,title=logpact diff%3A breaking (enum-member-removed)::field `side`: "b|c" no longer allowed, 100%25 sure%0Asecond line%0Afix: a, b: c',
    );
  });
  it("Markdown table cells escape pipes and drop line breaks", () => {
    const md = renderReport(one, "markdown", ctx);
    expect(md).toContain('| field `side`: "b\\|c" no longer allowed, 100% sure second line<br>**fix:** a, b: c |');
  });
});

describe("lineOf", () => {
  it.each<[string, Parameters<typeof lineOf>[1], number | undefined]>([
    ["a field after its event's literal", { event: "job.finished", field: "durationMs" }, 8],
    ["a nested path uses its first segment", { event: "job.started", field: "side.x" }, 4],
    ["a field that is gone falls back to the event literal", { event: "job.finished", field: "gone" }, 7],
    ["an event", { event: "job.started" }, 3],
    ["a family export", { export: "JobLog" }, 1],
    ["nothing found", { event: "job.nope" }, undefined],
  ])("%s", (_name, change, want) => {
    expect(lineOf(SOURCE, change)).toBe(want);
  });
  it("an unreadable file has no line", () => {
    expect(lineOf(undefined, { event: "job.started" })).toBeUndefined();
  });
});

describe("long Markdown reports", () => {
  it("summarise the rows beyond each table's limit", () => {
    const many: Change[] = Array.from({ length: 45 }, (_, i) => ({
      rule: "event-added",
      severity: "safe",
      family: "job",
      event: `job.e${String(i).padStart(2, "0")}`,
      message: `event \`job.e${i}\` added`,
    }));
    const md = renderReport({ changes: many, counts: { breaking: 0, warning: 0, safe: 45 } }, "markdown", ctx);
    expect(md.match(/^\| event `job\.e\d+` added/gm)).toHaveLength(40);
    expect(md).toContain("| … and 5 more (run `logpact diff --format json` for all) | | |");
  });
});
