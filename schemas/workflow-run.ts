/**
 * `workflow.run` — the durable workflow-run state machine.
 *
 * Every transition of a run row (queued, running, a terminal outcome, or a run that never
 * got going) logs one event keyed by `runId`, `workflowName`, `target` and `deliveryId`.
 * With that, success rate, p95 duration, incomplete rate and dispatch-refusal rate per
 * workflow are a single log query instead of a SQL aggregation over the runs table, and an
 * orphaned run row can be traced back to the delivery that created it.
 */
import { z } from "zod";
import type {} from "../generator/registry/meta.js"; // typed .meta() keys

/** Correlation fields every workflow.run event carries (a plain shape, spread into each event). */
const runBase = {
  runId: z.uuid().meta({
    description: "Id of the workflow-run row; joins every event of one run.",
    examples: ["3f2b8c1e-9d4a-4e6f-8b7c-2a1d5e9f0c34"],
  }),
  workflowName: z
    .string()
    .min(1)
    .meta({
      description: "Workflow this run executes (triage, plan, implement, review, …); the usual grouping key.",
      examples: ["implement", "review"],
    }),
  target: z
    .string()
    .min(1)
    .meta({
      description: "What the run acts on, as owner/repo#number.",
      examples: ["acme/widgets#123"],
    }),
  deliveryId: z
    .string()
    .min(1)
    .meta({
      description: "Id of the inbound webhook delivery that triggered the run; ties a run back to its trigger.",
      examples: ["a1b2c3d4-0000-11ef-8000-0242ac120002"],
    }),
};

/** Added by events that end a run. */
const terminal = {
  durationMs: z
    .number()
    .int()
    .nonnegative()
    .meta({
      description: "Run duration from queued to this outcome, in ms.",
      unit: "ms",
      examples: [95000, 2400000],
    }),
};

const base = {
  runId: "3f2b8c1e-9d4a-4e6f-8b7c-2a1d5e9f0c34",
  workflowName: "implement",
  target: "acme/widgets#123",
  deliveryId: "a1b2c3d4-0000-11ef-8000-0242ac120002",
};

