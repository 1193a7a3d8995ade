/**
 * The alert error catalogue, case by case: each row declares one alert that breaks one
 * rule (against the `shop.order` fixture unless it brings its own modules) and expects
 * that diagnostic, at that place, through the same build + checks path as `logpact gen`.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { UserConfig } from "../../generator/config/schema.js";
import type { Diagnostic } from "../../generator/errors.js";
import { checkAlerts } from "../../generator/registry/alerts.js";
import type { FieldFilter } from "../../generator/registry/meta.js";
import { bundledIr, irFrom, type ModuleMap } from "../helpers/registry.js";
import { BillingFamily, alert, shopFamily } from "./fixtures.js";

interface Case {
  /** Alerts on shop.order (ignored when `modules` is given). */
  alerts?: readonly unknown[];
  familyMeta?: Record<string, unknown>;
  modules?: ModuleMap;
  config?: UserConfig;
  want: Partial<Diagnostic> & { code: string };
  /** Substrings of the message or the fix. */
  says?: readonly string[];
}

const SHOP = { file: "schemas/shop.ts", family: "shop.order" } as const;

/** A one-event family whose field names only pass with conventions off. */
function oddModules(fields: Record<string, z.ZodType>, alerts: readonly unknown[]): ModuleMap {
  const Odd = z
    .discriminatedUnion("event", [
      z.strictObject({ event: z.literal("odd.thing.seen"), ...fields }).meta({ level: "info", description: "d" }),
    ])
    .meta({ family: "odd.thing", description: "d", alerts: alerts as never });
  return { "schemas/odd.ts": { OddLog: Odd } };
}
/** A threshold alert on `placed` lines with one filter: the rows on filters vary only the filter. */
const placedWhere = (where: FieldFilter) =>
  alert({ kind: "threshold", event: "placed", where: [where], window: "5m", op: ">", value: 0 });
const OFF: UserConfig = { conventions: { fieldNames: "off", unitSuffixes: false, descriptions: "off" } };

