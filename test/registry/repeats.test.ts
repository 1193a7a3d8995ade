/** repeatsBy (util/repeats.ts), behind the registry's "declared twice" checks. */
import { describe, expect, it } from "vitest";
import { repeatsBy } from "../../generator/util/repeats.js";

describe("repeatsBy: later items whose key an earlier one had, with the first", () => {
  it.each<[string, { given: string[]; want: [string, string][] }]>([
    ["no repeats", { given: ["a:1", "b:1", "c:1"], want: [] }],
    ["one repeat, paired with the first", { given: ["a:1", "b:1", "a:2"], want: [["a:2", "a:1"]] }],
    [
      "a third one is paired with the first, not the second",
      {
        given: ["a:1", "a:2", "b:1", "a:3"],
        want: [
          ["a:2", "a:1"],
          ["a:3", "a:1"],
        ],
      },
    ],
    [
      "in list order across keys",
      {
        given: ["b:1", "a:1", "a:2", "b:2"],
        want: [
          ["a:2", "a:1"],
          ["b:2", "b:1"],
        ],
      },
    ],
    ["an empty key counts like any other", { given: [":1", ":2"], want: [[":2", ":1"]] }],
  ])("%s", (_name, { given, want }) => {
    expect(repeatsBy(given, (s) => s.split(":")[0]!)).toEqual(want);
  });
});
