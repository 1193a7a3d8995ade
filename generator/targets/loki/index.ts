/**
 * The Loki target: Grafana Loki ruler rule files from the families' alert declarations.
 *
 * One file per family with alerts (`<family>.rules.yaml`, one rule group named after the
 * family), or one file for the registry (`layout: "single"`). Each file loads as is with
 * the Loki ruler (`groups:` → `rules:` with `alert`, `expr`, `for`, `labels`,
 * `annotations`), or with `lokitool rules load` when `namespace` is set.
 */
import type * as YamlNs from "yaml";
import { lazyRequire } from "../../util/lazy-require.js";
import { RegistryError, type Diagnostic } from "../../errors.js";
import type { ResolvedAlert } from "../../registry/alerts.js";
import { eventKeyOf, type FamilyIR, type RegistryIR } from "../../registry/ir.js";
import { defineTarget, type GeneratedFile } from "../types.js";
import { LOKI_SPEC, type LokiOptions } from "./spec.js";
import { alertExpr } from "./logql.js";

/** yaml, loaded when a rules file is written: a registry without alerts (and every `gen` start-up) does not pay for it. */
const yamlLib = lazyRequire<typeof YamlNs>("yaml");

/** File name of a family's rules in the per-family layout. */
export function familyRulesFile(family: Pick<FamilyIR, "name">): string {
  return `${family.name}.rules.yaml`;
}

/** One ruler rule, keys in the order the ruler documents them. */
function ruleOf(
  family: FamilyIR,
  a: ResolvedAlert,
  options: LokiOptions & { eventKey?: string },
): Record<string, unknown> {
  const d = a;
  const extra = { ...options.labels, ...a.resolved.labels };
  return {
    alert: d.name,
    expr: alertExpr(a, {
      lineFilter: options.lineFilter,
      ...(options.eventKey !== undefined ? { eventKey: options.eventKey } : {}),
    }),
    for: a.resolved.for,
    labels: {
      severity: a.resolved.severity,
      family: family.name,
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
    rules: alerts.map((a) => ruleOf(family, a, options)),
  };
}

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
  const yaml = yamlLib();
  const doc = new yaml.Document(body);
  // Header lines are comments: nothing in them may break the line.
  doc.commentBefore = header.map((l) => ` ${l.replace(YAML_UNSAFE, " ").replace(/[\r\n]/g, " ")}`).join("\n");
  // A string that holds an unsafe character or looks like a YAML 1.1 boolean, number or date
  // is written double-quoted; the unsafe characters are then escaped below (the yaml library
  // writes them raw even inside double quotes).
  yaml.visit(doc, {
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

/**
 * The resolved alerts (`AlertIR.resolved`, set when the registry was built) of every family
 * that has alerts; throws RegistryError when an alert did not resolve (an IR whose registry
 * errors were not reported: the build's findings name what is wrong).
 */
export function resolvedFamilies(ir: RegistryIR): { family: FamilyIR; alerts: readonly ResolvedAlert[] }[] {
  const out: { family: FamilyIR; alerts: readonly ResolvedAlert[] }[] = [];
  const errors: Diagnostic[] = [];
  for (const family of ir.families) {
    if (family.alerts.length === 0) continue;
    const alerts = family.alerts.filter((a): a is ResolvedAlert => a.resolved !== undefined);
    for (const a of family.alerts.filter((x) => x.resolved === undefined))
      errors.push({
        code: "LP_ALERT_UNRESOLVED",
        severity: "error",
        file: family.source.file,
        family: family.name,
        message: `alert "${a.name}" did not resolve against the registry, so it has no Loki rule`,
        fix: "fix the errors the registry check reports for this alert (run `logpact gen` or `logpact lint`)",
      });
    out.push({ family, alerts });
  }
  if (errors.length) throw new RegistryError(errors);
  return out;
}

export { LokiOptions } from "./spec.js";

/**
 * Labels a rule sets over its expression's result (the ruler's `labels:` add or overwrite):
 * one named like a label the result carries per group (a `by` field, an absent alert's
 * selector label) gives every group the same value, so their alerts merge into one.
 */
function labelOverwrites(ir: RegistryIR, options: LokiOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const family of ir.families) {
    if (family.alerts.length === 0) continue;
    // Invalid alerts are the registry's to report (resolved when it is built); only resolved ones are looked at here.
    for (const a of family.alerts) {
      if (!a.resolved) continue;
      const setBy = new Map<string, string>([
        ["severity", "logpact (the alert's severity)"],
        ["family", "logpact (the family name)"],
        ...Object.keys(options.labels).map((k): [string, string] => [k, "targets.loki.options.labels"]),
        ...Object.keys(a.resolved.labels).map((k): [string, string] => [k, "the alert's own labels"]),
      ]);
      for (const label of a.resolved.outputLabels) {
        const by = setBy.get(label);
        if (by === undefined) continue;
        out.push({
          code: "LP_LOKI_LABEL_OVERWRITE",
          severity: "error",
          file: family.source.file,
          family: family.name,
          message: `alert "${a.name}": its result carries the label "${label}" per group, but the rule also sets "${label}" (from ${by}), which overwrites it: every group's alert would carry the same value and Alertmanager would merge them`,
          fix: by.startsWith("logpact")
            ? `group by another field, or rename the field "${label}" in the events`
            : `remove "${label}" from ${by}, or group by another field`,
        });
      }
    }
  }
  return out;
}

export const lokiTarget = defineTarget({
  ...LOKI_SPEC,
  check: (ir, ctx) => labelOverwrites(ir, ctx.options),
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
