import { loadConfig } from "../config/load.js";
import { MANIFEST_FILE } from "../generate.js";
import { formatDiagnostic } from "../errors.js";
import { docSectionFiles } from "../docs/files.js";
import { generate, targetDir } from "../generate.js";
import { checkProjectBounds } from "../util/project-bounds.js";
import { loadRegistry } from "../registry/index.js";
import { TARGETS } from "../targets/index.js";
import { compareTree, writeTree } from "../write.js";
import { UsageError } from "../errors.js";
import type { CommandSpec } from "./types.js";

export const genCommand: CommandSpec = {
  name: "gen",
  summary: "generate every target from the registry (or, with --check, verify generated files are current)",
  configure: (cmd) =>
    cmd
      .option("--check", "write nothing; exit 1 if any generated file is stale, missing or orphaned")
      .option("--only <targets>", `comma-separated targets to generate (${TARGETS.map((t) => t.name).join(", ")})`)
      .option("-q, --quiet", "print nothing but errors"),
  async run(_args, opts, io) {
    const { config, root } = await loadConfig(io.cwd, opts.config as string | undefined);
    const only = typeof opts.only === "string" ? opts.only.split(",").map((s) => s.trim()).filter(Boolean) : undefined;
    const unknown = only?.filter((n) => !TARGETS.some((t) => t.name === n)) ?? [];
    if (unknown.length) throw new UsageError(`--only: unknown target ${unknown.map((u) => `"${u}"`).join(", ")}; known: ${TARGETS.map((t) => t.name).join(", ")}`);
    for (const notice of checkProjectBounds(root, config)) io.stderr(`${notice}\n`);
    const { ir, warnings, files: modules } = await loadRegistry(root, config);
    for (const w of warnings) io.stderr(`${formatDiagnostic(w)}\n`);
    const files = generate(ir, config, { root, only });
    // Hand-written docs with <!-- logpact:begin … --> sections: rewritten in place in the same
    // atomic write, compared by --check, never listed in the manifest (so never orphaned).
    const docFiles = config.docs.updateSections && (!only || only.includes("markdown")) ? await docSectionFiles(root, config, ir) : [];
    const docsNote = docFiles.length ? ` + ${docFiles.length} doc${docFiles.length === 1 ? "" : "s"} with generated sections` : "";
    const quiet = Boolean(opts.quiet);
    const tree = {
      outputDirs: [config.outDir, ...TARGETS.map((t) => targetDir(t, config))],
      inPlace: new Set(docFiles.map((f) => f.path)),
    };

    if (opts.check) {
      const s = compareTree(root, config.outDir, [...files, ...docFiles], tree);
      const problems = [
        ...s.stale.map((p) => `  stale     ${p}`),
        ...s.missing.map((p) => `  missing   ${p}`),
        ...(only ? [] : s.orphaned.map((p) => `  orphaned  ${p} (no longer generated)`)),
        ...(only ? [] : s.foreign.map((p) => `  orphaned  ${p} (not written by logpact)`)),
        ...(only ? [] : s.kept.map((k) => `  manifest  ${JSON.stringify(k.path)} is listed but logpact will not delete it: ${k.reason}`)),
        ...s.leftovers.map((p) => `  leftover  ${p} (from an interrupted run; the next \`logpact gen\` removes it)`),
      ];
      if (problems.length) {
        io.stderr(`logpact gen --check: ${problems.length} generated file${problems.length === 1 ? " is" : "s are"} out of date:\n${problems.join("\n")}\nfix: run \`pnpm gen\` (logpact gen) and commit the result; delete files listed as not written by logpact.\n`);
        return 1;
      }
      if (!quiet) io.stdout(`logpact gen --check: ${files.length} files${docsNote} up to date (${ir.families.length} families from ${modules.length} modules).\n`);
      return 0;
    }

    const s = writeTree(root, config.outDir, [...files, ...docFiles], { ...tree, removeOrphans: !only });
    if (!only) {
      for (const k of s.kept) {
        io.stderr(`warning: ${config.outDir}/${MANIFEST_FILE} listed ${JSON.stringify(k.path)}, which logpact no longer generates; left in place because ${k.reason}. Delete it yourself if it is not needed.\n`);
      }
    }
    if (!quiet) {
      const changed = s.stale.length + s.missing.length;
      const removed = only ? 0 : s.orphaned.length;
      io.stdout(`logpact gen: ${ir.families.length} families, ${ir.families.reduce((n, f) => n + f.events.length, 0)} events → ${files.length} files${docsNote} (${changed} written, ${s.unchanged.length} unchanged, ${removed} removed).\n`);
      if (!only) for (const p of s.foreign) io.stderr(`warning: ${p} is in ${config.outDir}/ but was not written by logpact; delete it or move it out.\n`);
    }
    return 0;
  },
};
