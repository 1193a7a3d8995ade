/**
 * `logpact validate` on an event with variants: the line's discriminator selects the
 * variant whose strict schema it is checked against. The verdict must be exactly the
 * published JSON Schema's (`oneOf` of the variants, checked by ajv), on a table and on
 * thousands of seeded mutations, with the fast path on and off; messages name the variant.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { checkOptions } from "./fixtures.js";
import { parseConfig } from "../../generator/config/load.js";
import { generate } from "../../generator/gen/generate.js";
import { allEvents } from "../../generator/registry/ir.js";
import { createAjv } from "../../generator/registry/ajv.js";
import { LogChecker, type CheckOptions } from "../../generator/validate/checker.js";
import { validateLogs } from "../../generator/validate/index.js";
import { logCollector } from "../../generator/validate/testing.js";
import { VARIANT_PAYLOADS, idempotencyIr } from "../helpers/idempotency.js";
import { REPO } from "../helpers/project.js";
import { prng } from "../helpers/prng.js";

const ir = idempotencyIr();
const options = (over: Partial<CheckOptions> = {}) => checkOptions({ maxFindings: 1_000_000, ...over });
const published = (() => {
  const file = generate(ir, parseConfig({}, "test"), { root: REPO, only: ["json-schema"] }).find((f) =>
    f.path.endsWith("registry.schema.json"),
  )!;
  return createAjv("2020-12").compile(JSON.parse(file.contents) as object);
})();

/** Real pino lines: each payload logged at its event's level (pino's default envelope). */
function pinoLines(payloads: readonly Record<string, unknown>[]): string[] {
  const logs = logCollector();
  const logger = pino({ level: "trace" }, logs);
  const level = new Map(allEvents(ir).map((e) => [e.name, e.level]));
  for (const p of payloads) logger[level.get(String(p.event)) ?? "info"](p, "x");
  return [...logs.lines];
}

const checkOne = (checker: LogChecker, text: string) => {
  const t = checker.tally("app.log");
  checker.line(t, text, 1, 0);
  return t;
};

describe.each([
  ["fast path on", options()],
  ["fast path off (ajv)", options({ fastPath: false })],
])("%s", (_mode, opts) => {
  const checker = new LogChecker(ir, opts);
  it.each(VARIANT_PAYLOADS)("%s: the published schema's verdict", (_name, payload, valid) => {
    const [text] = pinoLines([payload]);
    expect(published(JSON.parse(text!))).toBe(valid);
    const t = checkOne(checker, text!);
    expect(t.status.valid).toBe(valid ? 1 : 0);
    expect(t.status.violation).toBe(valid ? 0 : 1);
  });

  it.each([
    [
      "a missing field the variant requires",
      { reason: "error", deliveryId: "d" },
      'idempotency.failed_open (reason "error"): missing required field "errorMessage" (string)',
      "errorMessage",
    ],
    [
      "a field another variant has",
      { reason: "unavailable", deliveryId: "d", timeoutMs: 5 },
      'idempotency.failed_open (reason "unavailable"): unexpected field "timeoutMs"',
      "timeoutMs",
    ],
    [
      "a bad value in a variant's field",
      { reason: "timeout", deliveryId: "d", timeoutMs: 0 },
      'idempotency.failed_open (reason "timeout"): field "timeoutMs" must be integer > 0, got number 0',
      "timeoutMs",
    ],
    [
      "an unknown discriminator value",
      { reason: "crashed", deliveryId: "d" },
      'idempotency.failed_open: field "reason" must be "unavailable" | "error" | "timeout" (it selects the variant), got string "crashed"',
      "reason",
    ],
    [
      "no discriminator",
      { deliveryId: "d" },
      'idempotency.failed_open: field "reason" must be "unavailable" | "error" | "timeout" (it selects the variant), it is missing',
      "reason",
    ],
  ] as const)("names the variant: %s", (_name, payload, message, field) => {
    const [text] = pinoLines([{ event: "idempotency.failed_open", ...payload }]);
    const t = checkOne(checker, text!);
    expect(t.findings.map((f) => [f.kind, f.event, f.field, f.message])).toEqual([
      ["violation", "idempotency.failed_open", field, message],
    ]);
    expect(Object.fromEntries(t.fields)).toEqual({ [`idempotency.failed_open\u0000${field}`]: 1 });
  });

  it("checks the level of a conforming variant line against the event's level", () => {
    const text = JSON.stringify({
      level: 30,
      event: "idempotency.failed_open",
      reason: "unavailable",
      deliveryId: "d",
    });
    expect(checkOne(checker, text).findings.map((f) => f.kind)).toEqual(["level-mismatch"]);
  });
});

