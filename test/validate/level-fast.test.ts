/**
 * A line that conforms but for its level is reported by the byte-level fast path itself
 * (no JSON.parse): the tally — finding, group, counts — is exactly what the exact path
 * gives, for each way a profile writes levels.
 */
import { describe, expect, it } from "vitest";
import { pinoProfile } from "../../generator/config/pino-profile.js";
import { LogChecker, type Tally } from "../../generator/validate/checker.js";
import { DEFAULT_SEVERITY } from "../../generator/validate/kinds.js";
import { LineSplitter } from "../../generator/validate/splitter.js";
import { irFrom } from "../helpers/registry.js";
import { CheckoutLog } from "./fixtures/checkout-log.js";

const CART = "7d444840-9dc0-41ba-8b6f-3f62d5f6a9b1";
const line = (level: unknown, key = "level") => JSON.stringify({ [key]: level, time: 1, pid: 1, hostname: "h", event: "checkout.completed", cartId: CART, durationMs: 3, msg: "m" });

function tally(checker: LogChecker, lines: readonly string[]): Tally {
  const t = checker.tally("app.ndjson");
  const s = new LineSplitter(checker.handler(t), 1 << 20);
  s.push(Buffer.from(`${lines.join("\n")}\n`));
  s.end();
  t.lines = s.lineNo;
  return t;
}

describe.each<[string, object, string[], { fastMismatches: number }]>([
  ["numeric levels", pinoProfile({}), [line(30), line(40), line(50), line("warn")], { fastMismatches: 2 }],
  ["labels (either form, a legacy config)", { logger: "pino" }, [line("info"), line("warn"), line(40), line("w\\u0061rn")], { fastMismatches: 2 }],
  ["a renamed, mapped level", pinoProfile({ formatters: { level: (l: string) => ({ severity: l.toUpperCase() }) } }), [line("INFO", "severity"), line("ERROR", "severity"), line(30, "severity")], { fastMismatches: 1 }],
])("%s", (_name, envelope, lines, want) => {
  const { ir } = irFrom({ "src/checkout-log.ts": { CheckoutLog } }, { envelope });
  const options = { draft: "2020-12" as const, severity: DEFAULT_SEVERITY, maxFindings: 100, maxLineBytes: 1 << 20 };

  it("the fast path reports what the exact path does", () => {
    const fast = tally(new LogChecker(ir, options), lines);
    const exact = tally(new LogChecker(ir, { ...options, fastPath: false }), lines);
    expect(fast).toEqual(exact);
    expect(fast.kinds["level-mismatch"]).toBeGreaterThan(0);
  });

  it("without parsing the mismatched lines", () => {
    const checker = new LogChecker(ir, options);
    let mismatches = 0;
    for (const l of lines) {
      const b = Buffer.from(l);
      if (checker.fast!.acceptLine(b, 0, b.length) === b.length && checker.fast!.levelMismatch === 1) mismatches++;
    }
    expect(mismatches).toBe(want.fastMismatches);
  });
});
