/**
 * One RuleTester table per rule: valid snippets, invalid ones with exact line and column.
 */
import { dynamicEvent } from "../../generator/lint/rules/dynamic-event.js";
import { eventFields } from "../../generator/lint/rules/event-fields.js";
import { invalidSuppression } from "../../generator/lint/rules/invalid-suppression.js";
import { levelMismatch } from "../../generator/lint/rules/level-mismatch.js";
import { preferEmitter } from "../../generator/lint/rules/prefer-emitter.js";
import { unknownEvent } from "../../generator/lint/rules/unknown-event.js";
import { untypedLogCall } from "../../generator/lint/rules/untyped-log-call.js";
import { z } from "zod";
import type { RegistryIR } from "../../generator/registry/ir.js";
import { irFrom } from "../helpers/registry.js";
import { ruleTester } from "./rule-tester.js";

const OK_CONNECTED = `{ event: "daemon.connection.connected", attempt: 1, time_to_connect_ms: 5, downtime_ms: 0 }`;

ruleTester(untypedLogCall, {
  valid: [
    { code: `logger.info(${OK_CONNECTED});` },
    { code: `logger.info(${OK_CONNECTED}, "connected");` },
    { code: `this.logger.warn({ event: "daemon.connection.disconnected", code: 1006, reason: "" });` },
    { code: `console.log("free text is not a logger call");` },
    { code: `metrics.info("not a configured callee");` },
    { code: `logger.info("msg", { event: "daemon.connection.connected" });` },
    { code: `logger.info({ ...base, attempt: 1 });` },
    { code: `daemonConnection.connected({ attempt: 1, time_to_connect_ms: 5, downtime_ms: 0 });` },
    {
      code: `emit("warn", "daemon.connection.disconnected", { code: 1, reason: "x" });`,
      lint: { wrappers: [{ callee: "emit", level: 0, event: 1, fields: 2 }] },
    },
  ],
  invalid: [
    {
      code: `logger.info("Connected to orchestrator");`,
      errors: [
        {
          messageId: "freeText",
          line: 1,
          column: 1,
          message:
            'free-text log call logger.info("Connected to orchestrator") has no structured `event`; log a registered event instead: logger.info({ event: "<family>.<event>", … }) or call its generated emitter',
        },
      ],
    },
    {
      code: "function f(host: string) {\n  req.log.warn(`lost ${host}`);\n}",
      errors: [{ messageId: "freeText", line: 2, column: 3 }],
    },
    { code: `const MSG = "hello";\nlog.debug(MSG);`, errors: [{ messageId: "freeText", line: 2, column: 1 }] },
    { code: `logger.info({ attempt: 1 }, "connected");`, errors: [{ messageId: "noEvent", line: 1, column: 13 }] },
    { code: `logger.info("connected", { attempt: 1 });`, errors: [{ messageId: "noEvent", line: 1, column: 26 }] },
    {
      code: `logger.info("connected", { attempt: 1 });`,
      lint: { signatures: [] },
      errors: [{ messageId: "freeText", line: 1, column: 1 }],
    },
    {
      code: `try {\n  run();\n} catch (err) {\n  logger.error(err, "run failed");\n}`,
      errors: [{ messageId: "errorOnly", line: 4, column: 3 }],
    },
    { code: `logger.fatal(new Error("boom"));`, errors: [{ messageId: "errorOnly", line: 1, column: 1 }] },
    { code: `logger.info();`, errors: [{ messageId: "empty", line: 1, column: 1 }] },
    { code: `this.logger.child({ runId }).info("started");`, errors: [{ messageId: "freeText", line: 1, column: 1 }] },
    { code: `fastify.log?.info("listening");`, errors: [{ messageId: "freeText", line: 1, column: 1 }] },
    {
      code: `svc.audit.warn("x");`,
      lint: { callees: ["**.audit"] },
      errors: [{ messageId: "freeText", line: 1, column: 1 }],
    },
    {
      code: `log("warn", "ws_stale_terminate");`,
      lint: { wrappers: [{ callee: "log", level: 0, message: 1, fields: 2 }] },
      errors: [{ messageId: "freeText", line: 1, column: 1 }],
    },
  ],
});

