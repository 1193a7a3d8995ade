/**
 * The baseline `diff` compares against: a snapshot file, or the registry of a git ref.
 *
 * For a git ref, logpact reads the ref's committed snapshot (`git show
 * <ref>:<outDir>/registry.json`) when there is one: it is what was reviewed and deployed
 * with that commit (the JSON Schema and alert rules came from the same `logpact gen`), it
 * needs no module loading (so it does not depend on today's node_modules matching the
 * ref's imports), and it is instant. `logpact gen --check` in CI keeps it equal to the
 * ref's schemas. Without a snapshot at the ref (it predates logpact, the registry target
 * is disabled, the output folder moved) or with `--from-schemas`, logpact materialises the
 * ref in a temporary `git worktree add --detach`, links the project's node_modules into it
 * (schema modules import `zod`), builds the registry with the ref's own config, and
 * removes the worktree afterwards, also on error. Only local git: no network.
 */
import { spawnSync } from "node:child_process";
import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  unlinkSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, posix, resolve } from "node:path";
import { loadConfig } from "../config/load.js";
import type { ResolvedConfig } from "../config/schema.js";
import { LogpactError, RegistryError, UsageError } from "../errors.js";
import { targetSettings } from "../config/targets.js";
import { buildRegistry } from "../registry/build.js";
import { loadRegistry } from "../registry/index.js";
import type { RegistryIR } from "../registry/ir.js";
import { REGISTRY_SNAPSHOT_FILE } from "../targets/snapshot/spec.js";
import { READ_IR_VERSIONS, parseSnapshot, readSnapshotFile, snapshotIrVersion } from "../registry/snapshot.js";

/** The baseline registry cannot be read or built (exit 2). */
export class BaselineError extends LogpactError {}

/** Where the baseline came from, for reports. */
export type BaselineSource =
  | { readonly kind: "snapshot-file"; readonly path: string }
  | {
      readonly kind: "git";
      readonly ref: string;
      readonly commit: string;
      readonly from: "snapshot" | "schemas";
      readonly path?: string;
    };

export interface Baseline {
  readonly ir: RegistryIR;
  readonly source: BaselineSource;
  /** Things the user should know (a fallback taken), one line each. */
  readonly notes: readonly string[];
}

/** Reads `path` (relative to `root`) as a registry snapshot. */
export function baselineFromSnapshotFile(root: string, path: string): Baseline {
  return { ir: readSnapshotFile(resolve(root, path), path), source: { kind: "snapshot-file", path }, notes: [] };
}

export interface GitBaselineOptions {
  /** Build the ref's registry from its schema modules even when it has a committed snapshot. */
  fromSchemas?: boolean | undefined;
  /** `--config` as given (relative to the project root), used for the ref's config too. */
  configPath?: string | undefined;
}

/** The registry at git `ref` of the repository containing `root`. */
export async function baselineFromGit(
  root: string,
  ref: string,
  config: ResolvedConfig,
  opts: GitBaselineOptions = {},
): Promise<Baseline> {
  const top = git(["rev-parse", "--show-toplevel"], root);
  if (!top.ok) {
    throw new UsageError(
      `error LP_DIFF_NOT_A_REPO\n  --against needs a git repository, and ${root} is not inside one (${top.stderr.trim() || "git failed"})\n  fix: run logpact diff inside the repository, or compare with --against-snapshot <registry.json>`,
    );
  }
  const rev = git(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], root);
  if (!rev.ok) {
    const shallow = git(["rev-parse", "--is-shallow-repository"], root).stdout.trim() === "true";
    const hint = shallow
      ? "this clone is shallow: fetch the history (GitHub Actions: `actions/checkout` with `fetch-depth: 0`; elsewhere `git fetch --unshallow`)"
      : `fetch it first (\`git fetch origin\`), or name an existing branch, tag or commit`;
    throw new UsageError(
      `error LP_DIFF_UNKNOWN_REF\n  --against "${ref}" is not a commit in this repository\n  fix: ${hint}`,
    );
  }
  const commit = rev.stdout.trim();
  const prefix = git(["rev-parse", "--show-prefix"], root).stdout.trim();
  const notes: string[] = [];

  const { enabled, dir } = targetSettings(config, "registry");
  const snapshotPath = posix.join(prefix, dir, REGISTRY_SNAPSHOT_FILE);
  if (!opts.fromSchemas && enabled) {
    const shown = git(["show", `${commit}:${snapshotPath}`], root);
    if (shown.ok) {
      const version = snapshotIrVersion(shown.stdout);
      if (READ_IR_VERSIONS.includes(version)) {
        return {
          ir: parseSnapshot(shown.stdout, `${ref}:${snapshotPath}`),
          source: { kind: "git", ref, commit, from: "snapshot", path: snapshotPath },
          notes,
        };
      }
      notes.push(
        `${ref}:${snapshotPath} has irVersion ${JSON.stringify(version)}, which this logpact does not read (it reads ${READ_IR_VERSIONS.join(", ")}); building the registry from the schema modules at ${ref} instead`,
      );
    } else {
      notes.push(
        `no committed snapshot ${snapshotPath} at ${ref}; building the registry from the schema modules at ${ref}`,
      );
    }
  }
  const ir = await buildAtCommit(top.stdout.trim(), root, prefix, ref, commit, opts.configPath, notes);
  return { ir, source: { kind: "git", ref, commit, from: "schemas" }, notes };
}

