/**
 * `daemon.connection` — the daemon's own view of its WebSocket to the orchestrator.
 *
 * The orchestrator already sees a daemon go silent (pong missed, heartbeat timeout), but
 * only seconds after the fact and without the daemon's side of the story: was the close
 * a clean 1000 or a 1006, had the socket been up for 200 ms or for an hour, is the daemon
 * already in backoff? These five events answer that, and turn "is this daemon stuck in a
 * reconnect loop?" into a question about one numeric field (`attempt`) instead of a count
 * of free-text lines.
 */
import { z } from "zod";
import type {} from "../generator/registry/meta.js"; // typed .meta() keys

export const DaemonConnectionLog = z
  .discriminatedUnion("event", [
    z
      .strictObject({
        event: z.literal("daemon.connection.connect_attempt"),
        attempt: z
          .number()
          .int()
          .min(1)
          .meta({
            description:
              "Which connection attempt this is: 1 on the first connect, +1 for every reconnect; reset after a successful open.",
            unit: "count",
            examples: [1, 4],
          }),
        downtime_ms: z
          .number()
          .int()
          .nonnegative()
          .meta({
            description:
              "Time since the previous socket closed, in ms; 0 before any close (first connect of the process).",
            unit: "ms",
            examples: [0, 31250],
          }),
        previous_backoff_ms: z
          .number()
          .int()
          .nonnegative()
          .meta({
            description:
              "Jittered backoff delay that preceded this attempt, in ms; 0 on the first connect.",
            unit: "ms",
            examples: [0, 8000],
          }),
      })
      .meta({
        level: "info",
        description: "The daemon starts opening a WebSocket to the orchestrator (first connect or after a backoff timer fires).",
        examples: [
          { attempt: 1, downtime_ms: 0, previous_backoff_ms: 0 },
          { attempt: 4, downtime_ms: 31250, previous_backoff_ms: 8000 },
        ],
      }),
    z
      .strictObject({
        event: z.literal("daemon.connection.connected"),
        attempt: z
          .number()
          .int()
          .min(1)
          .meta({
            description: "The attempt number that succeeded; 1 means the first try worked, higher means it took reconnects.",
            unit: "count",
            examples: [1, 3],
          }),
        time_to_connect_ms: z
          .number()
          .int()
          .nonnegative()
          .meta({
            description: "Delay from the connect call to the socket's open event, in ms (handshake latency).",
            unit: "ms",
            examples: [42, 1800],
          }),
        downtime_ms: z
          .number()
          .int()
          .nonnegative()
          .meta({
            description:
              "Total time without a connection, from the previous close to this open, in ms; 0 before any close.",
            unit: "ms",
            examples: [0, 31292],
          }),
      })
      .meta({
        level: "info",
        description: "The WebSocket to the orchestrator opened; the daemon is online again.",
        examples: [
          { attempt: 1, time_to_connect_ms: 42, downtime_ms: 0 },
          { attempt: 3, time_to_connect_ms: 1800, downtime_ms: 31292 },
        ],
      }),
    z
      .strictObject({
        event: z.literal("daemon.connection.disconnected"),
        code: z
          .number()
          .int()
          .meta({
            description:
              "WebSocket close code: 1000 is a normal close, 1006 an abnormal drop with no close frame (network loss, process kill).",
            examples: [1000, 1006],
          }),
        reason: z.string().meta({
          description: "Close reason text as reported by the runtime; often empty, especially for code 1006.",
          examples: ["", "idle timeout"],
        }),
        connected_duration_ms: z
          .number()
          .int()
          .nonnegative()
          .meta({
            description:
              "How long the socket was open, from open to close, in ms; 0 if it never opened. Under ~1 s means flapping.",
            unit: "ms",
            examples: [200, 3600000],
          }),
      })
      .meta({
        level: "warn",
        description: "The WebSocket to the orchestrator closed (either side, clean or not).",
        examples: [
          { code: 1006, reason: "", connected_duration_ms: 200 },
          { code: 1000, reason: "idle timeout", connected_duration_ms: 3600000 },
        ],
      }),
    z
      .strictObject({
        event: z.literal("daemon.connection.reconnect_scheduled"),
        attempt: z
          .number()
          .int()
          .min(1)
          .meta({
            description:
              "The upcoming attempt number the backoff timer will start; 5 or more means the daemon is reconnect-looping.",
            unit: "count",
            examples: [2, 6],
          }),
        backoff_ms: z
          .number()
          .int()
          .nonnegative()
          .meta({
            description: "Jittered delay before the next connect attempt, in ms.",
            unit: "ms",
            examples: [1000, 16000],
          }),
      })
      .meta({
        level: "warn",
        description: "After a close or connect error, the daemon arms a backoff timer for its next connect attempt.",
        examples: [
          { attempt: 2, backoff_ms: 1000 },
          { attempt: 6, backoff_ms: 16000 },
        ],
      }),
    z
      .strictObject({
        event: z.literal("daemon.connection.error"),
        readyState: z
          .number()
          .int()
          .min(0)
          .max(3)
          .meta({
            description:
              "Socket readyState when the error fired (0 connecting, 1 open, 2 closing, 3 closed); null when no socket exists yet (constructor threw).",
            examples: [0, 3],
          })
          .nullable(),
        message: z
          .string()
          .min(1)
          .meta({
            description:
              "Error text, scrubbed of URLs and credentials before logging; absent when the runtime gives no message.",
            examples: ["connect ECONNREFUSED"],
          })
          .optional(),
      })
      .meta({
        level: "error",
        description: "Opening or using the WebSocket failed (constructor throw or socket error event); a reconnect follows.",
        examples: [{ readyState: 0, message: "connect ECONNREFUSED" }, { readyState: null }],
      }),
  ])
  .meta({
    family: "daemon.connection",
    description:
      "The daemon's side of its WebSocket to the orchestrator: attempts, opens, closes, backoff and errors, with the deltas needed to tell a clean connect from a reconnect loop or a flap.",
    owner: "platform",
    stability: "stable",
    loki: { selector: '{service_name="daemon"}' },
    transitions: [
      ["[*]", "connect_attempt", "connect()"],
      ["connect_attempt", "connected", "socket open"],
      ["connected", "disconnected", "socket close"],
      ["disconnected", "reconnect_scheduled"],
      ["reconnect_scheduled", "connect_attempt", "backoff timer fires"],
      ["connect_attempt", "error", "throw / socket error"],
      ["error", "reconnect_scheduled"],
    ],
    alerts: [
      {
        kind: "threshold",
        name: "DaemonReconnectStorm",
        event: "daemon.connection.reconnect_scheduled",
        where: [{ field: "attempt", op: ">=", value: 5 }],
        window: "5m",
        // The events carry no daemon id; pino's `hostname` (on every line) tells daemons apart.
        by: ["hostname"],
        op: ">",
        value: 0,
        for: "0s",
        severity: "warning",
        summary: "Daemon on {{ $labels.hostname }} is reconnect-looping: {{ $value }} reconnects at attempt 5 or higher in the last 5 minutes.",
        description:
          "This daemon has failed to reach the orchestrator at least five times in a row. Grouped by pino's `hostname` envelope field, so each looping daemon host fires on its own.",
      },
      {
        kind: "quantile",
        name: "DaemonFleetReconnectPressure",
        event: "daemon.connection.reconnect_scheduled",
        field: "attempt",
        quantile: 0.95,
        window: "5m",
        op: ">",
        value: 3,
        for: "5m",
        severity: "warning",
        summary: "Fleet-wide reconnect pressure: p95 reconnect attempt is {{ $value }} (above 3) for 5 minutes.",
        description:
          "Most reconnecting daemons need more than three tries to get back in; suspect the orchestrator, its load balancer or the network path rather than one daemon.",
      },
      {
        kind: "threshold",
        name: "DaemonConnectionFlapping",
        event: "daemon.connection.disconnected",
        where: [{ field: "connected_duration_ms", op: "<", value: 1000 }],
        window: "10m",
        op: ">",
        value: 3,
        for: "0s",
        severity: "warning",
        summary: "Daemon connections are flapping: {{ $value }} closes within 1 s of opening in the last 10 minutes.",
        description:
          "Sockets open and drop again in under a second, which points at a handshake or auth rejection, or a proxy closing upgraded connections, rather than an idle timeout.",
      },
    ],
  });
