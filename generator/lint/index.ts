/**
 * `logpact lint` as a library: discover files → syntax pass on threads → optional
 * type-aware fallback → rules → suppression comments. Baselines and `--changed-since`
 * filter the result afterwards (`baseline.ts`, `changed.ts`); reporters format it.
 */
import { availableParallelism, loadavg } from "node:os";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { ResolvedConfig } from "../config/schema.js";
import { UsageError } from "../errors.js";
import { targetDir, targetSettings } from "../config/targets.js";
import { allEvents, type RegistryIR } from "../registry/ir.js";
import { TARGET_SPECS } from "../targets/index.js";
import { createRuleRunner } from "./engine.js";
import { discoverFiles } from "./files.js";
import { scanFiles } from "./pool.js";
import { RULES } from "./rules/index.js";
import { createScanner, type ScanOptions } from "./scanner.js";
import type { FileDone, FileScan, Finding, Notice, RuleSeverity } from "./types.js";

export type { FileScan, Finding, LogCall, Loc, Notice, RuleSeverity } from "./types.js";
export { RULES, RULE_NAMES } from "./rules/index.js";

/** The `lint` section of a resolved config. */
export type LintConfig = ResolvedConfig["lint"];

export interface LintOptions {
  /** Absolute project root. */
  root: string;
  config: ResolvedConfig;
  /** The registry, or a loader for it (called while worker threads start, so both overlap). */
  ir: RegistryIR | (() => Promise<RegistryIR>);
  /** Restrict to these files or folders (relative to root or absolute). */
  paths?: readonly string[] | undefined;
  /** Only these root-relative files (after discovery); `--changed-since` passes the changed ones. */
  only?: ReadonlySet<string> | undefined;
  /** Threads (main thread included); default: `lint.jobs`, else `defaultJobs()`. */
  jobs?: number | undefined;
  /** Overrides `lint.typeAware`. */
  typeAware?: boolean | undefined;
  /** Severity overrides on top of the config (`--rule name=severity`). */
  rules?: Readonly<Record<string, RuleSeverity>> | undefined;
  onProgress?: ((done: number, total: number) => void) | undefined;
  /** Start worker threads even for few files (tests). */
  forceWorkers?: boolean | undefined;
}

export interface LintResult {
  /** Files linted (root-relative, sorted). */
  files: string[];
  /** Findings, sorted by file, line, column. */
  findings: Finding[];
  /** Files not (fully) linted, and why. */
  notices: Notice[];
  /** Log calls examined. */
  calls: number;
  /** Files skipped because they are generated. */
  generated: number;
  /** Severity of every rule in this run. */
  severities: ReadonlyMap<string, RuleSeverity>;
  /** Worker threads that took part (0: everything ran on the main thread). */
  workersUsed: number;
}

/** Scanner options from the config. */
export function scanOptions(root: string, lint: LintConfig, typeAware?: boolean, eventKey = "event"): ScanOptions {
  return {
    root,
    callees: lint.callees,
    methods: lint.methods,
    messageFields: lint.signatures.includes("message-fields"),
    wrappers: lint.wrappers,
    loggerFactories: lint.loggerFactories,
    emitterFactories: lint.emitterFactories,
    typeAware: typeAware ?? lint.typeAware,
    maxFileBytes: lint.maxFileBytes,
    maxLineLength: lint.maxLineLength,
    ...(eventKey !== "event" ? { eventKey } : {}),
  };
}

/**
 * Threads when neither `--jobs` nor `lint.jobs` says: the cores minus those the 1-minute
 * load average says are busy, at least 1. A worker on a core another process is using
 * makes a run slower than one thread (it competes with the main thread and pays its
 * start-up for nothing). Where the load average is not reported (Windows: 0) that is
 * every core.
 */
export function defaultJobs(cores: number = availableParallelism(), load: number = loadavg()[0] ?? 0): number {
  return Math.max(1, cores - Math.floor(Math.max(0, load)));
}

/** Lints a project. */
export async function lintProject(opts: LintOptions): Promise<LintResult> {
  const { root, config } = opts;
  const lint = config.lint;
  let ir = typeof opts.ir === "function" ? undefined : opts.ir;
  const loadIr = typeof opts.ir === "function" ? opts.ir : undefined;
  const discovered = discoverFiles({
    root,
    include: lint.include,
    exclude: lint.exclude,
    skipDirs: [config.outDir, ...generatedDirs(config)],
    paths: opts.paths,
  });
  if (discovered.unmatched.length > 0) {
    throw new UsageError(
      `logpact lint: ${discovered.unmatched.map((u) => `"${u.path}" ${u.why}`).join("; ")}; nothing was linted. Check the path (relative to ${root}) or lint.include / lint.exclude`,
    );
  }
  const files = opts.only ? discovered.files.filter((f) => opts.only!.has(f)) : discovered.files;
  const options = scanOptions(root, lint, opts.typeAware, config.eventKey);
  const jobs = opts.jobs ?? lint.jobs ?? defaultJobs();
  let setup: RuleSetupData | undefined;
  const pooled = await scanFiles(files, options, {
    jobs,
    onProgress: opts.onProgress,
    forceWorkers: opts.forceWorkers,
    beforeScan: loadIr
      ? async () => {
          ir = await loadIr();
        }
      : undefined,
    // Workers run the rules themselves once the registry is there.
    ruleSetup: () => (setup = ruleSetup(config, ir!, opts.rules)),
  });
  setup ??= ruleSetup(config, ir ?? (await loadIr!()), opts.rules);
  // ts-morph (its Project and checker) is loaded only for type-aware runs.
  const scans = options.typeAware
    ? (await import("./type-aware.js")).resolveWithTypes(root, pooled.scans)
    : pooled.scans;
  return { ...finish(scans, discovered.notices, setup), workersUsed: pooled.workersUsed };
}

