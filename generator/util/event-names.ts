/**
 * Suggestions for an event name the registry does not have, shared by `lint`
 * (`unknown-event`) and `docs check`: a registered event only when it is a small edit away,
 * looked for in the name's own family first; else the family (or the registered family
 * its family part is a typo of) and its events, so the reader can pick.
 */
import { editDistance } from "./did-you-mean.js";

/** What the suggestions need of a family. */
export interface FamilyNames {
  readonly name: string;
  readonly events: readonly { readonly name: string; readonly short: string }[];
}

/** An unknown event name, placed against the registry. */
export type EventSuggestion =
  /** A registered event a small edit away (in the same family when there is one). */
  | { readonly kind: "close"; readonly event: string; readonly family: FamilyNames }
  /** The name is in (or close to) this family, but near none of its events. */
  | { readonly kind: "family"; readonly family: FamilyNames; readonly typo: boolean };

/** Edits allowed between a written and a registered name: about one per four characters, at most three. */
export function smallEditLimit(length: number): number {
  return Math.min(3, Math.max(1, Math.floor(length / 4)));
}

/** The registered family a dotted name belongs to: the longest family `F` with the name starting `F.`. */
export function owningFamily<F extends FamilyNames>(families: readonly F[], name: string): F | undefined {
  let best: F | undefined;
  for (const f of families) if (name.startsWith(`${f.name}.`) && (!best || f.name.length > best.name.length)) best = f;
  return best;
}

/**
 * A registered family the name's family part is a typo of (`paymnt.charge.failed` →
 * `payment.charge`): the first segments, as many as the family has, a small edit away,
 * with as many segments after them as the family's events have.
 */
export function nearFamily<F extends FamilyNames>(families: readonly F[], name: string): F | undefined {
  const segments = name.split(".");
  let best: F | undefined;
  let bestDistance = Infinity;
  for (const f of families) {
    const depth = f.name.split(".").length;
    if (segments.length <= depth) continue;
    const head = segments.slice(0, depth).join(".");
    const rest = segments.length - depth;
    if (!f.events.some((e) => e.short.split(".").length === rest)) continue;
    // Short families (`ws`) are too close to too many words to guess a typo of.
    const limit = Math.floor(f.name.length / 5);
    const d = editDistance(head.toLowerCase(), f.name.toLowerCase());
    if (d > 0 && d <= limit && d < bestDistance) {
      best = f;
      bestDistance = d;
    }
  }
  return best;
}

/** The suggestion for an unregistered event name, or undefined when it is near no registered family. */
export function suggestEvent(families: readonly FamilyNames[], name: string): EventSuggestion | undefined {
  const own = owningFamily(families, name);
  const family = own ?? nearFamily(families, name);
  if (!family) return undefined;
  const short = own
    ? name.slice(family.name.length + 1)
    : name.split(".").slice(family.name.split(".").length).join(".");
  const limit = own ? smallEditLimit(short.length) : smallEditLimit(name.length);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const e of family.events) {
    // Within the family only the part after it differs; across a family typo, the whole name.
    const d = own
      ? editDistance(short.toLowerCase(), e.short.toLowerCase())
      : editDistance(name.toLowerCase(), e.name.toLowerCase());
    if (d < bestDistance || (d === bestDistance && best !== undefined && e.name < best)) {
      best = e.name;
      bestDistance = d;
    }
  }
  if (best !== undefined && bestDistance <= limit) return { kind: "close", event: best, family };
  return { kind: "family", family, typo: !own };
}

/** `a, b, c` (the first `max`, then `… (N more)`): a family's events for a message. */
export function listEvents(family: FamilyNames, max = 8): string {
  const names = family.events.map((e) => e.name);
  return names.length <= max ? names.join(", ") : `${names.slice(0, max).join(", ")}, … (${names.length - max} more)`;
}
