/**
 * Worker thread entry: scans the batches of files the main thread sends, with its own
 * parser state and import cache. Started by `pool.ts`.
 */
import { parentPort, workerData } from "node:worker_threads";
import { createScanner, type ScanOptions } from "./scanner.js";
import { scanSafely } from "./pool.js";

const scanner = createScanner(workerData as ScanOptions);
parentPort!.on("message", (files: string[]) => {
  parentPort!.postMessage(files.map((f) => scanSafely(scanner, f)));
});
