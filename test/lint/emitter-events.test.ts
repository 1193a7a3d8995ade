/**
 * Which events `prefer-emitter` treats as covered: derived from the registry and the config
 * (the emitters target writes an emitter for every event of every family when it is on),
 * never from files on disk.
 */
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../generator/config/load.js";
import { emitterEventsOf } from "../../generator/lint/index.js";
import { idempotencyIr } from "../helpers/idempotency.js";

describe("emitterEventsOf", () => {
  const ir = idempotencyIr();
  const all = ir.families.flatMap((f) => f.events.map((e) => e.name));

  it.each<[string, { config: object; want: string[] }]>([
    ["emitters on by default: every registered event", { config: {}, want: all }],
    ["emitters on with its own folder", { config: { targets: { emitters: { outDir: "src/log" } } }, want: all }],
    ["emitters off: none", { config: { targets: { emitters: { enabled: false } } }, want: [] }],
  ])("%s", (_name, { config, want }) => {
    expect([...emitterEventsOf(parseConfig(config, "test"), ir)].sort()).toEqual([...want].sort());
  });

  it("the fixture has events (the table above is not vacuous)", () => {
    expect(all.length).toBeGreaterThan(1);
  });
});