const cases: [string, Case][] = [
  // ---- events
  [
    "an unknown event (with a suggestion)",
    {
      alerts: [alert({ kind: "threshold", event: "plced", window: "5m", op: ">", value: 0 })],
      want: { code: "LP_ALERT_EVENT_UNKNOWN", ...SHOP },
      says: ['event "plced" is not an event of "shop.order"', 'Did you mean "placed"?'],
    },
  ],
  [
    "an event of another family",
    {
      alerts: [alert({ kind: "threshold", event: "billing.invoice.sent", window: "5m", op: ">", value: 0 })],
      want: { code: "LP_ALERT_EVENT_UNKNOWN", ...SHOP },
      says: ['belongs to family "billing.invoice"', "its own family"],
    },
  ],
  [
    "an unknown event in a ratio's denominator",
    {
      alerts: [
        alert({
          kind: "ratio",
          numerator: "failed",
          denominator: ["paid", "payed"],
          window: "5m",
          op: ">",
          value: 0.1,
        }),
      ],
      want: { code: "LP_ALERT_EVENT_UNKNOWN", ...SHOP },
      says: ['denominator "payed"'],
    },
  ],
  [
    "the same event listed twice (short and full name)",
    {
      alerts: [alert({ kind: "threshold", event: ["paid", "shop.order.paid"], window: "5m", op: ">", value: 0 })],
      want: { code: "LP_ALERT_EVENT_DUPLICATE", ...SHOP, event: "shop.order.paid" },
    },
  ],
  [
    "a deprecated event (warning)",
    {
      alerts: [alert({ kind: "absent", event: "legacy_paid", window: "5m" })],
      want: { code: "LP_ALERT_EVENT_DEPRECATED", severity: "warning", ...SHOP, event: "shop.order.legacy_paid" },
      says: ['renamed to "shop.order.paid"'],
    },
  ],
  [
    "two alerts with one name",
    {
      alerts: [
        alert({ kind: "absent", event: "tick", window: "5m" }),
        alert({ kind: "absent", event: "paid", window: "5m" }),
      ],
      want: { code: "LP_ALERT_DUPLICATE_NAME", ...SHOP },
      says: ['alert "ShopAlert" is declared twice'],
    },
  ],
  // ---- fields
  [
    "a filter on an unknown field (with a suggestion)",
    {
      alerts: [placedWhere({ field: "amout_usd", op: ">", value: 1 })],
      want: { code: "LP_ALERT_FIELD_UNKNOWN", ...SHOP, event: "shop.order.placed", field: "amout_usd" },
      says: ['Did you mean "amount_usd"?'],
    },
  ],
  [
    "grouping by a field one of several events lacks",
    {
      alerts: [
        alert({ kind: "threshold", event: ["placed", "cancelled"], by: ["region"], window: "5m", op: ">", value: 0 }),
      ],
      want: { code: "LP_ALERT_FIELD_UNKNOWN", ...SHOP, event: "shop.order.cancelled", field: "region" },
      says: ['is a field of "shop.order.placed" but not of "shop.order.cancelled"', "watch only events that carry it"],
    },
  ],
  [
    "a ratio grouped by a field only the numerator has",
    {
      alerts: [
        alert({
          kind: "ratio",
          numerator: "placed",
          denominator: "cancelled",
          by: ["region"],
          window: "5m",
          op: ">",
          value: 0.5,
        }),
      ],
      want: { code: "LP_ALERT_FIELD_UNKNOWN", ...SHOP, event: "shop.order.cancelled", field: "region" },
    },
  ],
  [
    "a nested path with a wrong key",
    {
      alerts: [placedWhere({ field: "customer.tierr", op: "==", value: "pro" })],
      want: { code: "LP_ALERT_FIELD_UNKNOWN", ...SHOP, event: "shop.order.placed", field: "customer.tierr" },
      says: ['has no property "tierr"', 'Did you mean "tier"?'],
    },
  ],
  [
    "a nested path into a non-object",
    {
      alerts: [placedWhere({ field: "region.code", op: "==", value: "x" })],
      want: { code: "LP_ALERT_FIELD_UNKNOWN", field: "region.code" },
      says: ["not an object"],
    },
  ],
  [
    "a quantile of a string field",
    {
      alerts: [
        alert({ kind: "quantile", event: "failed", field: "reason", quantile: 0.9, window: "5m", op: ">", value: 1 }),
      ],
      want: { code: "LP_ALERT_FIELD_NOT_NUMERIC", ...SHOP, event: "shop.order.failed", field: "reason" },
      says: ["`| unwrap` needs a number"],
    },
  ],
  [
    "an ordering comparison on an enum of strings",
    {
      alerts: [placedWhere({ field: "region", op: ">", value: "eu" })],
      want: { code: "LP_ALERT_FIELD_NOT_NUMERIC", event: "shop.order.placed", field: "region" },
    },
  ],
  [
    "an ordering comparison with a string value",
    {
      alerts: [placedWhere({ field: "items", op: ">=", value: "5" })],
      want: { code: "LP_ALERT_VALUE_TYPE", field: "items" },
      says: ["must be a number"],
    },
  ],
  [
    "a string value for a number field",
    {
      alerts: [placedWhere({ field: "items", op: "==", value: "five" })],
      want: { code: "LP_ALERT_VALUE_TYPE", field: "items" },
    },
  ],
  [
    "a fraction for an integer field",
    {
      alerts: [placedWhere({ field: "items", op: "==", value: 1.5 })],
      want: { code: "LP_ALERT_VALUE_TYPE", field: "items" },
      says: ["the value is a number"],
    },
  ],
  [
    "a string value for a boolean field",
    {
      alerts: [placedWhere({ field: "express", op: "==", value: "yes" })],
      want: { code: "LP_ALERT_VALUE_TYPE", field: "express" },
    },
  ],
  [
    "a value outside a string enum",
    {
      alerts: [placedWhere({ field: "region", op: "==", value: "asia" })],
      want: { code: "LP_ALERT_ENUM_VALUE", ...SHOP, event: "shop.order.placed", field: "region" },
      says: ['"asia" is not a member', '"eu" | "us"'],
    },
  ],
  [
    "a value outside a numeric literal union",
    {
      alerts: [placedWhere({ field: "priority", op: "!=", value: 4 })],
      want: { code: "LP_ALERT_ENUM_VALUE", field: "priority" },
      says: ["always matches"],
    },
  ],
  [
    "a value outside a nested enum",
    {
      alerts: [placedWhere({ field: "customer.tier", op: "==", value: "enterprise" })],
      want: { code: "LP_ALERT_ENUM_VALUE", field: "customer.tier" },
    },
  ],
  [
    "grouping by an object field",
    {
      alerts: [alert({ kind: "threshold", event: "placed", by: ["customer"], window: "5m", op: ">", value: 0 })],
      want: { code: "LP_ALERT_FIELD_NOT_SCALAR", event: "shop.order.placed", field: "customer" },
      says: ["customer.<key>"],
    },
  ],
  [
    "a filter on an array field",
    {
      alerts: [placedWhere({ field: "tags", op: "==", value: "x" })],
      want: { code: "LP_ALERT_FIELD_NOT_SCALAR", field: "tags" },
    },
  ],
  [
    "grouping by a sensitive field",
    {
      alerts: [alert({ kind: "threshold", event: "placed", by: ["email"], window: "5m", op: ">", value: 0 })],
      want: { code: "LP_ALERT_SENSITIVE_LABEL", ...SHOP, event: "shop.order.placed", field: "email" },
      says: ["pii"],
    },
  ],
  [
    "a field name a LogQL json expression cannot address",
    {
      modules: oddModules({ 'say"hi': z.string() }, [
        alert({ kind: "threshold", event: "seen", by: ['say"hi'], window: "5m", op: ">", value: 0 }),
      ]),
      config: OFF,
      want: { code: "LP_ALERT_FIELD_PATH", file: "schemas/odd.ts", family: "odd.thing", field: 'say"hi' },
    },
  ],
  [
    "two fields that land on one Loki label",
    {
      modules: oddModules({ "a-b": z.string(), a_b: z.string() }, [
        alert({ kind: "threshold", event: "seen", by: ["a-b", "a_b"], window: "5m", op: ">", value: 0 }),
      ]),
      config: OFF,
      want: { code: "LP_ALERT_LABEL_COLLISION", family: "odd.thing", field: "a_b" },
      says: ['fields "a-b" and "a_b"', 'Loki label "a_b"'],
    },
  ],
  // ---- templates
  [
    "an unclosed template action",
    {
      alerts: [
        alert({ kind: "threshold", event: "placed", window: "5m", op: ">", value: 0, summary: "{{ $value orders" }),
      ],
      want: { code: "LP_ALERT_TEMPLATE", ...SHOP },
      says: ["summary", "not closed"],
    },
  ],
  [
    "$labels naming a label the grouping does not carry (with a suggestion)",
    {
      alerts: [
        alert({
          kind: "threshold",
          event: "placed",
          by: ["region"],
          window: "5m",
          op: ">",
          value: 0,
          description: "in {{ $labels.regon }}",
        }),
      ],
      want: { code: "LP_ALERT_TEMPLATE_LABEL", ...SHOP },
      says: ["description uses {{ $labels.regon }}", 'Did you mean "region"?'],
    },
  ],
  [
    "$labels on an ungrouped alert",
    {
      alerts: [
        alert({
          kind: "ratio",
          numerator: "failed",
          denominator: "placed",
          window: "5m",
          op: ">",
          value: 0.5,
          summary: "{{ $labels.region }}",
        }),
      ],
      want: { code: "LP_ALERT_TEMPLATE_LABEL" },
      says: ["it carries no labels", 'add "region" to `by`'],
    },
  ],
  [
    "$labels on an absent alert naming a regex-matched stream label",
    {
      alerts: [alert({ kind: "absent", event: "tick", window: "5m", summary: "{{ $labels.env }}" })],
      want: { code: "LP_ALERT_TEMPLATE_LABEL" },
      says: ['it carries "app"'],
    },
  ],
  [
    "$labels naming a renamed label by its field name",
    {
      alerts: [
        alert({
          kind: "threshold",
          event: "placed",
          by: ["offset"],
          window: "5m",
          op: ">",
          value: 0,
          summary: "{{ $labels.offset }}",
        }),
      ],
      want: { code: "LP_ALERT_TEMPLATE_LABEL" },
      says: ['it carries "offset_extracted"'],
    },
  ],
  // ---- selector
  [
    "a selector without braces",
    {
      alerts: [alert({ kind: "absent", event: "tick", window: "5m" })],
      familyMeta: { loki: { selector: 'service_name="shop"' } },
      want: { code: "LP_ALERT_SELECTOR", ...SHOP },
      says: ["not a LogQL stream selector"],
    },
  ],
  [
    "a selector that matches every stream",
    {
      alerts: [alert({ kind: "absent", event: "tick", window: "5m" })],
      familyMeta: { loki: { selector: '{env=~".*", app!="x"}' } },
      want: { code: "LP_ALERT_SELECTOR", ...SHOP },
      says: ["no matcher that selects streams on its own"],
    },
  ],
  [
    "a config selector that is not a selector",
    {
      modules: {
        "schemas/billing.ts": {
          BillingLog: BillingFamily.meta({
            family: "billing.invoice",
            description: "d",
            alerts: [alert({ kind: "absent", event: "sent", window: "1h" })],
          }),
        },
      },
      config: { lokiSelector: "billing" },
      want: { code: "LP_ALERT_SELECTOR", file: "schemas/billing.ts", family: "billing.invoice" },
    },
  ],
  // ---- warnings
  [
    "a grouped count compared so that 0 would fire (warning)",
    {
      alerts: [alert({ kind: "threshold", event: "placed", by: ["region"], window: "5m", op: "<", value: 5 })],
      want: { code: "LP_ALERT_ZERO_UNSEEN", severity: "warning", ...SHOP },
    },
  ],
  // ---- shape (meta-schema.ts, reported as LP_META_INVALID)
  [
    "a fractional window",
    {
      alerts: [alert({ kind: "absent", event: "tick", window: "1.5m" as never })],
      want: { code: "LP_META_INVALID", ...SHOP },
      says: ["alerts.0.window", '"1.5m" is not a duration', '"1h30m"'],
    },
  ],
  [
    "a zero window",
    {
      alerts: [alert({ kind: "absent", event: "tick", window: "0s" })],
      want: { code: "LP_META_INVALID" },
      says: ["alerts.0.window", "longer than 0"],
    },
  ],
  [
    "a `for` that is not a duration",
    {
      alerts: [alert({ kind: "absent", event: "tick", window: "5m", for: "5 minutes" as never })],
      want: { code: "LP_META_INVALID" },
      says: ["alerts.0.for", "is not a duration"],
    },
  ],
  [
    "an unknown kind",
    {
      alerts: [{ ...alert({ kind: "absent", event: "tick", window: "5m" }), kind: "rate" }],
      want: { code: "LP_META_INVALID" },
      says: ["kind is one of threshold, ratio, quantile, absent"],
    },
  ],
  [
    "an unknown key (strict)",
    {
      alerts: [{ ...alert({ kind: "threshold", event: "placed", window: "5m", op: ">", value: 0 }), wher: [] }],
      want: { code: "LP_META_INVALID" },
      says: ['"wher"'],
    },
  ],
  [
    "a percentile written as 95",
    {
      alerts: [
        alert({ kind: "quantile", event: "paid", field: "duration_ms", quantile: 95, window: "5m", op: ">", value: 1 }),
      ],
      want: { code: "LP_META_INVALID" },
      says: ["alerts.0.quantile", "between 0 and 1"],
    },
  ],
  [
    "an unknown operator",
    {
      alerts: [alert({ kind: "threshold", event: "placed", window: "5m", op: "=>" as never, value: 0 })],
      want: { code: "LP_META_INVALID" },
      says: ["op is one of == != > >= < <="],
    },
  ],
  [
    "an unknown severity",
    {
      alerts: [alert({ kind: "absent", event: "tick", window: "5m", severity: "page" as never })],
      want: { code: "LP_META_INVALID" },
      says: ["severity is one of critical, warning, info"],
    },
  ],
  [
    "a label logpact sets itself",
    {
      alerts: [alert({ kind: "absent", event: "tick", window: "5m", labels: { severity: "page" } })],
      want: { code: "LP_META_INVALID" },
      says: ["alerts.0.labels", "cannot set alertname, family, severity"],
    },
  ],
  [
    "a runbook URL that is not http(s)",
    {
      alerts: [alert({ kind: "absent", event: "tick", window: "5m", runbook_url: "ftp://runbooks/x" })],
      want: { code: "LP_META_INVALID" },
      says: ["runbook_url is an http(s) URL"],
    },
  ],
  [
    "a negative count threshold",
    {
      alerts: [alert({ kind: "threshold", event: "placed", window: "5m", op: ">", value: -1 })],
      want: { code: "LP_META_INVALID" },
      says: ["never negative"],
    },
  ],
  [
    "an alert name that is not an identifier",
    {
      alerts: [alert({ kind: "absent", event: "tick", window: "5m", name: "Shop alert" })],
      want: { code: "LP_META_INVALID" },
      says: ["alerts.0.name", "identifiers"],
    },
  ],
  [
    "a field listed twice in by",
    {
      alerts: [
        alert({ kind: "threshold", event: "placed", by: ["region", "region"], window: "5m", op: ">", value: 0 }),
      ],
      want: { code: "LP_META_INVALID" },
      says: ["`by` lists a field twice"],
    },
  ],
  [
    "an empty event list",
    {
      alerts: [alert({ kind: "threshold", event: [], window: "5m", op: ">", value: 0 })],
      want: { code: "LP_META_INVALID" },
      says: ["alerts.0.event"],
    },
  ],
  [
    "a null filter value",
    {
      alerts: [placedWhere({ field: "region", op: "==", value: null as never })],
      want: { code: "LP_META_INVALID" },
      says: ["alerts.0.where.0.value", "a string, a finite number or a boolean"],
    },
  ],
];

