/**
 * Adoption acceptance (issue #14): a service's own hand-written `src/**\/log-fields.ts`
 * (test/fixtures/adopt-repo) generates with zero errors and nothing lost; the generated
 * TypeScript compiles under the strictest flags; the JSON Schema agrees with Zod on valid
 * and broken payloads; lint never judges a level nobody declared; a broken module beside
 * working ones still lets every other check run; a repo with no schemas can be linted.
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { runCli } from "../helpers/cli.js";
import { parseConfig } from "../../generator/config/load.js";
import type { FieldIR, RegistryIR } from "../../generator/registry/ir.js";
import { cleanSchema } from "../../generator/registry/field-schema.js";
import { readSnapshotFile } from "../../generator/registry/snapshot.js";
import { discoverSchemaFiles } from "../../generator/registry/load.js";
import { createAjv } from "../../generator/registry/ajv.js";
import { importModule } from "../../generator/util/import-module.js";
import { STRICTEST, runTsc, tsconfigJson } from "../emitters/helpers.js";
import { REPO, tmpProject, writeFiles } from "../helpers/project.js";

const FIXTURE = join(REPO, "test/fixtures/adopt-repo");

const cli = runCli;

/** A temp copy of the fixture (with node_modules linked), plus `extra` files. */
function copy(extra: Record<string, string> = {}): string {
  const dir = tmpProject({});
  cpSync(FIXTURE, dir, { recursive: true });
  writeFiles(dir, extra);
  return dir;
}

type AnyZod = z.ZodType;
/** Every event object of the fixture's schema modules, read straight from Zod: name → its schemas (several for an event with variants). */
async function fixtureEvents(): Promise<Map<string, AnyZod[]>> {
  const config = parseConfig(JSON.parse(readFileSync(join(FIXTURE, "logpact.config.json"), "utf8")), "test");
  const out = new Map<string, AnyZod[]>();
  const visit = (v: unknown) => {
    if (!(v instanceof z.ZodType)) return;
    const def = (
      v as unknown as { _zod: { def: { type: string; options?: unknown[]; shape?: Record<string, AnyZod> } } }
    )._zod.def;
    if (def.type === "union") for (const o of def.options ?? []) visit(o);
    else if (def.type === "object" && def.shape?.event instanceof z.ZodLiteral) {
      const name = String(def.shape.event.value);
      if (!out.get(name)?.includes(v)) out.set(name, [...(out.get(name) ?? []), v]);
    }
  };
  for (const file of await discoverSchemaFiles(FIXTURE, config))
    for (const v of Object.values(await importModule(join(FIXTURE, file)))) visit(v);
  return out;
}

/** One valid payload (without `event`) per module: what the service really logs. */
const VALID: Record<string, Record<string, unknown>> = {
  "agent.tool.started": {
    session_id: "s-1",
    tool_use_id: "toolu_01",
    tool_name: "bash",
    installation_id: 42,
    repo_full_name: "acme/widgets",
  },
  "agent.tool.output_truncated": {
    tool_use_id: "toolu_01",
    tool_name: "read_file",
    original_bytes: 90000,
    kept_bytes: 4096,
  },
  "agent.session.completed": {
    session_id: "s-1",
    turns: 3,
    input_tokens: 1200,
    output_tokens: 340,
    costUsd: 0.0123,
    session_duration_ms: 41000,
    stop_reason: "end_turn",
  },
  "agent.session.aborted": { session_id: "s-1", turns: 0, err: { code: "ECONNRESET" } },
  "github.webhook.handler_failed": {
    delivery_id: "3f2b8c1e-9d4a-4e6f-8b7c-2a1d5e9f0c34",
    handler: "issues.opened",
    err: { message: "boom", name: "TypeError" },
  },
  "github.api.request_completed": {
    request_id: "r-9",
    method: "GET",
    route: "/repos/{owner}/{repo}",
    status: 200,
    latencyMs: 87,
  },
  "queue.job.dead_lettered": { job_id: "j-7", queue: "webhooks", attempt: 5, err: "timeout" },
  "billing.usage.recorded": {
    installation_id: 42,
    session_id: "s-1",
    costUsd: 0.5,
    input_tokens: 10,
    output_tokens: 20,
  },
  "storage.blob.upload_failed": { key: "logs/1.ndjson", attempt: 2, err: null },
  "http.server.request_completed": { request_id: "r-1", route: "/healthz", status: 204, response_time_ms: 1.25 },
  "scheduler.cron.overran": { cron_name: "rotate_keys", overrun_s: 2.5, run_duration_ms: 62500 },
  "worker.task.crashed": {
    task_id: "t-1",
    worker_id: "w-2",
    err: { message: "out of memory", stack: "Error: out of memory\n    at run" },
    signal: "SIGKILL",
  },
  "notify.slack.failed": { channel: "#ops", err: "rate limited", retryable: true },
  "idempotency.failed_open": { key: "delivery:3f2b", reason: "error", err: "redis: connection refused" },
};

