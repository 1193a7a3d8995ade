/**
 * Loading a registry end to end: config → discover → import → Zod → IR → checks.
 */
import type { ResolvedConfig } from "../config/schema.js";
import { LogpactError, RegistryError, type Diagnostic } from "../errors.js";
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

/**
 * More checks of the built IR, reported with the registry's own (`gen` passes its targets'
 * `check`s, so every error of a run is listed at once, located and formatted alike).
 */
export type ExtraChecks = (ir: RegistryIR) => Diagnostic[];

/** Builds and checks the IR from already-imported modules. Throws RegistryError on any error. */
export function registryFromModules(
  modules: readonly LoadedModule[],
  config: ResolvedConfig,
  extra: readonly Diagnostic[] = [],
  checks?: ExtraChecks,
): { ir: RegistryIR; warnings: Diagnostic[] } {
  let built: ReturnType<typeof buildRegistry>;
  try {
    built = buildRegistry(modules, config);
  } catch (e) {
    // User code threw while being read (a getter, a Proxy, a cycle, a recursive schema): exit 2 naming the export, not a crash.
    if (e instanceof LogpactError) throw e;
    throw new RegistryError([...extra.filter((d) => d.severity === "error"), unreadableExport(modules, config, e)]);
  }
  const { ir, diagnostics } = built;
  const found = [...extra, ...diagnostics, ...runChecks(ir, config)];
  const all = [...found, ...(checks?.(checkable(ir, found)) ?? [])];
  if (all.some((d) => d.severity === "error")) throw new RegistryError(all);
  return { ir, warnings: all.filter((d) => d.severity !== "error") };
}

/**
 * The IR the extra checks see: without the families the registry's errors are about (and
 * families left with no event), which are not fit to render; the rest is checked as usual.
 */
function checkable(ir: RegistryIR, found: readonly Diagnostic[]): RegistryIR {
  const broken = new Set(found.filter((d) => d.severity === "error").map((d) => d.family));
  const families = ir.families.filter((f) => !broken.has(f.name) && f.events.length > 0);
  return families.length === ir.families.length ? ir : { ...ir, families };
}

/** Discovers, imports, builds and checks the registry of a project (plus `checks`, when given). */
export async function loadRegistry(
  root: string,
  config: ResolvedConfig,
  checks?: ExtraChecks,
): Promise<LoadedRegistry> {
  const files = await discoverSchemaFiles(root, config);
  if (files.length === 0) {
    throw new RegistryError([
      {
        code: "LP_NO_SCHEMA_FILES",
        severity: "error",
        message: `no schema modules match ${config.schemas.map((g) => `"${g}"`).join(", ")} under ${root}`,
        fix: "create schemas/<family>.ts exporting a Zod union of strict event objects, or point `schemas` in the config at your schema files",
      },
    ]);
  }
  const { modules, diagnostics } = await loadSchemaModules(root, files);
  let built: ReturnType<typeof registryFromModules>;
  try {
    built = registryFromModules(modules, config, diagnostics, checks);
  } catch (e) {
    // With line:column of each event/field, found from the module text.
    if (e instanceof RegistryError) throw new RegistryError(await locateDiagnostics(root, e.diagnostics));
    throw e;
  }
  const ir = built.ir;
  const warnings = await locateDiagnostics(root, built.warnings);
  if (ir.families.length === 0) {
    throw new RegistryError([
      {
        code: "LP_NO_FAMILIES",
        severity: "error",
        message: `the schema modules (${files.join(", ")}) export no event family`,
        fix: 'export a `z.discriminatedUnion("event", [...])` of strict objects, each with `event: z.literal("<family>.<name>")`',
      },
    ]);
  }
  return { ir, warnings, files };
}

/** Why reading a schema threw, in the user's terms: `[what happened, fix]`. */
function explainThrow(e: unknown): [string, string] {
  const text = e instanceof Error ? `${e.name}: ${e.message}` : `a thrown ${typeof e} (${String(e).slice(0, 200)})`;
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    return [
      `${text} — the schema refers to itself (a getter or z.lazy() that returns the schema it is part of), and logpact's registry cannot describe recursive fields`,
      "give the recursive part a non-recursive type (z.unknown(), z.json(), or a fixed depth), or keep it out of the logged fields",
    ];
  }
  if (e instanceof TypeError && /reading '(_def|def|_zod|shape|type)'/.test(e.message)) {
    return [
      `${text} — a field's schema is undefined or not a Zod 4 schema when logpact reads it: an import cycle (a schema used before its module finished loading) or a zod/v3 schema inside a Zod 4 object`,
      "break the import cycle (move shared schemas into a module both import), and build each family with one Zod version (all zod, or all zod/v3)",
    ];
  }
  return [
    `${text} — thrown by the module's own code while logpact read the export`,
    "make the export a plain Zod schema (no throwing getters or Proxies), or exclude the module in the config",
  ];
}

/** The export whose reading throws, found by reading exports one at a time. */
function unreadableExport(modules: readonly LoadedModule[], config: ResolvedConfig, first: unknown): Diagnostic {
  for (const m of modules) {
    let names: string[];
    try {
      names = Object.keys(m.exports);
    } catch (e) {
      const [message, fix] = explainThrow(e);
      return {
        code: "LP_SCHEMA_UNREADABLE",
        severity: "error",
        file: m.file,
        message: `could not list this module's exports: ${message}`,
        fix,
      };
    }
    for (const name of names) {
      const one = Object.defineProperty({}, name, { enumerable: true, get: () => m.exports[name] }) as Record<
        string,
        unknown
      >;
      try {
        buildRegistry([{ file: m.file, exports: one }], config);
      } catch (e) {
        if (e instanceof LogpactError) continue;
        const [message, fix] = explainThrow(e);
        return {
          code: "LP_SCHEMA_UNREADABLE",
          severity: "error",
          file: m.file,
          message: `could not read export "${name}": ${message}`,
          fix,
        };
      }
    }
  }
  const [message, fix] = explainThrow(first);
  return {
    code: "LP_SCHEMA_UNREADABLE",
    severity: "error",
    message: `could not read the schema modules: ${message}`,
    fix,
  };
}
