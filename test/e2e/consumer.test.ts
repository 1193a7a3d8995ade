/**
 * The consuming-repo test: `pnpm pack` this package, install the tarball into a temp
 * project that has its own schemas (not the bundled ones) and a `"gen": "logpact gen"`
 * script, run `pnpm gen` there and check what it wrote.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO, readTree, writeFiles } from "../helpers/project.js";

const pnpm = (args: string[], cwd: string) =>
  spawnSync("pnpm", args, { cwd, encoding: "utf8", env: { ...process.env, CI: "true", NO_COLOR: "1" } });

let work: string;
let consumer: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "logpact-consumer-"));
  // `pnpm test` builds dist/ before the suite runs. Packing with scripts off keeps prepack
  // from rebuilding dist/ under the other test files that are running the CLI from it.
  if (!existsSync(join(REPO, "dist/generator/cli.js"))) throw new Error("dist/ is missing: run `pnpm build` first (pnpm test does)");
  execFileSync("pnpm", ["pack", "--pack-destination", work], { cwd: REPO, stdio: "pipe", env: { ...process.env, npm_config_ignore_scripts: "true" } });
  const tarball = readdirSync(work).find((f) => f.endsWith(".tgz"));
  if (!tarball) throw new Error("pnpm pack produced no tarball");
  const zodVersion = (JSON.parse(readFileSync(join(REPO, "node_modules/zod/package.json"), "utf8")) as { version: string }).version;
  consumer = join(work, "consumer");
  writeFiles(consumer, {
    "package.json": JSON.stringify(
      { name: "payments-service", private: true, type: "module", scripts: { gen: "logpact gen" }, dependencies: { logpact: `file:../${tarball}`, zod: zodVersion } },
      null,
      2,
    ),
    "logpact.config.ts": `import { defineConfig } from "logpact";

export default defineConfig({
  schemas: ["src/logging/*.log.ts"],
  outDir: "src/logging/generated",
  envelope: { fields: { requestId: { type: "string", description: "Bound per request." } } },
});
`,
    "src/logging/payment.log.ts": `import { z } from "zod";
import { defineFamily } from "logpact";

export const PaymentLog = defineFamily(
  { family: "payment", description: "Card payments.", owner: "payments", transitions: [["authorized", "captured"]] },
  [
    z.strictObject({
      event: z.literal("payment.authorized"),
      paymentId: z.string().meta({ description: "Payment id." }),
      amount_usd: z.number().nonnegative().meta({ unit: "usd", description: "Authorised amount." }),
    }).meta({ level: "info", description: "The card issuer approved the charge.", examples: [{ paymentId: "p-1", amount_usd: 12.5 }] }),
    z.strictObject({
      event: z.literal("payment.captured"),
      paymentId: z.string().meta({ description: "Payment id." }),
      latency_ms: z.number().int().nonnegative().meta({ unit: "ms", description: "Authorise to capture." }),
    }).meta({ level: "info", description: "Funds were captured." }),
  ],
);
`,
    "src/logging/refund.log.ts": `import { z } from "zod";
import type {} from "logpact";

export const RefundIssued = z.strictObject({
  event: z.literal("payment.refund.issued"),
  paymentId: z.string().meta({ description: "Payment id." }),
}).meta({ level: "warn", description: "A refund went out." });
`,
  });
  const install = pnpm(["install", "--prefer-offline", "--config.confirmModulesPurge=false"], consumer);
  if (install.status !== 0) throw new Error(`pnpm install failed:\n${install.stdout}\n${install.stderr}`);
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("a consuming repo", () => {
  it("runs `pnpm gen` with the installed package and its own schemas", () => {
    const r = pnpm(["gen"], consumer);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.status).toBe(0);
    const tree = readTree(join(consumer, "src/logging/generated"));
    expect(Object.keys(tree)).toEqual(expect.arrayContaining(["registry.json", "json-schema/payment.schema.json", "json-schema/payment.refund.schema.json", "json-schema/registry.schema.json"]));
    const snapshot = JSON.parse(tree["registry.json"]!);
    expect(snapshot.families.map((f: { name: string }) => f.name)).toEqual(["payment", "payment.refund"]);
    expect(snapshot.families[0].source).toEqual({ file: "src/logging/payment.log.ts", export: "PaymentLog" });
    expect(snapshot.envelope.map((f: { name: string }) => f.name)).toContain("requestId");
    // Nothing from the bundled registry leaks into a consumer.
    expect(JSON.stringify(snapshot)).not.toContain("daemon.connection");
  });

  it("`logpact gen --check` passes after gen and fails after a schema change", () => {
    expect(pnpm(["exec", "logpact", "gen", "--check"], consumer).status).toBe(0);
    const file = join(consumer, "src/logging/refund.log.ts");
    writeFileSync(file, readFileSync(file, "utf8").replace("A refund went out.", "A refund was issued."));
    const r = pnpm(["exec", "logpact", "gen", "--check"], consumer);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("stale     src/logging/generated/registry.json");
  });

  it("ships only the built package (no sources, no tests)", () => {
    const files = readTree(join(consumer, "node_modules/logpact"));
    const names = Object.keys(files);
    expect(names).toContain("dist/generator/index.js");
    expect(names).toContain("bin/logpact.mjs");
    expect(names.some((n) => n.startsWith("test/") || n.startsWith("schemas/") || n.endsWith(".ts") && !n.endsWith(".d.ts"))).toBe(false);
  });
});
