/**
 * Imports a user's TypeScript or JavaScript module in-process.
 *
 * jiti, not tsx: it transpiles on import inside this process (no loader hooks to
 * register, no child process), so the Zod objects it returns are live and the CLI
 * stays one process; it handles ESM, CJS and `.ts/.mts/.cts` alike, and it is what
 * config loaders across the ecosystem (ESLint, Tailwind, Nuxt) already rely on.
 */
import { createJiti } from "jiti";
import { pathToFileURL } from "node:url";

let jiti: ReturnType<typeof createJiti> | undefined;

/** Returns the module namespace (all exports). Throws the module's own error on failure. */
export async function importModule(absolutePath: string): Promise<Record<string, unknown>> {
  // moduleCache off: a long-running process (watch mode, tests) sees edits to schema files.
  jiti ??= createJiti(import.meta.url, { moduleCache: false, fsCache: false, interopDefault: false });
  const mod = await jiti.import(pathToFileURL(absolutePath).href);
  return (mod ?? {}) as Record<string, unknown>;
}
