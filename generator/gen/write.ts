/**
 * The only code that writes or deletes generated output (docs/security.md says what it may
 * touch). Rules:
 * - It deletes a file only when it can prove logpact wrote it: the file is listed in the
 *   previous manifest, lies under an output folder (no `..`, no symlinked folder on the
 *   way), is a regular file, and carries the generated banner or the content hash the
 *   manifest recorded. Anything else is reported, never deleted.
 * - The output folder is replaced in one step where the platform allows: the new tree is
 *   built beside the old one (unchanged and foreign files hard-linked, changed files
 *   written) and the two are swapped with two renames; a crash leaves the old tree or the
 *   new one (docs/gen.md). Files outside the output folder (a target's own `outDir`, docs
 *   with generated sections) go through a temp file and a rename each.
 * - Temp files and folders carry the writer's pid; the next run removes those of runs
 *   that are no longer alive, and `--check` reports them.
 * - Every failure to write is a WriteError (exit 2) naming the path and the cause.
 */
import { createHash } from "node:crypto";
import {
  closeSync,
  copyFileSync,
  existsSync,
  fstatSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
  writeSync,
  type Stats,
} from "node:fs";
import { basename, dirname, isAbsolute, join, posix, relative, resolve, sep } from "node:path";
import { LogpactError } from "../errors.js";
import { WriteError, writeFailure } from "../util/fs-errors.js";
import { BANNER, MANIFEST_FILE } from "./manifest.js";
import type { GeneratedFile } from "../targets/types.js";

/** Marks a per-file temp file: `<file>.logpact-tmp-<pid>`. */
export const TEMP_MARK = ".logpact-tmp-";
/** Marks the folders of a directory swap, beside the output folder: `.<dir>.logpact-new-<pid>`, `.<dir>.logpact-old-<pid>`. */
const SWAP_NEW = ".logpact-new-";
const SWAP_OLD = ".logpact-old-";
const LEFTOVER_RE = /\.logpact-(?:tmp|new|old)-(\d+)$/;

/** A manifest entry logpact no longer generates but will not delete, and why. */
export interface KeptEntry {
  readonly path: string;
  readonly reason: string;
}

export interface TreeStatus {
  /** Files whose contents differ from what would be generated. */
  stale: string[];
  /** Files that would be generated but do not exist. */
  missing: string[];
  /** Files logpact generated last time (per its manifest), no longer generates, and can prove it wrote. */
  orphaned: string[];
  /** Manifest entries no longer generated that logpact will not delete (outside the output folders, not a regular file, no banner). */
  kept: KeptEntry[];
  /** Files in the output folder that logpact never wrote; reported, never deleted. */
  foreign: string[];
  /** Temp files and folders left by an interrupted run (a dead process); the next `gen` removes them. */
  leftovers: string[];
  unchanged: string[];
}

export interface TreeOptions {
  /**
   * Every folder generated files go to (relative to the root, POSIX, or absolute): the
   * config's `outDir` and each target's folder. A manifest entry outside all of them is
   * never deleted. Default: `outDir` alone.
   */
  readonly outputDirs?: readonly string[];
  /** `false` for partial runs, which do not know the whole output. */
  readonly removeOrphans?: boolean;
  /** Paths (as in `files`) that are user files with logpact sections, rewritten in place: not under an output folder. */
  readonly inPlace?: ReadonlySet<string>;
}

export { WriteError, writeFailure } from "../util/fs-errors.js";

function sha256(text: string | Buffer): string {
  return createHash("sha256").update(text).digest("hex");
}

/** The content hash a manifest records for a generated file. */
export function contentHash(contents: string): string {
  return sha256(contents);
}

function lstatOrUndefined(abs: string): Stats | undefined {
  try {
    // throwIfNoEntry: a missing path is the common case here (a new tree), and an ENOENT error per path cost its stack trace.
    return lstatSync(abs, { throwIfNoEntry: false });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT" || (e as NodeJS.ErrnoException).code === "ENOTDIR")
      return undefined;
    throw e;
  }
}

function isUnder(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel !== "" && !rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel);
}

/** Whether a process with this pid is running (ours counts as alive). */
function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The layout one run works on: absolute output folders and where the main one swaps. */
class Layout {
  readonly out: string;
  readonly dirs: readonly string[];
  constructor(
    readonly root: string,
    outDir: string,
    outputDirs: readonly string[] | undefined,
  ) {
    this.out = resolve(root, outDir);
    this.dirs = [...new Set([outDir, ...(outputDirs ?? [])].map((d) => resolve(root, d)))];
  }
  abs(path: string): string {
    return resolve(this.root, path);
  }
  /** Root-relative POSIX name of an absolute path (as the manifest and messages use). */
  rel(abs: string): string {
    return relative(this.root, abs).split(sep).join("/");
  }
}

