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

/** A user module called `process.exit()` while being imported. */
export class ModuleExitError extends Error {
  constructor(readonly exitCode: unknown) {
    super(
      `it called process.exit(${exitCode === undefined ? "" : String(exitCode)}) while being imported; logpact stopped it (a schema module or config must not end the process)`,
    );
    this.name = "ModuleExitError";
  }
}

/** Imports still running: if the event loop empties while one is pending, its top-level await never settles. */
const pending = new Set<string>();
let exitHookInstalled = false;
/** The real process.exit while imports run with it replaced. */
let realExit: typeof process.exit | undefined;

function installUnsettledHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Node would exit with code 13 and no word about which module: name it, exit 2.
  process.on("beforeExit", () => {
    if (pending.size === 0) return;
    process.stderr.write(
      `logpact: ${[...pending].join(", ")} never finished loading: its top-level await waits on something that never settles (a promise nobody resolves, a server that never closes).\n` +
        `  fix: don't await long-lived work at the top level of a schema module or config; export the schemas and start the work elsewhere\n`,
    );
    (realExit ?? process.exit)(2);
  });
}

/**
 * Runs `load` with `process.exit` turned into a thrown ModuleExitError: a schema module or
 * config that calls `process.exit(0)` must not end the run (it made `gen --check` exit 0).
 */
export async function guardedImport<T>(label: string, load: () => Promise<T>): Promise<T> {
  installUnsettledHook();
  if (pending.size === 0) {
    realExit = process.exit;
    process.exit = ((code?: unknown) => {
      throw new ModuleExitError(code);
    }) as typeof process.exit;
  }
  pending.add(label);
  try {
    return await load();
  } finally {
    pending.delete(label);
    if (pending.size === 0 && realExit) {
      process.exit = realExit;
      realExit = undefined;
    }
  }
}

/** Returns the module namespace (all exports). Throws the module's own error on failure. */
export async function importModule(absolutePath: string): Promise<Record<string, unknown>> {
  return guardedImport(absolutePath, () => importUnguarded(absolutePath));
}

async function importUnguarded(absolutePath: string): Promise<Record<string, unknown>> {
  // moduleCache off: a long-running process (watch mode, tests) sees edits to schema files.
  // fsCache on (jiti's default): transpiled output is kept in node_modules/.cache/jiti (or
  // the temp dir), named by a hash of the source, so an edit is never served stale; it
  // saves about 0.5 s per command. JITI_FS_CACHE=false turns it off.
  jiti ??= jitiLib().createJiti(import.meta.url, { moduleCache: false, interopDefault: false });
  const mod = await jiti.import(pathToFileURL(absolutePath).href);
  return (mod ?? {}) as Record<string, unknown>;
}
