/**
 * Finds and validates the config: `logpact.config.{ts,mts,js,mjs,json}` in the project
 * root, or a `logpact` key in package.json. No config at all means all defaults.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { z } from "zod";
import { ConfigurationError } from "../errors.js";
import { didYouMeanSuffix } from "../util/did-you-mean.js";
import { importModule } from "../util/import-module.js";
import { ConfigSchema, type ResolvedConfig } from "./schema.js";

export const CONFIG_FILES = [
  "logpact.config.ts",
  "logpact.config.mts",
  "logpact.config.js",
  "logpact.config.mjs",
  "logpact.config.json",
] as const;

export interface LoadedConfig {
  config: ResolvedConfig;
  /** Absolute project root. */
  root: string;
  /** Where the config came from (relative to root), or undefined for defaults. */
  source?: string | undefined;
}

/** Locates the config in `root` (or uses `explicitPath`), loads and validates it. */
export async function loadConfig(root: string, explicitPath?: string): Promise<LoadedConfig> {
  const absRoot = resolve(root);
  let source: string | undefined;
  let raw: unknown = {};
  if (explicitPath !== undefined) {
    const abs = resolve(absRoot, explicitPath);
    if (!existsSync(abs))
      throw new ConfigurationError(
        `${explicitPath}: error LP_CONFIG_NOT_FOUND\n  the config file given with --config does not exist\n  fix: pass the path of an existing logpact.config.ts, or omit --config to use the defaults`,
      );
    // A FIFO or device would block the read forever (`--config <(cat x)` included): refuse it.
    if (!statSync(abs).isFile())
      throw new ConfigurationError(
        `${explicitPath}: error LP_CONFIG_UNREADABLE\n  the config given with --config is not a regular file (a folder, FIFO, pipe or device)\n  fix: pass the path of a logpact.config.{ts,json} file`,
      );
    source = explicitPath;
    raw = await readConfigFile(abs, explicitPath);
  } else {
    const found = CONFIG_FILES.filter((f) => existsSync(join(absRoot, f)));
    const pkgPath = join(absRoot, "package.json");
    const pkgConfig = existsSync(pkgPath) ? readPackageKey(pkgPath) : undefined;
    const sources = [...found, ...(pkgConfig !== undefined ? ["package.json#logpact"] : [])];
    if (sources.length > 1) {
      throw new ConfigurationError(
        `${sources.join(", ")}: error LP_CONFIG_AMBIGUOUS\n  more than one logpact config found\n  fix: keep exactly one of them`,
      );
    }
    if (found[0] !== undefined) {
      source = found[0];
      raw = await readConfigFile(join(absRoot, found[0]), found[0]);
    } else if (pkgConfig !== undefined) {
      source = "package.json#logpact";
      raw = pkgConfig;
    }
  }
  return { config: parseConfig(raw, source ?? "<defaults>"), root: absRoot, source };
}

/** Validates a raw config object; throws a ConfigurationError listing every problem. */
export function parseConfig(raw: unknown, source: string): ResolvedConfig {
  const result = ConfigSchema.safeParse(raw);
  if (result.success) return result.data;
  const lines = result.error.issues.flatMap((issue) => describeIssue(issue));
  throw new ConfigurationError(
    `${source}: error LP_CONFIG_INVALID\n${lines.map((l) => `  ${l}`).join("\n")}\n  fix: see docs/config.md for every key and its default`,
  );
}

function describeIssue(issue: z.core.$ZodIssue): string[] {
  const at = issue.path.length ? issue.path.join(".") : "(top level)";
  if (issue.code === "unrecognized_keys") {
    const known = knownKeysAt(issue.path);
    return issue.keys.map((k) => {
      const where = [...issue.path, k].join(".");
      return `unknown key "${where}".${didYouMeanSuffix(k, known)}${known.length ? ` Known keys here: ${known.join(", ")}.` : ""}`;
    });
  }
  // Record keys and unions carry the real reason one level down.
  const inner = (issue as { issues?: { message: string }[] }).issues?.[0]?.message;
  return [`${at}: ${issue.message}${inner ? ` (${inner})` : ""}`];
}

/** Keys the schema accepts at a path (for did-you-mean). */
function knownKeysAt(path: readonly PropertyKey[]): string[] {
  let node: unknown = ConfigSchema;
  for (const seg of path) {
    node = unwrap(node);
    const shape = (node as { shape?: Record<string, unknown> }).shape;
    if (!shape || typeof seg !== "string" || !(seg in shape)) return [];
    node = shape[seg];
  }
  const shape = (unwrap(node) as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape).sort() : [];
}

function unwrap(node: unknown): unknown {
  let cur = node as { _zod?: { def: { type: string; innerType?: unknown } } };
  while (cur?._zod && ["default", "optional", "prefault", "nullable"].includes(cur._zod.def.type)) {
    cur = cur._zod.def.innerType as typeof cur;
  }
  return cur;
}

async function readConfigFile(abs: string, shown: string): Promise<unknown> {
  if (abs.endsWith(".json")) {
    try {
      return JSON.parse(readFileSync(abs, "utf8"));
    } catch (e) {
      throw new ConfigurationError(
        `${shown}: error LP_CONFIG_UNREADABLE\n  ${(e as Error).message}\n  fix: make it valid JSON`,
      );
    }
  }
  let mod: Record<string, unknown>;
  try {
    mod = await importModule(abs);
  } catch (e) {
    throw new ConfigurationError(
      `${shown}: error LP_CONFIG_UNREADABLE\n  could not import the config: ${e instanceof Error ? e.message : String(e)}\n  fix: correct what the error names: importing the config runs it and every module it imports (a config cannot import files \`gen\` has yet to write)`,
    );
  }
  const value = mod.default ?? mod.config;
  if (value === undefined) {
    throw new ConfigurationError(
      `${shown}: error LP_CONFIG_NO_EXPORT\n  the config module has no default export\n  fix: \`export default defineConfig({ ... })\``,
    );
  }
  return value;
}

function readPackageKey(pkgPath: string): unknown {
  try {
    return (JSON.parse(readFileSync(pkgPath, "utf8")) as { logpact?: unknown }).logpact;
  } catch (e) {
    throw new ConfigurationError(
      `package.json: error LP_CONFIG_UNREADABLE\n  ${(e as Error).message}\n  fix: make package.json valid JSON`,
    );
  }
}
