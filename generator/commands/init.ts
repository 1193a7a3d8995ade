/**
 * `logpact init`: adopt logpact in a repo that already has Zod log schemas (or none).
 * Finds them, reports what it sees, writes a minimal `logpact.config.ts` (and an example
 * family when there is nothing yet). Never overwrites a file; `--force` replaces only
 * an existing `logpact.config.ts`.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { Option } from "commander";
import { CONFIG_FILES } from "../config/load.js";
import { ConfigurationError, UsageError } from "../errors.js";
import { fileGlobToRegExp } from "../lint/glob.js";
import { analyzeProject, EXAMPLE_FAMILY, EXAMPLE_PATH, renderConfig } from "../init/index.js";
import { formatInitJson, formatInitText, type InitOutcome } from "../init/report.js";
import type { CommandSpec } from "./types.js";

const CONFIG_PATH = "logpact.config.ts";

export const initCommand: CommandSpec = {
  name: "init",
  summary: "set logpact up in this repo: find existing Zod log schemas, report them, write logpact.config.ts",
  configure: (cmd) =>
    cmd
      .option(
        "--search <globs...>",
        "where to look for schema modules (default: src/**/*.{ts,mts,cts} schemas/**/*.{ts,mts,cts}; tests, dist and .d.ts never)",
      )
      .option("--dry-run", "print the report and the config; write nothing")
      .option("--force", `replace an existing ${CONFIG_PATH}`)
      .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"))
      .option("-j, --jobs <n>", "threads for the scan of log calls (default: the cores not already busy)")
      .addHelpText(
        "after",
        [
          "",
          "Examples:",
          "  logpact init                          find the schemas, report, write logpact.config.ts",
          "  logpact init --dry-run                the same, writing nothing",
          '  logpact init --search "lib/**/*.ts"   look somewhere else',
          "",
          "Exit codes: 0 done; 2 a config already exists (--force replaces logpact.config.ts) or a usage error.",
          "Step by step: docs/adopting.md",
        ].join("\n"),
      ),
  async run(_args, opts, io) {
    if (opts.config !== undefined)
      throw new UsageError(`init writes ${CONFIG_PATH} in the current folder; --config is for the other commands`);
    const jobs = opts.jobs === undefined ? undefined : Number(opts.jobs);
    if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1))
      throw new UsageError(`--jobs: expected a whole number ≥ 1, got "${String(opts.jobs)}"`);
    const search = opts.search as string[] | undefined;
    for (const glob of search ?? []) {
      try {
        fileGlobToRegExp(glob);
      } catch (e) {
        throw new UsageError(`--search: ${(e as Error).message}`);
      }
    }
    const root = io.cwd;
    const dryRun = Boolean(opts.dryRun);
    const existing = existingConfigs(root);
    if (existing.length && !dryRun) {
      const replaceable = existing.length === 1 && existing[0] === CONFIG_PATH;
      if (!opts.force || !replaceable) {
        const fix = !opts.force
          ? `edit it by hand, run \`logpact init --dry-run\` to see what init would write, or \`logpact init --force\` to replace ${CONFIG_PATH}`
          : `init writes ${CONFIG_PATH}; remove ${existing.join(" and ")} first (two configs are an error), or use --dry-run`;
        throw new ConfigurationError(
          `${existing.join(", ")}: error LP_INIT_CONFIG_EXISTS\n  logpact is already configured in this folder; init changed nothing\n  fix: ${fix}`,
        );
      }
    }

    const analysis = await analyzeProject({ root, search, jobs });
    const notes: string[] = [];
    let scaffold: InitOutcome["scaffold"];
    if (analysis.families.length === 0) {
      if (existsSync(join(root, EXAMPLE_PATH)))
        notes.push(
          `${EXAMPLE_PATH} exists and declares no event family, so no example was written; add a family there or elsewhere under schemas/`,
        );
      else scaffold = { path: EXAMPLE_PATH, text: EXAMPLE_FAMILY };
    }
    const deps = dependencies(root);
    if (deps && !deps.has("logpact") && readPackageJson(root)?.name !== "logpact")
      notes.push("add logpact to the repo: pnpm add -D logpact");
    if (deps && !deps.has("zod") && scaffold) notes.push("the example family needs zod: pnpm add zod");
    const outcome: InitOutcome = {
      config: { path: CONFIG_PATH, text: renderConfig(analysis.config, analysis.reasons) },
      scaffold,
      dryRun,
      notes,
    };

    if (!dryRun) {
      // The example first: a config without its schemas would make gen fail.
      if (scaffold) writeNew(join(root, scaffold.path), scaffold.text, false);
      writeNew(join(root, CONFIG_PATH), outcome.config.text, Boolean(opts.force));
    }
    io.stdout(opts.format === "json" ? formatInitJson(analysis, outcome) : formatInitText(analysis, outcome));
    return 0;
  },
};

/** Config sources present in `root` (any of them makes `init` stop without --force). */
function existingConfigs(root: string): string[] {
  const found: string[] = CONFIG_FILES.filter((f) => existsSync(join(root, f)));
  const pkg = readPackageJson(root);
  if (pkg && typeof pkg === "object" && "logpact" in pkg) found.push("package.json#logpact");
  return found;
}

function readPackageJson(root: string): Record<string, unknown> | undefined {
  const path = join(root, "package.json");
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** Names in the repo's dependencies of every kind, or undefined without a package.json. */
function dependencies(root: string): Set<string> | undefined {
  const pkg = readPackageJson(root);
  if (!pkg) return undefined;
  const names = ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"].flatMap((k) =>
    Object.keys((pkg[k] as Record<string, unknown> | undefined) ?? {}),
  );
  return new Set(names);
}

/** Temp file and rename; refuses to replace a file unless `replace` (checked again here, late). */
function writeNew(path: string, text: string, replace: boolean): void {
  if (!replace && existsSync(path))
    throw new ConfigurationError(
      `${path}: error LP_INIT_CONFIG_EXISTS\n  the file appeared while init ran; init changed nothing\n  fix: run init again`,
    );
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${Date.now()}-${process.pid}.logpact-init.tmp`);
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}
