/**
 * File-system failures in the user's terms: which path, what went wrong, what to do.
 * Small on purpose: the CLI's top-level guard imports it at start-up.
 */
import { LogpactError } from "../errors.js";

/** Writing failed (permissions, a file where a folder is expected, a full disk): exit 2. */
export class WriteError extends LogpactError {}

/** Turns an fs error into a WriteError that names the path and says what to do. */
export function writeFailure(action: string, path: string, e: unknown): WriteError {
  if (e instanceof LogpactError) return e as WriteError;
  const err = e as NodeJS.ErrnoException;
  const where = err.path && err.path !== path ? ` (at ${err.path})` : "";
  const cause: Record<string, [string, string]> = {
    EACCES: ["permission denied", "check the permissions on that path (or run as a user who may access it)"],
    EPERM: ["operation not permitted", "check the folder's permissions and attributes (read-only, immutable, in use)"],
    EROFS: ["the file system is read-only", "write to a writable location (config outDir, -o)"],
    ENOSPC: ["no space left on the device", "free disk space and run again; nothing half-written was left in place"],
    EDQUOT: ["disk quota exceeded", "free space within your quota and run again"],
    ENOTDIR: ["a file is where a folder is expected", "move that file away (or change the config's outDir)"],
    EISDIR: ["a folder is where a file is expected", "move that folder away, or pass a file path"],
    EEXIST: ["something is already there", "move it away and run again"],
    ENAMETOOLONG: ["the path is too long", "use shorter family names or a shorter outDir"],
    EMFILE: ["too many open files", "raise the open-file limit (ulimit -n) and run again"],
    ELOOP: ["too many levels of symbolic links", "remove the symlink loop"],
  };
  const [what, fix] = cause[err.code ?? ""] ?? [
    err.message ?? String(e),
    "check the path and the disk, then run again",
  ];
  return new WriteError(`logpact: cannot ${action} ${path}${where}: ${what}\n  fix: ${fix}`);
}
