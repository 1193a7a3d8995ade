/**
 * The one target contract. A target is a tiny object: its spec (a name, a folder and a Zod
 * schema of its own options, with defaults), a pure `render(ir, ctx)` that returns files
 * and an optional `check(ir, ctx)` that returns diagnostics. Targets never touch the disk;
 * `generate()` collects their files and the CLI writes them.
 *
 * The spec is split from the renderer so the config, lint and diff can know every target
 * (targets/index.ts) without loading any renderer; only gen/ reaches the renderers.
 */
import type { z } from "zod";
import type { Diagnostic } from "../errors.js";
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

/** What `check` gets: the target's options (defaults applied) and its output folder. */
export interface CheckContext<O> {
  /** The target's own options, defaults applied. */
  readonly options: O;
  /** Output folder of this target, relative to the project root (POSIX). */
  readonly outDir: string;
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

/** What the config, lint and diff know of a target: no rendering code. */
export interface TargetSpec<O = unknown> {
  readonly name: string;
  /** One line for `logpact gen --help` and the docs. */
  readonly description: string;
  /** Default output folder, relative to the config's `outDir` ("" = outDir itself). */
  readonly defaultDir: string;
  /** Strict Zod object of the target's own options, every key with a default. */
  readonly options: z.ZodType<O>;
}

export interface Target<O = unknown> extends TargetSpec<O> {
  /** Files relative to `ctx.outDir`; `generate()` prefixes them. Must be pure and deterministic. */
  render(ir: RegistryIR, ctx: RenderContext<O>): GeneratedFile[];
  /**
   * What would make `render` fail or write something unusable, as diagnostics (file, family,
   * event, field, fix), all of them rather than the first; `gen` reports them with the
   * registry's errors and writes nothing when one is an error. Pure, like `render`.
   */
  check?(ir: RegistryIR, ctx: CheckContext<O>): Diagnostic[];
}

/** Keeps a spec's literal name and option schema types (the config's `targets` is typed from them). */
export function defineTargetSpec<const N extends string, S extends z.ZodType>(
  spec: TargetSpec<z.output<S>> & { readonly name: N; readonly options: S },
): TargetSpec<z.output<S>> & { readonly name: N; readonly options: S } {
  return spec;
}

/** Helps TypeScript infer `O` from the options schema. */
export function defineTarget<O>(target: Target<O>): Target<O> {
  return target;
}
