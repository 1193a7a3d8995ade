/**
 * Imports a user's TypeScript or JavaScript module in-process.
 *
 * jiti, not tsx: it transpiles on import inside this process (no loader hooks to
 * register, no child process), so the Zod objects it returns are live and the CLI
 * stays one process; it handles ESM, CJS and `.ts/.mts/.cts` alike, and it is what
 * config loaders across the ecosystem (ESLint, Tailwind, Nuxt) already rely on.
 */
import type { createJiti as CreateJiti } from "jiti";
import { pathToFileURL } from "node:url";
import { lazyRequire } from "./lazy-require.js";

let jiti: ReturnType<typeof CreateJiti> | undefined;

/**
 * jiti through its CommonJS entry: its ES module entry imports the same 2 MB CommonJS
 * bundle, which makes Node scan it for export names first (about 0.1 s of every command's
 * start-up); `require` skips that scan. Both entries build jiti identically.
 */
const jitiLib = lazyRequire<{ createJiti: typeof CreateJiti }>("jiti");

/** Returns the module namespace (all exports). Throws the module's own error on failure. */
export async function importModule(absolutePath: string): Promise<Record<string, unknown>> {
  // moduleCache off: a long-running process (watch mode, tests) sees edits to schema files.
  // fsCache on (jiti's default): transpiled output is kept in node_modules/.cache/jiti (or
  // the temp dir), named by a hash of the source, so an edit is never served stale; it
  // saves about 0.5 s per command. JITI_FS_CACHE=false turns it off.
  jiti ??= jitiLib().createJiti(import.meta.url, { moduleCache: false, interopDefault: false });
  const mod = await jiti.import(pathToFileURL(absolutePath).href);
  return (mod ?? {}) as Record<string, unknown>;
}
