/**
 * Call sites that must compile against the generated emitters (type test: test/emitters/types.test.ts
 * runs real tsc over this file with strict, exactOptionalPropertyTypes and
 * noUncheckedIndexedAccess; `pnpm typecheck` compiles it too).
 */
import pino from "pino";
import pino9 from "pino9";
import {
  DAEMON_CONNECTION_LOG_EVENTS,
  DAEMON_CONNECTION_LOG_LEVELS,
  LogContractViolation,
  REDACT_PATHS,
  daemonConnectionEmitters,
  dispatchHealthEmitters,
  gatewayConnectionEmitters,
  messageFirst,
  validateLogPayload,
  workflowRunEmitters,
  wsLivenessEmitters,
  type DaemonConnectionFields,
  type DaemonConnectionLogEvent,
  type EmitterLogger,
  type LogPayload,
  type MessageFirstLogger,
  type Violation,
} from "../../../generated/emitters/index.js";

// pino 10: root logger, child logger, redact paths from the registry.
const logger = pino({ level: "trace", redact: [...REDACT_PATHS] });
const conn = daemonConnectionEmitters(logger);
conn.connected({ attempt: 1, time_to_connect_ms: 42, downtime_ms: 0 });
conn.connect_attempt({ attempt: 2, downtime_ms: 31250, previous_backoff_ms: 8000 }, "reconnecting");
daemonConnectionEmitters(logger.child({ daemonId: "d-1" })).disconnected({
  code: 1006,
  reason: "",
  connected_duration_ms: 200,
});

// pino 9 loggers and child loggers fit the same structural type.
const logger9 = pino9({ level: "debug" });
const ws = wsLivenessEmitters(logger9.child({ component: "broker" }));
ws.stale_terminated({ side: "broker", idle_ms: 76000, threshold_ms: 75000, peerId: "peer_7f3a9c" });
ws.stale_terminated({ side: "client", idle_ms: 90000, threshold_ms: 75000 }); // optional field omitted
dispatchHealthEmitters(logger9).poll_stale({
  lastPollStartedAt: "2026-11-22T10:00:00.000Z",
  stale_for_ms: 61000,
  threshold_ms: 60000,
  inFlight: true,
});

// Nullable fields take null; optional ones may be left out.
conn.error({ readyState: null });
conn.error({ readyState: 0, message: "connect ECONNREFUSED" });
const cause: Error | undefined = undefined as Error | undefined;
conn.error({ readyState: 3, message: cause?.message }); // a maybe-value forwards to an optional field
gatewayConnectionEmitters(logger).health({ clientId: "c-1", connected: false, rtt_ms: null, lastHeartbeatAt: null });

// Validation options and the violation hook.
const violations: Violation[] = [];
const checked = workflowRunEmitters(logger, { validation: "report", onViolation: (v) => violations.push(v) });
checked.failed({
  runId: "6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b",
  workflowName: "fix-ci",
  target: "acme/api#12",
  deliveryId: "d-1",
  durationMs: 1200,
  reason: "CI red",
});
workflowRunEmitters(logger, { validation: "throw" });
workflowRunEmitters(logger, { validation: undefined, onViolation: undefined });
const thrown: unknown = new Error("x");
if (thrown instanceof LogContractViolation) console.log(thrown.event, thrown.field, thrown.problem);

// A minimal hand-written logger needs only the levels the family uses.
const minimal = { info: (_fields: object, _message: string) => {}, warn: () => {}, error: () => {} };
daemonConnectionEmitters(minimal).reconnect_scheduled({ attempt: 2, backoff_ms: 1000 });
const anyLevel: EmitterLogger = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, fatal() {} };
gatewayConnectionEmitters(anyLevel).pong({ clientId: "c-1", rtt_ms: 38 });

// winston-style loggers through the adapter option, or wrapped once with messageFirst().
const winstonLike: MessageFirstLogger<"debug" | "warn"> = {
  debug: (_message: string, _fields: object) => undefined,
  warn: () => undefined,
};
wsLivenessEmitters(winstonLike, { adapter: "message-first" }).hello_ack_timeout({ timeout_ms: 5000 });
wsLivenessEmitters(messageFirst(winstonLike)).ping_failed({ side: "client", message: "EPIPE" });

// Destructured emitters keep working (they are closures, not methods).
const { pong } = gatewayConnectionEmitters(logger);
pong({ clientId: "c-2", rtt_ms: 12 });

// Constants keep their literal types.
const connected: "daemon.connection.connected" = DAEMON_CONNECTION_LOG_EVENTS.connected;
const level: "warn" = DAEMON_CONNECTION_LOG_LEVELS["daemon.connection.disconnected"];
const anyEvent: DaemonConnectionLogEvent = "daemon.connection.error";
console.log(connected, level, anyEvent);

// Payload types narrow on `event`.
function describe(payload: LogPayload): string {
  if (payload.event === "daemon.connection.disconnected")
    return `${payload.code} after ${payload.connected_duration_ms} ms`;
  if (payload.event === "ws.liveness.stale_terminated") return payload.side;
  return payload.event;
}
const parsed: unknown = JSON.parse("{}");
if (validateLogPayload(parsed) === undefined) console.log(describe(parsed as LogPayload));

// Fields built ahead of the call: an event's fields type is its entry in the family's fields type.
const fields: DaemonConnectionFields["connected"] = { attempt: 3, time_to_connect_ms: 1800, downtime_ms: 31292 };
conn.connected(fields);
