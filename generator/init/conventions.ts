/**
 * The house style a registry already follows, counted from its IR: how ids, field names
 * and unit suffixes are cased, how events are named. `init` prints it and writes config
 * only where the registry's own style differs from logpact's defaults.
 */
import type { RegistryIR } from "../registry/ir.js";
import { UNITS } from "../registry/meta.js";

const SNAKE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/;
const CAMEL = /^[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+$/;
const EVENT_NAME = /^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+$/;
const SNAKE_SUFFIXES = Object.values(UNITS).flatMap((s) => s.filter((x: string) => x.startsWith("_")));
const CAMEL_SUFFIXES = Object.values(UNITS).flatMap((s) => s.filter((x: string) => !x.startsWith("_") && x.length > 1));

export type Style = "snake_case" | "camelCase" | "mixed" | "none";

/** Counts per style; names of one lowercase word (`attempt`) count for neither. */
export interface StyleCount {
  readonly snake_case: number;
  readonly camelCase: number;
  /** The style of at least 80% of the counted names, `mixed` below that, `none` with no names. */
  readonly dominant: Style;
}

export interface ConventionsSeen {
  /** Field names across the registry (each distinct name once). */
  readonly fieldNames: StyleCount;
  /** Correlation ids: `…_id` against `…Id`. */
  readonly idFields: StyleCount;
  /** Unit suffixes: `_ms` against `Ms`. */
  readonly unitSuffixes: StyleCount;
  /** Event names that are not dot.lowercase (`<family>.<name>`, snake_case in a segment). */
  readonly eventNamesOff: readonly string[];
  readonly events: number;
}

/** Counts the registry's naming styles. */
export function conventionsSeen(ir: RegistryIR): ConventionsSeen {
  const names = new Set<string>();
  const events: string[] = [];
  for (const f of ir.families) {
    for (const e of f.events) {
      events.push(e.name);
      for (const field of e.fields) names.add(field.name);
    }
  }
  const list = [...names];
  const count = (snake: number, camel: number): StyleCount => ({ snake_case: snake, camelCase: camel, dominant: dominant(snake, camel) });
  return {
    fieldNames: count(list.filter((n) => SNAKE.test(n)).length, list.filter((n) => CAMEL.test(n)).length),
    idFields: count(list.filter((n) => /[a-z0-9]_id$/.test(n)).length, list.filter((n) => /[a-z0-9]Id$/.test(n)).length),
    unitSuffixes: count(
      list.filter((n) => SNAKE_SUFFIXES.some((s) => n.endsWith(s) && n.length > s.length)).length,
      list.filter((n) => CAMEL_SUFFIXES.some((s) => new RegExp(`[a-z0-9]${s}$`).test(n))).length,
    ),
    eventNamesOff: [...new Set(events.filter((n) => !EVENT_NAME.test(n)))].sort(),
    events: events.length,
  };
}

function dominant(snake: number, camel: number): Style {
  const total = snake + camel;
  if (total === 0) return "none";
  if (snake >= total * 0.8) return "snake_case";
  if (camel >= total * 0.8) return "camelCase";
  return "mixed";
}
