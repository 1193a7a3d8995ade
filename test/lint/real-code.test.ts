/**
 * Rule tables for lint on real code (issue 15): each numbered item of the issue as valid
 * and invalid rows, exact line and column. The shapes come from real services: child
 * loggers bound in one place and used in another, conditional spreads, receivers derived
 * from loggers, generated emitters, wrappers that mean different things per folder.
 */
import { describe, expect, it } from "vitest";
import { dynamicEvent } from "../../generator/lint/rules/dynamic-event.js";
import { eventFields } from "../../generator/lint/rules/event-fields.js";
import { unknownEvent } from "../../generator/lint/rules/unknown-event.js";
import { untypedLogCall } from "../../generator/lint/rules/untyped-log-call.js";
import { parseConfig } from "../../generator/config/load.js";
import { lintText } from "../../generator/lint/index.js";
import { ruleTester, run, testIr } from "./rule-tester.js";

const FACTORY = { loggerFactories: ["createChildLogger"] };
const DAEMON_LOG = { callee: "log", level: 0, message: 1, fields: 2, files: ["src/daemon/**"] };

// Items 1, 3, 4, 5, 7: which calls are log calls, and which carry an event.
ruleTester(untypedLogCall, {
  valid: [
    // 1. the event is bound on a child logger: local variable, `??` chain, project helper, parameter default
    {
      code: `const log = logger.child({ event: "ship.pipeline.rebased", runId });\nlog.info({ commentId }, "rebased");`,
    },
    {
      code: `function f(input: { log?: Logger }) {\n  const log = (input.log ?? rootLogger).child({ event: "ship.pipeline.rebased" });\n  log.info({ commentId: 1 });\n}`,
    },
    {
      code: `const log = createChildLogger({ deliveryId, event: "ship.pipeline.rebased" });\nlog.info({ commentId: 1 });`,
      lint: FACTORY,
    },
    {
      code: `function handle(log = logger.child({ event: "ship.pipeline.rebased" })) {\n  log.info({ commentId: 1 });\n}`,
    },
    { code: `let log = logger.child({ event: "ship.pipeline.rebased" });\nlog.info({ commentId: 1 });` },
    // 4. results of generated emitter factories are typed emitters
    { code: `const log = daemonConnectionEmitters(logger);\nlog.error({ readyState: 3 });` },
    {
      code: `class Conn {\n  private readonly log = daemonConnectionEmitters(this.logger);\n  fail() {\n    this.log.error({ readyState: 3 });\n  }\n}`,
    },
    { code: `const log = makeEvents(logger);\nlog.info({ attempt: 1 });`, lint: { emitterFactories: ["makeEvents"] } },
    {
      code: `import * as emitters from "../generated/emitters/index.js";\nconst log = emitters.daemonConnectionEmitters(logger);\nlog.error({ readyState: 3 });`,
    },
    // 5. a wrapper scoped to one folder is not applied elsewhere
    { code: `log("  ┌────┐");`, file: "src/cli/banner.ts", lint: { wrappers: [DAEMON_LOG] } },
    {
      code: `out.info("listening");`,
      file: "src/api/server.ts",
      lint: { callees: ["**.logger", { callee: "out", files: ["src/cli/**"] }] },
    },
    // 3. not derived from a logger: not a log call
    { code: `const metrics = statsd();\nmetrics.info("x");` },
    { code: `function f(sink: Writable) {\n  sink.warn("x");\n}` },
    { code: `const node = tree.child(options);\nnode.error("x");` },
  ],
  invalid: [
    // 1. without the helper configured, its result is a plain `log`: no event seen
    {
      code: `const log = createChildLogger({ deliveryId, event: "ship.pipeline.rebased" });\nlog.info({ commentId: 1 });`,
      errors: [{ messageId: "noEvent", line: 2, column: 10 }],
    },
    // 3. receivers derived from loggers, followed without --type-aware
    {
      code: `const childLog = logger.child({ runId });\nchildLog.info("started");`,
      errors: [{ messageId: "freeText", line: 2, column: 1 }],
    },
    {
      code: `function f(input: { log?: Logger }) {\n  (input.log ?? rootLogger).error("x");\n}`,
      errors: [{ messageId: "freeText", line: 2, column: 3 }],
    },
    {
      code: `const sink = opts.logger || fallback;\nsink.warn("x");`,
      errors: [{ messageId: "freeText", line: 2, column: 1 }],
    },
    {
      code: `function f(sink: pino.Logger) {\n  sink.warn("x");\n}`,
      errors: [{ messageId: "freeText", line: 2, column: 3 }],
    },
    {
      code: `function f(sink = this.logger.child({ a: 1 })) {\n  sink.debug("x");\n}`,
      errors: [{ messageId: "freeText", line: 2, column: 3 }],
    },
    {
      code: `class Dispatch {\n  private readonly dispatchLog = this.logger.child({ component: "dispatch" });\n  run() {\n    this.dispatchLog.error("x");\n  }\n}`,
      errors: [{ messageId: "freeText", line: 4, column: 5 }],
    },
    {
      code: `class Dispatch {\n  constructor(private readonly sink: BaseLogger) {}\n  run() {\n    this.sink.info("x");\n  }\n}`,
      errors: [{ messageId: "freeText", line: 4, column: 5 }],
    },
    {
      code: `class Dispatch {\n  constructor(root: Logger) {\n    this.out = root.child({ a: 1 });\n  }\n  run() {\n    this.out.info("x");\n  }\n}`,
      errors: [{ messageId: "freeText", line: 6, column: 5 }],
    },
    {
      code: `import pino from "pino";\nconst root = pino({ level: "info" });\nroot.info("x");`,
      errors: [{ messageId: "freeText", line: 3, column: 1 }],
    },
    // 4. without the factory configured, `log` is a raw logger
    {
      code: `const log = makeEvents(logger);\nlog.info({ attempt: 1 });`,
      errors: [{ messageId: "noEvent", line: 2, column: 10 }],
    },
    // 5. the same wrapper in its own folder
    {
      code: `log("warn", "drain_tick_failed", { attempt: 1 });`,
      file: "src/daemon/drain.ts",
      lint: { wrappers: [DAEMON_LOG] },
      errors: [{ messageId: "noEvent", line: 1, column: 34 }],
    },
    {
      code: `out.info("listening");`,
      file: "src/cli/main.ts",
      lint: { callees: ["**.logger", { callee: "out", files: ["src/cli/**"] }] },
      errors: [{ messageId: "freeText", line: 1, column: 1 }],
    },
    // 7. a literal spread without `event` is an untyped call; a quoted message keeps its other arguments
    {
      code: `logger.info({ ...(ok ? { attempt: 1 } : {}) });`,
      errors: [{ messageId: "noEvent", line: 1, column: 13 }],
    },
    {
      code: `logger.warn('Failed to read daemon state:', error);`,
      errors: [
        {
          messageId: "freeText",
          line: 1,
          column: 1,
          message:
            "free-text log call logger.warn('Failed to read daemon state:', error) has no structured `event`; log a registered event instead: logger.warn({ event: \"<family>.<event>\", … }) or call its generated emitter",
        },
      ],
    },
  ],
});