/** Zod's verdict on a whole line of `event` (an event with variants: any of its shapes). */
const zodAccepts = (schemas: readonly AnyZod[], line: Record<string, unknown>) =>
  schemas.some((s) => s.safeParse(line).success);

/** Broken variants of a valid payload: each one Zod rejects. */
function broken(
  event: string,
  payload: Record<string, unknown>,
  fields: readonly FieldIR[],
): [string, Record<string, unknown>][] {
  const required = fields.find((f) => f.required)!;
  const typed = fields.find((f) => f.types.length === 1 && f.types[0] !== "any")!;
  const { [required.name]: _dropped, ...missing } = payload;
  return [
    [`${event} with an undeclared field`, { ...payload, surprise_field: 1 }],
    [`${event} without ${required.name}`, missing],
    [
      `${event} with ${typed.name} of the wrong type`,
      { ...payload, [typed.name]: typed.types[0] === "string" ? 12 : "twelve" },
    ],
  ];
}

describe("logpact gen on a service's own log-fields modules", () => {
  let dir: string;
  let gen: Awaited<ReturnType<typeof cli>>;
  let ir: RegistryIR;
  let zodEvents: Map<string, AnyZod[]>;
  beforeAll(async () => {
    dir = copy();
    gen = await cli(["gen"], dir);
    ir = readSnapshotFile(join(dir, "generated/registry.json"), "generated/registry.json");
    zodEvents = await fixtureEvents();
  });
  const irEvent = (name: string) => ir.families.flatMap((f) => f.events).find((e) => e.name === name)!;

  it("exits 0 with zero errors, and prints its notes", () => {
    expect(gen.stderr).not.toMatch(/\berror LP_/);
    expect(gen.code).toBe(0);
    expect(gen.stderr).toContain("src/logging/catch-all/log-fields.ts: note LP_EXPORT_SKIPPED");
    expect(gen.stderr).toContain("note LP_LEVEL_DEFAULTED");
    expect(gen.stderr).toContain("56 events declare no level");
    expect(gen.stdout).toContain("17 families, 56 events");
  });

  it("is a real service registry: at least 10 modules and 50 events, every one registered", () => {
    expect(zodEvents.size).toBeGreaterThanOrEqual(50);
    expect(ir.families.flatMap((f) => f.events.map((e) => e.name)).sort()).toEqual([...zodEvents.keys()].sort());
  });

  it("groups one-export-per-event modules into families by prefix, across modules", () => {
    const tool = ir.families.find((f) => f.name === "agent.tool")!;
    expect(tool.events.map((e) => e.short)).toEqual([
      "started",
      "completed",
      "failed",
      "timed_out",
      "output_truncated",
    ]);
    expect(tool.events.at(-1)!.source).toEqual({
      file: "src/agent/tools/output/log-fields.ts",
      export: "AgentToolOutputTruncated",
    });
    expect(ir.families.map((f) => f.name)).toEqual([
      "agent.session",
      "agent.tool",
      "billing.quota",
      "billing.usage",
      "github.api",
      "github.webhook",
      "http.server",
      "idempotency",
      "idempotency.key",
      "notify.email",
      "notify.slack",
      "queue.job",
      "scheduler.cron",
      "storage.blob",
      "storage.cache",
      "worker.pool",
      "worker.task",
    ]);
  });

  it("reads units from the suffixes in both styles", () => {
    const unit = (event: string, field: string) => irEvent(event).fields.find((f) => f.name === field)!.unit;
    expect([
      unit("agent.tool.completed", "tool_duration_ms"),
      unit("agent.session.completed", "costUsd"),
      unit("github.api.request_completed", "latencyMs"),
      unit("storage.blob.uploaded", "size_bytes"),
      unit("scheduler.cron.overran", "overrun_s"),
      unit("billing.quota.warning", "used_pct"),
    ]).toEqual(["ms", "usd", "ms", "bytes", "s", "percent"]);
  });

  it("agrees field by field with Zod's own z.toJSONSchema of every event (nothing lost, nothing mistyped)", () => {
    const pairs = [...zodEvents].flatMap(([name, schemas]) => {
      const event = irEvent(name);
      // An event with variants: each Zod member against its variant, in declaration order.
      if (schemas.length > 1) expect(event.variants?.length, name).toBe(schemas.length);
      return schemas.map(
        (schema, i) => [name, schema, schemas.length > 1 ? event.variants![i]!.fields : event.fields] as const,
      );
    });
    expect(pairs.length).toBeGreaterThan(zodEvents.size);
    for (const [name, schema, fields] of pairs) {
      const json = z.toJSONSchema(schema, { io: "output", unrepresentable: "any" }) as {
        properties: Record<string, unknown>;
        required?: string[];
      };
      const props = Object.keys(json.properties).filter((k) => k !== "event");
      expect(
        fields.map((f) => f.name),
        name,
      ).toEqual(props);
      for (const f of fields) {
        const {
          description: _d,
          examples: _e,
          ...zodField
        } = cleanSchema(json.properties[f.name]) as Record<string, unknown>;
        expect(f.schema, `${name} > ${f.name}`).toEqual(zodField);
        expect(f.required, `${name} > ${f.name} required`).toBe((json.required ?? []).includes(f.name));
      }
    }
  });

  it("generated TypeScript type-checks under the strictest flags", () => {
    const tsDir = tmpProject({ "package.json": JSON.stringify({ type: "module" }) }, { linkNodeModules: false });
    cpSync(join(dir, "generated/emitters"), join(tsDir, "emitters"), { recursive: true });
    writeFileSync(join(tsDir, "tsconfig.json"), tsconfigJson(["emitters/*.ts"], { ...STRICTEST, types: [] }));
    const r = runTsc(tsDir);
    expect(r.output).toBe("");
    expect(r.code).toBe(0);
  });

  describe("the JSON Schema accepts what Zod accepts and rejects what Zod rejects", () => {
    const ajv = createAjv("2020-12");
    let registryAdded = false;
    const validators = new Map<string, (v: unknown) => boolean>();
    const lineValid = (event: string, payload: Record<string, unknown>) => {
      const family = ir.families.find((f) => f.events.some((e) => e.name === event))!;
      let v = validators.get(family.name);
      if (!v) {
        // A family file refers into the registry file: load it first (found by its `$id`).
        if (!registryAdded)
          ajv.addSchema(JSON.parse(readFileSync(join(dir, "generated/json-schema/registry.schema.json"), "utf8")));
        registryAdded = true;
        v = ajv.compile(
          JSON.parse(readFileSync(join(dir, `generated/json-schema/${family.name}.schema.json`), "utf8")),
        ) as (v: unknown) => boolean;
        validators.set(family.name, v);
      }
      return v({ level: 50, time: 1764720000000, pid: 7, hostname: "runner-1", msg: "m", event, ...payload });
    };
    it("covers every module that declares events", () => {
      const fileOf = (name: string) => {
        const family = ir.families.find((f) => f.events.some((x) => x.name === name))!;
        return family.events.find((x) => x.name === name)!.source?.file ?? family.source.file;
      };
      const all = new Set(ir.families.flatMap((f) => f.events.map((e) => fileOf(e.name))));
      expect(all.size).toBe(13);
      expect(new Set(Object.keys(VALID).map(fileOf))).toEqual(all);
    });
    it.each(Object.entries(VALID))("valid: %s", (event, payload) => {
      expect(zodAccepts(zodEvents.get(event)!, { event, ...payload })).toBe(true);
      expect(lineValid(event, payload)).toBe(true);
    });
    it("broken payloads of every module are rejected by both", () => {
      for (const [event, payload] of Object.entries(VALID)) {
        for (const [what, bad] of broken(event, payload, irEvent(event).fields)) {
          expect(zodAccepts(zodEvents.get(event)!, { event, ...bad }), `zod: ${what}`).toBe(false);
          expect(lineValid(event, bad), `ajv: ${what}`).toBe(false);
        }
      }
    });
    it("each event's own err: a string where declared a string, an object where declared an object", () => {
      expect(lineValid("notify.slack.failed", { channel: "#ops", retryable: false, err: { message: "x" } })).toBe(
        false,
      );
      expect(lineValid("worker.task.crashed", { task_id: "t", worker_id: "w", signal: null, err: "x" })).toBe(false);
      // Variants: only the "error" shape of idempotency.failed_open carries err.
      expect(lineValid("idempotency.failed_open", { key: "k", reason: "unavailable" })).toBe(true);
      expect(lineValid("idempotency.failed_open", { key: "k", reason: "unavailable", err: "x" })).toBe(false);
      expect(
        zodAccepts(zodEvents.get("idempotency.failed_open")!, {
          event: "idempotency.failed_open",
          key: "k",
          reason: "unavailable",
          err: "x",
        }),
      ).toBe(false);
    });
  });

  it("lint on the service's code reports no level-mismatch for levels nobody declared", async () => {
    const r = await cli(["lint", "--format", "json", "--jobs", "1", "src/app"], dir);
    const report = JSON.parse(r.stdout) as { findings: { rule: string; file: string; line: number }[] };
    expect(report.findings.filter((f) => f.rule === "level-mismatch")).toEqual([]);
    // The checks still run: the one free-text call is found, and the warn/error calls were read.
    expect(report.findings.map((f) => `${f.rule} ${f.file}:${f.line}`)).toContain(
      "untyped-log-call src/app/webhook-handler.ts:19",
    );
    expect(r.code).toBe(1);
  });
});

