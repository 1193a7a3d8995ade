/**
 * Loading a registry end to end: config → discover → import → Zod → IR → checks.
 */
import type { ResolvedConfig } from "../config/schema.js";
import { RegistryError, type Diagnostic } from "../errors.js";
import { buildRegistry, type LoadedModule } from "./build.js";
import { runChecks } from "./checks.js";
import type { RegistryIR } from "./ir.js";
import { discoverSchemaFiles, loadSchemaModules } from "./load.js";
import { locateDiagnostics } from "./positions.js";

export interface LoadedRegistry {
  ir: RegistryIR;
  /** Warnings and notes (errors throw). */
  warnings: Diagnostic[];
  /** Schema modules read, relative to the root. */
  files: string[];
}

/** Builds and checks the IR from already-imported modules. Throws RegistryError on any error. */
export function registryFromModules(modules: readonly LoadedModule[], config: ResolvedConfig, extra: readonly Diagnostic[] = []): { ir: RegistryIR; warnings: Diagnostic[] } {
  const { ir, diagnostics } = buildRegistry(modules, config);
  const all = [...extra, ...diagnostics, ...runChecks(ir, config)];
  if (all.some((d) => d.severity === "error")) throw new RegistryError(all);
  return { ir, warnings: all.filter((d) => d.severity !== "error") };
}

/** Discovers, imports, builds and checks the registry of a project. */
export async function loadRegistry(root: string, config: ResolvedConfig): Promise<LoadedRegistry> {
  const files = await discoverSchemaFiles(root, config);
  if (files.length === 0) {
    throw new RegistryError([
      { code: "LP_NO_SCHEMA_FILES", severity: "error", message: `no schema modules match ${config.schemas.map((g) => `"${g}"`).join(", ")} under ${root}`, fix: "create schemas/<family>.ts exporting a Zod union of strict event objects, or point `schemas` in the config at your schema files" },
    ]);
  }
  const { modules, diagnostics } = await loadSchemaModules(root, files);
  let built: ReturnType<typeof registryFromModules>;
  try {
    built = registryFromModules(modules, config, diagnostics);
  } catch (e) {
    // With line:column of each event/field, found from the module text.
    if (e instanceof RegistryError) throw new RegistryError(await locateDiagnostics(root, e.diagnostics));
    throw e;
  }
  const ir = built.ir;
  const warnings = await locateDiagnostics(root, built.warnings);
  if (ir.families.length === 0) {
    throw new RegistryError([
      { code: "LP_NO_FAMILIES", severity: "error", message: `the schema modules (${files.join(", ")}) export no event family`, fix: "export a `z.discriminatedUnion(\"event\", [...])` of strict objects, each with `event: z.literal(\"<family>.<name>\")`" },
    ]);
  }
  return { ir, warnings, files };
}
