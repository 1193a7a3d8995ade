/**
 * issue 17 items 7 and 13: non-seekable inputs are read as streams (no ESPIPE), FIFOs given
 * to lint, docs check or --config never hang, and one truncated .gz among several inputs
 * still gets the others reported.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { BIN, tmpProject } from "../helpers/project.js";
import { INVOICE, cli } from "./helpers.js";

const line = (i: number) =>
  JSON.stringify({
    level: 30,
    time: 1_764_000_000_000 + i,
    event: "billing.invoice.issued",
    invoiceId: `inv-${i}`,
    line_count: i % 7,
  });
const bad = JSON.stringify({ level: 40, time: 1, event: "billing.invoice.voided" }); // invoiceId missing
const LOG = `${Array.from({ length: 300 }, (_, i) => line(i)).join("\n")}\n${bad}\n`;

function project() {
  const dir = tmpProject({ "schemas/invoice.ts": INVOICE });
  writeFileSync(join(dir, "app.ndjson"), LOG);
  writeFileSync(join(dir, "app.ndjson.gz"), gzipSync(LOG));
  return dir;
}

let shared: string | undefined;
/**
 * The shell cases share one project, emptied of what the previous case made: each process
 * then finds the schema module's transpiled form in jiti's cache (keyed by its path and
 * contents) instead of loading a TypeScript transpiler to compile it again.
 */
function shellProject(): string {
  shared ??= project();
  for (const name of readdirSync(shared))
    if (!["schemas", "node_modules", "app.ndjson", "app.ndjson.gz"].includes(name))
      rmSync(join(shared, name), { recursive: true, force: true });
  return shared;
}

/**
 * Runs a shell line in `dir` with the CLI as $LOGPACT; fails the test on a hang (30 s). A real
 * process: the pipes and FIFOs are the shell's, and a hang must be killable (in-process, a
 * blocking FIFO open would stall the test worker).
 */
function sh(dir: string, script: string) {
  const r = spawnSync("bash", ["-c", script], {
    cwd: dir,
    encoding: "utf8",
    timeout: 30_000,
    env: { ...process.env, LOGPACT: `${process.execPath} ${BIN}`, NO_COLOR: "1" },
  });
  expect(r.signal, `hung: ${script}`).toBe(null);
  return r;
}

describe("non-seekable validate inputs are streamed", () => {
  it.each([
    ["a FIFO", "mkfifo logs.fifo && (cat app.ndjson > logs.fifo &) && $LOGPACT validate logs.fifo --format json"],
    [
      "a FIFO with --jobs 2",
      "mkfifo logs.fifo && (cat app.ndjson > logs.fifo &) && $LOGPACT validate logs.fifo app.ndjson --jobs 2 --format json",
    ],
    [
      "a gzip stream through a FIFO",
      "mkfifo logs.fifo && (cat app.ndjson.gz > logs.fifo &) && $LOGPACT validate logs.fifo --format json",
    ],
    ["<(cmd)", "$LOGPACT validate <(cat app.ndjson) --format json"],
    ["/dev/stdin fed by a pipe", "cat app.ndjson | $LOGPACT validate /dev/stdin --format json"],
  ])("%s", (_, script) => {
    const dir = shellProject();
    const r = sh(dir, script);
    expect(r.stderr).not.toMatch(/ESPIPE|internal error/);
    expect(r.status).toBe(1); // one violating line
    const report = JSON.parse(r.stdout) as { inputs: { lines: number }[] };
    expect(report.inputs[0]!.lines).toBe(301);
  });
});

describe("FIFOs where a file is expected do not hang", () => {
  it.each([
    ["lint <fifo>", "mkfifo src.ts.fifo && ln -s src.ts.fifo app.ts && $LOGPACT lint app.ts", 2, /not a regular file/],
    ["docs check <fifo>", "mkfifo notes.md && $LOGPACT docs check notes.md", 2, /"notes\.md" is not a regular file/],
    ["--config <fifo>", "mkfifo cfg.json && $LOGPACT gen --check --config cfg.json", 2, /not a regular file/],
    ["--config <(cmd)", "$LOGPACT gen --check --config <(echo '{}')", 2, /not a regular file/],
  ])("%s", (_, script, code, message) => {
    const dir = shellProject();
    const r = sh(dir, script);
    expect(`${r.stdout}${r.stderr}`).toMatch(message);
    expect(r.status).toBe(code);
  });
});

describe("one truncated .gz among several inputs", () => {
  it("reports the others, names the broken one, exit 2", async () => {
    const dir = project();
    const gz = readFileSync(join(dir, "app.ndjson.gz"));
    writeFileSync(join(dir, "cut.ndjson.gz"), gz.subarray(0, Math.floor(gz.length / 2)));
    for (const jobs of ["1", "2"]) {
      const r = await cli(
        ["validate", "app.ndjson", "cut.ndjson.gz", "app.ndjson.gz", "--format", "json", "--jobs", jobs],
        dir,
      );
      expect(r.stderr).toMatch(/cut\.ndjson\.gz: gzip data is corrupt or truncated/);
      expect(r.code).toBe(2);
      const report = JSON.parse(r.stdout) as { inputs: { name: string; lines: number }[] };
      expect(report.inputs.map((i) => [i.name, i.lines >= 301 || i.name === "cut.ndjson.gz"])).toEqual([
        ["app.ndjson", true],
        ["cut.ndjson.gz", true],
        ["app.ndjson.gz", true],
      ]);
      expect(report.inputs[2]!.lines).toBe(301);
    }
  });
});
