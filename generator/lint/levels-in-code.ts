/**
 * The levels code really logs each registered event at, read from lint's call sites.
 * A registry that declares no levels (every event `levelDefaulted`) learns them here:
 * `logpact init` prints them with the `.meta({ level })` to add, and `gen` can say which
 * events still lack one. Pure: scans and IR in, a table out.
 */
import type { RegistryIR } from "../registry/ir.js";
import { LEVELS, type Level } from "../registry/meta.js";
import type { FileScan, Loc } from "./types.js";

const LEVEL_SET = new Set<string>(LEVELS);

export interface EventLevels {
  readonly event: string;
  /** The level the registry declares, or undefined when it declares none. */
  readonly declared?: Level;
  /** Levels seen in code, lowest first, with how many calls log at each. */
  readonly seen: readonly { readonly level: Level; readonly calls: number }[];
  /** Where each call is (file and position), in file then position order. */
  readonly sites: readonly { readonly file: string; readonly loc: Loc; readonly level: Level }[];
  /** The one level every call uses, when there is exactly one: the `.meta({ level })` to add. */
  readonly suggested?: Level;
}

/**
 * For each registered event (registry order), the pino levels its call sites log it at.
 * Calls whose event or level is not statically known are ignored; events never logged
 * have an empty `seen`.
 */
export function levelsInCode(ir: RegistryIR, scans: readonly FileScan[]): EventLevels[] {
  const sites = new Map<string, { file: string; loc: Loc; level: Level }[]>();
  for (const scan of [...scans].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    for (const call of scan.calls) {
      const event = call.event?.value;
      const level = call.level?.value;
      if (event === undefined || level === undefined || !LEVEL_SET.has(level)) continue;
      const list = sites.get(event) ?? [];
      list.push({ file: scan.file, loc: call.loc, level: level as Level });
      sites.set(event, list);
    }
  }
  return ir.families.flatMap((f) =>
    f.events.map((e) => {
      const here = sites.get(e.name) ?? [];
      const counts = new Map<Level, number>();
      for (const s of here) counts.set(s.level, (counts.get(s.level) ?? 0) + 1);
      const seen = LEVELS.filter((l) => counts.has(l)).map((level) => ({ level, calls: counts.get(level)! }));
      return {
        event: e.name,
        ...(e.levelDefaulted ? {} : { declared: e.level }),
        seen,
        sites: here,
        ...(seen.length === 1 ? { suggested: seen[0]!.level } : {}),
      };
    }),
  );
}
