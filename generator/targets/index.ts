/**
 * Every output logpact can generate, in one alphabetised table of specs: name, description,
 * default folder and option schema. No renderer is imported here (nor may be: the
 * import-graph test checks it), so the config schema, lint and diff list the targets without
 * loading handlebars or yaml; gen/targets.ts pairs each spec with its renderer. Adding a
 * target means one folder under targets/ (spec.ts + index.ts) and one line here and there.
 */
import { EMITTERS_SPEC } from "./emitters/spec.js";
import { JSON_SCHEMA_SPEC } from "./json-schema/spec.js";
import { LOKI_SPEC } from "./loki/spec.js";
import { MARKDOWN_SPEC } from "./markdown/spec.js";
import { SNAPSHOT_SPEC } from "./snapshot/spec.js";

export const TARGET_SPECS = [EMITTERS_SPEC, JSON_SCHEMA_SPEC, LOKI_SPEC, MARKDOWN_SPEC, SNAPSHOT_SPEC] as const;

/** A target logpact ships: `"emitters" | "json-schema" | "loki" | "markdown" | "registry"`. */
export type TargetName = (typeof TARGET_SPECS)[number]["name"];

/** The spec of each shipped target, by name. */
export type TargetSpecs = { [S in (typeof TARGET_SPECS)[number] as S["name"]]: S };

export type { CheckContext, GeneratedFile, RenderContext, Target, TargetSpec } from "./types.js";
