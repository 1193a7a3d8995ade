/**
 * Discovers schema modules with the config's globs and imports them. Import failures are
 * collected (every failing module is named), not thrown one at a time.
 */
import { glob } from "tinyglobby";
import { join } from "node:path";
import type { ResolvedConfig } from "../config/schema.js";
import type { Diagnostic } from "../errors.js";
import { importModule } from "../util/import-module.js";
import type { LoadedModule } from "./build.js";

/** Schema module paths relative to root (POSIX), sorted. */
export async function discoverSchemaFiles(root: string, config: ResolvedConfig): Promise<string[]> {
  const files = await glob(config.schemas, {
    cwd: root,
    ignore: [...config.exclude, "**/node_modules/**", `${config.outDir}/**`],
    onlyFiles: true,
    expandDirectories: false,
  });
  return files.sort();
}

export async function loadSchemaModules(root: string, files: readonly string[]): Promise<{ modules: LoadedModule[]; diagnostics: Diagnostic[] }> {
  const modules: LoadedModule[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    try {
      modules.push({ file, exports: await importModule(join(root, file)) });
    } catch (e) {
      const reason = e instanceof Error ? e.message.split("\n").slice(0, 6).join("\n    ") : String(e);
      diagnostics.push({ code: "LP_LOAD_FAILED", severity: "error", file, message: `could not import this schema module: ${reason}`, fix: `run \`npx tsx ${file}\` to see the full error, then fix the module (or exclude it in the config)` });
    }
  }
  return { modules, diagnostics };
}
