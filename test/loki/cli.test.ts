/**
 * Alerts end to end: the `logpact` CLI in-process on temp projects. A good
 * declaration becomes a ruler file; a bad one is a registry error (exit 2, nothing
 * written) naming the file, family, event, field and the fix.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectCliExit, runCli } from "../helpers/cli.js";
import { parse } from "yaml";
import { tmpProject } from "../helpers/project.js";
import { logqlErrors } from "./fixtures.js";

const job = (alerts: string) => `
import { z } from "zod";
import type {} from "logpact";

export const JobLog = z
  .discriminatedUnion("event", [
    z.strictObject({
      event: z.literal("job.started"),
      jobId: z.string().meta({ description: "Job id." }),
      queue: z.enum(["fast", "slow"]).meta({ description: "Queue it came from." }),
    }).meta({ level: "info", description: "A worker picked the job up." }),
    z.strictObject({
      event: z.literal("job.finished"),
      jobId: z.string().meta({ description: "Job id." }),
      queue: z.enum(["fast", "slow"]).meta({ description: "Queue it came from." }),
      duration_ms: z.number().int().nonnegative().meta({ unit: "ms", description: "Pick-up to finish." }),
    }).meta({ level: "info", description: "The job completed." }),
    z.strictObject({
      event: z.literal("job.heartbeat"),
    }).meta({ level: "debug", description: "The scheduler is alive." }),
  ])
  .meta({ family: "job", description: "Batch job lifecycle.", alerts: ${alerts} });
`;

const GOOD = `[
  { kind: "quantile", name: "JobSlow", event: "finished", field: "duration_ms", quantile: 0.95, window: "15m", by: ["queue"], op: ">", value: 60000, for: "10m", severity: "warning", summary: "p95 job time on {{ $labels.queue }} is {{ $value }} ms", runbook_url: "https://runbooks.example/job-slow" },
  { kind: "absent", name: "JobSchedulerSilent", event: "heartbeat", window: "5m", severity: "critical", summary: "No scheduler heartbeat for 5 minutes" },
]`;

describe("logpact gen with alerts", () => {
  it("writes a ruler rule file whose exprs parse, and --check then passes", async () => {
    const dir = tmpProject({ "schemas/job.ts": job(GOOD) });
    const r = await expectCliExit(["gen"], dir);
    const file = join(dir, "generated/loki/job.rules.yaml");
    const rules = parse(readFileSync(file, "utf8"));
    expect(rules.groups).toHaveLength(1);
    expect(rules.groups[0].name).toBe("job");
    expect(rules.groups[0].rules.map((x: { alert: string }) => x.alert)).toEqual(["JobSlow", "JobSchedulerSilent"]);
    const [slow, silent] = rules.groups[0].rules;
    expect(slow).toEqual({
      alert: "JobSlow",
      expr: 'quantile_over_time(0.95, {service_name="job"} |= "job.finished" | json event="event", duration_ms="duration_ms", queue="queue" | event="job.finished" | unwrap duration_ms | __error__="" [15m]) by (queue) > 60000',
      for: "10m",
      labels: { severity: "warning", family: "job" },
      annotations: {
        summary: "p95 job time on {{ $labels.queue }} is {{ $value }} ms",
        runbook_url: "https://runbooks.example/job-slow",
      },
    });
    expect(silent.expr).toBe(
      'absent_over_time({service_name="job"} |= "job.heartbeat" | json event="event" | event="job.heartbeat" | __error__="" [5m])',
    );
    for (const rule of rules.groups[0].rules) expect(logqlErrors(rule.expr)).toEqual([]);
    expect((await runCli(["gen", "--check"], dir)).code).toBe(0);
  });

  it("takes the layout and the selector from the config", async () => {
    const dir = tmpProject({
      "schemas/job.ts": job(GOOD),
      "logpact.config.json": JSON.stringify({
        lokiSelector: '{app="{root}", env="prod"}',
        targets: { loki: { options: { layout: "single", namespace: "batch" } } },
      }),
    });
    const r = await expectCliExit(["gen"], dir);
    expect(existsSync(join(dir, "generated/loki/job.rules.yaml"))).toBe(false);
    const rules = parse(readFileSync(join(dir, "generated/loki/rules.yaml"), "utf8"));
    expect(rules.namespace).toBe("batch");
    expect(rules.groups[0].rules[1].expr).toMatch(/^absent_over_time\(\{app="job", env="prod"\} \|= "job.heartbeat"/);
  });

  it("selects the service the logger profile names (pino base { service }) when no selector is set", async () => {
    const dir = tmpProject({
      "schemas/job.ts": job(GOOD),
      "logpact.config.json": JSON.stringify({
        envelope: { base: { service: { type: "string", const: "batch-worker" } } },
      }),
    });
    const r = await expectCliExit(["gen"], dir);
    const rules = parse(readFileSync(join(dir, "generated/loki/job.rules.yaml"), "utf8"));
    expect(rules.groups[0].rules[1].expr).toBe(
      'absent_over_time({service_name="batch-worker"} |= "job.heartbeat" | json event="event" | event="job.heartbeat" | __error__="" [5m])',
    );
  });

  it("a bad alert is a registry error: exit 2, nothing written, the place and the fix named", async () => {
    const BAD = `[{ kind: "threshold", name: "JobSlowQueue", event: ["started", "finished"], where: [{ field: "queue", op: "==", value: "medium" }], by: ["duraton_ms"], window: "10m", op: ">", value: 5, severity: "warning", summary: "{{ $labels.queue }}" }]`;
    const dir = tmpProject({ "schemas/job.ts": job(BAD) });
    const r = await runCli(["gen"], dir);
    expect(r.code).toBe(2);
    expect(existsSync(join(dir, "generated"))).toBe(false);
    expect(r.stderr).toContain("nothing was written");
    expect(r.stderr).toContain(`schemas/job.ts:10:7: error LP_ALERT_ENUM_VALUE [job > job.started > queue]`);
    expect(r.stderr).toContain(`alert "JobSlowQueue": where \`queue == "medium"\`: "medium" is not a member`);
    expect(r.stderr).toContain(`schemas/job.ts:8:24: error LP_ALERT_FIELD_UNKNOWN [job > job.started > duraton_ms]`);
    expect(r.stderr).toMatch(/fix: use a field of "job.started" \(jobId, queue\), an envelope field \(.*hostname.*\)/);
    expect(r.stderr).toContain('Did you mean "duration_ms"?');
    // One finding per broken filter (not one per event), and no echo of the failed `by` in the template check.
    expect(r.stderr).toMatch(/^2 registry errors; nothing was written\./);
  });

  it("a malformed declaration is rejected by the schema with its path", async () => {
    const dir = tmpProject({
      "schemas/job.ts": job(
        `[{ kind: "absent", name: "JobSchedulerSilent", event: "heartbeat", window: "5 min", severity: "critical", summary: "x" }]`,
      ),
    });
    const r = await runCli(["gen"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("LP_META_INVALID");
    expect(r.stderr).toContain('metadata "alerts.0.window" is invalid: "5 min" is not a duration');
    expect(existsSync(join(dir, "generated"))).toBe(false);
  });
});