ruleTester(unknownEvent, {
  valid: [
    { code: `logger.info(${OK_CONNECTED});` },
    {
      code: `const EVENTS = { connected: "daemon.connection.connected" } as const;\nlogger.info({ event: EVENTS.connected });`,
    },
    { code: `logger.info({ event: someVariable });` },
    { code: `logger.info("free text");` },
  ],
  invalid: [
    {
      code: `logger.info({ event: "daemon.connection.conected" });`,
      errors: [
        {
          messageId: "unknown",
          line: 1,
          column: 22,
          message:
            'event "daemon.connection.conected" is not in the registry. Did you mean "daemon.connection.connected"?',
        },
      ],
    },
    {
      code: `logger.info({ event: "billing.invoice.sent" });`,
      errors: [{ messageId: "unknownNoSuggestion", line: 1, column: 22 }],
    },
    {
      code: "logger.info({ event: `ws.liveness.stale_terminate` });",
      errors: [{ messageId: "unknown", line: 1, column: 22 }],
    },
    {
      code: `enum Ev { Stale = "ws.liveness.stale" }\nlogger.warn({ event: Ev.Stale });`,
      errors: [{ messageId: "unknownInFamily", line: 2, column: 22 }],
    },
    {
      code: `const P = "daemon.connection";\nlogger.info({ event: \`\${P}.opened\` });`,
      errors: [
        {
          messageId: "unknownInFamily",
          line: 2,
          column: 22,
          message:
            'event "daemon.connection.opened" is not in the registry; family "daemon.connection" declares daemon.connection.connected, daemon.connection.disconnected, daemon.connection.error; log one of them, or declare this event in daemon.connection first',
        },
      ],
    },
    {
      code: `log("warn", "ws_stale_terminate", { idle_ms });`,
      lint: { wrappers: [{ callee: "log", level: 0, event: 1, fields: 2 }] },
      errors: [{ messageId: "unknownNoSuggestion", line: 1, column: 13 }],
    },
    {
      code: `const base = { event: "daemon.connection.gone" } as const;\nlogger.warn({ ...base, code: 1 });`,
      errors: [{ messageId: "unknownInFamily", line: 2, column: 15 }],
    },
  ],
});

