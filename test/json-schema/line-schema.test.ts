/**
 * The generated JSON Schemas, checked as a log pipeline would use them: valid against
 * their meta-schema, accepting real pino lines and every example, rejecting contract
 * breaks — and agreeing with a second, independent validator (@cfworker/json-schema) and
 * with `logpact validate`'s own line checks (which compile whole, uncompacted event schemas).
 */
import { Validator } from "@cfworker/json-schema";
import type { ValidateFunction } from "ajv";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import pino from "pino";
import { beforeAll, describe, expect, it } from "vitest";
import type { RegistryIR } from "../../generator/registry/ir.js";
import { createAjv } from "../../generator/registry/ajv.js";
import { LOGPACT_KEYWORD } from "../../generator/registry/line-schema.js";
import { LogChecker } from "../../generator/validate/checker.js";
import { DEFAULT_SEVERITY } from "../../generator/validate/kinds.js";
import { REPO } from "../helpers/project.js";
import { bundledIr } from "../helpers/registry.js";
import { SCHEMA_MODES, schemaFiles } from "./helpers.js";

type Line = Record<string, unknown>;
const schemaFile = (name: string) =>
  JSON.parse(readFileSync(join(REPO, "generated/json-schema", name), "utf8")) as object;

const ajvFor = (draft: "2020-12" | "draft-07") => createAjv(draft, { allErrors: true, discriminator: true });

/** One real pino line per example payload (pino's default envelope: level, time, pid, hostname, msg). */
function pinoLines(ir: RegistryIR): Line[] {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      cb();
    },
  });
  const logger = pino({ level: "trace" }, sink);
  for (const e of ir.families.flatMap((f) => f.events)) for (const ex of e.examples) logger[e.level](ex, e.message);
  return lines.map((l) => JSON.parse(l) as Line);
}

let ir: RegistryIR;
let lines: Line[];
beforeAll(async () => {
  ir = await bundledIr();
  lines = pinoLines(ir);
});

const envelope = { level: 30, time: 1_764_000_000_000, pid: 4242, hostname: "web-1", msg: "x" };
const base = {
  event: "workflow.run.succeeded",
  runId: "6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b",
  workflowName: "fix-ci",
  target: "acme/api#12",
  deliveryId: "d-1",
  durationMs: 1200,
};

/** [name, line, valid?] — the table both validators must agree on. */
const table: [string, Line, boolean][] = [
  ["a complete line", { ...envelope, ...base }, true],
  ["no envelope but level", { level: 30, ...base }, true],
  ["label level and ISO time", { ...envelope, level: "info", time: "2026-11-22T10:00:00.000Z", ...base }, true],
  ["pino's err serializer", { ...envelope, ...base, err: { type: "Error", message: "boom", stack: "…" } }, true],
  ["an extra payload field", { ...envelope, ...base, extra: 1 }, false],
  ["a missing required field", { ...envelope, ...base, durationMs: undefined }, false],
  ["a wrong type", { ...envelope, ...base, durationMs: "1200" }, false],
  ["a negative duration", { ...envelope, ...base, durationMs: -1 }, false],
  ["a non-integer duration", { ...envelope, ...base, durationMs: 1.5 }, false],
  ["an unregistered event", { ...envelope, ...base, event: "workflow.run.exploded" }, false],
  ["no event at all", { ...envelope, msg: "hello" }, false],
  ["no level", { ...base }, false],
  ["a bad uuid", { ...envelope, ...base, runId: "not-a-uuid" }, false],
  ["an enum member", { ...envelope, event: "ws.liveness.ping_failed", side: "client", message: "EPIPE" }, true],
  [
    "an undeclared enum member",
    { ...envelope, event: "ws.liveness.ping_failed", side: "server", message: "EPIPE" },
    false,
  ],
  ["a nullable field set to null", { ...envelope, event: "daemon.connection.error", readyState: null }, true],
  [
    "a null where null is not allowed",
    { ...envelope, event: "daemon.connection.error", readyState: 1, message: null },
    false,
  ],
  ["readyState out of range", { ...envelope, event: "daemon.connection.error", readyState: 4 }, false],
  [
    "an optional field absent",
    {
      ...envelope,
      event: "dispatch.health.poll_stale",
      lastPollStartedAt: "2026-11-22T10:00:00.000Z",
      stale_for_ms: 61000,
      threshold_ms: 60000,
      inFlight: true,
    },
    true,
  ],
  [
    "a non-ISO timestamp",
    {
      ...envelope,
      event: "dispatch.health.poll_stale",
      lastPollStartedAt: "yesterday",
      stale_for_ms: 61000,
      threshold_ms: 60000,
      inFlight: true,
    },
    false,
  ],
];
const clean = (l: Line) => JSON.parse(JSON.stringify(l)) as Line;

