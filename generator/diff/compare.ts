/**
 * Classifies every difference between two registries (the baseline and the working
 * tree) as breaking, warning or safe for the consumers of the log lines — dashboards,
 * alerts, queries and the log pipeline. Pure: IR in, changes out.
 *
 * The view is the producer's output: an old consumer reading new lines. Because old and
 * new lines coexist (producers roll out one by one; the store keeps history), the new
 * contract must also accept lines written under the old one. The full rule table, with
 * the reasoning, is docs/diff.md; the catalogue is `RULES` in rules.ts.
 */
import { LEVEL_VALUES, type AlertDecl, type Deprecation } from "../registry/meta.js";
import {
  eventKeyOf,
  type AlertIR,
  type DocDigest,
  type EventIR,
  type FamilyIR,
  type JsonSchema,
  type RegistryIR,
} from "../registry/ir.js";
import { editDistance } from "../util/did-you-mean.js";
import { jsonEqual } from "../util/json.js";
import { AlertIndex } from "./alerts.js";
import { RULES, SEVERITIES, type ChangeSeverity, type RuleId } from "./rules.js";
import { compareSchemas } from "./schema-compare.js";
import { sameDescription, sameExamples } from "../registry/doc-digest.js";
import { selectVariant, variantLabel } from "../registry/variants.js";

/** Family name used for changes to the envelope (fields the logger adds to every line). */
export const ENVELOPE = "(envelope)";

/** One classified change. */
export interface Change {
  readonly rule: RuleId;
  readonly severity: ChangeSeverity;
  /** Family name (`ENVELOPE` for envelope fields). */
  readonly family: string;
  readonly event?: string;
  /** Field name, or a path below it (`meta.attempt`, `items[]`). */
  readonly field?: string;
  /** Alert name, for `alert-*` rules. */
  readonly alert?: string;
  /** One line naming what changed and where (Markdown backticks around names). */
  readonly message: string;
  /** What to do instead, for breaking changes and warnings that have a better path. */
  readonly fix?: string;
  /** Declared alerts (of the baseline) that read the changed event or field. */
  readonly alerts?: readonly string[];
  /** Schema module that declares it (the working tree's when it still exists, else the baseline's). */
  readonly file?: string;
  /** Export name of the family in that module. */
  readonly export?: string;
}

export interface DiffResult {
  /** Sorted: severity, family, event, field, rule. */
  readonly changes: readonly Change[];
  readonly counts: Readonly<Record<ChangeSeverity, number>>;
}

/** A field as far as comparison goes: event fields and envelope fields alike. */
interface FieldLike {
  readonly name: string;
  readonly required: boolean;
  readonly schema: JsonSchema;
  readonly description?: string | undefined;
  readonly unit?: string | undefined;
  readonly sensitive?: unknown;
  readonly examples?: readonly unknown[] | undefined;
  readonly deprecation?: Deprecation | undefined;
  readonly docDigest?: DocDigest | undefined;
}

interface Located {
  readonly event: EventIR;
  readonly family: FamilyIR;
}

/** Where a change sits, plus what the classifier needs to adjust its severity. */
interface Scope {
  readonly family: string;
  readonly event?: string;
  readonly file?: string;
  readonly export?: string;
  /** The baseline promised nothing (experimental event or family). */
  readonly experimental?: boolean;
  /** A variant of the event (`reason "error"`): named in field messages. */
  readonly variant?: string;
}

/** Compares `before` (the baseline) with `after` (the working tree). */
export function diffRegistries(before: RegistryIR, after: RegistryIR): DiffResult {
  const d = new Differ(before, after);
  d.run();
  return d.result();
}

class Differ {
  private readonly changes: Change[] = [];
  private readonly alertsBefore: AlertIndex;
  private readonly alertsAfter: AlertIndex;
  private readonly eventsBefore: Map<string, Located>;
  private readonly eventsAfter: Map<string, Located>;

  constructor(
    private readonly before: RegistryIR,
    private readonly after: RegistryIR,
  ) {
    this.alertsBefore = new AlertIndex(before);
    this.alertsAfter = new AlertIndex(after);
    this.eventsBefore = locate(before);
    this.eventsAfter = locate(after);
  }

