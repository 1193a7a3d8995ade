/**
 * Which modules a `schemas` glob may match besides the ones that declare families, read
 * from import statements alone: modules the schema modules import (they run whenever
 * those load), and modules that import nothing but Zod and such modules (helper shapes,
 * a catch-all schema). Anything else might start a server when imported.
 */
import { posix } from "node:path";

// `import … from "x"`, `export … from "x"`, `import "x"`, `import("x")`, `require("x")`; group 1 is `type`.
const SPECIFIER =
  /(?:^|[;\s])(?:import|export)\s+(type\s+)?(?:[^"';]*?\s+from\s*)?["']([^"']+)["']|\b(?:import|require)\s*\(\s*["']([^"']+)["']\s*\)/g;

/** Module specifiers a text imports at run time (type-only imports are erased, so left out). */
export function runtimeImports(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(SPECIFIER)) {
    if (m[1]) continue;
    out.push((m[2] ?? m[3])!);
  }
  return out;
}

const isZod = (spec: string) => spec === "zod" || spec.startsWith("zod/");

/** The project file a relative specifier names (`./a.js` → `dir/a.ts`), if it is one of `files`. */
export function resolveRelative(from: string, spec: string, files: ReadonlySet<string>): string | undefined {
  if (!spec.startsWith(".")) return undefined;
  const base = posix.normalize(posix.join(posix.dirname(from), spec));
  const stem = base.replace(/\.[cm]?[jt]sx?$/, "");
  const tries = [
    base,
    `${stem}.ts`,
    `${stem}.tsx`,
    `${stem}.mts`,
    `${stem}.cts`,
    `${stem}.js`,
    `${stem}.mjs`,
    `${base}/index.ts`,
    `${base}/index.js`,
  ];
  return tries.find((t) => files.has(t));
}

/**
 * `seeds` (modules init imported), everything they import relatively (transitively), and
 * every module of `zodModules` whose run-time imports are all Zod or such harmless modules.
 */
export function harmlessModules(
  seeds: readonly string[],
  zodModules: readonly string[],
  files: ReadonlySet<string>,
  read: (file: string) => string,
): Set<string> {
  const harmless = new Set(seeds);
  const queue = [...seeds];
  while (queue.length) {
    const file = queue.pop()!;
    for (const spec of runtimeImports(read(file))) {
      const target = resolveRelative(file, spec, files);
      if (target && !harmless.has(target)) {
        harmless.add(target);
        queue.push(target);
      }
    }
  }
  // Zod-only modules may import each other: repeat until nothing changes.
  for (let changed = true; changed; ) {
    changed = false;
    for (const file of zodModules) {
      if (harmless.has(file)) continue;
      const specs = runtimeImports(read(file));
      if (
        specs.every(
          (s) =>
            isZod(s) ||
            (resolveRelative(file, s, files) !== undefined && harmless.has(resolveRelative(file, s, files)!)),
        )
      ) {
        harmless.add(file);
        changed = true;
      }
    }
  }
  return harmless;
}
