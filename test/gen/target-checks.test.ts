/**
 * Each target's `check(ir, options)` runs with the registry's checks: `logpact gen` (and
 * `gen --check`) lists every registry and target error of a run at once, formatted alike
 * (file:line:col, `--format github` annotations), exits 2 and writes nothing.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../generator/cli.js";
import { tmpProject } from "../helpers/project.js";

// A shop's registry: one module per area, as its teams wrote them.
const CART = `import { z } from "zod";

export const CartLog = z.discriminatedUnion("event", [
  z.strictObject({
    event: z.literal("shop.cart.checkout_failed"),
    severity: z.enum(["minor", "major"]).meta({ description: "How bad the failure was." }),
    region: z.string().meta({ description: "Serving region." }),
  }).meta({ level: "error", description: "A checkout attempt failed." }),
]).meta({
  family: "shop.cart",
  description: "Shopping cart.",
  alerts: [
    {
      kind: "threshold",
      name: "CheckoutFailuresBySeverity",
      event: "shop.cart.checkout_failed",
      window: "5m",
      by: ["severity"],
      op: ">",
      value: 10,
      severity: "warning",
      summary: "Checkout failures of severity {{ $labels.severity }}",
    },
    {
      kind: "threshold",
      name: "CheckoutFailuresByRegion",
      event: "shop.cart.checkout_failed",
      window: "5m",
      by: ["region"],
      op: ">",
      value: 10,
      severity: "critical",
      summary: "Checkout failures in {{ $labels.region }}",
    },
  ],
});
`;
// "shop.search" and "shop-search" both become the module shop-search.ts.
const SEARCH = `import { z } from "zod";

export const SearchLog = z.strictObject({
  event: z.literal("shop.search.query"),
  hits: z.number().int().meta({ unit: "count", description: "Results returned." }),
}).meta({ level: "info", description: "A search ran." });

export const SearchAdminLog = z.discriminatedUnion("event", [
  z.strictObject({ event: z.literal("shop-search.reindexed") }).meta({ level: "info", description: "Index rebuilt." }),
]).meta({ family: "shop-search", description: "Search admin." });
`;
// A registry error, in a third family: a loose object.
const BILLING = `import { z } from "zod";

export const InvoiceLog = z.discriminatedUnion("event", [
  z.object({ event: z.literal("billing.invoice.issued"), invoiceId: z.string() }).meta({ level: "info", description: "Issued." }),
]).meta({ family: "billing.invoice", description: "Invoices." });
`;

function project(config: object = {}): string {
  return tmpProject({
    "logpact.config.json": JSON.stringify({ targets: { loki: { options: { labels: { region: "eu" } } } }, ...config }),
    "schemas/cart.ts": CART,
    "schemas/search.ts": SEARCH,
    "schemas/billing.ts": BILLING,
  });
}

async function gen(argv: string[], cwd: string) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { cwd, isTTY: false, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** `file[:line:col]: error CODE [where]` heads of the printed diagnostics, in order. */
const heads = (stderr: string) => stderr.split("\n").filter((l) => /: error LP_/.test(l));

const REGISTRY_ERROR = "schemas/billing.ts:4:31: error LP_NOT_STRICT [billing.invoice > billing.invoice.issued]";
// A family grouped from a lone event object has no `.meta({ family })` to point at: file only.
const EMITTERS_ERROR = "schemas/search.ts: error LP_EMITTER_NAME_CLASH [shop.search]";
const LOKI_ERRORS = [
  "schemas/cart.ts:10:11: error LP_LOKI_LABEL_OVERWRITE [shop.cart]",
  "schemas/cart.ts:10:11: error LP_LOKI_LABEL_OVERWRITE [shop.cart]",
];

describe("gen collects every target error with the registry's", () => {
  it.each<[string, string[]]>([
    ["gen", ["gen"]],
    ["gen --check", ["gen", "--check"]],
  ])("%s: all at once, exit 2, nothing written", async (_name, argv) => {
    const dir = project();
    const r = await gen(argv, dir);
    expect(r.code).toBe(2);
    const h = heads(r.stderr);
    expect(h[0]).toBe(REGISTRY_ERROR);
    expect(h[1]).toBe(EMITTERS_ERROR);
    expect(h.slice(2)).toEqual(LOKI_ERRORS);
    expect(r.stderr).toMatch(/^4 registry errors; nothing was written\./);
    // Which label each Loki error is about, and where it comes from.
    expect(r.stderr).toContain(
      'alert "CheckoutFailuresBySeverity": its result carries the label "severity" per group, but the rule also sets "severity" (from logpact (the alert\'s severity))',
    );
    expect(r.stderr).toContain('"region" (from targets.loki.options.labels)');
    expect(r.stderr).toContain('families "shop-search" (schemas/search.ts) and "shop.search" both map');
    expect(existsSync(join(dir, "generated"))).toBe(false);
  });

  it("--format github: one annotation per error, with file, line and column", async () => {
    const r = await gen(["gen", "--format", "github"], project());
    expect(r.code).toBe(2);
    const annotations = r.stdout.split("\n").filter((l) => l.startsWith("::error "));
    expect(annotations.map((a) => /title=logpact (LP_[A-Z_]+)/.exec(a)?.[1])).toEqual([
      "LP_NOT_STRICT",
      "LP_EMITTER_NAME_CLASH",
      "LP_LOKI_LABEL_OVERWRITE",
      "LP_LOKI_LABEL_OVERWRITE",
    ]);
    expect(annotations.map((a) => /^::error (file=[^,]+(?:,line=\d+,col=\d+)?),title=/.exec(a)?.[1])).toEqual([
      "file=schemas/billing.ts,line=4,col=31",
      "file=schemas/search.ts",
      "file=schemas/cart.ts,line=10,col=11",
      "file=schemas/cart.ts,line=10,col=11",
    ]);
  });

  it.each<[string, { argv: string[]; config: object; want: string[] }]>([
    [
      "--only loki: the emitters check does not run",
      {
        argv: ["--only", "loki"],
        config: {},
        want: ["LP_NOT_STRICT", "LP_LOKI_LABEL_OVERWRITE", "LP_LOKI_LABEL_OVERWRITE"],
      },
    ],
    [
      "emitters off: its check does not run",
      {
        argv: [],
        config: { targets: { emitters: { enabled: false }, loki: { options: { labels: { region: "eu" } } } } },
        want: ["LP_NOT_STRICT", "LP_LOKI_LABEL_OVERWRITE", "LP_LOKI_LABEL_OVERWRITE"],
      },
    ],
    [
      "no static region label: only the label logpact sets clashes",
      {
        argv: [],
        config: { targets: { loki: { options: { labels: {} } } } },
        want: ["LP_NOT_STRICT", "LP_EMITTER_NAME_CLASH", "LP_LOKI_LABEL_OVERWRITE"],
      },
    ],
  ])("%s", async (_name, { argv, config, want }) => {
    const r = await gen(["gen", ...argv], project(config));
    expect(r.code).toBe(2);
    expect(heads(r.stderr).map((l) => /error (LP_[A-Z_]+)/.exec(l)?.[1])).toEqual(want);
  });
});