  run(): void {
    // A baseline with no families (the ref before logpact was adopted) had no contract:
    // its envelope and event key are defaults nobody consumed, so only the events are news.
    const hadContract = this.before.families.length > 0;
    const k0 = eventKeyOf(this.before);
    const k1 = eventKeyOf(this.after);
    if (hadContract && k0 !== k1) {
      this.add(
        "event-key-changed",
        { family: ENVELOPE },
        {
          message: `lines name their event with \`${k1}\` (was \`${k0}\`)`,
          fix: `keep \`eventKey: "${k0}"\` until every consumer reads \`${k1}\`; or log both keys for a release`,
        },
      );
    }
    this.compareEvents();
    this.compareFamilies();
    if (hadContract) {
      this.compareFields(this.before.envelope, this.after.envelope, { family: ENVELOPE }, (f) =>
        this.alertsBefore.readingAnyField(f),
      );
    }
  }

  result(): DiffResult {
    const rank = (s: ChangeSeverity) => SEVERITIES.indexOf(s);
    const key = (c: Change) => [c.family, c.event ?? "", c.field ?? "", c.alert ?? "", c.rule].join("\0");
    const changes = [...this.changes].sort(
      (a, b) => rank(a.severity) - rank(b.severity) || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0),
    );
    const counts = { breaking: 0, warning: 0, safe: 0 };
    for (const c of changes) counts[c.severity]++;
    return { changes, counts };
  }

  // ── events ────────────────────────────────────────────────────────────────

  private compareEvents(): void {
    const removed = [...this.eventsBefore.keys()].filter((n) => !this.eventsAfter.has(n)).sort();
    const added = new Set([...this.eventsAfter.keys()].filter((n) => !this.eventsBefore.has(n)).sort());

    for (const name of removed) {
      const { event, family } = this.eventsBefore.get(name)!;
      const scope = this.scopeOf(name);
      const alerts = this.alertsBefore.readingEvent(name);
      const dep = event.deprecation;
      const target = dep?.renamed_to;
      if (dep) {
        // Documented by its deprecation record: a rename when `renamed_to` is in the new registry, else a retirement.
        const renamed = target !== undefined && this.eventsAfter.has(target);
        if (renamed) added.delete(target);
        this.renamedOrRetired(
          renamed ? "event-renamed" : "event-removed-deprecated",
          scope,
          alerts,
          renamed
            ? `event \`${name}\` renamed to \`${target}\` (documented by its deprecation record)`
            : `event \`${name}\` removed after its deprecation${removalNote(dep, "which is not in the new registry")}`,
          (a) => this.alertsAfter.byName.get(a)?.events.includes(name) ?? false,
        );
        continue;
      }
      const twin = closest(
        name,
        [...added].filter((n) => {
          const other = this.eventsAfter.get(n)!;
          return other.family.name === family.name && jsonEqual(signature(event.fields), signature(other.event.fields));
        }),
      );
      if (twin !== undefined) {
        added.delete(twin);
        this.add("event-renamed-undocumented", scope, {
          message: `event \`${name}\` removed and \`${twin}\` added with the same fields: a rename without a deprecation record`,
          fix: `keep \`${name}\` beside \`${twin}\` and mark it \`.meta({ deprecation: { renamed_to: "${twin}" } })\`; remove it in a later release`,
          alerts,
        });
        continue;
      }
      this.add("event-removed", scope, {
        message: `event \`${name}\` removed`,
        fix: 'keep it and mark it `.meta({ deprecation: { reason: "…" } })` (or `renamed_to: "<new event>"`) for a release before removing it',
        alerts,
      });
    }

    for (const name of added) this.add("event-added", this.scopeOf(name), { message: `event \`${name}\` added` });

    for (const name of [...this.eventsBefore.keys()].filter((n) => this.eventsAfter.has(n)).sort()) {
      this.compareEvent(this.eventsBefore.get(name)!, this.eventsAfter.get(name)!);
    }
  }

  private compareEvent(b: Located, a: Located): void {
    const name = a.event.name;
    const scope = this.scopeOf(name);
    const e0 = b.event;
    const e1 = a.event;

    if (b.family.name !== a.family.name) {
      this.add("event-family-changed", scope, {
        message: `event \`${name}\` moved from family \`${b.family.name}\` to \`${a.family.name}\``,
      });
      if (b.family.loki.selector !== a.family.loki.selector) {
        this.add("loki-selector-changed", scope, {
          message: `event \`${name}\` is now selected by \`${a.family.loki.selector}\` (was \`${b.family.loki.selector}\`)`,
          alerts: this.alertsBefore.readingEvent(name),
        });
      }
    }

    const l0 = LEVEL_VALUES[e0.level];
    const l1 = LEVEL_VALUES[e1.level];
    // A defaulted level was unknown, so declaring one lowers nothing.
    if (l1 < l0 && !e0.levelDefaulted) {
      this.add("event-level-lowered", scope, {
        message: `level of \`${name}\` lowered from ${e0.level} to ${e1.level}`,
        fix: `keep it at ${e0.level}; if the lower level is right for a new situation, log a new event`,
        alerts: this.alertsBefore.readingEvent(name),
      });
    } else if (l1 > l0) {
      this.add("event-level-raised", scope, { message: `level of \`${name}\` raised from ${e0.level} to ${e1.level}` });
    }

    if (e0.message !== e1.message) {
      this.add("event-message-changed", scope, {
        message: `default msg of \`${name}\` changed from ${JSON.stringify(e0.message)} to ${JSON.stringify(e1.message)}`,
        fix: "query by `event`, never by message text",
      });
    }
    // With variants on both sides, descriptions and examples are the variants' own (compared per variant).
    const both = e0.variants !== undefined && e1.variants !== undefined;
    this.compareMeta(
      scope,
      `event \`${name}\``,
      both ? { ...e0, description: undefined, docDigest: undefined } : e0,
      both ? { ...e1, description: undefined, docDigest: undefined } : e1,
      this.alertsBefore.readingEvent(name),
    );
    if (!both && !sameExamples(e0, e1))
      this.add("examples-changed", scope, { message: `examples of event \`${name}\` changed` });

    const alertsFor = (f: string) => this.alertsBefore.readingField(name, f);
    if (e0.variants || e1.variants) this.compareVariants(e0, e1, scope, alertsFor);
    else this.compareFields(e0.fields, e1.fields, scope, alertsFor);
  }

  /**
   * Events with variants: variants matched by discriminator value, each compared field by
   * field like an event; a value gone is breaking, a new one a warning. When the
   * discriminator itself changed (or variants appeared or went), the event's fields are
   * compared as a whole, after the breaking `variant-discriminator-changed`.
   */
  private compareVariants(e0: EventIR, e1: EventIR, scope: Scope, alertsFor: (field: string) => string[]): void {
    const name = e1.name;
    if (!e0.variants || !e1.variants || e0.discriminator !== e1.discriminator) {
      const was = e0.variants ? `variants by \`${e0.discriminator}\`` : "a plain event";
      const now = e1.variants ? `has variants by \`${e1.discriminator}\`` : "is a plain event";
      this.add("variant-discriminator-changed", scope, {
        message: `event \`${name}\` now ${now} (was ${was})`,
        fix: "keep the event's shape and log the new shape as a new event; retire the old one with a deprecation record",
        alerts: this.alertsBefore.readingEvent(name),
      });
      this.compareFields(e0.fields, e1.fields, scope, alertsFor);
      return;
    }
    for (const v0 of e0.variants) {
      const v1 = selectVariant(e1, v0.value);
      const label = variantLabel(e0, v0);
      if (!v1) {
        this.add("variant-removed", scope, {
          message: `variant \`${label}\` of \`${name}\` removed`,
          fix: "keep the variant (and deprecate the fields only it carries) until lines with it have aged out of the store",
          alerts: this.alertsBefore.readingEvent(name),
        });
        continue;
      }
      if (!sameDescription(v0, v1))
        this.add("description-changed", scope, {
          message: `description of variant \`${label}\` of \`${name}\` changed`,
        });
      if (!sameExamples(v0, v1))
        this.add("examples-changed", scope, { message: `examples of variant \`${label}\` of \`${name}\` changed` });
      this.compareFields(v0.fields, v1.fields, { ...scope, variant: label }, alertsFor);
    }
    for (const v1 of e1.variants) {
      if (!selectVariant(e0, v1.value))
        this.add("variant-added", scope, { message: `variant \`${variantLabel(e1, v1)}\` added to \`${name}\`` });
    }
  }

  /** Stability, deprecation and description: shared by events and fields. */
  private compareMeta(
    scope: Scope & { field?: string },
    what: string,
    x: {
      stability?: string;
      deprecation?: Deprecation | undefined;
      description?: string | undefined;
      docDigest?: DocDigest | undefined;
    },
    y: {
      stability?: string;
      deprecation?: Deprecation | undefined;
      description?: string | undefined;
      docDigest?: DocDigest | undefined;
    },
    alerts: string[],
  ): void {
    if (x.stability !== undefined && y.stability !== undefined && x.stability !== y.stability) {
      if (y.stability === "experimental")
        this.add("stability-lowered", scope, { message: `${what} is now experimental (was stable)`, alerts });
      else this.add("stability-raised", scope, { message: `${what} is now stable (was experimental)` });
    }
    const d0 = x.deprecation;
    const d1 = y.deprecation;
    if (!d0 && d1) {
      const rename = d1.renamed_to !== undefined ? ` in favour of \`${d1.renamed_to}\`` : "";
      this.add("deprecation-added", scope, {
        message: `${what} deprecated${rename}${d1.reason ? `: ${d1.reason}` : ""}`,
        fix: "move dashboards, queries and alerts off it before the release that removes it",
        alerts,
      });
    } else if (d0 && !d1) {
      this.add("deprecation-removed", scope, { message: `deprecation of ${what} withdrawn` });
    } else if (d0 && d1 && !jsonEqual(d0, d1)) {
      this.add("deprecation-changed", scope, { message: `deprecation record of ${what} changed` });
    }
    if (!sameDescription(x, y)) this.add("description-changed", scope, { message: `description of ${what} changed` });
  }

  // ── fields ────────────────────────────────────────────────────────────────

  private compareFields(
    before: readonly FieldLike[],
    after: readonly FieldLike[],
    scope: Scope,
    alertsFor: (field: string) => string[],
  ): void {
    const ev =
      scope.event === undefined ? "" : `\`${scope.event}\`${scope.variant ? ` (variant \`${scope.variant}\`)` : ""}`;
    const of = scope.event !== undefined ? ` of ${ev}` : " of the envelope";
    const from = scope.event !== undefined ? ` from ${ev}` : " from the envelope";
    const to = scope.event !== undefined ? ` to ${ev}` : " to the envelope";
    const b = new Map(before.map((f) => [f.name, f]));
    const a = new Map(after.map((f) => [f.name, f]));
    const added = new Set([...a.keys()].filter((n) => !b.has(n)).sort());
    const stillRead = (field: string) => (alert: string) => {
      const decl = this.alertsAfter.byName.get(alert);
      return (
        decl !== undefined &&
        (scope.event === undefined || decl.events.includes(scope.event)) &&
        decl.fields.includes(field)
      );
    };

    for (const name of [...b.keys()].filter((n) => !a.has(n)).sort()) {
      const f = b.get(name)!;
      const at = { ...scope, field: name };
      const alerts = alertsFor(name);
      const dep = f.deprecation;
      const target = dep?.renamed_to;
      if (dep) {
        // As for events: a rename when `renamed_to` is a field of the new version, else a retirement.
        const renamed = target !== undefined && a.has(target);
        if (renamed) added.delete(target);
        this.renamedOrRetired(
          renamed ? "field-renamed" : "field-removed-deprecated",
          at,
          alerts,
          renamed
            ? `field \`${name}\`${of} renamed to \`${target}\` (documented by its deprecation record)`
            : `field \`${name}\` removed${from} after its deprecation${removalNote(dep, "which is not a field any more")}`,
          stillRead(name),
        );
        continue;
      }
      const twin = closest(
        name,
        [...added].filter((n) => a.get(n)!.required === f.required && jsonEqual(a.get(n)!.schema, f.schema)),
      );
      if (twin !== undefined) {
        added.delete(twin);
        this.add("field-renamed-undocumented", at, {
          message: `field \`${name}\` removed${from}, and \`${twin}\` (same type) added: a rename without a deprecation record`,
          fix: `keep \`${name}\` beside \`${twin}\` (log both) and mark it \`.meta({ deprecation: { renamed_to: "${twin}" } })\`; remove it in a later release`,
          alerts,
        });
        continue;
      }
      this.add("field-removed", at, {
        message: `field \`${name}\` removed${from}`,
        fix: 'keep it and mark it `.meta({ deprecation: { renamed_to: "<new field>" } })` first (or `{ reason }` when nothing replaces it); remove it in a later release',
        alerts,
      });
    }

    for (const name of added) {
      const f = a.get(name)!;
      const at = { ...scope, field: name };
      if (f.required) {
        this.add("field-added-required", at, {
          message: `required field \`${name}\` added${to}`,
          fix: "add it as optional (`.optional()`); once every producer sends it and old lines without it have aged out of the store, make it required and accept that with --allow-breaking",
        });
      } else {
        this.add("field-added-optional", at, { message: `optional field \`${name}\` added${to}` });
      }
    }

    for (const name of [...b.keys()].filter((n) => a.has(n)).sort()) {
      this.compareField(b.get(name)!, a.get(name)!, { ...scope, field: name }, of, alertsFor);
    }
  }

  private compareField(
    f0: FieldLike,
    f1: FieldLike,
    scope: Scope & { field: string },
    of: string,
    alertsFor: (field: string) => string[],
  ): void {
    const name = f0.name;
    const what = `field \`${name}\`${of}`;
    const alerts = alertsFor(name);
    if (f0.required && !f1.required) {
      this.add("field-made-optional", scope, {
        message: `${what} changed from required to optional`,
        fix: "keep it required; for the case where it is absent, log another event",
        alerts,
      });
    } else if (!f0.required && f1.required) {
      this.add("field-made-required", scope, {
        message: `${what} changed from optional to required`,
        fix: "keep it optional; once every producer sends it and old lines without it have aged out of the store, accept this with --allow-breaking",
      });
    }

    for (const finding of compareSchemas(f0.schema, f1.schema)) {
      const path = `${name}${finding.path}`;
      const at = { ...scope, field: path };
      const target = finding.path ? `field \`${path}\`${of}` : what;
      const info = RULES[finding.rule];
      const fix = SCHEMA_FIXES[finding.rule];
      this.add(finding.rule, at, {
        message: nestedMessage(finding.rule, target, finding.detail, of, path),
        ...(fix ? { fix } : {}),
        ...(info.severity !== "safe" ? { alerts: alertsFor(path) } : {}),
      });
    }

    if (f0.unit !== f1.unit) {
      if (f0.unit !== undefined && f1.unit !== undefined) {
        this.add("unit-changed", scope, {
          message: `unit of ${what} changed from ${f0.unit} to ${f1.unit}`,
          fix: "keep the unit; add a new field named for the new unit and deprecate this one with `renamed_to`",
          alerts,
        });
      } else {
        this.add("unit-annotation-changed", scope, {
          message:
            f1.unit !== undefined
              ? `unit ${f1.unit} declared on ${what}`
              : `unit declaration (${f0.unit}) removed from ${what}`,
        });
      }
    }
    const s0 = Boolean(f0.sensitive);
    const s1 = Boolean(f1.sensitive);
    if (!s0 && s1)
      this.add("sensitivity-added", scope, {
        message: `${what} is now sensitive (redaction may replace its value)`,
        alerts,
      });
    if (s0 && !s1) this.add("sensitivity-removed", scope, { message: `${what} is no longer sensitive` });

    this.compareMeta(scope, what, f0, f1, alerts);
    if (!sameExamples(f0, f1)) this.add("examples-changed", scope, { message: `examples of ${what} changed` });
  }

  // ── families and alerts ───────────────────────────────────────────────────

  private compareFamilies(): void {
    const byName = (ir: RegistryIR) => new Map(ir.families.map((f) => [f.name, f]));
    const b = byName(this.before);
    const a = byName(this.after);
    for (const [name, f0] of b) {
      const f1 = a.get(name);
      if (!f1) continue; // its events are reported one by one
      const scope = {
        family: name,
        file: f1.source.file,
        export: f1.source.export,
        experimental: f0.stability === "experimental",
      };
      if (f0.loki.selector !== f1.loki.selector) {
        this.add("loki-selector-changed", scope, {
          message: `Loki selector of family \`${name}\` changed from \`${f0.loki.selector}\` to \`${f1.loki.selector}\``,
          fix: "change the selector only together with the stream labels the service ships with; update dashboards that select the old stream",
          alerts: this.alertsBefore.select((x) => x.family.name === name),
        });
      }
      this.compareMeta(scope, `family \`${name}\``, f0, f1, []);
      if ((f0.owner ?? "") !== (f1.owner ?? ""))
        this.add("family-metadata-changed", scope, {
          message: `owner of family \`${name}\` changed from ${f0.owner ?? "none"} to ${f1.owner ?? "none"}`,
        });
      if (!jsonEqual(f0.transitions, f1.transitions))
        this.add("family-metadata-changed", scope, { message: `lifecycle transitions of family \`${name}\` changed` });
    }

    for (const [alert, d0] of this.alertsBefore.byName) {
      const d1 = this.alertsAfter.byName.get(alert);
      const home = d1?.family ?? d0.family;
      const scope = { family: home.name, file: home.source.file, export: home.source.export };
      if (!d1)
        this.add("alert-removed", scope, {
          alert,
          message: `alert \`${alert}\` of family \`${d0.family.name}\` removed`,
        });
      else if (!jsonEqual(declared(d0.alert), declared(d1.alert)))
        this.add("alert-changed", scope, {
          alert,
          message: `alert \`${alert}\` of family \`${d1.family.name}\` changed`,
        });
    }
    for (const [alert, d1] of this.alertsAfter.byName) {
      if (this.alertsBefore.byName.has(alert)) continue;
      this.add(
        "alert-added",
        { family: d1.family.name, file: d1.family.source.file, export: d1.family.source.export },
        { alert, message: `alert \`${alert}\` added to family \`${d1.family.name}\`` },
      );
    }
  }

  // ── helpers ───────────────────────────────────────────────────────────────

  /**
   * A documented rename or a removal after deprecation: a warning, unless a declared alert
   * read the old name and the same alert in the new registry still does (its rule in
   * production would go silent) — then breaking.
   */
  private renamedOrRetired(
    rule: RuleId,
    scope: Scope & { field?: string },
    alerts: string[],
    message: string,
    stillReads: (alert: string) => boolean,
  ): void {
    const stale = alerts.filter(stillReads);
    const followed = alerts.filter((x) => !stale.includes(x));
    const notes = [
      ...(stale.length
        ? [
            `alert${stale.length > 1 ? "s" : ""} ${stale.join(", ")} still read${stale.length > 1 ? "" : "s"} the old name`,
          ]
        : []),
      ...(followed.length
        ? [
            `alert${followed.length > 1 ? "s" : ""} ${followed.join(", ")} no longer read${followed.length > 1 ? "" : "s"} it: deploy the regenerated rules with the producers`,
          ]
        : []),
    ];
    this.add(rule, scope, {
      message: `${message}${notes.length ? `; ${notes.join("; ")}` : ""}`,
      ...(stale.length
        ? {
            fix: "update the alert to the new name in the same change (then run `logpact gen`)",
            severity: "breaking" as const,
          }
        : {}),
      alerts,
      noExperimentalDowngrade: stale.length > 0,
    });
  }

  private add(
    rule: RuleId,
    scope: Scope & { field?: string },
    c: {
      message: string;
      fix?: string;
      alerts?: readonly string[];
      alert?: string;
      severity?: ChangeSeverity;
      noExperimentalDowngrade?: boolean;
    },
  ): void {
    let severity = c.severity ?? RULES[rule].severity;
    let message = c.message;
    const alerts = severity === "safe" ? [] : [...(c.alerts ?? [])];
    if (alerts.length) message += ` (used by alert${alerts.length > 1 ? "s" : ""} ${alerts.join(", ")})`;
    // An experimental event promised nothing — unless an alert depends on it.
    if (severity === "breaking" && scope.experimental && !alerts.length && !c.noExperimentalDowngrade) {
      severity = "warning";
      message += " (experimental: no compatibility promise)";
    }
    this.changes.push({
      rule,
      severity,
      family: scope.family,
      ...(scope.event !== undefined ? { event: scope.event } : {}),
      ...(scope.field !== undefined ? { field: scope.field } : {}),
      ...(c.alert !== undefined ? { alert: c.alert } : {}),
      message,
      ...(c.fix !== undefined && severity !== "safe" ? { fix: c.fix } : {}),
      ...(alerts.length ? { alerts } : {}),
      ...(scope.file !== undefined ? { file: scope.file } : {}),
      ...(scope.export !== undefined ? { export: scope.export } : {}),
    });
  }

  /** Scope of an event: its family and source (the working tree's when it still exists). */
  private scopeOf(event: string): Scope {
    const now = this.eventsAfter.get(event);
    const then = this.eventsBefore.get(event);
    const home = (now ?? then)!.family;
    const experimental =
      then !== undefined && (then.event.stability === "experimental" || then.family.stability === "experimental");
    return { family: home.name, event, file: home.source.file, export: home.source.export, experimental };
  }
}

