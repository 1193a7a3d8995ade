import { statSync } from "node:fs";
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
import {
  colorOption,
  colorSeverities,
  emitReport,
  formatOption,
  isFailOnSeverity,
  noColorOption,
  outputOption,
  parseFailOn,
  progressLine,
  useColor,
  useProgress,
} from "./options.js";
import type { CommandSpec } from "./types.js";

function intOption(name: string, raw: unknown, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`${name}: expected an integer ≥ ${min}, got "${String(raw)}"`);
  return n;
}

/** ` (1.2 GB)`: the total size of the file inputs, for the progress line. */
function inputBytes(cwd: string, inputs: readonly string[]): string {
  let total = 0;
  for (const input of inputs) {
    try {
      if (input !== "-") total += statSync(resolve(cwd, input)).size;
    } catch {
      // A missing input is reported by the checker.
    }
  }
  return total ? ` (${(total / 1e6).toFixed(1)} MB)` : "";
}

export const validateCommand: CommandSpec = {
  name: "validate",
  summary:
    "check NDJSON log output (files, .gz files, or - for stdin) against the registry: broken lines, contract violations, unknown and untyped events, coverage",
  configure: (cmd) =>
    cmd
      .argument("[inputs...]", "NDJSON log files as pino writes them (plain or gzip); - reads stdin")
      .addOption(formatOption(REPORT_FORMATS, " (github prints workflow annotations)"))
      .addOption(outputOption())
      .option("-q, --quiet", "print nothing when the run passes")
      .option(
        "--fail-on <severity|kinds>",
        `exit 1 on findings at this severity or worse: error (default: per the config's validate.severity), warning or none; or comma-separated finding kinds that fail (the others become warnings): ${FINDING_KINDS.join(", ")}, all`,
      )
      .addOption(colorOption())
      .addOption(noColorOption())
      .option("--max-findings <n>", "findings listed in detail; all are counted (default 100)")
      .option(
        "--max-examples <n>",
        "example lines (line number and value) shown per group of identical findings (default 5)",
      )
      .option("--detail", "list every finding on its own (up to --max-findings) instead of grouping identical ones")
      .option("--max-line-bytes <n>", "skip and report lines longer than this (default 16 MiB)")
      .option(
        "-j, --jobs <n>",
        "threads checking file inputs (this one included), or auto (one per CPU); a big file is split between them (default 1)",
      )
      .option(
        "--registry <file>",
        "check against a registry snapshot (generated/registry.json) instead of loading the schema modules",
      ),
  async run(args, opts, io) {
    if (args.length === 0)
      throw new UsageError(
        "logpact validate: no input; pass NDJSON log files (plain or .gz), or - to read stdin (e.g. `node app.js | logpact validate -`)",
      );
    if (args.filter((a) => a === "-").length > 1)
      throw new UsageError("logpact validate: - (stdin) given more than once");
    const format = String(opts.format) as ReportFormat;
    if (!REPORT_FORMATS.includes(format))
      throw new UsageError(`--format: unknown format "${format}"; use one of ${REPORT_FORMATS.join(", ")}`);

    const { config, root } = await loadConfig(io.cwd, opts.config as string | undefined);
    let options = checkOptionsFromConfig(config);
    if (isFailOnSeverity(opts.failOn)) {
      // The shared meaning: error keeps the configured severities, warning promotes every
      // warning kind, none demotes every error kind.
      const failOn = parseFailOn(opts.failOn)!;
      const severity = { ...options.severity };
      for (const kind of FINDING_KINDS) {
        if (failOn === "warning" && severity[kind] === "warn") severity[kind] = "error";
        if (failOn === "none" && severity[kind] === "error") severity[kind] = "warn";
      }
      options = { ...options, severity };
    } else if (typeof opts.failOn === "string") {
      const severity = severitiesForFailOn(opts.failOn, options.severity);
      if ("unknown" in severity)
        throw new UsageError(
          `--fail-on: unknown kind ${severity.unknown.map((k) => `"${k}"`).join(", ")}; kinds: ${FINDING_KINDS.join(", ")}, or all, none`,
        );
      options = { ...options, severity };
    }
    const maxFindings = intOption("--max-findings", opts.maxFindings, 0) ?? options.maxFindings;
    const maxLineBytes = intOption("--max-line-bytes", opts.maxLineBytes, 1) ?? options.maxLineBytes;
    const maxExamples = intOption("--max-examples", opts.maxExamples, 0) ?? options.maxExamples ?? 5;
    const fmt = { detail: opts.detail === true };
    const asked =
      opts.jobs === "auto" ? availableParallelism() : (intOption("--jobs", opts.jobs, 1) ?? config.validate.jobs);
    // More threads than cores only adds start-up and memory (--jobs 1000 took 205 s and 11 GB on a 22 MB file).
    const jobs = Math.min(asked, availableParallelism());
    if (jobs < asked) io.stderr(`notice: --jobs ${asked} lowered to ${jobs}, the number of cores on this machine.\n`);

    const ir =
      typeof opts.registry === "string"
        ? readSnapshotFile(resolve(io.cwd, opts.registry), opts.registry)
        : (await loadRegistry(root, config)).ir;
    const started = performance.now();
    // The checker reports no progress of its own: a line with the inputs and the time so far.
    const progress = progressLine(io, useProgress(opts, io));
    const ticker = useProgress(opts, io)
      ? setInterval(
          () =>
            progress.update(
              `logpact validate: ${args.length} input${args.length === 1 ? "" : "s"}${inputBytes(io.cwd, args)}… ${((performance.now() - started) / 1000).toFixed(0)} s`,
            ),
          1000,
        )
      : undefined;
    ticker?.unref();
    let report: Awaited<ReturnType<typeof validateLogs>>;
    let partial: PartialInputError | undefined;
    try {
      report = await validateLogs(ir, args, {
        ...options,
        maxFindings,
        maxLineBytes,
        maxExamples,
        jobs,
        cwd: io.cwd,
        ...(io.stdin ? { stdin: io.stdin } : {}),
      });
    } catch (e) {
      // One truncated .gz among several inputs: report the others, then say which failed (exit 2).
      if (!(e instanceof PartialInputError)) throw e;
      partial = e;
      report = e.report;
    } finally {
      if (ticker) clearInterval(ticker);
      progress.done();
    }
    const elapsed = performance.now() - started;
    if (partial) {
      emitReport(
        io,
        opts,
        format === "json"
          ? formatJson(report, fmt)
          : format === "github"
            ? formatGithub(report, STDIN_NAME, elapsed, fmt)
            : formatText(report, elapsed, fmt),
        "logpact validate: input error (see below).",
      );
      io.stderr(`${partial.message}\n`);
      return 2;
    }
    if (opts.quiet && report.exitCode === 0) return 0;
    const text =
      format === "json"
        ? formatJson(report, fmt)
        : format === "github"
          ? formatGithub(report, STDIN_NAME, elapsed, fmt)
          : colorSeverities(formatText(report, elapsed, fmt), useColor(opts, io));
    emitReport(
      io,
      opts,
      text,
      `logpact validate: ${report.exitCode === 0 ? "passed" : "failed"} (${report.findings.length} finding${report.findings.length === 1 ? "" : "s"} listed).`,
    );
    return report.exitCode;
  },
};
