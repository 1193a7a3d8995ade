/**
 * Alert declarations against the registry.
 *
 * `resolveAlert` turns one declaration (as written in a family's `.meta({ alerts })`) into
 * what a LogQL renderer needs — the events it watches, and every field it filters, groups
 * or unwraps mapped to the Loki label that carries it — or into diagnostics that name the
 * file, family, event and field. Those findings are registry errors (exit 2, nothing
 * written); `checkAlerts` (registered in checks.ts) adds the registry-wide name check.
 *
 * The shape of a declaration (kinds, durations, operators, label names) is validated
 * earlier, by the Zod schema in meta-schema.ts; this module checks what needs the registry.
 * LogQL's own syntax (selectors, label names, keywords, durations) is the Loki target's
 * (targets/loki/syntax.ts), as is which label carries each field (targets/loki/labels.ts)
 * and building expressions (targets/loki/logql.ts); this module looks fields up in the
 * registry (`fieldOn`: payload, envelope or dotted path, with their types) and reports.
 * Resolution runs once, when the registry is built (`resolveAlerts`, called by build.ts):
 * each alert of `FamilyIR.alerts` carries its resolved form (`resolved`), which the Loki
 * target renders and diff reads; this module's findings are the build's diagnostics.
 */
import type { Diagnostic } from "../errors.js";
import { didYouMeanSuffix } from "../util/did-you-mean.js";
import { repeatsBy } from "../util/repeats.js";
import type {
  AlertFieldIR,
  AlertFilterIR,
  AlertIR,
  BaseType,
  EventIR,
  FamilyIR,
  JsonSchema,
  RegistryIR,
  ResolvedAlertIR,
} from "./ir.js";
import { baseTypes, enumValues, objectProperties } from "./field-schema.js";
import type { AlertDecl, CompareOp, FieldFilter } from "./meta.js";
import { matchesNonEmptyOnly, parseSelector } from "../targets/loki/syntax.js";
import { jsonAddressable, LabelTable } from "../targets/loki/labels.js";

// ---------------------------------------------------------------------------------------
// Resolution

export type AlertField = AlertFieldIR;
export type AlertFilter = AlertFilterIR;

/** A declaration with its resolved form, as it sits in the IR (`FamilyIR.alerts`). */
export type ResolvedAlert = AlertDecl & { readonly resolved: ResolvedAlertIR };

/** What one alert kind resolved to, before it is written into the IR's plain-JSON form (events as EventIR). */
type Resolution = Pick<ResolvedAlertIR, "where" | "by" | "unwrap" | "outputLabels"> & {
  readonly events: readonly EventIR[];
  readonly numerator?: readonly EventIR[];
  readonly denominator?: readonly EventIR[];
};

interface FieldInfo {
  types: BaseType[];
  enum?: (string | number | boolean | null)[];
  sensitive?: true | "secret" | "pii";
}

const NUMERIC: ReadonlySet<BaseType> = new Set(["integer", "number"]);
const ORDERING: ReadonlySet<CompareOp> = new Set([">", ">=", "<", "<="]);

function isNumeric(types: readonly BaseType[]): boolean {
  return types.length > 0 && types.every((t) => NUMERIC.has(t));
}

