/**
 * The one writer for `-o, --output <file>` (lint, validate, diff, docs check): a regular
 * file (or a path that does not exist yet) is written atomically, via a temp file beside
 * it and a rename, so a reader never sees half a report; anything else (a FIFO,
 * /dev/stdout, a character device) cannot be renamed over and is written to directly.
 * `-` means stdout.
 */
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** The `--output` value that means "stdout". */
export const STDOUT_PATH = "-";

/** Writes `text` to `path` (absolute); atomic for regular files, streamed for anything else. */
export function writeOutput(path: string, text: string): void {
  let kind: "absent" | "file" | "other" = "absent";
  try {
    kind = statSync(path).isFile() ? "file" : "other";
  } catch {
    // Does not exist yet: created atomically below.
  }
  if (kind === "other") {
    writeFileSync(path, text);
    return;
  }
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.logpact-tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
