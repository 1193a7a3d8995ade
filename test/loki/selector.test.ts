/**
 * The default Loki stream selector of a family: the config's `lokiSelector` template, whose
 * `{service}` is the service the logger profile pins (pino `base: { service }`, or a child
 * binding, with one allowed value), else the family's first name segment. A family's own
 * selector and an explicit `lokiSelector` win. The fixture is a cart team's module, not ours.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { UserConfig } from "../../generator/config/schema.js";
import { fillSelector, parseSelector } from "../../generator/targets/loki/syntax.js";
import { irFrom } from "../helpers/registry.js";

const cartLog = (meta: Record<string, unknown> = {}) =>
  z
    .discriminatedUnion("event", [
      z
        .strictObject({
          event: z.literal("cart.item.added"),
          sku: z.string().meta({ description: "Stock keeping unit." }),
          quantity: z.number().int().positive().meta({ description: "Units added.", unit: "count" }),
        })
        .meta({ level: "info", description: "An item went into the cart." }),
      z
        .strictObject({ event: z.literal("cart.item.removed"), sku: z.string().meta({ description: "SKU." }) })
        .meta({ level: "info", description: "An item left the cart." }),
    ])
    .meta({
      family: "cart.item",
      description: "Cart contents.",
      alerts: [
        {
          kind: "threshold",
          name: "CartChurn",
          event: "removed",
          window: "10m",
          op: ">",
          value: 50,
          severity: "warning",
          summary: "churn",
        },
      ],
      ...meta,
    });

const selectorOf = (config: UserConfig, meta?: Record<string, unknown>) => {
  const { ir, diagnostics } = irFrom({ "src/cart/log-events.ts": { CartLog: cartLog(meta) } }, config);
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const family = ir.families[0]!;
  // The alert's resolved form carries the same selector the Loki target renders.
  expect(family.alerts[0]?.resolved?.selector).toBe(family.loki.selector);
  return family.loki.selector;
};

const service = (schema: Record<string, unknown>): UserConfig => ({ envelope: { base: { service: schema } } });

describe("the default selector of a family", () => {
  it.each<[string, { config: UserConfig; meta?: Record<string, unknown>; want: string }]>([
    ["no logger profile: the family's first name segment", { config: {}, want: '{service_name="cart"}' }],
    [
      "pino base { service } with its value: that service",
      { config: service({ type: "string", const: "checkout-api" }), want: '{service_name="checkout-api"}' },
    ],
    [
      "a one-member enum pins it too",
      { config: service({ enum: ["checkout-api"] }), want: '{service_name="checkout-api"}' },
    ],
    [
      "a child binding `service` with one value",
      {
        config: { envelope: { bindings: { service: { const: "checkout-api" } }, required: ["service"] } },
        want: '{service_name="checkout-api"}',
      },
    ],
    [
      "a service whose value is left open: the segment (logpact cannot know the name)",
      { config: service({ type: "string" }), want: '{service_name="cart"}' },
    ],
    [
      "several allowed values: the segment",
      { config: service({ enum: ["checkout-api", "checkout-worker"] }), want: '{service_name="cart"}' },
    ],
    [
      "an explicit lokiSelector wins, and may use {service} itself",
      {
        config: { ...service({ const: "checkout-api" }), lokiSelector: '{app="{root}", env="prod"}' },
        want: '{app="cart", env="prod"}',
      },
    ],
    [
      "{service} in an explicit template",
      {
        config: { ...service({ const: "checkout-api" }), lokiSelector: '{service="{service}", env="prod"}' },
        want: '{service="checkout-api", env="prod"}',
      },
    ],
    [
      "the family's own selector wins over both",
      {
        config: service({ const: "checkout-api" }),
        meta: { loki: { selector: '{namespace="shop", app="cart"}' } },
        want: '{namespace="shop", app="cart"}',
      },
    ],
  ])("%s", (_name, { config, meta, want }) => {
    expect(selectorOf(config, meta)).toBe(want);
  });

  const unpinned = (config: UserConfig, meta?: Record<string, unknown>, noAlerts = false) => {
    const log = noAlerts ? cartLog({ ...meta, alerts: [] }) : cartLog(meta);
    const { diagnostics } = irFrom({ "src/cart/log-events.ts": { CartLog: log } }, config);
    return diagnostics.filter((d) => d.code === "LP_LOKI_SERVICE_UNPINNED");
  };

  it("warns once when the profile declares a service but leaves it open and the alerts fall back", () => {
    const [warning, ...more] = unpinned(service({ type: "string" }));
    expect(more).toEqual([]);
    expect(warning).toMatchObject({ severity: "warning", family: "cart.item" });
    expect(warning!.message).toContain('"service" (envelope.base.service) without pinning its value');
    expect(warning!.message).toContain('"cart.item"');
    expect(warning!.message).toContain('{service_name="cart"}');
    expect(warning!.fix).toContain('envelope.base.service: { type: "string", const: "<service name>" }');
    const child = unpinned({ envelope: { bindings: { service: { type: "string" } }, required: ["service"] } });
    expect(child[0]!.message).toContain("(envelope.bindings.service)");
  });

  it.each<[string, UserConfig, Record<string, unknown> | undefined, boolean]>([
    ["the service pinned", service({ const: "checkout-api" }), undefined, false],
    ["no service in the profile", {}, undefined, false],
    [
      "a template without {service}",
      { ...service({ type: "string" }), lokiSelector: '{app="{root}"}' },
      undefined,
      false,
    ],
    ["the family's own selector", service({ type: "string" }), { loki: { selector: '{app="cart"}' } }, false],
    ["no alerts, so no Loki rules", service({ type: "string" }), undefined, true],
  ])("does not warn with %s", (_name, config, meta, noAlerts) => {
    expect(unpinned(config, meta, noAlerts)).toEqual([]);
  });

  it("escapes a service name for the LogQL string it lands in", () => {
    const selector = fillSelector('{service_name="{service}"}', { root: "cart", service: 'odd "name" \\ here' });
    expect(selector).toBe('{service_name="odd \\"name\\" \\\\ here"}');
    expect(parseSelector(selector)).toEqual({
      matchers: [{ name: "service_name", op: "=", value: 'odd "name" \\ here' }],
    });
  });
});
