/**
 * The lint config keys issue 15 adds: callees and wrappers limited to files, logger
 * factories, emitter factories — parsed forms and rejected ones.
 */
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../generator/config/load.js";
import { ConfigurationError } from "../../generator/errors.js";

describe("lint config: scoped callees and wrappers, factories", () => {
  const valid: [string, { given: unknown; want: Record<string, unknown> }][] = [
    [
      "defaults",
      {
        given: {},
        want: { loggerFactories: [], emitterFactories: ["**.*Emitters"], callees: ["**.logger", "**.log"] },
      },
    ],
    [
      "a callee limited to files",
      {
        given: { callees: ["**.logger", { callee: "out", files: ["src/cli/**"] }] },
        want: { callees: ["**.logger", { callee: "out", files: ["src/cli/**"] }] },
      },
    ],
    [
      "a logger factory by name: bindings in argument 0",
      {
        given: { loggerFactories: ["createChildLogger"] },
        want: { loggerFactories: [{ callee: "createChildLogger", bindings: 0 }] },
      },
    ],
    [
      "a logger factory with its bindings argument",
      {
        given: { loggerFactories: [{ callee: "withContext", bindings: 1 }] },
        want: { loggerFactories: [{ callee: "withContext", bindings: 1 }] },
      },
    ],
    [
      "a wrapper limited to files",
      {
        given: { wrappers: [{ callee: "log", level: 0, message: 1, fields: 2, files: ["src/daemon/**"] }] },
        want: { wrappers: [{ callee: "log", level: 0, message: 1, fields: 2, files: ["src/daemon/**"] }] },
      },
    ],
  ];
  it.each(valid)("%s", (_n, { given, want }) => {
    expect(parseConfig({ lint: given }, "logpact.config.json").lint).toMatchObject(want);
  });

  const invalid: [string, { given: unknown; want: RegExp }][] = [
    ["an empty files list", { given: { callees: [{ callee: "out", files: [] }] }, want: /lint\.callees/ }],
    [
      "an unbalanced files glob",
      {
        given: { wrappers: [{ callee: "log", level: 0, message: 1, files: ["src/{daemon"] }] },
        want: /not a valid glob/,
      },
    ],
    [
      "an unknown key on a scoped callee",
      { given: { callees: [{ callee: "out", file: ["src/**"] }] }, want: /lint\.callees/ },
    ],
    [
      "a negative bindings index",
      { given: { loggerFactories: [{ callee: "withContext", bindings: -1 }] }, want: /lint\.loggerFactories/ },
    ],
    [
      "an emitter factory that is not a glob",
      { given: { emitterFactories: ["{oops"] }, want: /not a valid callee glob/ },
    ],
  ];
  it.each(invalid)("%s", (_n, { given, want }) => {
    expect(() => parseConfig({ lint: given }, "logpact.config.json")).toThrow(ConfigurationError);
    expect(() => parseConfig({ lint: given }, "logpact.config.json")).toThrow(want);
  });
});
