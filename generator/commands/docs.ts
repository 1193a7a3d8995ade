import { Option } from "commander";
import { loadConfig } from "../config/load.js";
import { checkDocs } from "../doc-check/check.js";
import { findDocs, outsideRoot, projectFileReader, readDocs } from "../doc-check/files.js";
import { DOCS_FORMATS, formatResult, type DocsFormat } from "../doc-check/format.js";
import { RegistryError, UsageError, formatDiagnostic } from "../errors.js";
import { buildRegistry } from "../registry/build.js";
import { loadRegistry } from "../registry/index.js";
import type { RegistryIR } from "../registry/ir.js";
import { join } from "node:path";
import { existsSync, realpathSync, statSync } from "node:fs";
import { checkProjectBounds, insideRoot } from "../util/project-bounds.js";
import {
  colorOption,
  colorSeverities,
  emitReport,
  failOnOption,
  noColorOption,
  outputOption,
  parseFailOn,
  useColor,
} from "./options.js";
import type { CommandSpec } from "./types.js";

const ACTIONS = ["check"] as const;
/** Findings that need no registry: checked even when the registry cannot be built. */
const SOURCE_CODES = new Set<string>(["LP_DOCS_SOURCE_MISSING", "LP_DOCS_SOURCE_RANGE", "LP_DOCS_SOURCE_ANCHOR"]);

/** `logpact docs check [files...]`: the doc-citation gate for CI. */
export const docsCommand: CommandSpec = {
  name: "docs",
  summary: "check docs: stale generated sections, unknown event citations, moved source citations, uncovered events",
  configure: (cmd) => {
    // `docs lint` reaches run(), which names the known actions.
    cmd.argument("[action]", `what to do: ${ACTIONS.join(", ")}`);
    cmd
      .command("check")
      .description(
        "the doc-citation gate: fails (exit 1) on stale generated sections, unknown events, moved source citations and uncovered events",
      )
      .argument("[files...]", "Markdown files to check instead of the configured docs.include globs")
      .addOption(new Option("-f, --format <format>", "output format").choices([...DOCS_FORMATS]).default("text"))
      .addOption(outputOption())
      .option("-q, --quiet", "print nothing when there is no error")
      .addOption(failOnOption())
      .addOption(colorOption())
      .addOption(noColorOption())
      .addOption(
        new Option(
          "--coverage <severity>",
          "uncovered events are errors, warnings, or not checked (default: docs.coverage)",
        ).choices(["error", "warn", "off"]),
      )
      // Repeatable rather than variadic, so it cannot swallow the file arguments after it.
      .option(
        "--source-prefix <prefix>",
        "path prefix of source citations, repeatable (default: docs.sourcePrefixes)",
        (value: string, previous: string[] = []) => [...previous, value],
      );
    return cmd;
  },
  async run(args, opts, io) {
    const [action, ...files] = args;
    if (!ACTIONS.includes(action as (typeof ACTIONS)[number])) {
      throw new UsageError(
        `logpact docs: unknown action "${action ?? ""}"; known: ${ACTIONS.join(", ")} (e.g. \`logpact docs check\`)`,
      );
    }
    const { config, root } = await loadConfig(io.cwd, opts.config as string | undefined);
    for (const notice of checkProjectBounds(root, config, { writes: false })) io.stderr(`${notice}\n`);
    const docs = config.docs;
    const paths = files.length
      ? files.map((f) => f.split("\\").join("/").replace(/^\.\//, ""))
      : await findDocs(root, docs.include, docs.exclude);
    const missing = paths.filter((p) => !existsSync(join(root, p)));
    if (missing.length)
      throw new UsageError(
        `logpact docs check: no such file ${missing.map((m) => `"${m}"`).join(", ")} (paths are relative to the project root ${root})`,
      );
    // A folder would crash the read, a FIFO would block it forever; a symlink may lead outside the project.
    for (const p of paths) {
      const abs = join(root, p);
      if (statSync(abs).isDirectory())
        throw new UsageError(
          `logpact docs check: "${p}" is a folder; pass Markdown files (e.g. ${p.replace(/\/$/, "")}/*.md), or none to check docs.include`,
        );
      if (!statSync(abs).isFile())
        throw new UsageError(
          `logpact docs check: "${p}" is not a regular file (a FIFO, pipe or device); pass Markdown files`,
        );
      if (!insideRoot(realpathSync(root), realpathSync(abs)))
        throw new UsageError(
          `logpact docs check: "${p}" leads outside the project root ${root} (a symlink?); pass files inside the project`,
        );
    }
    // A broken registry (one module that fails to import, …) must not hide the rest: source
    // citations need no registry, so they are still checked; the exit code stays 2.
    let registry: { ir: RegistryIR; broken?: RegistryError };
    try {
      const { ir, warnings } = await loadRegistry(root, config);
      for (const w of warnings) io.stderr(`${formatDiagnostic(w)}\n`);
      registry = { ir };
    } catch (e) {
      if (!(e instanceof RegistryError)) throw e;
      registry = { ir: buildRegistry([], config).ir, broken: e };
    }

    const result = checkDocs({
      docs: readDocs(root, paths),
      ir: registry.ir,
      options: {
        sourcePrefixes: (opts.sourcePrefix as string[] | undefined) ?? docs.sourcePrefixes,
        coverage: registry.broken ? "off" : ((opts.coverage as "error" | "warn" | "off" | undefined) ?? docs.coverage),
        coverageIgnore: docs.coverageIgnore,
      },
      readFile: projectFileReader(root),
      templatesDir: config.templates ? join(root, config.templates) : undefined,
    });
    if (registry.broken) {
      const findings = result.findings.filter((f) => SOURCE_CODES.has(f.code));
      io.stdout(formatResult({ ...result, findings }, opts.format as DocsFormat));
      const errors = registry.broken.diagnostics.filter((d) => d.severity === "error");
      io.stderr(
        `${errors.map(formatDiagnostic).join("\n\n")}\n\nlogpact docs check: ${errors.length} registry error${errors.length === 1 ? "" : "s"}, so only source citations were checked (event citations, generated sections and coverage need the registry); fix the registry and run it again.\n`,
      );
      return 2;
    }
    const failOn = parseFailOn(opts.failOn) ?? "error";
    const failed = failOn !== "none" && result.findings.some((f) => failOn === "warning" || f.severity === "error");
    if (opts.quiet && !failed) return 0;
    const format = opts.format as DocsFormat;
    const text = formatResult(result, format);
    emitReport(
      io,
      opts,
      format === "text" ? colorSeverities(text, useColor(opts, io)) : text,
      `logpact docs check: ${result.findings.length} finding${result.findings.length === 1 ? "" : "s"}.`,
    );
    return failed ? 1 : 0;
  },
};
