/**
 * Which declared alerts read which events and fields (`family.alerts`), for `diff` to name
 * the alerts a change breaks. Read off the IR: each alert's resolved form (`resolved`, set
 * when the registry was built or an older snapshot was read: full event names, the field
 * paths of filters, grouping and a quantile's field), the same the Loki target renders.
 */
import { resolveEventName, type AlertIR, type FamilyIR, type RegistryIR } from "../registry/ir.js";
import type { AlertDecl } from "../registry/meta.js";

export interface DeclaredAlert {
  readonly family: FamilyIR;
  readonly alert: AlertIR;
  /** Full names of the events it watches. */
  readonly events: readonly string[];
  /** Field names it reads on those events (filters, grouping labels, quantile field). */
  readonly fields: readonly string[];
}

/** Alert lookups over one registry. */
export class AlertIndex {
  /** Alert name → declaration (names are unique per ruler group; the first wins on a clash). */
  readonly byName = new Map<string, DeclaredAlert>();

  constructor(ir: RegistryIR) {
    for (const family of ir.families) {
      for (const alert of family.alerts) {
        if (typeof alert?.name !== "string" || this.byName.has(alert.name)) continue;
        const r = alert.resolved;
        this.byName.set(
          alert.name,
          r ? { family, alert, events: r.events, fields: r.reads } : { family, alert, ...declaredRefs(family, alert) },
        );
      }
    }
  }

  /** Alerts that watch `event`, sorted. */
  readingEvent(event: string): string[] {
    return this.select((a) => a.events.includes(event));
  }

  /** Alerts that read `field` (a path like `meta.x` or `items[]` matches on its first segment) of `event`. */
  readingField(event: string, field: string): string[] {
    const top = topSegment(field);
    return this.select((a) => a.events.includes(event) && a.fields.some((f) => topSegment(f) === top));
  }

  /** Alerts that read `field` on any event (for envelope fields, bound on every line). */
  readingAnyField(field: string): string[] {
    const top = topSegment(field);
    return this.select((a) => a.fields.some((f) => topSegment(f) === top));
  }

  /** Names of the alerts matching `pred`, sorted. */
  select(pred: (a: DeclaredAlert) => boolean): string[] {
    return [...this.byName.entries()]
      .filter(([, a]) => pred(a))
      .map(([n]) => n)
      .sort();
  }
}

/**
 * What an alert that did not resolve names, as written: a registry with alert errors (or a
 * hand-edited snapshot) still lets diff see which events and fields its alerts read.
 */
function declaredRefs(family: FamilyIR, alert: AlertDecl): { events: string[]; fields: string[] } {
  const a = alert as {
    event?: unknown;
    numerator?: unknown;
    denominator?: unknown;
    where?: unknown;
    by?: unknown;
    field?: unknown;
  };
  const refs = alert.kind === "ratio" ? [...names(a.numerator), ...names(a.denominator)] : names(a.event);
  const where = Array.isArray(a.where)
    ? a.where.map((w: { field?: unknown }) => w?.field).filter((f): f is string => typeof f === "string")
    : [];
  return {
    events: [...new Set(refs.map((n) => resolveEventName(family, n)?.name ?? n))],
    fields: [...new Set([...where, ...names(a.by), ...names(a.field)])].sort(),
  };
}

function names(v: unknown): string[] {
  if (typeof v === "string") return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

function topSegment(path: string): string {
  return path.split(/[.[]/)[0]!;
}
