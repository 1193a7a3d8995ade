/**
 * Byte ranges (how `--jobs` splits one file): whatever the cut points — on a newline,
 * inside a CRLF, inside a multi-byte character, inside a line longer than a chunk —
 * the ranges together yield every line exactly once, and the merge renumbers them right.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkOptions } from "./fixtures.js";
import { LogChecker } from "../../generator/validate/checker.js";
import { mergeInto } from "../../generator/validate/run.js";
import { CHUNK_BYTES, readTask, type FileTask } from "../../generator/validate/sources.js";
import { LineSplitter } from "../../generator/validate/splitter.js";
import { irFrom } from "../helpers/registry.js";
import { z } from "zod";

const dir = mkdtempSync(join(tmpdir(), "logpact-ranges-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Line = [text: string, lineNo: number];

async function readRange(path: string, start: number, end: number): Promise<Line[]> {
  const out: Line[] = [];
  const s = new LineSplitter(
    { line: (t, n) => out.push([t, n]), tooLong: (n) => out.push(["<too long>", n]) },
    64 * 1024 * 1024,
    start === 0,
  );
  await readTask({ path, display: "f", gzip: false, start, end }, s);
  return out;
}

/** Reads the file as `cuts` ranges and renumbers each range's lines by the lines before it. */
async function readInRanges(path: string, size: number, cuts: readonly number[]): Promise<Line[]> {
  const bounds = [0, ...cuts, Infinity];
  const all: Line[] = [];
  let offset = 0;
  for (let i = 0; i + 1 < bounds.length; i++) {
    const part = await readRange(path, bounds[i]!, bounds[i + 1]! === Infinity ? Infinity : bounds[i + 1]!);
    all.push(...part.map(([t, n]): Line => [t, n + offset]));
    offset += part.length;
  }
  expect(size).toBeGreaterThan(0);
  return all;
}

const longLine = `{"msg":"${"x".repeat(CHUNK_BYTES + 1000)}"}`;
const content = ['{"a":1}', "", '{"b":"€€€"}\r', longLine, "{}", '{"c":"ünïcödé"}', "", "last-without-newline"].join(
  "\n",
);
const file = join(dir, "mixed.ndjson");
writeFileSync(file, content);
const size = Buffer.byteLength(content);
const bytes = Buffer.from(content);
const at = (needle: string, delta = 0) => bytes.indexOf(needle) + delta;

describe("byte ranges cover every line once", () => {
  it("the whole file as one range", async () => {
    const whole = await readRange(file, 0, Infinity);
    expect(whole.map(([t]) => t)).toEqual(content.split("\n"));
  });

  it.each<[string, () => number[]]>([
    ["a cut right after a newline", () => [at("\n") + 1]],
    ["a cut on a newline", () => [at("\n")]],
    ["a cut between CR and LF", () => [at("\r\n", 1)]],
    ["a cut inside a multi-byte character", () => [at("€", 1)]],
    [
      "cuts inside the over-long line",
      () => [at('{"msg"', 10), at('{"msg"', CHUNK_BYTES), at('{"msg"', CHUNK_BYTES + 500)],
    ],
    ["a cut inside the last line", () => [size - 3]],
    ["a cut at the very end", () => [size - 1]],
    ["many cuts, one per 7 bytes near the start", () => Array.from({ length: 12 }, (_, i) => 1 + i * 7)],
    ["two adjacent cuts", () => [20, 21]],
  ])("%s", async (_name, cuts) => {
    const whole = await readRange(file, 0, Infinity);
    expect(await readInRanges(file, size, cuts())).toEqual(whole);
  });
});

describe("merging range tallies", () => {
  const Log = z
    .discriminatedUnion("event", [
      z
        .strictObject({ event: z.literal("x.ok"), n: z.number().int().meta({ description: "n" }) })
        .meta({ level: "info", description: "ok" }),
    ])
    .meta({ family: "x", description: "x" });
  const { ir } = irFrom({ "schemas/x.ts": { Log } });

  it("gives the same findings, with file line numbers, as one pass", async () => {
    const lines = Array.from({ length: 200 }, (_, i) =>
      i % 17 === 0
        ? "broken"
        : i % 13 === 0
          ? '{"level":30,"event":"x.ok","n":"s"}'
          : '{"level":30,"event":"x.ok","n":1}',
    );
    const path = join(dir, "findings.ndjson");
    writeFileSync(path, `${lines.join("\n")}\n`);
    const checker = new LogChecker(ir, checkOptions({ maxFindings: 1000 }));
    const run = async (task: FileTask) => {
      const t = checker.tally("findings.ndjson");
      const s = new LineSplitter(checker.handler(t), 1 << 20, task.start === 0);
      await readTask(task, s);
      t.lines = s.lineNo;
      t.bytes = s.bytes;
      return t;
    };
    const one = await run({ path, display: "findings.ndjson", gzip: false, start: 0, end: Infinity });
    const total = checker.tally("");
    const cuts = [0, 1000, 2500, 2501, 5000, Infinity];
    let offset = 0;
    for (let i = 0; i + 1 < cuts.length; i++) {
      const part = await run({ path, display: "findings.ndjson", gzip: false, start: cuts[i]!, end: cuts[i + 1]! });
      mergeInto(total, part, offset, 1000);
      offset += part.lines;
    }
    expect(total.lines).toBe(200);
    expect(total.status).toEqual(one.status);
    expect(total.findings).toEqual(one.findings);
    expect(total.findings.filter((f) => f.kind === "malformed").map((f) => f.line)).toEqual(
      lines.flatMap((l, i) => (l === "broken" ? [i + 1] : [])),
    );
  });
});
