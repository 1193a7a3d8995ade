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
    file: z
      .string()
      .regex(/^[^/\\]+\.ya?ml$/, "a file name ending in .yaml or .yml, without folders")
      .default("rules.yaml"),
    /** Adds lokitool's top-level `namespace:`; `{family}` is replaced by the family name (per-family layout). */
    namespace: z.string().min(1).optional(),
    /** Evaluation interval of every rule group (ruler default when unset). */
    interval: z
      .string()
      .refine(
        (d) => (parseDuration(d) ?? 0) > 0,
        'a duration such as "1m" (whole numbers with units ms, s, m, h, d, w, y)',
      )
      .optional(),
    /** Labels added to every rule (an alert's own `labels` win). */
    labels: z
      .record(z.string().regex(LABEL_NAME, "label names are identifiers (letters, digits and _)"), z.string())
      .refine(
        (l) => !Object.keys(l).some((k) => RESERVED_ALERT_LABELS.includes(k) || k.startsWith("__")),
        `cannot set ${RESERVED_ALERT_LABELS.join(", ")} (logpact sets them) or names starting with "__"`,
      )
      .default({}),
    /** Pre-filter lines with `|= "<event name>"` before `| json` (cheaper queries). */
    lineFilter: z.boolean().default(true),
  })
  .refine((o) => !(o.layout === "single" && o.namespace?.includes("{family}")), {
    message: '"{family}" in namespace needs layout "per-family"',
    path: ["namespace"],
  });

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
    expr: alertExpr(a, {
      lineFilter: options.lineFilter,
      ...(options.eventKey !== undefined ? { eventKey: options.eventKey } : {}),
    }),
    for: d.for ?? "0s",
    labels: {
      severity: d.severity,
      family: a.family.name,
      ...Object.fromEntries(
        Object.keys(extra)
          .sort()
          .map((k) => [k, extra[k]]),
      ),
    },
    annotations: {
      summary: d.summary,
      ...(d.description !== undefined ? { description: d.description } : {}),
      ...(d.runbook_url !== undefined ? { runbook_url: d.runbook_url } : {}),
    },
  };
}

function groupOf(
  family: FamilyIR,
  alerts: readonly ResolvedAlert[],
  options: LokiOptions & { eventKey?: string },
): Record<string, unknown> {
  return {
    name: family.name,
    ...(options.interval !== undefined ? { interval: options.interval } : {}),
    rules: alerts.map((a) => ruleOf(a, options)),
  };
}

/** yaml, loaded on first render (the config schema imports this module for every command). */
const yaml = lazyRequire<typeof Yaml>("yaml");

/**
 * Characters a YAML 1.1/1.2 parser of the libyaml family rejects or reads as a line break
 * when they appear raw: C0 controls but tab/LF, DEL, C1 (U+0085 NEL included), U+2028/9,
 * U+FEFF, lone surrogates, U+FFFE/FFFF. Written as escapes inside double quotes.
 */
const YAML_UNSAFE =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Plain scalars a YAML 1.1 reader (Prometheus-era tooling, PyYAML, go-yaml v2) would turn
 * into something else: booleans (`yes`, `on`, `y`), null, numbers (`0x1f`, `1_000`, `1:30`),
 * dates and timestamps, `.inf`, `<<`, `=`.
 */
const YAML11_SPECIAL =
  /^(?:[yYnN]|yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|~|null|Null|NULL|<<|=|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|0o?[0-7_]+|[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9_]+(?:[eE][-+]?[0-9]+)?)|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?)$/;

function yamlEscape(c: string): string {
  const code = c.charCodeAt(0);
  if (code === 0x85) return "\\N";
  if (code === 0x2028) return "\\L";
  if (code === 0x2029) return "\\P";
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

function yamlFile(header: readonly string[], body: Record<string, unknown>): string {
  const lib = yaml();
  const doc = new lib.Document(body);
  // Header lines are comments: nothing in them may break the line.
  doc.commentBefore = header.map((l) => ` ${l.replace(YAML_UNSAFE, " ").replace(/[\r\n]/g, " ")}`).join("\n");
  // A string that holds an unsafe character or looks like a YAML 1.1 boolean, number or date
  // is written double-quoted; the unsafe characters are then escaped below (the yaml library
  // writes them raw even inside double quotes).
  lib.visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== "string") return;
      YAML_UNSAFE.lastIndex = 0;
      if (YAML_UNSAFE.test(node.value) || YAML11_SPECIAL.test(node.value)) node.type = "QUOTE_DOUBLE";
    },
  });
  // lineWidth 0: never fold a long `expr` across lines.
  const text = doc.toString({ lineWidth: 0, indentSeq: true });
  return text.replace(YAML_UNSAFE, yamlEscape);
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
  description:
    "Grafana Loki ruler alert rules (YAML), one rule group per family, from the families' alert declarations",
  defaultDir: "loki",
  options: LokiOptions.default({ layout: "per-family", file: "rules.yaml", labels: {}, lineFilter: true }),
  render(ir, ctx) {
    const options = { ...ctx.options, eventKey: eventKeyOf(ir) };
    const families = resolvedFamilies(ir);
    if (options.layout === "single") {
      if (families.length === 0) return [];
      const header = [ctx.banner, `Alert rules of ${families.map((f) => f.family.name).join(", ")}.`];
      const body = {
        ...(options.namespace !== undefined ? { namespace: options.namespace } : {}),
        groups: families.map((f) => groupOf(f.family, f.alerts, options)),
      };
      return [{ path: options.file, contents: yamlFile(header, body) }];
    }
    return families.map(({ family, alerts }): GeneratedFile => {
      const header = [
        ctx.banner,
        `Alert rules of family ${family.name}, declared in ${family.source.file} (${family.source.export}).`,
      ];
      const namespace = options.namespace?.replaceAll("{family}", family.name);
      const body = { ...(namespace !== undefined ? { namespace } : {}), groups: [groupOf(family, alerts, options)] };
      return { path: familyRulesFile(family), contents: yamlFile(header, body) };
    });
  },
});
