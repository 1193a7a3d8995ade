/**
 * Which Loki label carries each event field an alert reads. The label is what Loki's
 * `| json` would name the field (`peer.region` → `peer_region`); a name that is a LogQL
 * keyword, reserved (`__…`) or a stream label of the selector gets `_extracted` appended, as
 * Loki itself does for stream-label clashes. Two paths landing on one label collide.
 *
 * Loki knowledge the registry's alert resolution (registry/alerts.ts) applies when the
 * registry is built, so it is written into the IR once; like syntax.ts it loads no renderer
 * and imports nothing of ours but syntax.ts.
 */
import { jsonLabelName, labelConflict } from "./syntax.js";

/** What claiming a field path's label gave: the label, or the path that already holds it. */
export type LabelClaim = { readonly label: string } | { readonly label: string; readonly heldBy: string };

/** The label of a field path under a selector with `streamLabels`, before collisions. */
export function fieldLabel(keys: readonly string[], streamLabels: ReadonlySet<string>): string {
  const base = jsonLabelName(keys);
  return labelConflict(base, streamLabels) ? `${base}_extracted` : base;
}

/** Whether a LogQL json expression can address every key of a path (none empty, none containing `"` or `\`). */
export function jsonAddressable(keys: readonly string[]): boolean {
  return !keys.some((k) => k === "" || k.includes('"') || k.includes("\\"));
}

/** The labels of one alert's field paths, one path a label (the event property included). */
export class LabelTable {
  private readonly byLabel = new Map<string, string>();
  constructor(private readonly streamLabels: ReadonlySet<string>) {}

  /** The label of the `event` property (`event_extracted` under a selector with an `event` label); claim it first. */
  event(): string {
    return this.claim("event", ["event"]).label;
  }

  /** Claims the label of `path` (its JSON keys `keys`); a claim that another path holds says which. */
  claim(path: string, keys: readonly string[]): LabelClaim {
    const label = fieldLabel(keys, this.streamLabels);
    const owner = this.byLabel.get(label);
    if (owner !== undefined && owner !== path) return { label, heldBy: owner };
    this.byLabel.set(label, path);
    return { label };
  }
}
