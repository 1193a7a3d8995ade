/**
 * The byte-level fast path (generator/validate/fast.ts) may only ever say "valid, no
 * finding" for a line the exact path (JSON.parse + ajv) also counts as valid with no
 * finding. Checked three ways: a table of lines per keyword and JSON corner, a
 * differential run over real pino lines and tens of thousands of seeded mutations of
 * them, and whole runs with the fast path on and off giving identical reports.
 */
import { isUtf8 } from "node:buffer";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { allEvents, type RegistryIR } from "../../generator/registry/ir.js";
import { LogChecker } from "../../generator/validate/checker.js";
import { EdgeTable } from "../../generator/validate/fast.js";
import { validateLogs } from "../../generator/validate/index.js";
import { LINE_BAD_UTF8 } from "../../generator/validate/splitter.js";
import { bundledIr, irFrom } from "../helpers/registry.js";
import { prng } from "../helpers/prng.js";
import { checkOptions as options } from "./fixtures.js";

/** Every keyword the fast path implements, plus what it must leave to the exact path. */
const ShapeLog = z
  .discriminatedUnion("event", [
    z
      .strictObject({
        event: z.literal("shape.all"),
        id: z.uuid().meta({ description: "Id." }),
        count: z.number().int().min(1).max(10).meta({ description: "Count.", unit: "count" }),
        ratio: z.number().gt(0).lt(1).optional().meta({ description: "Ratio.", unit: "ratio" }),
        label: z.string().min(2).max(4).meta({ description: "Label." }),
        mode: z.enum(["a", "b"]).meta({ description: "Mode." }),
        flag: z.boolean().optional().meta({ description: "Flag." }),
        note: z.string().nullable().optional().meta({ description: "Note." }),
        tags: z.array(z.string().min(1).max(8)).min(1).max(3).optional().meta({ description: "Tags." }),
        point: z
          .strictObject({
            x: z.number().int().min(-5).max(100),
            y: z.number().int().optional(),
            kind: z.enum(["p", "q"]).optional(),
          })
          .optional()
          .meta({ description: "Point." }),
        link: z.url().optional().meta({ description: "A URL (format, no pattern)." }),
        counts: z
          .record(z.string(), z.number().int())
          .optional()
          .meta({ description: "Counts by key (propertyNames, additionalProperties)." }),
        step: z.number().multipleOf(5).optional().meta({ description: "Step.", unit: "count" }),
        old_ms: z
          .number()
          .int()
          .optional()
          .meta({ description: "Old.", unit: "ms", deprecation: { reason: "gone", renamed_to: "count" } }),
      })
      .meta({ level: "info", description: "All keywords." }),
    z
      .strictObject({ event: z.literal("shape.other"), n: z.number().int().meta({ description: "N.", unit: "count" }) })
      .meta({ level: "warn", description: "Another." }),
    z
      .strictObject({ event: z.literal("shape.retired") })
      .meta({ level: "info", description: "Old.", deprecation: { reason: "unused" } }),
  ])
  .meta({ family: "shape", description: "Shapes." });

