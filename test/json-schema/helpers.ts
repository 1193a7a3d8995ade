/**
 * Shared by the JSON Schema tests: the modes the json-schema target writes and its files for one mode.
 */
import { parseConfig } from "../../generator/config/load.js";
import type { UserConfig } from "../../generator/config/schema.js";
import { generate } from "../../generator/gen/generate.js";
import type { RegistryIR } from "../../generator/registry/ir.js";
import { REPO } from "../helpers/project.js";

export type Draft = "2020-12" | "draft-07";
export type Dispatch = "if-then" | "discriminator";

/** Every (draft, dispatch) pair the target can write; the schema tests run each one. */
export const SCHEMA_MODES = [
  ["2020-12", "if-then"],
  ["draft-07", "if-then"],
  ["2020-12", "discriminator"],
  ["draft-07", "discriminator"],
] as const;

/** The json-schema target's `.schema.json` files for `ir` in one mode, in memory: file name → schema. */
export function schemaFiles(ir: RegistryIR, draft: Draft, dispatch: Dispatch): Record<string, object> {
  return Object.fromEntries(
    Object.entries(schemaTexts(ir, draft, dispatch)).map(([name, text]) => [name, JSON.parse(text) as object]),
  );
}

/** The same files as `gen` writes them (file name → text), with `config` beside the mode. */
export function schemaTexts(
  ir: RegistryIR,
  draft: Draft,
  dispatch: Dispatch,
  config: UserConfig = {},
): Record<string, string> {
  const resolved = parseConfig(
    { ...config, jsonSchemaDraft: draft, targets: { "json-schema": { options: { dispatch } } } },
    "test",
  );
  return Object.fromEntries(
    generate(ir, resolved, { root: REPO, only: ["json-schema"] })
      .filter((f) => f.path.endsWith(".schema.json"))
      .map((f) => [f.path.split("/").pop()!, f.contents]),
  );
}
