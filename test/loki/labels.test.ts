/**
 * The Loki label mapping (targets/loki/labels.ts) on its own: which label carries a field
 * path under a given selector, collisions between paths, and the keys a json expression
 * cannot address. The same mapping seen through resolved alerts is resolved-form.test.ts.
 */
import { describe, expect, it } from "vitest";
import { fieldLabel, jsonAddressable, LabelTable } from "../../generator/targets/loki/labels.js";

describe("fieldLabel: the label Loki's | json gives a path, renamed where it would clash", () => {
  it.each<[string, { keys: string[]; stream: string[]; want: string }]>([
    ["a plain field keeps its name", { keys: ["attempt"], stream: ["service_name"], want: "attempt" }],
    ["nested keys join with _", { keys: ["peer", "region"], stream: [], want: "peer_region" }],
    ["odd characters become _", { keys: ["http.status"], stream: [], want: "http_status" }],
    ["a stream label of the selector", { keys: ["app"], stream: ["app", "env"], want: "app_extracted" }],
    ["a LogQL keyword, any case", { keys: ["Offset"], stream: [], want: "Offset_extracted" }],
    ["a reserved name", { keys: ["__name"], stream: [], want: "__name_extracted" }],
    ["a joined path that lands on a keyword", { keys: ["group", "left"], stream: [], want: "group_left_extracted" }],
    ["a leading digit", { keys: ["2fa"], stream: [], want: "_2fa" }],
  ])("%s", (_name, { keys, stream, want }) => {
    expect(fieldLabel(keys, new Set(stream))).toBe(want);
  });
});

describe("LabelTable: one path a label", () => {
  it("gives `event` its label first, renamed under a selector with an `event` label", () => {
    expect(new LabelTable(new Set(["service_name"])).event()).toBe("event");
    expect(new LabelTable(new Set(["event"])).event()).toBe("event_extracted");
  });

  it("names the path that already holds a label, and keeps the first owner", () => {
    const table = new LabelTable(new Set());
    expect(table.event()).toBe("event");
    expect(table.claim("peer.region", ["peer", "region"])).toEqual({ label: "peer_region" });
    expect(table.claim("peer_region", ["peer_region"])).toEqual({ label: "peer_region", heldBy: "peer.region" });
    expect(table.claim("peer.region", ["peer", "region"])).toEqual({ label: "peer_region" });
    expect(table.claim("event", ["event"])).toEqual({ label: "event" });
  });
});

describe("jsonAddressable", () => {
  it.each<[string[], boolean]>([
    [["attempt"], true],
    [["peer", "odd-key"], true],
    [["http.status"], true],
    [[""], false],
    [["peer", ""], false],
    [['say"hi'], false],
    [["back\\slash"], false],
  ])("%j → %s", (keys, want) => {
    expect(jsonAddressable(keys)).toBe(want);
  });
});
