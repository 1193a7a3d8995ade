/**
 * `gateway.connection` — per-client connection health on a gateway.
 *
 * The gateway sends a WebSocket protocol ping to each client every 5 s and measures the
 * pong's round trip. A client is stale after 4 intervals (20 s) without a pong; before
 * its first pong it counts as connected only within that initial window. These events
 * carry one client's figures each, so a health view can be built per client without any
 * client seeing another's RTT or heartbeat time.
 */
import { z } from "zod";
import type {} from "../generator/registry/meta.js"; // typed .meta() keys

// clientId is an opaque, gateway-assigned connection id rather than a user identity, so
// it is not marked sensitive.
const clientId = z
  .string()
  .min(1)
  .meta({
    description: "Gateway-assigned id of the client connection these figures belong to.",
    examples: ["c_01J9ZK4Q7M"],
  });

export const GatewayConnectionLog = z
  .discriminatedUnion("event", [
    z
      .strictObject({
        event: z.literal("gateway.connection.pong"),
        clientId,
        rtt_ms: z
          .number()
          .int()
          .nonnegative()
          .meta({
            description: "Round-trip time of this ping/pong, in ms.",
            unit: "ms",
            examples: [38, 1250],
          }),
      })
      .meta({
        level: "debug",
        description: "A client answered the gateway's protocol ping (every 5 s); records the round trip.",
        examples: [{ clientId: "c_01J9ZK4Q7M", rtt_ms: 38 }],
      }),
    z
      .strictObject({
        event: z.literal("gateway.connection.stale"),
        clientId,
        since_last_pong_ms: z
          .number()
          .int()
          .nonnegative()
          .meta({
            description: "Time since the client's last pong, in ms; null if it never answered a ping (measured from connect then).",
            unit: "ms",
            examples: [21000],
          })
          .nullable(),
        threshold_ms: z
          .number()
          .int()
          .min(1)
          .meta({
            description: "Stale limit that was exceeded, in ms (20 000 by default: 4 × the 5 s ping interval).",
            unit: "ms",
            examples: [20000],
          }),
      })
      .meta({
        level: "warn",
        description: "A client went longer than the stale threshold without a pong and no longer counts as connected.",
        examples: [
          { clientId: "c_01J9ZK4Q7M", since_last_pong_ms: 21000, threshold_ms: 20000 },
          { clientId: "c_01J9ZK5B2X", since_last_pong_ms: null, threshold_ms: 20000 },
        ],
      }),
    z
      .strictObject({
        event: z.literal("gateway.connection.health"),
        clientId,
        connected: z.boolean().meta({
          description:
            "Whether the link counts as alive: a pong within the stale window, or still inside the initial window before the first pong.",
          examples: [true],
        }),
        rtt_ms: z
          .number()
          .int()
          .nonnegative()
          .meta({
            description: "Most recent ping round-trip time, in ms; null before the first pong.",
            unit: "ms",
            examples: [38],
          })
          .nullable(),
        lastHeartbeatAt: z
          .number()
          .int()
          .nonnegative()
          .meta({
            description: "When the last pong arrived, as Unix epoch milliseconds; null before the first pong.",
            unit: "epoch_ms",
            examples: [1793614500000],
          })
          .nullable(),
      })
      .meta({
        level: "debug",
        description: "Per-client connection health reported in a health response for the requesting client.",
        examples: [
          { clientId: "c_01J9ZK4Q7M", connected: true, rtt_ms: 38, lastHeartbeatAt: 1793614500000 },
          { clientId: "c_01J9ZK5B2X", connected: true, rtt_ms: null, lastHeartbeatAt: null },
        ],
      }),
  ])
  .meta({
    family: "gateway.connection",
    description:
      "Per-client WebSocket health on a gateway: ping round-trip time, staleness (5 s pings, stale after 20 s without a pong) and the per-client health snapshot.",
    owner: "platform",
    stability: "stable",
    loki: { selector: '{service_name="gateway"}' },
    alerts: [
      {
        kind: "quantile",
        name: "GatewaySlowLinks",
        event: "gateway.connection.pong",
        field: "rtt_ms",
        quantile: 0.95,
        window: "5m",
        op: ">",
        value: 1000,
        for: "0s",
        severity: "warning",
        summary: "Gateway p95 client round-trip time is {{ $value }} ms (above 1 s) over 5 minutes.",
        description:
          "Clients answer pings slowly; check gateway load and the network path. Not grouped by clientId to keep cardinality bounded.",
      },
      {
        kind: "threshold",
        name: "GatewayStaleClients",
        event: "gateway.connection.stale",
        window: "5m",
        op: ">",
        value: 3,
        for: "0s",
        severity: "warning",
        summary: "{{ $value }} gateway clients went stale (no pong for 20 s) in the last 5 minutes.",
        description: "Several clients stopped answering pings; suspect a network partition or clients frozen under load.",
      },
    ],
  });
