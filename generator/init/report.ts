/**
 * What `init` prints: a short text for a person in a hurry, or JSON for tools. Pure:
 * it formats an analysis and the plan the command carried out.
 */
import type { Diagnostic } from "../errors.js";
import type { HouseStyle } from "../registry/conventions.js";
import { stableJson } from "../util/json.js";
import type { InitAnalysis } from "./index.js";

/** What the command did (or, with --dry-run, would do) with the analysis. */
export interface InitOutcome {
  /** Config file path (root-relative) and its text. */
  readonly config: { readonly path: string; readonly text: string };
  /** The example family, when the repo had none. */
  readonly scaffold?: { readonly path: string; readonly text: string } | undefined;
  /** True when nothing was written (--dry-run). */
  readonly dryRun: boolean;
  /** Things to do before the next steps work (install a package, move a file). */
  readonly notes: readonly string[];
}

/** Lines per list before "… N more" (the JSON output has everything). */
const LIST_MAX = 15;

export const NEXT_STEPS = [
  { run: "pnpm logpact gen", why: "typed emitters, JSON Schema, Markdown and Loki rules in generated/" },
  { run: "pnpm logpact lint", why: "untyped and contract-breaking log calls in your code" },
  { run: "pnpm logpact docs check", why: "docs that name events or cite source lines" },
] as const;

export const CI_STEPS = [
  "pnpm logpact gen --check",
  "pnpm logpact lint --format github",
  "pnpm logpact docs check --format github",
] as const;

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** The human report. */
export function formatInitText(a: InitAnalysis, o: InitOutcome): string {
  const out: string[] = [];
  const secs = ((a.timings.discover + a.timings.load + a.timings.scan) / 1000).toFixed(2);
  out.push(
    `logpact init: searched ${plural(a.searched, "file")}, imported ${a.candidates.length} that use zod literals, found ${plural(a.families.length, "family", "families")} (${secs} s)`,
  );

  if (a.families.length) {
    const events = a.families.reduce((n, f) => n + f.events, 0);
    const fields = a.families.reduce((n, f) => n + f.fields, 0);
    out.push(
      "",
      `${plural(a.families.length, "family", "families")}, ${plural(events, "event")}, ${plural(fields, "field")}:`,
    );
    const w = Math.max(...a.families.map((f) => f.name.length));
    for (const f of a.families.slice(0, LIST_MAX)) {
      out.push(
        `  ${f.name.padEnd(w)}  ${plural(f.events, "event").padEnd(10)} ${plural(f.fields, "field").padEnd(10)} ${f.file} (${f.export})`,
      );
    }
    if (a.families.length > LIST_MAX) out.push(`  … ${a.families.length - LIST_MAX} more (--format json lists all)`);
  }

  if (a.conventions) {
    const c = a.conventions;
    const style = (d: HouseStyle[keyof HouseStyle]) =>
      d
        ? `${d.style} (${d.count} of ${plural(d.total, "name")})`
        : "no dominant style (too few names, or split): not checked";
    out.push("", "conventions seen (the convention rules infer these and warn only on outliers):");
    const keyCount = a.eventKey.counts[a.eventKey.key];
    out.push(`  event key      ${a.eventKey.key} (${plural(keyCount, "event object")})`);
    for (const o of a.eventKey.otherKeys)
      out.push(`                 left out: ${o.file} names its events in \`${o.key}\` (a registry has one event key)`);
    out.push(`  event names    ${style(c["event-name-case"])}`);
    out.push(`  field names    ${style(c["field-name-case"])}`);
    out.push(`  id fields      ${style(c["id-field-case"])}`);
    out.push(`  unit suffixes  ${style(c["unit-suffix-style"])}`);
  }

  if (a.levels && a.levels.undeclared.length) {
    const l = a.levels;
    out.push(
      "",
      `levels: ${l.undeclared.length} of ${a.ir ? a.ir.families.reduce((n, f) => n + f.events.length, 0) : 0} events declare none; lint's syntax pass over ${plural(a.codeFiles, "file")} sees ${l.seen.length} of them logged:`,
    );
    const w = Math.max(0, ...l.seen.map((s) => s.event.length));
    for (const s of l.seen.slice(0, LIST_MAX)) {
      const levels = s.levels.map((x) => `${x.level} in ${plural(x.places, "place")}`).join(", ");
      out.push(
        `  ${s.event.padEnd(w)}  logged at ${levels} (${s.at[0]}${s.at.length > 1 ? ", …" : ""})  add .meta({ level: "${s.suggest}" })`,
      );
    }
    if (l.seen.length > LIST_MAX) out.push(`  … ${l.seen.length - LIST_MAX} more (--format json lists all)`);
    const unseen = l.undeclared.filter((e) => !l.seen.some((s) => s.event === e));
    if (unseen.length)
      out.push(`  not logged with a literal event name in code: ${listShort(unseen)}; declare their level by hand`);
  }

  const errors = a.diagnostics.filter((d) => d.severity === "error");
  const warnings = a.diagnostics.filter((d) => d.severity === "warning");
  const notes = a.diagnostics.length - errors.length - warnings.length;
  if (a.families.length) {
    const counts = `${plural(errors.length, "error")}, ${plural(warnings.length, "warning")}${notes ? `, ${plural(notes, "note")}` : ""}`;
    out.push("", `gen will report: ${counts}${a.diagnostics.length ? ` (${byCode(a.diagnostics)})` : ""}`);
    if (errors.length)
      out.push(`  run \`pnpm logpact gen\` to see each with its fix; gen writes nothing while there are errors`);
  }
  const outside = a.loadFailures.filter((d) => !a.diagnostics.includes(d));
  for (const d of outside) out.push("", `skipped ${d.file}: ${d.message.split("\n")[0]}`);

  if (o.scaffold) {
    out.push(
      "",
      `no event families found: ${o.dryRun ? "would write" : "wrote"} an example family to ${o.scaffold.path} (3 events with levels, units and descriptions); edit it or replace it with your own.`,
    );
  }
  out.push(
    "",
    `${o.dryRun ? "would write" : "wrote"} ${o.config.path}:`,
    ...o.config.text
      .trimEnd()
      .split("\n")
      .map((l) => `  | ${l}`),
  );

  if (o.notes.length) out.push("", ...o.notes.map((n) => `note: ${n}`));
  out.push("", "next steps:");
  const w = Math.max(...NEXT_STEPS.map((s) => s.run.length));
  NEXT_STEPS.forEach((s, i) => out.push(`  ${i + 1}. ${s.run.padEnd(w)}  ${s.why}`));
  out.push("  CI (on every pull request):", ...CI_STEPS.map((c) => `       ${c}`));
  out.push("  docs: docs/adopting.md");
  return `${out.join("\n")}\n`;
}

/** The JSON report: the analysis (without the IR) and the outcome. */
export function formatInitJson(a: InitAnalysis, o: InitOutcome): string {
  const { ir: _ir, ...rest } = a;
  return stableJson({ ...rest, outcome: o, nextSteps: NEXT_STEPS.map((s) => s.run), ci: CI_STEPS });
}

function byCode(ds: readonly Diagnostic[]): string {
  const counts = new Map<string, number>();
  for (const d of ds) counts.set(d.code, (counts.get(d.code) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([c, n]) => `${c} ×${n}`)
    .join(", ");
}

function listShort(items: readonly string[], max = 5): string {
  return items.length <= max ? items.join(", ") : `${items.slice(0, max).join(", ")} and ${items.length - max} more`;
}
