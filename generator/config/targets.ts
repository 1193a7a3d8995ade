/**
 * A target's settings in the resolved config (`targets.<name>`): whether it runs, its
 * folder and its options with defaults applied. The one place that reads `config.targets`.
 */
import { posix } from "node:path";
import { TARGET_SPECS, type TargetName, type TargetSpec, type TargetSpecs } from "../targets/index.js";
import type { ResolvedConfig } from "./schema.js";
import type { z } from "zod";

/** `targets.<name>` of the config, resolved. */
export interface TargetSettings<O> {
  readonly enabled: boolean;
  /** Output folder relative to the project root (POSIX): `targets.<name>.outDir`, else `<outDir>/<defaultDir>`. */
  readonly dir: string;
  /** The target's own options, defaults applied. */
  readonly options: O;
}

/** The options type of a shipped target. */
export type TargetOptions<N extends TargetName> = z.output<TargetSpecs[N]["options"]>;

/** The settings of a shipped target, typed by its spec. */
export function targetSettings<N extends TargetName>(
  config: ResolvedConfig,
  name: N,
): TargetSettings<TargetOptions<N>> {
  const spec = TARGET_SPECS.find((t) => t.name === name) as TargetSpec<TargetOptions<N>> | undefined;
  if (!spec) throw new Error(`not a logpact target: ${name}`);
  return settingsOf(config, spec);
}

/**
 * The settings of any target, including one a library caller adds (`generate({ targets })`):
 * a target the config does not list runs with its defaults.
 */
export function settingsOf<O>(config: ResolvedConfig, spec: TargetSpec<O>): TargetSettings<O> {
  // The config's `targets` is keyed by the shipped targets; a library caller's own target is not in it.
  const own = (config.targets as Partial<Record<string, { enabled: boolean; outDir?: string; options?: unknown }>>)[
    spec.name
  ];
  return {
    enabled: own?.enabled ?? true,
    dir: targetDir(spec, config),
    options: spec.options.parse(own?.options),
  };
}

/** Output folder of a target, relative to the project root (POSIX). */
export function targetDir(spec: Pick<TargetSpec, "name" | "defaultDir">, config: ResolvedConfig): string {
  const own = (config.targets as Partial<Record<string, { outDir?: string }>>)[spec.name]?.outDir;
  return posix.normalize(own ?? posix.join(config.outDir, spec.defaultDir)).replace(/\/$/, "");
}
