/**
 * The consuming-repo test: `pnpm pack` this package, install the tarball into a temp
 * project that has its own schemas (not the bundled ones) and a `"gen": "logpact gen"`
 * script, run `pnpm gen` there and check what it wrote; then the installed bin's
 * `--version`, `lint` and `validate`, that every doc the CLI points at is shipped, and that
 * the shipped Markdown links only to shipped files.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
// The rule list alone: lint/index.js would load ts-morph into this worker (about 1.3 CPU-s) for a list of names.
import { RULE_NAMES } from "../../generator/lint/rules/index.js";
import { deadLinks } from "../helpers/doc-links.js";
import {
  REPO,
  pnpmInstall,
  readTree,
  runInstalledBin,
  runPnpm,
  tmpDir,
  versionInRepo,
  writeFiles,
} from "../helpers/project.js";

let consumer: string;

/** The installed package's files (read once: three tests look at them). */
let installedFiles: Record<string, string> | undefined;
const installed = () => (installedFiles ??= readTree(join(consumer, "node_modules/logpact")));

beforeAll(() => {
  const work = tmpDir("logpact-consumer-");
  // `pnpm test` builds dist/ before the suite runs. Packing with scripts off keeps prepack
  // from rebuilding dist/ under the other test files that are running the CLI from it.
  if (!existsSync(join(REPO, "dist/generator/cli.js")))
    throw new Error("dist/ is missing: run `pnpm build` first (pnpm test does)");
  execFileSync("pnpm", ["pack", "--pack-destination", work], {
    cwd: REPO,
    stdio: "pipe",
    env: { ...process.env, npm_config_ignore_scripts: "true" },
  });
  const tarball = readdirSync(work).find((f) => f.endsWith(".tgz"));
  if (!tarball) throw new Error("pnpm pack produced no tarball");
  consumer = join(work, "consumer");
  writeFiles(consumer, {
    "package.json": JSON.stringify(
      {
        name: "payments-service",
        private: true,
        type: "module",
        scripts: { gen: "logpact gen" },
        dependencies: { logpact: `file:../${tarball}`, zod: versionInRepo("zod") },
        devDependencies: { pino: versionInRepo("pino") },
      },
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
    "src/payments/capture.ts": `import type { Logger } from "pino";

// A hand-written call the linter should flag (no event field).
export function capture(log: Logger, paymentId: string) {
  log.info({ paymentId }, "capturing");
}
`,
    "logs/app.ndjson": [
      JSON.stringify({
        level: 30,
        time: 1,
        pid: 7,
        hostname: "pay-1",
        event: "payment.authorized",
        paymentId: "p-1",
        amount_usd: 12.5,
        msg: "payment.authorized",
      }),
      JSON.stringify({
        level: 30,
        time: 2,
        pid: 7,
        hostname: "pay-1",
        event: "payment.captured",
        paymentId: "p-1",
        latency_ms: "fast",
        msg: "payment.captured",
      }),
      "",
    ].join("\n"),
    "src/logging/refund.log.ts": `import { z } from "zod";
import type {} from "logpact";

export const RefundIssued = z.strictObject({
  event: z.literal("payment.refund.issued"),
  paymentId: z.string().meta({ description: "Payment id." }),
}).meta({ level: "warn", description: "A refund went out." });
`,
  });
  pnpmInstall(consumer, ["--prefer-offline", "--config.confirmModulesPurge=false"]);
}, 300_000);

/** `logpact lint src/payments -f sarif` from the installed bin, run once. */
let sarifRun: ReturnType<typeof runInstalledBin> | undefined;
const sarifLint = () => (sarifRun ??= runInstalledBin(["lint", "src/payments", "-f", "sarif"], consumer));

describe("a consuming repo", () => {
  it("runs `pnpm gen` with the installed package and its own schemas", () => {
    const r = runPnpm(["gen"], consumer);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.status).toBe(0);
    const tree = readTree(join(consumer, "src/logging/generated"));
    expect(Object.keys(tree)).toEqual(
      expect.arrayContaining([
        "registry.json",
        "json-schema/payment.schema.json",
        "json-schema/payment.refund.schema.json",
        "json-schema/registry.schema.json",
      ]),
    );
    const snapshot = JSON.parse(tree["registry.json"]!);
    expect(snapshot.families.map((f: { name: string }) => f.name)).toEqual(["payment", "payment.refund"]);
    expect(snapshot.families[0].source).toEqual({ file: "src/logging/payment.log.ts", export: "PaymentLog" });
    expect(snapshot.envelope.map((f: { name: string }) => f.name)).toContain("requestId");
    // Nothing from the bundled registry leaks into a consumer.
    expect(JSON.stringify(snapshot)).not.toContain("daemon.connection");
  });

  it("`logpact gen --check` passes after gen and fails after a schema change", () => {
    expect(runInstalledBin(["gen", "--check"], consumer).status).toBe(0);
    const file = join(consumer, "src/logging/refund.log.ts");
    writeFileSync(file, readFileSync(file, "utf8").replace("A refund went out.", "A refund was issued."));
    const r = runInstalledBin(["gen", "--check"], consumer);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("stale     src/logging/generated/registry.json");
  });

  it("runs `logpact --version`, `lint` and `validate` from the installed bin", () => {
    const version = (JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { version: string }).version;
    expect(runInstalledBin(["--version"], consumer).stdout).toBe(`${version}\n`);
    // One lint process for this test and the SARIF one below: the same run, its finding read from the SARIF log.
    const lint = sarifLint();
    expect(lint.status).toBe(1);
    expect(JSON.parse(lint.stdout).runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toContain(
      "untyped-log-call",
    );
    const validate = runInstalledBin(["validate", "logs/app.ndjson", "-f", "json"], consumer);
    expect(validate.status).toBe(1);
    expect(JSON.parse(validate.stdout)).toMatchObject({ errors: 1 });
  });

  it("ships every doc the CLI, SARIF and diff point at, the LICENSE and the config schema", () => {
    const shipped = installed();
    // Every docs/… path named anywhere in the shipped code (error fixes, SARIF help, the diff footer).
    const named = new Set<string>(["README.md", "LICENSE", "config.schema.json"]);
    for (const [path, text] of Object.entries(shipped)) {
      if (!path.startsWith("dist/") || !path.endsWith(".js")) continue;
      for (const m of text.matchAll(/\bdocs\/[\w./-]+?\.md\b/g)) named.add(m[0]);
    }
    for (const rule of RULE_NAMES) named.add(`docs/rules/${rule}.md`);
    expect([...named].filter((p) => p.startsWith("docs/")).length).toBeGreaterThan(10);
    const dir = join(consumer, "node_modules/logpact");
    expect([...named].filter((p) => !existsSync(join(dir, p)))).toEqual([]);
    expect(readFileSync(join(dir, "LICENSE"), "utf8")).toMatch(/^MIT License/);
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
      repository?: { url?: string };
      homepage?: string;
    };
    expect(pkg.repository?.url).toMatch(/^git\+https:\/\//);
    expect(pkg.homepage).toMatch(/^https:\/\//);
  });

  it("SARIF's informationUri and every rule's helpUri resolve to shipped files; help.markdown is the rule page", () => {
    const r = sarifLint();
    const driver = JSON.parse(r.stdout).runs[0].tool.driver as {
      informationUri: string;
      rules: { id: string; helpUri: string; help: { markdown: string } }[];
    };
    const uris = [driver.informationUri, ...driver.rules.map((x) => x.helpUri)];
    expect(uris.every((u) => u.startsWith("file://"))).toBe(true);
    expect(uris.filter((u) => !existsSync(fileURLToPath(u)))).toEqual([]);
    for (const rule of driver.rules) expect(rule.help.markdown).toBe(readFileSync(fileURLToPath(rule.helpUri), "utf8"));
  });

  it("every relative link in a shipped Markdown file names a shipped file (and heading)", () => {
    const shipped = installed();
    const pages = Object.keys(shipped).filter((p) => p.endsWith(".md"));
    // The pages whose links led out of the package before: the bundled registry's docs link its generated pages.
    expect(pages).toEqual(expect.arrayContaining(["README.md", "docs/families.md", "generated/markdown/README.md"]));
    expect(pages.length).toBeGreaterThan(25);
    expect(deadLinks(shipped)).toEqual([]);
    // The same check on the shipped files less one link target finds the links to it (only the
    // two pages that link it are parsed again: remark takes seconds for all of them).
    const linking = new Set(["docs/families.md", "docs/observability.md"]);
    const less = Object.fromEntries(
      Object.entries(shipped).filter(
        ([p]) => p !== "generated/json-schema/registry.schema.json" && (!p.endsWith(".md") || linking.has(p)),
      ),
    );
    expect(deadLinks(less).map((d) => `${d.file} ${d.url} ${d.problem}`)).toEqual(
      expect.arrayContaining([
        "docs/families.md ../generated/json-schema/registry.schema.json missing file",
        "docs/observability.md ../generated/json-schema/registry.schema.json missing file",
      ]),
    );
  });

  it("`logpact/meta` types .meta() without Node's types: a schema package with types: [] and skipLibCheck off compiles", () => {
    // A shared or browser package: no @types/node in scope, library declarations checked.
    const dir = join(consumer, "packages/log-schemas");
    writeFiles(dir, {
      "tsconfig.json": JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          module: "nodenext",
          moduleResolution: "nodenext",
          target: "es2022",
          types: [],
          skipLibCheck: false,
        },
        include: ["*.ts"],
      }),
      "refunds.ts": `import { z } from "zod";
import type {} from "logpact/meta";

export const RefundLog = z.discriminatedUnion("event", [
  z.strictObject({
    event: z.literal("refund.issued"),
    took_ms: z.number().meta({ unit: "ms", description: "Time to issue." }),
  }).meta({ level: "info", description: "A refund was issued." }),
  // @ts-expect-error -- "loud" is not a level: the augmentation is in effect.
  z.strictObject({ event: z.literal("refund.failed") }).meta({ level: "loud", description: "x" }),
]).meta({ family: "refund" });
`,
    });
    const tsc = join(REPO, "node_modules/typescript/bin/tsc");
    const r = spawnSync(process.execPath, [tsc, "-p", dir], { encoding: "utf8" });
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("ships only the built package (no sources, no tests)", () => {
    const names = Object.keys(installed());
    expect(names).toContain("dist/generator/index.js");
    expect(names).toContain("bin/logpact.mjs");
    expect(
      names.some(
        (n) => n.startsWith("test/") || n.startsWith("schemas/") || (n.endsWith(".ts") && !n.endsWith(".d.ts")),
      ),
    ).toBe(false);
    // Of the bundled registry's output, only what the docs link: its pages and line schemas.
    expect(names.filter((n) => n.startsWith("generated/") && !/^generated\/(markdown|json-schema)\//.test(n))).toEqual(
      [],
    );
  });
});