ruleTester(eventFields, {
  valid: [
    { code: `logger.info(${OK_CONNECTED});` },
    { code: `logger.error({ event: "daemon.connection.error", readyState: null });` },

    { code: `logger.error({ event: "daemon.connection.error", readyState: 3, message: "x", err });` },
    {
      code: `logger.warn({ event: "ws.liveness.stale_terminated", side: "broker", idle_ms: 80000, threshold_ms: 75000 });`,
    },
    {
      code: `const base = { attempt: 2, downtime_ms: 0 };\nlogger.info({ ...base, event: "daemon.connection.connected", time_to_connect_ms: x });`,
    },
    {
      code: `logger.child({ side: "client" }).warn({ event: "ws.liveness.stale_terminated", idle_ms, threshold_ms });`,
    },
    { code: `logger.info({ event: "not.registered", anything: 1 });` },
    // A part that cannot be read: dynamic-event warns; required fields are not judged.
    { code: `logger.warn({ event: "daemon.connection.disconnected", ...extra, code: 1 });` },
    {
      code: `import { defaults } from "some-package";\nlogger.warn({ event: "daemon.connection.disconnected", code: 1, ...defaults });`,
    },
  ],
  invalid: [
    {
      code: `logger.info({ event: "daemon.connection.connected", attempt: 1, time_to_conect_ms: 5, downtime_ms: 0 });`,
      errors: [
        { messageId: "missing", line: 1, column: 13 },
        {
          messageId: "undeclared",
          line: 1,
          column: 65,
          message:
            'field `time_to_conect_ms` is not declared on event "daemon.connection.connected" (did you mean `time_to_connect_ms`?); declared fields: attempt, time_to_connect_ms, downtime_ms',
        },
      ],
    },
    {
      code: `logger.warn({\n  event: "daemon.connection.disconnected",\n  code: "1006",\n});`,
      errors: [
        {
          messageId: "missing",
          line: 1,
          column: 13,
          message: 'required field `reason` of event "daemon.connection.disconnected" is missing (string)',
        },
        {
          messageId: "wrongType",
          line: 3,
          column: 9,
          message:
            'field `code` of event "daemon.connection.disconnected" is integer, but this call passes the string "1006"',
        },
      ],
    },
    {
      code: `logger.warn({ event: "ws.liveness.stale_terminated", side: "server", idle_ms: 1, threshold_ms: 2 });`,
      errors: [{ messageId: "notInEnum", line: 1, column: 60 }],
    },
    {
      code: `logger.info({ event: "daemon.connection.connected", attempt: 0, time_to_connect_ms: 1.5, downtime_ms: 0 });`,
      errors: [
        { messageId: "outOfRange", line: 1, column: 62 },
        { messageId: "wrongType", line: 1, column: 85 },
      ],
    },
    {
      code: `logger.error({ event: "daemon.connection.error", readyState: 7 });`,
      errors: [{ messageId: "outOfRange", line: 1, column: 62 }],
    },

    {
      code: `logger.warn({ event: "daemon.connection.disconnected", code: null, reason: "x" });`,
      errors: [{ messageId: "wrongType", line: 1, column: 62 }],
    },

    {
      code: `logger.warn("closed", { event: "daemon.connection.disconnected", code: 1, reason: "x", socket: s });`,
      errors: [{ messageId: "undeclared", line: 1, column: 88 }],
    },
    {
      code: `emit("warn", "daemon.connection.disconnected", { code: 1 });`,
      lint: { wrappers: [{ callee: "emit", level: 0, event: 1, fields: 2 }] },
      errors: [{ messageId: "missing", line: 1, column: 48 }],
    },
  ],
});

ruleTester(levelMismatch, {
  valid: [
    { code: `logger.info(${OK_CONNECTED});` },
    { code: `logger.warn({ event: "daemon.connection.disconnected", code: 1, reason: "" });` },
    { code: `logger.notice({ event: "daemon.connection.disconnected" });`, lint: { methods: ["notice"] } },
    {
      code: `emit(level, "daemon.connection.disconnected", {});`,
      lint: { wrappers: [{ callee: "emit", level: 0, event: 1, fields: 2 }] },
    },
    {
      code: `warnLog({ event: "daemon.connection.disconnected" });`,
      lint: { wrappers: [{ callee: "warnLog", level: "warn", fields: 0 }] },
    },
  ],
  invalid: [
    {
      code: `logger.info({ event: "daemon.connection.disconnected", code: 1, reason: "" });`,
      errors: [
        {
          messageId: "mismatch",
          line: 1,
          column: 8,
          message: 'event "daemon.connection.disconnected" is declared at warn but logged at info; call logger.warn(…)',
        },
      ],
    },
    {
      code: `this.log\n  .debug({ event: "ws.liveness.stale_terminated" });`,
      errors: [{ messageId: "mismatch", line: 2, column: 4 }],
    },
    {
      code: `emit("info", "daemon.connection.error", {});`,
      lint: { wrappers: [{ callee: "emit", level: 0, event: 1, fields: 2 }] },
      errors: [{ messageId: "mismatch", line: 1, column: 6 }],
    },
    {
      code: `emit("verbose", "daemon.connection.error", {});`,
      lint: { wrappers: [{ callee: "emit", level: 0, event: 1, fields: 2 }] },
      errors: [{ messageId: "notALevel", line: 1, column: 6 }],
    },
    {
      code: `infoLog({ event: "daemon.connection.error" });`,
      lint: { wrappers: [{ callee: "infoLog", level: "info", fields: 0 }] },
      errors: [{ messageId: "mismatch", line: 1, column: 1 }],
    },
  ],
});

