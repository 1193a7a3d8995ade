/**
 * The generated emitters at run time, imported from the committed generated/emitters/
 * (bundled registry) and test/emitters/golden/ (fixture registries):
 * - each emitter writes exactly the line the hand-written pino call writes;
 * - validation modes (off / throw / report, option and environment), violation messages;
 * - the generated validator agrees with ajv on the generated JSON Schema;
 * - the message-first adapter; redaction with real pino 9 and 10.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import pino9 from "pino9";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { EventIR, RegistryIR } from "../../generator/registry/ir.js";
import { LEVEL_VALUES } from "../../generator/registry/meta.js";
import { createAjv } from "../../generator/registry/ajv.js";
import { lineSchema } from "../../generator/registry/line-schema.js";
import * as bundled from "../../generated/emitters/index.js";
import * as job from "./golden/job/index.js";
import * as hostile from "./golden/hostile/index.js";
import { REPO } from "../helpers/project.js";
import { bundledIr } from "../helpers/registry.js";
import { thrownBy } from "../helpers/thrown.js";
import { fixtureIr } from "./helpers.js";

type Line = Record<string, unknown>;
type AnyEmitter = (fields?: unknown, message?: string) => void;
type Factory = (logger: unknown, options?: unknown) => Record<string, AnyEmitter>;

/** A pino logger (9 or 10) writing to memory, without time/pid/hostname so lines compare. */
function memoryLogger(make: typeof pino = pino, opts: Record<string, unknown> = {}) {
  const lines: Line[] = [];
  const logger = make(
    { level: "trace", timestamp: false, base: null, ...opts },
    { write: (s: string) => void lines.push(JSON.parse(s) as Line) },
  );
  return { logger, lines };
}

/** `daemon.connection` → `daemonConnectionEmitters` from a generated module namespace. */
function factoryOf(mod: object, family: string): Factory {
  const name = `${family.replace(/[^A-Za-z0-9]+(.)/g, (_m, c: string) => c.toUpperCase())}Emitters`;
  return (mod as Record<string, Factory>)[name]!;
}

/** `connect_attempt` → the method (the short name, or its sanitised form). */
function methodOf(event: EventIR): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(event.short) ? event.short : event.short.replace(/[^A-Za-z0-9_$]/g, "_");
}

function withoutEvent(example: Record<string, unknown>): Record<string, unknown> {
  const { event: _e, ...fields } = example;
  return fields;
}

let ir: RegistryIR;
beforeAll(async () => {
  ir = await bundledIr();
});

