/**
 * A line that conforms but for its level is reported by the byte-level fast path itself
 * (no JSON.parse): the tally — finding, group, counts — is exactly what the exact path
 * gives, for each way a profile writes levels.
 */
import { describe, expect, it } from "vitest";
import { checkOptions } from "./fixtures.js";
import { pinoProfile } from "../../generator/config/pino-profile.js";
import { LogChecker, type Tally } from "../../generator/validate/checker.js";
import { LineSplitter } from "../../generator/validate/splitter.js";
import { irFrom } from "../helpers/registry.js";
import { CheckoutLog } from "./fixtures/checkout-log.js";

const CART = "7d444840-9dc0-41ba-8b6f-3f62d5f6a9b1";
const line = (level: unknown, key = "level") =>
  JSON.stringify({
    [key]: level,
    time: 1,
    pid: 1,
    hostname: "h",
    event: "checkout.completed",
    cartId: CART,
    durationMs: 3,
    msg: "m",
  });

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
  [
    "labels (either form, a legacy config)",
    { logger: "pino" },
    [line("info"), line("warn"), line(40), line("w\\u0061rn")],
    { fastMismatches: 2 },
  ],
  [
    "a renamed, mapped level",
    pinoProfile({ formatters: { level: (l: string) => ({ severity: l.toUpperCase() }) } }),
    [line("INFO", "severity"), line("ERROR", "severity"), line(30, "severity")],
    { fastMismatches: 1 },
  ],
])("%s", (_name, envelope, lines, want) => {
  const { ir } = irFrom({ "src/checkout-log.ts": { CheckoutLog } }, { envelope });
  const options = checkOptions();

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

describe("undeclared top-level keys", () => {
  const { ir } = irFrom({ "src/checkout-log.ts": { CheckoutLog } }, { envelope: pinoProfile({}) });
  const options = checkOptions();
  const head = `{"level":30,"time":1,"pid":1,"hostname":"h","event":"checkout.completed","cartId":"${CART}","durationMs":3`;
  // [line, reported by the fast path?]
  const LINES: [string, boolean][] = [
    [`${head},"reqId":"r-1","msg":"m"}`, true],
    [`${head},"reqId":5,"msg":"m"}`, true],
    [`${head},"reqId":5.5,"tenant":{"id":[1,{"a":null}]},"trace":[1,2],"flag":true,"none":null,"msg":"m"}`, true],
    [`{"reqId":"r-1","level":40,"time":1,"event":"checkout.completed","cartId":"${CART}","durationMs":3}`, true], // before event, and a level mismatch (not reported on a violating line)
    [`${head},"a":1,"b":2,"c":3,"d":4}`, true], // more clauses than a message lists
    [`${head},"durationMsx":1}`, true], // with a did-you-mean
    [`${head},"reqId":"r-1","reqId":"r-2"}`, false], // a repeat
    [`${head},"re\\u0071Id":"r-1"}`, false], // an escape in the key
    [`${head},"7":"x"}`, false], // integer-like: JSON.parse puts it first
    [`${head},"__proto__":{}}`, false],
    [`${head},"clé":1}`, false],
    [`${head},"itemCount":1}`, false], // declared by another event
    [`{"level":30,"time":1,"event":"checkout.completed","cartId":"${CART}","reqId":"r"}`, false], // and a required field missing
    [`${head.replace('"durationMs":3', '"durationMs":"3"')},"reqId":"r"}`, false], // and a wrong value
    [`${head},"reqId":"r",}`, false], // not JSON
  ];

  it("the fast path reports what the exact path does", () => {
    const lines = LINES.map(([l]) => l);
    const fast = tally(new LogChecker(ir, options), lines);
    const exact = tally(new LogChecker(ir, { ...options, fastPath: false }), lines);
    expect(fast).toEqual(exact);
    expect(fast.status.violation).toBe(LINES.length - 1);
  });

  it.each(LINES)("%s: from the bytes: %s", (line, fromBytes) => {
    const checker = new LogChecker(ir, options);
    const b = Buffer.from(line);
    const end = checker.fast!.acceptLine(b, 0, b.length);
    expect(end === b.length && checker.fast!.unexpectedCount > 0).toBe(fromBytes);
    expect(checker.fast!.accept(b, 0, b.length)).toBe(-1);
  });
});