function diagnosticsOf(c: Case): Diagnostic[] {
  const modules = c.modules ?? {
    "schemas/shop.ts": { ShopLog: shopFamily(c.alerts ?? [], c.familyMeta) },
    "schemas/billing.ts": { BillingLog: BillingFamily },
  };
  return irFrom(modules, c.config).diagnostics;
}

describe.each(cases)("%s", (_name, c) => {
  it(`reports ${c.want.code} at the right place`, () => {
    const diagnostics = diagnosticsOf(c);
    const match = diagnostics.find(
      (d) =>
        d.code === c.want.code &&
        (c.want.event === undefined || d.event === c.want.event) &&
        (c.want.field === undefined || d.field === c.want.field),
    );
    expect(
      match,
      `diagnostics were: ${JSON.stringify(
        diagnostics.map((d) => [d.code, d.event, d.field, d.message]),
        null,
        1,
      )}`,
    ).toBeDefined();
    expect(match).toMatchObject({ severity: "error", ...c.want });
    for (const text of c.says ?? []) expect(`${match!.message}\n${match!.fix}`).toContain(text);
    expect(match!.fix.length).toBeGreaterThan(5);
    if (
      c.want.code.startsWith("LP_ALERT_") &&
      match!.code !== "LP_ALERT_SELECTOR" &&
      match!.code !== "LP_ALERT_DUPLICATE_NAME"
    ) {
      expect(match!.message).toMatch(/^alert "[A-Za-z_]+": /);
    }
  });
});

describe("clean alerts", () => {
  it("the bundled families' alerts have no findings", async () => {
    expect(checkAlerts(await bundledIr())).toEqual([]);
  });
  it("every broken alert of a family is reported, not only the first", () => {
    const diagnostics = diagnosticsOf({
      alerts: [
        alert({ kind: "threshold", name: "One", event: "nope", window: "5m", op: ">", value: 0 }),
        alert({
          kind: "quantile",
          name: "Two",
          event: "failed",
          field: "reason",
          quantile: 0.5,
          window: "5m",
          op: ">",
          value: 1,
        }),
        alert({ kind: "absent", name: "Three", event: "tick", window: "5m", summary: "{{ $labels.nope }}" }),
      ],
      want: { code: "" },
    });
    expect(
      diagnostics.filter((d) => d.code.startsWith("LP_ALERT_")).map((d) => [d.code, d.message.split(":")[0]]),
    ).toEqual([
      ["LP_ALERT_EVENT_UNKNOWN", 'alert "One"'],
      ["LP_ALERT_FIELD_NOT_NUMERIC", 'alert "Two"'],
      ["LP_ALERT_TEMPLATE_LABEL", 'alert "Three"'],
    ]);
  });
});
