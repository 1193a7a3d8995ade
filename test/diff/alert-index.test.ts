/**
 * diff's alert index reads the alerts as the registry resolved them (one resolution per IR,
 * shared with the registry check and the Loki target); an alert that does not resolve (a
 * snapshot from an older ref) is read from its declaration.
 */
import { describe, expect, it } from "vitest";
import { AlertIndex } from "../../generator/diff/alerts.js";
import { resolveFamilyAlerts } from "../../generator/registry/alerts.js";
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
    expect(resolveFamilyAlerts(ir, family).alerts.length).toBe(resolves ? 1 : 0);
    const entry = new AlertIndex(ir).byName.get("ShopAlert");
    expect(entry).toMatchObject({ family: { name: "shop.order" }, events, fields });
  });

  it("resolves a family's alerts once per IR: every reader gets the same result", () => {
    const { ir } = shopIr([alert({ kind: "threshold", event: "failed", window: "5m", op: ">", value: 0 })]);
    const family = ir.families.find((f) => f.name === "shop.order")!;
    const first = resolveFamilyAlerts(ir, family);
    expect(first.alerts).toHaveLength(1);
    expect(resolveFamilyAlerts(ir, family)).toBe(first);
  });
});