/**
 * Whether the manifest entry `entry` may be deleted: the reason it may not, or undefined.
 * Normalised, under an output folder with no symlink on the way, a regular file, and
 * carrying the banner or the hash the manifest recorded.
 */
function deletionVeto(layout: Layout, entry: string, hashes: Readonly<Record<string, unknown>>): string | undefined {
  if (entry.includes("\0") || entry.includes("\\")) return "the name holds a NUL or a backslash";
  if (entry === "" || posix.normalize(entry) !== entry || entry.endsWith("/")) return "the path is not normalised";
  const abs = layout.abs(entry);
  const dir = layout.dirs.find((d) => isUnder(abs, d));
  if (dir === undefined) return "it is outside logpact's output folders";
  // No symlinked folder between the output folder and the file: that could lead anywhere.
  for (let p = dirname(abs); p !== dir && isUnder(p, dir); p = dirname(p)) {
    const st = lstatOrUndefined(p);
    if (st && !st.isDirectory()) return `${layout.rel(p)} is not a real folder (a symlink?)`;
  }
  const st = lstatOrUndefined(abs);
  if (st === undefined) return undefined;
  if (st.isSymbolicLink()) return "it is a symlink";
  if (st.isDirectory()) return "it is a folder";
  if (!st.isFile()) return "it is not a regular file";
  if (st.size > 64 * 1024 * 1024) return "it is larger than anything logpact writes";
  const bytes = readFileSync(abs);
  if (hashes[entry] === sha256(bytes)) return undefined;
  if (bytes.includes(BANNER)) return undefined;
  return "it does not carry logpact's banner (edited by hand, or not written by logpact)";
}

interface Manifest {
  files: string[];
  hashes: Record<string, unknown>;
}

function previousManifest(layout: Layout): Manifest {
  const abs = join(layout.out, MANIFEST_FILE);
  const st = lstatOrUndefined(abs);
  if (!st?.isFile()) return { files: [], hashes: {} };
  try {
    const m = JSON.parse(readFileSync(abs, "utf8")) as { files?: unknown; sha256?: unknown };
    const files = Array.isArray(m.files) ? m.files.filter((f): f is string => typeof f === "string") : [];
    const hashes =
      m.sha256 !== null && typeof m.sha256 === "object" && !Array.isArray(m.sha256)
        ? (m.sha256 as Record<string, unknown>)
        : {};
    return { files, hashes };
  } catch {
    return { files: [], hashes: {} };
  }
}

/** Every entry under `dir` (not following symlinks), root-relative, with its lstat. */
function walk(layout: Layout, dir: string): { rel: string; abs: string; st: Stats }[] {
  const out: { rel: string; abs: string; st: Stats }[] = [];
  const visit = (d: string) => {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const name of names.sort()) {
      const abs = join(d, name);
      const st = lstatOrUndefined(abs);
      if (!st) continue;
      out.push({ rel: layout.rel(abs), abs, st });
      if (st.isDirectory()) visit(abs);
    }
  };
  const st = lstatOrUndefined(dir);
  if (st?.isDirectory()) visit(dir);
  return out;
}

/** Temp files and swap folders of runs whose process is gone (absolute paths). */
function findLeftovers(layout: Layout, files: readonly GeneratedFile[]): string[] {
  const found = new Set<string>();
  const dead = (name: string) => {
    const m = LEFTOVER_RE.exec(name);
    return m !== null && !alive(Number(m[1]));
  };
  for (const dir of layout.dirs) {
    for (const e of walk(layout, dir)) if (dead(e.abs) && e.abs.includes(".logpact-")) found.add(e.abs);
    const parent = dirname(dir);
    const prefix = `.${basename(dir)}.logpact-`;
    let names: string[] = [];
    try {
      names = readdirSync(parent);
    } catch {
      /* no parent yet */
    }
    for (const name of names) if (name.startsWith(prefix) && dead(name)) found.add(join(parent, name));
  }
  // Temp files beside files written in place (docs with sections, targets elsewhere).
  for (const dir of new Set(files.map((f) => dirname(layout.abs(f.path))))) {
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) if (name.includes(TEMP_MARK) && dead(name)) found.add(join(dir, name));
  }
  // Nested ones are inside a leftover folder: report the folder only.
  return [...found].filter((p) => ![...found].some((q) => q !== p && isUnder(p, q))).sort();
}

