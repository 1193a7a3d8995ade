/**
 * issue 17 items 6 and 13: user input never exits 3. Each case of the issue's item 6 (and
 * item 13's process.exit / top-level await) is exit 2 with a message naming the file and
 * the fix — or, where logpact can simply cope, a normal result.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, tmpProject } from "../helpers/project.js";
import { INVOICE, cli } from "./helpers.js";

const OK = INVOICE;

/** Schema modules as other teams write them, each breaking logpact's reader in its own way. */
const SCHEMAS: [name: string, files: Record<string, string>, want: RegExp[]][] = [
  [
    "a recursive schema through a getter",
    {
      "schemas/tree.ts": `import { z } from "zod";
const Category: z.ZodType = z.strictObject({ slug: z.string(), get children() { return z.array(Category); } });
export const CatalogLog = z.strictObject({ event: z.literal("catalog.tree.loaded"), root: Category }).meta({ level: "info", description: "Tree loaded." });
`,
    },
    [/schemas\/tree\.ts: error LP_SCHEMA_UNREADABLE/, /export "CatalogLog"/, /refers to itself/],
  ],
  [
    "an import cycle that hits the temporal dead zone",
    {
      "schemas/order.ts": `import { z } from "zod";
import { Address } from "./order-address";
export const OrderLog = z.strictObject({ event: z.literal("order.placed"), ship: Address }).meta({ level: "info", description: "Placed." });
`,
      "schemas/order-address.ts": `import { z } from "zod";
import { OrderLog } from "./order";
export const Address = z.object({ city: z.string() });
export const RelatedLog = OrderLog;
`,
    },
    [/schemas\/order-address\.ts: error LP_SCHEMA_UNREADABLE/, /export "RelatedLog"/, /import cycle/],
  ],
  [
    "a zod/v3 field inside a Zod 4 object",
    {
      "schemas/legacy.ts": `import { z } from "zod";
import { z as z3 } from "zod/v3";
const LegacyId = z3.string().uuid();
export const LegacyLog = z.strictObject({ event: z.literal("legacy.synced"), id: LegacyId as unknown as z.ZodString }).meta({ level: "info", description: "Synced." });
`,
    },
    [/schemas\/legacy\.ts: error LP_SCHEMA_UNREADABLE/, /export "LegacyLog"/, /zod\/v3/],
  ],
  [
    "an export getter that throws",
    {
      "schemas/flaky.ts": `export const ok = 1;\nObject.defineProperty(exports, "FeatureFlags", { enumerable: true, get() { throw new Error("LaunchDarkly client not initialised"); } });\n`,
    },
    [/schemas\/flaky\.ts: error LP_SCHEMA_UNREADABLE/, /export "FeatureFlags"/, /LaunchDarkly client not initialised/],
  ],
  [
    "a Proxy export",
    {
      "schemas/lazy.ts": `export const Lazy = new Proxy({}, { get() { throw new Error("lazy registry not loaded"); }, getPrototypeOf() { throw new Error("lazy registry not loaded"); } });\n`,
    },
    [/schemas\/lazy\.ts: error LP_SCHEMA_UNREADABLE/, /export "Lazy"/, /lazy registry not loaded/],
  ],
  [
    "a thrown non-Error",
    {
      "schemas/odd.ts": `export const ok = 1;\nObject.defineProperty(exports, "Odd", { enumerable: true, get() { throw "not configured"; } });\n`,
    },
    [/LP_SCHEMA_UNREADABLE/, /export "Odd"/, /a thrown string \(not configured\)/],
  ],
  [
    "process.exit(0) in a schema module",
    { "schemas/exits.ts": `if (!process.env.DATABASE_URL) process.exit(0);\nexport const x = 1;\n` },
    [/schemas\/exits\.ts: error LP_LOAD_FAILED/, /process\.exit\(0\)/],
  ],
];

