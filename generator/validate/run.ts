/**
 * Runs a validation over inputs: plans tasks (a plain file is split into byte ranges when
 * `jobs > 1` and it is big enough; a gzip file is one task; stdin is read on the main
 * thread), checks them in-process or on a pool of worker threads, and merges the tallies
 * in input order, so the result is the same whatever `jobs` is.
 */
import { open, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { LogpactError } from "../errors.js";
import type { RegistryIR } from "../registry/ir.js";
import { LogChecker, MAX_DISTINCT, mergeGroups, type CheckOptions, type Tally } from "./checker.js";
import { InputError, isGzipMagic, readStream, readTask, type FileTask } from "./sources.js";
import { LineSplitter } from "./splitter.js";

/** The name stdin is shown under. */
export const STDIN_NAME = "<stdin>";

export interface RunOptions extends CheckOptions {
  /** Worker threads for file inputs; 1 checks everything on the calling thread. */
  readonly jobs: number;
  /** Resolves relative input paths. */
  readonly cwd: string;
  /** Read for the input `-` (default: process.stdin). */
  readonly stdin?: Readable | NodeJS.ReadableStream;
  /**
   * Plain files at least this big are split into byte ranges (of about 4 MiB) across
   * threads. Default 16 MiB: below that, a worker's start-up (≈ 0.1 s) costs about what
   * splitting saves.
   */
  readonly splitBytes?: number;
}

/** Per input: its name, size, and its lines per status and finding kind. */
export interface InputSummary {
  readonly name: string;
  readonly lines: number;
  readonly bytes: number;
  readonly status: Readonly<Tally["status"]>;
  readonly kinds: Readonly<Tally["kinds"]>;
  readonly errors: number;
  readonly warnings: number;
}

/** Everything counted over all inputs (the report is built from this). */
export interface RunResult {
  /** Inputs that could not be read to the end (a truncated .gz): what was read is counted; each message names the input. */
  readonly inputErrors?: readonly string[];
  readonly checker: LogChecker;
  readonly inputs: readonly InputSummary[];
  readonly total: Tally;
}

/** The size of the byte ranges a split file is cut into. */
const RANGE_BYTES = 4 * 1024 * 1024;

type Planned = { kind: "stdin" } | { kind: "file"; tasks: FileTask[] };

/** Threads a run may use: `jobs`, but never more than the machine's cores (library callers included). */
export function effectiveJobs(jobs: number): number {
  return Math.max(1, Math.min(Math.floor(jobs) || 1, availableParallelism()));
}

async function plan(inputs: readonly string[], options: RunOptions): Promise<Planned[]> {
  const splitBytes = options.splitBytes ?? 16 * 1024 * 1024;
  const out: Planned[] = [];
  for (const input of inputs) {
    if (input === "-") {
      out.push({ kind: "stdin" });
      continue;
    }
    const path = resolve(options.cwd, input);
    let size: number;
    let gzip = false;
    try {
      const st = await stat(path);
      if (st.isDirectory())
        throw new InputError(`${input}: is a directory; pass the log files in it (e.g. ${input}/*.ndjson)`);
      if (!st.isFile()) {
        // A FIFO, `<(cmd)`, /dev/stdin on a pipe: one stream, read once, never split.
        out.push({
          kind: "file",
          tasks: [{ path, display: input, gzip: false, stream: true, start: 0, end: Infinity }],
        });
        continue;
      }
      size = st.size;
      const fh = await open(path, "r");
      try {
        const head = Buffer.alloc(2);
        await fh.read(head, 0, 2, 0);
        gzip = isGzipMagic(head) || (size === 0 && input.endsWith(".gz"));
      } finally {
        await fh.close();
      }
    } catch (e) {
      if (e instanceof InputError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      throw new InputError(
        `${input}: ${code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : (e as Error).message}`,
      );
    }
    const base = { path, display: input, gzip };
    // An empty .gz file is not gzip data; read it as an empty plain file.
    if (gzip && size === 0) base.gzip = false;
    // Ranges of about RANGE_BYTES, taken by whichever thread is free: the threads finish
    // within a range of each other (about 20 ms of work), however unevenly the machine's
    // other load slows them. A range costs about half a millisecond to start.
    const parts =
      !base.gzip && options.jobs > 1 && size >= splitBytes ? Math.max(options.jobs, Math.ceil(size / RANGE_BYTES)) : 1;
    const tasks: FileTask[] = [];
    for (let i = 0; i < parts; i++) {
      tasks.push({
        ...base,
        start: Math.floor((size * i) / parts),
        end: i === parts - 1 ? Infinity : Math.floor((size * (i + 1)) / parts),
      });
    }
    out.push({ kind: "file", tasks });
  }
  return out;
}

/** Checks one task on this thread. */
async function runTaskHere(checker: LogChecker, task: FileTask): Promise<Tally> {
  return (await checkTask(checker, task)).tally;
}

/**
 * Checks one task; an input that cannot be read to the end (a truncated .gz, a vanished
 * file) keeps the lines read before the failure and its error, so the other inputs are
 * still checked and reported. Other errors propagate.
 */
export async function checkTask(checker: LogChecker, task: FileTask): Promise<{ tally: Tally; inputError?: string }> {
  const tally = checker.tally(task.display);
  const splitter = new LineSplitter(checker.handler(tally), checker.options.maxLineBytes, task.start === 0);
  let inputError: string | undefined;
  try {
    await readTask(task, splitter);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    inputError = e.message;
  }
  tally.lines = splitter.lineNo;
  tally.bytes = splitter.bytes;
  return inputError === undefined ? { tally } : { tally, inputError };
}

async function runStdin(checker: LogChecker, stream: Readable | NodeJS.ReadableStream): Promise<Tally> {
  const tally = checker.tally(STDIN_NAME);
  const splitter = new LineSplitter(checker.handler(tally), checker.options.maxLineBytes, true);
  try {
    await readStream(stream, splitter);
  } catch (e) {
    throw e instanceof LogpactError ? e : new InputError(`${STDIN_NAME}: ${(e as Error).message}`);
  }
  tally.lines = splitter.lineNo;
  tally.bytes = splitter.bytes;
  return tally;
}

const FROM_SOURCE = import.meta.url.endsWith(".ts");

// The protocol with worker.ts (typed here: worker.ts imports this module, not the other way round).

/** What the main thread passes at start-up. */
export interface WorkerInit {
  readonly ir: RegistryIR;
  readonly options: CheckOptions;
  /** Every file task of the run, in input order. */
  readonly tasks: readonly FileTask[];
  /**
   * Shared by all threads of the run (a SharedArrayBuffer): element 0 is the index of the
   * next task to take, taken with Atomics.add. A thread finishing a task starts the next
   * at once, with no round trip through the main thread's event loop (which is busy
   * checking its own chunks: up to tens of milliseconds per task when it was asked).
   */
  readonly next: Int32Array;
}

/** worker → main: a task's tally or its error; `done` once no task is left. */
export type ResultMessage =
  | { readonly id: number; readonly tally: Tally; readonly inputError?: string }
  | { readonly id: number; readonly error: string; readonly logpact: boolean }
  | { readonly done: true };

/** The worker module beside this one: `.js` in dist/; `.ts` when run from source, under tsx (which a worker does not inherit). */
function newWorker(init: WorkerInit): Worker {
  // execArgv: [] — the worker runs only this package's compiled JavaScript, so the parent's
  // preloads and loader hooks (`--import tsx`, `--require` instrumentation) are not
  // inherited: under tsx they doubled a worker's start-up (~0.1 s → ~0.2 s).
  if (!FROM_SOURCE) return new Worker(new URL("./worker.js", import.meta.url), { workerData: init, execArgv: [] });
  return new Worker(sourceWorker(), { workerData: init, execArgv: [] });
}

let sourceWorkerUrl: URL | undefined;

/**
 * From source (tsx, the test suite): worker.ts and the modules it imports, bundled once per
 * process by esbuild (tsx's own) into one module given as a `data:` URL. A worker booting
 * tsx instead spent ~0.5 s of CPU on its loader-hooks thread and per-module transforms
 * (~0.7 s a worker, against ~0.2 s for the bundle); the bundle costs ~0.1 s once. Only
 * `node:` modules are imported statically; `import.meta.url` is worker.ts's, so the
 * checker's `require` resolves ajv from the package as before.
 */
function sourceWorker(): URL {
  if (sourceWorkerUrl) return sourceWorkerUrl;
  const entry = new URL("./worker.ts", import.meta.url);
  const esbuild = createRequire(import.meta.resolve("tsx/esm/api"))("esbuild") as {
    buildSync(options: object): { outputFiles: { text: string }[] };
  };
  const { outputFiles } = esbuild.buildSync({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    write: false,
    format: "esm",
    platform: "node",
    target: `node${process.versions.node}`,
    define: { "import.meta.url": JSON.stringify(entry.href) },
    logLevel: "silent",
  });
  return (sourceWorkerUrl = new URL(`data:text/javascript,${encodeURIComponent(outputFiles[0]!.text)}`));
}

/**
 * Runs `tasks` on `workers` (already booting, sharing the counter `next` with this thread)
 * and, when `withThisThread`, on this thread too (else it is busy reading stdin): each
 * thread takes the next task when done; results by task index. This thread takes part
 * because it would otherwise wait idle, and its checker is already compiled and warm.
 */
async function runOnThreads(
  checker: LogChecker,
  workers: readonly Worker[],
  tasks: readonly FileTask[],
  next: Int32Array,
  withThisThread: boolean,
  inputErrors: Map<number, string>,
): Promise<Tally[]> {
  const results: Tally[] = new Array<Tally>(tasks.length);
  const here = async () => {
    for (;;) {
      const id = Atomics.add(next, 0, 1);
      if (id >= tasks.length) return;
      const r = await checkTask(checker, tasks[id]!);
      results[id] = r.tally;
      if (r.inputError !== undefined) inputErrors.set(id, r.inputError);
    }
  };
  const onWorker = (worker: Worker) =>
    new Promise<void>((resolveAll, reject) => {
      worker.on("message", (msg: ResultMessage) => {
        if ("done" in msg) return resolveAll();
        if ("error" in msg) return reject(msg.logpact ? new LogpactError(msg.error) : new Error(msg.error));
        results[msg.id] = msg.tally;
        if (msg.inputError !== undefined) inputErrors.set(msg.id, msg.inputError);
      });
      worker.on("error", reject);
      // A worker posts `done` before it ends; ending without it is a crash (or process.exit).
      worker.on("exit", (code) => reject(new Error(`a validate worker exited early (code ${code})`)));
    });
  try {
    await Promise.all(withThisThread ? [...workers.map(onWorker), here()] : workers.map(onWorker));
  } catch (e) {
    // No thread takes another task; the caller terminates the workers.
    Atomics.store(next, 0, tasks.length);
    throw e;
  }
  return results;
}

/** Validates every input against the registry; the result merges all of them in input order. */
export async function validateInputs(ir: RegistryIR, inputs: readonly string[], asked: RunOptions): Promise<RunResult> {
  const options = { ...asked, jobs: effectiveJobs(asked.jobs) };
  const planned = await plan(inputs, options);
  const fileTasks = planned.flatMap((p) => (p.kind === "file" ? p.tasks : []));
  const stdin = options.stdin ?? process.stdin;
  const hasStdin = planned.some((p) => p.kind === "stdin");
  // stdin is a stream: read it here while `jobs` workers read the files. Otherwise this
  // thread is one of the `jobs`. A worker costs a thread start-up and a cold JIT (≈ 0.1–0.2 s
  // of CPU), so no more are started than there are tasks for.
  const workerCount =
    options.jobs <= 1 || fileTasks.length === 0
      ? 0
      : hasStdin
        ? Math.min(options.jobs, fileTasks.length)
        : Math.min(options.jobs - 1, fileTasks.length - 1);
  // Started first: they boot (thread, modules, their own checker) while this thread compiles its checker.
  const { stdin: _stdin, ...checkOptions } = options; // a stream does not cross threads
  const next = new Int32Array(new SharedArrayBuffer(4));
  const workers = Array.from({ length: workerCount }, () =>
    newWorker({ ir, options: checkOptions, tasks: fileTasks, next }),
  );
  try {
    const checker = new LogChecker(ir, options);
    const inputErrors = new Map<number, string>();
    let fileTallies: Tally[];
    let stdinTally: Tally | undefined;
    if (workerCount > 0 && hasStdin) {
      [fileTallies, stdinTally] = await Promise.all([
        runOnThreads(checker, workers, fileTasks, next, false, inputErrors),
        runStdin(checker, stdin),
      ]);
    } else if (workerCount > 0) {
      fileTallies = await runOnThreads(checker, workers, fileTasks, next, true, inputErrors);
    } else {
      fileTallies = [];
      for (const p of planned) {
        if (p.kind === "stdin") stdinTally = await runStdin(checker, stdin);
        else {
          for (const t of p.tasks) {
            const r = await checkTask(checker, t);
            if (r.inputError !== undefined) inputErrors.set(fileTallies.length, r.inputError);
            fileTallies.push(r.tally);
          }
        }
      }
    }
    const result = merge(checker, planned, fileTallies, stdinTally, options);
    // Per input, once (a split file's ranges share one error), in input order.
    const errors = [...new Set([...inputErrors].sort((a, b) => a[0] - b[0]).map(([, m]) => m))];
    return errors.length ? { ...result, inputErrors: errors } : result;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

function merge(
  checker: LogChecker,
  planned: readonly Planned[],
  fileTallies: readonly Tally[],
  stdinTally: Tally | undefined,
  options: RunOptions,
): RunResult {
  const total = checker.tally("");
  const summaries: InputSummary[] = [];
  let k = 0;
  for (const p of planned) {
    const parts = p.kind === "stdin" ? [stdinTally!] : p.tasks.map(() => fileTallies[k++]!);
    const name = p.kind === "stdin" ? STDIN_NAME : p.tasks[0]!.display;
    const input = checker.tally(name);
    for (const part of parts) mergeInto(input, part, input.lines, options.maxFindings, options.maxExamples);
    mergeInto(total, input, 0, options.maxFindings, options.maxExamples);
    summaries.push({
      name,
      lines: input.lines,
      bytes: input.bytes,
      status: input.status,
      kinds: input.kinds,
      errors: input.errors,
      warnings: input.warnings,
    });
  }
  return { checker, inputs: summaries, total };
}

function mergeMap(into: Map<string, number>, from: ReadonlyMap<string, number>): number {
  let overflow = 0;
  for (const [key, n] of from) {
    const have = into.get(key);
    if (have !== undefined) into.set(key, have + n);
    else if (into.size < MAX_DISTINCT) into.set(key, n);
    else overflow += n;
  }
  return overflow;
}

/** Adds `part` to `total`; `lineOffset` turns the part's range-relative line numbers into file line numbers. */
export function mergeInto(
  total: Tally,
  part: Tally,
  lineOffset: number,
  maxFindings: number,
  maxExamples?: number,
): void {
  mergeGroups(total, part, lineOffset, maxExamples);
  total.lines += part.lines;
  total.bytes += part.bytes;
  for (const k of Object.keys(part.status) as (keyof Tally["status"])[]) total.status[k] += part.status[k];
  for (const k of Object.keys(part.kinds) as (keyof Tally["kinds"])[]) total.kinds[k] += part.kinds[k];
  part.seen.forEach((n, i) => (total.seen[i]! += n));
  part.violating.forEach((n, i) => (total.violating[i]! += n));
  total.unknownOther += part.unknownOther + mergeMap(total.unknown, part.unknown);
  total.fieldsOther += part.fieldsOther + mergeMap(total.fields, part.fields);
  total.errors += part.errors;
  total.warnings += part.warnings;
  for (const f of part.findings) {
    if (total.findings.length >= maxFindings) break;
    total.findings.push(f.line !== undefined && lineOffset ? { ...f, line: f.line + lineOffset } : f);
  }
}
