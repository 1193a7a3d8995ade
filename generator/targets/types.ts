/**
 * The one target contract. A target is a tiny object: a name, a Zod schema of its own
 * options (with defaults) and a pure `render(ir, ctx)` that returns files. Targets never
 * touch the disk; `generate()` collects their files and the CLI writes them.
 */
import type { z } from "zod";
import type { RegistryIR } from "../registry/ir.js";

/** One output file: `path` is relative to the project root, POSIX separators. */
export interface GeneratedFile {
  readonly path: string;
  readonly contents: string;
}

/** Options every target accepts on top of its own (`targets.<name>` in the config). */
export interface CommonTargetOptions {
  /** Set to false to skip this target. */
  enabled: boolean;
  /** Output folder relative to the project root; defaults to `<outDir>/<target dir>`. */
  outDir?: string | undefined;
}

export interface RenderContext<O> {
  /** The target's own options, defaults applied. */
  readonly options: O;
  /** Output folder of this target, relative to the project root (POSIX). */
  readonly outDir: string;
  /** Project root (absolute). Only for reading user templates; never written to by targets. */
  readonly root: string;
  /** Folder of user template overrides (absolute), when the config names one. */
  readonly templatesDir?: string | undefined;
  /** JSON Schema dialect chosen in the config (`jsonSchemaDraft`). */
  readonly draft: "2020-12" | "draft-07";
  /** One-line notice for the top of a generated file, without comment syntax. */
  readonly banner: string;
}

export interface Target<O = unknown> {
  readonly name: string;
  /** One line for `logpact gen --help` and the docs. */
  readonly description: string;
  /** Default output folder, relative to the config's `outDir` ("" = outDir itself). */
  readonly defaultDir: string;
  /** Strict Zod object of the target's own options, every key with a default. */
  readonly options: z.ZodType<O>;
  /** Files relative to `ctx.outDir`; `generate()` prefixes them. Must be pure and deterministic. */
  render(ir: RegistryIR, ctx: RenderContext<O>): GeneratedFile[];
}

/** Helps TypeScript infer `O` from the options schema. */
export function defineTarget<O>(target: Target<O>): Target<O> {
  return target;
}
