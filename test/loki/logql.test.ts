/**
 * Exact LogQL per alert kind: each row declares one alert on the `shop.order` fixture
 * and spells out, by hand, the expression the Loki target must produce. Every expected
 * expression is also parsed with Grafana's LogQL grammar.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { familyScope, resolveAlert, zeroFires } from "../../generator/registry/alerts.js";
import {
  LOGQL_KEYWORDS,
  jsonLabelName,
  labelConflict,
  parseDuration,
  parseSelector,
} from "../../generator/targets/loki/syntax.js";
import type { AlertDecl } from "../../generator/registry/meta.js";
import { alertExpr, jsonPath, lineFilterText, logqlString } from "../../generator/targets/loki/logql.js";
import { irFrom } from "../helpers/registry.js";
import { alert, logqlErrors, shopIr } from "./fixtures.js";

const SEL = '{app="shop", env=~"prod|staging"}';

function exprOf(decl: AlertDecl, opts: { lineFilter?: boolean; familyMeta?: Record<string, unknown> } = {}): string {
  const { ir, diagnostics } = shopIr([decl], opts.familyMeta ? { familyMeta: opts.familyMeta } : {});
  const errors = diagnostics.filter((d) => d.severity === "error");
  expect(errors, JSON.stringify(errors, null, 2)).toEqual([]);
  const family = ir.families.find((f) => f.name === "shop.order")!;
  const { scope } = familyScope(ir, family);
  const r = resolveAlert(scope!, decl);
  return alertExpr(r.alert!, { lineFilter: opts.lineFilter ?? true });
}

interface Case {
  given: AlertDecl;
  lineFilter?: boolean;
  familyMeta?: Record<string, unknown>;
  want: string;
}

const cases: [string, Case][] = [
  [
    "threshold: one event, no filter, no grouping",
    {
      given: alert({ kind: "threshold", event: "shop.order.failed", window: "5m", op: ">", value: 3 }),
      want: `sum(count_over_time(${SEL} |= "shop.order.failed" | json event="event" | event="shop.order.failed" | __error__="" [5m])) > 3`,
    },
  ],
  [
    "threshold: short event name, numeric filter, grouped by an enum",
    {
      given: alert({
        kind: "threshold",
        event: "placed",
        where: [{ field: "items", op: ">=", value: 5 }],
        window: "10m",
        by: ["region"],
        op: ">",
        value: 0,
      }),
      want: `sum by (region) (count_over_time(${SEL} |= "shop.order.placed" | json event="event", items="items", region="region" | event="shop.order.placed" | items >= 5 | __error__="" [10m])) > 0`,
    },
  ],
  [
    "threshold: several events share the line filter's common prefix",
    {
      given: alert({
        kind: "threshold",
        event: ["placed", "paid"],
        where: [{ field: "region", op: "==", value: "eu" }],
        window: "1h",
        op: ">=",
        value: 100,
      }),
      want: `sum(count_over_time(${SEL} |= "shop.order.p" | json event="event", region="region" | event="shop.order.placed" or event="shop.order.paid" | region="eu" | __error__="" [1h])) >= 100`,
    },
  ],
  [
    "threshold: a condition true at 0 fills in 0 when ungrouped",
    {
      given: alert({ kind: "threshold", event: "tick", window: "2m", op: "<", value: 1 }),
      want: `(sum(count_over_time(${SEL} |= "shop.order.tick" | json event="event" | event="shop.order.tick" | __error__="" [2m])) or vector(0)) < 1`,
    },
  ],
  [
    "threshold: nested path, boolean, enum !=, grouped by a nested field",
    {
      given: alert({
        kind: "threshold",
        event: "placed",
        where: [
          { field: "customer.tier", op: "==", value: "pro" },
          { field: "express", op: "==", value: true },
          { field: "region", op: "!=", value: "us" },
        ],
        window: "15m",
        by: ["customer.country"],
        op: ">",
        value: 10,
        summary: "{{ $labels.customer_country }}: {{ $value }} express pro orders",
      }),
      want: `sum by (customer_country) (count_over_time(${SEL} |= "shop.order.placed" | json event="event", customer_country="customer.country", customer_tier="customer.tier", express="express", region="region" | event="shop.order.placed" | customer_tier="pro" | express="true" | region!="us" | __error__="" [15m])) > 10`,
    },
  ],
  [
    "threshold: a keyword field and a stream-label field get `_extracted` labels",
    {
      given: alert({
        kind: "threshold",
        event: "placed",
        where: [{ field: "offset", op: ">", value: 100 }],
        window: "5m",
        by: ["app"],
        op: ">",
        value: 0,
        summary: "{{ $labels.app_extracted }}",
      }),
      want: `sum by (app_extracted) (count_over_time(${SEL} |= "shop.order.placed" | json event="event", app_extracted="app", offset_extracted="offset" | event="shop.order.placed" | offset_extracted > 100 | __error__="" [5m])) > 0`,
    },
  ],
  [
    "threshold: string values are escaped for LogQL",
    {
      given: alert({
        kind: "threshold",
        event: "failed",
        where: [{ field: "reason", op: "==", value: 'quota "hard" limit\\path\n' }],
        window: "5m",
        op: ">",
        value: 0,
      }),
      want: `sum(count_over_time(${SEL} |= "shop.order.failed" | json event="event", reason="reason" | event="shop.order.failed" | reason="quota \\"hard\\" limit\\\\path\\n" | __error__="" [5m])) > 0`,
    },
  ],
  [
    "threshold: numeric enum (literal union) compared with ==",
    {
      given: alert({
        kind: "threshold",
        event: "placed",
        where: [{ field: "priority", op: "==", value: 1 }],
        window: "5m",
        op: ">",
        value: 20,
      }),
      want: `sum(count_over_time(${SEL} |= "shop.order.placed" | json event="event", priority="priority" | event="shop.order.placed" | priority == 1 | __error__="" [5m])) > 20`,
    },
  ],
  [
    "threshold: without the line filter",
    {
      given: alert({ kind: "threshold", event: "failed", window: "5m", op: ">", value: 3 }),
      lineFilter: false,
      want: `sum(count_over_time(${SEL} | json event="event" | event="shop.order.failed" | __error__="" [5m])) > 3`,
    },
  ],
  [
    "threshold: a selector with an `event` stream label moves the event label aside",
    {
      given: alert({ kind: "threshold", event: "failed", window: "5m", op: ">", value: 3 }),
      familyMeta: { loki: { selector: '{app="shop", event="orders"}' } },
      want: `sum(count_over_time({app="shop", event="orders"} |= "shop.order.failed" | json event_extracted="event" | event_extracted="shop.order.failed" | __error__="" [5m])) > 3`,
    },
  ],
  [
    "ratio: failures over outcomes, grouped",
    {
      given: alert({
        kind: "ratio",
        numerator: "failed",
        denominator: ["paid", "failed"],
        window: "15m",
        by: ["region"],
        op: ">",
        value: 0.1,
        summary: "{{ $labels.region }} fails {{ $value }}",
      }),
      want:
        `(sum by (region) (count_over_time(${SEL} |= "shop.order.failed" | json event="event", region="region" | event="shop.order.failed" | __error__="" [15m]))` +
        ` / sum by (region) (count_over_time(${SEL} |= "shop.order." | json event="event", region="region" | event="shop.order.paid" or event="shop.order.failed" | __error__="" [15m]))) > 0.1`,
    },
  ],
  [
    "ratio: a condition true at 0 counts a missing numerator as 0",
    {
      given: alert({
        kind: "ratio",
        numerator: ["paid"],
        denominator: "placed",
        where: [{ field: "region", op: "==", value: "eu" }],
        window: "30m",
        op: "<",
        value: 0.5,
      }),
      want:
        `((sum(count_over_time(${SEL} |= "shop.order.paid" | json event="event", region="region" | event="shop.order.paid" | region="eu" | __error__="" [30m]))` +
        ` or sum(count_over_time(${SEL} |= "shop.order.placed" | json event="event", region="region" | event="shop.order.placed" | region="eu" | __error__="" [30m])) * 0)` +
        ` / sum(count_over_time(${SEL} |= "shop.order.placed" | json event="event", region="region" | event="shop.order.placed" | region="eu" | __error__="" [30m]))) < 0.5`,
    },
  ],
  [
    "quantile: p99 of a duration, grouped",
    {
      given: alert({
        kind: "quantile",
        event: "paid",
        field: "duration_ms",
        quantile: 0.99,
        window: "1h",
        by: ["region"],
        op: ">",
        value: 5000,
      }),
      want: `quantile_over_time(0.99, ${SEL} |= "shop.order.paid" | json event="event", duration_ms="duration_ms", region="region" | event="shop.order.paid" | unwrap duration_ms | __error__="" [1h]) by (region) > 5000`,
    },
  ],
  [
    "quantile: fleet-wide (by ()) median with a filter",
    {
      given: alert({
        kind: "quantile",
        event: "placed",
        field: "amount_usd",
        quantile: 0.5,
        where: [{ field: "priority", op: "==", value: 1 }],
        window: "30m",
        op: ">=",
        value: 250.5,
      }),
      want: `quantile_over_time(0.5, ${SEL} |= "shop.order.placed" | json event="event", amount_usd="amount_usd", priority="priority" | event="shop.order.placed" | priority == 1 | unwrap amount_usd | __error__="" [30m]) by () >= 250.5`,
    },
  ],
  [
    "absent: a heartbeat",
    {
      given: alert({ kind: "absent", event: "tick", window: "10m", summary: "No tick from {{ $labels.app }}" }),
      want: `absent_over_time(${SEL} |= "shop.order.tick" | json event="event" | event="shop.order.tick" | __error__="" [10m])`,
    },
  ],
  [
    "absent: filtered on an envelope field",
    {
      given: alert({
        kind: "absent",
        event: "placed",
        where: [{ field: "hostname", op: "==", value: "web-1" }],
        window: "1h30m",
      }),
      want: `absent_over_time(${SEL} |= "shop.order.placed" | json event="event", hostname="hostname" | event="shop.order.placed" | hostname="web-1" | __error__="" [1h30m])`,
    },
  ],
];

describe.each(cases)("%s", (_name, { given, lineFilter, familyMeta, want }) => {
  it("renders exactly the expected LogQL", () => {
    expect(
      exprOf(given, { ...(lineFilter !== undefined ? { lineFilter } : {}), ...(familyMeta ? { familyMeta } : {}) }),
    ).toBe(want);
  });
  it("which Grafana's LogQL grammar parses without error nodes", () => {
    expect(logqlErrors(want)).toEqual([]);
  });
});

describe("field names Loki's json parser would rename (conventions.fieldNames: off)", () => {
  const Odd = z
    .discriminatedUnion("event", [
      z
        .strictObject({
          event: z.literal("odd.thing.seen"),
          "http.status": z.number().int().meta({ description: "d" }),
          "2xx_count": z.number().int().meta({ description: "d" }),
          "user-agent": z.string().meta({ description: "d" }),
        })
        .meta({ level: "info", description: "d" }),
    ])
    .meta({
      family: "odd.thing",
      description: "d",
      alerts: [
        {
          kind: "threshold",
          name: "Odd",
          event: "seen",
          where: [
            { field: "http.status", op: ">=", value: 500 },
            { field: "2xx_count", op: "<", value: 1 },
          ],
          by: ["user-agent"],
          window: "5m",
          op: ">",
          value: 0,
          severity: "info",
          summary: "{{ $labels.user_agent }}",
        },
      ],
    });
  it("extracts them by bracket path into sanitised labels", () => {
    const { ir, diagnostics } = irFrom(
      { "schemas/odd.ts": { OddLog: Odd } },
      { conventions: { fieldNames: "off", unitSuffixes: false } },
    );
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const family = ir.families[0]!;
    const r = resolveAlert(familyScope(ir, family).scope!, family.alerts[0]!);
    const expr = alertExpr(r.alert!, { lineFilter: true });
    expect(expr).toBe(
      `sum by (user_agent) (count_over_time({service_name="odd"} |= "odd.thing.seen" | json event="event", _2xx_count="[\\"2xx_count\\"]", http_status="[\\"http.status\\"]", user_agent="[\\"user-agent\\"]" | event="odd.thing.seen" | http_status >= 500 | _2xx_count < 1 | __error__="" [5m])) > 0`,
    );
    expect(logqlErrors(expr)).toEqual([]);
  });
});

describe("building blocks", () => {
  it.each([
    ["5m", 300_000],
    ["0s", 0],
    ["1h30m", 5_400_000],
    ["500ms", 500],
    ["2d", 172_800_000],
    ["1w", 604_800_000],
    ["1y", 31_536_000_000],
    ["1.5m", undefined],
    ["30m1h", undefined],
    ["5", undefined],
    ["", undefined],
    ["5 m", undefined],
    ["-5m", undefined],
  ])("parseDuration(%j) = %j", (given, want) => expect(parseDuration(given)).toBe(want));

  it.each([
    ['{service_name="daemon"}', [{ name: "service_name", op: "=", value: "daemon" }]],
    [
      ' { a = "x" , b!~`y\\d+` , c=~"p|q", } ',
      [
        { name: "a", op: "=", value: "x" },
        { name: "b", op: "!~", value: "y\\d+" },
        { name: "c", op: "=~", value: "p|q" },
      ],
    ],
    ['{a="say \\"hi\\" \\u00e9"}', [{ name: "a", op: "=", value: 'say "hi" é' }]],
  ])("parseSelector(%j)", (given, want) => expect(parseSelector(given)).toEqual({ matchers: want }));

  it.each([
    ['service_name="daemon"', "does not start"],
    ['{service_name="daemon"', "missing the closing `}`"],
    ['{service_name="daemon",', "missing the closing `}`"],
    ['{1a="x"}', "expected a label name"],
    ['{service-name="daemon"}', "expected =, !=, =~ or !~"],
    ["{a=daemon}", "expected a quoted string"],
    ['{a="x" b="y"}', "expected `,` or `}`"],
    ['{a="x"} |= "y"', "text follows"],
    ['{a="\\q"}', "invalid escape"],
    ['{a="open}', "unterminated"],
  ])("parseSelector(%j) fails: %s", (given, want) => {
    const r = parseSelector(given);
    expect("error" in r && r.error).toContain(want);
  });

  it.each([
    [["attempt"], "attempt"],
    [["peer", "region"], "peer_region"],
    [["user-agent"], "user_agent"],
    [["2xx"], "_2xx"],
    [["a.b"], "a_b"],
  ])("jsonLabelName(%j) = %s (what Loki's | json would name it)", (keys, want) =>
    expect(jsonLabelName(keys)).toBe(want),
  );

  it.each([
    [["attempt"], "attempt"],
    [["peer", "region"], "peer.region"],
    [["user-agent"], '["user-agent"]'],
    [["peer", "x-y"], 'peer["x-y"]'],
  ])("jsonPath(%j) = %s", (keys, want) => expect(jsonPath(keys)).toBe(want));

  it.each([
    [["a.b.start", "a.b.stop"], "a.b.st"],
    [["a.b.c"], "a.b.c"],
    [["x.one", "y.two"], undefined],
    [['a.b."q"'], undefined],
  ])("lineFilterText(%j) = %j", (names, want) => expect(lineFilterText(names)).toBe(want));

  it.each([
    ["plain", '"plain"'],
    ['q"uote', '"q\\"uote"'],
    ["back\\slash", '"back\\\\slash"'],
    ["tab\tnew\nline", '"tab\\tnew\\nline"'],
    ["lone \uD800 surrogate", '"lone \uFFFD surrogate"'],
  ])("logqlString(%j) = %s", (given, want) => {
    expect(logqlString(given)).toBe(want);
    expect(logqlErrors(`{a=${logqlString(given)}}`)).toEqual([]);
  });

  it.each([
    [">", 0, false],
    [">=", 0, true],
    ["<", 1, true],
    ["<=", 0, true],
    ["==", 0, true],
    ["!=", 0, false],
    ["!=", 2, true],
    [">", -1, true],
  ] as const)("zeroFires(%s %d) = %s", (op, value, want) => expect(zeroFires(op, value)).toBe(want));
});

describe("LogQL keywords as field names", () => {
  // Words Grafana's grammar always lexes as keywords (the rest of LOGQL_KEYWORDS come from Loki's lexer).
  const GRAMMAR_KEYWORDS = [
    "json",
    "logfmt",
    "unpack",
    "pattern",
    "regexp",
    "label_format",
    "line_format",
    "label_replace",
    "vector",
    "offset",
    "bool",
    "on",
    "ignoring",
    "group_left",
    "group_right",
    "unwrap",
    "decolorize",
    "drop",
    "keep",
  ];

  it.each(GRAMMAR_KEYWORDS)("`%s` breaks a pipeline when used as a label as is", (kw) => {
    expect(LOGQL_KEYWORDS.has(kw)).toBe(true);
    expect(logqlErrors(`sum(count_over_time({a="b"} | json ${kw}="${kw}" | ${kw} > 1 [5m]))`)).not.toEqual([]);
  });

  it.each([...LOGQL_KEYWORDS].sort())(
    "a field named `%s` is extracted as `%s_extracted` and the query parses",
    (kw) => {
      const family = z
        .discriminatedUnion("event", [
          z
            .strictObject({ event: z.literal("kw.test.seen"), [kw]: z.number().int().meta({ description: "d" }) })
            .meta({ level: "info", description: "d" }),
        ])
        .meta({
          family: "kw.test",
          description: "d",
          alerts: [
            {
              kind: "threshold",
              name: "Kw",
              event: "seen",
              where: [{ field: kw, op: ">", value: 1 }],
              by: [kw],
              window: "5m",
              op: ">",
              value: 0,
              severity: "info",
              summary: `{{ $labels.${kw}_extracted }}`,
            },
          ],
        });
      const { ir, diagnostics } = irFrom({ "schemas/kw.ts": { KwLog: family } });
      expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      const f = ir.families[0]!;
      const expr = alertExpr(resolveAlert(familyScope(ir, f).scope!, f.alerts[0]!).alert!, { lineFilter: true });
      expect(expr).toContain(
        `| json event="event", ${kw}_extracted="${kw}" | event="kw.test.seen" | ${kw}_extracted > 1 |`,
      );
      expect(expr.startsWith(`sum by (${kw}_extracted) (`)).toBe(true);
      expect(logqlErrors(expr)).toEqual([]);
    },
  );

  it("matches keywords case-insensitively, as both lexers do", () => {
    expect(labelConflict("Offset", new Set())).toContain("keyword");
    expect(labelConflict("offsets", new Set())).toBeUndefined();
    expect(labelConflict("__name", new Set())).toContain("reserved");
    expect(labelConflict("app", new Set(["app"]))).toContain("stream label");
  });
});
