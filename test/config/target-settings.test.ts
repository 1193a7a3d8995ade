/**
 * `targetSettings(config, name)`: the one reader of `config.targets` — enabled, folder and
 * the target's options with defaults applied, typed by the target's spec.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import { parseConfig } from "../../generator/config/load.js";
import { settingsOf, targetDir, targetSettings } from "../../generator/config/targets.js";
import { defineTargetSpec } from "../../generator/targets/types.js";
import { TARGET_SPECS } from "../../generator/targets/index.js";
import { z } from "zod";

describe("targetSettings", () => {
  it.each<[string, { given: object; name: (typeof TARGET_SPECS)[number]["name"]; want: object }]>([
    [
      "defaults: on, under outDir, default options",
      {
        given: {},
        name: "loki",
        want: {
          enabled: true,
          dir: "generated/loki",
          options: { layout: "per-family", file: "rules.yaml", labels: {}, lineFilter: true },
        },
      },
    ],
    [
      "options given: the rest defaulted",
      {
        given: { targets: { emitters: { options: { validation: "throw" } } } },
        name: "emitters",
        want: {
          enabled: true,
          dir: "generated/emitters",
          options: { validation: "throw", validationEnv: "LOGPACT_VALIDATE", importExtension: ".js" },
        },
      },
    ],
    [
      "disabled, own folder (trailing slash dropped)",
      {
        given: { targets: { markdown: { enabled: false, outDir: "docs/events/" } } },
        name: "markdown",
        want: {
          enabled: false,
          dir: "docs/events",
          options: { fieldIndex: true, diagrams: true, examples: true },
        },
      },
    ],
    [
      "the snapshot target sits in outDir itself",
      { given: { outDir: "out" }, name: "registry", want: { enabled: true, dir: "out", options: {} } },
    ],
  ])("%s", (_name, { given, name, want }) => {
    expect(targetSettings(parseConfig(given, "test"), name)).toEqual(want);
  });

  it("is typed by the target's spec", () => {
    const loki = targetSettings(parseConfig({}, "test"), "loki");
    expectTypeOf(loki.options.layout).toEqualTypeOf<"per-family" | "single">();
    expectTypeOf(targetSettings(parseConfig({}, "test"), "emitters").options.importExtension).toEqualTypeOf<
      ".js" | ".ts" | ""
    >();
  });

  it("a library caller's own target, unknown to the config, runs with its defaults", () => {
    const spec = defineTargetSpec({
      name: "openapi",
      description: "x",
      defaultDir: "openapi",
      options: z.strictObject({ version: z.string().default("3.1") }).default({ version: "3.1" }),
    });
    expect(settingsOf(parseConfig({}, "test"), spec)).toEqual({
      enabled: true,
      dir: "generated/openapi",
      options: { version: "3.1" },
    });
  });

  it("targetDir of every shipped target follows outDir", () => {
    const config = parseConfig({ outDir: "gen/out" }, "test");
    expect(TARGET_SPECS.map((t) => targetDir(t, config))).toEqual([
      "gen/out/emitters",
      "gen/out/json-schema",
      "gen/out/loki",
      "gen/out/markdown",
      "gen/out",
    ]);
  });
});
