/**
 * Spreads the syntax pass over threads: the main thread is one lane and `jobs - 1`
 * worker threads are the others, all pulling small batches from one queue (so a slow
 * file does not hold a whole share back). Small runs stay on the main thread: see
 * `FILES_PER_LANE`.
 */
import { Worker } from "node:worker_threads";
import { createScanner, type Scanner, type ScanOptions } from "./scanner.js";
import { createRuleRunner, type RuleRunner, type RuleSetup } from "./engine.js";
import type { FileDone, FileScan } from "./types.js";

/**
 * Files per lane below which no further worker is started. A worker costs ~1.5 CPU-s
 * before it pays back: loading TypeScript, parsing with a cold JIT, and the background
 * compiler threads its warm-up keeps busy, which compete with the main thread. On a
 * 2-core machine the CLI's `--jobs 2` broke even at 700–2,000 files and lost below
 * (300 files: 2.4 s against 2.1 s), so a worker is started only for 1,000 files or more.
 */
export const FILES_PER_LANE = 1_000;
const BATCH = 16;

export interface PoolOptions {
  /** Total lanes (main thread included). */
  jobs: number;
  /** Called after each batch. */
  onProgress?: ((done: number, total: number) => void) | undefined;
  /** Start workers whatever the file count (tests). */
  forceWorkers?: boolean | undefined;
  /** Scanner already built on the main thread (its import cache is reused). */
  scanner?: Scanner | undefined;
  /**
   * Main-thread work to do once the workers are starting (loading the registry): worker
   * start-up (loading TypeScript, about a second) overlaps it instead of delaying the scan.
   */
  beforeScan?: (() => Promise<void>) | undefined;
  /** Rule setup sent to the workers after `beforeScan`: they then return findings, not calls. */
  ruleSetup?: (() => RuleSetup | undefined) | undefined;
}

/** Scans one file; an exception (a parser bug, a stack overflow on absurd nesting) becomes a notice. */
export function scanSafely(scanner: Scanner, file: string): FileScan {
  try {
    return scanner.scanFile(file);
  } catch (e) {
    const why =
      e instanceof RangeError
        ? `nested too deeply to parse (${e.message})`
        : `could not be scanned (${e instanceof Error ? e.message : String(e)})`;
    return { file, calls: [], directives: [], notices: [{ file, kind: "unreadable", message: `${why}; skipped` }] };
  }
}

/**
 * A file's findings in place of its scan, when the rules can run (the registry is loaded):
 * a run then keeps findings, not every call's resolved fields, until the end (holding
 * those for the whole run made garbage collection cost as much as the rules). Calls
 * still waiting for the type checker keep the scan whole: it settles them later.
 */
export function settle(scan: FileScan, runner: RuleRunner | undefined): FileScan | FileDone {
  if (!runner || scan.calls.some((c) => c.pending)) return scan;
  return {
    file: scan.file,
    done: true,
    findings: runner.run(scan),
    notices: scan.notices,
    calls: scan.calls.length,
    ...(scan.generated ? { generated: true } : {}),
  };
}

/**
 * Starts a worker on the module beside this one: `worker.js` when built; `worker.ts`
 * when running from source, through a bootstrap that registers tsx first (Node 20 does
 * not hand the main thread's `--import` loader to a worker's entry module).
 */
function startWorker(options: ScanOptions): Worker {
  // execArgv: [] — the built worker runs only this package's JavaScript: the host's
  // preloads and loader hooks (`--import tsx`, `--require` instrumentation) stay out of it.
  if (!import.meta.url.endsWith(".ts"))
    return new Worker(new URL("./worker.js", import.meta.url), { workerData: options, execArgv: [] });
  const api = JSON.stringify(import.meta.resolve("tsx/esm/api"));
  const entry = JSON.stringify(new URL("./worker.ts", import.meta.url).href);
  return new Worker(`import(${api}).then((m) => { m.register(); return import(${entry}); });`, {
    eval: true,
    workerData: options,
  });
}