describe("schema modules that throw while being read: exit 2, never 3", () => {
  it.each(SCHEMAS)("%s", async (_, files, want) => {
    const dir = tmpProject({ "schemas/invoice.ts": OK, ...files });
    for (const argv of [["gen"], ["gen", "--check"]]) {
      const r = await cli(argv, dir);
      for (const w of want) expect(r.stderr).toMatch(w);
      expect(r.stderr).not.toMatch(/internal error|This is a bug/);
      expect(r.code).toBe(2);
    }
    expect(existsSync(join(dir, "generated"))).toBe(false);
  });

  it("process.exit(0) in the config: exit 2 (gen --check must not pass)", async () => {
    const dir = tmpProject({ "schemas/invoice.ts": OK, "logpact.config.ts": `process.exit(0);\nexport default {};\n` });
    const r = await cli(["gen", "--check"], dir);
    expect(r.stderr).toMatch(/LP_CONFIG_UNREADABLE[\s\S]*process\.exit\(0\)/);
    expect(r.code).toBe(2);
  });

  it("an unsettled top-level await: exit 2 naming the module (a process, since it ends the event loop)", () => {
    const dir = tmpProject({
      "schemas/invoice.ts": OK,
      "schemas/boot.ts": `await new Promise(() => {});\nexport const ready = true;\n`,
    });
    const r = spawnSync(process.execPath, [BIN, "gen", "--check"], { cwd: dir, encoding: "utf8", timeout: 60_000 });
    expect(r.stderr).toMatch(/schemas\/boot\.ts never finished loading: its top-level await/);
    expect(r.status).toBe(2);
  });
});

describe("other inputs that used to exit 3", () => {
  it("a symlink loop in docs/ during gen: not followed, the doc is updated once", async () => {
    const dir = tmpProject({
      "schemas/invoice.ts": OK,
      "docs/ops.md": "# Ops\n\n<!-- logpact:begin family billing.invoice -->\n<!-- logpact:end -->\n",
    });
    symlinkSync(".", join(dir, "docs/loop"));
    const r = await cli(["gen"], dir);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/\+ 1 doc with generated sections/);
    expect(r.code).toBe(0);
    expect((await cli(["gen", "--check"], dir)).code).toBe(0);
  });

  it("one file with more than 120k findings", async () => {
    const dir = tmpProject({
      "schemas/invoice.ts": OK,
      "logpact.config.json": JSON.stringify({ lint: { maxFileBytes: 20_000_000 } }),
    });
    writeFileSync(
      join(dir, "src-gen.ts"),
      `declare const logger: { info(msg: string): void };\n${'logger.info("tick");\n'.repeat(125_000)}`,
    );
    const r = await cli(["lint", "-f", "json", "src-gen.ts"], dir);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as { findings: unknown[] }).findings.length).toBeGreaterThan(120_000);
  }, 120_000);

  it("docs check <directory>: exit 2 saying it is a folder", async () => {
    const dir = tmpProject({
      "schemas/invoice.ts": OK,
      "docs/a.md": "billing.invoice.issued billing.invoice.voided\n",
    });
    const r = await cli(["docs", "check", "docs"], dir);
    expect(r.stderr).toMatch(/"docs" is a folder; pass Markdown files/);
    expect(r.code).toBe(2);
  });

  it("a malformed user template: exit 2 naming the template", async () => {
    for (const [text, what] of [
      ["{{#each family.events}}\n{{name}\n", /Parse error/],
      ["{{shout family.name}}\n", /unknown helper shout/],
      ["{{family.owner.team}}\n", /not defined/],
    ] as const) {
      const dir = tmpProject({
        "schemas/invoice.ts": OK,
        "logpact.config.json": JSON.stringify({ templates: "templates" }),
      });
      mkdirSync(join(dir, "templates/markdown"), { recursive: true });
      writeFileSync(join(dir, "templates/markdown/family-page.hbs"), text);
      const r = await cli(["gen"], dir);
      expect(r.stderr).toMatch(
        /template .*templates\/markdown\/family-page\.hbs failed while rendering markdown\/family-page\.hbs/,
      );
      expect(r.stderr).toMatch(what);
      expect(r.code).toBe(2);
    }
  });

  it("a missing templates folder is an error", async () => {
    const dir = tmpProject({ "schemas/invoice.ts": OK, "logpact.config.json": JSON.stringify({ templates: "tmpl" }) });
    const r = await cli(["gen"], dir);
    expect(r.stderr).toMatch(/templates: "tmpl" is not a folder/);
    expect(r.code).toBe(2);
  });

  it("a 1M-character citation anchor: checked, no crash", async () => {
    const dir = tmpProject({ "schemas/invoice.ts": OK, "src/billing.ts": "export function issue() {}\n" });
    writeFileSync(
      join(dir, "docs.md"),
      `# Billing\n\nbilling.invoice.issued billing.invoice.voided, see src/billing.ts:1#${"a".repeat(1_000_000)}\n`,
    );
    const r = await cli(["docs", "check", "docs.md"], dir);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/LP_DOCS/);
  });
});