/** Collects diagnostics for one alert, de-duplicated (multi-event alerts repeat findings). */
class Findings {
  readonly list: Diagnostic[] = [];
  private readonly seen = new Set<string>();
  constructor(
    private readonly family: FamilyIR,
    private readonly alert: AlertDecl,
  ) {}
  add(
    code: string,
    message: string,
    fix: string,
    where: { event?: EventIR | undefined; field?: string | undefined } = {},
    severity: Diagnostic["severity"] = "error",
  ): void {
    const d: Diagnostic = {
      code,
      severity,
      message: `alert "${this.alert.name}": ${message}`,
      fix,
      file: this.family.source.file,
      family: this.family.name,
      ...(where.event ? { event: where.event.name } : {}),
      ...(where.field !== undefined ? { field: where.field } : {}),
    };
    const key = `${d.code}\0${d.message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push(d);
  }
  get failed(): boolean {
    return this.list.some((d) => d.severity === "error");
  }
}

/** Everything `resolveAlert` needs besides the declaration. */
export interface AlertScope {
  readonly ir: RegistryIR;
  readonly family: FamilyIR;
  /** Label names of the family's stream selector. */
  readonly streamLabels: ReadonlySet<string>;
  /** Labels of the selector's `=` matchers (absent_over_time keeps those). */
  readonly equalityLabels: readonly string[];
}

/** The selector of a family, parsed and checked; diagnostics when it is unusable. */
export function familyScope(ir: RegistryIR, family: FamilyIR): { scope?: AlertScope; diagnostics: Diagnostic[] } {
  const parsed = parseSelector(family.loki.selector);
  const at = { file: family.source.file, family: family.name };
  const fix =
    "set `.meta({ loki: { selector: '{service_name=\"<service>\"}' } })` on the family, or `lokiSelector` in the config";
  if ("error" in parsed) {
    return {
      diagnostics: [
        {
          code: "LP_ALERT_SELECTOR",
          severity: "error",
          ...at,
          message: `the Loki stream selector ${family.loki.selector} of a family with alerts is not a LogQL stream selector: ${parsed.error}`,
          fix,
        },
      ],
    };
  }
  if (!parsed.matchers.some(matchesNonEmptyOnly)) {
    return {
      diagnostics: [
        {
          code: "LP_ALERT_SELECTOR",
          severity: "error",
          ...at,
          message: `the Loki stream selector ${family.loki.selector} has no matcher that selects streams on its own; Loki rejects such queries`,
          fix: `${fix}, with at least one label="value" matcher`,
        },
      ],
    };
  }
  return {
    scope: {
      ir,
      family,
      streamLabels: new Set(parsed.matchers.map((m) => m.name)),
      equalityLabels: [...new Set(parsed.matchers.filter((m) => m.op === "=").map((m) => m.name))].sort(),
    },
    diagnostics: [],
  };
}

/**
 * Resolves one alert of `scope.family` against the registry. Returns the resolved alert
 * when it has no errors, and every finding (errors and warnings) either way.
 */
export function resolveAlert(scope: AlertScope, decl: AlertDecl): { alert?: ResolvedAlert; diagnostics: Diagnostic[] } {
  const { family } = scope;
  const f = new Findings(family, decl);
  const labels = new LabelTable(scope.streamLabels);
  const eventLabel = labels.event();
  const on = (events: readonly EventIR[]): WatchedFields => ({ scope, events, labels, f });

  const events = (names: string | readonly string[], role: string): EventIR[] => {
    const list = typeof names === "string" ? [names] : names;
    const out: EventIR[] = [];
    for (const name of list) {
      const event = resolveEvent(scope, name, role, f);
      if (!event) continue;
      if (out.includes(event))
        f.add("LP_ALERT_EVENT_DUPLICATE", `${role} lists event "${event.name}" twice`, "list each event once", {
          event,
        });
      else out.push(event);
      if (event.deprecation) {
        f.add(
          "LP_ALERT_EVENT_DEPRECATED",
          `${role} watches "${event.name}", which is deprecated${event.deprecation.renamed_to ? ` (renamed to "${event.deprecation.renamed_to}")` : ""}`,
          event.deprecation.renamed_to
            ? `watch "${event.deprecation.renamed_to}" as well, or instead once the old name is gone`
            : "watch the event that replaces it",
          { event },
          "warning",
        );
      }
    }
    return out;
  };

  let resolved: Resolution | undefined;
  switch (decl.kind) {
    case "threshold": {
      const watched = events(decl.event, "event");
      const where = filters(on(watched), decl.where);
      const by = groupBy(on(watched), decl.by);
      // An ungrouped count is rendered `(sum(...) or vector(0))`, so a zero count is seen; a grouped one is not.
      if (by.length > 0 && zeroFires(decl.op, decl.value)) {
        f.add(
          "LP_ALERT_ZERO_UNSEEN",
          `\`${decl.op} ${decl.value}\` also holds for a count of 0, but a group with no matching line has no series in Loki, so the alert never fires for such a group`,
          "drop `by` (an ungrouped count is compared with 0 filled in), or watch the missing event with an `absent` alert",
          {},
          "warning",
        );
      }
      resolved = { events: watched, where, by, outputLabels: by.map((b) => b.label) };
      break;
    }
    case "ratio": {
      const numerator = events(decl.numerator, "numerator");
      const denominator = events(decl.denominator, "denominator");
      const all = [...new Set([...numerator, ...denominator])];
      const where = filters(on(all), decl.where);
      const by = groupBy(on(all), decl.by);
      resolved = { events: all, numerator, denominator, where, by, outputLabels: by.map((b) => b.label) };
      break;
    }
    case "quantile": {
      const watched = events(decl.event, "event");
      const where = filters(on(watched), decl.where);
      const by = groupBy(on(watched), decl.by);
      const field = resolveField(on(watched), decl.field, "field")?.field;
      if (field && !isNumeric(field.types)) {
        f.add(
          "LP_ALERT_FIELD_NOT_NUMERIC",
          `the quantile is taken of field "${decl.field}", which is ${field.types.join(" | ")}: \`| unwrap\` needs a number`,
          "name a numeric field (integer or number) of the event",
          { event: watched[0], field: decl.field },
        );
      }
      if (field) resolved = { events: watched, where, by, unwrap: field, outputLabels: by.map((b) => b.label) };
      break;
    }
    case "absent": {
      const watched = events(decl.event, "event");
      const where = filters(on(watched), decl.where);
      resolved = { events: watched, where, by: [], outputLabels: scope.equalityLabels };
      break;
    }
  }
  // When a `by` field failed, its label is missing from the output and a template naming it would only repeat that.
  const byFailed =
    "by" in decl && decl.by !== undefined && resolved !== undefined && resolved.by.length < decl.by.length;
  if (resolved && !byFailed) checkTemplates(decl, resolved.outputLabels, f);
  if (f.failed || !resolved) return { diagnostics: f.list };
  return { alert: { ...decl, resolved: resolvedForm(family, decl, eventLabel, resolved) }, diagnostics: f.list };
}