/** Checks `commit` out in a temporary worktree and builds its registry; always removes the worktree. */
async function buildAtCommit(
  top: string,
  root: string,
  prefix: string,
  ref: string,
  commit: string,
  configPath: string | undefined,
  notes: string[],
): Promise<RegistryIR> {
  const tmp = realpathSync(mkdtempSync(join(tmpdir(), "logpact-diff-")));
  const tree = join(tmp, "tree");
  const links: string[] = [];
  let added = false;
  try {
    // No hooks: a post-checkout hook (husky, lfs) has no business running in a throwaway tree.
    const add = git(
      ["-c", `core.hooksPath=${join(tmp, "no-hooks")}`, "worktree", "add", "--detach", "--quiet", tree, commit],
      top,
    );
    if (!add.ok)
      throw new BaselineError(
        `error LP_DIFF_WORKTREE\n  could not check out ${ref} in a temporary worktree: ${add.stderr.trim()}\n  fix: compare with --against-snapshot <registry.json> instead`,
      );
    added = true;
    const projectAtRef = join(tree, prefix);
    linkNodeModules(top, tree, prefix, links);

    let refConfig: ResolvedConfig;
    try {
      refConfig = (await loadConfig(projectAtRef, configPath)).config;
    } catch (e) {
      throw wrap(e, `the logpact config at ${ref} is invalid, so its registry cannot be built`);
    }
    try {
      return (await loadRegistry(projectAtRef, refConfig)).ir;
    } catch (e) {
      if (
        e instanceof RegistryError &&
        e.diagnostics.some((d) => d.code === "LP_NO_SCHEMA_FILES" || d.code === "LP_NO_FAMILIES")
      ) {
        notes.push(`no event families at ${ref}: comparing against an empty registry`);
        return buildRegistry([], refConfig).ir;
      }
      throw wrap(e, `the registry at ${ref} (${commit.slice(0, 12)}) has errors, so it cannot be the baseline`);
    }
  } finally {
    // Remove our links first, so removing the tree can never reach into the real node_modules.
    for (const link of links) {
      try {
        unlinkSync(link);
      } catch {
        // already gone
      }
    }
    if (added && !git(["worktree", "remove", "--force", tree], top).ok) {
      rmSync(tree, { recursive: true, force: true });
      git(["worktree", "prune"], top);
    }
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Links every node_modules between the repository top and the project root into the same place in the worktree. */
function linkNodeModules(top: string, tree: string, prefix: string, links: string[]): void {
  const segments = prefix.split("/").filter(Boolean);
  for (let i = 0; i <= segments.length; i++) {
    const rel = segments.slice(0, i);
    const real = join(top, ...rel, "node_modules");
    const link = join(tree, ...rel, "node_modules");
    if (!existsSync(real) || existsSync(link) || !existsSync(join(tree, ...rel))) continue;
    if (isLink(link)) continue;
    symlinkSync(real, link, "junction");
    links.push(link);
  }
}

function isLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

function wrap(e: unknown, context: string): unknown {
  if (e instanceof LogpactError)
    return new BaselineError(
      `${context}:\n\n${e.message}\n\nfix: compare against another ref, or against a snapshot with --against-snapshot`,
    );
  return e;
}

function git(args: readonly string[], cwd: string): { ok: boolean; stdout: string; stderr: string } {
  const r = spawnSync("git", args, { cwd, encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
  if (r.error) {
    throw new UsageError(
      `error LP_DIFF_NO_GIT\n  could not run git: ${r.error.message}\n  fix: install git and put it on PATH, or compare with --against-snapshot <registry.json>`,
    );
  }
  return { ok: r.status === 0, stdout: r.stdout, stderr: r.stderr };
}