const SCHEMA_FIXES: Partial<Record<RuleId, string>> = {
  "type-changed": "add a new field with the new type and deprecate this one with `renamed_to`",
  "type-narrowed": "keep the wider type; validate the narrower one in the producer",
  "nullable-removed": "keep `.nullable()`; old lines carry null",
  "enum-member-removed": "keep the value in the enum and stop emitting it; remove it once old lines have aged out",
  "enum-member-added":
    "check consumers that switch over every value (dashboards with fixed legends, exhaustive `switch`es)",
  "constraint-tightened": "keep the old constraint; enforce the tighter one in the producer",
  "schema-changed": "check that every value the old schema allowed is still allowed, then pass --allow-breaking",
  "field-removed": "keep it and mark it deprecated first; remove it in a later release",
  "field-added-required":
    "add it as optional; require it (with --allow-breaking) once old lines without it have aged out",
  "field-made-required": "keep it optional; accept this with --allow-breaking once old lines without it have aged out",
  "field-made-optional": "keep it required",
};

/**
 * What a removal's message adds from the deprecation record when it documents no rename
 * into the new registry: the `renamed_to` that leads nowhere (`gone` says why), or the reason.
 */
function removalNote(dep: Deprecation, gone: string): string {
  if (dep.renamed_to !== undefined) return `; its \`renamed_to\` names \`${dep.renamed_to}\`, ${gone}`;
  return dep.reason ? ` (${dep.reason})` : "";
}

