/**
 * Baselines: a file of known findings that a legacy repo adopts lint with. Findings are
 * matched by fingerprint (rule, message, the call's text, occurrence index in its file),
 * never by line, so code moving around does not resurrect them. Matching is a multiset:
 * two identical findings in the baseline absorb at most two in the run.
 */
import { existsSync, readFileSync } from "node:fs";
import { ConfigurationError } from "../errors.js";
import { stableJson } from "../util/json.js";
import type { Finding } from "./types.js";

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  readonly rule: string;
  readonly fingerprint: string;
  /** For people reading the file; not used for matching. */
  readonly message: string;
}

export interface Baseline {
  readonly version: typeof BASELINE_VERSION;
  /** Root-relative file → its known findings. */
  readonly files: Readonly<Record<string, readonly BaselineEntry[]>>;
}

/** Reads and checks a baseline file. */
export function readBaseline(path: string, shown: string): Baseline {
  if (!existsSync(path))
    throw new ConfigurationError(
      `${shown}: error LP_BASELINE_NOT_FOUND\n  the baseline file does not exist\n  fix: create it with \`logpact lint --baseline ${shown} --update-baseline\``,
    );
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new ConfigurationError(
      `${shown}: error LP_BASELINE_INVALID\n  ${(e as Error).message}\n  fix: regenerate it with \`logpact lint --baseline ${shown} --update-baseline\``,
    );
  }
  const b = raw as Partial<Baseline>;
  if (!b || b.version !== BASELINE_VERSION || typeof b.files !== "object" || b.files === null) {
    throw new ConfigurationError(
      `${shown}: error LP_BASELINE_INVALID\n  not a logpact lint baseline (version ${BASELINE_VERSION})\n  fix: regenerate it with \`logpact lint --baseline ${shown} --update-baseline\``,
    );
  }
  return b as Baseline;
}

/** The baseline that records `findings`. */
export function createBaseline(findings: readonly Finding[]): Baseline {
  const files: Record<string, BaselineEntry[]> = {};
  for (const f of findings)
    (files[f.file] ??= []).push({ rule: f.rule, fingerprint: f.fingerprint, message: f.message });
  for (const list of Object.values(files))
    list.sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
  return { version: BASELINE_VERSION, files };
}

/** Serialised baseline (stable: sorted keys and entries, LF, final newline). */
export function baselineText(b: Baseline): string {
  return stableJson({
    $comment:
      "logpact lint baseline: known findings, matched by fingerprint. Regenerate with `logpact lint --update-baseline`.",
    ...b,
  });
}

/** Splits findings into new ones and those the baseline already knows. */
export function applyBaseline(
  findings: readonly Finding[],
  baseline: Baseline,
): { fresh: Finding[]; known: Finding[] } {
  const budget = new Map<string, number>();
  for (const [file, entries] of Object.entries(baseline.files)) {
    for (const e of entries) {
      const key = `${file}\0${e.rule}\0${e.fingerprint}`;
      budget.set(key, (budget.get(key) ?? 0) + 1);
    }
  }
  const fresh: Finding[] = [];
  const known: Finding[] = [];
  for (const f of findings) {
    const key = `${f.file}\0${f.rule}\0${f.fingerprint}`;
    const n = budget.get(key) ?? 0;
    if (n > 0) {
      budget.set(key, n - 1);
      known.push(f);
    } else fresh.push(f);
  }
  return { fresh, known };
}
