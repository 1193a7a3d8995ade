/**
 * An event with variants through the real CLI (in-process `main`), on a temp project
 * laid out like a service's: `gen` writes the variant-aware outputs, `validate` checks
 * pino lines against the variant their `reason` selects, `lint` checks call sites.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { expectCliExit, runCli } from "../helpers/cli.js";
import { REPO, tmpProject } from "../helpers/project.js";

const run = runCli;

const schema = readFileSync(join(REPO, "test/emitters/fixtures/schemas/idempotency.ts"), "utf8").replace(
  /^import type \{\} from .*$/m,
  "",
);
let project: string;

beforeAll(async () => {
  project = tmpProject({
    "package.json": JSON.stringify({ type: "module" }),
    "logpact.config.json": JSON.stringify({ schemas: ["src/**/log-fields.ts"] }),
    "src/idempotency/log-fields.ts": schema,
    "src/webhooks/handler.ts": [
      "declare const log: { warn(o: object, m?: string): void };",
      "declare const deliveryId: string;",
      "declare const err: Error;",
      'log.warn({ event: "idempotency.failed_open", reason: "error", deliveryId, errorMessage: err.message });',
      'log.warn({ event: "idempotency.failed_open", reason: "unavailable", deliveryId, errorMessage: err.message });',
      'log.warn({ event: "idempotency.failed_open", reason: "crashed", deliveryId });',
      "",
    ].join("\n"),
  });
  await expectCliExit(["gen"], project);
});

describe("an event with variants, end to end", () => {
  it("gen writes the oneOf schema, the union emitter type and the registry snapshot with variants", () => {
    const schemaJson = JSON.parse(
      readFileSync(join(project, "generated/json-schema/registry.schema.json"), "utf8"),
    ) as { $defs: Record<string, { oneOf?: unknown[] }> };
    expect(schemaJson.$defs["idempotency.failed_open"]!.oneOf).toHaveLength(3);
    expect(readFileSync(join(project, "generated/emitters/idempotency.ts"), "utf8")).toContain(
      // The event's fields entry is the union of its variants.
      "  readonly failed_open:\n    | {\n",
    );
    // The snapshot (irVersion 4) names an event by the part after its family's name.
    const snapshot = JSON.parse(readFileSync(join(project, "generated/registry.json"), "utf8")) as {
      families: { name: string; events: { short: string; discriminator?: string }[] }[];
    };
    expect(snapshot.families[0]!.name).toBe("idempotency");
    expect(snapshot.families[0]!.events.find((e) => e.short === "failed_open")!.discriminator).toBe("reason");
  });

  it("validate checks each line against its variant and names it", async () => {
    const lines = [
      { level: 40, event: "idempotency.failed_open", reason: "unavailable", deliveryId: "d-1", msg: "x" },
      {
        level: 40,
        event: "idempotency.failed_open",
        reason: "error",
        deliveryId: "d-2",
        errorMessage: "ECONNRESET",
        msg: "x",
      },
      { level: 40, event: "idempotency.failed_open", reason: "error", deliveryId: "d-3", msg: "x" },
    ];
    writeFileSync(join(project, "app.ndjson"), lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
    const r = await run(["validate", "app.ndjson", "--format", "json", "--detail"], project);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as {
      status: Record<string, number>;
      findings: { line: number; message: string }[];
    };
    expect(report.status.valid).toBe(2);
    expect(report.findings.map((f) => [f.line, f.message])).toEqual([
      [3, 'idempotency.failed_open (reason "error"): missing required field "errorMessage" (string)'],
    ]);
  });

  it("lint checks each call against the variant its literal reason selects", async () => {
    const r = await run(["lint", "src/webhooks/handler.ts", "--format", "json"], project);
    expect(r.code).toBe(1);
    const findings = (
      JSON.parse(r.stdout) as { findings: { rule: string; messageId: string; line: number }[] }
    ).findings.filter((f) => f.rule === "event-fields");
    expect(findings.map((f) => [f.line, f.messageId])).toEqual([
      [5, "undeclared"],
      [6, "unknownVariant"],
    ]);
  });
});