describe("an emitter writes what the hand-written call writes", () => {
  it("for every example of every bundled event, on pino 10 and pino 9", () => {
    let compared = 0;
    for (const make of [pino, pino9 as unknown as typeof pino]) {
      for (const family of ir.families) {
        const viaHelper = memoryLogger(make);
        const byHand = memoryLogger(make);
        const emitters = factoryOf(bundled, family.name)(viaHelper.logger);
        for (const event of family.events) {
          for (const example of event.examples) {
            emitters[methodOf(event)]!(withoutEvent(example));
            byHand.logger[event.level]({ event: event.name, ...withoutEvent(example) }, event.message);
            compared++;
          }
        }
        expect(viaHelper.lines).toEqual(byHand.lines);
        // event first, like the hand-written literal.
        for (const line of viaHelper.lines) expect(Object.keys(line).slice(0, 2)).toEqual(["level", "event"]);
      }
    }
    expect(compared).toBeGreaterThan(40);
  });

  it.each([...LEVEL_SAMPLE()].map((s) => [s.event, s] as const))(
    "%s is logged at its registry level with its default message",
    (_name, sample) => {
      const { logger, lines } = memoryLogger();
      factoryOf(bundled, sample.family)(logger)[sample.method]!(sample.fields);
      expect(lines).toEqual([{ level: sample.levelValue, event: sample.event, ...sample.fields, msg: sample.event }]);
    },
  );

  it("an optional message argument overrides the default message", () => {
    const { logger, lines } = memoryLogger();
    bundled
      .daemonConnectionEmitters(logger)
      .connected({ attempt: 2, time_to_connect_ms: 40, downtime_ms: 900 }, "reconnected after a drop");
    expect(lines[0]!.msg).toBe("reconnected after a drop");
  });

  it("a registry message is the default message; messages are never printf-formatted", () => {
    const { logger, lines } = memoryLogger();
    job.jobEmitters(logger).heartbeat();
    hostile.hostileEmitters(logger).we_ird__name({ "content-type": "a", class: 1, quoted: "${f}" });
    bundled.wsLivenessEmitters(logger).ping_failed({ side: "client", message: "x" }, "100%s done %d");
    expect(lines.map((l) => l.msg)).toEqual([
      "job heartbeat",
      'msg with "quotes" */ and ${x} and `y`\nand a newline',
      "100%s done %d",
    ]);
  });

  it("only declared fields reach the line, even from an object that is not a fresh literal", () => {
    const { logger, lines } = memoryLogger();
    const fields = { attempt: 1, time_to_connect_ms: 42, downtime_ms: 0, password: "hunter2" };
    bundled.daemonConnectionEmitters(logger).connected(fields);
    expect(lines[0]).toEqual({
      level: 30,
      event: "daemon.connection.connected",
      attempt: 1,
      time_to_connect_ms: 42,
      downtime_ms: 0,
      msg: "daemon.connection.connected",
    });
  });

  it("absent optional fields are absent from the line; child logger bindings come first", () => {
    const { logger, lines } = memoryLogger();
    bundled
      .wsLivenessEmitters(logger.child({ name: "broker" }))
      .stale_terminated({ side: "client", idle_ms: 90000, threshold_ms: 75000 });
    job.jobEmitters(logger).progress();
    expect(lines).toEqual([
      {
        level: 40,
        name: "broker",
        event: "ws.liveness.stale_terminated",
        idle_ms: 90000,
        side: "client",
        threshold_ms: 75000,
        msg: "ws.liveness.stale_terminated",
      },
      { level: 20, event: "job.progress", msg: "job.progress" },
    ]);
  });

  it("honours the logger's level (a debug event is dropped at info)", () => {
    const { logger, lines } = memoryLogger(pino, { level: "info" });
    const gw = bundled.gatewayConnectionEmitters(logger);
    gw.pong({ clientId: "c", rtt_ms: 1 });
    gw.stale({ clientId: "c", since_last_pong_ms: null, threshold_ms: 20000 });
    expect(lines.map((l) => l.event)).toEqual(["gateway.connection.stale"]);
  });
});

/** One sample call per bundled level (derived from the committed generated code's constants). */
function* LEVEL_SAMPLE() {
  const samples: [string, string, string, Record<string, unknown>][] = [
    [
      "daemon.connection",
      "reconnect_scheduled",
      "daemon.connection.reconnect_scheduled",
      { attempt: 2, backoff_ms: 1000 },
    ],
    ["daemon.connection", "error", "daemon.connection.error", { readyState: null }],
    ["gateway.connection", "pong", "gateway.connection.pong", { clientId: "c-1", rtt_ms: 38 }],
    [
      "workflow.run",
      "queued",
      "workflow.run.queued",
      { runId: "6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b", workflowName: "w", target: "t", deliveryId: "d" },
    ],
  ];
  for (const [family, method, event, fields] of samples) {
    const level = (bundled as unknown as Record<string, Record<string, keyof typeof LEVEL_VALUES>>)[
      `${family.replace(".", "_").toUpperCase()}_LOG_LEVELS`
    ]![event]!;
    yield { family, method, event, fields, levelValue: LEVEL_VALUES[level] };
  }
}

