/**
 * The Loki target's spec: name, folder and option schema, without the renderer (which
 * loads yaml), so the config schema can list it for every command.
 */
import { z } from "zod";
import { parseDuration } from "./syntax.js";
import { RESERVED_ALERT_LABELS } from "../../registry/meta-schema.js";
import { defineTargetSpec } from "../types.js";

const LABEL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const LokiOptions = z
  .strictObject({
    /** `per-family`: one `<family>.rules.yaml` per family with alerts; `single`: every group in one file. */
    layout: z.enum(["per-family", "single"]).default("per-family"),
    /** File name of the `single` layout. */
    file: z
      .string()
      .regex(/^[^/\\]+\.ya?ml$/, "a file name ending in .yaml or .yml, without folders")
      .default("rules.yaml"),
    /** Adds lokitool's top-level `namespace:`; `{family}` is replaced by the family name (per-family layout). */
    namespace: z.string().min(1).optional(),
    /** Evaluation interval of every rule group (ruler default when unset). */
    interval: z
      .string()
      .refine(
        (d) => (parseDuration(d) ?? 0) > 0,
        'a duration such as "1m" (whole numbers with units ms, s, m, h, d, w, y)',
      )
      .optional(),
    /** Labels added to every rule (an alert's own `labels` win). */
    labels: z
      .record(z.string().regex(LABEL_NAME, "label names are identifiers (letters, digits and _)"), z.string())
      .refine(
        (l) => !Object.keys(l).some((k) => RESERVED_ALERT_LABELS.includes(k) || k.startsWith("__")),
        `cannot set ${RESERVED_ALERT_LABELS.join(", ")} (logpact sets them) or names starting with "__"`,
      )
      .default({}),
    /** Pre-filter lines with `|= "<event name>"` before `| json` (cheaper queries). */
    lineFilter: z.boolean().default(true),
  })
  .refine((o) => !(o.layout === "single" && o.namespace?.includes("{family}")), {
    message: '"{family}" in namespace needs layout "per-family"',
    path: ["namespace"],
  });

export type LokiOptions = z.output<typeof LokiOptions>;

export const LOKI_SPEC = defineTargetSpec({
  name: "loki",
  description:
    "Grafana Loki ruler alert rules (YAML), one rule group per family, from the families' alert declarations",
  defaultDir: "loki",
  options: LokiOptions.default({ layout: "per-family", file: "rules.yaml", labels: {}, lineFilter: true }),
});
