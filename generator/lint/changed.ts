/**
 * `--changed-since <ref>`: the lines changed since a git ref (committed, staged and
 * unstaged, plus untracked files), from `git diff -U0` hunks. Findings on other lines
 * are dropped; files without changes are not even read.
 */
import { execFileSync } from "node:child_process";
import { relative, resolve, sep } from "node:path";
import { UsageError } from "../errors.js";
import type { Finding } from "./types.js";

/** Root-relative file → changed line numbers (`"all"` for new or untracked files). */
export type ChangedLines = Map<string, Set<number> | "all">;

function git(args: readonly string[], cwd: string): string {
  return execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    maxBuffer: 512 * 1024 * 1024,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Reads the changed lines of the work tree against `ref`. */
export function changedLinesSince(root: string, ref: string): ChangedLines {
  let top: string;
  try {
    top = git(["rev-parse", "--show-toplevel"], root).trim();
  } catch {
    throw new UsageError(
      `--changed-since: ${root} is not inside a git repository\n  fix: run logpact lint from a git checkout, or drop --changed-since`,
    );
  }
  try {
    git(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], root);
  } catch {
    throw new UsageError(
      `--changed-since: "${ref}" is not a commit in this repository\n  fix: pass a branch, tag or sha that exists (in CI, fetch it first: git fetch origin main --depth=50)`,
    );
  }
  const diff = git(["diff", "-U0", "--no-color", "--no-ext-diff", "--no-renames", ref, "--", "."], root);
  const changed: ChangedLines = parseUnifiedDiff(diff, (p) => toRootRelative(top, root, p));
  const untracked = git(["ls-files", "--others", "--exclude-standard", "-z", "--", "."], root)
    .split("\0")
    .filter(Boolean);
  for (const p of untracked) changed.set(toRootRelative(root, root, p), "all");
  return changed;
}

function toRootRelative(from: string, root: string, p: string): string {
  return relative(root, resolve(from, p)).split(sep).join("/");
}

/** Parses `git diff -U0` output into changed (new-side) line numbers per file. */
export function parseUnifiedDiff(diff: string, mapPath: (gitPath: string) => string = (p) => p): ChangedLines {
  const out: ChangedLines = new Map();
  let current: Set<number> | "all" | undefined;
  let newFile = false;
  for (const line of diff.split("\n")) {
    if (line.startsWith("diff --git ")) {
      current = undefined;
      newFile = false;
    } else if (line.startsWith("new file mode")) {
      newFile = true;
    } else if (line.startsWith("+++ ")) {
      const target = line.slice(4).trim();
      if (target === "/dev/null") {
        current = undefined;
        continue;
      }
      const path = mapPath(unquote(target).replace(/^b\//, ""));
      current = newFile ? "all" : new Set<number>();
      out.set(path, current);
    } else if (line.startsWith("@@") && current instanceof Set) {
      const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (!m) continue;
      const start = Number(m[1]);
      const count = m[2] === undefined ? 1 : Number(m[2]);
      for (let i = 0; i < count; i++) current.add(start + i);
    }
  }
  return out;
}

/** git quotes paths with unusual characters: "b/sp\303\251cial.ts". */
function unquote(p: string): string {
  if (!p.startsWith('"')) return p;
  const bytes: number[] = [];
  const body = p.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== "\\") {
      bytes.push(...Buffer.from(c, "utf8"));
      continue;
    }
    const n = body[++i]!;
    if (/[0-7]/.test(n)) {
      bytes.push(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else bytes.push(({ n: 10, t: 9, '"': 34, "\\": 92 } as Record<string, number>)[n] ?? n.charCodeAt(0));
  }
  return Buffer.from(bytes).toString("utf8");
}

/** Keeps findings whose range touches a changed line. */
export function onChangedLines(findings: readonly Finding[], changed: ChangedLines): Finding[] {
  return findings.filter((f) => {
    const lines = changed.get(f.file);
    if (lines === undefined) return false;
    if (lines === "all") return true;
    for (let l = f.loc.line; l <= f.loc.endLine; l++) if (lines.has(l)) return true;
    return lines.has(f.callLine);
  });
}
