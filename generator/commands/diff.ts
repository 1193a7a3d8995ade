import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../config/load.js";
import { baselineFromGit, baselineFromSnapshotFile } from "../diff/registry-at-ref.js";
import { diffRegistries } from "../diff/compare.js";
import { FORMATS, renderReport, type DiffFormat } from "../diff/report.js";
import { UsageError } from "../errors.js";
import { loadRegistry } from "../registry/index.js";
import { didYouMeanSuffix } from "../util/did-you-mean.js";
import {
  colorOption,
  colorSeverities,
  emitReport,
  failOnOption,
  formatOption,
  noColorOption,
  outputOption,
  parseFailOn,
  useColor,
} from "./options.js";
import type { CommandSpec } from "./types.js";

export const diffCommand: CommandSpec = {
  name: "diff",
  summary: "classify registry changes against a git ref or a snapshot as breaking, warning or safe for log consumers",
  configure: (cmd) =>
    cmd
      .option("--against <ref>", "git ref to compare with (origin/main, HEAD~1, a tag or a commit)")
      .option(
        "--against-snapshot <file>",
        "registry snapshot to compare with (a registry.json written by `logpact gen`)",
      )
      .option(
        "--from-schemas",
        "with --against: build the ref's registry from its schema modules in a temporary git worktree, even when the ref has a committed snapshot",
      )
      .addOption(formatOption(FORMATS))
      .addOption(outputOption())
      .option("-q, --quiet", "print nothing when the run passes")
      .addOption(failOnOption(" (breaking is diff's word for error)"))
      .addOption(colorOption())
      .addOption(noColorOption())
      .option("--allow-breaking", "report breaking changes but exit 0"),
  async run(args, opts, io) {
    if (args.length)
      throw new UsageError(
        `logpact diff takes no arguments (got ${args.map((a) => `"${a}"`).join(" ")}); name the baseline with --against <ref> or --against-snapshot <file>`,
      );
    const format = opts.format as string;
    if (!(FORMATS as readonly string[]).includes(format))
      throw new UsageError(
        `--format: unknown format "${format}".${didYouMeanSuffix(format, FORMATS)} Known: ${FORMATS.join(", ")}`,
      );
    const failOn = parseFailOn(opts.failOn, { breaking: "error" }) ?? "error";
    // --fail-on none is --allow-breaking under the shared name.
    const allowBreaking = Boolean(opts.allowBreaking) || failOn === "none";
    if (allowBreaking && failOn === "warning")
      throw new UsageError(
        "--allow-breaking and --fail-on warning contradict each other: the first accepts breaking changes, the second fails on anything less; pass one of them",
      );
    const ref = opts.against as string | undefined;
    const snapshot = opts.againstSnapshot as string | undefined;
    if ((ref === undefined) === (snapshot === undefined)) {
      throw new UsageError(
        `logpact diff needs exactly one baseline: --against <git ref> (e.g. origin/main) or --against-snapshot <registry.json>${ref !== undefined ? ", not both" : ""}`,
      );
    }
    if (opts.fromSchemas && ref === undefined) throw new UsageError("--from-schemas applies to --against <ref> only");

    const { config, root } = await loadConfig(io.cwd, opts.config as string | undefined);
    // The baseline first: a wrong ref or file is the cheaper mistake to report.
    const baseline =
      ref !== undefined
        ? await baselineFromGit(root, ref, config, {
            fromSchemas: Boolean(opts.fromSchemas),
            configPath: opts.config as string | undefined,
          })
        : baselineFromSnapshotFile(root, snapshot!);
    const { ir: after } = await loadRegistry(root, config);
    for (const note of baseline.notes) io.stderr(`logpact diff: ${note}\n`);

    const result = diffRegistries(baseline.ir, after);
    const failed =
      failOn === "warning"
        ? result.counts.breaking + result.counts.warning > 0
        : !allowBreaking && result.counts.breaking > 0;
    const reason = failed
      ? failOn === "warning"
        ? "Failing (exit 1): breaking changes or warnings, and --fail-on warning is set."
        : "Failing (exit 1): breaking changes. Fix them as suggested, or pass --allow-breaking once every consumer has moved."
      : result.counts.breaking > 0
        ? `Breaking changes accepted (${opts.allowBreaking ? "--allow-breaking" : "--fail-on none"}).`
        : "No breaking changes.";
    if (opts.quiet && !failed) return 0;
    const text = renderReport(result, format as DiffFormat, {
      source: baseline.source,
      verdict: { failed, reason },
      readFile: (path) => {
        try {
          return readFileSync(join(root, path), "utf8");
        } catch {
          return undefined;
        }
      },
    });
    emitReport(
      io,
      opts,
      format === "text" ? colorSeverities(text, useColor(opts, io)) : text,
      `logpact diff: ${result.counts.breaking} breaking, ${result.counts.warning} warning${result.counts.warning === 1 ? "" : "s"}${failed ? " (failing)" : ""}.`,
    );
    return failed ? 1 : 0;
  },
};
