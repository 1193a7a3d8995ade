/**
 * A `--jobs` worker thread: compiles the validators once, then checks the file tasks
 * (byte ranges or gzip files) the main thread sends, one at a time, and posts back each
 * task's tally. Runs from the built `dist/` JavaScript (or under tsx from source).
 */
import { parentPort, workerData } from "node:worker_threads";
import type { RegistryIR } from "../registry/ir.js";
import { LogChecker, type CheckOptions, type Tally } from "./checker.js";
import { LogpactError } from "../errors.js";
import { readTask, type FileTask } from "./sources.js";
import { LineSplitter } from "./splitter.js";

/** What the main thread passes at start-up. */
export interface WorkerInit {
  readonly ir: RegistryIR;
  readonly options: CheckOptions;
}

/** main → worker */
export interface TaskMessage {
  readonly id: number;
  readonly task: FileTask;
}

/** worker → main */
export type ResultMessage = { readonly id: number; readonly tally: Tally } | { readonly id: number; readonly error: string; readonly logpact: boolean };

const port = parentPort;
if (port) {
  const { ir, options } = workerData as WorkerInit;
  const checker = new LogChecker(ir, options);
  port.on("message", (msg: TaskMessage) => {
    void run(checker, msg).then((result) => port.postMessage(result));
  });
}

async function run(checker: LogChecker, { id, task }: TaskMessage): Promise<ResultMessage> {
  try {
    const tally = checker.tally(task.display);
    const splitter = new LineSplitter(checker.handler(tally), checker.options.maxLineBytes, task.start === 0);
    await readTask(task, splitter);
    tally.lines = splitter.lineNo;
    tally.bytes = splitter.bytes;
    return { id, tally };
  } catch (e) {
    // A LogpactError (unreadable input, uncompilable schema) is the user's to fix: exit 2, not a crash.
    return { id, error: e instanceof Error ? e.message : String(e), logpact: e instanceof LogpactError };
  }
}
