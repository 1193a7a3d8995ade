/**
 * A `--jobs` worker thread: compiles the validators once, then takes file tasks (byte
 * ranges or gzip files) from the run's shared task counter until none are left, and posts
 * back each task's tally as it finishes. Runs from the built `dist/` JavaScript (or under
 * tsx from source).
 */
import { parentPort, workerData } from "node:worker_threads";
import type { RegistryIR } from "../registry/ir.js";
import { LogChecker, type CheckOptions, type Tally } from "./checker.js";
import { LogpactError } from "../errors.js";
import { checkTask } from "./run.js";
import type { FileTask } from "./sources.js";

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

const port = parentPort;
if (port) {
  const { ir, options, tasks, next } = workerData as WorkerInit;
  const checker = new LogChecker(ir, options);
  void (async () => {
    for (;;) {
      const id = Atomics.add(next, 0, 1);
      if (id >= tasks.length) break;
      const result = await run(checker, id, tasks[id]!);
      port.postMessage(result);
      if ("error" in result) return;
    }
    port.postMessage({ done: true } satisfies ResultMessage);
  })();
}

async function run(checker: LogChecker, id: number, task: FileTask): Promise<ResultMessage> {
  try {
    const r = await checkTask(checker, task);
    return r.inputError === undefined ? { id, tally: r.tally } : { id, tally: r.tally, inputError: r.inputError };
  } catch (e) {
    // A LogpactError (unreadable input, uncompilable schema) is the user's to fix: exit 2, not a crash.
    return { id, error: e instanceof Error ? e.message : String(e), logpact: e instanceof LogpactError };
  }
}
