/**
 * `logpact init` as a library: find the modules that already declare log schemas, load
 * them as `gen` would, describe what is there (families, conventions, levels seen in
 * code) and plan a minimal config, or an example family when there is nothing yet.
 *
 * Disk access is limited to reading: walking the project, reading candidate texts,
 * importing the candidates and lint's syntax pass. Writing is the command's job.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseConfig } from "../config/load.js";
import type { ResolvedConfig } from "../config/schema.js";
import type { Diagnostic } from "../errors.js";
import { defaultJobs, scanOptions } from "../lint/index.js";
import { discoverFiles } from "../lint/files.js";
import { anyMatcher, fileGlobToRegExp } from "../lint/glob.js";
import { scanFiles } from "../lint/pool.js";
import type { FileScan } from "../lint/types.js";
import { buildRegistry, type LoadedModule } from "../registry/build.js";
import { runChecks } from "../registry/checks.js";
import { houseStyle, type HouseStyle } from "../registry/conventions.js";
import type { RegistryIR } from "../registry/ir.js";
import { loadSchemaModules } from "../registry/load.js";
import type { ConfigReasons, InitConfig } from "./config-text.js";
import { detectEventKey, type EventKeyReport } from "./event-key.js";
import { coversExactly, inferSchemaGlobs, type GlobInput } from "./globs.js";
import { levelsSeen, type LevelReport } from "./levels.js";
import { harmlessModules } from "./imports.js";
import { DEFAULT_SEARCH, importsZod, mayDeclareEvents, SEARCH_EXCLUDE } from "./prefilter.js";

export { renderConfig, type ConfigReasons, type InitConfig } from "./config-text.js";
export { EXAMPLE_FAMILY, EXAMPLE_PATH } from "./scaffold.js";
export { DEFAULT_SEARCH, EVENT_KEYS, mayDeclareEvents } from "./prefilter.js";

export interface AnalyzeOptions {
  /** Absolute project root. */
  root: string;
  /** Globs (root-relative) to search for schema modules; default `DEFAULT_SEARCH`. */
  search?: readonly string[] | undefined;
  /** Threads for lint's syntax pass (default: the cores not busy). */
  jobs?: number | undefined;
}

export interface FamilySummary {
  readonly name: string;
  readonly file: string;
  readonly export: string;
  readonly events: number;
  readonly fields: number;
}

export interface InitAnalysis {
  /** Files the search globs matched (tests and build output excluded). */
  readonly searched: number;
  /** Files that passed the text pre-filter and were imported. */
  readonly candidates: readonly string[];
  /** Candidates that failed to import. */
  readonly loadFailures: readonly Diagnostic[];
  readonly eventKey: EventKeyReport;
  /** The IR `gen` will build with the planned config (undefined when no module declares a family). */
  readonly ir: RegistryIR | undefined;
  readonly families: readonly FamilySummary[];
  /** What `gen` will report with the planned config (errors and warnings). */
  readonly diagnostics: readonly Diagnostic[];
  /** The registry's own dominant style per convention rule (what the rules infer and enforce). */
  readonly conventions: HouseStyle | undefined;
  readonly levels: LevelReport | undefined;
  /** The config to write: only keys that differ from the defaults. */
  readonly config: InitConfig;
  readonly reasons: ConfigReasons;
  /** Files lint's syntax pass read for the levels. */
  readonly codeFiles: number;
  /** Milliseconds per phase. */
  readonly timings: { readonly discover: number; readonly load: number; readonly scan: number };
}