export interface PoolResult {
  /** One result per file, in the order of the files given: a scan, or findings from a worker. */
  scans: (FileScan | FileDone)[];
  /** Worker threads that scanned at least one batch. */
  workersUsed: number;
}

/** Threads for `files` files with `jobs` allowed (main thread included): one per `FILES_PER_LANE` files. */
export function lanesFor(files: number, jobs: number, forceWorkers = false): number {
  return Math.max(1, Math.min(jobs, forceWorkers ? files : Math.floor(files / FILES_PER_LANE) || 1));
}

/** Scans `files` on up to `jobs` threads. */
export async function scanFiles(
  files: readonly string[],
  options: ScanOptions,
  pool: PoolOptions,
): Promise<PoolResult> {
  const scanner = pool.scanner ?? createScanner(options);
  const results = new Array<FileScan | FileDone | undefined>(files.length);
  const live = new Set<Worker>();
  const lanes = lanesFor(files.length, pool.jobs, pool.forceWorkers);
  let next = 0;
  let done = 0;
  const take = (): number[] | undefined => {
    if (next >= files.length) return undefined;
    const idx: number[] = [];
    for (let i = 0; i < BATCH && next < files.length; i++) idx.push(next++);
    return idx;
  };
  const progress = (n: number) => {
    done += n;
    pool.onProgress?.(done, files.length);
  };

  const workerLane = (): Promise<void> =>
    new Promise<void>((resolveLane) => {
      let worker: Worker;
      try {
        worker = startWorker(options);
      } catch {
        resolveLane();
        return;
      }
      // Two batches in flight: the worker never waits for the main lane to finish its own batch.
      const inFlight: number[][] = [];
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        live.delete(worker);
        void worker.terminate();
        resolveLane();
      };
      const send = () => {
        const batch = take();
        if (batch) {
          inFlight.push(batch);
          worker.postMessage({ files: batch.map((i) => files[i]!) });
        } else if (inFlight.length === 0) finish();
      };
      let used = false;
      live.add(worker);
      // Rules known already (the registry was passed in): the worker returns findings from its first batch on.
      if (setup) worker.postMessage({ setup });
      worker.on("message", (scans: (FileScan | FileDone)[]) => {
        if (!used) workersUsed++;
        used = true;
        const batch = inFlight.shift()!;
        batch.forEach((i, k) => (results[i] = scans[k]));
        progress(batch.length);
        send();
      });
      // A worker that cannot start or dies hands its batches back; the main lane picks them up.
      const handBack = () => {
        for (const batch of inFlight.splice(0)) for (const i of batch) if (results[i] === undefined) requeue.push(i);
        finish();
      };
      worker.on("error", handBack);
      worker.on("exit", handBack);
      send();
      send();
    });

  const requeue: number[] = [];
  let workersUsed = 0;
  let setup = pool.beforeScan ? undefined : pool.ruleSetup?.();
  let runner = setup ? createRuleRunner(setup) : undefined;
  const mainLane = async (): Promise<void> => {
    for (;;) {
      const batch = requeue.length ? requeue.splice(0, BATCH) : take();
      if (!batch) return;
      for (const i of batch) results[i] = settle(scanSafely(scanner, files[i]!), runner);
      progress(batch.length);
      // Let worker messages in between batches.
      if (lanes > 1) await new Promise((r) => setImmediate(r));
    }
  };

  const workers = Array.from({ length: lanes - 1 }, workerLane);
  try {
    await pool.beforeScan?.();
  } catch (e) {
    // Nothing more to hand out: the workers finish their batches and stop.
    next = files.length;
    requeue.length = 0;
    await Promise.all(workers);
    throw e;
  }
  if (pool.beforeScan) {
    setup = pool.ruleSetup?.();
    if (setup) {
      for (const w of live) w.postMessage({ setup });
      runner = createRuleRunner(setup);
    }
  }
  await mainLane();
  await Promise.all(workers);
  // Batches handed back after the main lane finished.
  for (let i = 0; i < files.length; i++)
    if (results[i] === undefined) results[i] = settle(scanSafely(scanner, files[i]!), runner);
  return { scans: results as (FileScan | FileDone)[], workersUsed };
}
