/**
 * Config discovery and validation: every supported file form, defaults, strictness
 * with did-you-mean, and the errors a person in a hurry needs.
 */
import { describe, expect, it } from "vitest";
import { expectCliExit, runCli } from "../helpers/cli.js";
import { ConfigurationError } from "../../generator/errors.js";
import { loadConfig, parseConfig } from "../../generator/config/load.js";
import { tmpProject } from "../helpers/project.js";
import { createAjv } from "../../generator/registry/ajv.js";

const FAMILY = `import { z } from "zod";
export const A = z.strictObject({ event: z.literal("a.happened") }).meta({ level: "info", description: "d" });
`;

describe("config forms", () => {
  const forms: [string, Record<string, string>][] = [
    // (defineConfig from the installed package is covered by the packed-tarball consumer test.)
    [
      "logpact.config.ts",
      { "logpact.config.ts": `const config: { outDir: string } = { outDir: "out" };\nexport default config;\n` },
    ],
    ["logpact.config.mts", { "logpact.config.mts": `export default { outDir: "out" };\n` }],
    [
      "logpact.config.js (ESM package)",
      { "package.json": `{"type":"module"}`, "logpact.config.js": `export default { outDir: "out" };\n` },
    ],
    ["logpact.config.mjs", { "logpact.config.mjs": `export default { outDir: "out" };\n` }],
    ["logpact.config.json", { "logpact.config.json": `{ "outDir": "out" }` }],
    ["package.json#logpact", { "package.json": `{ "name": "x", "logpact": { "outDir": "out" } }` }],
  ];
  it.each(forms)("%s is found and applied", async (_name, files) => {
    const dir = tmpProject(files);
    const { config, source } = await loadConfig(dir);
    expect(source).toBeDefined();
    expect(config.outDir).toBe("out");
    expect(config.schemas).toEqual(["schemas/**/*.{ts,mts,cts,js,mjs}"]);
  });

  it("no config means every default", async () => {
    const { config, source } = await loadConfig(tmpProject({}));
    expect(source).toBeUndefined();
    expect(config).toMatchObject({
      outDir: "generated",
      jsonSchemaDraft: "2020-12",
      envelope: { logger: "pino" },
      conventions: { "id-field-case": "warn", "unit-mismatch": "error", "field-type-conflict": "error" },
      families: { group: "prefix", map: {} },
    });
  });

  it("two configs are ambiguous", async () => {
    const dir = tmpProject({ "logpact.config.json": "{}", "package.json": `{ "logpact": {} }` });
    await expect(loadConfig(dir)).rejects.toThrow(/LP_CONFIG_AMBIGUOUS[\s\S]*keep exactly one/);
  });
});