const eventNames = (events: readonly EventIR[]): string[] => events.map((e) => e.name);

/** The plain-JSON form of a resolution, as the IR holds it. */
function resolvedForm(family: FamilyIR, decl: AlertDecl, eventLabel: string, r: Resolution): ResolvedAlertIR {
  const reads = [...r.where.map((w) => w.field), ...r.by, ...(r.unwrap ? [r.unwrap] : [])].map((x) => x.path);
  const labels = decl.labels ?? {};
  return {
    selector: family.loki.selector,
    eventLabel,
    events: eventNames(r.events),
    ...(r.numerator ? { numerator: eventNames(r.numerator) } : {}),
    ...(r.denominator ? { denominator: eventNames(r.denominator) } : {}),
    where: r.where,
    by: r.by,
    ...(r.unwrap ? { unwrap: r.unwrap } : {}),
    outputLabels: r.outputLabels,
    reads: [...new Set(reads)].sort(),
    severity: decl.severity,
    for: decl.for ?? "0s",
    labels: Object.fromEntries(
      Object.keys(labels)
        .sort()
        .map((k) => [k, labels[k]!]),
    ),
  };
}

/** `0 op value`: whether the condition holds when nothing was counted. */
export function zeroFires(op: CompareOp, value: number): boolean {
  switch (op) {
    case "==":
      return value === 0;
    case "!=":
      return value !== 0;
    case ">":
      return 0 > value;
    case ">=":
      return 0 >= value;
    case "<":
      return 0 < value;
    case "<=":
      return 0 <= value;
  }
}