/** Lints one in-memory source text (tests, editor integrations). */
export function lintText(
  text: string,
  opts: {
    file?: string;
    root?: string;
    config: ResolvedConfig;
    ir: RegistryIR;
    rules?: Readonly<Record<string, RuleSeverity>>;
    emitterEvents?: ReadonlySet<string>;
  },
): LintResult {
  const root = opts.root ?? process.cwd();
  const scanner = createScanner(scanOptions(root, opts.config.lint, undefined, opts.config.eventKey));
  const scan = scanner.scanText(opts.file ?? "input.ts", text);
  return {
    ...finish([scan], [], ruleSetup(opts.config, opts.ir, opts.rules, opts.emitterEvents)),
    workersUsed: 0,
  };
}

/** What the rules need, as plain data (it is sent to worker threads). */
interface RuleSetupData {
  ir: RegistryIR;
  profileFields: string[];
  severities: Map<string, RuleSeverity>;
  emitterEvents: Set<string>;
}

function ruleSetup(
  config: ResolvedConfig,
  ir: RegistryIR,
  overrides: Readonly<Record<string, RuleSeverity>> | undefined,
  emitterEvents?: ReadonlySet<string>,
): RuleSetupData {
  const severities = new Map<string, RuleSeverity>();
  for (const r of RULES) {
    const s = overrides?.[r.name] ?? (config.lint.rules as Record<string, RuleSeverity | undefined>)[r.name];
    if (s) severities.set(r.name, s);
  }
  const preferEmitter = (severities.get("prefer-emitter") ?? "off") !== "off";
  const emitters = emitterEvents
    ? new Set(emitterEvents)
    : preferEmitter
      ? emitterEventsOf(config, ir)
      : new Set<string>();
  return { ir, severities, emitterEvents: emitters, profileFields: profileFields(config) };
}

/**
 * Fields the config's logger profile (`envelope`) says the logger puts on lines: child
 * bindings (`bindings`, older `fields`), pino `base` fields and the error key. A call on a
 * logger carrying them need not pass them, and passing them is not an undeclared field.
 */
export function profileFields(config: ResolvedConfig): string[] {
  // Read loosely: the profile's keys grow with the config (bindings, base, errorKey).
  const env = config.envelope as {
    fields?: Record<string, unknown>;
    bindings?: Record<string, unknown>;
    base?: Record<string, unknown> | null;
    errorKey?: string;
  };
  return [
    ...Object.keys(env.fields ?? {}),
    ...Object.keys(env.bindings ?? {}),
    ...Object.keys(env.base ?? {}),
    ...(env.errorKey ? [env.errorKey] : []),
  ];
}

function finish(
  results: readonly (FileScan | FileDone)[],
  discoveryNotices: readonly Notice[],
  setup: RuleSetupData,
): Omit<LintResult, "workersUsed"> {
  const runner = createRuleRunner(setup);
  const findings: Finding[] = [];
  const notices: Notice[] = [...discoveryNotices];
  let calls = 0;
  let generated = 0;
  for (const r of results) {
    if (r.generated) generated++;
    // Loops, not push(...spread): one file with >120k findings overflowed the call stack (exit 3).
    for (const n of r.notices) notices.push(n);
    if ("done" in r) {
      calls += r.calls;
      for (const f of r.findings) findings.push(f);
    } else {
      calls += r.calls.length;
      for (const f of runner.run(r)) findings.push(f);
    }
  }
  findings.sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.loc.line - b.loc.line || a.loc.column - b.loc.column,
  );
  notices.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return {
    files: results.filter((r) => !r.generated).map((r) => r.file),
    findings,
    notices,
    calls,
    generated,
    severities: runner.severities,
  };
}

/** Output folders of targets configured outside `outDir` (their files are generated too). */
function generatedDirs(config: ResolvedConfig): string[] {
  return TARGET_SPECS.map((t) => targetDir(t, config)).filter(
    (d) => d !== config.outDir && !d.startsWith(`${config.outDir}/`),
  );
}

/**
 * Events the generated emitters cover: every registered event when the emitters target is
 * enabled in the config (it writes an emitter for each event of each family), none when it
 * is not. Read from the IR and the config, not from generated files, so a run before the
 * first `logpact gen` (or with the output elsewhere) sees what gen will write.
 */
export function emitterEventsOf(config: ResolvedConfig, ir: RegistryIR): Set<string> {
  if (!targetSettings(config, "emitters").enabled) return new Set();
  return new Set(allEvents(ir).map((e) => e.name));
}
