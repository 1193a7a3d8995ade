/**
 * Which files `logpact lint` reads: a walk of the project that honours `.gitignore`
 * (nested ones too, pruning ignored folders before reading them), never enters
 * `node_modules` or `.git`, skips the generated output folder and declaration files,
 * follows symlinks but reports loops and dangling links instead of failing.
 */
import ignore, { type Ignore } from "ignore";
import { existsSync, readFileSync, readdirSync, realpathSync, statSync, type Dirent } from "node:fs";
import { join, posix, relative, resolve, sep } from "node:path";
import { anyMatcher, fileGlobToRegExp } from "./glob.js";
import { insideRoot } from "../util/project-bounds.js";
import type { Notice } from "./types.js";

/** Extensions the scanner understands. */
export const LINTABLE_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"] as const;

const DECLARATION_FILE = /\.d\.(?:[cm]?ts|tsx)$/;
const ALWAYS_SKIPPED_DIRS = new Set(["node_modules", ".git"]);

export interface DiscoverOptions {
  /** Absolute project root. */
  root: string;
  include: readonly string[];
  exclude: readonly string[];
  /** Root-relative folders never linted (the generated output). */
  skipDirs: readonly string[];
  /** Restrict the walk to these paths (absolute files or folders); default: the root. */
  paths?: readonly string[] | undefined;
}

export interface Discovered {
  /** Root-relative POSIX paths, sorted. */
  files: string[];
  notices: Notice[];
  /** Named paths (`paths`) that matched no file to lint, each with the reason. */
  unmatched: { path: string; why: string }[];
}

interface IgnoreScope {
  /** Root-relative folder the `.gitignore` lives in ("" for the root). */
  base: string;
  ig: Ignore;
}