function resolveEvent(scope: AlertScope, name: string, role: string, f: Findings): EventIR | undefined {
  const { family, ir } = scope;
  const event = family.events.find((e) => e.name === name || e.short === name);
  if (event) return event;
  const elsewhere = ir.families.find((other) => other !== family && other.events.some((e) => e.name === name));
  if (elsewhere) {
    f.add(
      "LP_ALERT_EVENT_UNKNOWN",
      `${role} "${name}" belongs to family "${elsewhere.name}": an alert only watches events of its own family (its stream selector is the family's)`,
      `declare the alert on "${elsewhere.name}" (in ${elsewhere.source.file})`,
    );
  } else {
    const known = family.events.flatMap((e) => [e.short, e.name]);
    f.add(
      "LP_ALERT_EVENT_UNKNOWN",
      `${role} "${name}" is not an event of "${family.name}".${didYouMeanSuffix(name, known)}`,
      `name an event of the family, short or full; known: ${family.events.map((e) => e.short).join(", ")}`,
    );
  }
  return undefined;
}

interface FieldResolution {
  readonly field: AlertField;
  /** What the field is on each watched event (types can differ slightly between events). */
  readonly perEvent: readonly (readonly [EventIR, FieldInfo])[];
}

/** What resolving an alert's fields needs: its scope, the events it watches, its label table and its findings. */
interface WatchedFields {
  readonly scope: AlertScope;
  readonly events: readonly EventIR[];
  readonly labels: LabelTable;
  readonly f: Findings;
}

/** Resolves a field path on every watched event: a payload field, an envelope field, or a dotted path. */
function resolveField(at: WatchedFields, path: string, role: string): FieldResolution | undefined {
  const { scope, events, labels, f } = at;
  const results = events.map((event) => [event, fieldOn(scope, path, event)] as const);
  const failed = results.find(([, r]) => "problem" in r);
  if (failed) {
    const [event, r] = failed as readonly [EventIR, FieldProblem];
    const having = results.filter(([, x]) => !("problem" in x)).map(([e]) => `"${e.name}"`);
    if (r.missing && having.length) {
      f.add(
        "LP_ALERT_FIELD_UNKNOWN",
        `${role} "${path}" is a field of ${having.join(", ")} but not of "${event.name}": an alert on several events needs it on each of them`,
        `leave "${path}" out of this alert, or watch only events that carry it`,
        { event, field: path },
      );
    } else {
      // Suggest from every watched event's fields, so a typo is caught whichever event fails first.
      const known = [
        ...new Set([...events.flatMap((e) => e.fields.map((x) => x.name)), ...scope.ir.envelope.map((x) => x.name)]),
      ];
      f.add(
        "LP_ALERT_FIELD_UNKNOWN",
        `${role} ${r.problem}${r.missing ? `.${didYouMeanSuffix(path, known)}` : ""}`,
        r.fix,
        { event, field: path },
      );
    }
    return undefined;
  }
  const perEvent = results.map(([e, r]) => [e, (r as FieldFound).info] as const);
  const keys = (results[0]?.[1] as FieldFound | undefined)?.keys;
  if (!keys) return undefined;
  if (!jsonAddressable(keys)) {
    f.add(
      "LP_ALERT_FIELD_PATH",
      `${role} "${path}" has a key that a LogQL json expression cannot address (empty, or containing \`"\` or \`\\\`)`,
      "rename the field to letters, digits and `_`",
      { field: path },
    );
    return undefined;
  }
  const claim = labels.claim(path, keys);
  if ("heldBy" in claim) {
    f.add(
      "LP_ALERT_LABEL_COLLISION",
      `fields "${claim.heldBy}" and "${path}" would both be extracted into the Loki label "${claim.label}"`,
      "rename one of the fields, or use only one of them in this alert",
      { field: path },
    );
    return undefined;
  }
  const { label } = claim;
  const infos = perEvent.map(([, i]) => i);
  const types = [...new Set(infos.flatMap((i) => i.types))].sort();
  const enums = infos.every((i) => i.enum) ? [...new Set(infos.flatMap((i) => i.enum!))] : undefined;
  return { field: { path, keys, label, types, ...(enums ? { enum: enums } : {}) }, perEvent };
}

