/**
 * Builds an IR in-process from schema values (no disk, no CLI): for unit tables.
 */
import { parseConfig } from "../../generator/config/load.js";
import type { UserConfig } from "../../generator/config/schema.js";
import type { Diagnostic } from "../../generator/errors.js";
import { buildRegistry } from "../../generator/registry/build.js";
import { runChecks } from "../../generator/registry/checks.js";
import type { RegistryIR } from "../../generator/registry/ir.js";
import { expect } from "vitest";

/** Exports of one or more fake modules: `{ "schemas/a.ts": { ALog: union } }`. */
export type ModuleMap = Record<string, Record<string, unknown>>;

export function irFrom(modules: ModuleMap, config: UserConfig = {}): { ir: RegistryIR; diagnostics: Diagnostic[] } {
  const resolved = parseConfig(config, "test");
  const { ir, diagnostics } = buildRegistry(
    Object.entries(modules).map(([file, exports]) => ({ file, exports })),
    resolved,
  );
  return { ir, diagnostics: [...diagnostics, ...runChecks(ir, resolved)] };
}

/** `irFrom`'s IR, failing the test on any registry error (they are listed): a fixture that must build clean. */
export function validIr(modules: ModuleMap, config: UserConfig = {}): RegistryIR {
  const { ir, diagnostics } = irFrom(modules, config);
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return ir;
}

let bundled: Promise<RegistryIR> | undefined;

/**
 * The bundled registry's IR, built from schemas/ in-process once per worker (49 call sites
 * loaded the same five modules, 0.1-0.4 s each; nothing edits schemas/ during a run). Each
 * caller gets its own deep copy, so a test that changes its IR changes no other test's.
 */
export async function bundledIr(): Promise<RegistryIR> {
  bundled ??= (async () => {
    const { loadRegistry } = await import("../../generator/registry/index.js");
    const { REPO } = await import("./project.js");
    return (await loadRegistry(REPO, parseConfig({}, "test"))).ir;
  })();
  return structuredClone(await bundled);
}
