/**
 * Runtime validation of `.meta()` values (the TypeScript types in meta.ts cannot stop a
 * plain-JS or `as any` module). One Zod schema per place metadata can sit.
 */
import { z } from "zod";
import { parseDuration } from "../targets/loki/syntax.js";
import {
  ALERT_KINDS,
  ALERT_SEVERITIES,
  COMPARE_OPS,
  LEVELS,
  STABILITIES,
  UNITS,
  type AlertDecl,
  type Duration as DurationType,
} from "./meta.js";

const Deprecation = z.strictObject({
  reason: z.string().min(1).optional(),
  renamed_to: z.string().min(1).optional(),
  since: z.string().min(1).optional(),
});

const Transition = z.union([
  z.tuple([z.string().min(1), z.string().min(1)]),
  z.tuple([z.string().min(1), z.string().min(1), z.string()]),
]);

// ---- Alert declarations (meta.ts `AlertDecl`). The shape is checked here, at load time;
// what needs the registry (events, fields, types, labels) is checked in alerts.ts.

const DURATION_HELP = 'whole numbers with units ms, s, m, h, d, w, y, largest first (e.g. "30s", "5m", "1h30m")';

// Typed as meta.ts's template-literal `Duration`; the check is what makes that true.
const Duration = z.string({ error: 'a duration is a string such as "5m"' }).check((ctx) => {
  if (parseDuration(ctx.value) === undefined)
    ctx.issues.push({
      code: "custom",
      input: ctx.value,
      message: `${JSON.stringify(ctx.value)} is not a duration: use ${DURATION_HELP}`,
    });
}) as unknown as z.ZodType<DurationType, string>;
const Window = z.string({ error: 'a window is a duration string such as "5m"' }).check((ctx) => {
  const ms = parseDuration(ctx.value);
  if (ms === undefined)
    ctx.issues.push({
      code: "custom",
      input: ctx.value,
      message: `${JSON.stringify(ctx.value)} is not a duration: use ${DURATION_HELP}`,
    });
  else if (ms === 0) ctx.issues.push({ code: "custom", input: ctx.value, message: "the window must be longer than 0" });
}) as unknown as z.ZodType<DurationType, string>;

const FieldPath = z.string({ error: "a field name (or dotted path) is a string" }).min(1, "the field name is empty");
const EventName = z.string({ error: "an event name is a string" }).min(1, "the event name is empty");
const EventNames = z.union([EventName, z.array(EventName).min(1, "list at least one event")], {
  error: 'an event name, or a list of event names: "failed" or ["succeeded", "failed"]',
});

const FieldFilter = z.strictObject({
  field: FieldPath,
  op: z.enum(COMPARE_OPS, { error: `op is one of ${COMPARE_OPS.join(" ")}` }),
  value: z.union([z.string(), z.number(), z.boolean()], {
    error: "the value is a string, a finite number or a boolean",
  }),
});

const By = z.array(FieldPath).refine((list) => new Set(list).size === list.length, "`by` lists a field twice");
const LABEL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Labels logpact sets on every rule itself. */
export const RESERVED_ALERT_LABELS: readonly string[] = ["alertname", "family", "severity"];

const AlertBase = {
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, "alert names are identifiers, e.g. DaemonReconnectStorm"),
  for: Duration.optional(),
  severity: z.enum(ALERT_SEVERITIES, { error: `severity is one of ${ALERT_SEVERITIES.join(", ")}` }),
  summary: z.string().min(1, "the summary is empty"),
  description: z.string().min(1, "the description is empty (leave it out instead)").optional(),
  runbook_url: z.url({ protocol: /^https?$/, error: "runbook_url is an http(s) URL" }).optional(),
  labels: z
    .record(z.string().regex(LABEL_NAME, "label names are identifiers (letters, digits and _)"), z.string())
    .refine(
      (labels) => !Object.keys(labels).some((k) => RESERVED_ALERT_LABELS.includes(k) || k.startsWith("__")),
      `labels cannot set ${RESERVED_ALERT_LABELS.join(", ")} (logpact sets them) or names starting with "__" (reserved)`,
    )
    .optional(),
};
/** What the kinds that measure share (threshold, ratio, quantile): filtered lines over a window, grouped, compared. */
const Measured = {
  where: z.array(FieldFilter).optional(),
  window: Window,
  by: By.optional(),
  op: z.enum(COMPARE_OPS, { error: `op is one of ${COMPARE_OPS.join(" ")}` }),
};
const Count = z.number().min(0, "a count or a ratio is never negative");

/** A strict schema of one alert declaration, discriminated on `kind`. */
export const AlertDeclSchema = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({
      kind: z.literal("threshold"),
      ...AlertBase,
      event: EventNames,
      ...Measured,
      value: Count,
    }),
    z.strictObject({
      kind: z.literal("ratio"),
      ...AlertBase,
      numerator: EventNames,
      denominator: EventNames,
      ...Measured,
      value: Count,
    }),
    z.strictObject({
      kind: z.literal("quantile"),
      ...AlertBase,
      event: EventName,
      field: FieldPath,
      quantile: z
        .number()
        .min(0, "a quantile is between 0 and 1 (0.95 is the p95)")
        .max(1, "a quantile is between 0 and 1 (0.95 is the p95)"),
      ...Measured,
      value: z.number(),
    }),
    z.strictObject({
      kind: z.literal("absent"),
      ...AlertBase,
      event: EventName,
      where: z.array(FieldFilter).optional(),
      window: Window,
    }),
  ],
  { error: `kind is one of ${ALERT_KINDS.join(", ")}` },
);

// The Zod schema and the TypeScript declaration type describe the same thing.
type Mutable<T> = T extends readonly (infer U)[]
  ? Mutable<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: Mutable<T[K]> }
    : T;
type Assignable<A, B> = [A] extends [B] ? true : false;
const _schemaMatchesTypes: [
  Assignable<Mutable<z.output<typeof AlertDeclSchema>>, Mutable<AlertDecl>>,
  Assignable<Mutable<AlertDecl>, Mutable<z.output<typeof AlertDeclSchema>>>,
] = [true, true];
void _schemaMatchesTypes;

export const FamilyMetaSchema = z.looseObject({
  family: z.string().min(1).optional(),
  description: z.string().optional(),
  title: z.string().optional(),
  owner: z.string().min(1).optional(),
  stability: z.enum(STABILITIES).optional(),
  loki: z.strictObject({ selector: z.string().min(1).optional() }).optional(),
  transitions: z.array(Transition).optional(),
  alerts: z.array(AlertDeclSchema).optional(),
});

export const EventMetaSchema = z.looseObject({
  level: z.enum(LEVELS).optional(),
  description: z.string().optional(),
  title: z.string().optional(),
  message: z.string().min(1).optional(),
  stability: z.enum(STABILITIES).optional(),
  deprecation: Deprecation.optional(),
  deprecated: z.boolean().optional(),
  examples: z.array(z.record(z.string(), z.unknown())).optional(),
});

export const FieldMetaSchema = z.looseObject({
  description: z.string().optional(),
  title: z.string().optional(),
  unit: z.enum(Object.keys(UNITS) as [string, ...string[]]).optional(),
  sensitive: z.union([z.boolean(), z.enum(["secret", "pii"])]).optional(),
  examples: z.array(z.unknown()).optional(),
  deprecation: Deprecation.optional(),
  deprecated: z.boolean().optional(),
});
