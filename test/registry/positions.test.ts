/**
 * Registry diagnostics carry the line:column of what they are about, found in the schema
 * module's text: a field's property inside its event's object, else the event literal,
 * else the family's name. Modules written the way other teams write them.
 */
import { describe, expect, it } from "vitest";
import { locateDiagnostics } from "../../generator/registry/positions.js";
import { formatDiagnostic, type Diagnostic } from "../../generator/errors.js";
import { tmpProject } from "../helpers/project.js";

const CHECKOUT = `import { z } from "zod";

// One export per event, literals from an as-const map (the checkout team's style).
export const CHECKOUT_EVENTS = {
  started: "checkout.session.started",
  abandoned: "checkout.session.abandoned",
} as const;

export const CheckoutStarted = z.strictObject({
  event: z.literal(CHECKOUT_EVENTS.started),
  cartId: z.string(),
  itemCount: z.number().int(),
});

export const CheckoutAbandoned = z.object({
  "event": z.literal("checkout.session.abandoned"),
  cartId: z.string(),
  idle_ms: z.number(),
}).meta({ level: "warn" });
`;

const BILLING = `import { z } from "zod";

export const BillingLog = z.discriminatedUnion("event", [
  z.strictObject({ event: z.literal("billing.invoice.sent"), invoiceId: z.string(), amountCents: z.number() }),
  z.strictObject({ event: z.literal("billing.invoice.paid"), invoiceId: z.string(), amountCents: z.number() }),
]).meta({ family: "billing.invoice", description: "Invoices." });
`;

const d = (over: Partial<Diagnostic>): Diagnostic => ({
  code: "LP_TEST",
  severity: "error",
  message: "m",
  fix: "f",
  ...over,
});

describe.each<[string, { given: Diagnostic; want: { line: number; column: number } | undefined }]>([
  [
    "a field inside its event's object",
    {
      given: d({ file: "src/logging/billing.ts", event: "billing.invoice.paid", field: "amountCents" }),
      want: { line: 5, column: 85 },
    },
  ],
  [
    "the same field name in another event is not taken",
    {
      given: d({ file: "src/logging/billing.ts", event: "billing.invoice.sent", field: "amountCents" }),
      want: { line: 4, column: 85 },
    },
  ],
  [
    "an event literal",
    {
      given: d({ file: "src/logging/billing.ts", family: "billing.invoice", event: "billing.invoice.sent" }),
      want: { line: 4, column: 37 },
    },
  ],
  [
    "a family by its name in .meta()",
    { given: d({ file: "src/logging/billing.ts", family: "billing.invoice" }), want: { line: 6, column: 19 } },
  ],
  [
    "an event literal from an as-const map, and its field",
    {
      given: d({ file: "src/logging/checkout.ts", event: "checkout.session.started", field: "itemCount" }),
      want: { line: 12, column: 3 },
    },
  ],
  [
    "an event from an as-const map: where the map entry is used",
    {
      given: d({ file: "src/logging/checkout.ts", event: "checkout.session.started" }),
      want: { line: 10, column: 20 },
    },
  ],
  [
    "a quoted event key still finds the field",
    {
      given: d({ file: "src/logging/checkout.ts", event: "checkout.session.abandoned", field: "idle_ms" }),
      want: { line: 18, column: 3 },
    },
  ],
  [
    "a field the event does not declare: the event",
    {
      given: d({ file: "src/logging/checkout.ts", event: "checkout.session.abandoned", field: "durationMs" }),
      want: { line: 6, column: 14 },
    },
  ],
  [
    "nothing to go on: no position",
    { given: d({ file: "src/logging/checkout.ts", family: "orders" }), want: undefined },
  ],
  [
    "a module that cannot be read: no position",
    { given: d({ file: "src/logging/gone.ts", event: "x.y" }), want: undefined },
  ],
])("%s", (_name, { given, want }) => {
  it("locates it", async () => {
    const root = tmpProject(
      { "src/logging/billing.ts": BILLING, "src/logging/checkout.ts": CHECKOUT },
      { linkNodeModules: false },
    );
    const [got] = await locateDiagnostics(root, [given]);
    expect(got!.line === undefined ? undefined : { line: got!.line, column: got!.column }).toEqual(want);
  });
});

describe("formatDiagnostic", () => {
  it("puts file:line:column first, where editors and terminals make it a link", () => {
    expect(formatDiagnostic(d({ file: "a.ts", line: 3, column: 7, family: "f", event: "f.e" }))).toBe(
      "a.ts:3:7: error LP_TEST [f > f.e]\n  m\n  fix: f",
    );
    expect(formatDiagnostic(d({ file: "a.ts" }))).toBe("a.ts: error LP_TEST\n  m\n  fix: f");
  });
});
