/**
 * The levels events are logged at in code, from lint's syntax pass: for events the
 * registry declares no level for, `init` reports where they are logged and at which
 * level, and prints the `.meta({ level })` to add.
 */
import type { RegistryIR } from "../registry/ir.js";
import { LEVELS, type Level } from "../registry/meta.js";
import type { FileScan } from "../lint/types.js";

const LEVEL_SET = new Set<string>(LEVELS);

export interface LevelSeen {
  readonly event: string;
  readonly family: string;
  /** Call sites per level, most used first (ties: lower level first). */
  readonly levels: readonly { readonly level: Level; readonly places: number }[];
  /** Where the first call sites are (`src/agent.ts:42`), at most `MAX_PLACES`. */
  readonly at: readonly string[];
  /** The level to declare: the most used one. */
  readonly suggest: Level;
}

export interface LevelReport {
  /** Events the registry declares no level for. */
  readonly undeclared: readonly string[];
  /** Those of them logged in code at a statically known level. */
  readonly seen: readonly LevelSeen[];
  /** Log calls whose event and level were both read. */
  readonly calls: number;
}

const MAX_PLACES = 3;

/** Matches every log call with a static event and level against the events with no declared level. */
export function levelsSeen(ir: RegistryIR, scans: readonly FileScan[]): LevelReport {
  const undeclared = new Map(
    ir.families.flatMap((f) => f.events.filter((e) => e.levelDefaulted).map((e) => [e.name, f.name] as const)),
  );
  const tally = new Map<string, { counts: Map<Level, number>; at: string[] }>();
  let calls = 0;
  for (const scan of scans) {
    for (const call of scan.calls) {
      const event = call.event?.value;
      const level = call.level?.value;
      if (event === undefined || level === undefined || !LEVEL_SET.has(level)) continue;
      calls++;
      if (!undeclared.has(event)) continue;
      let t = tally.get(event);
      if (!t) tally.set(event, (t = { counts: new Map(), at: [] }));
      t.counts.set(level as Level, (t.counts.get(level as Level) ?? 0) + 1);
      if (t.at.length < MAX_PLACES) t.at.push(`${scan.file}:${call.loc.line}`);
    }
  }
  const seen = [...tally].map(([event, t]): LevelSeen => {
    const levels = [...t.counts]
      .map(([level, places]) => ({ level, places }))
      .sort((a, b) => b.places - a.places || LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level));
    return { event, family: undeclared.get(event)!, levels, at: t.at, suggest: levels[0]!.level };
  });
  seen.sort((a, b) => (a.event < b.event ? -1 : 1));
  return { undeclared: [...undeclared.keys()].sort(), seen, calls };
}
