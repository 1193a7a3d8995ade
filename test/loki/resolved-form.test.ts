/**
 * The resolved form each alert carries in the IR (`FamilyIR.alerts[i].resolved`), made once
 * when the registry is built: what the Loki target renders and diff reads. One row per
 * alert kind, plus the label mapping (nested paths, stream-label and keyword clashes).
 */
import { describe, expect, it } from "vitest";
import type { ResolvedAlertIR } from "../../generator/registry/ir.js";
import { alert, shopIr } from "./fixtures.js";

const SELECTOR = '{app="shop", env=~"prod|staging"}';
const field = (path: string, types: string[], extra: { label?: string; enum?: unknown[] } = {}) => ({
  path,
  keys: path.split("."),
  label: extra.label ?? path.replaceAll(".", "_"),
  types,
  ...(extra.enum ? { enum: extra.enum } : {}),
});
const common = { selector: SELECTOR, eventLabel: "event", severity: "warning", for: "0s", labels: {} };

describe("the resolved form of an alert, per kind", () => {
  it.each<[string, ReturnType<typeof alert>, ResolvedAlertIR]>([
    [
      "threshold: short and full event names, a filter and a grouping",
      alert({
        kind: "threshold",
        event: ["shop.order.cancelled", "failed"],
        where: [{ field: "reason", op: "==", value: "declined" }],
        by: ["orderId"],
        window: "15m",
        op: ">=",
        value: 10,
      }),
      {
        ...common,
        events: ["shop.order.cancelled", "shop.order.failed"],
        where: [{ field: field("reason", ["string"]), op: "==", value: "declined" }],
        by: [field("orderId", ["string"])],
        outputLabels: ["orderId"],
        reads: ["orderId", "reason"],
      } as ResolvedAlertIR,
    ],
    [
      "ratio: numerator and denominator apart, `for` and labels as declared (labels sorted)",
      alert({
        kind: "ratio",
        numerator: "failed",
        denominator: ["failed", "paid"],
        window: "10m",
        op: ">",
        value: 0.1,
        for: "10m",
        labels: { team: "shop", area: "orders" },
      }),
      {
        ...common,
        for: "10m",
        labels: { area: "orders", team: "shop" },
        events: ["shop.order.failed", "shop.order.paid"],
        numerator: ["shop.order.failed"],
        denominator: ["shop.order.failed", "shop.order.paid"],
        where: [],
        by: [],
        outputLabels: [],
        reads: [],
      } as ResolvedAlertIR,
    ],
    [
      "quantile: the unwrapped field and an enum grouping",
      alert({
        kind: "quantile",
        event: "paid",
        field: "duration_ms",
        quantile: 0.99,
        by: ["region"],
        window: "5m",
        op: ">",
        value: 2000,
        severity: "critical",
      }),
      {
        ...common,
        severity: "critical",
        events: ["shop.order.paid"],
        where: [],
        by: [field("region", ["string"], { enum: ["eu", "us"] })],
        unwrap: field("duration_ms", ["integer"]),
        outputLabels: ["region"],
        reads: ["duration_ms", "region"],
      } as ResolvedAlertIR,
    ],
    [
      "absent: a nested filter; the result carries the selector's `=` labels",
      alert({
        kind: "absent",
        event: "placed",
        where: [{ field: "customer.tier", op: "==", value: "pro" }],
        window: "15m",
      }),
      {
        ...common,
        events: ["shop.order.placed"],
        where: [{ field: field("customer.tier", ["string"], { enum: ["free", "pro"] }), op: "==", value: "pro" }],
        by: [],
        outputLabels: ["app"],
        reads: ["customer.tier"],
      } as ResolvedAlertIR,
    ],
    [
      "label mapping: a stream label's and a LogQL keyword's name get `_extracted`",
      alert({
        kind: "threshold",
        event: "placed",
        where: [{ field: "offset", op: ">", value: 10 }],
        by: ["app"],
        window: "5m",
        op: ">",
        value: 0,
      }),
      {
        ...common,
        events: ["shop.order.placed"],
        where: [{ field: field("offset", ["integer"], { label: "offset_extracted" }), op: ">", value: 10 }],
        by: [field("app", ["string"], { label: "app_extracted" })],
        outputLabels: ["app_extracted"],
        reads: ["app", "offset"],
      } as ResolvedAlertIR,
    ],
  ])("%s", (_name, decl, want) => {
    const { ir, diagnostics } = shopIr([decl]);
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const [resolved] = ir.families.find((f) => f.name === "shop.order")!.alerts;
    // The declaration as written, and its resolved form beside it: plain JSON, like the rest of the IR.
    expect({ ...resolved, resolved: undefined }).toEqual({ ...decl, resolved: undefined });
    expect(resolved!.resolved).toEqual(want);
    expect(JSON.parse(JSON.stringify(resolved!.resolved))).toEqual(resolved!.resolved);
  });

  it("an alert with errors carries no resolved form; the build reports why", () => {
    const { ir, diagnostics } = shopIr([alert({ kind: "absent", event: "nope", window: "5m" })]);
    expect(ir.families.find((f) => f.name === "shop.order")!.alerts[0]!.resolved).toBeUndefined();
    expect(diagnostics.map((d) => d.code)).toContain("LP_ALERT_EVENT_UNKNOWN");
  });
});
