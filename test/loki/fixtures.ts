/**
 * A small registry for alert tests: one family, `shop.order`, whose fields cover every
 * type an alert can meet (numbers, strings, enums, booleans, nested objects, arrays,
 * sensitive fields, a LogQL keyword and a stream-label name), plus a second family to
 * test cross-family references. And the LogQL grammar check used by every Loki test.
 */
import { parser } from "@grafana/lezer-logql";
import { z } from "zod";
import type { UserConfig } from "../../generator/config/schema.js";
import type { Diagnostic } from "../../generator/errors.js";
import type { AlertDecl } from "../../generator/registry/meta.js";
import type { RegistryIR } from "../../generator/registry/ir.js";
import { irFrom } from "../helpers/registry.js";

const d = (description: string) => ({ description });

const ev = (name: string, fields: Record<string, z.ZodType>, meta: Record<string, unknown> = {}) =>
  z
    .strictObject({ event: z.literal(name), ...fields })
    .meta({ level: "info", description: `${name} happened.`, ...meta });

const orderId = z.string().meta(d("Order id."));
const amount = z
  .number()
  .nonnegative()
  .meta({ unit: "usd", ...d("Order total in USD.") });
const region = z.enum(["eu", "us"]).meta(d("Region that served the order."));

/** The `shop.order` family with the given alerts (selector `{app="shop", env=~"prod|staging"}`). */
export function shopFamily(alerts: readonly unknown[], familyMeta: Record<string, unknown> = {}) {
  return z
    .discriminatedUnion("event", [
      ev("shop.order.placed", {
        orderId,
        amount_usd: amount,
        items: z
          .number()
          .int()
          .min(1)
          .meta({ unit: "count", ...d("Line items.") }),
        region,
        express: z.boolean().meta(d("Express shipping.")),
        customer: z
          .strictObject({
            tier: z.enum(["free", "pro"]),
            country: z.string(),
            address: z.strictObject({ zip: z.string() }),
          })
          .meta(d("Customer facts.")),
        email: z.string().meta({ sensitive: "pii", ...d("Customer e-mail.") }),
        tags: z.array(z.string()).meta(d("Free-form tags.")),
        offset: z.number().int().meta(d("Queue offset (a LogQL keyword as a field name).")),
        app: z.string().meta(d("Client app (also a stream label of the selector).")),
        priority: z.union([z.literal(1), z.literal(2), z.literal(3)]).meta(d("Priority 1–3.")),
      }),
      ev("shop.order.paid", {
        orderId,
        amount_usd: amount,
        region,
        duration_ms: z
          .number()
          .int()
          .nonnegative()
          .meta({ unit: "ms", ...d("Placed to paid.") }),
      }),
      ev("shop.order.failed", { orderId, region, reason: z.string().min(1).meta(d("Why.")) }, { level: "error" }),
      ev("shop.order.cancelled", { orderId, reason: z.string().min(1).meta(d("Why.")) }, { level: "warn" }),
      ev("shop.order.legacy_paid", { orderId }, { deprecation: { reason: "use paid", renamed_to: "shop.order.paid" } }),
      ev("shop.order.tick", {}, { level: "debug" }),
    ])
    .meta({
      family: "shop.order",
      description: "Orders.",
      loki: { selector: '{app="shop", env=~"prod|staging"}' },
      alerts: alerts as never,
      ...familyMeta,
    });
}

/** Another family, so an alert on shop.order can wrongly name one of its events. */
export const BillingFamily = z
  .discriminatedUnion("event", [ev("billing.invoice.sent", { invoiceId: z.string().meta(d("Invoice id.")) })])
  .meta({ family: "billing.invoice", description: "Invoices.", alerts: [] });

const base = { severity: "warning", summary: "Something is off." } as const;

/** A complete alert declaration with test defaults for the fields a case does not care about. */
export function alert<K extends AlertDecl["kind"]>(
  decl: Partial<Extract<AlertDecl, { kind: K }>> & { kind: K },
): AlertDecl {
  return { name: "ShopAlert", ...base, ...decl } as AlertDecl;
}

/** IR and every diagnostic (build + checks) of a registry made of shop.order (+ billing). */
export function shopIr(
  alerts: readonly unknown[],
  opts: { familyMeta?: Record<string, unknown>; config?: UserConfig } = {},
): { ir: RegistryIR; diagnostics: Diagnostic[] } {
  return irFrom(
    {
      "schemas/shop.ts": { ShopLog: shopFamily(alerts, opts.familyMeta) },
      "schemas/billing.ts": { BillingLog: BillingFamily },
    },
    opts.config,
  );
}

/** Positions of error nodes in Grafana's LogQL grammar; empty when `expr` parses cleanly. */
export function logqlErrors(expr: string): number[] {
  const errors: number[] = [];
  parser.parse(expr).iterate({
    enter(node) {
      if (node.type.isError) errors.push(node.from);
    },
  });
  return errors;
}
