/**
 * The install path for a package that is not on a registry: a consumer adds logpact by
 * git URL, pnpm clones it, installs its devDependencies and runs `prepare`, which builds
 * dist/ (git ignores it). pnpm 10 runs a git dependency's build only when the consumer
 * allows it in `onlyBuiltDependencies` (README: "Use it in your repo"). The clone is of
 * this repository's HEAD commit, so it tests what is committed.
 */
import { execFileSync, type SpawnSyncReturns } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO, pnpmInstall, runInstalledBin, runPnpm, tmpDir, versionInRepo, writeFiles } from "../helpers/project.js";

// Scripts on even where the environment turns them off: the git dependency's `prepare` builds its dist/.
const SCRIPTS_ON = { npm_config_ignore_scripts: "" };

let consumer: string;
let firstInstall: SpawnSyncReturns<string>;

beforeAll(() => {
  const work = tmpDir("logpact-git-");
  const clone = join(work, "logpact");
  // A clone of our own (not REPO itself): the URL is new on every run, so pnpm's store holds
  // no prepared copy of it and prepare really runs. Shallow (the HEAD commit is all an
  // install needs): pnpm clones it again in each install, and a clone of the whole history
  // packed every object each time (about 2 CPU-s per clone).
  execFileSync("git", ["clone", "-q", "--depth", "1", pathToFileURL(REPO).href, clone]);
  const sha = execFileSync("git", ["rev-parse", "HEAD"], { cwd: clone, encoding: "utf8" }).trim();
  const url = `git+file://${clone}#${sha}`;
  consumer = join(work, "orders-service");
  writeFiles(consumer, {
    "package.json": JSON.stringify(
      {
        name: "orders-service",
        private: true,
        type: "module",
        dependencies: { zod: versionInRepo("zod") },
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
  firstInstall = runPnpm(["install", "--prefer-offline"], consumer, SCRIPTS_ON);
  writeFiles(consumer, { "pnpm-workspace.yaml": `onlyBuiltDependencies:\n  - "logpact@${url}"\n` });
  pnpmInstall(consumer, ["--prefer-offline"], SCRIPTS_ON);
}, 600_000);

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