it("the fast path leaves the variant event to the exact path, and says why", () => {
  const fast = new LogChecker(ir, options()).fast!;
  expect(fast.stats.unsupported.get("idempotency.failed_open")).toBe(
    "the event has variants (checked on the exact path)",
  );
  expect(fast.stats.events).toBe(2);
});

const VALUES: unknown[] = [
  "unavailable",
  "error",
  "timeout",
  "crashed",
  "",
  0,
  1,
  -1,
  500,
  1.5,
  null,
  true,
  [],
  {},
  "d-1",
  "2026-12-03T09:00:00.000Z",
  "nope",
];

describe("differentially, on seeded mutations", () => {
  it("fast path on, fast path off and the published oneOf schema give the same verdict on every line", () => {
    const bases = VARIANT_PAYLOADS.filter(([, , valid]) => valid).map(([, p]) => p);
    const rnd = prng(31);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const payloads: Record<string, unknown>[] = [];
    for (let i = 0; i < 4_000; i++) {
      const o: Record<string, unknown> = { ...pick(bases) };
      for (let k = 1 + Math.floor(rnd() * 2); k > 0; k--) {
        const r = rnd();
        if (r < 0.4) o[pick([...Object.keys(o), "reason", "errorMessage", "timeoutMs"])] = pick(VALUES);
        else if (r < 0.7) delete o[pick(Object.keys(o).filter((x) => x !== "event"))];
        else if (r < 0.85) o[pick(["errorMessage", "timeoutMs", "firstSeenAt", "ttlMs", "extra"])] = pick(VALUES);
        else o.event = pick(allEvents(ir).map((e) => e.name));
      }
      payloads.push(o);
    }
    const lines = pinoLines(payloads);
    const fast = new LogChecker(ir, options());
    const exact = new LogChecker(ir, options({ fastPath: false }));
    const a = fast.tally("x");
    const b = exact.tally("x");
    let valid = 0;
    lines.forEach((text, i) => {
      const before = a.status.valid;
      fast.line(a, text, i + 1, 0);
      exact.line(b, text, i + 1, 0);
      const want = published(JSON.parse(text));
      if (a.status.valid > before !== want)
        expect.fail(
          `validate says ${a.status.valid > before ? "valid" : "invalid"}, the published schema ${want}: ${text}`,
        );
      if (want) valid++;
    });
    expect(a).toEqual(b);
    expect(valid).toBeGreaterThan(300);
    expect(valid).toBeLessThan(lines.length - 1_000);
  });
});

describe("whole runs", () => {
  const dir = mkdtempSync(join(tmpdir(), "logpact-variants-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it("the same report with the fast path on and off, one thread and two", async () => {
    const lines = pinoLines(Array.from({ length: 3_000 }, (_, i) => VARIANT_PAYLOADS[i % VARIANT_PAYLOADS.length]![1]));
    const file = join(dir, "app.ndjson");
    writeFileSync(file, `${lines.join("\n")}\n`);
    const run = (fastPath: boolean, jobs: number) =>
      validateLogs(ir, [file], { ...options({ fastPath }), jobs, cwd: dir, splitBytes: 16 * 1024 });
    const exact = await run(false, 1);
    expect(exact.status.valid).toBe(
      Array.from({ length: 3_000 }, (_, i) => VARIANT_PAYLOADS[i % VARIANT_PAYLOADS.length]![2]).filter(Boolean).length,
    );
    expect(await run(true, 1)).toEqual(exact);
    expect(await run(true, 2)).toEqual(exact);
  }, 60_000);
});