ruleTester(dynamicEvent, {
  valid: [
    { code: `logger.info(${OK_CONNECTED});` },
    { code: `const E = "daemon.connection.connected";\nlogger.info({ event: E });` },
    { code: `logger.info("free text");` },
    { code: `const M = Object.freeze({ c: "daemon.connection.connected" });\nlogger.info({ event: M["c"] });` },
  ],
  invalid: [
    {
      code: "logger.info({ event: `daemon.connection.${kind}` });",
      errors: [{ messageId: "dynamic", line: 1, column: 22 }],
    },
    {
      code: `let e = "daemon.connection.connected";\nlogger.info({ event: e });`,
      errors: [{ messageId: "dynamic", line: 2, column: 22 }],
    },
    {
      code: `function f(event: string) {\n  logger.info({ event });\n}`,
      errors: [{ messageId: "dynamic", line: 2, column: 17 }],
    },
    {
      code: `import { EVENTS } from "@acme/events";\nlogger.info({ event: EVENTS.connected });`,
      errors: [
        {
          messageId: "dynamic",
          line: 2,
          column: 22,
          message:
            "the event of logger.info(…) is not statically known: `EVENTS.connected` comes from a module logpact cannot follow (a package, or a path alias); lint.typeAware can resolve it with the type checker; use a string literal or an `as const` member",
        },
      ],
    },
    { code: `logger.info({ ...common, attempt: 1 });`, errors: [{ messageId: "spread", line: 1, column: 15 }] },
    {
      code: `logger.warn({ event: "daemon.connection.disconnected", ...extra, code: 1 });`,
      errors: [
        {
          messageId: "partial",
          line: 1,
          column: 56,
          message:
            '`...extra` cannot be read statically, so the fields of event "daemon.connection.disconnected" are only partly checked (required fields are not); spread a const object or write the fields out',
        },
      ],
    },
    {
      code: `import { defaults } from "some-package";\nlogger.warn({ event: "daemon.connection.disconnected", code: 1, ...defaults });`,
      errors: [{ messageId: "partial", line: 2, column: 65 }],
    },
    { code: `logger.info(payload);`, errors: [{ messageId: "fieldsNotStatic", line: 1, column: 13 }] },
    { code: `logger.info({ event: 42 });`, errors: [{ messageId: "dynamic", line: 1, column: 22 }] },
  ],
});

const PREFER_EMITTER_ERROR = {
  messageId: "preferEmitter",
  line: 1,
  column: 1,
  message:
    'event "daemon.connection.connected" has a generated emitter; call it instead of logger.info(…) so the compiler checks level and fields',
};

ruleTester(preferEmitter, {
  valid: [
    // No event has an emitter (as with targets.emitters.enabled: false; test/lint/emitter-events.test.ts).
    { code: `logger.info(${OK_CONNECTED});`, emitterEvents: [] },
    { code: `logger.info(${OK_CONNECTED});`, emitterEvents: ["daemon.connection.error"] },
  ],
  invalid: [
    // Not given: the emitters target is on by default, so every registered event has an emitter.
    { code: `logger.info(${OK_CONNECTED});`, errors: [PREFER_EMITTER_ERROR] },
    {
      code: `logger.info(${OK_CONNECTED});`,
      emitterEvents: ["daemon.connection.connected"],
      errors: [
        {
          messageId: "preferEmitter",
          line: 1,
          column: 1,
          message:
            'event "daemon.connection.connected" has a generated emitter; call it instead of logger.info(…) so the compiler checks level and fields',
        },
      ],
    },
  ],
});

