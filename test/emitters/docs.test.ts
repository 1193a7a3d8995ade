/**
 * docs/emitters.md keeps its promise that its examples run: every ```ts block is compiled
 * with real tsc (strict settings) against the committed generated/emitters/ and then run
 * with node (tsc's output, in order); the config examples are loaded and checked with the
 * real config schema.
 */
import { cpSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../generator/config/load.js";
import type { UserConfig } from "../../generator/config/schema.js";
import { loadRegistry } from "../../generator/registry/index.js";
import { checkLogs } from "../../generator/validate/testing.js";
import { REPO, tmpProject } from "../helpers/project.js";
import { compileAndRun, tsconfigJson } from "./helpers.js";

const DOC = readFileSync(join(REPO, "docs/emitters.md"), "utf8");
const blocks = [...DOC.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
const isConfig = (code: string) => code.startsWith("// logpact.config.ts");

describe("docs/emitters.md examples", () => {
  it("has examples for the API, loggers, the adapter, validation, redaction and the config", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(7);
    for (const topic of [
      "daemonConnectionEmitters(",
      'adapter: "message-first"',
      'validation: "throw"',
      "redact: [...REDACT_PATHS]",
      "defineConfig(",
    ]) {
      expect(
        blocks.some((b) => b.includes(topic)),
        topic,
      ).toBe(true);
    }
  });

  it("compile and run, and what they log validates", async () => {
    const examples = blocks.map((code, i) => ({ name: `${isConfig(code) ? "config" : "example"}-${i + 1}.ts`, code }));
    const runnable = examples.filter((e) => e.name.startsWith("example-"));
    const configs = examples.filter((e) => e.name.startsWith("config-"));
    const files: Record<string, string> = {
      "package.json": JSON.stringify({ type: "module" }),
      "tsconfig.json": tsconfigJson([...runnable.map((e) => e.name), "run.ts"], {
        strict: true,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
        types: ["node"],
        skipLibCheck: true,
        noEmit: true,
      }),
      // Each example in its own module, run in order.
      "run.ts": runnable
        .map((e) => `console.log("--- ${e.name}");\nawait import("./${e.name.replace(/\.ts$/, ".js")}");\n`)
        .join(""),
    };
    for (const e of examples)
      files[e.name] = isConfig(e.code)
        ? e.code.replace('from "logpact"', `from ${JSON.stringify(join(REPO, "generator/config/define-config.ts"))}`)
        : e.code;
    const dir = tmpProject(files);
    cpSync(join(REPO, "generated/emitters"), join(dir, "generated/emitters"), { recursive: true });

    // Each config's default export goes through the real schema.
    expect(configs.length).toBeGreaterThanOrEqual(2);
    for (const e of configs)
      parseConfig(((await import(join(dir, e.name))) as { default: UserConfig }).default, e.name);

    const stdout = compileAndRun(dir, "run.ts", { LOGPACT_VALIDATE: "" });
    for (const e of runnable) expect(stdout).toContain(`--- ${e.name}`);
    for (const expected of [
      '"level":40,',
      '"event":"daemon.connection.connected","attempt":1,"time_to_connect_ms":42,"downtime_ms":0,"msg":"daemon.connection.connected"}',
      "closed 1006 after 200 ms",
      'warn ws.liveness.stale_terminated {"event":"ws.liveness.stale_terminated","side":"broker","idle_ms":76000,"threshold_ms":75000}',
      'daemon.connection.connected: field "attempt" must be ≥ 1 (got 0)',
      'daemon.connection.error: field "readyState" must be ≤ 3 (got 7)',
      '"peerId":"[Redacted]"',
    ]) {
      expect(stdout).toContain(expected);
    }
    // remove: true drops the key.
    expect(stdout).not.toContain('"peerId":"peer_1"');

    // What the examples logged validates clean against the bundled registry, with the
    // logger profile the page itself declares (the child logger's binding).
    const lines = stdout.split("\n").filter((l) => l.startsWith('{"level":'));
    expect(lines.length).toBeGreaterThanOrEqual(8);
    const profileConfig = examples.find((e) => e.name.startsWith("config-") && e.code.includes("bindings"));
    expect(profileConfig, "a config block declaring the child logger's bindings").toBeDefined();
    const { default: config } = (await import(join(dir, profileConfig!.name))) as { default: UserConfig };
    const { ir } = await loadRegistry(REPO, parseConfig(config, profileConfig!.name));
    const report = await checkLogs(lines, { registry: ir, root: REPO });
    expect(report.groups.map((g) => g.message)).toEqual([]);
    expect(report.status.valid).toBe(lines.length);
    // The same lines against the registry without the binding: flagged, with the hint.
    const bare = await checkLogs(lines, {
      registry: (await loadRegistry(REPO, parseConfig({}, "none"))).ir,
      root: REPO,
    });
    expect(bare.hints).toEqual([]);
    expect(bare.groups.map((g) => g.expected)).toEqual(['ws.liveness.ping_failed: unexpected field "connectionId"']);
  });
});