/** Walks, filters, imports and describes; plans the config. */
export async function analyzeProject(opts: AnalyzeOptions): Promise<InitAnalysis> {
  const { root } = opts;
  const defaults = parseConfig({}, "<defaults>");
  const t0 = performance.now();
  // One walk (lint's: .gitignore honoured, node_modules and the output folder skipped)
  // serves the search, the safety check of the globs and the level scan.
  const universe = discoverFiles({
    root,
    include: defaults.lint.include,
    exclude: defaults.lint.exclude,
    skipDirs: [defaults.outDir],
    paths: undefined,
  }).files;
  const inSearch = anyMatcher(opts.search?.length ? opts.search : DEFAULT_SEARCH, fileGlobToRegExp);
  const excluded = anyMatcher(SEARCH_EXCLUDE, fileGlobToRegExp);
  const searched = universe.filter((f) => inSearch(f) && !excluded(f));
  const texts = new Map<string, string>();
  const read = (f: string) => {
    let t = texts.get(f);
    if (t === undefined) texts.set(f, (t = readText(join(root, f))));
    return t;
  };
  const candidates = searched.filter((f) => mayDeclareEvents(read(f)));
  const t1 = performance.now();

  const { modules, diagnostics: loadFailures } = await loadSchemaModules(root, candidates);
  const eventKey = detectEventKey(modules);
  const familyFiles = eventKey.files;
  const globInput: GlobInput = {
    families: familyFiles,
    // Besides the modules init imported, what they import and Zod-only helpers. A candidate
    // that failed to import is most likely a schema module with a bug: a glob may cover it,
    // so that gen reports the failure (LP_LOAD_FAILED) instead of dropping it.
    harmless: [
      ...harmlessModules(
        candidates,
        searched.filter((f) => importsZod(read(f))),
        new Set(universe),
        read,
      ),
    ].filter((f) => !familyFiles.includes(f)),
    universe,
    excluded: defaults.exclude,
  };
  const config: InitConfig = {};
  const reasons: ConfigReasons = {};
  if (familyFiles.length && !coversExactly(defaults.schemas, globInput)) {
    config.schemas = inferSchemaGlobs(globInput);
    reasons.schemas =
      familyFiles.length === 1
        ? "the 1 module that declares event families"
        : `the ${familyFiles.length} modules that declare event families`;
  }
  if (eventKey.key !== "event") {
    config.eventKey = eventKey.key;
    reasons.eventKey = `${eventKey.counts[eventKey.key]} of the events carry their name in \`${eventKey.key}\``;
  }

  let ir: RegistryIR | undefined;
  let diagnostics: Diagnostic[] = [];
  let conventions: HouseStyle | undefined;
  if (familyFiles.length) {
    const matched = anyMatcher(config.schemas ?? defaults.schemas, fileGlobToRegExp);
    const used: LoadedModule[] = modules.filter((m) => matched(m.file));
    const built = buildRegistry(used, plannedConfig(config));
    ir = built.ir;
    // The convention rules infer the registry's own style and warn only on outliers: nothing to configure.
    conventions = houseStyle(ir);
    diagnostics = [
      ...loadFailures.filter((d) => d.file !== undefined && matched(d.file)),
      ...built.diagnostics,
      ...runChecks(ir, plannedConfig(config)),
    ];
  }
  const t2 = performance.now();

  let levels: LevelReport | undefined;
  let codeFiles = 0;
  if (ir && ir.families.some((f) => f.events.some((e) => e.levelDefaulted))) {
    const planned = plannedConfig(config);
    // The scanner reads the event from the registry's own key (`type: "billing.invoice.paid"`).
    const options = {
      ...scanOptions(root, planned.lint),
      ...(eventKey.key !== "event" ? { eventKey: eventKey.key } : {}),
    };
    const pooled = await scanFiles(universe, options, { jobs: opts.jobs ?? defaultJobs() });
    const scans = pooled.scans.filter((s): s is FileScan => !("done" in s));
    codeFiles = scans.filter((s) => !s.generated).length;
    levels = levelsSeen(ir, scans);
  }
  const t3 = performance.now();

  const families = (ir?.families ?? []).map((f) => ({
    name: f.name,
    file: f.source.file,
    export: f.source.export,
    events: f.events.length,
    fields: new Set(f.events.flatMap((e) => e.fields.map((x) => x.name))).size,
  }));
  return {
    searched: searched.length,
    candidates,
    loadFailures,
    eventKey,
    ir,
    families,
    diagnostics,
    conventions,
    levels,
    config,
    reasons,
    codeFiles,
    timings: { discover: Math.round(t1 - t0), load: Math.round(t2 - t1), scan: Math.round(t3 - t2) },
  };
}

/** The resolved config `gen` will run with once the planned config is written. */
function plannedConfig(config: InitConfig): ResolvedConfig {
  return parseConfig(config, "logpact.config.ts (planned)");
}

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}
