/**
 * The classification table: each row is a pair of small registries (built in-process
 * from Zod unions) and the exact changes `diffRegistries` must report, with severities.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { UserConfig } from "../../generator/config/schema.js";
import { diffRegistries, ENVELOPE, type Change } from "../../generator/diff/compare.js";
import type { AlertDecl, FieldFilter } from "../../generator/registry/meta.js";
import { irFrom, type ModuleMap } from "../helpers/registry.js";

type Fields = Record<string, z.ZodType>;
const ev = (name: string, fields: Fields = {}, meta: Record<string, unknown> = {}) =>
  z.strictObject({ event: z.literal(name), ...fields }).meta({ level: "info", description: "d", ...meta });
const fam = (events: z.ZodObject[], meta: Record<string, unknown> = {}) =>
  z.discriminatedUnion("event", events as never).meta({ family: "job", description: "d", ...meta });
const reg = (events: z.ZodObject[], meta: Record<string, unknown> = {}): ModuleMap => ({
  "schemas/job.ts": { JobLog: fam(events, meta) },
});

const d = (s: z.ZodType, meta: Record<string, unknown> = {}) => s.meta({ description: "d", ...meta });
const duration = (meta: Record<string, unknown> = {}) => d(z.number().int().nonnegative(), { unit: "ms", ...meta });
const jobId = () => d(z.string().min(1));

const slowAlert = (field = "durationMs", event = "finished"): AlertDecl => ({
  kind: "quantile",
  name: "JobSlow",
  event,
  field,
  quantile: 0.95,
  window: "1h",
  by: ["queue"],
  op: ">",
  value: 60000,
  severity: "warning",
  summary: "slow",
});
const failAlert = (where?: FieldFilter[]): AlertDecl => ({
  kind: "threshold",
  name: "JobFailures",
  event: "failed",
  window: "5m",
  op: ">",
  value: 3,
  severity: "critical",
  summary: "failing",
  ...(where ? { where } : {}),
});

/** What a test asserts of each change. */
type Want = Pick<Change, "rule" | "severity"> &
  Partial<Pick<Change, "event" | "field" | "alerts" | "alert" | "family">>;

interface Case {
  before: ModuleMap;
  after: ModuleMap;
  beforeConfig?: UserConfig;
  afterConfig?: UserConfig;
  want: Want[];
  /** Substrings the message of the first change must contain. */
  message?: string[];
}

const base = [ev("job.started", { jobId: jobId() }), ev("job.finished", { jobId: jobId(), durationMs: duration() })];
/** A documented rename: durationMs deprecated as renamed to duration_ms, both logged during the transition… */
const renaming = [
  base[0]!,
  ev("job.finished", {
    jobId: jobId(),
    durationMs: duration({ deprecation: { renamed_to: "duration_ms" } }),
    duration_ms: duration(),
  }),
];
/** …and after it, duration_ms alone. */
const renamed = [base[0]!, ev("job.finished", { jobId: jobId(), duration_ms: duration() })];

