/**
 * `ws.liveness` — watchdogs that end half-dead WebSocket connections.
 *
 * A NAT or carrier-grade NAT can silently drop a WebSocket flow; without a watchdog,
 * neither end notices until TCP keepalive gives up (around two hours by default), and the
 * peer meanwhile looks present but receives nothing. Both client and broker ping every
 * 30 s and terminate a connection whose last sign of life is older than 75 s. These
 * events record each such termination, hello handshakes that never got an ack, and pings
 * that could not be sent.
 */
import { z } from "zod";
import type {} from "../generator/registry/meta.js"; // typed .meta() keys

const side = z.enum(["client", "broker"]).meta({
  description: "Which end's watchdog acted: the client (daemon) or the broker.",
  examples: ["broker"],
});

export const WsLivenessLog = z
  .discriminatedUnion("event", [
    z
      .strictObject({
        event: z.literal("ws.liveness.stale_terminated"),
        side,
        idle_ms: z
          .number()
          .int()
          .nonnegative()
          .meta({
            description: "Time since the last sign of life (message, ping or pong) on the connection, in ms.",
            unit: "ms",
            examples: [76000],
          }),
        threshold_ms: z
          .number()
          .int()
          .min(1)
          .meta({
            description: "Idle limit that was exceeded, in ms (75 000 by default: 2.5 × the 30 s ping cadence).",
            unit: "ms",
            examples: [75000],
          }),
        // peerId identifies the remote member/session, i.e. a person's presence on the
        // mesh; treat it as personal data so redaction and docs flag it.
        peerId: z
          .string()
          .min(1)
          .meta({
            description: "Identity of the remote peer whose connection was terminated; broker side only, absent on the client.",
            sensitive: "pii",
            examples: ["peer_7f3a9c"],
          })
          .optional(),
      })
      .meta({
        level: "warn",
        description: "A watchdog terminated a connection that had been silent past the idle threshold; the normal close/reconnect path follows.",
        examples: [
          { side: "broker", idle_ms: 76000, threshold_ms: 75000, peerId: "peer_7f3a9c" },
          { side: "client", idle_ms: 90000, threshold_ms: 75000 },
        ],
      }),
    z
      .strictObject({
        event: z.literal("ws.liveness.hello_ack_timeout"),
        timeout_ms: z
          .number()
          .int()
          .min(1)
          .meta({
            description: "How long the client waited for the broker's hello ack before closing the socket, in ms.",
            unit: "ms",
            examples: [5000],
          }),
      })
      .meta({
        level: "warn",
        description: "The socket opened but the broker never acknowledged the hello in time; the client closes it and backs off.",
        examples: [{ timeout_ms: 5000 }],
      }),
    z
      .strictObject({
        event: z.literal("ws.liveness.ping_failed"),
        side,
        message: z.string().meta({
          description: "Error text from the failed ping send (typically the socket was already closing).",
          examples: ["WebSocket is not open: readyState 2 (CLOSING)"],
        }),
      })
      .meta({
        level: "debug",
        description: "A watchdog ping could not be sent; usually harmless, as the idle check will terminate a dead socket anyway.",
        examples: [{ side: "client", message: "WebSocket is not open: readyState 2 (CLOSING)" }],
      }),
  ])
  .meta({
    family: "ws.liveness",
    description:
      "Liveness watchdogs on both ends of a WebSocket (30 s ping cadence, 75 s idle limit) that terminate connections silently dropped by NAT instead of waiting hours for TCP keepalive.",
    owner: "platform",
    stability: "stable",
    loki: { selector: '{service_name="ws"}' },
    alerts: [
      {
        kind: "threshold",
        name: "WsHalfDeadConnectionChurn",
        event: "ws.liveness.stale_terminated",
        window: "10m",
        by: ["side"],
        op: ">",
        value: 5,
        for: "0s",
        severity: "warning",
        summary: "{{ $value }} half-dead WebSocket connections terminated by the {{ $labels.side }} watchdog in 10 minutes.",
        description:
          "Connections keep going silent until the watchdog kills them; look for a NAT or proxy dropping idle flows, or an overloaded end that stopped answering pings.",
      },
    ],
  });