interface FieldFound {
  keys: string[];
  info: FieldInfo;
}
interface FieldProblem {
  /** Message after the role: `"x" is not a field of …`. */
  problem: string;
  fix: string;
  /** The name is not there at all (as opposed to a bad nested path). */
  missing: boolean;
}

/** A field path on one event: a payload field, an envelope field, or a dotted path into an object field. */
function fieldOn(scope: AlertScope, path: string, event: EventIR): FieldFound | FieldProblem {
  const envelope = scope.ir.envelope;
  const top = (name: string): { schema: JsonSchema; info: FieldInfo } | undefined => {
    const field = event.fields.find((x) => x.name === name);
    if (field)
      return {
        schema: field.schema,
        info: {
          types: [...field.types],
          ...(field.enum ? { enum: [...field.enum] } : {}),
          ...(field.sensitive ? { sensitive: field.sensitive } : {}),
        },
      };
    const env = envelope.find((x) => x.name === name);
    if (!env) return undefined;
    const values = enumValues(env.schema);
    return { schema: env.schema, info: { types: baseTypes(env.schema), ...(values ? { enum: values } : {}) } };
  };
  const exact = top(path);
  if (exact) return { keys: [path], info: exact.info };
  const keys = path.split(".");
  let node = keys.length > 1 ? top(keys[0]!) : undefined;
  if (!node) {
    return {
      missing: true,
      problem: `"${path}" is not a field of "${event.name}" nor of the log envelope`,
      fix: `use a field of "${event.name}" (${event.fields.map((x) => x.name).join(", ") || "it has none"}), an envelope field (${envelope.map((x) => x.name).join(", ") || "none"}) or a dotted path into a nested object field`,
    };
  }
  const sensitive = node.info.sensitive;
  for (let i = 1; i < keys.length; i++) {
    const props = objectProperties(node.schema);
    const key = keys[i]!;
    const child = props?.[key];
    if (!child) {
      const at = keys.slice(0, i).join(".");
      return props
        ? {
            missing: false,
            problem: `"${path}": "${at}" of "${event.name}" has no property "${key}".${didYouMeanSuffix(key, Object.keys(props))}`,
            fix: `use one of: ${Object.keys(props)
              .sort()
              .map((k) => `${at}.${k}`)
              .join(", ")}`,
          }
        : {
            missing: false,
            problem: `"${path}": "${at}" of "${event.name}" is ${node.info.types.join(" | ")}, not an object`,
            fix: "name a field, or a dotted path into an object field",
          };
    }
    const values = enumValues(child);
    node = {
      schema: child,
      info: { types: baseTypes(child), ...(values ? { enum: values } : {}), ...(sensitive ? { sensitive } : {}) },
    };
  }
  return { keys, info: node.info };
}

const SCALAR: ReadonlySet<BaseType> = new Set(["string", "integer", "number", "boolean"]);

function notScalar(r: FieldResolution, f: Findings, role: string): boolean {
  for (const [event, info] of r.perEvent) {
    const bad = info.types.filter((t) => !SCALAR.has(t));
    if (info.types.length === 0 || bad.length) {
      const what = info.types.join(" | ") || "untyped";
      f.add(
        "LP_ALERT_FIELD_NOT_SCALAR",
        `${role} "${r.field.path}" of "${event.name}" is ${what}: Loki labels hold strings, numbers and booleans`,
        bad.includes("object")
          ? `compare or group by a nested field instead, e.g. "${r.field.path}.<key>"`
          : "use a string, number or boolean field",
        { event, field: r.field.path },
      );
      return true;
    }
  }
  return false;
}