describe.each(SCHEMA_MODES)("JSON Schema %s, dispatch %s", (draft, dispatch) => {
  let files: Record<string, object>;
  // Compiled once per mode and shared by the tests (validators keep no state between lines).
  let viaRegistry: ValidateFunction;
  const viaFamily = new Map<string, ValidateFunction>();
  // validate's checkers, one per fast-path setting: a checker keeps nothing of a line but its tally.
  const checkers = new Map<boolean, LogChecker>();
  const checkerFor = (fastPath: boolean) => {
    let c = checkers.get(fastPath);
    if (c === undefined)
      checkers.set(
        fastPath,
        (c = new LogChecker(ir, {
          draft,
          severity: DEFAULT_SEVERITY,
          maxFindings: 1000,
          maxLineBytes: 1 << 20,
          fastPath,
        })),
      );
    return c;
  };
  beforeAll(() => {
    files = schemaFiles(ir, draft, dispatch);
    viaRegistry = ajvFor(draft).compile(files["registry.schema.json"]!);
    const ajv = ajvFor(draft);
    ajv.addSchema(files["registry.schema.json"]!);
    for (const family of ir.families) viaFamily.set(family.name, ajv.compile(files[`${family.name}.schema.json`]!));
  });

  it("every schema is valid against its meta-schema (ajv strict mode)", () => {
    const ajv = ajvFor(draft);
    expect(Object.keys(files).length).toBe(ir.families.length + 1);
    // A family file refers into the registry file: ajv finds it by its `$id`, the file's name.
    ajv.addSchema(files["registry.schema.json"]!);
    for (const [name, schema] of Object.entries(files)) {
      expect(ajv.validateSchema(schema), `${name}: ${ajv.errorsText(ajv.errors)}`).toBe(true);
      if (name !== "registry.schema.json") ajv.compile(schema);
    }
    expect(ajv.getSchema("registry.schema.json")).toBeTypeOf("function");
  });

  it("a family file is a reference into the registry file, not a copy of its definitions", () => {
    const defs = draft === "draft-07" ? "definitions" : "$defs";
    for (const family of ir.families) {
      const file = files[`${family.name}.schema.json`] as Record<string, unknown>;
      const ref = `registry.schema.json#/${defs}/family:${family.name}`;
      expect(file[defs]).toBeUndefined();
      expect(draft === "draft-07" ? file.allOf : file.$ref).toEqual(draft === "draft-07" ? [{ $ref: ref }] : ref);
      expect(file.$id).toBe(`${family.name}.schema.json`);
    }
  });

  it("accepts a real pino line for every example of every event", () => {
    const validate = viaRegistry;
    expect(lines.length).toBe(ir.families.flatMap((f) => f.events).reduce((n, e) => n + e.examples.length, 0));
    expect(lines.length).toBeGreaterThanOrEqual(23);
    for (const line of lines)
      expect(validate(line), `${JSON.stringify(line)}: ${JSON.stringify(validate.errors)}`).toBe(true);
  });

  it("the per-family schema accepts its own lines and rejects another family's", () => {
    expect([...viaFamily.keys()]).toEqual(ir.families.map((f) => f.name));
    for (const family of ir.families) {
      const validate = viaFamily.get(family.name)!;
      for (const line of lines) expect(validate(line)).toBe(String(line.event).startsWith(`${family.name}.`));
    }
  });

  it.each(table)("ajv, @cfworker/json-schema and validate's line checks agree: %s", (_name, line, valid) => {
    const schema = files["registry.schema.json"]!;
    const ajvResult = viaRegistry(clean(line));
    const other = new Validator(schema as never, draft === "2020-12" ? "2020-12" : "7", false).validate(
      clean(line),
    ).valid;
    expect(ajvResult).toBe(valid);
    expect(other).toBe(valid);
    // The line's own family file, loaded with the registry file it refers to (an unregistered
    // event or none at all: every family file rejects it).
    const family = ir.families.find((f) => f.events.some((e) => e.name === line.event)) ?? ir.families[0]!;
    const familyFile = files[`${family.name}.schema.json`]!;
    expect(viaFamily.get(family.name)!(clean(line)), "ajv, family file").toBe(valid);
    const cfworker = new Validator(familyFile as never, draft === "2020-12" ? "2020-12" : "7", false);
    cfworker.addSchema(schema as never);
    expect(cfworker.validate(clean(line)).valid, "@cfworker/json-schema, family file").toBe(valid);
    for (const fastPath of [true, false]) {
      const checker = checkerFor(fastPath);
      const tally = checker.tally("app.log");
      checker.line(tally, JSON.stringify(clean(line)), 1, 0);
      expect(tally.status.valid, `fast path ${fastPath ? "on" : "off"}`).toBe(valid ? 1 : 0);
    }
  });
});

describe("the committed schemas", () => {
  it("are the 2020-12 output and carry the x-logpact annotations", () => {
    const schema = schemaFile("registry.schema.json") as {
      $schema: string;
      $defs: Record<
        string,
        { properties: Record<string, Record<string, unknown>>; "x-logpact": Record<string, unknown> }
      >;
    };
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    const def = schema.$defs["workflow.run.failed"]!;
    // What the rest of the file says is left out: the family (its definition lists the event),
    // pino's number for the level, the message when it is the event name, stability "stable".
    expect(def["x-logpact"]).toEqual({ level: "error" });
    expect(
      (schema.$defs["family:workflow.run"] as unknown as { properties: { event: { enum: string[] } } }).properties.event
        .enum,
    ).toContain("workflow.run.failed");
    // Fields declared alike in several events are shared definitions (compact.ts).
    const ref = def.properties.durationMs!.$ref as string | undefined;
    const durationMs = ref
      ? schema.$defs[decodeURIComponent(ref.slice("#/$defs/".length))]!
      : def.properties.durationMs!;
    expect(durationMs[LOGPACT_KEYWORD as keyof typeof durationMs]).toEqual({ unit: "ms" });
  });
});
