/**
 * Which declared alerts read which events and fields (`family.alerts`): event names may
 * be short or full (`resolveEventName`), fields come from `where[].field`, `by[]` and a
 * quantile's `field`. `diff` uses it to name the alerts a change breaks.
 */
import { resolveEventName, type FamilyIR, type RegistryIR } from "../registry/ir.js";
import type { AlertDecl } from "../registry/meta.js";

export interface DeclaredAlert {
  readonly family: FamilyIR;
  readonly alert: AlertDecl;
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
        const events = eventRefs(alert).map((n) => resolveEventName(family, n)?.name ?? n);
        this.byName.set(alert.name, { family, alert, events: [...new Set(events)], fields: fieldRefs(alert) });
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

function names(v: unknown): string[] {
  if (typeof v === "string") return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

function eventRefs(alert: AlertDecl): string[] {
  return alert.kind === "ratio"
    ? [...names(alert.numerator), ...names(alert.denominator)]
    : names((alert as { event?: unknown }).event);
}

function fieldRefs(alert: AlertDecl): string[] {
  const a = alert as { where?: unknown; by?: unknown; field?: unknown };
  const where = Array.isArray(a.where)
    ? a.where.map((w: { field?: unknown }) => w?.field).filter((f): f is string => typeof f === "string")
    : [];
  return [...new Set([...where, ...names(a.by), ...names(a.field)])].sort();
}

function topSegment(path: string): string {
  return path.split(/[.[]/)[0]!;
}
