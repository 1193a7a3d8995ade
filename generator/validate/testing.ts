/**
 * `logpact/testing`: assert in a test suite that every line your code logged conforms to
 * the registry. Works with any test runner (it throws a plain Error with the findings).
 *
 * ```ts
 * import pino from "pino";
 * import { expectLogsConform, logCollector } from "logpact/testing";
 *
 * const logs = logCollector();
 * const logger = pino(logs);          // the collector is a pino destination
 * await runTheCodeUnderTest(logger);
 * await expectLogsConform(logs);      // or a file path, or an array of lines
 * ```
 */
import { resolve } from "node:path";
import { loadConfig } from "../config/load.js";
import type { ResolvedConfig } from "../config/schema.js";
import { loadRegistry } from "../registry/index.js";
import { readSnapshotFile } from "../registry/snapshot.js";
import type { RegistryIR } from "../registry/ir.js";
import { LogChecker, type CheckOptions } from "./checker.js";
import { FINDING_KINDS, severitiesForFailOn, type FindingKind } from "./kinds.js";
import { buildReport, formatFinding, type ValidationReport } from "./report.js";
import { validateInputs } from "./run.js";
import { LineSplitter } from "./splitter.js";

/** What a collector and `expectLogsConform` show as the input name of in-memory lines. */
export const MEMORY_NAME = "<logs>";

/** A pino destination (anything with `write(string)`) that keeps every line written to it. */
export interface LogCollector {
  /** Tells pino this is a destination when it is the only argument: `pino(collector)`. */
  readonly writable: true;
  write(chunk: string): void;
  /** The lines written so far (without newlines). */
  readonly lines: readonly string[];
  /** Forgets the lines collected so far (e.g. in `beforeEach`). */
  clear(): void;
}

/** Creates a LogCollector: pass it as pino's destination, `pino(options, logCollector())`. */
export function logCollector(): LogCollector {
  let lines: string[] = [];
  let partial = "";
  return {
    writable: true,
    write(chunk: string) {
      const parts = (partial + chunk).split("\n");
      partial = parts.pop() ?? "";
      for (const p of parts) lines.push(p);
    },
    get lines() {
      return partial ? [...lines, partial] : lines;
    },
    clear() {
      lines = [];
      partial = "";
    },
  };
}

/** A file path (plain or .gz), lines in memory (each may hold several NDJSON lines), or a collector. */
export type LogSource = string | readonly string[] | LogCollector;

export interface ConformOptions {
  /** Project root whose config and schema modules define the registry (default: `process.cwd()`). */
  readonly root?: string;
  /**
   * The registry to check against instead of loading the schema modules: a registry snapshot
   * (`generated/registry.json`, resolved against `root`) or an IR object.
   */
  readonly registry?: string | RegistryIR;
  /** Finding kinds that fail (default: those with severity `error` in the config's `validate.severity`). */
  readonly failOn?: readonly FindingKind[] | "all";
  /** Findings shown in the error message (default 20). */
  readonly maxFindings?: number;
}

/** Thrown by `expectLogsConform`; `report` has every count and the listed findings. */
export class LogsDoNotConformError extends Error {
  constructor(readonly report: ValidationReport) {
    const lines = report.findings.filter((f) => f.severity === "error").map((f) => `  ${formatFinding(f)}`);
    const hidden = report.errors - lines.length;
    super(
      `logpact: ${report.errors} error${report.errors === 1 ? "" : "s"} in ${report.lines} logged line${report.lines === 1 ? "" : "s"} (checked against the log registry):\n${lines.join("\n")}${hidden > 0 ? `\n  … and ${hidden} more` : ""}`,
    );
    this.name = "LogsDoNotConformError";
  }
}

const registries = new Map<string, Promise<{ ir: RegistryIR; config: ResolvedConfig }>>();
const checkers = new WeakMap<RegistryIR, Map<string, LogChecker>>();

async function registryFor(options: ConformOptions): Promise<{ ir: RegistryIR; config: ResolvedConfig }> {
  const root = resolve(options.root ?? process.cwd());
  const reg = options.registry;
  const key = `${root}\u0000${typeof reg === "string" ? reg : ""}`;
  if (reg !== undefined && typeof reg !== "string") return { ir: reg, config: (await loadConfig(root)).config };
  let pending = registries.get(key);
  if (!pending) {
    pending = (async () => {
      const { config } = await loadConfig(root);
      if (typeof reg === "string") return { ir: readSnapshotFile(resolve(root, reg), reg), config };
      return { ir: (await loadRegistry(root, config)).ir, config };
    })();
    registries.set(key, pending);
    pending.catch(() => registries.delete(key));
  }
  return pending;
}

function checkOptions(config: ResolvedConfig, options: ConformOptions): CheckOptions {
  let severity = { ...config.validate.severity };
  if (options.failOn !== undefined) {
    const spec = options.failOn === "all" ? "all" : options.failOn.length ? options.failOn.join(",") : "none";
    const resolved = severitiesForFailOn(spec, severity);
    if ("unknown" in resolved)
      throw new Error(
        `logpact: failOn: unknown kind ${resolved.unknown.join(", ")}; kinds: ${FINDING_KINDS.join(", ")}`,
      );
    severity = resolved;
  }
  return {
    draft: config.jsonSchemaDraft,
    severity,
    maxFindings: options.maxFindings ?? 20,
    maxLineBytes: config.validate.maxLineBytes,
    maxExamples: config.validate.maxExamples,
  };
}

/** Compiling validators costs a few hundred ms: keep one checker per registry and options. */
function checkerFor(ir: RegistryIR, options: CheckOptions): LogChecker {
  let byOptions = checkers.get(ir);
  if (!byOptions) checkers.set(ir, (byOptions = new Map()));
  const key = JSON.stringify(options);
  let checker = byOptions.get(key);
  if (!checker) byOptions.set(key, (checker = new LogChecker(ir, options)));
  return checker;
}

/** Checks logged lines (or a log file) against the registry and returns the full report. */
export async function checkLogs(source: LogSource, options: ConformOptions = {}): Promise<ValidationReport> {
  const { ir, config } = await registryFor(options);
  const check = checkOptions(config, options);
  if (typeof source === "string") {
    return buildReport(
      await validateInputs(ir, [source], { ...check, jobs: 1, cwd: resolve(options.root ?? process.cwd()) }),
    );
  }
  const checker = checkerFor(ir, check);
  const lines =
    "lines" in source && !Array.isArray(source) ? (source as LogCollector).lines : (source as readonly string[]);
  const tally = checker.tally(MEMORY_NAME);
  const splitter = new LineSplitter(checker.handler(tally), check.maxLineBytes);
  for (const line of lines) splitter.push(Buffer.from(line.endsWith("\n") ? line : `${line}\n`));
  splitter.end();
  tally.lines = splitter.lineNo;
  tally.bytes = splitter.bytes;
  const input = {
    name: MEMORY_NAME,
    lines: tally.lines,
    bytes: tally.bytes,
    status: tally.status,
    kinds: tally.kinds,
    errors: tally.errors,
    warnings: tally.warnings,
  };
  return buildReport({ checker, inputs: [input], total: tally });
}

/**
 * Throws `LogsDoNotConformError` (listing file:line, event, field, expected and actual) when
 * any finding of a failing kind is found; returns the report otherwise.
 */
export async function expectLogsConform(source: LogSource, options: ConformOptions = {}): Promise<ValidationReport> {
  const report = await checkLogs(source, options);
  if (report.errors > 0) throw new LogsDoNotConformError(report);
  return report;
}
