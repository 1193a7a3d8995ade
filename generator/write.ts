/**
 * The only code that writes generated output. Atomic per run: every changed file is
 * first written to a temp file beside its target, then all are renamed into place, so
 * a failure leaves the old tree, never half a file.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { MANIFEST_FILE } from "./generate.js";
import type { GeneratedFile } from "./targets/types.js";

export interface TreeStatus {
  /** Files whose contents differ from what would be generated. */
  stale: string[];
  /** Files that would be generated but do not exist. */
  missing: string[];
  /** Files logpact generated last time (per its manifest) and no longer generates. */
  orphaned: string[];
  /** Files in the output folder that logpact never wrote; reported, never deleted. */
  foreign: string[];
  unchanged: string[];
}

/** Compares the generated files with the disk; reads only. */
export function compareTree(root: string, outDir: string, files: readonly GeneratedFile[]): TreeStatus {
  const status: TreeStatus = { stale: [], missing: [], orphaned: [], foreign: [], unchanged: [] };
  const wanted = new Set(files.map((f) => f.path));
  for (const f of files) {
    const abs = join(root, f.path);
    if (!existsSync(abs)) status.missing.push(f.path);
    else if (readFileSync(abs, "utf8") !== f.contents) status.stale.push(f.path);
    else status.unchanged.push(f.path);
  }
  const manifest = new Set(previousManifest(root, outDir));
  for (const path of [...manifest].sort()) {
    if (!wanted.has(path) && existsSync(join(root, path))) status.orphaned.push(path);
  }
  for (const path of listFiles(root, outDir).sort()) {
    if (!wanted.has(path) && !manifest.has(path) && !path.includes(".logpact-tmp-")) status.foreign.push(path);
  }
  return status;
}

/**
 * Writes what changed and deletes orphans (never foreign files). Returns what it found.
 * `removeOrphans: false` is for partial runs, which do not know the whole output.
 */
export function writeTree(root: string, outDir: string, files: readonly GeneratedFile[], opts: { removeOrphans?: boolean } = {}): TreeStatus {
  const status = compareTree(root, outDir, files);
  const changed = new Set([...status.stale, ...status.missing]);
  const temps: [string, string][] = [];
  try {
    for (const f of files) {
      if (!changed.has(f.path)) continue;
      const abs = join(root, f.path);
      mkdirSync(dirname(abs), { recursive: true });
      const tmp = `${abs}.logpact-tmp-${process.pid}`;
      writeFileSync(tmp, f.contents);
      temps.push([tmp, abs]);
    }
  } catch (e) {
    for (const [tmp] of temps) rmSync(tmp, { force: true });
    throw e;
  }
  for (const [tmp, abs] of temps) renameSync(tmp, abs);
  if (opts.removeOrphans !== false) for (const path of status.orphaned) rmSync(join(root, path), { force: true });
  return status;
}

function listFiles(root: string, dir: string): string[] {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(abs, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const parent = (entry as { parentPath?: string; path?: string }).parentPath ?? (entry as { path: string }).path;
    out.push(join(parent, entry.name).slice(root.length + 1).split("\\").join("/"));
  }
  return out;
}

function previousManifest(root: string, outDir: string): string[] {
  const abs = join(root, outDir, MANIFEST_FILE);
  if (!existsSync(abs)) return [];
  try {
    const files = (JSON.parse(readFileSync(abs, "utf8")) as { files?: unknown }).files;
    return Array.isArray(files) ? files.filter((f): f is string => typeof f === "string") : [];
  } catch {
    return [];
  }
}
