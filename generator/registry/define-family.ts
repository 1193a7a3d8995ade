import { z } from "zod";
import type { FamilyMeta } from "./meta.js";

/**
 * Sugar for a family: a real `z.discriminatedUnion("event", events)` carrying the family
 * metadata, with the metadata keys checked by TypeScript (no index signature here, so a
 * misspelled key fails to compile). Raw Zod works just as well.
 *
 * ```ts
 * export const JobLog = defineFamily({ family: "job", description: "Batch jobs." }, [
 *   z.strictObject({ event: z.literal("job.started"), jobId: z.string() }).meta({ level: "info" }),
 * ]);
 * ```
 */
export function defineFamily<
  const Events extends readonly [z.core.$ZodTypeDiscriminable, ...z.core.$ZodTypeDiscriminable[]],
>(meta: FamilyMeta & { family: string }, events: Events): z.ZodDiscriminatedUnion<Events, "event"> {
  return z.discriminatedUnion("event", events).meta({ ...meta });
}