/** Compares the generated files with the disk; reads only. */
export function compareTree(
  root: string,
  outDir: string,
  files: readonly GeneratedFile[],
  opts: TreeOptions = {},
): TreeStatus {
  const layout = new Layout(root, outDir, opts.outputDirs);
  return compare(layout, files);
}

function compare(layout: Layout, files: readonly GeneratedFile[]): TreeStatus {
  const status: TreeStatus = {
    stale: [],
    missing: [],
    orphaned: [],
    kept: [],
    foreign: [],
    leftovers: [],
    unchanged: [],
  };
  const wanted = new Set(files.map((f) => f.path));
  for (const f of files) {
    const abs = layout.abs(f.path);
    const st = lstatOrUndefined(abs);
    if (st === undefined) status.missing.push(f.path);
    else if (!st.isFile() || readFileSync(abs, "utf8") !== f.contents) status.stale.push(f.path);
    else status.unchanged.push(f.path);
  }
  const manifest = previousManifest(layout);
  const listed = new Set(manifest.files);
  for (const path of [...listed].sort()) {
    if (wanted.has(path)) continue;
    const veto = deletionVeto(layout, path, manifest.hashes);
    if (veto !== undefined) {
      // An entry that names nothing on disk is no loss: only what exists is reported.
      if (/[\0\\]/.test(path) || lstatOrUndefined(layout.abs(path)) !== undefined)
        status.kept.push({ path, reason: veto });
    } else if (lstatOrUndefined(layout.abs(path)) !== undefined) status.orphaned.push(path);
  }
  const leftovers = findLeftovers(layout, files);
  status.leftovers = leftovers.map((p) => layout.rel(p));
  const leftoverSet = new Set(leftovers);
  // Compared as absolute paths: an outDir outside the project (allowOutsideProject) is written as given.
  const wantedAbs = new Set(files.map((f) => layout.abs(f.path)));
  const listedAbs = new Set([...listed].filter((p) => !p.includes("\0")).map((p) => layout.abs(p)));
  for (const e of walk(layout, layout.out)) {
    if (e.st.isDirectory() || wantedAbs.has(e.abs) || listedAbs.has(e.abs)) continue;
    // Temp files: a dead run's are leftovers; a live run's (a concurrent gen) are its own.
    if (leftoverSet.has(e.abs) || LEFTOVER_RE.test(e.abs) || [...leftoverSet].some((l) => isUnder(e.abs, l))) continue;
    status.foreign.push(e.rel);
  }
  return status;
}

/**
 * Writes what changed and deletes orphans logpact can prove it wrote (never foreign
 * files). Returns what it found. First removes what dead runs left behind.
 */
export function writeTree(
  root: string,
  outDir: string,
  files: readonly GeneratedFile[],
  opts: TreeOptions = {},
): TreeStatus {
  const layout = new Layout(root, outDir, opts.outputDirs);
  recoverDeadRuns(layout, files);
  const status = compare(layout, files);
  const changed = new Set([...status.stale, ...status.missing]);
  const removeOrphans = opts.removeOrphans !== false;
  const orphans = removeOrphans ? status.orphaned : [];
  if (changed.size === 0 && orphans.length === 0) return status;
  for (const f of files) if (changed.has(f.path)) checkTarget(layout, f.path, opts.inPlace?.has(f.path) ?? false);

  const inOut = files.filter(
    (f) => changed.has(f.path) && isUnder(layout.abs(f.path), layout.out) && !opts.inPlace?.has(f.path),
  );
  const elsewhere = files.filter((f) => changed.has(f.path) && !inOut.includes(f));
  const swap = swapPossible(layout)
    ? buildSwap(
        layout,
        inOut,
        new Set(orphans.filter((p) => isUnder(layout.abs(p), layout.out)).map((p) => layout.abs(p))),
      )
    : undefined;
  const temps: [string, string][] = [];
  try {
    for (const f of swap ? elsewhere : [...inOut, ...elsewhere])
      temps.push([writeTemp(layout.abs(f.path), f.contents), layout.abs(f.path)]);
  } catch (e) {
    for (const [tmp] of temps) rmSync(tmp, { force: true });
    if (swap) rmSync(swap, { recursive: true, force: true });
    throw e;
  }
  if (swap && !commitSwap(layout, swap)) {
    // The platform would not rename the folder (Windows with a file open in it, a folder
    // in use): fall back to a temp file and a rename per file.
    try {
      for (const f of inOut) temps.push([writeTemp(layout.abs(f.path), f.contents), layout.abs(f.path)]);
    } catch (e) {
      for (const [tmp] of temps) rmSync(tmp, { force: true });
      throw e;
    }
    for (const path of orphans) if (isUnder(layout.abs(path), layout.out)) rmSync(layout.abs(path), { force: true });
  }
  for (const [tmp, abs] of temps) {
    try {
      renameSync(tmp, abs);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw writeFailure("replace", layout.rel(abs), e);
    }
  }
  for (const path of orphans) {
    const abs = layout.abs(path);
    if (swap && isUnder(abs, layout.out)) continue; // left out of the new tree
    try {
      rmSync(abs, { force: true });
    } catch (e) {
      throw writeFailure("remove", path, e);
    }
  }
  return status;
}

