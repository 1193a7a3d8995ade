/**
 * Discovers schema modules with the config's globs and imports them. Import failures are
 * collected (every failing module is named), not thrown one at a time.
 */
import { glob } from "tinyglobby";
import { readFileSync } from "node:fs";
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

export async function loadSchemaModules(
  root: string,
  files: readonly string[],
): Promise<{ modules: LoadedModule[]; diagnostics: Diagnostic[] }> {
  const modules: LoadedModule[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    try {
      const exports = await importModule(join(root, file));
      modules.push({ file, exports, order: exportOrder(readFileSync(join(root, file), "utf8")) });
    } catch (e) {
      const reason = e instanceof Error ? e.message.split("\n").slice(0, 6).join("\n    ") : String(e);
      diagnostics.push({
        code: "LP_LOAD_FAILED",
        severity: "error",
        file,
        message: `could not import this schema module: ${reason}`,
        fix: "correct what the error names (importing a schema module runs it and what it imports), or leave the module out of `schemas` in the config",
      });
    }
  }
  return { modules, diagnostics };
}

const EXPORT_DECL =
  /^[ \t]*export\s+(?:declare\s+)?(?:const|let|var|function\*?|async\s+function|class)\s+([A-Za-z_$][\w$]*)|^[ \t]*export\s*\{([^}]*)\}/gm;

/**
 * Export names in the order the source declares them. A module namespace lists exports
 * alphabetically, but authors write events in lifecycle order and docs keep it. A plain
 * scan (no parser: it runs on every command) of `export const|function|class X` and
 * `export { a, b as c }`; what it misses falls back to alphabetical order.
 */
export function exportOrder(source: string): string[] {
  const names: string[] = [];
  for (const m of source.matchAll(EXPORT_DECL)) {
    if (m[1]) names.push(m[1]);
    else
      for (const part of m[2]!.split(",")) {
        const name = part
          .trim()
          .split(/\s+as\s+/)
          .pop()
          ?.trim();
        if (name && /^[A-Za-z_$][\w$]*$/.test(name) && name !== "type") names.push(name);
      }
  }
  return [...new Set(names)];
}