/** A field path resolved on every watched event and a scalar on each (findings when not). */
function scalarField(at: WatchedFields, path: string, role: string): FieldResolution | undefined {
  const r = resolveField(at, path, role);
  return r && !notScalar(r, at.f, role) ? r : undefined;
}

function filters(at: WatchedFields, where: readonly FieldFilter[] | undefined): AlertFilter[] {
  const out: AlertFilter[] = [];
  for (const filter of where ?? []) {
    const r = scalarField(at, filter.field, "where");
    if (!r) continue;
    // One finding per filter: the first event it fails on stands for the rest.
    const ok = r.perEvent.every(([event, info]) => checkComparison(filter, event, info, at.f));
    if (ok) out.push({ field: r.field, op: filter.op, value: filter.value });
  }
  return out;
}

/** Whether `field op value` is meaningful for the field's declared type (findings when not). */
function checkComparison(filter: FieldFilter, event: EventIR, info: FieldInfo, f: Findings): boolean {
  const { field, op, value } = filter;
  const at = { event, field };
  const shown = JSON.stringify(value);
  const typeText = info.enum ? info.enum.map((v) => JSON.stringify(v)).join(" | ") : info.types.join(" | ");
  if (ORDERING.has(op)) {
    if (!isNumeric(info.types)) {
      f.add(
        "LP_ALERT_FIELD_NOT_NUMERIC",
        `where \`${field} ${op} ${shown}\`: "${field}" of "${event.name}" is ${typeText}; \`${op}\` compares numbers`,
        info.types.includes("string")
          ? "compare with == or != (strings are compared exactly), or filter on a numeric field"
          : "use == or !=, or a numeric field",
        at,
      );
      return false;
    }
    if (typeof value !== "number") {
      f.add(
        "LP_ALERT_VALUE_TYPE",
        `where \`${field} ${op} ${shown}\`: "${field}" is numeric, so the value must be a number`,
        `write the value as a number, e.g. ${Number(value) || 0}`,
        at,
      );
      return false;
    }
    return true;
  }
  const valueType: BaseType =
    typeof value === "number"
      ? Number.isInteger(value)
        ? "integer"
        : "number"
      : typeof value === "boolean"
        ? "boolean"
        : "string";
  const accepts =
    valueType === "integer"
      ? info.types.some((t) => NUMERIC.has(t))
      : valueType === "number"
        ? info.types.includes("number")
        : info.types.includes(valueType);
  if (!accepts) {
    f.add(
      "LP_ALERT_VALUE_TYPE",
      `where \`${field} ${op} ${shown}\`: "${field}" of "${event.name}" is ${typeText}, but the value is a ${valueType}`,
      `compare with a value of the field's type${info.enum ? `: one of ${typeText}` : ""}`,
      at,
    );
    return false;
  }
  if (info.enum && !info.enum.includes(value)) {
    f.add(
      "LP_ALERT_ENUM_VALUE",
      `where \`${field} ${op} ${shown}\`: ${shown} is not a member of "${field}" on "${event.name}" (${typeText}), so the filter ${op === "==" ? "never" : "always"} matches`,
      `use one of ${typeText}`,
      at,
    );
    return false;
  }
  return true;
}