describe("validation modes", () => {
  const ENV = "LOGPACT_VALIDATE";
  const saved = process.env[ENV];
  afterEach(() => {
    if (saved === undefined) delete process.env[ENV];
    else process.env[ENV] = saved;
    vi.restoreAllMocks();
  });

  const bad = { attempt: 0, time_to_connect_ms: 42, downtime_ms: 0 };

  it("off (the default) validates nothing and wraps nothing: the emitter is the plain one", () => {
    delete process.env[ENV];
    const { logger, lines } = memoryLogger();
    const conn = bundled.daemonConnectionEmitters(logger);
    expect(bundled.validationMode()).toBe("off");
    expect(conn.connected.name).toBe("connected"); // not the validating wrapper
    conn.connected(bad);
    expect(lines).toHaveLength(1);
  });

  it("throw: a LogContractViolation naming the event and the field, and nothing is logged", () => {
    const { logger, lines } = memoryLogger();
    const conn = bundled.daemonConnectionEmitters(logger, { validation: "throw" });
    expect(() => conn.connected(bad)).toThrow(bundled.LogContractViolation);
    try {
      conn.connected(bad);
    } catch (e) {
      const v = e as InstanceType<typeof bundled.LogContractViolation>;
      expect([v.name, v.event, v.field, v.problem, v.message]).toEqual([
        "LogContractViolation",
        "daemon.connection.connected",
        "attempt",
        "must be ≥ 1 (got 0)",
        'daemon.connection.connected: field "attempt" must be ≥ 1 (got 0)',
      ]);
    }
    expect(lines).toEqual([]);
    conn.connected({ attempt: 1, time_to_connect_ms: 42, downtime_ms: 0 });
    expect(lines).toHaveLength(1);
  });

  it("report: onViolation gets the violation and the line is still logged", () => {
    const { logger, lines } = memoryLogger();
    const seen: bundled.Violation[] = [];
    bundled.daemonConnectionEmitters(logger, { validation: "report", onViolation: (v) => seen.push(v) }).connected(bad);
    expect(seen).toEqual([
      {
        event: "daemon.connection.connected",
        field: "attempt",
        problem: "must be ≥ 1 (got 0)",
        message: 'daemon.connection.connected: field "attempt" must be ≥ 1 (got 0)',
      },
    ]);
    expect(lines).toHaveLength(1);
  });

  it("report without a hook writes the violation to console.error", () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const { logger } = memoryLogger();
    bundled.daemonConnectionEmitters(logger, { validation: "report" }).connected(bad);
    expect(spy).toHaveBeenCalledWith('logpact: daemon.connection.connected: field "attempt" must be ≥ 1 (got 0)');
  });

  it.each([
    ["throw", () => expect.anything()],
    ["report", () => undefined],
    [" throw ", () => expect.anything()],
  ])("LOGPACT_VALIDATE=%j turns validation on when the emitters are created", (value) => {
    process.env[ENV] = value;
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const { logger } = memoryLogger();
    const conn = bundled.daemonConnectionEmitters(logger);
    if (value.trim() === "throw") expect(() => conn.connected(bad)).toThrow(/field "attempt" must be ≥ 1/);
    else {
      conn.connected(bad);
      expect(spy).toHaveBeenCalledOnce();
    }
  });

  it("the option wins over the environment", () => {
    process.env[ENV] = "throw";
    const { logger, lines } = memoryLogger();
    bundled.daemonConnectionEmitters(logger, { validation: "off" }).connected(bad);
    expect(lines).toHaveLength(1);
  });

  it("an unknown mode in the environment fails when the emitters are created, naming the variable", () => {
    process.env[ENV] = "strict";
    expect(() => bundled.daemonConnectionEmitters(memoryLogger().logger)).toThrow(
      'LOGPACT_VALIDATE="strict" is not a validation mode; use off, throw or report (or unset it).',
    );
  });

  it("an all-optional event may be called without fields in validation mode", () => {
    const { logger, lines } = memoryLogger();
    job.jobEmitters(logger, { validation: "throw" }).progress();
    expect(lines).toHaveLength(1);
  });

  const violations: [string, { emit: (e: typeof bundled) => void; want: { field: string; message: string } }][] = [
    [
      "a missing required field",
      {
        emit: (e) =>
          e.daemonConnectionEmitters(sink(), strict).connected({ attempt: 1, time_to_connect_ms: 42 } as never),
        want: {
          field: "downtime_ms",
          message: 'daemon.connection.connected: field "downtime_ms" is required but missing',
        },
      },
    ],
    [
      "an extra field (from a non-fresh object)",
      {
        emit: (e) =>
          e
            .daemonConnectionEmitters(sink(), strict)
            .reconnect_scheduled({ attempt: 2, backoff_ms: 1, region: "eu" } as never),
        want: {
          field: "region",
          message:
            'daemon.connection.reconnect_scheduled: field "region" is not a field of this event (fields: attempt, backoff_ms)',
        },
      },
    ],
    [
      "a wrong type",
      {
        emit: (e) =>
          e
            .daemonConnectionEmitters(sink(), strict)
            .disconnected({ code: "1006", reason: "", connected_duration_ms: 0 } as never),
        want: {
          field: "code",
          message: 'daemon.connection.disconnected: field "code" must be an integer (got "1006")',
        },
      },
    ],
    [
      "a fraction where an integer is declared",
      {
        emit: (e) => e.gatewayConnectionEmitters(sink(), strict).pong({ clientId: "c", rtt_ms: 1.5 }),
        want: { field: "rtt_ms", message: 'gateway.connection.pong: field "rtt_ms" must be an integer (got 1.5)' },
      },
    ],
    [
      "NaN (pino would write null)",
      {
        emit: (e) => e.gatewayConnectionEmitters(sink(), strict).pong({ clientId: "c", rtt_ms: NaN }),
        want: {
          field: "rtt_ms",
          message:
            'gateway.connection.pong: field "rtt_ms" must be an integer (JSON has no NaN or Infinity; pino writes null) (got NaN)',
        },
      },
    ],
    [
      "a wrong enum member",
      {
        emit: (e) => e.wsLivenessEmitters(sink(), strict).ping_failed({ side: "server", message: "x" } as never),
        want: {
          field: "side",
          message: 'ws.liveness.ping_failed: field "side" must be one of "client", "broker" (got "server")',
        },
      },
    ],
    [
      "a wrong type on a nullable field",
      {
        emit: (e) => e.daemonConnectionEmitters(sink(), strict).error({ readyState: "open" } as never),
        want: {
          field: "readyState",
          message: 'daemon.connection.error: field "readyState" must be an integer or null (got "open")',
        },
      },
    ],
    [
      "out of range on a nullable field",
      {
        emit: (e) => e.daemonConnectionEmitters(sink(), strict).error({ readyState: 4 }),
        want: { field: "readyState", message: 'daemon.connection.error: field "readyState" must be ≤ 3 (got 4)' },
      },
    ],
    [
      "null on an optional field",
      {
        emit: (e) => e.daemonConnectionEmitters(sink(), strict).error({ readyState: 0, message: null } as never),
        want: { field: "message", message: 'daemon.connection.error: field "message" must be a string (got null)' },
      },
    ],
    [
      "an empty string where non-empty is declared",
      {
        emit: (e) =>
          e.workflowRunEmitters(sink(), strict).dispatch_refused({
            runId: "6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b",
            workflowName: "",
            target: "t",
            deliveryId: "d",
            reason: "r",
          }),
        want: {
          field: "workflowName",
          message: 'workflow.run.dispatch_refused: field "workflowName" must not be empty (got "")',
        },
      },
    ],
    [
      "a malformed ISO timestamp",
      {
        emit: (e) =>
          e
            .dispatchHealthEmitters(sink(), strict)
            .poll_recovered({ lastPollCompletedAt: "yesterday", stale_for_ms: 0 }),
        want: {
          field: "lastPollCompletedAt",
          message: 'dispatch.health.poll_recovered: field "lastPollCompletedAt" must match the pattern',
        },
      },
    ],
    [
      "a sensitive field's value is never quoted",
      {
        emit: (e) =>
          e
            .wsLivenessEmitters(sink(), strict)
            .stale_terminated({ side: "broker", idle_ms: 1, threshold_ms: 1, peerId: "" }),
        want: { field: "peerId", message: 'ws.liveness.stale_terminated: field "peerId" must not be empty' },
      },
    ],
    [
      "fields that are not an object",
      {
        emit: (e) => e.daemonConnectionEmitters(sink(), strict).connected(null as never),
        want: { field: "", message: "daemon.connection.connected fields must be an object (got null)" },
      },
    ],
  ];
  it.each(violations)("%s", (_name, { emit, want }) => {
    const v = thrownBy(() => emit(bundled), bundled.LogContractViolation);
    expect(v.field).toBe(want.field);
    expect(v.message.startsWith(want.message)).toBe(true);
    if (_name.startsWith("a sensitive")) expect(v.message).not.toContain("(got");
  });
});

