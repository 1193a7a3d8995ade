/**
 * Which key carries the event name in a repo's schemas (`event`, `type`, `kind`,
 * `eventName`, OTel's `"event.name"`), read from the imported Zod exports.
 */
import type { LoadedModule } from "../registry/build.js";
import { kindOf, literalValues, objectShape, unionOptions, zodVersion, type AnyZod } from "../registry/zod-adapter.js";
import { EVENT_KEYS, type EventKey } from "./prefilter.js";

/** An event name as logpact families use it: dotted lowercase segments (`agent.tool.started`). */
const DOTTED = /^[A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)+$/;

export interface EventKeyReport {
  /** The key most event objects use (`event` on a tie or when none is seen). */
  readonly key: EventKey;
  /** Event objects per key (an object may count for two keys). */
  readonly counts: Readonly<Record<EventKey, number>>;
  /** Files with at least one export that is an event object (or a union of them) under `key`. */
  readonly files: readonly string[];
  /** Files whose event objects use another key only: left out, a registry has one event key. */
  readonly otherKeys: readonly { readonly key: EventKey; readonly file: string }[];
}

/** The event objects of an export: the object itself, or the (flattened) members of a union. */
export function eventObjects(schema: AnyZod): AnyZod[] {
  const kind = kindOf(schema);
  if (kind === "object") return [schema];
  if (kind === "union") return unionOptions(schema).flatMap(eventObjects);
  return [];
}

/** The string literal `obj` holds under `key` (OTel's `event.name` is one flat, dotted key), if exactly one. */
export function literalAt(obj: AnyZod, key: EventKey): string | undefined {
  if (kindOf(obj) !== "object") return undefined;
  const shape = objectShape(obj);
  if (!Object.hasOwn(shape, key)) return undefined;
  const lit = literalValues(shape[key]);
  return lit && lit.values.length === 1 && typeof lit.values[0] === "string" && !lit.optional
    ? lit.values[0]
    : undefined;
}

/**
 * Counts, per candidate key, the exported event objects whose literal under that key
 * looks like an event name. `event` counts any string literal; the other keys (common
 * in API schemas: `type: "card"`) count only dotted names, so a module of request
 * bodies does not outvote the log schemas.
 */
export function detectEventKey(modules: readonly LoadedModule[]): EventKeyReport {
  const counts = Object.fromEntries(EVENT_KEYS.map((k) => [k, 0])) as Record<EventKey, number>;
  const seen = new Set<unknown>();
  const filesByKey = new Map<EventKey, Set<string>>(EVENT_KEYS.map((k) => [k, new Set<string>()]));
  for (const mod of modules) {
    for (const value of Object.values(mod.exports)) {
      if (!zodVersion(value)) continue;
      for (const obj of eventObjects(value)) {
        const fresh = !seen.has(obj);
        seen.add(obj);
        for (const key of EVENT_KEYS) {
          const name = literalAt(obj, key);
          if (name === undefined || (key !== "event" && !DOTTED.test(name))) continue;
          filesByKey.get(key)!.add(mod.file);
          if (fresh) counts[key]++;
        }
      }
    }
  }
  let key: EventKey = "event";
  for (const k of EVENT_KEYS) if (counts[k] > counts[key]) key = k;
  const files = filesByKey.get(key)!;
  const otherKeys = EVENT_KEYS.filter((k) => k !== key).flatMap((k) =>
    [...filesByKey.get(k)!].filter((f) => !files.has(f)).map((file) => ({ key: k, file })),
  );
  otherKeys.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { key, counts, files: [...files].sort(), otherKeys };
}
