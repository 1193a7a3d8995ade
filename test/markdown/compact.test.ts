/**
 * What the Markdown pages say once instead of per event (issue 18 item 8): the field index
 * names each family once with its events' short names (or "every event"), linked to the
 * family's "Common fields" section when the field is described there; the events table
 * names each event's fields, and fields every row carries once above it; an event's section
 * on its family page leaves out what its row says. Fixtures: two services' families written
 * the way teams write them (per-request ids and durations on most events).
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { BANNER } from "../../generator/gen/generate.js";
import { markdownTarget } from "../../generator/targets/markdown/index.js";
import { createRenderer } from "../../generator/targets/markdown/render.js";
import { eventsTable, fieldIndexRows, NO_LINKS } from "../../generator/targets/markdown/model.js";
import { irFrom } from "../helpers/registry.js";
import { nodesOf, parseGfm, plain } from "./helpers.js";

const requestId = z.string().uuid().meta({ description: "Request id." });
const tookMs = z.number().int().nonnegative().meta({ unit: "ms", description: "Time it took." });

// Declared out of alphabetical order on purpose: declaration order must survive.
const CartLog = z
  .discriminatedUnion("event", [
    z
      .strictObject({ event: z.literal("cart.item.added"), requestId, sku: z.string(), took_ms: tookMs })
      .meta({ level: "info", description: "An item went into the cart." }),
    z.strictObject({ event: z.literal("cart.item.removed"), requestId, sku: z.string() }),
    z.strictObject({ event: z.literal("cart.item.checked_out"), requestId, took_ms: tookMs }),
  ])
  .meta({ family: "cart.item", description: "Cart items." });

const PaymentLog = z
  .discriminatedUnion("event", [
    z
      .strictObject({ event: z.literal("payment.charge.started"), requestId, amountCents: z.number().int() })
      .meta({ level: "info", stability: "experimental" }),
    z
      .strictObject({
        event: z.literal("payment.charge.failed"),
        requestId,
        // Same name, another meaning: its own row in the index, not a common field.
        took_ms: z.number().meta({ unit: "s", description: "Seconds until the gateway gave up." }),
      })
      .meta({ level: "error" }),
  ])
  .meta({ family: "payment.charge", description: "Card charges.", stability: "stable" });

const { ir } = irFrom({ "src/cart/log.ts": { CartLog }, "src/payment/log.ts": { PaymentLog } });
const links = {
  event: () => undefined,
  family: (f: { name: string }) => `${f.name}.md`,
  shortNames: true,
};

describe.each<[string, { field: string; unit: string; links: boolean; want: string }]>([
  [
    "a field on every event of two families, common in both",
    {
      field: "requestId",
      unit: "—",
      links: true,
      want: "[`cart.item`](cart.item.md#common-fields) (every event)<br>[`payment.charge`](payment.charge.md#common-fields) (every event)",
    },
  ],
  [
    "a common field on some events: the family once, its events' short names in declaration order",
    {
      field: "took_ms",
      unit: "ms",
      links: true,
      want: "[`cart.item`](cart.item.md#common-fields): `added`, `checked_out`",
    },
  ],
  [
    "the same name with another meaning, on one event: linked to the family page (not described as common there)",
    { field: "took_ms", unit: "s", links: true, want: "[`payment.charge`](payment.charge.md): `failed`" },
  ],
  [
    "an in-place section of a hand-written doc: full names, which `docs check` counts as mentions",
    { field: "sku", unit: "—", links: false, want: "`cart.item.added`, `cart.item.removed`" },
  ],
])("field index: %s", (_name, { field, unit, links: linkedRows, want }) => {
  it("names the carriers once per family", () => {
    const rows = fieldIndexRows(ir, linkedRows ? links : NO_LINKS);
    const row = rows.filter((r) => r.field === `\`${field}\`` && r.unit === unit);
    expect(row.map((r) => r.events)).toEqual([want]);
  });
});

describe("events table", () => {
  it("names fields every row carries once, above the table, and each row's others in declaration order", () => {
    const cart = eventsTable(ir.families.find((f) => f.name === "cart.item")!, NO_LINKS);
    expect(cart.everyEvent).toBe("Every event carries `requestId`; the fields column names the others.");
    expect(cart.events.map((r) => [r.event, r.fields])).toEqual([
      ["`cart.item.added`", "`sku`, `took_ms`"],
      ["`cart.item.removed`", "`sku`"],
      ["`cart.item.checked_out`", "`took_ms`"],
    ]);
  });

  it("a lone event's variants are not 'every event': each row lists all its fields", () => {
    const { ir: one } = irFrom({
      "src/sync.ts": {
        SyncLog: z
          .discriminatedUnion("reason", [
            z.strictObject({ event: z.literal("sync.run.failed"), requestId, reason: z.literal("timeout") }),
            z.strictObject({
              event: z.literal("sync.run.failed"),
              requestId,
              reason: z.literal("error"),
              err: z.string(),
            }),
          ])
          .meta({ family: "sync.run" }),
      },
    });
    const table = eventsTable(one.families[0]!, NO_LINKS);
    expect(table.events).toHaveLength(2);
    expect(table.everyEvent).toBe("");
    expect(table.events.map((r) => r.fields)).toEqual(["`requestId`, `reason`", "`requestId`, `reason`, `err`"]);
  });

  it("a one-event family lists its fields in the row: nothing above the table", () => {
    const { ir: one } = irFrom({
      "src/a.ts": { ALog: z.strictObject({ event: z.literal("a.job.done"), requestId }).meta({ family: "a.job" }) },
    });
    const table = eventsTable(one.families[0]!, NO_LINKS);
    expect(table.everyEvent).toBe("");
    expect(table.events.map((r) => r.fields)).toEqual(["`requestId`"]);
  });
});

describe("an event's section on its family page", () => {
  const files = markdownTarget.render(ir, {
    options: { fieldIndex: true, diagrams: true, examples: true },
    outDir: "generated/markdown",
    root: "/",
    draft: "2020-12",
    banner: BANNER,
  });
  const page = (name: string) => files.find((f) => f.path === `${name}.md`)!.contents;
  const section = (text: string, heading: string) => {
    const from = text.indexOf(`### \`${heading}\``);
    const next = text.indexOf("\n### ", from + 1);
    return text.slice(from, next < 0 ? undefined : next);
  };

  it("leaves out the level and a stability equal to the family's (the row says them)", () => {
    const failed = section(page("payment.charge"), "payment.charge.failed");
    expect(failed).not.toContain("**Level:**");
    expect(failed).not.toContain("**Stability:**");
  });

  it("keeps a stability that differs from the family's", () => {
    expect(section(page("payment.charge"), "payment.charge.started")).toContain("**Stability:** experimental");
  });

  it("an event rendered on its own (an in-place `event` section) keeps its description, level, stability and common fields", () => {
    const started = ir.families.find((f) => f.name === "payment.charge")!.events[0]!;
    const alone = createRenderer({ diagrams: false, examples: true }).section(
      { kind: "event", event: started, heading: 2, examples: true },
      ir,
    );
    expect(alone).toContain("**Level:** `info` · **Stability:** experimental");
    const added = ir.families.find((f) => f.name === "cart.item")!.events[0]!;
    const body = createRenderer({ diagrams: false, examples: true }).section(
      { kind: "event", event: added, heading: 2, examples: true },
      ir,
    );
    // Alone, every field is in its table (no "Common fields" table to point at).
    expect(body).toContain("| `requestId` |");
    expect(section(page("cart.item"), "cart.item.added")).not.toContain("| `requestId` |");
  });

  it("leaves out the description and the common fields line (the row says them)", () => {
    const added = section(page("cart.item"), "cart.item.added");
    expect(added).not.toContain("Common fields");
    expect(added).not.toContain("An item went into the cart.");
    expect(page("cart.item")).toContain(
      "| [`added`](#cartitemadded) | info | An item went into the cart. | `sku`, `took_ms` |",
    );
  });

  it("every table stays one GFM table with the columns of its header", () => {
    for (const f of files)
      for (const t of nodesOf(parseGfm(f.contents), "table")) {
        const widths = (t.children ?? []).map((r) => (r.children ?? []).length);
        expect(new Set(widths).size, `${f.path}: ${plain(t).slice(0, 60)}`).toBe(1);
      }
  });
});
