/**
 * A small registry for the docs tests: `workflow.run` (with transitions) and `svc.cache`
 * (without), plus the schema module text their coverage findings point into.
 */
import { z } from "zod";
import type { RegistryIR } from "../../generator/registry/ir.js";
import { irFrom } from "../helpers/registry.js";

const ev = (name: string, description: string, fields: Record<string, z.ZodType> = {}) =>
  z.strictObject({ event: z.literal(name), ...fields }).meta({ level: "info", description });

const runId = z.string().min(1).meta({ description: "Run id." });

export const WorkflowRunLog = z
  .discriminatedUnion("event", [
    ev("workflow.run.queued", "Queued.", { runId }),
    ev("workflow.run.running", "Running.", { runId }),
    ev("workflow.run.failed", "Failed.", { runId, reason: z.string().min(1).meta({ description: "Why." }) }),
  ])
  .meta({
    family: "workflow.run",
    description: "Runs.",
    transitions: [
      ["[*]", "queued"],
      ["queued", "running"],
      ["running", "failed"],
    ],
  });

export const CacheLog = z
  .discriminatedUnion("event", [ev("svc.cache.hit", "Hit."), ev("svc.cache.miss", "Miss.")])
  .meta({ family: "svc.cache", description: "Cache." });

/** What `schemas/fixture.ts` would look like on disk (coverage findings point into it). */
export const SCHEMA_SOURCE = [
  'import { z } from "zod";',
  'export const WorkflowRunLog = z.discriminatedUnion("event", [',
  '  z.strictObject({ event: z.literal("workflow.run.queued") }),',
  '  z.strictObject({ event: z.literal("workflow.run.running") }),',
  '  z.strictObject({ event: z.literal("workflow.run.failed") }),',
  "]);",
  "export const CacheLog = z.discriminatedUnion('event', [",
  "  z.strictObject({ event: z.literal('svc.cache.hit') }),",
  "  z.strictObject({ event: z.literal('svc.cache.miss') }),",
  "]);",
  "",
].join("\n");

export function fixtureIr(): RegistryIR {
  const { ir, diagnostics } = irFrom({ "schemas/fixture.ts": { WorkflowRunLog, CacheLog } });
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length) throw new Error(JSON.stringify(errors));
  return ir;
}