/** A generated path must be a file (or nothing) under real folders: never a folder, a device, or through a symlinked folder. */
function checkTarget(layout: Layout, path: string, inPlace: boolean): void {
  const abs = layout.abs(path);
  const st = lstatOrUndefined(abs);
  if (st && st.isDirectory())
    throw new WriteError(
      `logpact: cannot write ${path}: a folder is where logpact writes a file\n  fix: move that folder away, then run again`,
    );
  if (st && !st.isFile() && !st.isSymbolicLink())
    throw new WriteError(
      `logpact: cannot write ${path}: it is not a regular file (a device, FIFO or socket)\n  fix: remove it, then run again`,
    );
  // The nearest existing folder above must be a folder: a file there (generated/ itself a file) is the user's to move.
  for (let p = dirname(abs); ; p = dirname(p)) {
    let pst: Stats | undefined;
    try {
      pst = statSync(p, { throwIfNoEntry: false });
    } catch {
      pst = undefined;
    }
    if (pst !== undefined) {
      if (!pst.isDirectory())
        throw new WriteError(
          `logpact: cannot write ${path}: ${layout.rel(p)} is a file where a folder is expected\n  fix: move ${layout.rel(p)} away (or change the config's outDir), then run again`,
        );
      break;
    }
    if (dirname(p) === p) break;
  }
  if (inPlace) return;
  const dir = layout.dirs.find((d) => isUnder(abs, d));
  if (dir === undefined)
    throw new WriteError(
      `logpact: refusing to write ${path}: it is outside logpact's output folders\n  fix: this is a bug in a target; report it`,
    );
  for (let p = dirname(abs); p !== dir && isUnder(p, dir); p = dirname(p)) {
    const pst = lstatOrUndefined(p);
    if (pst && !pst.isDirectory()) {
      throw new WriteError(
        `logpact: cannot write ${path}: ${layout.rel(p)} is ${pst.isSymbolicLink() ? "a symlink" : "a file"} where logpact expects its own folder\n  fix: remove ${layout.rel(p)}, then run again`,
      );
    }
  }
}

/** Writes `contents` to a temp file beside `abs` (creating folders); returns the temp path. */
function writeTemp(abs: string, contents: string): string {
  const tmp = `${abs}${TEMP_MARK}${process.pid}`;
  try {
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(tmp, contents);
  } catch (e) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      /* never created */
    }
    throw writeFailure("write", abs, e);
  }
  return tmp;
}

/**
 * The output folder can be swapped when it is a real folder (not a symlink, not a mount
 * point) or does not exist yet, and holds only folders, regular files and symlinks.
 */
function swapPossible(layout: Layout): boolean {
  if (process.env.LOGPACT_NO_SWAP === "1") return false;
  const st = lstatOrUndefined(layout.out);
  if (st === undefined) return true;
  if (!st.isDirectory()) return false;
  try {
    if (statSync(dirname(layout.out)).dev !== st.dev) return false;
  } catch {
    return false;
  }
  return walk(layout, layout.out).every((e) => e.st.isDirectory() || e.st.isFile() || e.st.isSymbolicLink());
}

/** Builds the new output folder beside the old: returns its path. */
function buildSwap(layout: Layout, changed: readonly GeneratedFile[], drop: ReadonlySet<string>): string {
  const next = join(dirname(layout.out), `.${basename(layout.out)}${SWAP_NEW}${process.pid}`);
  rmSync(next, { recursive: true, force: true });
  const changedAbs = new Set(changed.map((f) => layout.abs(f.path)));
  try {
    mkdirSync(next, { recursive: true });
    for (const e of walk(layout, layout.out)) {
      if (drop.has(e.abs) || changedAbs.has(e.abs)) continue;
      const to = join(next, relative(layout.out, e.abs));
      if (e.st.isDirectory()) mkdirSync(to, { recursive: true });
      else if (e.st.isSymbolicLink()) symlinkSync(readlinkSync(e.abs), to);
      else {
        try {
          linkSync(e.abs, to); // unchanged: same inode, same mtime
        } catch {
          copyFileSync(e.abs, to);
        }
      }
    }
    for (const f of changed) {
      const to = join(next, relative(layout.out, layout.abs(f.path)));
      mkdirSync(dirname(to), { recursive: true });
      writeFileSync(to, f.contents);
    }
  } catch (e) {
    rmSync(next, { recursive: true, force: true });
    throw writeFailure("write", layout.rel(layout.out), e);
  }
  return next;
}