// Items 1, 2, 9: bindings count as present fields; conditional and local spreads; nested contracts.
const TARGET = `target: { type: "pr", id: "42" }`;
ruleTester(eventFields, {
  valid: [
    // 1. bindings followed through locals, parameter defaults, `??` chains, helpers
    { code: `const log = logger.child({ runId: "r1" });\nlog.info({ event: "ship.pipeline.rebased", commentId: 1 });` },
    {
      code: `const log = logger.child({ event: "ship.pipeline.rebased", runId });\nlog.info({ commentId: 7 }, "rebased");`,
    },
    {
      code: `function f(log = logger.child({ runId: "r1" })) {\n  log.info({ event: "ship.pipeline.rebased", commentId: 1 });\n}`,
    },
    {
      code: `function f(opts: { log?: Logger }) {\n  const log = opts.log ?? rootLogger.child({ runId });\n  log.info({ event: "ship.pipeline.rebased", commentId: 1 });\n}`,
    },
    {
      code: `const base = logger.child({ runId });\nconst log = base.child({ deliveryId });\nlog.info({ event: "ship.pipeline.rebased", commentId: 1 });`,
    },
    {
      code: `const log = createChildLogger({ runId, event: "ship.pipeline.rebased" });\nlog.info({ commentId: 1 });`,
      lint: FACTORY,
    },
    {
      code: `const log = withContext(req, { runId });\nlog.info({ event: "ship.pipeline.rebased", commentId: 1 });`,
      lint: { loggerFactories: [{ callee: "withContext", bindings: 1 }] },
    },
    { code: `const log = logger.child(context);\nlog.info({ event: "ship.pipeline.rebased", commentId: 1 });` },
    // 2. conditional spreads contribute optional fields; local const object literals their keys
    {
      code: `logger.info({ event: "ship.pipeline.stage", stage: "build", ${TARGET}, duration_ms: 3, ...(failed ? { failed_stage: "test" } : {}) });`,
    },
    {
      code: `logger.error({ event: "daemon.connection.error", readyState: 3, ...(message !== "" ? { message } : {}) });`,
    },
    { code: `logger.error({ event: "daemon.connection.error", readyState: null, ...(err && { err }) });` },
    {
      code: `function f() {\n  const counters = { attempt: 1, downtime_ms: 0 };\n  logger.info({ event: "daemon.connection.connected", ...counters, time_to_connect_ms: 5 });\n}`,
    },
    {
      code: `logger.info({ event: "daemon.connection.connected", ...(retry ? { attempt: 2 } : { attempt: 1 }), time_to_connect_ms: 5, downtime_ms: 0 });`,
    },
    // 9. nested objects that keep their contract
    { code: `logger.info({ event: "ship.pipeline.stage", stage: "build", ${TARGET}, duration_ms: 3 });` },
  ],
  invalid: [
    // 1. the bound event's own required fields are still checked
    {
      code: `const log = logger.child({ event: "ship.pipeline.rebased" });\nlog.info({ commentId: 1 });`,
      errors: [
        {
          messageId: "missing",
          line: 2,
          column: 10,
          message: 'required field `runId` of event "ship.pipeline.rebased" is missing (string)',
        },
      ],
    },
    // 2. a conditional spread's keys are checked like the call's own
    {
      code: `logger.error({ event: "daemon.connection.error", readyState: 3, ...(failed ? { reason: "x" } : {}) });`,
      errors: [{ messageId: "undeclared", line: 1, column: 80 }],
    },
    {
      code: `logger.info({ event: "daemon.connection.connected", ...(retry ? { attempt: 2 } : {}), time_to_connect_ms: 5, downtime_ms: 0 });`,
      errors: [
        {
          messageId: "missingSometimes",
          line: 1,
          column: 67,
          message:
            'required field `attempt` of event "daemon.connection.connected" is passed on some paths only (a conditional spread); the lines without it break the contract (integer ≥ 1)',
        },
      ],
    },
    {
      code: `const counters = { attempt: 0, downtime_ms: 0 };\nlogger.info({ event: "daemon.connection.connected", ...counters, time_to_connect_ms: 5 });`,
      errors: [{ messageId: "outOfRange", line: 2, column: 53 }],
    },
    // 9. nested contracts
    {
      code: `logger.info({ event: "ship.pipeline.stage", stage: "build", target: { type: "mr", id: "42" }, duration_ms: 3 });`,
      errors: [
        {
          messageId: "notInEnum",
          line: 1,
          column: 77,
          message:
            'field `target.type` of event "ship.pipeline.stage" must be one of "pr" | "issue", but this call passes the string "mr"',
        },
      ],
    },
    {
      code: `logger.info({ event: "ship.pipeline.stage", stage: "build", target: { type: "pr", id: "42", url }, duration_ms: 3 });`,
      errors: [
        {
          messageId: "undeclared",
          line: 1,
          column: 93,
          message: 'field `target.url` is not declared on event "ship.pipeline.stage"; declared fields: type, id',
        },
      ],
    },
    {
      code: `logger.info({ event: "ship.pipeline.stage", stage: "", ${TARGET}, duration_ms: 3 });`,
      errors: [
        {
          messageId: "outOfRange",
          line: 1,
          column: 52,
          message:
            'field `stage` of event "ship.pipeline.stage" must be string (non-empty), but this call passes the string ""',
        },
      ],
    },
    {
      code: `logger.info({ event: "ship.pipeline.stage", stage: "b", target: { type: "pr", id: "" }, duration_ms: 3 });`,
      errors: [{ messageId: "outOfRange", line: 1, column: 83 }],
    },
    {
      code: `logger.info({ event: "ship.pipeline.stage", stage: "b", target: { type: "pr" }, duration_ms: 3 });`,
      errors: [{ messageId: "missing", line: 1, column: 65 }],
    },
  ],
});

