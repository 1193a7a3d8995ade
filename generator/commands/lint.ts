/**
 * `logpact lint [paths...]`: untyped and contract-breaking log calls in the project's
 * code, as stylish text, JSON, SARIF or GitHub annotations. Exit 0 clean (or only
 * warnings), 1 when a finding at `error` severity remains, 2 on usage or config errors.
 */
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import { loadConfig } from "../config/load.js";
import { RegistryError, UsageError, formatDiagnostic } from "../errors.js";
import { buildRegistry } from "../registry/build.js";
import { applyBaseline, baselineText, createBaseline, readBaseline } from "../lint/baseline.js";
import { changedLinesSince, onChangedLines } from "../lint/changed.js";
import { lintProject, RULE_NAMES } from "../lint/index.js";
import { REPORTERS } from "../lint/reporters/index.js";
import { summaryLine } from "../lint/reporters/summary.js";
import type { RuleSeverity } from "../lint/types.js";
import { loadRegistry } from "../registry/index.js";
import { didYouMeanSuffix } from "../util/did-you-mean.js";
import { writeOutputFile } from "../gen/write.js";
import { packageVersion, shippedDocs } from "../util/version.js";
import {
  colorOption,
  emitReport,
  envOf,
  failOnOption,
  noColorOption,
  outputOption,
  parseFailOn,
  useColor,
  useProgress,
} from "./options.js";
import type { CommandSpec } from "./types.js";

const FORMATS = Object.keys(REPORTERS);
/** Rules that compare calls with registered events: skipped when there is no registry yet. */
const REGISTRY_RULES = ["event-fields", "level-mismatch", "prefer-emitter", "unknown-event"] as const;
const DEFAULT_BASELINE = "logpact-baseline.json";
/** Below this many files no progress line is drawn. */
const PROGRESS_MIN_FILES = 200;

