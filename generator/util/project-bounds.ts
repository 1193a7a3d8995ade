/**
 * Paths the config points at outside the project root. logpact writes under the project
 * and reads docs and templates from it; a config that points elsewhere (`outDir: "../.."`,
 * `docs.include: ["../../x/*.md"]`, an absolute folder) must say so with
 * `allowOutsideProject: true`, and even then each such path is printed as a notice.
 */
import { existsSync, statSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";
import type { ResolvedConfig } from "../config/schema.js";
import { ConfigurationError } from "../errors.js";

/** Whether `abs` is `root` or inside it. */
export function insideRoot(root: string, abs: string): boolean {
  const rel = relative(root, abs);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}

/** A glob's fixed leading folder (before the first magic character). */
function globBase(pattern: string): string {
  const parts = pattern.split("/");
  const fixed: string[] = [];
  for (const p of parts) {
    if (/[*?{}[\]!()]/.test(p)) break;
    fixed.push(p);
  }
  return fixed.join("/") || ".";
}

/** Config paths outside the project: `[config key, path]` pairs. */
export function outsideProjectPaths(
  root: string,
  config: ResolvedConfig,
  opts: { writes?: boolean; docs?: boolean } = {},
): [string, string][] {
  const out: [string, string][] = [];
  const check = (key: string, path: string | undefined) => {
    if (path !== undefined && !insideRoot(root, resolve(root, path))) out.push([key, path]);
  };
  if (opts.writes !== false) {
    check("outDir", config.outDir);
    for (const [name, t] of Object.entries(config.targets)) check(`targets.${name}.outDir`, t.outDir);
  }
  check("templates", config.templates);
  if (opts.docs !== false) for (const g of config.docs.include) check("docs.include", globBase(g));
  return out;
}

/**
 * Refuses config paths outside the project unless `allowOutsideProject` is set; with it,
 * returns one notice per such path (the caller prints them).
 */
export function checkProjectBounds(
  root: string,
  config: ResolvedConfig,
  opts: { writes?: boolean; docs?: boolean } = {},
): string[] {
  const outside = outsideProjectPaths(root, config, opts);
  const allowed = (config as { allowOutsideProject?: boolean }).allowOutsideProject === true;
  if (outside.length && !allowed) {
    throw new ConfigurationError(
      `logpact: the config points outside the project root ${root}:\n${outside.map(([k, p]) => `  ${k}: ${JSON.stringify(p)}`).join("\n")}\n` +
        `  fix: use paths inside the project, or set \`allowOutsideProject: true\` in the config if logpact should read and write there`,
    );
  }
  const notices = outside.map(
    ([k, p]) =>
      `notice: ${k} ${JSON.stringify(p)} is outside the project root (allowed by allowOutsideProject): ${resolve(root, p)}`,
  );
  if (config.templates !== undefined) {
    const dir = resolve(root, config.templates);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new ConfigurationError(
        `logpact: templates: ${JSON.stringify(config.templates)} is not a folder (${dir})\n  fix: create it with your template overrides (docs/config.md), or remove the templates key`,
      );
    }
  }
  return notices;
}
