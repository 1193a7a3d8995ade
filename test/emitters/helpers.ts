/**
 * Shared by the emitters tests: fixture registries, in-process rendering, and real `tsc`.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { expect } from "vitest";
import type { UserConfig } from "../../generator/config/schema.js";
import type { RegistryIR } from "../../generator/registry/ir.js";
import { emittersTarget, EmittersOptions } from "../../generator/targets/emitters/index.js";
import { BANNER } from "../../generator/gen/generate.js";
import { REPO } from "../helpers/project.js";
import { validIr, type ModuleMap } from "../helpers/registry.js";
import { HostileLog } from "./fixtures/schemas/hostile.js";
import { IdempotencyLog } from "./fixtures/schemas/idempotency.js";
import { JobLog } from "./fixtures/schemas/job.js";

/** Conventions off: the hostile registry breaks every naming rule on purpose. */
export const HOSTILE_CONFIG: UserConfig = {
  conventions: { eventNames: false, fieldNames: "off", idFields: "off", unitSuffixes: false, descriptions: "off" },
};

/** The fixture registries, as schema modules for `irFrom` and as files for temp projects. */
export const FIXTURES = {
  job: { modules: { "schemas/job.ts": { JobLog } } as ModuleMap, config: {} as UserConfig, file: "job.ts" },
  hostile: {
    modules: { "schemas/hostile */ evil.ts": { HostileLog } } as ModuleMap,
    config: HOSTILE_CONFIG,
    file: "hostile.ts",
  },
  idempotency: {
    modules: { "src/idempotency/log-fields.ts": { IdempotencyLog } } as ModuleMap,
    config: {} as UserConfig,
    file: "idempotency.ts",
  },
} as const;
export type FixtureName = keyof typeof FIXTURES;

/** IR of a fixture registry; fails the test on any registry error. */
export function fixtureIr(name: FixtureName): RegistryIR {
  return validIr(FIXTURES[name].modules, FIXTURES[name].config);
}

/** Renders the emitters target in-process: relative path → contents. */
export function renderEmitters(
  ir: RegistryIR,
  options: Record<string, unknown> = {},
  templatesDir?: string,
): Record<string, string> {
  const files = emittersTarget.render(ir, {
    options: EmittersOptions.parse(options),
    outDir: "generated/emitters",
    root: REPO,
    templatesDir,
    draft: "2020-12",
    banner: BANNER,
  });
  return Object.fromEntries(files.map((f) => [f.path, f.contents]));
}

export interface TscDiagnostic {
  file: string;
  line: number;
  code: string;
  message: string;
}

/** The strictest settings a consumer might use; generated code must compile under all of them. */
export const STRICTEST = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noImplicitOverride: true,
  noPropertyAccessFromIndexSignature: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  noImplicitReturns: true,
  noFallthroughCasesInSwitch: true,
  erasableSyntaxOnly: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  isolatedDeclarations: true,
  declaration: true,
  noEmit: true,
};

/** The module settings every type test's project shares: ES2022 code that Node resolves as NodeNext. */
export const ES2022_NODENEXT = { target: "ES2022", lib: ["ES2022"], module: "NodeNext", moduleResolution: "NodeNext" };

/** tsconfig.json text for a temp project: ES2022 + NodeNext, then `compilerOptions` (checks, `types`, overrides). */
export function tsconfigJson(include: readonly string[], compilerOptions: Record<string, unknown>): string {
  return JSON.stringify({ compilerOptions: { ...ES2022_NODENEXT, ...compilerOptions }, include });
}

/**
 * The real TypeScript 7 compiler's executable, found the way `node_modules/.bin/tsc` finds
 * it (typescript's own getExePath). Started directly: the bin is a node script that only
 * starts this file (on Node 20 with execFileSync), 0.15-0.3 CPU-s per run for nothing.
 */
const TSC: string = (
  (await import(pathToFileURL(join(REPO, "node_modules/typescript/lib/getExePath.js")).href)) as {
    default: () => string;
  }
).default();

/** Runs the real TypeScript 7 compiler (`tsc -p`) in `dir`; parses `file(line,col): error TSxxxx: …`. */
export function runTsc(
  dir: string,
  extraArgs: readonly string[] = [],
): { code: number; diagnostics: TscDiagnostic[]; output: string } {
  const r = spawnSync(TSC, ["-p", "tsconfig.json", "--pretty", "false", ...extraArgs], {
    cwd: dir,
    encoding: "utf8",
  });
  if (r.error) throw r.error;
  const output = `${r.stdout}${r.stderr}`;
  const diagnostics = [...output.matchAll(/^(.+?)\((\d+),\d+\): error (TS\d+): (.*)$/gm)].map((m) => ({
    file: m[1]!,
    line: Number(m[2]),
    code: m[3]!,
    message: m[4]!,
  }));
  return { code: r.status ?? -1, diagnostics, output };
}

/** Where `compileAndRun` has tsc write the JavaScript it runs (relative to the project). */
const COMPILED = ".tsc-out";

/**
 * Type-checks `dir` with real tsc (it must report nothing) and has the same run emit the
 * JavaScript, then runs `script`'s output with node, as a service runs its build; the run
 * must exit 0 with nothing on stderr. Returns what it printed. (Not tsx: its loader and
 * esbuild cost ~1-2 CPU-s a run and are not what these tests are about.)
 */
export function compileAndRun(dir: string, script: string, env: Record<string, string>): string {
  expect(runTsc(dir, ["--noEmit", "false", "--outDir", COMPILED, "--rootDir", "."]).output).toBe("");
  const run = spawnSync(process.execPath, [join(COMPILED, script.replace(/\.ts$/, ".js"))], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  return run.stdout;
}
