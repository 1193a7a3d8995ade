/**
 * Worker thread entry: scans the batches of files the main thread sends, with its own
 * parser state and import cache. Once the main thread has loaded the registry it sends the
 * rule setup; from then on the worker runs the rules too and sends back only findings
 * (copying every call's resolved fields between threads costs a quarter of a lint run).
 * Started by `pool.ts`.
 */
import { parentPort, workerData } from "node:worker_threads";
import { createRuleRunner, type RuleRunner, type RuleSetup } from "./engine.js";
import { scanSafely, settle } from "./pool.js";
import { createScanner, type ScanOptions } from "./scanner.js";
import type { FileDone, FileScan } from "./types.js";

const scanner = createScanner(workerData as ScanOptions);
let runner: RuleRunner | undefined;

parentPort!.on("message", (message: { files: string[] } | { setup: RuleSetup }) => {
  if ("setup" in message) {
    runner = createRuleRunner(message.setup);
    return;
  }
  // Calls still waiting for the type checker go back whole: the main thread settles them.
  parentPort!.postMessage(message.files.map((f): FileScan | FileDone => settle(scanSafely(scanner, f), runner)));
});
