/**
 * The `validate` key of the config: defaults for `logpact validate` (every flag overrides
 * its key). Every default is set here, once.
 */
import { z } from "zod";
import { DEFAULT_SEVERITY, FINDING_KINDS, SEVERITIES } from "./kinds.js";

const severity = z.enum(SEVERITIES);

export const ValidateConfigSchema = z
  .strictObject({
    /** Per finding kind: `error` fails the run (exit 1), `warn` is listed as a warning only, `off` is counted but not listed. */
    severity: z
      .strictObject(
        Object.fromEntries(FINDING_KINDS.map((k) => [k, severity.default(DEFAULT_SEVERITY[k])])) as {
          [K in (typeof FINDING_KINDS)[number]]: z.ZodDefault<typeof severity>;
        },
      )
      .prefault({}),
    /** Findings listed in detail (all are counted). */
    maxFindings: z.number().int().min(0).default(100),
    /** Example lines (line number and value) shown per group of identical findings (`--max-examples`). */
    maxExamples: z.number().int().min(0).default(5),
    /** Lines longer than this many bytes are skipped unread and reported as `line-too-long` (bounds memory). */
    maxLineBytes: z
      .number()
      .int()
      .min(1024)
      .default(16 * 1024 * 1024),
    /** Threads checking file inputs (`--jobs`), the main one included; 1 checks on the main thread only. */
    jobs: z.number().int().min(1).max(64).default(1),
  })
  .prefault({});

export type ValidateConfig = z.output<typeof ValidateConfigSchema>;
