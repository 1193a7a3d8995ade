/**
 * Runtime validation of `.meta()` values (the TypeScript types in meta.ts cannot stop a
 * plain-JS or `as any` module). One Zod schema per place metadata can sit.
 */
import { z } from "zod";
import { LEVELS, STABILITIES, UNITS } from "./meta.js";

const Deprecation = z.strictObject({
  reason: z.string().min(1).optional(),
  renamed_to: z.string().min(1).optional(),
  since: z.string().min(1).optional(),
});

const Transition = z.union([z.tuple([z.string().min(1), z.string().min(1)]), z.tuple([z.string().min(1), z.string().min(1), z.string()])]);

/** Alerts are checked in depth by the Loki target; here only their outline. */
const AlertOutline = z.looseObject({
  kind: z.enum(["threshold", "ratio", "quantile", "absent"]),
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, "alert names are identifiers, e.g. DaemonReconnectStorm"),
});

export const FamilyMetaSchema = z.looseObject({
  family: z.string().min(1).optional(),
  description: z.string().optional(),
  title: z.string().optional(),
  owner: z.string().min(1).optional(),
  stability: z.enum(STABILITIES).optional(),
  loki: z.strictObject({ selector: z.string().min(1).optional() }).optional(),
  transitions: z.array(Transition).optional(),
  alerts: z.array(AlertOutline).optional(),
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