function groupBy(at: WatchedFields, by: readonly string[] | undefined): AlertField[] {
  const { f } = at;
  const out: AlertField[] = [];
  for (const path of by ?? []) {
    const r = scalarField(at, path, "by");
    if (!r) continue;
    const sensitive = r.perEvent.find(([, info]) => info.sensitive);
    if (sensitive) {
      f.add(
        "LP_ALERT_SENSITIVE_LABEL",
        `by "${path}": the field is marked sensitive (${sensitive[1].sensitive === true ? "sensitive" : sensitive[1].sensitive}) on "${sensitive[0].name}", and grouping copies its values into alert labels, notifications and the ruler's state`,
        "group by a non-sensitive field (or drop the grouping)",
        { event: sensitive[0], field: path },
      );
      continue;
    }
    out.push(r.field);
  }
  return out;
}

/** `{{ … }}` actions must close, and `$labels.x` must name a label the alert's result carries. */
function checkTemplates(decl: AlertDecl, outputLabels: readonly string[], f: Findings): void {
  for (const key of ["summary", "description"] as const) {
    const text = decl[key];
    if (text === undefined) continue;
    let at = 0;
    for (;;) {
      const open = text.indexOf("{{", at);
      if (open < 0) break;
      const close = text.indexOf("}}", open + 2);
      const next = text.indexOf("{{", open + 2);
      if (close < 0 || (next >= 0 && next < close)) {
        f.add(
          "LP_ALERT_TEMPLATE",
          `${key}: the template action opened at character ${open + 1} is not closed with \`}}\``,
          "close every `{{` with `}}` (the ruler rejects the rule otherwise)",
          {},
        );
        break;
      }
      const action = text.slice(open + 2, close);
      for (const m of action.matchAll(/\$labels\.([A-Za-z_][A-Za-z0-9_]*)/g)) {
        const name = m[1]!;
        if (outputLabels.includes(name)) continue;
        const carried = outputLabels.length
          ? `it carries ${outputLabels.map((l) => `"${l}"`).join(", ")}`
          : "it carries no labels";
        f.add(
          "LP_ALERT_TEMPLATE_LABEL",
          `${key} uses {{ $labels.${name} }}, but the alert's result has no label "${name}": ${carried}.${didYouMeanSuffix(name, outputLabels)}`,
          decl.kind === "absent"
            ? "an absent alert carries the selector's `=` labels only; remove the reference"
            : `add "${name}" to \`by\`, or remove the reference`,
          {},
        );
      }
      at = close + 2;
    }
  }
}

/**
 * Resolves every family's alerts against the registry: the families with each alert
 * carrying `resolved` (when it resolved without errors), and every finding on the way.
 * Called once, when the registry is built (build.ts), and when an older snapshot that does
 * not carry resolved alerts is read (snapshot.ts). `ir` is not modified.
 */
export function resolveAlerts(ir: RegistryIR): { families: FamilyIR[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const families = ir.families.map((family): FamilyIR => {
    if (family.alerts.length === 0) return family;
    const { scope, diagnostics: selector } = familyScope(ir, family);
    diagnostics.push(...selector);
    const alerts = family.alerts.map((a): AlertIR => {
      const { resolved: _old, ...decl } = a;
      if (!scope) return decl as AlertDecl;
      const r = resolveAlert(scope, decl as AlertDecl);
      diagnostics.push(...r.diagnostics);
      return r.alert ?? (decl as AlertDecl);
    });
    return { ...family, alerts };
  });
  return { families, diagnostics };
}

/** The registry check: alert names unique across the registry (resolution findings are the build's). */
export function checkAlerts(ir: RegistryIR): Diagnostic[] {
  const declared = ir.families.flatMap((family) => family.alerts.map((decl) => [family, decl] as const));
  return repeatsBy(declared, ([, decl]) => decl.name).map(([[family, decl], [first]]) => ({
    code: "LP_ALERT_DUPLICATE_NAME",
    severity: "error",
    file: family.source.file,
    family: family.name,
    message: `alert "${decl.name}" is declared twice: here and ${first === family ? "earlier in the same family" : `on "${first.name}" (${first.source.file})`}`,
    fix: "give every alert its own name; the ruler and Alertmanager identify alerts by it",
  }));
}
