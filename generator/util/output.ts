/**
 * The one writer for `-o, --output <file>` (lint, validate, diff, docs check): a regular
 * file (or a path that does not exist yet) is written atomically, via a temp file beside
 * it and a rename, so a reader never sees half a report; anything else (a FIFO,
 * /dev/stdout, a character device) cannot be renamed over and is written to directly.
 * `-` means stdout.
 */
import { writeOutputFile } from "../gen/write.js";

/** The `--output` value that means "stdout". */
export const STDOUT_PATH = "-";

/**
 * Writes `text` to `path` (absolute); atomic for regular files, streamed for anything else.
 * One writer for every command: write.ts's `writeOutputFile` (a folder or a failed write is
 * exit 2 with the path and the cause).
 */
export function writeOutput(path: string, text: string, display = path): void {
  writeOutputFile(path, text, display);
}
