/**
 * Test inputs for `logpact validate`: real pino lines for the bundled events, and the
 * bundled registry snapshot to check them against.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import pino from "pino";
import type { EventIR, RegistryIR } from "../../generator/registry/ir.js";
import { REPO } from "../helpers/project.js";

/** The bundled registry as `logpact gen` wrote it (its examples only as digests: lines come from `bundledIr`). */
export const SNAPSHOT = join(REPO, "generated/registry.json");

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
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      cb();
    },
  });
  const logger = pino({ level: "trace" }, sink);
  for (const [name, overrides] of items) {
    const e = events.get(name);
    if (!e) throw new Error(`test fixture: no event ${name}`);
    logger[e.level]({ ...e.examples[0], ...overrides }, e.message);
  }
  return lines;
}

/** `n` valid lines cycling through every bundled event. */
export function validLines(ir: RegistryIR, n: number): string[] {
  const names = ir.families.flatMap((f) => f.events.map((e) => e.name));
  return pinoLines(
    ir,
    Array.from({ length: n }, (_, i) => [names[i % names.length]!] as const),
  );
}