/** Walks the project and returns the files to lint. */
export function discoverFiles(opts: DiscoverOptions): Discovered {
  const root = resolve(opts.root);
  const included = anyMatcher(opts.include, fileGlobToRegExp);
  const excluded = anyMatcher(opts.exclude, fileGlobToRegExp);
  const skipDirs = new Set(opts.skipDirs.map((d) => posix.normalize(d).replace(/\/$/, "")));
  const files = new Set<string>();
  const notices: Notice[] = [];
  const unmatched: { path: string; why: string }[] = [];
  const seenFiles = new Set<string>();

  const isIgnored = (rel: string, isDir: boolean, scopes: readonly IgnoreScope[]): boolean => {
    for (const s of scopes) {
      const sub = s.base === "" ? rel : rel.slice(s.base.length + 1);
      if (s.ig.ignores(isDir ? `${sub}/` : sub)) return true;
    }
    return false;
  };

  const scopesFor = (absDir: string, rel: string, parent: readonly IgnoreScope[]): readonly IgnoreScope[] => {
    const gi = join(absDir, ".gitignore");
    if (!existsSync(gi)) return parent;
    try {
      return [...parent, { base: rel, ig: ignore().add(readFileSync(gi, "utf8")) }];
    } catch {
      return parent;
    }
  };

  /** `knownReal`: the file's real path when the walk knows it (no symlink on the way), sparing a `realpath`. */
  const considerFile = (abs: string, rel: string, knownReal?: string): void => {
    if (!LINTABLE_EXTENSIONS.some((e) => rel.endsWith(e)) || DECLARATION_FILE.test(rel)) return;
    if (!included(rel) || excluded(rel)) return;
    let real: string;
    try {
      real = knownReal ?? realpathSync(abs);
    } catch {
      notices.push({ file: rel, kind: "broken-symlink", message: "symbolic link points nowhere; skipped" });
      return;
    }
    // A symlink to outside the project is not read (nor quoted in findings).
    if (knownReal === undefined && outside(real)) {
      notices.push({ file: rel, kind: "outside-root", message: "symbolic link to outside the project; not read" });
      return;
    }
    // The same file reached through two paths (a symlinked folder) is linted once.
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    files.add(rel);
  };

  /** `realDir`: the real path of `absDir`; an entry that is not a symlink is `realDir/name` (no `realpath` per file). */
  const walk = (
    absDir: string,
    rel: string,
    ancestors: ReadonlySet<string>,
    parentScopes: readonly IgnoreScope[],
    realDir: string,
  ): void => {
    const scopes = scopesFor(absDir, rel, parentScopes);
    let entries: Dirent[];
    try {
      entries = readdirSync(absDir, { withFileTypes: true });
    } catch (e) {
      notices.push({ file: rel || ".", kind: "unreadable", message: `cannot read folder: ${(e as Error).message}` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const childRel = rel === "" ? entry.name : `${rel}/${entry.name}`;
      const childAbs = join(absDir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      const isLink = entry.isSymbolicLink();
      if (isLink) {
        let st;
        try {
          st = statSync(childAbs);
        } catch {
          if (
            LINTABLE_EXTENSIONS.some((e) => childRel.endsWith(e)) &&
            included(childRel) &&
            !excluded(childRel) &&
            !isIgnored(childRel, false, scopes)
          ) {
            notices.push({ file: childRel, kind: "broken-symlink", message: "symbolic link points nowhere; skipped" });
          }
          continue;
        }
        isDir = st.isDirectory();
        isFile = st.isFile();
      }
      if (isDir) {
        if (ALWAYS_SKIPPED_DIRS.has(entry.name) || skipDirs.has(childRel)) continue;
        if (isIgnored(childRel, true, scopes)) continue;
        let real: string;
        try {
          real = isLink ? realpathSync(childAbs) : join(realDir, entry.name);
        } catch (e) {
          notices.push({
            file: childRel,
            kind: "unreadable",
            message: `cannot resolve folder: ${(e as Error).message}`,
          });
          continue;
        }
        if (isLink && outside(real)) {
          notices.push({
            file: childRel,
            kind: "outside-root",
            message: "symbolic link to a folder outside the project; not followed",
          });
          continue;
        }
        if (ancestors.has(real)) {
          notices.push({
            file: childRel,
            kind: "symlink-loop",
            message: `symbolic link loops back to ${toRel(root, real) || "."}; not followed`,
          });
          continue;
        }
        walk(childAbs, childRel, new Set([...ancestors, real]), scopes, real);
      } else if (isFile) {
        if (isIgnored(childRel, false, scopes)) continue;
        considerFile(childAbs, childRel, isLink ? undefined : join(realDir, entry.name));
      }
    }
  };

  /** True when a named file was already linted through an earlier named path. */
  const seenBefore = (abs: string): boolean => {
    try {
      return statSync(abs).isFile() && seenFiles.has(realpathSync(abs));
    } catch {
      return false;
    }
  };
  const rootReal = realpathSync(root);
  const outside = (real: string): boolean => !insideRoot(rootReal, real);
  const rootScopes = scopesFor(root, "", []);
  if (opts.paths === undefined || opts.paths.length === 0) {
    walk(root, "", new Set([rootReal]), [], rootReal);
  } else {
    for (const p of opts.paths) {
      const abs = resolve(root, p);
      const rel = toRel(root, abs);
      if (rel.startsWith("..")) {
        unmatched.push({ path: p, why: "is outside the project root" });
        continue;
      }
      let st;
      try {
        st = statSync(abs);
      } catch {
        unmatched.push({ path: rel, why: "does not exist" });
        continue;
      }
      const before = files.size;
      // The .gitignore files of the folders above an explicit path still apply.
      const parents = rel === "" ? [] : rel.split("/").slice(0, -1);
      let scopes = rootScopes;
      for (let i = 1; i <= parents.length; i++) {
        const sub = parents.slice(0, i).join("/");
        scopes = scopesFor(join(root, sub), sub, scopes);
      }
      if (rel === "") walk(root, "", new Set([rootReal]), [], rootReal);
      else if (st.isDirectory()) {
        if (!isIgnored(rel, true, scopes)) {
          const real = realpathSync(abs);
          walk(abs, rel, new Set([rootReal, real]), scopes, real);
        }
      } else if (!st.isFile()) {
        // A FIFO or device would block the read forever.
        notices.push({
          file: rel,
          kind: "unreadable",
          message: "not a regular file (a FIFO, pipe or device); skipped",
        });
        unmatched.push({ path: rel, why: "is not a regular file (a FIFO, pipe or device), so it was not read" });
        continue;
      } else if (!isIgnored(rel, false, scopes)) considerFile(abs, rel);
      // A typo'd or excluded path must not turn a CI gate off silently.
      if (files.size === before && !seenBefore(abs)) {
        unmatched.push({
          path: rel || ".",
          why: st.isDirectory()
            ? "holds no file that lint.include selects (after lint.exclude and .gitignore)"
            : "is not a file lint.include selects (or it is excluded, ignored, or a declaration file)",
        });
      }
    }
  }
  return { files: [...files].sort(), notices, unmatched };
}

function toRel(root: string, abs: string): string {
  return relative(root, abs).split(sep).join("/");
}
