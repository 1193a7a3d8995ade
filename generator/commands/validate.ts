import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { loadConfig } from "../config/load.js";
import { UsageError } from "../errors.js";
import { loadRegistry } from "../registry/index.js";
import { readSnapshotFile } from "../registry/snapshot.js";
import {
  FINDING_KINDS,
  PartialInputError,
  REPORT_FORMATS,
  STDIN_NAME,
  checkOptionsFromConfig,
  formatGithub,
  formatJson,
  formatText,
  severitiesForFailOn,
  validateLogs,
  type ReportFormat,
} from "../validate/index.js";
import type { CommandSpec } from "./types.js";

function intOption(name: string, raw: unknown, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${name}: expected an integer ≥ ${min}, got "${String(raw)}"`);
  return n;
}

export const validateCommand: CommandSpec = {
  name: "validate",
  summary: "check NDJSON log output (files, .gz files, or - for stdin) against the registry: broken lines, contract violations, unknown and untyped events, coverage",
  configure: (cmd) =>
    cmd
      .argument("[inputs...]", "NDJSON log files as pino writes them (plain or gzip); - reads stdin")
      .option("--format <format>", `report format: ${REPORT_FORMATS.join(", ")} (github prints workflow annotations)`, "text")
      .option("--fail-on <kinds>", `comma-separated finding kinds that fail the run (exit 1); the others are warnings. Kinds: ${FINDING_KINDS.join(", ")}; or all, none (default: the config's validate.severity)`)
      .option("--max-findings <n>", "findings listed in detail; all are counted (default 100)")
      .option("--max-examples <n>", "example lines (line number and value) shown per group of identical findings (default 5)")
      .option("--detail", "list every finding on its own (up to --max-findings) instead of grouping identical ones")
      .option("--max-line-bytes <n>", "skip and report lines longer than this (default 16 MiB)")
      .option("-j, --jobs <n>", "threads checking file inputs (this one included), or auto (one per CPU); a big file is split between them (default 1)")
      .option("--registry <file>", "check against a registry snapshot (generated/registry.json) instead of loading the schema modules"),
  async run(args, opts, io) {
    if (args.length === 0) throw new UsageError("logpact validate: no input; pass NDJSON log files (plain or .gz), or - to read stdin (e.g. `node app.js | logpact validate -`)");
    if (args.filter((a) => a === "-").length > 1) throw new UsageError("logpact validate: - (stdin) given more than once");
    const format = String(opts.format) as ReportFormat;
    if (!REPORT_FORMATS.includes(format)) throw new UsageError(`--format: unknown format "${format}"; use one of ${REPORT_FORMATS.join(", ")}`);

    const { config, root } = await loadConfig(io.cwd, opts.config as string | undefined);
    let options = checkOptionsFromConfig(config);
    if (typeof opts.failOn === "string") {
      const severity = severitiesForFailOn(opts.failOn, options.severity);
      if ("unknown" in severity) throw new UsageError(`--fail-on: unknown kind ${severity.unknown.map((k) => `"${k}"`).join(", ")}; kinds: ${FINDING_KINDS.join(", ")}, or all, none`);
      options = { ...options, severity };
    }
    const maxFindings = intOption("--max-findings", opts.maxFindings, 0) ?? options.maxFindings;
    const maxLineBytes = intOption("--max-line-bytes", opts.maxLineBytes, 1) ?? options.maxLineBytes;
    const maxExamples = intOption("--max-examples", opts.maxExamples, 0) ?? options.maxExamples ?? 5;
    const fmt = { detail: opts.detail === true };
    const asked = opts.jobs === "auto" ? availableParallelism() : (intOption("--jobs", opts.jobs, 1) ?? config.validate.jobs);
    // More threads than cores only adds start-up and memory (--jobs 1000 took 205 s and 11 GB on a 22 MB file).
    const jobs = Math.min(asked, availableParallelism());
    if (jobs < asked) io.stderr(`notice: --jobs ${asked} lowered to ${jobs}, the number of cores on this machine.\n`);

    const ir = typeof opts.registry === "string" ? readSnapshotFile(resolve(io.cwd, opts.registry), opts.registry) : (await loadRegistry(root, config)).ir;
    const started = performance.now();
    let report;
    let partial: PartialInputError | undefined;
    try {
      report = await validateLogs(ir, args, { ...options, maxFindings, maxLineBytes, maxExamples, jobs, cwd: io.cwd });
    } catch (e) {
      // One truncated .gz among several inputs: report the others, then say which failed (exit 2).
      if (!(e instanceof PartialInputError)) throw e;
      partial = e;
      report = e.report;
    }
    const elapsed = performance.now() - started;
    io.stdout(format === "json" ? formatJson(report, fmt) : format === "github" ? formatGithub(report, STDIN_NAME, elapsed, fmt) : formatText(report, elapsed, fmt));
    if (partial) {
      io.stderr(`${partial.message}\n`);
      return 2;
    }
    return report.exitCode;
  },
};
