/**
 * The disk side of the docs features (used by the CLI commands only): find the
 * configured Markdown files, read them, and read cited source files.
 */
import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { join } from "node:path";
import { glob } from "tinyglobby";
import type { ResolvedConfig } from "../config/schema.js";
import { LogpactError } from "../errors.js";
import { insideRoot } from "../util/project-bounds.js";
import type { RegistryIR } from "../registry/ir.js";
import type { GeneratedFile } from "../targets/types.js";
import type { DocInput, Refused } from "./check.js";
import type { MarkerProblem } from "./markers.js";
import { sectionRenderer, updateSections } from "./update.js";

/** Markers that cannot be parsed or name something unknown: exit 2, nothing written. */
export class DocsMarkerError extends LogpactError {
  constructor(readonly problems: readonly { file: string; problem: MarkerProblem }[]) {
    super(
      `${problems.length} malformed logpact marker${problems.length === 1 ? "" : "s"} in the docs; nothing was written.\n\n` +
        problems
          .map(
            ({ file, problem: p }) =>
              `${file}:${p.line}:${p.column}: error LP_DOCS_MARKER ${p.message}\n  fix: ${p.fix}`,
          )
          .join("\n\n"),
    );
  }
}

/** Markdown files matching `docs.include` minus `docs.exclude` (and node_modules), sorted. */
export async function findDocs(
  root: string,
  include: readonly string[],
  exclude: readonly string[],
): Promise<string[]> {
  if (include.length === 0) return [];
  // Symlinked folders are not walked (a loop, or a link to outside the project); a symlinked
  // file counts only when it resolves to a regular file inside the project.
  const files = await glob([...include], {
    cwd: root,
    ignore: ["**/node_modules/**", ...exclude],
    onlyFiles: true,
    dot: false,
    expandDirectories: false,
    followSymbolicLinks: false,
  });
  const rootReal = realpathSync(root);
  return files
    .map((f) => f.split("\\").join("/"))
    .filter((f) => {
      try {
        const real = realpathSync(join(root, f));
        return insideRoot(rootReal, real) && statSync(real).isFile();
      } catch {
        return false;
      }
    })
    .sort();
}

/**
 * Why a root-relative path must not be read, or undefined when it may: its real location
 * (symbolic links resolved) is outside the project root.
 */
export function outsideRoot(root: string, path: string): string | undefined {
  try {
    if (!insideRoot(realpathSync(root), realpathSync(join(root, path))))
      return "is a symbolic link to outside the project";
  } catch {
    return undefined; // missing: the caller reports that
  }
  return undefined;
}

/** Reads docs (root-relative paths). */
export function readDocs(root: string, paths: readonly string[]): DocInput[] {
  return paths.map((path) => ({ path, text: readFileSync(join(root, path), "utf8") }));
}

/** A reader for cited project files: undefined when missing or not a regular file; refused outside the project. */
export function projectFileReader(root: string): (path: string) => string | undefined | Refused {
  return (path) => {
    const abs = join(root, path);
    try {
      if (!existsSync(abs)) return undefined;
      const refused = outsideRoot(root, path);
      if (refused) return { refused };
      return statSync(abs).isFile() ? readFileSync(abs, "utf8") : undefined;
    } catch {
      return undefined;
    }
  };
}

/**
 * For `logpact gen`: the configured docs that contain logpact sections, with their sections
 * rewritten from the registry (unchanged docs come back unchanged, so `--check` can
 * compare them). Throws DocsMarkerError listing every malformed marker.
 */
export async function docSectionFiles(root: string, config: ResolvedConfig, ir: RegistryIR): Promise<GeneratedFile[]> {
  const paths = await findDocs(root, config.docs.include, config.docs.exclude);
  const renderer = sectionRenderer(config.templates ? join(root, config.templates) : undefined);
  const out: GeneratedFile[] = [];
  const problems: { file: string; problem: MarkerProblem }[] = [];
  for (const doc of readDocs(root, paths)) {
    if (!doc.text.includes("logpact:")) continue;
    const r = updateSections(doc.text, ir, { renderer });
    if (!r.ok) {
      for (const problem of r.errors) problems.push({ file: doc.path, problem });
      continue;
    }
    if (r.sections.length) out.push({ path: doc.path, contents: r.text });
  }
  if (problems.length) throw new DocsMarkerError(problems);
  return out;
}
