import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../config/load.js";
import { MANIFEST_FILE } from "../gen/generate.js";
import { formatDiagnostic, RegistryError, type Diagnostic } from "../errors.js";
import { docSectionFiles } from "../doc-check/files.js";
import { checkTargets, generate } from "../gen/generate.js";
import { targetDir } from "../config/targets.js";
import { checkProjectBounds } from "../util/project-bounds.js";
import { escapeData, escapeProperty } from "../lint/reporters/github.js";
import { loadRegistry } from "../registry/index.js";
import { TARGET_SPECS } from "../targets/index.js";
import { formatGenerated } from "../util/prettier.js";
import { unifiedDiff } from "../util/unified-diff.js";
import { compareTree, writeTree } from "../gen/write.js";
import { UsageError } from "../errors.js";
import {
  colorOption,
  envOf,
  formatOption,
  noColorOption,
  palette,
  progressLine,
  useColor,
  useProgress,
} from "./options.js";
import type { CommandSpec } from "./types.js";

const FORMATS = ["text", "github"] as const;
/** Lines of diff shown per stale file by `--check --diff`. */
const DIFF_LINES = 40;

export const genCommand: CommandSpec = {
  name: "gen",
  summary: "generate every target from the registry (or, with --check, verify generated files are current)",
  configure: (cmd) =>
    cmd
      .option("--check", "write nothing; exit 1 if any generated file is stale, missing or orphaned")
      .option("--diff", "with --check: a short unified diff per stale file (default in CI)")
      .option("--no-diff", "with --check: never print diffs")
      .option("--only <targets>", `comma-separated targets to generate (${TARGET_SPECS.map((t) => t.name).join(", ")})`)
      .addOption(formatOption(FORMATS, " (github: registry errors and stale files as workflow annotations)"))
      .option("-q, --quiet", "print nothing but errors")
      .addOption(colorOption())
      .addOption(noColorOption()),
  async run(_args, opts, io) {
    const format = String(opts.format ?? "text");
    if (!(FORMATS as readonly string[]).includes(format))
      throw new UsageError(`--format: unknown format "${format}"; known: ${FORMATS.join(", ")}`);
    const github = format === "github";
    const color = palette(!github && useColor(opts, io));
    const progress = progressLine(io, useProgress(opts, io));
    const { config, root } = await loadConfig(io.cwd, opts.config as string | undefined);
    const only =
      typeof opts.only === "string"
        ? opts.only
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean)
        : undefined;
    const unknown = only?.filter((n) => !TARGET_SPECS.some((t) => t.name === n)) ?? [];
    if (unknown.length)
      throw new UsageError(
        `--only: unknown target ${unknown.map((u) => `"${u}"`).join(", ")}; known: ${TARGET_SPECS.map((t) => t.name).join(", ")}`,
      );
    for (const notice of checkProjectBounds(root, config)) io.stderr(`${notice}\n`);
    progress.update("logpact gen: loading schema modules…");
    let loaded: Awaited<ReturnType<typeof loadRegistry>>;
    try {
      // The targets' checks run with the registry's, so all errors are reported together.
      loaded = await loadRegistry(root, config, (ir) => checkTargets(ir, config, { only }));
    } catch (e) {
      progress.done();
      if (!github || !(e instanceof RegistryError)) throw e;
      io.stdout(e.diagnostics.map(annotation).join(""));
      io.stderr(`${e.message}\n`);
      return e.exitCode;
    }
    const { ir, warnings, files: modules } = loaded;
    for (const w of warnings) (github ? io.stdout : io.stderr)(github ? annotation(w) : `${formatDiagnostic(w)}\n`);
    progress.update(`logpact gen: rendering ${ir.families.length} families…`);
    const files = await formatGenerated(root, generate(ir, config, { root, only, checked: true }), config.format);
    // Hand-written docs with <!-- logpact:begin … --> sections: rewritten in place in the same
    // atomic write, compared by --check, never listed in the manifest (so never orphaned).
    const docFiles =
      config.docs.updateSections && (!only || only.includes("markdown")) ? await docSectionFiles(root, config, ir) : [];
    const docsNote = docFiles.length
      ? ` + ${docFiles.length} doc${docFiles.length === 1 ? "" : "s"} with generated sections`
      : "";
    const quiet = Boolean(opts.quiet);
    const tree = {
      outputDirs: [config.outDir, ...TARGET_SPECS.map((t) => targetDir(t, config))],
      inPlace: new Set(docFiles.map((f) => f.path)),
    };

    if (opts.check) {
      progress.update("logpact gen --check: comparing…");
      const all = [...files, ...docFiles];
      const s = compareTree(root, config.outDir, all, tree);
      progress.done();
      const problems: [string, string][] = [
        ...s.stale.map((p): [string, string] => [p, `  ${color.yellow("stale")}     ${p}`]),
        ...s.missing.map((p): [string, string] => [p, `  ${color.red("missing")}   ${p}`]),
        ...(only
          ? []
          : s.orphaned.map((p): [string, string] => [p, `  ${color.red("orphaned")}  ${p} (no longer generated)`])),
        ...(only
          ? []
          : s.foreign.map((p): [string, string] => [p, `  ${color.red("orphaned")}  ${p} (not written by logpact)`])),
        ...(only
          ? []
          : s.kept.map((k): [string, string] => [
              k.path,
              `  ${color.yellow("manifest")}  ${JSON.stringify(k.path)} is listed but logpact will not delete it: ${k.reason}`,
            ])),
        ...s.leftovers.map((p): [string, string] => [
          p,
          `  ${color.yellow("leftover")}  ${p} (from an interrupted run; the next \`logpact gen\` removes it)`,
        ]),
      ];
      if (problems.length) {
        const fix =
          "run `pnpm gen` (logpact gen) and commit the result; delete files listed as not written by logpact.";
        if (github) {
          for (const [path, line] of problems)
            io.stdout(
              `::error file=${escapeProperty(path)},title=${escapeProperty("logpact gen --check")}::${escapeData(`${line.trim().split(/\s+/)[0]}: ${fix}`)}\n`,
            );
        }
        io.stderr(
          `logpact gen --check: ${problems.length} generated file${problems.length === 1 ? " is" : "s are"} out of date:\n${problems.map(([, l]) => l).join("\n")}\nfix: ${fix}\n`,
        );
        // Default on in CI, where nobody can open the files to see what changed.
        const showDiff = opts.diff === true || (opts.diff === undefined && Boolean(envOf(io).CI));
        if (showDiff) {
          const wanted = new Map(all.map((f) => [f.path, f.contents]));
          for (const p of s.stale) {
            const diff = unifiedDiff(readFileSync(join(root, p), "utf8"), wanted.get(p)!, {
              path: p,
              maxLines: DIFF_LINES,
            });
            io.stderr(`\n${colorDiff(diff, color)}`);
          }
        }
        return 1;
      }
      if (!quiet)
        io.stdout(
          `logpact gen --check: ${counted(files.length, "file")}${docsNote} up to date (${counted(ir.families.length, "family", "families")} from ${counted(modules.length, "module")}).\n`,
        );
      return 0;
    }

    progress.update("logpact gen: writing…");
    const s = writeTree(root, config.outDir, [...files, ...docFiles], { ...tree, removeOrphans: !only });
    progress.done();
    if (!only) {
      for (const k of s.kept) {
        io.stderr(
          `warning: ${config.outDir}/${MANIFEST_FILE} listed ${JSON.stringify(k.path)}, which logpact no longer generates; left in place because ${k.reason}. Delete it yourself if it is not needed.\n`,
        );
      }
    }
    if (!quiet) {
      const changed = s.stale.length + s.missing.length;
      const removed = only ? 0 : s.orphaned.length;
      io.stdout(
        `logpact gen: ${counted(ir.families.length, "family", "families")}, ${counted(
          ir.families.reduce((n, f) => n + f.events.length, 0),
          "event",
        )} → ${counted(files.length, "file")}${docsNote} (${changed} written, ${s.unchanged.length} unchanged, ${removed} removed).\n`,
      );
      if (!only)
        for (const p of s.foreign)
          io.stderr(
            `${color.yellow("warning")}: ${p} is in ${config.outDir}/ but was not written by logpact; delete it or move it out.\n`,
          );
    }
    return 0;
  },
};

/** A registry diagnostic as a GitHub workflow command (an annotation on the schema module). */
function annotation(d: Diagnostic): string {
  const where = [d.family, d.event, d.field].filter(Boolean).join(" > ");
  const props = [
    ...(d.file ? [`file=${escapeProperty(d.file)}`] : []),
    ...(d.line !== undefined ? [`line=${d.line}`, `col=${d.column ?? 1}`] : []),
    `title=${escapeProperty(`logpact ${d.code}${where ? ` [${where}]` : ""}`)}`,
  ];
  return `::${d.severity === "error" ? "error" : "warning"} ${props.join(",")}::${escapeData(`${d.message}\nfix: ${d.fix}`)}\n`;
}

function colorDiff(diff: string, color: ReturnType<typeof palette>): string {
  return diff
    .split("\n")
    .map((l) =>
      l.startsWith("@@")
        ? color.cyan(l)
        : l.startsWith("+") && !l.startsWith("+++")
          ? color.green(l)
          : l.startsWith("-") && !l.startsWith("---")
            ? color.red(l)
            : l,
    )
    .join("\n");
}

/** `1 family`, `5 families`. */
function counted(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