describe("validation", () => {
  const invalid: [string, { given: unknown; want: RegExp }][] = [
    [
      "an unknown top-level key with a suggestion",
      { given: { outdir: "x" }, want: /unknown key "outdir"\. Did you mean "outDir"\?/ },
    ],
    [
      "an unknown nested key with its path",
      {
        given: { conventions: { eventName: false } },
        want: /unknown key "conventions\.eventName"\. Did you mean "eventNames"\?/,
      },
    ],
    [
      "a convention rule with a bad severity",
      {
        given: { conventions: { "id-field-case": "warning" } },
        want: /conventions\.id-field-case: expected "off", "warn" or "error", or \[severity, style\] with a style of "inferred", "snake_case", "camelCase"/,
      },
    ],
    [
      "a convention rule with an unknown style",
      {
        given: { conventions: { "field-name-case": ["warn", "kebab"] } },
        want: /conventions\.field-name-case: expected .* "either"/,
      },
    ],
    [
      "a rule name with a typo",
      { given: { conventions: { "id-field-cas": "warn" } }, want: /Did you mean "id-field-case"\?/ },
    ],
    [
      "an unknown lone-event grouping",
      {
        given: { families: { group: "dir" } },
        want: /families\.group: Invalid option: expected one of "prefix"\|"module"/,
      },
    ],
    [
      "an unknown target option key",
      {
        given: { targets: { "json-schema": { outdir: "x" } } },
        want: /unknown key "targets\.json-schema\.outdir"\. Did you mean "outDir"\?/,
      },
    ],
    [
      "an unknown target",
      {
        given: { targets: { jsonschema: {} } },
        want: /unknown key "targets\.jsonschema"\. Did you mean "json-schema"\?/,
      },
    ],
    ["a wrong type", { given: { schemas: "schemas/*.ts" }, want: /schemas: .*expected array/i }],
    ["a bad enum value", { given: { jsonSchemaDraft: "2019-09" }, want: /jsonSchemaDraft: .*"2020-12"/ }],
    [
      "an envelope field that is not an identifier",
      { given: { envelope: { fields: { "bad name": {} } } }, want: /envelope\.fields\.bad name.*identifier/ },
    ],
  ];
  it.each(invalid)("%s", (_name, { given, want }) => {
    expect(() => parseConfig(given, "logpact.config.ts")).toThrow(ConfigurationError);
    expect(() => parseConfig(given, "logpact.config.ts")).toThrow(want);
  });

  it("a config error from the CLI exits 2 and names the file", async () => {
    const dir = tmpProject({ "schemas/a.ts": FAMILY, "logpact.config.json": `{ "outdir": "x" }` });
    const r = await runCli(["gen"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("logpact.config.json: error LP_CONFIG_INVALID");
    expect(r.stderr).toContain('Did you mean "outDir"?');
  });

  it("invalid JSON, a throwing module and a missing default export are named", async () => {
    await expect(loadConfig(tmpProject({ "logpact.config.json": "{ nope" }))).rejects.toThrow(
      /logpact\.config\.json: error LP_CONFIG_UNREADABLE/,
    );
    await expect(loadConfig(tmpProject({ "logpact.config.mjs": "throw new Error('bad config');" }))).rejects.toThrow(
      /LP_CONFIG_UNREADABLE[\s\S]*bad config/,
    );
    await expect(loadConfig(tmpProject({ "logpact.config.mjs": "export const x = 1;" }))).rejects.toThrow(
      /LP_CONFIG_NO_EXPORT/,
    );
    await expect(loadConfig(tmpProject({}), "nope.config.ts")).rejects.toThrow(/LP_CONFIG_NOT_FOUND/);
  });

  it("--config points at a file elsewhere", async () => {
    const dir = tmpProject({
      "logs/a.ts": FAMILY,
      "config/lp.json": JSON.stringify({ schemas: ["logs/*.ts"], outDir: "out" }),
    });
    await expectCliExit(["gen", "--config", "config/lp.json"], dir);
  });

  it("envelope fields from the config land in every line schema", async () => {
    const dir = tmpProject({
      "schemas/a.ts": FAMILY,
      "logpact.config.json": JSON.stringify({
        envelope: { fields: { deliveryId: { type: "string" } }, required: ["deliveryId"] },
      }),
    });
    expect((await runCli(["gen"], dir)).code).toBe(0);
    const { readFileSync } = await import("node:fs");
    const schema = JSON.parse(readFileSync(`${dir}/generated/json-schema/registry.schema.json`, "utf8"));
    // Every event carries it alike: checked once in what every line shares, which admits it
    // (2020-12 closes the line in the family's definition; the event does not repeat the name).
    expect(schema.$defs.line.properties.deliveryId).toMatchObject({ type: "string" });
    expect(schema.$defs.line.required).toContain("deliveryId");
    expect(JSON.stringify(schema.$defs["a.happened"])).not.toContain("deliveryId");
    const validate = createAjv("2020-12").compile(schema);
    expect(validate({ level: 30, event: "a.happened", deliveryId: "d-1" })).toBe(true);
    expect(validate({ level: 30, event: "a.happened", deliveryId: 1 })).toBe(false);
    expect(validate({ level: 30, event: "a.happened" })).toBe(false);
  });
});