// Items 1 and 6: events bound on a child, and suggestions only within a small edit distance.
ruleTester(unknownEvent, {
  valid: [
    { code: `const log = logger.child({ event: "ship.pipeline.rebased" });\nlog.info({ commentId: 1, runId });` },
    { code: `const log = daemonConnectionEmitters(logger);\nlog.error({ event: "not.an.event" });` },
  ],
  invalid: [
    {
      code: `const log = logger.child({ event: "ship.pipeline.rebase" });\nlog.info({ commentId: 1 });`,
      errors: [
        {
          messageId: "unknown",
          line: 1,
          column: 35,
          message: 'event "ship.pipeline.rebase" is not in the registry. Did you mean "ship.pipeline.rebased"?',
        },
      ],
    },
    {
      code: `logger.info({ event: "ship.pipeline.started" });`,
      errors: [
        {
          messageId: "unknownInFamily",
          line: 1,
          column: 22,
          message:
            'event "ship.pipeline.started" is not in the registry; family "ship.pipeline" declares ship.pipeline.stage, ship.pipeline.rebased; log one of them, or declare this event in ship.pipeline first',
        },
      ],
    },
    {
      code: `logger.info({ event: "digest.call.completed" });`,
      errors: [{ messageId: "unknownNoSuggestion", line: 1, column: 22 }],
    },
    {
      code: `logger.info({ event: "daemon.conection.connected" });`,
      errors: [
        {
          messageId: "unknown",
          line: 1,
          column: 22,
          message:
            'event "daemon.conection.connected" is not in the registry. Did you mean "daemon.connection.connected"?',
        },
      ],
    },
    {
      code: `logger.info({ event: "daemn.connection.opened" });`,
      errors: [
        {
          messageId: "unknownFamily",
          line: 1,
          column: 22,
          message:
            'event "daemn.connection.opened" is not in the registry, and family "daemn.connection" is not either; did you mean family "daemon.connection"? It declares daemon.connection.connected, daemon.connection.disconnected, daemon.connection.error',
        },
      ],
    },
  ],
});

