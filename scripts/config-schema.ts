// Writes config.schema.json (the config's JSON Schema, shipped in the package) from the
// Zod config schema and the key descriptions in docs/config.md. Run `pnpm config-schema`
// after changing either; test/config/json-schema.test.ts fails while the committed file
// is out of date.
import { readFileSync, writeFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { CONFIG_SCHEMA_FILE, configJsonSchemaText } from "../generator/config/json-schema.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
writeFileSync(join(root, CONFIG_SCHEMA_FILE), configJsonSchemaText(readFileSync(join(root, "docs/config.md"), "utf8")));
console.log(`wrote ${CONFIG_SCHEMA_FILE}`);
