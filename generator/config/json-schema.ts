/**
 * The JSON Schema of `logpact.config.json` (and of package.json's `logpact` key), made
 * from the Zod config schema (and the key descriptions of docs/config.md), so editors
 * complete, explain and check the keys the CLI accepts.
 * `scripts/config-schema.ts` writes it to `config.schema.json` (shipped in the package);
 * a test checks the committed file equals this function's output.
 */
import { z } from "zod";
import { compactJson } from "../util/json.js";
import { ConfigSchema } from "./schema.js";

/** Where the package ships the file; what `"$schema"` points at in a consumer's config. */
export const CONFIG_SCHEMA_FILE = "config.schema.json";

/**
 * Key descriptions from the reference page's tables (`docs/config.md`): `## Keys` for the
 * top level, then one `### \`path\`` table per nested key. Path → key → description.
 */
export function descriptionsFromDocs(markdown: string): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  let path: string | undefined;
  for (const line of markdown.split("\n")) {
    const heading = /^(#{2,3}) (.*)$/.exec(line);
    if (heading) {
      const code = /^`([^`]+)`$/.exec(heading[2]!.trim());
      path = heading[2] === "Keys" ? "" : code ? code[1]!.replace(/\["([^"]+)"\]/g, ".$1") : undefined;
      continue;
    }
    const row = /^\| `([^`]+)` \|[^|]*\| (.*) \|$/.exec(line);
    if (path === undefined || !row) continue;
    if (!out.has(path)) out.set(path, new Map());
    out.get(path)!.set(row[1]!, row[2]!.replace(/\\\|/g, "|"));
  }
  return out;
}

/** The config's JSON Schema (draft 2020-12): what a config file may contain, every key optional. */
export function configJsonSchema(
  docs: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map(),
): Record<string, unknown> {
  // "input": the shape a user writes, before defaults. Refinements (glob syntax) have no
  // JSON Schema form and are checked by logpact itself.
  const schema = z.toJSONSchema(ConfigSchema, {
    io: "input",
    unrepresentable: "any",
    target: "draft-2020-12",
  }) as Record<string, unknown>;
  for (const [path, keys] of docs) {
    let node: Record<string, unknown> | undefined = schema;
    for (const seg of path ? path.split(".") : [])
      node = (node?.properties as Record<string, Record<string, unknown>> | undefined)?.[seg];
    const props = node?.properties as Record<string, Record<string, unknown>> | undefined;
    for (const [key, text] of keys) if (props?.[key]) props[key].description = text;
  }
  return {
    ...schema,
    title: "logpact config",
    description:
      "logpact.config.json, or the `logpact` key of package.json. Every key is optional; docs/config.md in the logpact package documents each one and its default.",
  };
}

/** The file's text: key-sorted JSON with a final newline. */
export function configJsonSchemaText(configDoc: string): string {
  return compactJson(configJsonSchema(descriptionsFromDocs(configDoc)));
}