let shapeIr: RegistryIR;
let bundled: RegistryIR;
beforeAll(async () => {
  const built = irFrom({ "schemas/shape.ts": { ShapeLog } });
  expect(built.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  shapeIr = built.ir;
  bundled = await bundledIr();
});

/** The exact path's verdict on one line: the event index when valid with no finding at all, else -1. */
function exactVerdict(exact: LogChecker, bytes: Buffer): number {
  const t = exact.tally("x");
  exact.line(t, bytes.toString("utf8"), 1, isUtf8(bytes) ? 0 : LINE_BAD_UTF8);
  const findings = Object.values(t.kinds).reduce((a, b) => a + b, 0);
  return t.status.valid === 1 && findings === 0 ? t.seen.findIndex((n) => n === 1) : -1;
}

const ID = "3f2b8c1e-9d4a-4e6f-8b7c-2a1d5e9f0c34";
const base = {
  level: 30,
  time: 1,
  pid: 1,
  hostname: "h",
  event: "shape.all",
  id: ID,
  count: 3,
  label: "abc",
  mode: "a",
};
const line = (over: Record<string, unknown> = {}, drop: string[] = []) =>
  JSON.stringify(Object.fromEntries(Object.entries({ ...base, ...over }).filter(([k]) => !drop.includes(k))));
const raw = (tail: string) =>
  `{"level":30,"time":1,"pid":1,"hostname":"h","event":"shape.all","id":"${ID}","count":3,"label":"abc","mode":"a"${tail}}`;

describe("fast path: accepted lines (and the exact path agrees)", () => {
  const accepted: [string, string][] = [
    ["the minimal line", line()],
    [
      "every optional field",
      line({ ratio: 0.5, flag: true, note: null, tags: ["x", "y"], point: { x: 1, y: -2 }, msg: "m", label: "abcd" }),
    ],
    ["a string note", line({ note: "free text" })],
    ["integer written as 1.0 and 1e0", raw(',"point":{"x":1.0,"y":1e0}')],
    ["-0 is an integer", raw(',"point":{"x":-0}')],
    ["a big integer (16+ digits)", raw(',"point":{"x":1,"y":12345678901234567890}')],
    ["exponent forms", raw(',"ratio":5E-1')],
    [
      "whitespace everywhere",
      ` { "level" : 30 ,\t"time":1,"pid":1,"hostname":"h","event":"shape.all","id":"${ID}","count":3,"label":"abc","mode":"a" } \r`,
    ],
    ["escapes in an unconstrained string", line({ note: 'a "quoted" \\ \n \t \u0001 \u00e9 \ud83d\ude00 /' })],
    ["escapes in a constrained string", raw(',"tags":["\\u0041"]')],
    ["length counts code points (2 emoji = 2)", line({ label: "\ud83d\ude00\ud83d\ude00" })],
    ["UTF-8 in an unconstrained string", line({ note: "héllo wörld 日本" })],
    ["the level label instead of the number", line({ level: "info" })],
    ["time as an ISO string", line({ time: "2026-11-22T00:00:00.000Z" })],
    [
      "an err object of any shape",
      line({ err: { type: "Error", message: "x", stack: "s", nested: { deep: [1, { a: null }] } } }),
    ],
    [
      "keys in any order",
      JSON.stringify({
        mode: "a",
        label: "abc",
        count: 3,
        id: ID,
        event: "shape.all",
        hostname: "h",
        pid: 1,
        time: 1,
        level: 30,
      }),
    ],
    ["another event", JSON.stringify({ level: 40, time: 1, event: "shape.other", n: 7 })],
    [
      "format uri, record, multipleOf",
      line({ link: "https://example.com/a?b=c", counts: { a: 1, "b/c": 2 }, step: 15 }),
    ],
    // Digits are read four at a time: values of every length around the 4-byte groups.
    ...[5, 10, 100, 1000, 1005, 12345, 99990, 1234567890, 12345678901235, 123456789012345].map(
      (step): [string, string] => [
        `a ${String(step).length}-digit multiple of 5`,
        line({ step, time: 1795397249488, pid: 4194304 }),
      ],
    ),
    ["a multiple of 5 in exponent form after a 4-digit group", raw(',"step":1234.0e1')],
    ["100, the maximum, and -5, the minimum", line({ point: { x: 100, y: -1234567 } })],
  ];
  it.each(accepted)("%s", (_, text) => {
    const fast = new LogChecker(shapeIr, options()).fast!;
    const exact = new LogChecker(shapeIr, options({ fastPath: false }));
    const bytes = Buffer.from(text);
    const got = fast.accept(bytes, 0, bytes.length);
    expect(got).toBeGreaterThanOrEqual(0);
    expect(exactVerdict(exact, bytes)).toBe(got);
  });
});

describe("fast path: lines left to the exact path", () => {
  const left: [string, string][] = [
    ["empty", ""],
    ["blank", "   "],
    ["not an object", "[1]"],
    ["no event", JSON.stringify({ level: 30, msg: "hi" })],
    ["unknown event", line({ event: "shape.nope" })],
    ["event not a string", line({ event: 3 })],
    ["deprecated event", JSON.stringify({ level: 30, event: "shape.retired" })],
    ["deprecated field present", line({ old_ms: 3 })],
    ["level of another event", line({ level: 40 })],
    ["level label of another event", line({ level: "warn" })],
    ["no level", line({}, ["level"])],
    ["missing required field", line({}, ["mode"])],
    ["undeclared field", line({ extra: 1 })],
    ["field of another event", line({ n: 1 })],
    ["__proto__ key", raw(',"__proto__":{}')],
    ["duplicate key", raw(',"count":4')],
    ["escape in a key", raw(',"fl\\u0061g":true')],
    ["wrong type", line({ count: "3" })],
    ["integer expected", line({ count: 2.5 })],
    ["below minimum", line({ count: 0 })],
    ["above maximum", line({ count: 11 })],
    ...[1001, 12346, 1234567891, 12345678901236, 123456789012346].map((step): [string, string] => [
      `${step}: not a multiple of 5`,
      line({ step }),
    ]),
    ["a 4-digit value over the maximum", line({ point: { x: 1000 } })],
    ["an 8-digit value over the maximum", line({ count: 10000003 })],
    ["a 4-digit level", line({ level: 3000 })],
    ["a digit group cut by a letter", raw(',"step":1234x5')],
    ["a leading zero before a digit group", raw(',"step":01234')],
    ["exclusive bound", line({ ratio: 1 })],
    ["enum miss", line({ mode: "c" })],
    ["enum miss by escape", raw(',"flag":true').replace('"mode":"a"', '"mode":"\\u0063"')],
    ["pattern miss", line({ id: "not-a-uuid" })],
    ["too short", line({ label: "a" })],
    ["too long (code points)", line({ label: "ééééé" })],
    ["too many items", line({ tags: ["a", "b", "c", "d"] })],
    ["format miss", line({ link: "not a url" })],
    ["record value of the wrong type", line({ counts: { a: "1" } })],
    ["not a multiple", line({ step: 7 })],
    ["item constraint", line({ tags: [""] })],
    ["nested undeclared key", line({ point: { x: 1, z: 2 } })],
    ["nested missing required", line({ point: { y: 1 } })],
    ["nested duplicate key", raw(',"point":{"x":1,"x":2}')],
    ["infinite number", raw(',"ratio":1e400')],
    ["trailing comma", raw(",")],
    ["trailing garbage", `${line()}x`],
    ["two objects", `${line()}{}`],
    ["leading zero", raw(',"point":{"x":01}')],
    ["bare minus", raw(',"point":{"x":-}')],
    ["dot without digits", raw(',"ratio":1.')],
    ["exponent without digits", raw(',"ratio":1e')],
    ["bad escape", line().replace('"h"', '"\\x"')],
    ["short \\u escape", line().replace('"h"', '"\\u12"')],
    ["raw control character in a string", line().replace('"h"', '"a\u0001b"')],
    ["raw tab in a string", line().replace('"h"', '"a\tb"')],
    ["unterminated string", '{"level":30,"event":"shape.all","note":"abc'],
    ["truncated object", line().slice(0, -1)],
    ["single quotes", line().replace('"h"', "'h'")],
    ["NaN", raw(',"ratio":NaN')],
    ["misspelt literal", raw(',"flag":tru')],
    [
      "nesting deeper than the scanner follows",
      line({ err: JSON.parse("[".repeat(300) + "]".repeat(300)) as unknown }),
    ],
  ];
  it.each(left)("%s", (_, text) => {
    const fast = new LogChecker(shapeIr, options()).fast!;
    const bytes = Buffer.from(text);
    expect(fast.accept(bytes, 0, bytes.length)).toBe(-1);
  });

  it("invalid UTF-8 inside an unconstrained string", () => {
    const fast = new LogChecker(shapeIr, options()).fast!;
    const bytes = Buffer.concat([
      Buffer.from(line({ note: "ab" }).replace('"ab"}', '"a')),
      Buffer.from([0xff, 0x62, 0x22, 0x7d]),
    ]);
    expect(bytes.toString("latin1")).toContain('"note":"a\u00ffb"}');
    expect(fast.accept(bytes, 0, bytes.length)).toBe(-1);
  });

  it("strings are scanned four bytes at a time: a special byte at every offset is still seen", () => {
    const fast = new LogChecker(shapeIr, options()).fast!;
    const exact = new LogChecker(shapeIr, options({ fastPath: false }));
    const specials = ['\\"', "\\\\", "\\u00e9", "\t", "\u0001", "\u007f", "é", "日", '"', "\\"];
    let checked = 0;
    for (const special of specials) {
      for (let len = 0; len <= 12; len++) {
        for (let at = 0; at <= len; at++) {
          const note = "x".repeat(at) + special + "y".repeat(len - at);
          const text = raw(`,"note":"${note}"`);
          const bytes = Buffer.from(text);
          const got = fast.accept(bytes, 0, bytes.length);
          const want = exactVerdict(exact, bytes);
          expect(got === -1 || got === want, text).toBe(true);
          if (!["\t", "\u0001", '"', "\\"].includes(special)) expect(got, text).toBe(0);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(900);
  });

  it("only reads b[start, end): the bytes around the line do not matter", () => {
    const fast = new LogChecker(shapeIr, options()).fast!;
    const text = line();
    const bytes = Buffer.from(`{"x":${text}\n${text}`);
    const start = 5;
    const end = 5 + text.length;
    expect(fast.accept(bytes, start, end)).toBe(0);
    expect(fast.accept(bytes, start, end - 1)).toBe(-1); // cut before the closing brace
  });

  it("says which events it covers and why not the others", () => {
    const fast = new LogChecker(shapeIr, options()).fast!;
    expect(fast.stats.events).toBe(2);
    expect([...fast.stats.unsupported.keys()]).toEqual(["shape.retired"]);
    expect(new LogChecker(shapeIr, options({ fastPath: false })).fast).toBeUndefined();
  });
});

// ---------------------------------------------------------------- differential
/** Real pino output: every example of every event, at its declared level, plus a few at other levels. */
function pinoLines(ir: RegistryIR): Buffer[] {
  const out: string[] = [];
  const logger = pino({ level: "trace" }, { write: (s: string) => void out.push(s.replace(/\n$/, "")) });
  for (const e of allEvents(ir)) {
    for (const ex of e.examples) {
      logger[e.level](ex, e.message);
      logger.fatal(ex);
    }
  }
  logger.info("an untyped line");
  return out.map((s) => Buffer.from(s));
}

const BYTES = [
  0x22, 0x5c, 0x2c, 0x3a, 0x7b, 0x7d, 0x5b, 0x5d, 0x30, 0x31, 0x39, 0x2d, 0x2e, 0x65, 0x45, 0x2b, 0x20, 0x09, 0x0d,
  0x00, 0x1f, 0x7f, 0x75, 0x61, 0x6e, 0x74, 0x66, 0xc3, 0xa9, 0xff, 0xe2, 0x80,
];

/** One random edit: delete, insert, replace a byte, repeat a slice, or repeat a whole `,"key":value` member (a duplicate key). */
function mutate(src: Buffer, rnd: () => number): Buffer {
  const at = Math.floor(rnd() * (src.length + 1));
  const byte = Buffer.from([BYTES[Math.floor(rnd() * BYTES.length)]!]);
  switch (Math.floor(rnd() * 5)) {
    case 4: {
      const commas = [...src.keys()].filter((i) => src[i] === 0x2c);
      if (commas.length >= 2) {
        const k = Math.floor(rnd() * (commas.length - 1));
        const member = src.subarray(commas[k]!, commas[k + 1]!);
        const where = commas[Math.floor(rnd() * commas.length)]!;
        return Buffer.concat([src.subarray(0, where), member, src.subarray(where)]);
      }
      return src;
    }
    case 0:
      return Buffer.concat([src.subarray(0, at), src.subarray(at + 1)]);
    case 1:
      return Buffer.concat([src.subarray(0, at), byte, src.subarray(at)]);
    case 2:
      return Buffer.concat([src.subarray(0, at), byte, src.subarray(at + 1)]);
    default: {
      const from = Math.floor(rnd() * src.length);
      const len = 1 + Math.floor(rnd() * 40);
      return Buffer.concat([src.subarray(0, at), src.subarray(from, from + len), src.subarray(at)]);
    }
  }
}

describe("key prediction (the key that followed last time is compared first)", () => {
  // One FastPath over the sequence: each line's keys are predicted from the line before.
  const head = { level: 30, time: 1, pid: 1, hostname: "h", event: "shape.all", id: ID, label: "abc", mode: "a" };
  const sequence: [string, Record<string, unknown>][] = [
    ["count then counts", { ...head, count: 3, counts: { a: 1 } }],
    ["counts where count was (the prediction is a prefix)", { ...head, counts: { a: 1 }, count: 3 }],
    ["count where counts was (the actual key is a prefix)", { ...head, count: 3, counts: { a: 1 } }],
    ["an unknown key sharing the predicted key's first word", { ...head, count: 3, countz: 1 }],
    ["the same key again after the miss", { ...head, count: 3, counts: { a: 1 } }],
    ["a one-letter key where a long one was", { level: 40, time: 1, event: "shape.other", n: 7 }],
    [
      "keys of 1 to 6 bytes in a row",
      { ...head, count: 3, flag: true, note: "x", tags: ["t"], step: 5, old_ms: undefined },
    ],
  ];
  it("every line gets the exact path's verdict", () => {
    const fast = new LogChecker(shapeIr, options()).fast!;
    const exact = new LogChecker(shapeIr, options({ fastPath: false }));
    for (const [what, obj] of sequence) {
      const bytes = Buffer.from(JSON.stringify(obj));
      expect([what, fast.accept(bytes, 0, bytes.length)]).toEqual([what, exactVerdict(exact, bytes)]);
    }
    // The key at the very end of a buffer (no room for a whole word after it) still matches.
    const tail = Buffer.from(JSON.stringify({ ...head, count: 3, n: 1 }).slice(0, -1) + "}");
    expect(fast.accept(tail, 0, tail.length)).toBe(exactVerdict(exact, tail));
  });
});

describe("event-name table (found by length and edge bytes)", () => {
  // Short names, names sharing length and both edges, prefixes of each other, non-ASCII.
  const names = [
    "a",
    "ab",
    "abc",
    "abcd",
    "abcde",
    "daemon.connection.connected",
    "daemon.connection.cunnected",
    "daemon.connection.connecte",
    "daemon.connection.connectedd",
    "x.ab.y",
    "x.ba.y",
    "héllo.wörld",
    "ws.liveness.stale_terminated",
  ];
  const table = new EdgeTable(names);
  const find = (text: string) => {
    const b = Buffer.from(`"${text}"`);
    return table.find(new DataView(b.buffer, b.byteOffset, b.byteLength), b, 1, b.length - 1);
  };

  it.each(names.map((n, i) => [n, i] as const))("finds %j at %i", (name, i) => {
    expect(find(name)).toBe(i);
  });

  it.each([
    "",
    "b",
    "abd",
    "abcf",
    "bbcd",
    "daemon.connection.connectex",
    "daemon.connectian.connected",
    "aaemon.connection.connected",
    "x.aa.y",
    "héllo.wörle",
    "ws.liveness.stale_terminatedx",
  ])("does not find %j", (text) => {
    expect(find(text)).toBe(-1);
  });
});

describe("fast path vs exact path, differentially", () => {
  for (const which of ["bundled", "shape"] as const) {
    it(`${which} registry: every real pino line conforming per the exact path is accepted, and no mutation is accepted that the exact path rejects`, () => {
      const ir = which === "bundled" ? bundled : shapeIr;
      const fast = new LogChecker(ir, options()).fast!;
      const exact = new LogChecker(ir, options({ fastPath: false }));
      const lines =
        which === "bundled"
          ? pinoLines(ir)
          : [
              ...pinoLines(ir),
              ...[
                line(),
                line({ tags: ["a"], point: { x: 1 }, note: 'é\\"' }),
                line({ level: "info", ratio: 0.25 }),
              ].map((s) => Buffer.from(s)),
            ];
      let cleanValid = 0;
      for (const bytes of lines) {
        const want = exactVerdict(exact, bytes);
        const got = fast.accept(bytes, 0, bytes.length);
        // Every real line the exact path finds clean is one the fast path takes (deprecated events aside).
        if (want >= 0 && fast.covers(want)) {
          cleanValid++;
          expect(got, bytes.toString()).toBe(want);
        } else {
          expect(got, bytes.toString()).toBe(-1);
        }
      }
      // At least one clean line per event (the bundled examples; the three hand-written shape lines).
      expect(cleanValid).toBeGreaterThanOrEqual(
        which === "bundled" ? allEvents(ir).filter((e) => !e.deprecation).length : 3,
      );

      const rnd = prng(which === "bundled" ? 11 : 12);
      let accepted = 0;
      let mutants = 0;
      for (let i = 0; i < 25_000; i++) {
        let bytes = lines[Math.floor(rnd() * lines.length)]!;
        for (let k = 1 + Math.floor(rnd() * 2); k > 0; k--) bytes = mutate(bytes, rnd);
        mutants++;
        const got = fast.accept(bytes, 0, bytes.length);
        if (got < 0) continue;
        accepted++;
        const want = exactVerdict(exact, bytes);
        if (want !== got)
          expect.fail(
            `fast path accepted as event ${got}, exact path says ${want}: ${JSON.stringify(bytes.toString("latin1"))}`,
          );
      }
      // Many mutations are harmless (a digit changed, whitespace added): both paths accept them.
      expect(accepted).toBeGreaterThan(mutants / 100);
      expect(accepted).toBeLessThan(mutants);
    });
  }
});

describe("whole runs: the fast path changes nothing but speed", () => {
  const dir = mkdtempSync(join(tmpdir(), "logpact-fast-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("the same report with the fast path on and off, over real and mutated lines, one thread and two", async () => {
    const rnd = prng(5);
    const lines = pinoLines(bundled);
    const out: Buffer[] = [];
    for (let i = 0; i < 20_000; i++) {
      const src = lines[Math.floor(rnd() * lines.length)]!;
      out.push(rnd() < 0.2 ? mutate(src, rnd) : src, Buffer.from(rnd() < 0.01 ? "\r\n" : "\n"));
    }
    const file = join(dir, "mixed.ndjson");
    writeFileSync(file, Buffer.concat(out));
    const run = (fastPath: boolean, jobs: number) =>
      validateLogs(bundled, [file], {
        ...options({ fastPath, maxFindings: 1_000_000 }),
        jobs,
        cwd: dir,
        splitBytes: 64 * 1024,
      });
    const exact = await run(false, 1);
    expect(exact.status.valid).toBeGreaterThan(15_000);
    expect(exact.status.violation + exact.status.malformed).toBeGreaterThan(500);
    expect(await run(true, 1)).toEqual(exact);
    expect(await run(true, 2)).toEqual(exact);
    // stdin read on this thread while workers take the file's ranges (the stream stays here).
    const withStdin = (jobs: number) =>
      validateLogs(bundled, ["-", file], {
        ...options({ maxFindings: 1_000_000 }),
        jobs,
        cwd: dir,
        splitBytes: 64 * 1024,
        stdin: Readable.from([Buffer.concat(out.slice(0, 2_000))]),
      });
    const one = await withStdin(1);
    expect(one.inputs.map((i) => i.name)).toEqual(["<stdin>", file]);
    expect(one.lines).toBe(exact.lines + 1_000);
    expect(await withStdin(3)).toEqual(one);
  }, 60_000);
});

// ---------------------------------------------------------------- the object-level engine
const VALUES: unknown[] = [
  -1,
  0,
  1,
  1.5,
  -0,
  2 ** 53,
  1e21,
  "x",
  "",
  "3",
  "not-a-uuid",
  "2026-13-01T00:00:00Z",
  "ééééé",
  "\ud83d\ude00",
  true,
  false,
  null,
  [],
  [1],
  ["", "a"],
  ["a", "b", "c", "d"],
  {},
  { x: "1" },
  { x: 1, z: 2 },
  { y: 1 },
  { x: 1.5, y: "2" },
  { x: -6 },
  { x: 101, kind: "r" },
  { x: 1, kind: "r" },
  { x: "a", kind: 1 },
  ["a", "bbbbbbbbbbbbb"],
  [1, "a"],
  "https://example.com/x",
  "::nope",
  10,
  7,
  0.1,
  { a: 1, b: 2 },
  { a: "x" },
];

/** A parsed line, changed 1–3 ways: a field set to an odd value, a field dropped, an unknown or foreign field added, the event swapped. */
function mutateObject(src: Record<string, unknown>, names: readonly string[], rnd: () => number): string {
  const o: Record<string, unknown> = { ...src };
  let extra = "";
  for (let k = 1 + Math.floor(rnd() * 3); k > 0; k--) {
    const keys = Object.keys(o);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    switch (Math.floor(rnd() * 5)) {
      case 0:
      case 1:
        o[pick(keys)] = pick(VALUES);
        break;
      case 2:
        delete o[pick(keys)];
        break;
      case 3:
        if (rnd() < 0.2) extra = `,"__proto__":${JSON.stringify(pick(VALUES))}`;
        else
          o[
            rnd() < 0.5
              ? "extra_field"
              : pick([
                  "attempt",
                  "durationMs",
                  "runId",
                  "reason",
                  "count",
                  "point",
                  "tags",
                  "level",
                  "msg",
                  "link",
                  "counts",
                  "step",
                ])
          ] = pick(VALUES);
        break;
      default:
        o.event = pick(names);
    }
  }
  const text = JSON.stringify(o);
  return extra && text.endsWith("}") && text.length > 2 ? `${text.slice(0, -1)}${extra}}` : text;
}

describe("built-in evaluator vs ajv", () => {
  for (const which of ["bundled", "shape"] as const) {
    it(`${which} registry: same verdict, findings (messages included) and offending fields on mutated lines`, () => {
      const ir = which === "bundled" ? bundled : shapeIr;
      const builtin = new LogChecker(ir, options({ maxFindings: 1_000_000 }));
      const reference = new LogChecker(ir, options({ fastPath: false, maxFindings: 1_000_000 }));
      const names = allEvents(ir).map((e) => e.name);
      const bases = [
        ...pinoLines(ir).map((b) => JSON.parse(b.toString()) as Record<string, unknown>),
        ...(which === "shape"
          ? [
              JSON.parse(
                line({
                  tags: ["a"],
                  point: { x: 1 },
                  note: "n",
                  ratio: 0.5,
                  link: "https://a.b/",
                  counts: { a: 1 },
                  step: 5,
                }),
              ) as Record<string, unknown>,
            ]
          : []),
      ];
      const rnd = prng(which === "bundled" ? 21 : 22);
      const a = builtin.tally("x");
      const b = reference.tally("x");
      for (let i = 0; i < 6_000; i++) {
        const text = mutateObject(bases[Math.floor(rnd() * bases.length)]!, names, rnd);
        builtin.line(a, text, i + 1, 0);
        reference.line(b, text, i + 1, 0);
        if (a.findings.length !== b.findings.length || a.status.valid !== b.status.valid) {
          expect({ text, builtin: a.findings.at(-1), ajv: b.findings.at(-1) }).toEqual({
            text,
            builtin: b.findings.at(-1),
            ajv: b.findings.at(-1),
          });
        }
      }
      expect(a).toEqual(b);
      // The mutations reach both verdicts, and the messages nested paths produce.
      expect(b.status.violation).toBeGreaterThan(2_000);
      expect(b.status.valid).toBeGreaterThan(100);
      if (which === "shape") {
        for (const nested of [
          /field "point\.x" must be >= -5/,
          /field "point\.x" must be <= 100/,
          /field "point\.kind" must be equal to one of the allowed values/,
          /field "tags\[\d\]" must NOT have more than 8 characters/,
          /field "counts\.[a-z]+" must be integer/,
        ]) {
          expect(
            b.findings.some((f) => nested.test(f.message)),
            String(nested),
          ).toBe(true);
        }
      }
    });
  }
});
