/**
 * The `schemas` globs `init` writes: few, readable globs that match every module that
 * declares a family and nothing `gen` should not import. Pure: it works on path lists.
 */
import { posix } from "node:path";
import { fileGlobToRegExp } from "../lint/glob.js";

export interface GlobInput {
  /** Modules that declare at least one family (must all be matched). */
  readonly families: readonly string[];
  /** Further modules a glob may match harmlessly (imported fine, no family: helpers). */
  readonly harmless: readonly string[];
  /** Every script file of the project that `gen` could reach with a glob (root-relative). */
  readonly universe: readonly string[];
  /** Globs `gen` excludes anyway (the config's `exclude` default). */
  readonly excluded: readonly string[];
}

/**
 * Greedy cover: among candidate globs that match no file outside `families ∪ harmless`,
 * repeatedly take the one covering most uncovered family modules (then the one matching
 * fewest other files, then the shortest). A module no safe glob covers is listed by path.
 */
export function inferSchemaGlobs(input: GlobInput): string[] {
  const allowed = new Set([...input.families, ...input.harmless]);
  const excluded = input.excluded.map(fileGlobToRegExp);
  const reachable = [...new Set([...input.universe, ...input.families])].filter(
    (f) => !excluded.some((re) => re.test(f)),
  );
  const scored = candidateGlobs(input.families).flatMap((glob) => {
    const re = fileGlobToRegExp(glob);
    const matched = reachable.filter((f) => re.test(f));
    if (matched.some((f) => !allowed.has(f))) return [];
    return [{ glob, covers: new Set(matched.filter((f) => input.families.includes(f))), extra: matched.length }];
  });
  const uncovered = new Set(input.families);
  const chosen: string[] = [];
  while (uncovered.size > 0) {
    let best: (typeof scored)[number] | undefined;
    let bestGain = 0;
    for (const s of scored) {
      const gain = [...s.covers].filter((f) => uncovered.has(f)).length;
      if (gain > bestGain || (gain === bestGain && gain > 0 && better(s, best!))) {
        best = s;
        bestGain = gain;
      }
    }
    if (!best) break;
    chosen.push(best.glob);
    for (const f of best.covers) uncovered.delete(f);
  }
  return [...chosen, ...uncovered].sort();
}

/**
 * On equal coverage: the glob reaching from the shallower folder, recursive before flat (a
 * team adding a module next year is covered too), then the one matching fewer other
 * files, then the shorter.
 */
function better(a: { glob: string; extra: number }, b: { glob: string; extra: number }): boolean {
  const key = (g: { glob: string; extra: number }) => [
    g.glob.slice(0, g.glob.search(/[*?{[]/)).split("/").length,
    g.glob.includes("**") ? 0 : 1,
    g.extra,
    g.glob.length,
  ];
  const ka = key(a);
  const kb = key(b);
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]!;
  return false;
}

/**
 * Globs worth trying for these files: per folder, per name suffix (`*.log.ts`), and per
 * file name where two or more modules under one folder share it (`log-fields.ts`: a
 * convention; a name used once is better written as the path).
 */
export function candidateGlobs(files: readonly string[]): string[] {
  const out = new Set<string>();
  for (const file of files) {
    const dir = posix.dirname(file);
    const base = posix.basename(file);
    const ext = extOf(base);
    // `agent.log.ts` → `*.log.ts`; `log-fields.ts` stays a whole name.
    const suffix = base.indexOf(".") < base.length - ext.length ? `*${base.slice(base.indexOf("."))}` : undefined;
    const ancestors = dir === "." ? [] : dir.split("/").map((_, i, segs) => segs.slice(0, i + 1).join("/"));
    for (const a of ancestors) {
      out.add(`${a}/**/*${ext}`);
      if (files.filter((f) => f.startsWith(`${a}/`) && posix.basename(f) === base).length > 1)
        out.add(`${a}/**/${base}`);
      if (suffix) out.add(`${a}/**/${suffix}`);
    }
    if (dir !== ".") {
      out.add(`${dir}/*${ext}`);
      if (suffix) out.add(`${dir}/${suffix}`);
    }
  }
  return [...out].sort();
}

function extOf(base: string): string {
  const m = /\.[cm]?[jt]sx?$/.exec(base);
  return m ? m[0] : "";
}

/** True when `globs` match every family module and nothing outside `families ∪ harmless`. */
export function coversExactly(globs: readonly string[], input: GlobInput): boolean {
  const res = globs.map(fileGlobToRegExp);
  const excluded = input.excluded.map(fileGlobToRegExp);
  const allowed = new Set([...input.families, ...input.harmless]);
  const matches = (f: string) => res.some((re) => re.test(f)) && !excluded.some((re) => re.test(f));
  return input.families.every(matches) && input.universe.filter(matches).every((f) => allowed.has(f));
}
