/**
 * The install path for a package that is not on a registry: a consumer adds logpact by
 * git URL, pnpm clones it, installs its devDependencies and runs `prepare`, which builds
 * dist/ (git ignores it). pnpm 10 runs a git dependency's build only when the consumer
 * allows it in `onlyBuiltDependencies` (README: "Use it in your repo"). The clone is of
 * this repository's HEAD commit, so it tests what is committed.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO, runInstalledBin, writeFiles } from "../helpers/project.js";

const pnpm = (args: string[], cwd: string) =>
  spawnSync("pnpm", args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, CI: "true", NO_COLOR: "1", npm_config_ignore_scripts: "" },
  });

let work: string;
let consumer: string;
let firstInstall: ReturnType<typeof pnpm>;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "logpact-git-"));
  const clone = join(work, "logpact");
  execFileSync("git", ["clone", "-q", "--no-local", REPO, clone]);
  const sha = execFileSync("git", ["rev-parse", "HEAD"], { cwd: clone, encoding: "utf8" }).trim();
  const url = `git+file://${clone}#${sha}`;
  const version = (v: string) =>
    (JSON.parse(readFileSync(join(REPO, `node_modules/${v}/package.json`), "utf8")) as { version: string }).version;
  consumer = join(work, "orders-service");
  writeFiles(consumer, {
    "package.json": JSON.stringify(
      {
        name: "orders-service",
        private: true,
        type: "module",
        dependencies: { zod: version("zod") },
        devDependencies: { logpact: url },
      },
      null,
      2,
    ),
    "src/events/order.ts": `import { z } from "zod";
import type {} from "logpact";

export const OrderPlaced = z.strictObject({
  event: z.literal("order.placed"),
  orderId: z.string().meta({ description: "Order id." }),
  total_usd: z.number().nonnegative().meta({ unit: "usd", description: "Order total." }),
}).meta({ level: "info", description: "A customer placed an order." });
`,
    "logpact.config.json": JSON.stringify({
      $schema: "./node_modules/logpact/config.schema.json",
      schemas: ["src/events/*.ts"],
    }),
    "src/checkout.ts": `export function place(logger: { info(o: object, m: string): void }) {\n  logger.info({ orderId: "o-1" }, "order placed");\n}\n`,
    "logs.ndjson": `${JSON.stringify({ level: 30, time: 1, pid: 1, hostname: "h", event: "order.placed", orderId: "o-1", total_usd: 19.99, msg: "order.placed" })}\n`,
  });
  // Without the allowlist entry pnpm refuses and names it; with it, prepare builds dist/.
  firstInstall = pnpm(["install", "--prefer-offline"], consumer);
  writeFiles(consumer, { "pnpm-workspace.yaml": `onlyBuiltDependencies:\n  - "logpact@${url}"\n` });
  const install = pnpm(["install", "--prefer-offline"], consumer);
  if (install.status !== 0)
    throw new Error(
      `pnpm install failed (status ${install.status}, signal ${install.signal}${install.error ? `, ${install.error.message}` : ""}):\n${install.stdout}\n${install.stderr}`,
    );
}, 600_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("installing logpact from a git URL", () => {
  it("pnpm names the onlyBuiltDependencies entry to add when it is missing", () => {
    expect(firstInstall.status).not.toBe(0);
    expect(firstInstall.stderr + firstInstall.stdout).toContain("ERR_PNPM_GIT_DEP_PREPARE_NOT_ALLOWED");
  });

  it("prepare built dist/, and the bin runs --version, gen, lint and validate", () => {
    expect(existsSync(join(consumer, "node_modules/logpact/dist/generator/cli.js"))).toBe(true);
    const version = (JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { version: string }).version;
    expect(runInstalledBin(["-V"], consumer).stdout).toBe(`${version}\n`);
    const gen = runInstalledBin(["gen"], consumer);
    expect(gen.status, gen.stderr).toBe(0);
    expect(
      JSON.parse(readFileSync(join(consumer, "generated/registry.json"), "utf8")).families.map(
        (f: { name: string }) => f.name,
      ),
    ).toEqual(["order"]);
    const lint = runInstalledBin(["lint", "src/checkout.ts"], consumer);
    expect(lint.status).toBe(1);
    expect(lint.stdout).toContain("untyped-log-call");
    const validate = runInstalledBin(["validate", "logs.ndjson"], consumer);
    expect(validate.status, validate.stdout).toBe(0);
  });
});
