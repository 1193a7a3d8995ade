/**
 * Test inputs for `logpact validate`: real pino lines for the bundled events, and the
 * bundled registry snapshot to check them against.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import pino from "pino";
import type { EventIR, RegistryIR } from "../../generator/registry/ir.js";
import type { CheckOptions } from "../../generator/validate/checker.js";
import { DEFAULT_SEVERITY } from "../../generator/validate/kinds.js";
import { logCollector } from "../../generator/validate/testing.js";
import { REPO } from "../helpers/project.js";

/** The bundled registry as `logpact gen` wrote it (its examples only as digests: lines come from `bundledIr`). */
export const SNAPSHOT = join(REPO, "generated/registry.json");
/** `validate` options for a JSON report that lists every finding (up to 1000), against the bundled snapshot. */
export const DETAILED_JSON_ARGS: readonly string[] = [
  "--format",
  "json",
  "--detail",
  "--max-findings",
  "1000",
  "--registry",
  SNAPSHOT,
];

/** LogChecker options for tests (draft 2020-12, the default severities, 100 findings, 1 MiB lines); `over` wins. */
export const checkOptions = (over: Partial<CheckOptions> = {}): CheckOptions => ({
  draft: "2020-12",
  severity: DEFAULT_SEVERITY,
  maxFindings: 100,
  maxLineBytes: 1 << 20,
  ...over,
});

/**
 * Real pino output: one line per `[event, payload overrides]`, logged at the event's level
 * with pino's defaults, from the event's first example: `ir` built from the schemas
 * (`bundledIr()`), since a snapshot keeps examples only as digests.
 */
export function pinoLines(
  ir: RegistryIR,
  items: readonly (readonly [event: string, overrides?: Record<string, unknown>])[],
): string[] {
  const events = new Map<string, EventIR>(ir.families.flatMap((f) => f.events.map((e) => [e.name, e] as const)));
  const logs = logCollector();
  const logger = pino({ level: "trace" }, logs);
  for (const [name, overrides] of items) {
    const e = events.get(name);
    if (!e) throw new Error(`test fixture: no event ${name}`);
    logger[e.level]({ ...e.examples[0], ...overrides }, e.message);
  }
  return [...logs.lines];
}

/** `n` valid lines cycling through every bundled event. */
export function validLines(ir: RegistryIR, n: number): string[] {
  const names = ir.families.flatMap((f) => f.events.map((e) => e.name));
  return pinoLines(
    ir,
    Array.from({ length: n }, (_, i) => [names[i % names.length]!] as const),
  );
}
