/**
 * One flag set across commands, end to end through `main(argv, io)` on a temp project
 * written the way a shipping team writes it (their folder layout, a per-request logger
 * wrapper, pino's `msg` as the second argument): -V, help per subcommand, -f, -o, -q,
 * --color/--no-color, --fail-on, and `gen --check --diff` / `gen -f github`.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli, type CliResult } from "../helpers/cli.js";
import { tmpProject } from "../helpers/project.js";

const SHIPPING = `import { z } from "zod";
import type {} from "logpact";

export const ShipmentLog = z
  .discriminatedUnion("event", [
    z.strictObject({
      event: z.literal("shipment.label.printed"),
      shipmentId: z.string().meta({ description: "Shipment id." }),
      carrier: z.enum(["ups", "dhl"]).meta({ description: "Carrier." }),
    }).meta({ level: "info", description: "A label was printed." }),
    z.strictObject({
      event: z.literal("shipment.label.voided"),
      shipmentId: z.string().meta({ description: "Shipment id." }),
    }).meta({ level: "warn", description: "A printed label was voided." }),
  ])
  .meta({ family: "shipment.label", description: "Shipping labels." });
`;

const HANDLER = `import type { Logger } from "pino";

export function printLabel(log: Logger, shipmentId: string) {
  log.info({ shipmentId }, "printing label");
}
`;

const LOGS = [
  JSON.stringify({
    level: 30,
    time: 1,
    pid: 1,
    hostname: "h",
    event: "shipment.label.printed",
    shipmentId: "s-1",
    carrier: "ups",
    msg: "shipment.label.printed",
  }),
  JSON.stringify({ level: 30, time: 1, pid: 1, hostname: "h", msg: "listening on :8080" }),
  JSON.stringify({
    level: 30,
    time: 1,
    pid: 1,
    hostname: "h",
    event: "shipment.label.reprinted",
    shipmentId: "s-1",
    msg: "reprinted",
  }),
].join("\n");

let project: string;

function run(args: readonly string[], opts: { cwd?: string; isTTY?: boolean } = {}): Promise<CliResult> {
  return runCli(args, opts.cwd ?? project, { isTTY: opts.isTTY ?? false });
}

beforeAll(async () => {
  project = tmpProject({
    "logpact.config.json": JSON.stringify({
      $schema: "./node_modules/logpact/config.schema.json",
      schemas: ["src/telemetry/*.schema.ts"],
      outDir: "src/telemetry/generated",
      lint: { include: ["src/**/*.ts"] },
    }),
    "src/telemetry/shipment.schema.ts": SHIPPING,
    "src/handlers/label.ts": HANDLER,
    "logs/app.ndjson": `${LOGS}\n`,
  });
  execFileSync("git", ["init", "-q"], { cwd: project });
  expect((await run(["gen", "-q"])).code).toBe(0);
  execFileSync("git", ["add", "-A"], { cwd: project });
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "init"], { cwd: project });
}, 120_000);