export const WorkflowRunLog = z
  .discriminatedUnion("event", [
    z
      .strictObject({
        event: z.literal("workflow.run.queued"),
        ...runBase,
      })
      .meta({
        level: "info",
        description: "A run row was inserted in the queued state and is waiting for a worker.",
        examples: [base],
      }),
    z
      .strictObject({
        event: z.literal("workflow.run.running"),
        ...runBase,
      })
      .meta({
        level: "info",
        description: "A worker picked the run up and marked it running.",
        examples: [base],
      }),
    z
      .strictObject({
        event: z.literal("workflow.run.succeeded"),
        ...runBase,
        ...terminal,
      })
      .meta({
        level: "info",
        description: "The run finished and achieved its goal.",
        examples: [{ ...base, durationMs: 95000 }],
      }),
    z
      .strictObject({
        event: z.literal("workflow.run.failed"),
        ...runBase,
        ...terminal,
        reason: z
          .string()
          .min(1)
          .meta({
            description: "Why the run failed: the reported error or the uncaught exception's message.",
            examples: ["agent exited with code 1"],
          }),
      })
      .meta({
        level: "error",
        description: "The run ended in failure (reported failure or an uncaught throw in the executor).",
        examples: [{ ...base, durationMs: 41000, reason: "agent exited with code 1" }],
      }),
    z
      .strictObject({
        event: z.literal("workflow.run.incomplete"),
        ...runBase,
        ...terminal,
        reason: z
          .string()
          .min(1)
          .meta({
            description: "What is still outstanding, e.g. the agent ran cleanly but CI is still red.",
            examples: ["CI still failing after fix"],
          }),
      })
      .meta({
        level: "warn",
        description: "The run ended without a pipeline error but without reaching its goal.",
        examples: [{ ...base, workflowName: "resolve", durationMs: 600000, reason: "CI still failing after fix" }],
      }),
    z
      .strictObject({
        event: z.literal("workflow.run.handed_off"),
        ...runBase,
        ...terminal,
      })
      .meta({
        level: "info",
        description: "The run handed its work to a follow-up run and ended its own part.",
        examples: [{ ...base, workflowName: "ship", durationMs: 12000 }],
      }),
    z
      .strictObject({
        event: z.literal("workflow.run.dispatch_refused"),
        ...runBase,
        reason: z
          .string()
          .min(1)
          .meta({
            description: "Why dispatch refused to start a run, usually that an in-flight run already exists for the target.",
            examples: ["run already in flight for target"],
          }),
      })
      .meta({
        level: "warn",
        description: "A trigger arrived but no run was started (e.g. one is already in flight for the same target and workflow).",
        examples: [{ ...base, reason: "run already in flight for target" }],
      }),
    z
      .strictObject({
        event: z.literal("workflow.run.enqueue_failed"),
        ...runBase,
        reason: z
          .string()
          .min(1)
          .meta({
            description: "Queue publish error; the row was already inserted and is being marked failed.",
            examples: ["enqueue failed: connection reset"],
          }),
      })
      .meta({
        level: "error",
        description: "The run row was inserted but publishing it to the work queue failed, so no worker will ever pick it up.",
        examples: [{ ...base, reason: "enqueue failed: connection reset" }],
      }),
  ])
  .meta({
    family: "workflow.run",
    description:
      "Lifecycle of durable workflow runs, one event per state transition, correlated by runId and deliveryId and grouped by workflowName.",
    owner: "platform",
    stability: "stable",
    loki: { selector: '{service_name="workflow"}' },
    transitions: [
      ["[*]", "queued"],
      ["queued", "running"],
      ["running", "succeeded"],
      ["running", "failed"],
      ["running", "incomplete"],
      ["running", "handed_off"],
      ["queued", "enqueue_failed"],
      ["[*]", "dispatch_refused"],
    ],
    alerts: [
      {
        kind: "ratio",
        name: "WorkflowRunFailureRate",
        numerator: ["workflow.run.failed"],
        denominator: ["workflow.run.succeeded", "workflow.run.failed", "workflow.run.incomplete"],
        window: "15m",
        by: ["workflowName"],
        op: ">",
        value: 0.2,
        for: "0s",
        severity: "warning",
        summary: "Workflow {{ $labels.workflowName }} fails {{ $value }} of its finished runs (above 20 %) over 15 minutes.",
        description:
          "Failed runs as a share of succeeded + failed + incomplete; handed-off runs are excluded because they finish elsewhere.",
      },
      {
        kind: "quantile",
        name: "WorkflowRunSlow",
        event: "workflow.run.succeeded",
        field: "durationMs",
        quantile: 0.95,
        window: "1h",
        by: ["workflowName"],
        op: ">",
        value: 1800000,
        for: "0s",
        severity: "warning",
        summary: "Workflow {{ $labels.workflowName }} p95 successful run takes {{ $value }} ms (above 30 min) over 1 hour.",
        description: "Successful runs are getting slow; check agent latency, CI wait times and queue backlog.",
      },
      {
        kind: "threshold",
        name: "WorkflowRunEnqueueFailed",
        event: "workflow.run.enqueue_failed",
        window: "5m",
        by: ["workflowName"],
        op: ">",
        value: 0,
        for: "0s",
        severity: "warning",
        summary: "Workflow {{ $labels.workflowName }}: {{ $value }} runs could not be enqueued in the last 5 minutes.",
        description:
          "Run rows were inserted but the queue publish failed, so those triggers will not be served; check the queue backend.",
      },
      {
        kind: "threshold",
        name: "WorkflowDispatchRefusalSurge",
        event: "workflow.run.dispatch_refused",
        window: "10m",
        op: ">",
        value: 10,
        for: "0s",
        severity: "warning",
        summary: "{{ $value }} workflow dispatches refused in the last 10 minutes (more than 10).",
        description:
          "Many triggers collide with an in-flight run; the in-flight guard may be over-triggering or a routing regression may be sending everything to one workflow.",
      },
    ],
  });