export const lintCommand: CommandSpec = {
  name: "lint",
  summary: "find untyped and contract-breaking log calls in the project's code",
  configure: (cmd) =>
    cmd
      .argument("[paths...]", "files or folders to lint (default: the whole project, per lint.include)")
      .option("-f, --format <format>", `output format: ${FORMATS.join(", ")}`, "stylish")
      .addOption(outputOption())
      .option("-j, --jobs <n>", "threads, main thread included (default: lint.jobs, else the cores not already busy)")
      .option(
        "--baseline <file>",
        `suppress the findings recorded in this baseline file (default with --update-baseline: lint.baseline or ${DEFAULT_BASELINE})`,
      )
      .option("--update-baseline", "write every current finding to the baseline file and exit 0")
      .option(
        "--changed-since <ref>",
        "report only findings on lines changed since this git ref (plus untracked files)",
      )
      .option("--type-aware", "also use the TypeScript type checker (pino Logger receivers, events it can resolve)")
      .option("--rule <name=severity...>", "override a rule's severity (off, warn, error); repeatable")
      .option("-q, --quiet", "report errors only, not warnings; no progress line")
      .option("--no-progress", "never draw the progress line")
      .addOption(failOnOption())
      .addOption(colorOption())
      .addOption(noColorOption()),
  async run(args, opts, io) {
    const format = String(opts.format ?? "stylish");
    if (!REPORTERS[format])
      throw new UsageError(
        `--format: unknown format "${format}".${didYouMeanSuffix(format, FORMATS)} Known: ${FORMATS.join(", ")}`,
      );
    let jobs = opts.jobs === undefined ? undefined : Number(opts.jobs);
    if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1))
      throw new UsageError(`--jobs: expected a whole number ≥ 1, got "${String(opts.jobs)}"`);

    const rules = parseRuleOverrides((opts.rule as string[] | undefined) ?? []);
    const changedSince = opts.changedSince as string | undefined;
    let noRegistry: string | undefined;
    let brokenRegistry: RegistryError | undefined;
    if (opts.updateBaseline && changedSince !== undefined)
      throw new UsageError("--update-baseline records every finding; it cannot be combined with --changed-since");

    const { config, root } = await loadConfig(io.cwd, opts.config as string | undefined);
    // More threads than cores only adds start-up and memory.
    const askedJobs = jobs ?? config.lint.jobs;
    if (askedJobs !== undefined && askedJobs > availableParallelism()) {
      io.stderr(
        `notice: ${jobs !== undefined ? "--jobs" : "lint.jobs"} ${askedJobs} lowered to ${availableParallelism()}, the number of cores on this machine.\n`,
      );
      jobs = availableParallelism();
    }
    const baselineArg =
      (opts.baseline as string | undefined) ??
      (opts.updateBaseline ? (config.lint.baseline ?? DEFAULT_BASELINE) : config.lint.baseline);
    const baselinePath = baselineArg === undefined ? undefined : resolve(root, baselineArg);
    const baseline = baselinePath && !opts.updateBaseline ? readBaseline(baselinePath, baselineArg!) : undefined;
    const changed = changedSince === undefined ? undefined : changedLinesSince(root, changedSince);

    const failOn = parseFailOn(opts.failOn) ?? "error";
    const progress = useProgress(opts, io);
    let lastDraw = 0;
    const result = await lintProject({
      root,
      config,
      // Loaded while the worker threads start up. No schema modules yet (the first step of
      // adoption): the rules that need no registry still run, the others are skipped.
      ir: async () => {
        try {
          return (await loadRegistry(root, config)).ir;
        } catch (e) {
          if (!(e instanceof RegistryError)) throw e;
          // Absent (no schema modules yet) or broken (one module fails to import): either
          // way the registry-free rules run; a broken registry still exits 2.
          for (const name of REGISTRY_RULES) rules[name] = "off";
          if (e.diagnostics.some((d) => d.code === "LP_NO_SCHEMA_FILES" || d.code === "LP_NO_FAMILIES"))
            noRegistry = e.diagnostics[0]!.message;
          else brokenRegistry = e;
          return buildRegistry([], config).ir;
        }
      },
      paths: args.map((p) => resolve(io.cwd, p)),
      only: changed ? new Set(changed.keys()) : undefined,
      jobs,
      typeAware: opts.typeAware ? true : undefined,
      rules,
      // Tests only: worker threads even for a small fixture (normally 1,000 files per thread).
      forceWorkers: envOf(io).LOGPACT_LINT_FORCE_WORKERS === "1" ? true : undefined,
      onProgress: progress
        ? (done, total) => {
            const now = Date.now();
            if (total < PROGRESS_MIN_FILES || (now - lastDraw < 100 && done < total)) return;
            lastDraw = now;
            io.stderr(done < total ? `\rlogpact lint: ${done}/${total} files` : "\r\u001b[K");
          }
        : undefined,
    });

    if (opts.updateBaseline) {
      const text = baselineText(createBaseline(result.findings));
      writeOutputFile(baselinePath!, text, baselineArg);
      io.stdout(
        `logpact lint: wrote ${result.findings.length} finding${result.findings.length === 1 ? "" : "s"} from ${result.files.length} files to ${baselineArg}.\n`,
      );
      return 0;
    }

    let findings = result.findings;
    let baselined = 0;
    if (baseline) {
      const split = applyBaseline(findings, baseline);
      findings = split.fresh;
      baselined = split.known.length;
    }
    let unchanged = 0;
    if (changed) {
      const kept = onChangedLines(findings, changed);
      unchanged = findings.length - kept.length;
      findings = kept;
    }
    if (opts.quiet) findings = findings.filter((f) => f.severity === "error");
    const ran = RULE_NAMES.filter((r) => !(REGISTRY_RULES as readonly string[]).includes(r));
    if (noRegistry !== undefined) {
      io.stderr(
        `logpact lint: no registry yet (${noRegistry}): ran ${ran.join(", ")}; skipped ${REGISTRY_RULES.join(", ")}, which need registered events.\n`,
      );
    }
    if (brokenRegistry) {
      const errors = brokenRegistry.diagnostics.filter((d) => d.severity === "error");
      io.stderr(
        `${errors.map(formatDiagnostic).join("\n\n")}\n\nlogpact lint: ${errors.length} registry error${errors.length === 1 ? "" : "s"}: ran ${ran.join(", ")}; skipped ${REGISTRY_RULES.join(", ")}, which need the registry. Fix it and run lint again.\n`,
      );
    }
    const report = { result, findings, baselined, unchanged, changedSince };
    const text = REPORTERS[format]!(report, {
      color: format === "stylish" && useColor(opts, io),
      version: packageVersion(),
      ...docsOption(),
    });
    emitReport(io, opts, text, summaryLine(report));
    if (brokenRegistry) return 2;
    return failOn === "none" ? 0 : findings.some((f) => failOn === "warning" || f.severity === "error") ? 1 : 0;
  },
};

function docsOption(): { docs?: NonNullable<ReturnType<typeof shippedDocs>> } {
  const docs = shippedDocs();
  return docs ? { docs } : {};
}

function parseRuleOverrides(items: readonly string[]): Record<string, RuleSeverity> {
  const out: Record<string, RuleSeverity> = {};
  for (const item of items.flatMap((i) => i.split(","))) {
    const m = /^([a-z-]+)=(off|warn|error)$/.exec(item.trim());
    if (!m) throw new UsageError(`--rule: expected <rule>=<off|warn|error>, got "${item}"`);
    if (!(RULE_NAMES as readonly string[]).includes(m[1]!))
      throw new UsageError(
        `--rule: unknown rule "${m[1]}".${didYouMeanSuffix(m[1]!, RULE_NAMES)} Known: ${RULE_NAMES.join(", ")}`,
      );
    out[m[1]!] = m[2] as RuleSeverity;
  }
  return out;
}