const cases: [string, Case][] = [
  ["identical registries", { before: reg(base), after: reg(base), want: [] }],
  [
    "a new event",
    {
      before: reg(base),
      after: reg([...base, ev("job.retried", { jobId: jobId() })]),
      want: [{ rule: "event-added", severity: "safe", event: "job.retried" }],
    },
  ],
  [
    "an event removed",
    {
      before: reg([...base, ev("job.retried", { attempt: d(z.number().int()) })]),
      after: reg(base),
      want: [{ rule: "event-removed", severity: "breaking", event: "job.retried" }],
    },
  ],
  [
    "an event renamed without a deprecation record (same fields)",
    {
      before: reg([...base, ev("job.retried", { attempt: d(z.number().int()) })]),
      after: reg([...base, ev("job.retry_scheduled", { attempt: d(z.number().int()) })]),
      want: [{ rule: "event-renamed-undocumented", severity: "breaking", event: "job.retried" }],
      message: ["`job.retried`", "`job.retry_scheduled`", "without a deprecation record"],
    },
  ],
  [
    "an event renamed as documented by deprecation.renamed_to in the baseline",
    {
      before: reg([
        ...base,
        ev("job.retried", { jobId: jobId() }, { deprecation: { renamed_to: "job.retry_scheduled" } }),
        ev("job.retry_scheduled", { jobId: jobId() }),
      ]),
      after: reg([...base, ev("job.retry_scheduled", { jobId: jobId() })]),
      want: [{ rule: "event-renamed", severity: "warning", event: "job.retried" }],
    },
  ],
  [
    "an event deprecated",
    {
      before: reg(base),
      after: reg([ev("job.started", { jobId: jobId() }, { deprecation: { reason: "use job.queued" } }), base[1]!]),
      want: [{ rule: "deprecation-added", severity: "warning", event: "job.started" }],
    },
  ],
  [
    "a deprecated event removed",
    {
      before: reg([
        ...base,
        ev("job.retried", { jobId: jobId() }, { deprecation: { reason: "retries are not logged" } }),
      ]),
      after: reg(base),
      want: [{ rule: "event-removed-deprecated", severity: "warning", event: "job.retried" }],
    },
  ],
  [
    "a level lowered (warn → info)",
    {
      before: reg([base[0]!, ev("job.finished", { jobId: jobId(), durationMs: duration() }, { level: "warn" })]),
      after: reg(base),
      want: [{ rule: "event-level-lowered", severity: "breaking", event: "job.finished" }],
    },
  ],
  [
    "a level raised (info → error)",
    {
      before: reg(base),
      after: reg([base[0]!, ev("job.finished", { jobId: jobId(), durationMs: duration() }, { level: "error" })]),
      want: [{ rule: "event-level-raised", severity: "warning", event: "job.finished" }],
    },
  ],
  [
    "a default message changed",
    {
      before: reg(base),
      after: reg([base[0]!, ev("job.finished", { jobId: jobId(), durationMs: duration() }, { message: "job done" })]),
      want: [{ rule: "event-message-changed", severity: "warning", event: "job.finished" }],
    },
  ],
  [
    "an optional field added",
    {
      before: reg(base),
      after: reg([ev("job.started", { jobId: jobId(), queue: d(z.string()).optional() }), base[1]!]),
      want: [{ rule: "field-added-optional", severity: "safe", event: "job.started", field: "queue" }],
    },
  ],
  [
    "a required field added",
    {
      before: reg(base),
      after: reg([ev("job.started", { jobId: jobId(), queue: d(z.string()) }), base[1]!]),
      want: [{ rule: "field-added-required", severity: "breaking", event: "job.started", field: "queue" }],
    },
  ],
  [
    "a field removed",
    {
      before: reg([ev("job.started", { jobId: jobId(), queue: d(z.string()) }), base[1]!]),
      after: reg(base),
      want: [{ rule: "field-removed", severity: "breaking", event: "job.started", field: "queue" }],
    },
  ],
  [
    "a field renamed without a deprecation record (durationMs → duration_ms)",
    {
      before: reg(base),
      after: reg([base[0]!, ev("job.finished", { jobId: jobId(), duration_ms: duration() })]),
      want: [{ rule: "field-renamed-undocumented", severity: "breaking", event: "job.finished", field: "durationMs" }],
      message: ["`durationMs`", "`duration_ms`"],
    },
  ],
  [
    "a field renamed as documented by deprecation.renamed_to",
    {
      before: reg(renaming),
      after: reg(renamed),
      want: [{ rule: "field-renamed", severity: "warning", event: "job.finished", field: "durationMs" }],
    },
  ],
  [
    "a deprecated field removed",
    {
      before: reg([
        ev("job.started", {
          jobId: jobId(),
          host: d(z.string(), { deprecation: { reason: "use the envelope's hostname" } }),
        }),
        base[1]!,
      ]),
      after: reg(base),
      want: [{ rule: "field-removed-deprecated", severity: "warning", event: "job.started", field: "host" }],
    },
  ],
  [
    "optional → required",
    {
      before: reg([ev("job.started", { jobId: jobId(), queue: d(z.string()).optional() }), base[1]!]),
      after: reg([ev("job.started", { jobId: jobId(), queue: d(z.string()) }), base[1]!]),
      want: [{ rule: "field-made-required", severity: "breaking", field: "queue" }],
    },
  ],
  [
    "required → optional",
    {
      before: reg([ev("job.started", { jobId: jobId(), queue: d(z.string()) }), base[1]!]),
      after: reg([ev("job.started", { jobId: jobId(), queue: d(z.string()).optional() }), base[1]!]),
      want: [{ rule: "field-made-optional", severity: "breaking", field: "queue" }],
    },
  ],
  [
    "string → number",
    {
      before: reg([ev("job.started", { jobId: d(z.string()) })]),
      after: reg([ev("job.started", { jobId: d(z.number()) })]),
      want: [{ rule: "type-changed", severity: "breaking", event: "job.started", field: "jobId" }],
    },
  ],
  [
    "number → integer",
    {
      before: reg([ev("job.started", { load: d(z.number()) })]),
      after: reg([ev("job.started", { load: d(z.number().int()) })]),
      want: [{ rule: "type-narrowed", severity: "breaking", field: "load" }],
    },
  ],
  [
    "integer → number",
    {
      before: reg([ev("job.started", { load: d(z.number().int()) })]),
      after: reg([ev("job.started", { load: d(z.number()) })]),
      want: [{ rule: "type-widened", severity: "warning", field: "load" }],
    },
  ],
  [
    "string | number → string",
    {
      before: reg([ev("job.started", { ref: d(z.union([z.string(), z.number()])) })]),
      after: reg([ev("job.started", { ref: d(z.string()) })]),
      want: [{ rule: "type-narrowed", severity: "breaking", field: "ref" }],
    },
  ],
  [
    "nullable removed",
    {
      before: reg([ev("job.started", { rtt: d(z.number().int().nullable()) })]),
      after: reg([ev("job.started", { rtt: d(z.number().int()) })]),
      want: [{ rule: "nullable-removed", severity: "breaking", field: "rtt" }],
    },
  ],
  [
    "nullable added",
    {
      before: reg([ev("job.started", { rtt: d(z.number().int()) })]),
      after: reg([ev("job.started", { rtt: d(z.number().int().nullable()) })]),
      want: [{ rule: "nullable-added", severity: "warning", field: "rtt" }],
    },
  ],
  [
    "an enum member removed",
    {
      before: reg([ev("job.started", { side: d(z.enum(["client", "broker"])) })]),
      after: reg([ev("job.started", { side: d(z.enum(["client"])) })]),
      want: [{ rule: "enum-member-removed", severity: "breaking", field: "side" }],
      message: ['"broker" no longer allowed'],
    },
  ],
  [
    "an enum member added",
    {
      before: reg([ev("job.started", { side: d(z.enum(["client", "broker"])) })]),
      after: reg([ev("job.started", { side: d(z.enum(["client", "broker", "proxy"])) })]),
      want: [{ rule: "enum-member-added", severity: "warning", field: "side" }],
    },
  ],
  [
    "a literal widened to an enum",
    {
      before: reg([ev("job.started", { side: d(z.literal("client")) })]),
      after: reg([ev("job.started", { side: d(z.enum(["client", "broker"])) })]),
      want: [{ rule: "enum-member-added", severity: "warning", field: "side" }],
    },
  ],
  [
    "a free string narrowed to an enum",
    {
      before: reg([ev("job.started", { side: d(z.string()) })]),
      after: reg([ev("job.started", { side: d(z.enum(["client", "broker"])) })]),
      want: [{ rule: "constraint-tightened", severity: "breaking", field: "side" }],
    },
  ],
  [
    "an enum opened up to any string",
    {
      before: reg([ev("job.started", { side: d(z.enum(["client", "broker"])) })]),
      after: reg([ev("job.started", { side: d(z.string()) })]),
      want: [{ rule: "constraint-loosened", severity: "warning", field: "side" }],
    },
  ],
  [
    "minimum raised (nonnegative → positive)",
    {
      before: reg([ev("job.started", { attempt: d(z.number().int().nonnegative()) })]),
      after: reg([ev("job.started", { attempt: d(z.number().int().positive()) })]),
      want: [{ rule: "constraint-tightened", severity: "breaking", field: "attempt" }],
      message: ["minimum ≥ 0 → ≥ 1"],
    },
  ],
  [
    "minimum dropped",
    {
      before: reg([ev("job.started", { attempt: d(z.number().int().nonnegative()) })]),
      after: reg([ev("job.started", { attempt: d(z.number().int()) })]),
      want: [{ rule: "constraint-loosened", severity: "warning", field: "attempt" }],
    },
  ],
  [
    "maximum lowered",
    {
      before: reg([ev("job.started", { state: d(z.number().int().min(0).max(3)) })]),
      after: reg([ev("job.started", { state: d(z.number().int().min(0).max(2)) })]),
      want: [{ rule: "constraint-tightened", severity: "breaking", field: "state" }],
    },
  ],
  [
    "maxLength added",
    {
      before: reg([ev("job.started", { reason: d(z.string()) })]),
      after: reg([ev("job.started", { reason: d(z.string().max(200)) })]),
      want: [{ rule: "constraint-tightened", severity: "breaking", field: "reason" }],
    },
  ],
  [
    "a pattern added",
    {
      before: reg([ev("job.started", { target: d(z.string()) })]),
      after: reg([ev("job.started", { target: d(z.string().regex(/^[\w-]+\/[\w-]+#\d+$/)) })]),
      want: [{ rule: "constraint-tightened", severity: "breaking", field: "target" }],
    },
  ],
  [
    "a format added (string → uuid)",
    {
      before: reg([ev("job.started", { runId: d(z.string()) })]),
      after: reg([ev("job.started", { runId: d(z.uuid()) })]),
      want: [{ rule: "constraint-tightened", severity: "breaking", field: "runId" }],
      message: ["format uuid added", "pattern"],
    },
  ],
  [
    "a nested object property removed",
    {
      before: reg([ev("job.started", { meta: d(z.strictObject({ host: z.string(), pid: z.number().int() })) })]),
      after: reg([ev("job.started", { meta: d(z.strictObject({ host: z.string() })) })]),
      want: [{ rule: "field-removed", severity: "breaking", field: "meta.pid" }],
    },
  ],
  [
    "array items changed type",
    {
      before: reg([ev("job.started", { tags: d(z.array(z.string())) })]),
      after: reg([ev("job.started", { tags: d(z.array(z.number())) })]),
      want: [{ rule: "type-changed", severity: "breaking", field: "tags[]" }],
    },
  ],
  [
    "record values narrowed (number → integer)",
    {
      before: reg([ev("job.started", { counts: d(z.record(z.string(), z.number())) })]),
      after: reg([ev("job.started", { counts: d(z.record(z.string(), z.number().int())) })]),
      want: [{ rule: "type-narrowed", severity: "breaking", field: "counts.*" }],
    },
  ],
  [
    "descriptions and examples only",
    {
      before: reg(base),
      after: reg([
        ev(
          "job.started",
          { jobId: d(z.string().min(1), { description: "Job id (uuid v4).", examples: ["j-1"] }) },
          { description: "A worker picked the job." },
        ),
        base[1]!,
      ]),
      want: [
        { rule: "description-changed", severity: "safe", event: "job.started" },
        { rule: "description-changed", severity: "safe", event: "job.started", field: "jobId" },
        { rule: "examples-changed", severity: "safe", event: "job.started", field: "jobId" },
      ],
    },
  ],
  [
    "a declared unit changed (ms → s)",
    {
      beforeConfig: { conventions: { unitSuffixes: false } },
      afterConfig: { conventions: { unitSuffixes: false } },
      before: reg([ev("job.finished", { took: d(z.number(), { unit: "ms" }) })]),
      after: reg([ev("job.finished", { took: d(z.number(), { unit: "s" }) })]),
      want: [{ rule: "unit-changed", severity: "breaking", field: "took" }],
    },
  ],
  [
    "a unit declared where there was none",
    {
      beforeConfig: { conventions: { unitSuffixes: false } },
      afterConfig: { conventions: { unitSuffixes: false } },
      before: reg([ev("job.finished", { took: d(z.number()) })]),
      after: reg([ev("job.finished", { took: d(z.number(), { unit: "ms" }) })]),
      want: [{ rule: "unit-annotation-changed", severity: "safe", field: "took" }],
    },
  ],
  [
    "a field made sensitive",
    {
      before: reg([ev("job.started", { email: d(z.string()) })]),
      after: reg([ev("job.started", { email: d(z.string(), { sensitive: "pii" }) })]),
      want: [{ rule: "sensitivity-added", severity: "warning", field: "email" }],
    },
  ],
  [
    "a field an alert reads removed: the change names the alert",
    {
      before: reg(base, { alerts: [slowAlert()] }),
      after: reg([base[0]!, ev("job.finished", { jobId: jobId() })], { alerts: [slowAlert()] }),
      want: [
        {
          rule: "field-removed",
          severity: "breaking",
          event: "job.finished",
          field: "durationMs",
          alerts: ["JobSlow"],
        },
      ],
      message: ["used by alert JobSlow"],
    },
  ],
  [
    "an event an alert watches (by short name) removed",
    {
      before: reg([...base, ev("job.failed", { jobId: jobId() })], { alerts: [failAlert()] }),
      after: reg(base, { alerts: [failAlert()] }),
      want: [{ rule: "event-removed", severity: "breaking", event: "job.failed", alerts: ["JobFailures"] }],
    },
  ],
  [
    "a filter field of an alert narrowed",
    {
      before: reg([...base, ev("job.failed", { attempt: d(z.number()) })], {
        alerts: [failAlert([{ field: "attempt", op: ">=", value: 3 }])],
      }),
      after: reg([...base, ev("job.failed", { attempt: d(z.number().int()) })], {
        alerts: [failAlert([{ field: "attempt", op: ">=", value: 3 }])],
      }),
      want: [
        { rule: "type-narrowed", severity: "breaking", event: "job.failed", field: "attempt", alerts: ["JobFailures"] },
      ],
    },
  ],
  [
    "a documented rename of a field an alert still reads: breaking",
    {
      before: reg(renaming, { alerts: [slowAlert()] }),
      after: reg(renamed, {
        alerts: [slowAlert()],
      }),
      want: [{ rule: "field-renamed", severity: "breaking", field: "durationMs", alerts: ["JobSlow"] }],
      message: ["alert JobSlow still reads the old name"],
    },
  ],
  [
    "a documented rename the alert follows: warning",
    {
      before: reg(renaming, { alerts: [slowAlert()] }),
      after: reg(renamed, {
        alerts: [slowAlert("duration_ms")],
      }),
      want: [
        { rule: "field-renamed", severity: "warning", field: "durationMs", alerts: ["JobSlow"] },
        { rule: "alert-changed", severity: "safe", alert: "JobSlow" },
      ],
    },
  ],
  [
    "a breaking change to an experimental event becomes a warning",
    {
      before: reg([
        ev("job.started", { jobId: jobId(), queue: d(z.string()) }, { stability: "experimental" }),
        base[1]!,
      ]),
      after: reg([ev("job.started", { jobId: jobId() }, { stability: "experimental" }), base[1]!]),
      want: [{ rule: "field-removed", severity: "warning", field: "queue" }],
      message: ["experimental"],
    },
  ],
  [
    "an event going experimental",
    {
      before: reg(base),
      after: reg([ev("job.started", { jobId: jobId() }, { stability: "experimental" }), base[1]!]),
      want: [{ rule: "stability-lowered", severity: "warning", event: "job.started" }],
    },
  ],
  [
    "alerts removed, added and re-tuned",
    {
      before: reg([...base, ev("job.failed", { jobId: jobId() })], { alerts: [slowAlert(), failAlert()] }),
      after: reg([...base, ev("job.failed", { jobId: jobId() })], {
        alerts: [
          { ...slowAlert(), value: 120000 },
          { kind: "absent", name: "JobSilent", event: "started", window: "1h", severity: "warning", summary: "quiet" },
        ],
      }),
      want: [
        { rule: "alert-removed", severity: "warning", alert: "JobFailures" },
        { rule: "alert-added", severity: "safe", alert: "JobSilent" },
        { rule: "alert-changed", severity: "safe", alert: "JobSlow" },
      ],
    },
  ],
  [
    "an alert's threshold changed: alert-changed, as the declaration changed",
    {
      before: reg([...base, ev("job.failed", { attempt: d(z.number().int()) })], { alerts: [failAlert()] }),
      after: reg([...base, ev("job.failed", { attempt: d(z.number().int()) })], {
        alerts: [{ ...failAlert(), value: 10 }],
      }),
      want: [{ rule: "alert-changed", severity: "safe", alert: "JobFailures" }],
    },
  ],
  [
    "an alert's `for` changed: alert-changed, as the declaration changed",
    {
      before: reg([...base, ev("job.failed", { attempt: d(z.number().int()) })], { alerts: [failAlert()] }),
      after: reg([...base, ev("job.failed", { attempt: d(z.number().int()) })], {
        alerts: [{ ...failAlert(), for: "10m" }],
      }),
      want: [{ rule: "alert-changed", severity: "safe", alert: "JobFailures" }],
    },
  ],
  [
    "an alert's severity changed: alert-changed, as the declaration changed",
    {
      before: reg([...base, ev("job.failed", { attempt: d(z.number().int()) })], { alerts: [failAlert()] }),
      after: reg([...base, ev("job.failed", { attempt: d(z.number().int()) })], {
        alerts: [{ ...failAlert(), severity: "warning" }],
      }),
      want: [{ rule: "alert-changed", severity: "safe", alert: "JobFailures" }],
    },
  ],
  [
    "an alert's expression changed (a filter added): alert-changed, as the declaration changed",
    {
      before: reg([...base, ev("job.failed", { attempt: d(z.number().int()) })], { alerts: [failAlert()] }),
      after: reg([...base, ev("job.failed", { attempt: d(z.number().int()) })], {
        alerts: [failAlert([{ field: "attempt", op: ">=", value: 3 }])],
      }),
      want: [{ rule: "alert-changed", severity: "safe", alert: "JobFailures" }],
    },
  ],
  [
    "a field an alert filters on widened: its resolved form changes, the declaration does not (no alert-changed)",
    {
      before: reg([...base, ev("job.failed", { attempt: d(z.number().int()) })], {
        alerts: [failAlert([{ field: "attempt", op: ">=", value: 3 }])],
      }),
      after: reg([...base, ev("job.failed", { attempt: d(z.number()) })], {
        alerts: [failAlert([{ field: "attempt", op: ">=", value: 3 }])],
      }),
      want: [{ rule: "type-widened", severity: "warning", event: "job.failed", field: "attempt" }],
    },
  ],
  [
    "the Loki selector changed",
    {
      before: reg(base),
      after: reg(base, { loki: { selector: '{service_name="jobs"}' } }),
      want: [{ rule: "loki-selector-changed", severity: "warning", family: "job" }],
    },
  ],
  [
    "a required envelope field added in the config",
    {
      before: reg(base),
      after: reg(base),
      afterConfig: { envelope: { fields: { deliveryId: { type: "string" } }, required: ["deliveryId"] } },
      want: [{ rule: "field-added-required", severity: "breaking", family: ENVELOPE, field: "deliveryId" }],
    },
  ],
  [
    // The first pull request that adopts logpact: the ref before it has no families, so its
    // envelope and event key were nobody's contract; only the events are news.
    "adopting: no families before, a profile with a required binding after",
    {
      before: {},
      after: reg(base),
      afterConfig: { envelope: { fields: { requestId: { type: "string" } }, required: ["requestId"] } },
      want: [
        { rule: "event-added", severity: "safe", event: "job.finished" },
        { rule: "event-added", severity: "safe", event: "job.started" },
      ],
    },
  ],
];

function project(c: Change, want: Want): Want {
  const out: Record<string, unknown> = { rule: c.rule, severity: c.severity };
  for (const key of ["event", "field", "alerts", "alert", "family"] as const) if (key in want) out[key] = c[key];
  return out as Want;
}

describe.each(cases)("%s", (_name, { before, after, beforeConfig, afterConfig, want, message }) => {
  it("is classified as expected", () => {
    const b = irFrom(before, beforeConfig).ir;
    const a = irFrom(after, afterConfig).ir;
    const { changes, counts } = diffRegistries(b, a);
    expect(changes.map((c, i) => project(c, want[i] ?? want[0] ?? { rule: c.rule, severity: c.severity }))).toEqual(
      want,
    );
    expect(counts.breaking + counts.warning + counts.safe).toBe(changes.length);
    for (const part of message ?? []) expect(changes[0]?.message).toContain(part);
  });
  it("reports nothing when compared with itself", () => {
    const a = irFrom(after, afterConfig).ir;
    expect(diffRegistries(a, a).changes).toEqual([]);
  });
});

describe("every change", () => {
  it("names its family and source module, and breaking ones say how to fix them", () => {
    const all = cases.flatMap(
      ([, c]) => diffRegistries(irFrom(c.before, c.beforeConfig).ir, irFrom(c.after, c.afterConfig).ir).changes,
    );
    expect(all.length).toBeGreaterThan(cases.length);
    for (const c of all) {
      expect(c.family).toBeTruthy();
      if (c.family !== ENVELOPE) expect(c.file).toBe("schemas/job.ts");
      if (c.severity === "breaking") expect(c.fix, c.message).toBeTruthy();
    }
  });
});
