/**
 * vitest `globalSetup`: the whole run's temp files go in one folder, removed when the run
 * ends. It sets TMPDIR before the workers start, so `os.tmpdir()` in the tests, in the code
 * under test and in every process they start points into it.
 *
 * Without it, each `pnpm test` left about 5,000 files in /tmp that nothing removed:
 * - jiti's transpile cache (/tmp/jiti), one file for each temp project's schema module,
 *   because jiti names the file by the module's path;
 * - the folders some tests make with `mkdtempSync` directly;
 * - what killed `gen` processes and subprocesses leave.
 *
 * A run that is itself killed leaves this one folder, named `logpact-run-XXXXXX`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), "logpact-run-"));
  process.env.TMPDIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
