import { relative, sep } from "node:path";

/** A path relative to `root`, with forward slashes (what goes into output and messages). */
export function toPosixRelative(root: string, file: string): string {
  return relative(root, file).split(sep).join("/");
}