ruleTester(invalidSuppression, {
  valid: [
    {
      code: `// logpact-disable-next-line untyped-log-call -- startup banner, read by humans only\nlogger.info("ready");`,
      lint: { rules: { "untyped-log-call": "error" } },
    },
    {
      code: `logger.info("ready"); // logpact-disable-line untyped-log-call -- startup banner`,
      lint: { rules: { "untyped-log-call": "error" } },
    },
    { code: `/* logpact-disable-next-line untyped-log-call, level-mismatch -- legacy */\nlogger.info("ready");` },
    { code: `const s = "// logpact-disable-next-line nothing";` },
    {
      code: `// logpact-disable-next-line prefer-emitter -- rule is off in this run, so not reported as unused\nlogger.info("x");`,
    },
  ],
  invalid: [
    {
      code: `// logpact-disable-next-line untyped-log-call\nlogger.info("ready");`,
      errors: [
        {
          messageId: "missingReason",
          line: 1,
          column: 1,
          message:
            "`logpact-disable-next-line untyped-log-call` needs a reason: append ` -- <why this call is exempt>`; until then it suppresses nothing",
        },
      ],
    },
    {
      code: `logger.info("ready"); // logpact-disable-line -- no rule named`,
      errors: [{ messageId: "missingRule", line: 1, column: 23 }],
    },
    {
      code: `// logpact-disable-next-line untyped-log-cal -- typo\nlogger.info("ready");`,
      errors: [
        {
          messageId: "unknownRule",
          line: 1,
          column: 1,
          message:
            "`untyped-log-cal` in a logpact-disable comment is not a logpact rule; did you mean `untyped-log-call`?",
        },
      ],
    },
    {
      code: `// logpact-disable-next-line untyped-log-call -- nothing to hide\nlogger.info(${OK_CONNECTED});`,
      lint: { rules: { "untyped-log-call": "error" } },
      errors: [{ messageId: "unused", line: 1, column: 1 }],
    },
    {
      code: `\n\n  // logpact-disable-next-line untyped-log-call -- too far away\n\nlogger.info("ready");`,
      lint: { rules: { "untyped-log-call": "error" } },
      errors: [{ messageId: "unused", line: 3, column: 3 }],
    },
  ],
});

// A literal is judged by the value rules every reader shares (registry/value-rules.ts): patterns,
// formats and multipleOf too, as ajv and the generated validators judge it.
const BillingLog = z
  .discriminatedUnion("event", [
    z
      .strictObject({
        event: z.literal("billing.charge.captured"),
        chargeId: z.uuid().meta({ description: "Charge." }),
        currency: z
          .string()
          .regex(/^[A-Z]{3}$/)
          .meta({ description: "ISO 4217 code." }),
        amount: z.number().multipleOf(0.5).meta({ description: "Amount in half units." }),
        receiptTo: z.email().optional().meta({ description: "Where the receipt went." }),
      })
      .meta({ level: "info", description: "A charge was captured." }),
  ])
  .meta({ family: "billing.charge", description: "Charges." });
let billingIr: RegistryIR | undefined;
const CHARGE = `event: "billing.charge.captured", chargeId: "3f2b8c1e-9d4a-4e6f-8b7c-2a1d5e9f0c34"`;

ruleTester(
  eventFields,
  {
    valid: [
      { code: `logger.info({ ${CHARGE}, currency: "EUR", amount: 2.5, receiptTo: "a@example.com" });` },
      { code: `logger.info({ ${CHARGE}, currency: "EUR", amount: 1e20 });` },
    ],
    invalid: [
      {
        code: `logger.info({ event: "billing.charge.captured", chargeId: "ch_1", currency: "EUR", amount: 1 });`,
        errors: [{ messageId: "outOfRange", line: 1, column: 59 }],
      },
      {
        code: `logger.info({ ${CHARGE}, currency: "eur", amount: 1 });`,
        errors: [{ messageId: "outOfRange", line: 1, column: 109 }],
      },
      {
        // 5e20 / 0.5 = 1e21, which ajv does not take for an integer: neither do logpact's readers.
        code: `logger.info({ ${CHARGE}, currency: "EUR", amount: 5e20 });`,
        errors: [{ messageId: "outOfRange", line: 1, column: 124 }],
      },
      {
        code: `logger.info({ ${CHARGE}, currency: "EUR", amount: 0.3, receiptTo: "nobody" });`,
        errors: [
          { messageId: "outOfRange", line: 1, column: 124 },
          { messageId: "outOfRange", line: 1, column: 140 },
        ],
      },
    ],
  },
  {
    name: "value rules",
    ir: () => (billingIr ??= irFrom({ "src/logging/billing-log.ts": { BillingLog } }).ir),
  },
);
