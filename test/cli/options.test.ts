/**
 * The shared flags' decisions, as tables: colour (flags, NO_COLOR, FORCE_COLOR, a file,
 * the terminal), the progress line, `--fail-on` parsing, the severity colours, and the
 * output writer (atomic for a regular file, direct for a FIFO).
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { colorSeverities, parseFailOn, progressLine, useColor, useProgress } from "../../generator/commands/options.js";
import { writeOutput } from "../../generator/util/output.js";

describe.each<
  [string, { given: { opts: Record<string, unknown>; isTTY: boolean; env: Record<string, string> }; want: boolean }]
>([
  ["a terminal", { given: { opts: {}, isTTY: true, env: {} }, want: true }],
  ["a pipe", { given: { opts: {}, isTTY: false, env: {} }, want: false }],
  ["NO_COLOR on a terminal", { given: { opts: {}, isTTY: true, env: { NO_COLOR: "1" } }, want: false }],
  [
    "an empty NO_COLOR is unset (no-color.org)",
    { given: { opts: {}, isTTY: true, env: { NO_COLOR: "" } }, want: true },
  ],
  ["FORCE_COLOR on a pipe", { given: { opts: {}, isTTY: false, env: { FORCE_COLOR: "1" } }, want: true }],
  ["FORCE_COLOR=0 on a terminal", { given: { opts: {}, isTTY: true, env: { FORCE_COLOR: "0" } }, want: false }],
  [
    "NO_COLOR beats FORCE_COLOR",
    { given: { opts: {}, isTTY: false, env: { NO_COLOR: "1", FORCE_COLOR: "1" } }, want: false },
  ],
  ["--color beats NO_COLOR", { given: { opts: { color: true }, isTTY: false, env: { NO_COLOR: "1" } }, want: true }],
  [
    "--no-color beats FORCE_COLOR and a terminal",
    { given: { opts: { color: false }, isTTY: true, env: { FORCE_COLOR: "1" } }, want: false },
  ],
  [
    "a report to a file is plain",
    { given: { opts: { output: "report.txt" }, isTTY: true, env: { FORCE_COLOR: "1" } }, want: false },
  ],
  ["-o - is stdout", { given: { opts: { output: "-" }, isTTY: true, env: {} }, want: true }],
  [
    "--color into a file",
    { given: { opts: { output: "report.txt", color: true }, isTTY: false, env: {} }, want: true },
  ],
])("useColor: %s", (_name, { given, want }) => {
  it(`is ${want}`, () => expect(useColor(given.opts, { isTTY: given.isTTY }, given.env)).toBe(want));
});

describe.each<
  [string, { given: { opts: Record<string, unknown>; isTTY: boolean; env: Record<string, string> }; want: boolean }]
>([
  ["a terminal", { given: { opts: {}, isTTY: true, env: {} }, want: true }],
  ["CI", { given: { opts: {}, isTTY: true, env: { CI: "true" } }, want: false }],
  ["a pipe", { given: { opts: {}, isTTY: false, env: {} }, want: false }],
  ["--quiet", { given: { opts: { quiet: true }, isTTY: true, env: {} }, want: false }],
  ["--no-progress", { given: { opts: { progress: false }, isTTY: true, env: {} }, want: false }],
])("useProgress: %s", (_name, { given, want }) => {
  it(`is ${want}`, () => expect(useProgress(given.opts, { isTTY: given.isTTY }, given.env)).toBe(want));
});

describe.each<
  [
    string,
    {
      given: { raw: unknown; aliases?: Record<string, "error" | "warning" | "none"> };
      want: string | undefined | RegExp;
    },
  ]
>([
  ["absent", { given: { raw: undefined }, want: undefined }],
  ["error", { given: { raw: "error" }, want: "error" }],
  ["warning", { given: { raw: "warning" }, want: "warning" }],
  ["none", { given: { raw: "none" }, want: "none" }],
  ["diff's breaking", { given: { raw: "breaking", aliases: { breaking: "error" } }, want: "error" }],
  [
    "breaking elsewhere",
    { given: { raw: "breaking" }, want: /--fail-on: unknown severity "breaking"\. Known: error, warning, none/ },
  ],
  ["a typo", { given: { raw: "warnings" }, want: /unknown severity "warnings"\. Did you mean "warning"\?/ }],
])("parseFailOn: %s", (_name, { given, want }) => {
  it("parses or names the mistake", () => {
    if (want instanceof RegExp) expect(() => parseFailOn(given.raw, given.aliases)).toThrow(want);
    else expect(parseFailOn(given.raw, given.aliases)).toBe(want);
  });
});

describe.each<[string, { given: string; want: string }]>([
  [
    "a severity label",
    { given: "a.ndjson:1: error [violation] x", want: "a.ndjson:1: \u001b[31merror\u001b[0m [violation] x" },
  ],
  ["a warning", { given: "docs/a.md:3:1: warning x", want: "docs/a.md:3:1: \u001b[33mwarning\u001b[0m x" }],
  [
    "counts",
    {
      given: "result: 1 error, 2 warnings → exit 1",
      want: "result: 1 \u001b[31merror\u001b[0m, 2 \u001b[33mwarnings\u001b[0m → exit 1",
    },
  ],
  [
    "a word inside another word is left alone",
    { given: "errors_total and prewarning", want: "errors_total and prewarning" },
  ],
])("colorSeverities: %s", (_name, { given, want }) => {
  it("colours labels only", () => {
    expect(colorSeverities(given, true)).toBe(want);
    expect(colorSeverities(given, false)).toBe(given);
  });
});

describe("progressLine", () => {
  it("redraws at most every 100 ms and erases itself; draws nothing when off", () => {
    let err = "";
    let t = 0;
    const io = { cwd: "/", stdout: () => {}, stderr: (s: string) => void (err += s), isTTY: true };
    const p = progressLine(io, true, () => t);
    p.update("a");
    t = 50;
    p.update("b");
    t = 150;
    p.update("c");
    p.done();
    expect(err).toBe("\ra\u001b[K\rc\u001b[K\r\u001b[K");
    err = "";
    const off = progressLine(io, false);
    off.update("a");
    off.done();
    expect(err).toBe("");
  });
});

describe("writeOutput", () => {
  const dir = mkdtempSync(join(tmpdir(), "logpact-output-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes a new file and replaces an old one, leaving no temp file", () => {
    const path = join(dir, "reports/lint.sarif");
    writeOutput(path, "one\n");
    writeOutput(path, "two\n");
    expect(readFileSync(path, "utf8")).toBe("two\n");
    expect(readdirSync(join(dir, "reports"))).toEqual(["lint.sarif"]);
  });

  it("writes into a FIFO (a reader sees the text) instead of renaming over it", async () => {
    const fifo = join(dir, "pipe");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    const reader = spawn("cat", [fifo]);
    let got = "";
    reader.stdout.on("data", (b: Buffer) => (got += b.toString()));
    const closed = new Promise((resolve) => reader.on("close", resolve));
    writeOutput(fifo, "streamed\n");
    await closed;
    expect(got).toBe("streamed\n");
  });

  it("a write that fails leaves the old file and no temp file", () => {
    const path = join(dir, "keep.txt");
    writeFileSync(path, "old\n");
    expect(() => writeOutput(join(path, "child.txt"), "x")).toThrow();
    expect(readFileSync(path, "utf8")).toBe("old\n");
    expect(readdirSync(dir).filter((n) => n.includes("logpact-tmp"))).toEqual([]);
  });
});
