/**
 * diff's alert index reads the alerts' resolved form off the IR (made once, when the
 * registry is built, and rendered by the Loki target); an alert that did not resolve is
 * read from its declaration.
 */
import { describe, expect, it } from "vitest";
import { AlertIndex } from "../../generator/diff/alerts.js";
import type { RegistryIR } from "../../generator/registry/ir.js";
import { alert, shopIr } from "../loki/fixtures.js";

describe("AlertIndex", () => {
  it.each<[string, { decl: ReturnType<typeof alert>; resolves: boolean; events: string[]; fields: string[] }]>([
    [
      "threshold with short event names, filters and grouping",
      {
        decl: alert({
          kind: "threshold",
          event: ["failed", "shop.order.cancelled"],
          where: [{ field: "reason", op: "!=", value: "test" }],
          by: ["orderId"],
          window: "5m",
          op: ">",
          value: 3,
        }),
        resolves: true,
        events: ["shop.order.failed", "shop.order.cancelled"],
        fields: ["orderId", "reason"],
      },
    ],
    [
      "ratio: numerator and denominator events, each once",
      {
        decl: alert({
          kind: "ratio",
          numerator: "failed",
          denominator: ["failed", "paid"],
          window: "10m",
          op: ">",
          value: 0.1,
        }),
        resolves: true,
        events: ["shop.order.failed", "shop.order.paid"],
        fields: [],
      },
    ],
    [
      "quantile: the unwrapped field and a filter",
      {
        decl: alert({
          kind: "quantile",
          event: "paid",
          field: "duration_ms",
          quantile: 0.99,
          where: [{ field: "region", op: "==", value: "eu" }],
          window: "5m",
          op: ">",
          value: 2000,
        }),
        resolves: true,
        events: ["shop.order.paid"],
        fields: ["duration_ms", "region"],
      },
    ],
    [
      "an alert that does not resolve (unknown event): read as declared",
      {
        decl: alert({
          kind: "absent",
          event: "shop.order.vanished",
          where: [{ field: "region", op: "==", value: "eu" }],
          window: "15m",
        }),
        resolves: false,
        events: ["shop.order.vanished"],
        fields: ["region"],
      },
    ],
  ])("%s", (_name, { decl, resolves, events, fields }) => {
    const { ir } = shopIr([decl]);
    const family = ir.families.find((f) => f.name === "shop.order")!;
    expect(family.alerts[0]!.resolved !== undefined).toBe(resolves);
    const entry = new AlertIndex(ir).byName.get("ShopAlert");
    expect(entry).toMatchObject({ family: { name: "shop.order" }, events, fields });
  });

  it("reads the resolved form the IR carries, not the declaration", () => {
    const { ir } = shopIr([alert({ kind: "threshold", event: "failed", window: "5m", op: ">", value: 0 })]);
    // An IR whose resolved form says other events and fields than the declaration: the index follows `resolved`.
    const edited = {
      ...ir,
      families: ir.families.map((f) => ({
        ...f,
        alerts: f.alerts.map((a) => ({
          ...a,
          resolved: { ...a.resolved!, events: ["shop.order.paid"], reads: ["region"] },
        })),
      })),
    } as RegistryIR;
    expect(new AlertIndex(edited).byName.get("ShopAlert")).toMatchObject({
      events: ["shop.order.paid"],
      fields: ["region"],
    });
  });
});