const strict = { validation: "throw" } as const;
function sink() {
  return memoryLogger().logger;
}

/** Mutations of a valid payload: every field removed, set to values of every JSON type, an extra key. */
function mutations(payload: Record<string, unknown>, extra: Record<string, unknown[]> = {}): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [payload, { ...payload, unexpected: 1 }];
  const values = [
    null,
    "",
    "x",
    0,
    -1,
    1,
    1.5,
    4,
    1e6,
    true,
    {},
    [],
    ["a"],
    [1, 2],
    { a: 1 },
    "2026-11-22T10:00:00.000Z",
    "6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b",
    "client",
  ];
  for (const key of Object.keys(payload)) {
    if (key === "event") continue;
    const { [key]: _drop, ...without } = payload;
    out.push(without);
    for (const v of [...values, ...(extra[key] ?? [])]) out.push({ ...payload, [key]: v });
  }
  return out;
}

function ajvFor(registry: RegistryIR): (line: Line) => boolean {
  const ajv = createAjv("2020-12");
  const events = registry.families.flatMap((f) => f.events);
  const validate = ajv.compile(
    lineSchema(registry, events, { draft: "2020-12", id: "urn:logpact:test", title: "t", comment: "c" }),
  );
  return (line) => validate(line) as boolean;
}