function nestedMessage(rule: RuleId, target: string, detail: string, of: string, path: string): string {
  switch (rule) {
    case "field-removed":
      return `field \`${path}\` removed${of.replace(" of ", " from ")}`;
    case "field-added-required":
      return `required field \`${path}\` added${of.replace(" of ", " to ")}`;
    case "field-added-optional":
      return `optional field \`${path}\` added${of.replace(" of ", " to ")}`;
    case "field-made-required":
      return `${target} changed from optional to required`;
    case "field-made-optional":
      return `${target} changed from required to optional`;
    case "type-changed":
      return `type of ${target} changed: ${detail}`;
    case "type-narrowed":
      return `type of ${target} narrowed: ${detail}`;
    case "type-widened":
      return `type of ${target} widened: ${detail}`;
    case "nullable-removed":
      return `${target} no longer allows null`;
    case "nullable-added":
      return `${target} now allows null`;
    case "enum-member-removed":
    case "enum-member-added":
      return `${target}: ${detail}`;
    case "constraint-tightened":
      return `${target}: constraint tightened (${detail})`;
    case "constraint-loosened":
      return `${target}: constraint loosened (${detail})`;
    default:
      return `${target}: schema changed in a way logpact does not compare (${detail})`;
  }
}

function locate(ir: RegistryIR): Map<string, Located> {
  const out = new Map<string, Located>();
  for (const family of ir.families)
    for (const event of family.events) if (!out.has(event.name)) out.set(event.name, { event, family });
  return out;
}

/** What makes two events "the same but renamed": their fields, types and required-ness. */
function signature(fields: readonly FieldLike[]): unknown {
  return fields.map((f) => ({ name: f.name, required: f.required, schema: f.schema }));
}

/** The candidate whose name is closest to `name` (case and `_` ignored); ties go to the first alphabetically. */
function closest(name: string, candidates: readonly string[]): string | undefined {
  const norm = (s: string) => s.toLowerCase().replaceAll("_", "");
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of [...candidates].sort()) {
    const d = editDistance(norm(name), norm(c));
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

/** An alert as declared, without its resolved form: a changed declaration is what `alert-changed` reports. */
function declared(alert: AlertIR): AlertDecl {
  const { resolved: _r, ...decl } = alert;
  return decl as AlertDecl;
}
