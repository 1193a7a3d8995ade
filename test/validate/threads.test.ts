/**
 * What threads and concurrent runs share: chunk buffers are reused per thread (never by
 * two reads at once), `--jobs` threads take tasks from one shared counter, and an input
 * error on a worker ends the run as an input error (exit 2), not a hang or a crash; the
 * built workers do not inherit the host process's preloads and loader hooks.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkOptions } from "./fixtures.js";
import { LogpactError } from "../../generator/errors.js";
import { allEvents, type RegistryIR } from "../../generator/registry/ir.js";
import type { CheckOptions } from "../../generator/validate/checker.js";
import { validateLogs } from "../../generator/validate/index.js";
import { CHUNK_BYTES } from "../../generator/validate/sources.js";
import { REPO } from "../helpers/project.js";
import { bundledIr } from "../helpers/registry.js";

const options = (over: Partial<CheckOptions> = {}) => checkOptions({ maxFindings: 100_000, ...over });

const dir = mkdtempSync(join(tmpdir(), "logpact-threads-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let bundled: RegistryIR;
/** Real pino lines of every bundled event. */
let lines: string[];
beforeAll(async () => {
  bundled = await bundledIr();
  lines = [];
  const logger = pino({ level: "trace" }, { write: (s: string) => void lines.push(s.replace(/\n$/, "")) });
  for (const e of allEvents(bundled)) for (const ex of e.examples) logger[e.level](ex, e.message);
});

/** A file of `bytes` or more: valid lines with a malformed one every `every` lines (so each file's findings differ). */
function logFile(name: string, bytes: number, every: number): string {
  const parts: string[] = [];
  for (let i = 0, size = 0; size < bytes; i++) {
    const line = i % every === every - 1 ? `broken ${i}\n` : `${lines[i % lines.length]}\n`;
    parts.push(line);
    size += line.length;
  }
  const path = join(dir, name);
  writeFileSync(path, parts.join(""));
  return path;
}

describe("threads and concurrent runs", () => {
  it("concurrent runs in one process read into their own chunk buffers", async () => {
    // Several chunks per file, so the runs' reads interleave (each awaits its next chunk).
    const a = logFile("a.ndjson", 3 * CHUNK_BYTES + 12_345, 997);
    const b = logFile("b.ndjson", 4 * CHUNK_BYTES + 777, 313);
    const run = (file: string, jobs = 1) =>
      validateLogs(bundled, [file], { ...options(), jobs, cwd: dir, splitBytes: CHUNK_BYTES });
    const alone = [await run(a), await run(b)];
    expect(alone[0]!.status.malformed).toBeGreaterThan(10);
    expect(alone[1]!.status.malformed).toBeGreaterThan(alone[0]!.status.malformed);
    const together = await Promise.all([run(a), run(b), run(b), run(a), run(b, 2)]);
    expect(together).toEqual([alone[0], alone[1], alone[1], alone[0], alone[1]]);
    // …and again, now that the first runs have handed their buffers back for reuse.
    expect(await Promise.all([run(b), run(a)])).toEqual([alone[1], alone[0]]);
  }, 60_000);

  it("an input error on a worker ends the run as an input error", async () => {
    // stdin is read on this thread, so the worker takes every file task: the corrupt gzip fails there.
    const good = logFile("good.ndjson", 50_000, 1000);
    const bad = join(dir, "bad.ndjson.gz");
    writeFileSync(bad, Buffer.from([0x1f, 0x8b, 0x08, 0x00, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    const stdin = Readable.from([Buffer.from(`${lines.join("\n")}\n`)]);
    const run = validateLogs(bundled, ["-", good, bad], { ...options(), jobs: 2, cwd: dir, stdin });
    await expect(run).rejects.toThrow(LogpactError);
    await expect(run).rejects.toThrow(/bad\.ndjson\.gz: gzip data is corrupt or truncated/);
  }, 60_000);

  it("the built workers leave out the host process's --require / --import preloads", () => {
    // A host run under tsx (or with instrumentation preloaded) passed those to every worker,
    // which loaded them again: under tsx that doubled a worker's start-up.
    const file = logFile("host.ndjson", 3 * CHUNK_BYTES, 500);
    const preload = join(dir, "preload.cjs");
    writeFileSync(
      preload,
      `if (!require("node:worker_threads").isMainThread) throw new Error("preload loaded in a worker");\n`,
    );
    const script = join(dir, "host.mjs");
    writeFileSync(
      script,
      `import { readSnapshotFile } from ${JSON.stringify(join(REPO, "dist/generator/registry/snapshot.js"))};
import { validateLogs, DEFAULT_SEVERITY } from ${JSON.stringify(join(REPO, "dist/generator/validate/index.js"))};
const ir = readSnapshotFile(${JSON.stringify(join(REPO, "generated/registry.json"))}, "registry.json");
const options = { draft: "2020-12", severity: DEFAULT_SEVERITY, maxFindings: 10, maxLineBytes: 1 << 20, cwd: ${JSON.stringify(dir)}, splitBytes: ${CHUNK_BYTES} };
const [one, two] = [await validateLogs(ir, [${JSON.stringify(file)}], { ...options, jobs: 1 }), await validateLogs(ir, [${JSON.stringify(file)}], { ...options, jobs: 2 })];
console.log(JSON.stringify([one.lines, one.status.malformed, two.lines, two.status.malformed]));
`,
    );
    const r = spawnSync(process.execPath, ["--require", preload, script], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    const [lines, malformed, lines2, malformed2] = JSON.parse(r.stdout) as number[];
    expect(malformed).toBe(Math.floor(lines! / 500));
    expect([lines2, malformed2]).toEqual([lines, malformed]);
  }, 60_000);
});
