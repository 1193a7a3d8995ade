/**
 * A `--jobs` worker thread: compiles the validators once, then takes file tasks (byte
 * ranges or gzip files) from the run's shared task counter until none are left, and posts
 * back each task's tally as it finishes. Runs from the built `dist/` JavaScript (or under
 * tsx from source).
 */
import { parentPort, workerData } from "node:worker_threads";
import { LogChecker } from "./checker.js";
import { LogpactError } from "../errors.js";
import { checkTask, type ResultMessage, type WorkerInit } from "./run.js";
import type { FileTask } from "./sources.js";

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
