/**
 * generate(): the pure core, with the target contract exercised through small custom targets.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseConfig } from "../../generator/config/load.js";
import { generate } from "../../generator/gen/generate.js";
import { defineTarget } from "../../generator/targets/types.js";
import { irFrom } from "../helpers/registry.js";

const { ir } = irFrom({
  "schemas/a.ts": { A: z.strictObject({ event: z.literal("a.b") }).meta({ level: "info", description: "d" }) },
});
const echo = (name: string, file: string, contents = "x") =>
  defineTarget({
    name,
    description: name,
    defaultDir: name,
    options: z.strictObject({}).default({}),
    render: () => [{ path: file, contents }],
  });

describe("generate", () => {
  it("prefixes each target's files with its folder, sorts them, ends with the manifest", () => {
    const files = generate(ir, parseConfig({}, "t"), {
      root: "/r",
      targets: [echo("zeta", "z.txt"), echo("alpha", "a.txt")] as never,
    });
    expect(files.map((f) => f.path)).toEqual([
      "generated/alpha/a.txt",
      "generated/zeta/z.txt",
      "generated/.logpact-manifest.json",
    ]);
    expect(JSON.parse(files[2]!.contents).files).toEqual(["generated/alpha/a.txt", "generated/zeta/z.txt"]);
  });

  it("normalises CRLF and adds the final newline", () => {
    const [file] = generate(ir, parseConfig({}, "t"), { root: "/r", targets: [echo("t", "f.txt", "a\r\nb")] as never });
    expect(file!.contents).toBe("a\nb\n");
  });

  it("two targets writing one file is LP_OUTPUT_CONFLICT", () => {
    const config = parseConfig({}, "t");
    const targets = [echo("one", "same.txt"), { ...echo("two", "same.txt"), defaultDir: "one" }] as never;
    expect(() => generate(ir, config, { root: "/r", targets })).toThrow(
      /LP_OUTPUT_CONFLICT: targets "one" and "two" both write generated\/one\/same\.txt/,
    );
  });

  it("lists every refused output path and conflict of every target at once", () => {
    const config = parseConfig({}, "t");
    const targets = [
      echo("one", "same.txt"),
      { ...echo("two", "same.txt"), defaultDir: "one" },
      echo("three", "../up.txt"),
      echo("four", "/etc/passwd"),
    ] as never;
    let message = "";
    try {
      generate(ir, config, { root: "/r", targets });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.split("\n").filter((l) => l.startsWith("error "))).toEqual([
      'error LP_OUTPUT_CONFLICT: targets "one" and "two" both write generated/one/same.txt',
      'error LP_UNSAFE_PATH: target "three" would write "../up.txt" (a `..` or empty segment), which could land outside generated/three/; nothing was written.',
      'error LP_UNSAFE_PATH: target "four" would write "/etc/passwd" (an absolute path), which could land outside generated/four/; nothing was written.',
    ]);
  });

  it("honours targets.<name>.enabled and outDir from the config", () => {
    const config = parseConfig(
      { targets: { "json-schema": { outDir: "schemas-out" }, registry: { enabled: false } } },
      "t",
    );
    const paths = generate(ir, config, { root: "/r" }).map((f) => f.path);
    expect(paths).toContain("schemas-out/registry.schema.json");
    expect(paths).not.toContain("generated/registry.json");
  });
});