// Items 2 and 7: only what truly cannot be read is reported, as a warning.
ruleTester(dynamicEvent, {
  valid: [
    { code: `logger.info({ ...(ok ? { attempt: 1 } : {}) });` },
    { code: `logger.info({ ...{ attempt: 1 }, downtime_ms: 0 });` },
    {
      code: `logger.error({ event: "daemon.connection.error", readyState: 3, ...(message !== "" ? { message } : {}) });`,
    },
    {
      code: `const extra = { message: "m" };\nlogger.error({ event: "daemon.connection.error", readyState: 3, ...extra });`,
    },
  ],
  invalid: [
    { code: `logger.info({ ...(ok ? rest : {}) });`, errors: [{ messageId: "spread", line: 1, column: 15 }] },
    {
      code: `logger.error({ event: "daemon.connection.error", readyState: 3, ...(ok ? rest : {}) });`,
      errors: [{ messageId: "partial", line: 1, column: 65 }],
    },
    {
      code: `const log = logger.child({ event });\nlog.info({ commentId: 1 });`,
      errors: [{ messageId: "dynamic", line: 1, column: 28 }],
    },
  ],
});

describe("severities", () => {
  it("a part that cannot be read is a warning by default (dynamic-event), not an event-fields error", () => {
    expect(dynamicEvent.meta.defaultSeverity).toBe("warn");
    expect(Object.keys(eventFields.meta.messages)).not.toContain("unresolved");
  });

  it("a child logger's bindings are the call's bound fields; its event is the call's event", () => {
    const findings = run(eventFields, {
      code: `const log = logger.child({ event: "ship.pipeline.rebased", runId: "r", extra: 1 });\nlog.info({ commentId: "x" });`,
    });
    // `extra` rides on the line from the binding (not reported as undeclared); commentId is checked.
    expect(findings.map((f) => `${f.loc.line}:${f.loc.column} ${f.messageId}`)).toEqual(["2:23 wrongType"]);
  });
});

describe("the config's logger profile (envelope) binds fields", () => {
  const lintWith = (envelope: Record<string, unknown>, code: string) =>
    lintText(code, { config: parseConfig({ envelope }, "test"), ir: testIr(), file: "src/example.ts" })
      .findings.filter((f) => f.rule === "event-fields")
      .map((f) => `${f.loc.line}:${f.loc.column} ${f.messageId}`);
  const CALL = `logger.info({ event: "ship.pipeline.rebased", commentId: 1 });`;
  it.each([
    ["no profile: runId is missing", {}, CALL, ["1:13 missing"]],
    ["runId bound by the profile: present", { fields: { runId: { type: "string" } } }, CALL, []],
    [
      "a profile field passed explicitly is not undeclared",
      { fields: { service: { type: "string" } } },
      `logger.info({ event: "ship.pipeline.rebased", commentId: 1, runId: "r", service: "api" });`,
      [],
    ],
  ] as const)("%s", (_n, envelope, code, want) => expect(lintWith(envelope, code)).toEqual(want));
});