describe("--version and help", () => {
  it("-V and --version print the package version", async () => {
    const version = (
      JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
    ).version;
    for (const flag of ["-V", "--version"])
      expect(await run([flag])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("`docs --help` lists the actions; `docs check --help` documents check's flags", async () => {
    const docs = await run(["docs", "--help"]);
    const check = await run(["docs", "check", "--help"]);
    expect(docs.code).toBe(0);
    expect(check.code).toBe(0);
    expect(docs.stdout).not.toEqual(check.stdout);
    expect(docs.stdout).toMatch(/Commands:\n\s+check \[options\] \[files\.\.\.\]/);
    expect(check.stdout).toContain("Usage: logpact docs check [options] [files...]");
    expect(check.stdout).toContain("--source-prefix");
  });

  it.each(["gen", "lint", "validate", "diff", "docs check"])("%s --help lists the shared flags", async (command) => {
    const help = (await run([...command.split(" "), "--help"])).stdout;
    const shared =
      command === "gen"
        ? ["-f, --format", "-q, --quiet", "--color", "--no-color"]
        : ["-f, --format", "-o, --output", "-q, --quiet", "--color", "--no-color", "--fail-on"];
    for (const flag of shared) expect(help, `${command}: ${flag}`).toContain(flag);
  });
});

describe("-o, --output", () => {
  it.each<[string, string[], RegExp]>([
    ["lint", ["lint", "-f", "json"], /^logpact lint: /],
    ["validate", ["validate", "logs/app.ndjson", "-f", "json"], /^logpact validate: failed/],
    ["docs check", ["docs", "check", "-f", "json", "--coverage", "off"], /^logpact docs check: \d+ findings?\./],
    ["diff", ["diff", "--against", "HEAD", "-f", "json"], /^logpact diff: 0 breaking, 0 warnings\./],
  ])("%s writes the report to the file and a summary to stdout", async (_name, args, summary) => {
    const file = `reports/${args[0]}.json`;
    const r = await run([...args, "-o", file]);
    expect(r.stdout).toMatch(summary);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    expect(() => JSON.parse(readFileSync(join(project, file), "utf8"))).not.toThrow();
  });

  it("-o - is stdout", async () => {
    const r = await run(["validate", "logs/app.ndjson", "-f", "json", "-o", "-"]);
    expect(JSON.parse(r.stdout)).toMatchObject({ errors: expect.any(Number) });
  });
});

describe("--fail-on has one meaning", () => {
  it.each<[string, string[], number]>([
    ["validate: an unknown event fails by default", ["validate", "logs/app.ndjson"], 1],
    ["validate --fail-on none", ["validate", "logs/app.ndjson", "--fail-on", "none"], 0],
    [
      "validate --fail-on untyped (finding kinds still work)",
      ["validate", "logs/app.ndjson", "--fail-on", "untyped"],
      1,
    ],
    ["lint: an untyped call is an error", ["lint"], 1],
    ["lint --fail-on none", ["lint", "--fail-on", "none"], 0],
    ["docs check: uncovered events as warnings pass", ["docs", "check", "--coverage", "warn"], 0],
    ["docs check --fail-on warning fails on them", ["docs", "check", "--coverage", "warn", "--fail-on", "warning"], 1],
    ["diff: no change passes", ["diff", "--against", "HEAD"], 0],
  ])("%s", async (_name, args, code) => {
    const r = await run(args);
    expect(r.code, r.stderr + r.stdout).toBe(code);
  });

  it("validate --fail-on warning promotes warnings; diff takes breaking as its name for error", async () => {
    writeFileSync(join(project, "logs/untyped.ndjson"), `${LOGS.split("\n")[1]}\n`);
    expect((await run(["validate", "logs/untyped.ndjson"])).code).toBe(0);
    expect((await run(["validate", "logs/untyped.ndjson", "--fail-on", "warning"])).code).toBe(1);
    expect((await run(["diff", "--against", "HEAD", "--fail-on", "breaking"])).code).toBe(0);
    const bad = await run(["diff", "--against", "HEAD", "--fail-on", "breakng"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--fail-on: unknown severity "breakng". Did you mean "breaking"?');
  });
});

describe("--quiet, --color", () => {
  it("-q prints nothing on a passing run", async () => {
    for (const args of [
      ["diff", "--against", "HEAD"],
      ["docs", "check", "--coverage", "off"],
      ["gen", "--check"],
    ]) {
      expect(await run([...args, "-q"])).toEqual({ code: 0, stdout: "", stderr: "" });
    }
  });

  it("--color colours a piped report; --no-color keeps a terminal's plain", async () => {
    const colored = await run(["validate", "logs/app.ndjson", "--color"]);
    expect(colored.stdout).toContain("\u001b[31merror\u001b[0m");
    const plain = await run(["validate", "logs/app.ndjson", "--no-color"], { isTTY: true });
    expect(plain.stdout).not.toContain("\u001b[");
  });
});

describe("gen --check --diff and gen -f github", () => {
  it("--diff shows what changed in each stale file; --no-diff does not", async () => {
    const schema = join(project, "src/telemetry/shipment.schema.ts");
    writeFileSync(schema, SHIPPING.replace("A label was printed.", "A shipping label was printed."));
    try {
      const r = await run(["gen", "--check", "--diff"]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("stale     src/telemetry/generated/registry.json");
      expect(r.stderr).toContain(
        "--- a/src/telemetry/generated/registry.json\n+++ b/src/telemetry/generated/registry.json\n@@ ",
      );
      expect(r.stderr).toMatch(/^-.*"A label was printed\.",?$/m);
      expect(r.stderr).toMatch(/^\+.*"A shipping label was printed\.",?$/m);
      expect((await run(["gen", "--check", "--no-diff"])).stderr).not.toContain("--- a/");
    } finally {
      writeFileSync(schema, SHIPPING);
    }
  });

  it("-f github: registry errors become annotations at the field's line:column, exit 2, nothing written", async () => {
    const dir = tmpProject({
      "schemas/shipment.ts": SHIPPING.replace(
        'carrier: z.enum(["ups", "dhl"])',
        "carrier: z.custom<string>(() => true)",
      ),
    });
    const r = await run(["gen", "-f", "github"], { cwd: dir });
    expect(r.code).toBe(2);
    const annotations = r.stdout.split("\n").filter((l) => l.startsWith("::error "));
    expect(annotations.length).toBeGreaterThan(0);
    expect(annotations[0]).toMatch(
      /^::error file=schemas\/shipment\.ts,line=9,col=7,title=logpact LP_[A-Z_]+ \[shipment\.label > shipment\.label\.printed > carrier\]::/,
    );
    expect(existsSync(join(dir, "generated"))).toBe(false);
  });
});
