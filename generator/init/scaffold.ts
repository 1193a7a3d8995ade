/**
 * The example family `init` writes into a repo that has no log schemas yet: small, but
 * with everything a real family carries (levels, units, descriptions, a sensitive field,
 * a lifecycle), so `logpact gen` on it shows every target at work.
 */

/** Where the example goes (inside the default `schemas` glob, so no config is needed). */
export const EXAMPLE_PATH = "schemas/job.ts";

export const EXAMPLE_FAMILY = `// An example event family written by \`logpact init\`: rename it, edit it, add your own.
// Each event is a strict object with a literal \`event\`; its fields are the contract.
// Every shape and metadata key: docs/authoring.md in the logpact package.
import { z } from "zod";
import type {} from "logpact"; // types .meta(): level, unit, sensitive, ...

const jobId = z.string().meta({ description: "Job id, the same on every event of one run." });
const queue = z.string().meta({ description: "Queue the job was taken from." });

export const JobLog = z
  .discriminatedUnion("event", [
    z.strictObject({
      event: z.literal("job.run.started"),
      jobId,
      queue,
      attempt: z.number().int().positive().meta({ description: "1 on the first try, then 2, 3, ..." }),
    }).meta({ level: "info", description: "A worker picked the job up." }),
    z.strictObject({
      event: z.literal("job.run.completed"),
      jobId,
      queue,
      durationMs: z.number().int().nonnegative().meta({ unit: "ms", description: "Time from start to completion." }),
    }).meta({ level: "info", description: "The job finished successfully." }),
    z.strictObject({
      event: z.literal("job.run.failed"),
      jobId,
      queue,
      attempt: z.number().int().positive().meta({ description: "The attempt that failed." }),
      willRetry: z.boolean().meta({ description: "Whether the job goes back on the queue." }),
      requestedBy: z.email().optional().meta({ description: "Who enqueued the job, when a person did.", sensitive: "pii" }),
    }).meta({ level: "error", description: "The job threw; pass the error as \`err\`." }),
  ])
  .meta({
    family: "job.run",
    description: "Background job runs, from pick-up to completion or failure.",
    owner: "platform",
    transitions: [["[*]", "started"], ["started", "completed"], ["started", "failed"], ["failed", "started", "retry"]],
  });
`;