/** Refusals of a folder rename that a per-file write can work around. */
const SWAP_REFUSED = new Set(["EPERM", "EBUSY", "EXDEV", "EACCES", "ENOTSUP"]);

/**
 * Swaps the new output folder in: two renames, then the old one is removed. False (nothing
 * changed, the new folder removed) when the platform refuses to rename the old folder.
 */
function commitSwap(layout: Layout, next: string): boolean {
  const old = join(dirname(layout.out), `.${basename(layout.out)}${SWAP_OLD}${process.pid}`);
  const had = existsSync(layout.out);
  try {
    if (had) renameSync(layout.out, old);
  } catch (e) {
    rmSync(next, { recursive: true, force: true });
    if (SWAP_REFUSED.has((e as NodeJS.ErrnoException).code ?? "")) return false;
    throw writeFailure("replace", layout.rel(layout.out), e);
  }
  try {
    renameSync(next, layout.out);
  } catch (e) {
    // Put the old tree back: the run changes nothing.
    if (had) renameSync(old, layout.out);
    rmSync(next, { recursive: true, force: true });
    throw writeFailure("replace", layout.rel(layout.out), e);
  }
  if (had) rmSync(old, { recursive: true, force: true });
  return true;
}

/**
 * Cleans what dead runs left: an old tree whose swap was cut between its two renames is
 * put back (the output folder is missing); other swap folders and temp files are removed.
 */
function recoverDeadRuns(layout: Layout, files: readonly GeneratedFile[]): void {
  const leftovers = findLeftovers(layout, files);
  if (!existsSync(layout.out)) {
    const old = leftovers.find(
      (p) => dirname(p) === dirname(layout.out) && basename(p).startsWith(`.${basename(layout.out)}${SWAP_OLD}`),
    );
    if (old) {
      try {
        renameSync(old, layout.out);
      } catch (e) {
        throw writeFailure("restore", layout.rel(layout.out), e);
      }
    }
  }
  for (const p of leftovers) {
    try {
      if (existsSync(p) || lstatOrUndefined(p)) rmSync(p, { recursive: true, force: true });
    } catch (e) {
      throw writeFailure("remove the leftover", layout.rel(p), e);
    }
  }
}

/**
 * Writes a report (`lint -o`, a baseline) to `path`. A regular file (or a new one) is
 * replaced through a temp file and a rename; anything else — a device such as /dev/null,
 * a FIFO, a symlink to one — is opened and written to, never renamed over. `-` is stdout.
 * A folder is an error (exit 2) and leaves nothing behind.
 */
export function writeOutputFile(path: string, text: string, display = path, stdout?: (t: string) => void): void {
  if (display === "-" && stdout) {
    stdout(text);
    return;
  }
  let st: Stats | undefined;
  try {
    st = statSync(path); // follows symlinks: a link to /dev/null is a device
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== "ENOENT") throw writeFailure("write", display, e);
  }
  if (st?.isDirectory())
    throw new WriteError(
      `logpact: cannot write ${display}: it is a folder\n  fix: pass a file path, e.g. ${posix.join(display.split(sep).join("/"), "report.txt")}`,
    );
  if (st && !st.isFile()) {
    // A device, FIFO or socket: stream into it (opening a FIFO waits for its reader, as a shell redirect does).
    let fd: number | undefined;
    try {
      fd = openSync(path, "w");
      if (fstatSync(fd).isFile()) throw new WriteError(`logpact: ${display} changed while it was opened; run again`);
      const buf = Buffer.from(text);
      for (let off = 0; off < buf.length; ) off += writeSync(fd, buf, off);
    } catch (e) {
      throw writeFailure("write", display, e);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    return;
  }
  // A regular file (or none yet): replace it in one rename; write through a symlink to its target.
  let target = path;
  try {
    target = st ? realpathSync(path) : path;
  } catch {
    /* keep path */
  }
  const tmp = `${target}${TEMP_MARK}${process.pid}`;
  try {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(tmp, text);
    renameSync(tmp, target);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      /* not created */
    }
    throw writeFailure("write", display, e);
  }
}
