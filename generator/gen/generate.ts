/**
 * The pure core: IR in, files out. No disk access; the CLI writes (or compares) them.
 */
import { createHash } from "node:crypto";
import { posix } from "node:path";
import type { ResolvedConfig } from "../config/schema.js";
import { LogpactError, RegistryError, type Diagnostic } from "../errors.js";
import type { RegistryIR } from "../registry/ir.js";
import { settingsOf } from "../config/targets.js";
import { TARGETS } from "./targets.js";
import type { GeneratedFile, Target } from "../targets/types.js";
import { compactJson } from "../util/json.js";

import { BANNER, MANIFEST_FILE } from "./manifest.js";

export { BANNER, MANIFEST_FILE } from "./manifest.js";

export interface GenerateOptions {
  /** Project root (absolute), for reading user template overrides. */
  root: string;
  /** Only these targets (default: all enabled in the config). */
  only?: readonly string[] | undefined;
  /** The target table to render (default: logpact's own `TARGETS`); lets a library caller add targets. */
  targets?: readonly Target<never>[] | undefined;
  /**
   * The caller already ran `checkTargets` on this IR with these options and stopped on its
   * errors (`gen` runs it with the registry's checks), so `generate` does not run it again.
   */
  checked?: boolean | undefined;
}

/** The targets a run renders: enabled in the config and, with `only`, named there. */
function selectedTargets(config: ResolvedConfig, opts: Pick<GenerateOptions, "only" | "targets">) {
  return (opts.targets ?? TARGETS)
    .filter((target) => !opts.only || opts.only.includes(target.name))
    .map((target) => ({ target, ...settingsOf(config, target) }))
    .filter((t) => t.enabled);
}

/**
 * Every problem that would stop the selected targets from rendering, all at once: family
 * names that cannot be file names, then each target's own `check`. `gen` reports them with
 * the registry's errors (loadRegistry's `checks`); `generate` throws them.
 */
export function checkTargets(
  ir: RegistryIR,
  config: ResolvedConfig,
  opts: Pick<GenerateOptions, "only" | "targets"> = {},
): Diagnostic[] {
  const out = unsafeNames(ir);
  for (const { target, dir, options } of selectedTargets(config, opts))
    out.push(...(target.check?.(ir, { options, outDir: dir }) ?? []));
  return out;
}

/** Renders every enabled target; files sorted by path, plus the manifest. Throws RegistryError when a check fails. */
export function generate(ir: RegistryIR, config: ResolvedConfig, opts: GenerateOptions): GeneratedFile[] {
  const problems = opts.checked ? [] : checkTargets(ir, config, opts);
  if (problems.some((d) => d.severity === "error")) throw new RegistryError(problems);
  const files: GeneratedFile[] = [];
  const owner = new Map<string, string>();
  const refused: string[] = [];
  for (const { target, dir, options } of selectedTargets(config, opts)) {
    const rendered = target.render(ir, {
      options,
      outDir: dir,
      root: opts.root,
      templatesDir: config.templates ? posix.join(opts.root, config.templates) : undefined,
      draft: config.jsonSchemaDraft,
      banner: BANNER,
    });
    for (const file of rendered) {
      const problem = unsafeOutputPath(file.path);
      if (problem) {
        refused.push(
          `error LP_UNSAFE_PATH: target "${target.name}" would write "${file.path}" (${problem}), which could land outside ${dir}/; nothing was written.\n  fix: rename the family or option that produced this name (letters, digits, dots, dashes, underscores)`,
        );
        continue;
      }
      const path = posix.join(dir, file.path);
      const previous = owner.get(path);
      if (previous) {
        refused.push(
          `error LP_OUTPUT_CONFLICT: targets "${previous}" and "${target.name}" both write ${path}\n  fix: give one of them its own targets.<name>.outDir in the config`,
        );
        continue;
      }
      owner.set(path, target.name);
      files.push({ path, contents: normaliseNewlines(file.contents) });
    }
  }
  // Every refused path of every target at once, not the first.
  if (refused.length) throw new LogpactError(refused.join("\n\n"));
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  // A partial run (--only) must not shrink the manifest: it would forget the other targets' files.
  if (opts.only) return files;
  // The hashes let the next run prove a file is one it wrote before deleting it (docs/security.md).
  const sha256 = Object.fromEntries(files.map((f) => [f.path, createHash("sha256").update(f.contents).digest("hex")]));
  files.push({
    path: posix.join(config.outDir, MANIFEST_FILE),
    contents: compactJson({ $comment: BANNER, files: files.map((f) => f.path), sha256 }),
  });
  return files;
}

/** Longest family name accepted: file names built from it stay well under 255 bytes. */
const MAX_NAME_LENGTH = 200;

/**
 * Family names become file names (`<family>.schema.json`, `<family>.md`): a name with a
 * path separator, `..`, a control character or hundreds of characters could write outside
 * the output folder, crash the write, or break `$ref`s. Rejected whatever the conventions.
 */
function unsafeNames(ir: RegistryIR): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const f of ir.families) {
    const why = /[\\/]/.test(f.name)
      ? "holds a path separator (/ or \\)"
      : /[\u0000-\u001f\u007f]/.test(f.name)
        ? "holds a control character (NUL, newline, …)"
        : f.name === "" || /^\.|\.\.|\.$/.test(f.name)
          ? "starts or ends with a dot, or holds `..`"
          : Buffer.byteLength(f.name) > MAX_NAME_LENGTH
            ? `is ${Buffer.byteLength(f.name)} bytes long (at most ${MAX_NAME_LENGTH})`
            : undefined;
    if (why === undefined) continue;
    const shown = JSON.stringify(f.name.length > 60 ? `${f.name.slice(0, 60)}…` : f.name);
    out.push({
      code: "LP_UNSAFE_NAME",
      severity: "error",
      file: f.source.file,
      family: f.name.length > 60 ? `${f.name.slice(0, 60)}…` : f.name,
      message: `family name ${shown} ${why}; logpact names generated files after families, so it cannot be used as a file name`,
      fix: "rename the family: lowercase segments joined by dots (e.g. billing.invoice)",
    });
  }
  return out;
}

/** Why a target's relative output path is unsafe, or undefined. */
function unsafeOutputPath(path: string): string | undefined {
  if (path.includes("\0") || /[\u0000-\u001f]/.test(path)) return "a control character";
  if (path.includes("\\")) return "a backslash";
  if (path === "" || path.startsWith("/") || /^[A-Za-z]:/.test(path)) return "an absolute path";
  if (posix.normalize(path) !== path || path.split("/").some((s) => s === ".." || s === "." || s === ""))
    return "a `..` or empty segment";
  if (path.split("/").some((s) => Buffer.byteLength(s) > 255)) return "a segment longer than 255 bytes";
  return undefined;
}

function normaliseNewlines(text: string): string {
  const lf = text.replace(/\r\n?/g, "\n");
  return lf.endsWith("\n") ? lf : `${lf}\n`;
}