describe("the generated validator agrees with ajv on the generated JSON Schema", () => {
  it("bundled registry: every example and hundreds of mutations", () => {
    const ajvValid = ajvFor(ir);
    let checked = 0;
    let invalid = 0;
    for (const event of ir.families.flatMap((f) => f.events)) {
      for (const payload of mutations(event.examples[0]!)) {
        const ours = bundled.validateLogPayload(payload);
        expect(ours === undefined, `${JSON.stringify(payload)}: ${ours?.message}`).toBe(
          ajvValid({ level: 30, ...payload }),
        );
        checked++;
        if (ours) invalid++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
    expect(invalid).toBeGreaterThan(checked / 2);
  });

  it("job fixture: nested objects, tuples, records, formats, multipleOf, lengths, literal unions", () => {
    const jobIr = fixtureIr("job");
    const ajvValid = ajvFor(jobIr);
    const started = jobIr.families[0]!.events.find((e) => e.name === "job.started")!.examples[0]!;
    const cases = [
      ...mutations(started, {
        limits: [
          { cpu_ms: 1, memory_bytes: 1 },
          { cpu_ms: -1, memory_bytes: 1 },
          { cpu_ms: 1 },
          { cpu_ms: 1, memory_bytes: 0 },
          { cpu_ms: 1, memory_bytes: 1, extra: 1 },
        ],
        tags: [["a", "b"], [""], ["a", "b", "c", "d", "e", "f"], [1]],
        retryAt: ["2026-13-01T00:00:00Z", "2026-11-22T10:00:00Z", "2026-11-22T10:00:00+01:00"],
        owner_email: ["nope", "a@b.co", "a@b"],
        queue: ["bulk", "urgent"],
      }),
      ...mutations(
        { event: "job.finished", jobId: "j", duration_ms: 1, result: ["ok", 3], counters: { a: 1 } },
        {
          result: [["ok"], ["ok", 1, 2], ["bad", 1], ["partial", 1.5]],
          counters: [{}, { a: "x" }, { a: 1.5 }],
          legacy_status: ["done"],
        },
      ),
      ...mutations(
        { event: "job.crashed", jobId: "j", signal: 9 },
        { signal: ["SIGKILL", "SIGTERM", 9, 15], exit_code: [null, 1, 1.5] },
      ),
      ...mutations(
        { event: "job.progress", done_pct: 50 },
        {
          done_pct: [0.5, 0.3, 100, 100.5],
          note: ["x".repeat(80), "x".repeat(81), "é".repeat(80), "😀".repeat(80), "😀".repeat(81)],
        },
      ),
      { event: "job.heartbeat" },
      { event: "job.heartbeat", x: 1 },
      { event: "job.unknown" },
    ];
    for (const payload of cases) {
      const ours = job.validateLogPayload(payload);
      expect(ours === undefined, `${JSON.stringify(payload)}: ${ours?.message}`).toBe(
        ajvValid({ level: 30, ...payload }),
      );
    }
    expect(cases.length).toBeGreaterThan(250);
  });

  it.each([
    [
      { event: "job.finished", jobId: "j", duration_ms: 1, result: ["ok", 1, 2], counters: {} },
      "result",
      "must have at most 2 items",
    ],
    [
      { event: "job.finished", jobId: "j", duration_ms: 1, result: ["bad", 1], counters: {} },
      "result[0]",
      'must be one of "ok", "partial"',
    ],
    [
      { event: "job.finished", jobId: "j", duration_ms: 1, result: ["ok", 1], counters: { a: "x" } },
      "counters.a",
      "must be a number",
    ],
    [
      {
        event: "job.started",
        jobId: "j",
        queue: "bulk",
        attempt: 1,
        limits: { cpu_ms: 1 },
        retryAt: null,
        owner_email: "a@b.co",
      },
      "limits.memory_bytes",
      "is required but missing",
    ],
    [{ event: "job.progress", done_pct: 0.3 }, "done_pct", "must be a multiple of 0.5"],
    [{ event: "job.crashed", jobId: "j", signal: "SIGTERM" }, "signal", 'must be "SIGKILL" (got "SIGTERM")'],
    [{ event: "job.unknown" }, "", "is not an event of the registry"],
    [{ event: 7 }, "event", "must be a string"],
  ])("%j → %s %s", (payload, field, problem) => {
    const v = job.validateLogPayload(payload);
    expect(v?.field).toBe(field);
    expect(v?.problem).toContain(problem);
  });
});

describe("the message-first (winston-style) adapter", () => {
  function winstonLike() {
    const calls: { level: string; message: unknown; fields: unknown; self: unknown }[] = [];
    const logger = {
      debug(this: unknown, message: string, fields: object) {
        calls.push({ level: "debug", message, fields, self: this });
      },
      warn(this: unknown, message: string, fields: object) {
        calls.push({ level: "warn", message, fields, self: this });
      },
    };
    return { logger, calls };
  }

  it.each([
    [
      "the adapter option",
      (l: ReturnType<typeof winstonLike>["logger"]) => bundled.wsLivenessEmitters(l, { adapter: "message-first" }),
    ],
    [
      "messageFirst()",
      (l: ReturnType<typeof winstonLike>["logger"]) => bundled.wsLivenessEmitters(bundled.messageFirst(l)),
    ],
  ])("%s calls (message, fields) on the logger itself", (_name, bind) => {
    const { logger, calls } = winstonLike();
    const ws = bind(logger);
    ws.hello_ack_timeout({ timeout_ms: 5000 });
    ws.ping_failed({ side: "broker", message: "EPIPE" }, "ping failed");
    expect(calls).toEqual([
      {
        level: "warn",
        message: "ws.liveness.hello_ack_timeout",
        fields: { event: "ws.liveness.hello_ack_timeout", timeout_ms: 5000 },
        self: logger,
      },
      {
        level: "debug",
        message: "ping failed",
        fields: { event: "ws.liveness.ping_failed", message: "EPIPE", side: "broker" },
        self: logger,
      },
    ]);
  });

  it("validation works through the adapter too", () => {
    const { logger, calls } = winstonLike();
    const ws = bundled.wsLivenessEmitters(logger, { adapter: "message-first", validation: "throw" });
    expect(() => ws.hello_ack_timeout({ timeout_ms: 0 })).toThrow(
      'ws.liveness.hello_ack_timeout: field "timeout_ms" must be ≥ 1 (got 0)',
    );
    expect(calls).toEqual([]);
  });
});

describe("real pino 10 and 9 writing to a file: every line validates against generated/json-schema/registry.schema.json", () => {
  const dir = mkdtempSync(join(tmpdir(), "logpact-emitters-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const schema = JSON.parse(readFileSync(join(REPO, "generated/json-schema/registry.schema.json"), "utf8")) as object;

  it.each([
    ["pino 10", pino],
    ["pino 9", pino9 as unknown as typeof pino],
  ])("%s", (name, make) => {
    const file = join(dir, `${name.replace(" ", "")}.ndjson`);
    const destination = make.destination({ dest: file, sync: true });
    const logger = make({ level: "trace", name: "svc" }, destination);
    const redacted = make({ level: "trace", redact: [...bundled.REDACT_PATHS] }, destination);
    let emitted = 0;
    for (const family of ir.families) {
      for (const [i, target] of [logger, logger.child({ name: "child" }), redacted].entries()) {
        const emitters = factoryOf(bundled, family.name)(target, { validation: "throw" });
        for (const event of family.events) {
          for (const example of event.examples) {
            emitters[methodOf(event)]!(
              withoutEvent(example),
              i === 1 ? `custom message for ${event.short}` : undefined,
            );
            emitted++;
          }
        }
      }
    }
    destination.flushSync();
    const lines = readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Line);
    expect(lines).toHaveLength(emitted);
    const ajv = createAjv("2020-12", { allErrors: true });
    const validate = ajv.compile(schema);
    for (const line of lines)
      expect(validate(line), `${JSON.stringify(line)}\n${ajv.errorsText(validate.errors)}`).toBe(true);
    // Redaction: the redacting logger hides peerId, the others keep it.
    const peers = lines.filter((l) => l.peerId !== undefined).map((l) => l.peerId);
    expect(peers).toContain("peer_7f3a9c");
    expect(peers).toContain("[Redacted]");
  });

  it.each([
    ["pino 10", pino],
    ["pino 9", pino9 as unknown as typeof pino],
  ])("%s redacts a sensitive field whose name is not an identifier", (_name, make) => {
    expect(hostile.REDACT_PATHS).toEqual(['["content-type"]']);
    const { logger, lines } = memoryLogger(make, { redact: [...hostile.REDACT_PATHS] });
    hostile.hostileEmitters(logger).we_ird__name({ "content-type": "text/secret", class: 1, quoted: 'a"b' });
    expect(lines[0]!["content-type"]).toBe("[Redacted]");
    expect(lines[0]!.quoted).toBe('a"b');
  });
});
