/**
 * The payload union and the emitter of an event without fields (`job.heartbeat`) against
 * the job golden (test/emitters/golden/job/; `pnpm typecheck` compiles this file with
 * strict and exactOptionalPropertyTypes). The union's member for such an event is its
 * `event` alone: intersected with the fields' `Record<string, never>` it was `never`, so no
 * heartbeat line could be typed as a LogPayload.
 */
import {
  jobEmitters,
  validateLogPayload,
  type JobLogger,
  type JobLogPayload,
  type LogPayload,
} from "../golden/job/index.js";

const heartbeat: JobLogPayload = { event: "job.heartbeat" };
const line: LogPayload = heartbeat;

// Narrowing on the event reaches the heartbeat member.
export function describe(payload: LogPayload): string {
  if (payload.event === "job.heartbeat") {
    const only: { readonly event: "job.heartbeat" } = payload;
    return only.event;
  }
  return payload.event;
}

declare const logger: JobLogger;
const log = jobEmitters(logger);
log.heartbeat();
log.heartbeat({});
// @ts-expect-error -- the event takes no fields: TS2322 "Type 'number' is not assignable to type 'never'".
log.heartbeat({ foo: 1 });

export const problems = [validateLogPayload(line)];
