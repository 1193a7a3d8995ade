/**
 * Snapshots read back into an IR: the round trip is lossless for diff, and damaged or
 * foreign files fail with the file, the path and the fix.
 */
import { describe, expect, it } from "vitest";
import { diffRegistries } from "../../generator/diff/compare.js";
import { SnapshotError, parseSnapshot } from "../../generator/registry/snapshot.js";
import { BANNER } from "../../generator/gen/generate.js";
import { stableJson } from "../../generator/util/json.js";
import { bundledIr } from "../helpers/registry.js";

describe("parseSnapshot", () => {
  it("reads the registry target's output back into the same IR", async () => {
    const ir = await bundledIr();
    const parsed = parseSnapshot(stableJson({ $comment: BANNER, ...ir }), "generated/registry.json");
    expect(parsed).toEqual(JSON.parse(JSON.stringify(ir)));
    expect(diffRegistries(parsed, ir).changes).toEqual([]);
    expect(Object.isFrozen(parsed.families[0])).toBe(true);
  });

  it.each<[string, string, RegExp]>([
    ["not JSON", "{", /^old\.json: error LP_SNAPSHOT_INVALID\n {2}not valid JSON/],
    [
      "another IR version",
      JSON.stringify({ irVersion: 2, families: [] }),
      /LP_SNAPSHOT_VERSION\n {2}the snapshot has irVersion 2; this logpact reads irVersion 1/,
    ],
    ["no IR version", JSON.stringify({ families: [] }), /irVersion undefined/],
    [
      "an event with a bad level",
      JSON.stringify({
        irVersion: 1,
        envelope: [],
        families: [
          {
            name: "a",
            stability: "stable",
            source: { file: "a.ts", export: "A" },
            loki: { selector: "{}" },
            transitions: [],
            alerts: [],
            events: [
              {
                name: "a.b",
                short: "b",
                family: "a",
                level: "loud",
                message: "a.b",
                stability: "stable",
                examples: [],
                fields: [],
              },
            ],
          },
        ],
      }),
      /families\.0\.events\.0\.level: Invalid option/,
    ],
    [
      "a field without a schema",
      JSON.stringify({ irVersion: 1, families: [], envelope: [{ name: "x", required: true }] }),
      /envelope\.0\.schema/,
    ],
  ])("%s", (_name, text, message) => {
    let error: unknown;
    try {
      parseSnapshot(text, "old.json");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SnapshotError);
    expect((error as SnapshotError).exitCode).toBe(2);
    expect((error as Error).message).toMatch(message);
  });
});
