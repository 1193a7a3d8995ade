import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../config/load.js";
import { baselineFromGit, baselineFromSnapshotFile } from "../diff/baseline.js";
import { diffRegistries } from "../diff/compare.js";
import { FORMATS, renderReport, type DiffFormat } from "../diff/report.js";
import { UsageError } from "../errors.js";
import { loadRegistry } from "../registry/index.js";
import { didYouMeanSuffix } from "../util/did-you-mean.js";
import type { CommandSpec } from "./types.js";

const FAIL_ON = ["breaking", "warning"] as const;

export const diffCommand: CommandSpec = {
  name: "diff",
  summary: "classify registry changes against a git ref or a snapshot as breaking, warning or safe for log consumers",
  configure: (cmd) =>
    cmd
      .option("--against <ref>", "git ref to compare with (origin/main, HEAD~1, a tag or a commit)")
      .option("--against-snapshot <file>", "registry snapshot to compare with (a registry.json written by `logpact gen`)")
      .option("--from-schemas", "with --against: build the ref's registry from its schema modules in a temporary git worktree, even when the ref has a committed snapshot")
      .option("--format <format>", `output: ${FORMATS.join(", ")}`, "text")
      .option("--fail-on <severity>", `exit 1 on: ${FAIL_ON.join(" or ")} (warning includes breaking)`, "breaking")
      .option("--allow-breaking", "report breaking changes but exit 0"),
  async run(args, opts, io) {
    if (args.length) throw new UsageError(`logpact diff takes no arguments (got ${args.map((a) => `"${a}"`).join(" ")}); name the baseline with --against <ref> or --against-snapshot <file>`);
    const format = opts.format as string;
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format: unknown format "${format}".${didYouMeanSuffix(format, FORMATS)} Known: ${FORMATS.join(", ")}`);
    const failOn = opts.failOn as string;
    if (!(FAIL_ON as readonly string[]).includes(failOn)) throw new UsageError(`--fail-on: unknown severity "${failOn}".${didYouMeanSuffix(failOn, FAIL_ON)} Known: ${FAIL_ON.join(", ")}`);
    const allowBreaking = Boolean(opts.allowBreaking);
    if (allowBreaking && failOn === "warning") throw new UsageError("--allow-breaking and --fail-on warning contradict each other: the first accepts breaking changes, the second fails on anything less; pass one of them");
    const ref = opts.against as string | undefined;
    const snapshot = opts.againstSnapshot as string | undefined;
    if ((ref === undefined) === (snapshot === undefined)) {
      throw new UsageError(`logpact diff needs exactly one baseline: --against <git ref> (e.g. origin/main) or --against-snapshot <registry.json>${ref !== undefined ? ", not both" : ""}`);
    }
    if (opts.fromSchemas && ref === undefined) throw new UsageError("--from-schemas applies to --against <ref> only");

    const { config, root } = await loadConfig(io.cwd, opts.config as string | undefined);
    // The baseline first: a wrong ref or file is the cheaper mistake to report.
    const baseline = ref !== undefined ? await baselineFromGit(root, ref, config, { fromSchemas: Boolean(opts.fromSchemas), configPath: opts.config as string | undefined }) : baselineFromSnapshotFile(root, snapshot!);
    const { ir: after } = await loadRegistry(root, config);
    for (const note of baseline.notes) io.stderr(`logpact diff: ${note}\n`);

    const result = diffRegistries(baseline.ir, after);
    const failed = failOn === "warning" ? result.counts.breaking + result.counts.warning > 0 : !allowBreaking && result.counts.breaking > 0;
    const reason = failed
      ? failOn === "warning"
        ? "Failing (exit 1): breaking changes or warnings, and --fail-on warning is set."
        : "Failing (exit 1): breaking changes. Fix them as suggested, or pass --allow-breaking once every consumer has moved."
      : result.counts.breaking > 0
        ? "Breaking changes accepted (--allow-breaking)."
        : "No breaking changes.";
    io.stdout(
      renderReport(result, format as DiffFormat, {
        source: baseline.source,
        verdict: { failed, reason },
        readFile: (path) => {
          try {
            return readFileSync(join(root, path), "utf8");
          } catch {
            return undefined;
          }
        },
      }),
    );
    return failed ? 1 : 0;
  },
};
