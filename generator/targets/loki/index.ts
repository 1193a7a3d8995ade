/**
 * The Loki target: Grafana Loki ruler rule files from the families' alert declarations.
 *
 * One file per family with alerts (`<family>.rules.yaml`, one rule group named after the
 * family), or one file for the registry (`layout: "single"`). Each file loads as is with
 * the Loki ruler (`groups:` → `rules:` with `alert`, `expr`, `for`, `labels`,
 * `annotations`), or with `lokitool rules load` when `namespace` is set.
 */
import type * as Yaml from "yaml";
import { lazyRequire } from "../../util/lazy-require.js";
import { z } from "zod";
import { RegistryError } from "../../errors.js";
import { parseDuration, resolveFamilyAlerts, type ResolvedAlert } from "../../registry/alerts.js";
import { eventKeyOf, type FamilyIR, type RegistryIR } from "../../registry/ir.js";
import { RESERVED_ALERT_LABELS } from "../../registry/meta-schema.js";
import { defineTarget, type GeneratedFile } from "../types.js";
import { alertExpr } from "./logql.js";

const LABEL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const LokiOptions = z
  .strictObject({
    /** `per-family`: one `<family>.rules.yaml` per family with alerts; `single`: every group in one file. */
    layout: z.enum(["per-family", "single"]).default("per-family"),
    /** File name of the `single` layout. */
    file: z.string().regex(/^[^/\\]+\.ya?ml$/, "a file name ending in .yaml or .yml, without folders").default("rules.yaml"),
    /** Adds lokitool's top-level `namespace:`; `{family}` is replaced by the family name (per-family layout). */
    namespace: z.string().min(1).optional(),
    /** Evaluation interval of every rule group (ruler default when unset). */
    interval: z
      .string()
      .refine((d) => (parseDuration(d) ?? 0) > 0, 'a duration such as "1m" (whole numbers with units ms, s, m, h, d, w, y)')
      .optional(),
    /** Labels added to every rule (an alert's own `labels` win). */
    labels: z
      .record(z.string().regex(LABEL_NAME, "label names are identifiers (letters, digits and _)"), z.string())
      .refine((l) => !Object.keys(l).some((k) => RESERVED_ALERT_LABELS.includes(k) || k.startsWith("__")), `cannot set ${RESERVED_ALERT_LABELS.join(", ")} (logpact sets them) or names starting with "__"`)
      .default({}),
    /** Pre-filter lines with `|= "<event name>"` before `| json` (cheaper queries). */
    lineFilter: z.boolean().default(true),
  })
  .refine((o) => !(o.layout === "single" && o.namespace?.includes("{family}")), { message: '"{family}" in namespace needs layout "per-family"', path: ["namespace"] });

export type LokiOptions = z.output<typeof LokiOptions>;

/** File name of a family's rules in the per-family layout. */
export function familyRulesFile(family: Pick<FamilyIR, "name">): string {
  return `${family.name}.rules.yaml`;
}

/** One ruler rule, keys in the order the ruler documents them. */
function ruleOf(a: ResolvedAlert, options: LokiOptions & { eventKey?: string }): Record<string, unknown> {
  const d = a.decl;
  const extra = { ...options.labels, ...(d.labels ?? {}) };
  return {
    alert: d.name,
    expr: alertExpr(a, { lineFilter: options.lineFilter, ...(options.eventKey !== undefined ? { eventKey: options.eventKey } : {}) }),
    for: d.for ?? "0s",
    labels: { severity: d.severity, family: a.family.name, ...Object.fromEntries(Object.keys(extra).sort().map((k) => [k, extra[k]])) },
    annotations: {
      summary: d.summary,
      ...(d.description !== undefined ? { description: d.description } : {}),
      ...(d.runbook_url !== undefined ? { runbook_url: d.runbook_url } : {}),
    },
  };
}

function groupOf(family: FamilyIR, alerts: readonly ResolvedAlert[], options: LokiOptions & { eventKey?: string }): Record<string, unknown> {
  return { name: family.name, ...(options.interval !== undefined ? { interval: options.interval } : {}), rules: alerts.map((a) => ruleOf(a, options)) };
}

/** yaml, loaded on first render (the config schema imports this module for every command). */
const yaml = lazyRequire<typeof Yaml>("yaml");

function yamlFile(header: readonly string[], body: Record<string, unknown>): string {
  const doc = new (yaml().Document)(body);
  doc.commentBefore = header.map((l) => ` ${l}`).join("\n");
  // lineWidth 0: never fold a long `expr` across lines.
  return doc.toString({ lineWidth: 0, indentSeq: true });
}

/** Resolved alerts of every family that has some; throws RegistryError on an unchecked, invalid IR. */
export function resolvedFamilies(ir: RegistryIR): { family: FamilyIR; alerts: ResolvedAlert[] }[] {
  const out: { family: FamilyIR; alerts: ResolvedAlert[] }[] = [];
  const errors = [];
  for (const family of ir.families) {
    if (family.alerts.length === 0) continue;
    const r = resolveFamilyAlerts(ir, family);
    errors.push(...r.diagnostics.filter((d) => d.severity === "error"));
    out.push({ family, alerts: r.alerts });
  }
  if (errors.length) throw new RegistryError(errors);
  return out;
}

export const lokiTarget = defineTarget({
  name: "loki",
  description: "Grafana Loki ruler alert rules (YAML), one rule group per family, from the families' alert declarations",
  defaultDir: "loki",
  options: LokiOptions.default({ layout: "per-family", file: "rules.yaml", labels: {}, lineFilter: true }),
  render(ir, ctx) {
    const options = { ...ctx.options, eventKey: eventKeyOf(ir) };
    const families = resolvedFamilies(ir);
    if (options.layout === "single") {
      if (families.length === 0) return [];
      const header = [ctx.banner, `Alert rules of ${families.map((f) => f.family.name).join(", ")}.`];
      const body = { ...(options.namespace !== undefined ? { namespace: options.namespace } : {}), groups: families.map((f) => groupOf(f.family, f.alerts, options)) };
      return [{ path: options.file, contents: yamlFile(header, body) }];
    }
    return families.map(({ family, alerts }): GeneratedFile => {
      const header = [ctx.banner, `Alert rules of family ${family.name}, declared in ${family.source.file} (${family.source.export}).`];
      const namespace = options.namespace?.replaceAll("{family}", family.name);
      const body = { ...(namespace !== undefined ? { namespace } : {}), groups: [groupOf(family, alerts, options)] };
      return { path: familyRulesFile(family), contents: yamlFile(header, body) };
    });
  },
});