describe("one broken module beside working ones", () => {
  const DOC = [
    "# Operations",
    "",
    "Request logging: src/http/log-fields.ts:11-18#HttpServerRequestCompleted.",
    "Dead letters: src/queue/log-fields.ts:900.",
    "",
  ].join("\n");
  let dir: string;
  beforeAll(() => {
    dir = copy({ "docs/ops.md": DOC });
    const file = join(dir, "src/storage/log-fields.ts");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace("export const StorageCacheMiss", "export const StorageCacheMiss = = "),
    );
  });

  it("gen reports that module, still checks the others, exits 2 and writes nothing", async () => {
    const r = await cli(["gen"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("src/storage/log-fields.ts: error LP_LOAD_FAILED");
    expect(r.stderr).toContain("nothing was written");
    expect(existsSync(join(dir, "generated"))).toBe(false);
  });

  it("lint still runs the rules that need no registry, and exits 2", async () => {
    const r = await cli(["lint", "--format", "json", "--jobs", "1", "src/app"], dir);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout) as { findings: { rule: string; file: string; line: number }[] };
    expect(report.findings.map((f) => `${f.rule} ${f.file}:${f.line}`)).toEqual([
      "untyped-log-call src/app/webhook-handler.ts:19",
    ]);
    expect(r.stderr).toContain("src/storage/log-fields.ts: error LP_LOAD_FAILED");
    expect(r.stderr).toMatch(
      /skipped event-fields, level-mismatch, prefer-emitter, unknown-event, which need the registry/,
    );
  });

  it("docs check still checks the source citations of every doc, and exits 2", async () => {
    const r = await cli(["docs", "check"], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain("docs/ops.md:4");
    expect(r.stdout).toContain("LP_DOCS_SOURCE_RANGE");
    expect(r.stdout).not.toContain("docs/ops.md:3");
    expect(r.stderr).toContain("src/storage/log-fields.ts: error LP_LOAD_FAILED");
    expect(r.stderr).toContain("only source citations were checked");
  });
});

describe("lint before any schema exists", () => {
  it("runs the rules that need no registry and says which were skipped", async () => {
    const dir = tmpProject({
      "src/app.ts": `declare const logger: { info(msg: string): void; warn(o: object): void };\nlogger.info("Connected to orchestrator");\nlogger.warn({ event: "x.y.z" });\n`,
    });
    const r = await cli(["lint", "--format", "json", "--jobs", "1"], dir);
    const report = JSON.parse(r.stdout) as { findings: { rule: string; line: number }[] };
    expect(report.findings.map((f) => `${f.rule}:${f.line}`)).toEqual(["untyped-log-call:2"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("no registry yet");
    expect(r.stderr).toMatch(
      /ran [^;]*untyped-log-call[^;]*; skipped event-fields, level-mismatch, prefer-emitter, unknown-event/,
    );
  });
});
