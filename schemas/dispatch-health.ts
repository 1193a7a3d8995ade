/**
 * `dispatch.health` — is the dispatch daemon's poll loop still alive?
 *
 * A daemon can keep answering HTTP while its poll loop is dead: one cycle hangs on an
 * await, its re-entrancy flag is never cleared, and every later tick returns immediately.
 * Nothing errors; work simply stops being dispatched. These events make that state
 * visible. They are detection only (nothing here force-recovers, which would risk two
 * cycles working the same tasks) and edge-triggered: each is logged once when the state
 * changes, never as a per-tick reminder, so one line means one transition.
 */
import { z } from "zod";
import type {} from "../generator/registry/meta.js"; // typed .meta() keys

export const DispatchHealthLog = z
  .discriminatedUnion("event", [
    z
      .strictObject({
        event: z.literal("dispatch.health.poll_stale"),
        lastPollStartedAt: z.iso.datetime().meta({
          description: "When the most recent poll cycle started (set before its first await).",
          examples: ["2026-11-02T10:15:00.000Z"],
        }),
        lastPollCompletedAt: z.iso
          .datetime()
          .meta({
            description: "When a poll cycle last ran to completion; absent if no cycle has ever completed.",
            examples: ["2026-11-02T10:14:55.000Z"],
          })
          .optional(),
        stale_for_ms: z
          .number()
          .int()
          .nonnegative()
          .meta({
            description: "How long the loop has made no progress (since the last completion, or since start if none), in ms.",
            unit: "ms",
            examples: [65000],
          }),
        threshold_ms: z
          .number()
          .int()
          .min(1)
          .meta({
            description: "Staleness threshold that was crossed, in ms; defaults to max(60 000 ms, 10 × poll interval).",
            unit: "ms",
            examples: [60000],
          }),
        inFlight: z.boolean().meta({
          description: "True when a cycle started but never finished (wedged on an await); false when cycles simply stopped starting.",
          examples: [true],
        }),
      })
      .meta({
        level: "error",
        description:
          "The poll loop made no progress for longer than the threshold (default max(60 000 ms, 10 × poll interval)); the daemon is likely wedged and needs a restart.",
        examples: [
          {
            lastPollStartedAt: "2026-11-02T10:15:00.000Z",
            lastPollCompletedAt: "2026-11-02T10:14:55.000Z",
            stale_for_ms: 65000,
            threshold_ms: 60000,
            inFlight: true,
          },
          { lastPollStartedAt: "2026-11-02T10:15:00.000Z", stale_for_ms: 61000, threshold_ms: 60000, inFlight: true },
        ],
      }),
    z
      .strictObject({
        event: z.literal("dispatch.health.poll_recovered"),
        lastPollCompletedAt: z.iso.datetime().meta({
          description: "Completion time of the cycle that ended the stale period.",
          examples: ["2026-11-02T10:17:30.000Z"],
        }),
        stale_for_ms: z
          .number()
          .int()
          .nonnegative()
          .meta({
            description: "How long the loop had been stale before this recovery, in ms.",
            unit: "ms",
            examples: [155000],
          }),
      })
      .meta({
        level: "info",
        description: "A poll cycle completed again after the loop had been reported stale.",
        examples: [{ lastPollCompletedAt: "2026-11-02T10:17:30.000Z", stale_for_ms: 155000 }],
      }),
    z
      .strictObject({
        event: z.literal("dispatch.health.queue_stuck"),
        stuck_count: z
          .number()
          .int()
          .min(1)
          .meta({
            description: "Number of ready tasks that cannot be dispatched because no worker is available.",
            unit: "count",
            examples: [7],
          }),
        hint: z.string().meta({
          description: "Operator hint on how to unblock the queue (e.g. register or enable a worker).",
          examples: ["no enabled worker agent; register or enable one"],
        }),
      })
      .meta({
        level: "warn",
        description: "Ready tasks are waiting and no worker can take them; logged once when the queue becomes stuck.",
        examples: [{ stuck_count: 7, hint: "no enabled worker agent; register or enable one" }],
      }),
    z
      .strictObject({
        event: z.literal("dispatch.health.queue_resumed"),
        stuck_for_ms: z
          .number()
          .int()
          .nonnegative()
          .meta({
            description: "How long the queue had been stuck before dispatch resumed, in ms.",
            unit: "ms",
            examples: [420000],
          }),
      })
      .meta({
        level: "info",
        description: "Dispatch is flowing again after the queue had been reported stuck.",
        examples: [{ stuck_for_ms: 420000 }],
      }),
  ])
  .meta({
    family: "dispatch.health",
    description:
      "Edge-triggered health of the dispatch daemon: a wedged poll loop and a queue stuck without workers, each logged once on entry and once on recovery. Detection only, no auto-recovery.",
    owner: "platform",
    stability: "stable",
    loki: { selector: '{service_name="dispatch"}' },
    transitions: [
      ["[*]", "poll_stale", "no progress past threshold"],
      ["poll_stale", "poll_recovered", "a cycle completes"],
      ["poll_recovered", "poll_stale"],
      ["[*]", "queue_stuck", "ready tasks, no worker"],
      ["queue_stuck", "queue_resumed", "dispatch flows"],
      ["queue_resumed", "queue_stuck"],
    ],
    alerts: [
      {
        kind: "threshold",
        name: "DispatchDaemonWedged",
        event: "dispatch.health.poll_stale",
        window: "5m",
        op: ">",
        value: 0,
        for: "0s",
        severity: "critical",
        summary: "The dispatch daemon's poll loop is wedged ({{ $value }} stale reports in 5 minutes); restart it.",
        description:
          "The HTTP server may still answer, but no dispatch, scheduling or recovery work is running. Nothing auto-recovers: restart the daemon, and capture a stack dump first if you can.",
      },
      {
        kind: "threshold",
        name: "DispatchQueueStuck",
        event: "dispatch.health.queue_stuck",
        window: "15m",
        op: ">",
        value: 0,
        for: "0s",
        severity: "warning",
        summary: "The dispatch queue became stuck ({{ $value }} times in 15 minutes): ready tasks have no available worker.",
        description:
          "Approximation of 'stuck and not yet resumed': counts stuck transitions; check for a matching queue_resumed, then register or enable a worker.",
      },
    ],
  });
