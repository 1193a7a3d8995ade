/**
 * `format: "prettier"`: runs the project's own prettier (its version, its config, its
 * .prettierignore) over generated files before they are written *and* before `--check`
 * compares them, so a repo that formats everything with prettier keeps `gen --check`
 * green. logpact does not bundle prettier: it is resolved from the project root.
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ConfigurationError } from "../errors.js";
import type { GeneratedFile } from "../targets/types.js";

interface Prettier {
  format(text: string, options: Record<string, unknown>): Promise<string>;
  resolveConfig(file: string): Promise<Record<string, unknown> | null>;
  getFileInfo(
    file: string,
    options: { ignorePath?: string[]; resolveConfig?: boolean },
  ): Promise<{ ignored: boolean; inferredParser: string | null }>;
}

/** The `format` config values. */
export const FORMATTERS = ["none", "prettier"] as const;
export type Formatter = (typeof FORMATTERS)[number];

/** Loads prettier as installed in the project at `root`, or throws a ConfigurationError naming the fix. */
export async function loadProjectPrettier(root: string): Promise<Prettier> {
  let resolved: string;
  try {
    resolved = createRequire(join(root, "package.json")).resolve("prettier");
  } catch {
    throw new ConfigurationError(
      `logpact.config: error LP_FORMAT_NO_PRETTIER\n  format is "prettier" but prettier is not installed in ${root}\n  fix: \`pnpm add -D prettier\` (logpact uses the project's own prettier and config), or remove \`format\``,
    );
  }
  const mod = (await import(pathToFileURL(resolved).href)) as Prettier & { default?: Prettier };
  return typeof mod.format === "function" ? mod : mod.default!;
}

/** Formats each file prettier handles and does not ignore; others are returned as they are. */
export async function formatGenerated(
  root: string,
  files: readonly GeneratedFile[],
  formatter: Formatter,
): Promise<GeneratedFile[]> {
  if (formatter === "none" || files.length === 0) return [...files];
  const prettier = await loadProjectPrettier(root);
  const ignorePath = [join(root, ".prettierignore")];
  return Promise.all(
    files.map(async (f) => {
      const abs = join(root, f.path);
      const info = await prettier.getFileInfo(abs, { ignorePath, resolveConfig: true });
      if (info.ignored || info.inferredParser === null) return f;
      const options = (await prettier.resolveConfig(abs)) ?? {};
      return { ...f, contents: await prettier.format(f.contents, { ...options, filepath: abs }) };
    }),
  );
}
