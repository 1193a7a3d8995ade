/**
 * Importing logpact augments Zod's `GlobalMeta` with the keys of `FamilyMeta`, `EventMeta`
 * and `FieldMeta`: `.meta()` autocompletes them and a wrong value fails to compile. The
 * checks here are made by `tsc` (`pnpm typecheck` covers test/): each `@ts-expect-error`
 * fails the typecheck if the line it marks compiles.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type {} from "../../generator/index.js";

describe("Zod's .meta() after importing logpact", () => {
  it("takes logpact's family, event and field keys with their types", () => {
    const field = z.number().meta({
      description: "Wait before the retry.",
      unit: "ms",
      sensitive: false,
      examples: [250],
      deprecation: { reason: "use backoff_ms", renamed_to: "backoff_ms" },
    });
    const event = z.strictObject({ event: z.literal("job.retried"), wait_ms: field }).meta({
      level: "warn",
      description: "A retry was scheduled.",
      message: "retrying",
      stability: "stable",
      examples: [{ wait_ms: 250 }],
    });
    const family = z.discriminatedUnion("event", [event]).meta({
      family: "job",
      owner: "platform",
      loki: { selector: '{app="jobs"}' },
      transitions: [["[*]", "retried"]],
      alerts: [
        {
          name: "JobRetryStorm",
          severity: "warning",
          summary: "Jobs are retrying",
          kind: "threshold",
          event: "retried",
          window: "5m",
          op: ">",
          value: 10,
        },
      ],
    });
    expect(z.globalRegistry.get(field)?.unit).toBe("ms");
    expect(z.globalRegistry.get(event)?.level).toBe("warn");
    expect(z.globalRegistry.get(family)?.family).toBe("job");
  });
});

// Compiled, never run: each line marked @ts-expect-error must fail to compile, or `tsc` fails.
function refusesWrongValues(): void {
  // @ts-expect-error not a unit logpact knows
  z.number().meta({ unit: "millis" });
  // @ts-expect-error not a pino level
  z.object({}).meta({ level: "loud" });
  // @ts-expect-error sensitivity is a boolean, "secret" or "pii"
  z.string().meta({ sensitive: "private" });
  // @ts-expect-error stability is "experimental" or "stable"
  z.object({}).meta({ stability: "beta" });
  z.object({}).meta({
    // @ts-expect-error an alert needs a known kind
    alerts: [{ name: "A", severity: "info", summary: "s", kind: "spike", event: "x", window: "5m" }],
  });
  // @ts-expect-error a transition is a pair of names
  z.object({}).meta({ transitions: [["a"]] });
  // @ts-expect-error a description is a string
  z.string().meta({ description: 3 });
}
