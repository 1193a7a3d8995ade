/**
 * config.schema.json: the shipped file equals what `pnpm config-schema` makes from the Zod
 * config schema and docs/config.md, and ajv with it accepts and rejects the same configs
 * as logpact's own parser (configs written the way teams write them).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import {
  CONFIG_SCHEMA_FILE,
  configJsonSchema,
  configJsonSchemaText,
  descriptionsFromDocs,
} from "../../generator/config/json-schema.js";
import { parseConfig } from "../../generator/config/load.js";
import { REPO } from "../helpers/project.js";

const configDoc = readFileSync(join(REPO, "docs/config.md"), "utf8");

describe("config.schema.json", () => {
  it("is current: equals the output of `pnpm config-schema` (run it and commit the file)", () => {
    expect(readFileSync(join(REPO, CONFIG_SCHEMA_FILE), "utf8")).toBe(configJsonSchemaText(configDoc));
  });

  it("ships in the package and is what the docs tell users to point $schema at", () => {
    const pkg = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { files: string[] };
    expect(pkg.files).toContain(CONFIG_SCHEMA_FILE);
    expect(configDoc).toContain(`"$schema": "./node_modules/logpact/${CONFIG_SCHEMA_FILE}"`);
  });

  it("carries every top-level key's description from docs/config.md", () => {
    const props = configJsonSchema(descriptionsFromDocs(configDoc)).properties as Record<
      string,
      { description?: string }
    >;
    for (const [key, prop] of Object.entries(props)) expect(prop.description, key).toBeTruthy();
  });
});

const ajv = new Ajv2020({ strict: false, allErrors: true });
const validate = ajv.compile(JSON.parse(readFileSync(join(REPO, CONFIG_SCHEMA_FILE), "utf8")));

describe.each<[string, { given: unknown; want: boolean }]>([
  ["empty", { given: {}, want: true }],
  [
    "$schema is accepted",
    { given: { $schema: "./node_modules/logpact/config.schema.json", outDir: "src/telemetry/generated" }, want: true },
  ],
  [
    "a service's config",
    {
      given: {
        schemas: ["src/telemetry/events/*.ts"],
        jsonSchemaDraft: "draft-07",
        conventions: { idFields: "snake_case", descriptions: "off" },
        envelope: { fields: { request_id: { type: "string" }, tenant: { type: "string" } }, required: ["request_id"] },
        targets: {
          loki: { options: { layout: "single", labels: { team: "payments" } } },
          markdown: { enabled: false },
        },
        lint: { include: ["src/**/*.ts"], rules: { "untyped-log-call": "warn" } },
        validate: { severity: { untyped: "off" }, jobs: 2 },
      },
      want: true,
    },
  ],
  ["a typo at the top", { given: { outdir: "x" }, want: false }],
  ["a typo in a target", { given: { targets: { "json-schema": { outdir: "x" } } }, want: false }],
  ["a wrong enum", { given: { jsonSchemaDraft: "2019-09" }, want: false }],
  ["a wrong type", { given: { schemas: "schemas/*.ts" }, want: false }],
  ["an unknown validate kind", { given: { validate: { severity: { untypd: "off" } } }, want: false }],
])("%s", (_name, { given, want }) => {
  it(`ajv and logpact both say ${want ? "valid" : "invalid"}`, () => {
    expect(validate(given)).toBe(want);
    let parsed = true;
    try {
      parseConfig(given, "logpact.config.json");
    } catch {
      parsed = false;
    }
    expect(parsed).toBe(want);
  });
});
