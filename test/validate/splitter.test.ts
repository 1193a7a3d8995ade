/**
 * The chunked line splitter: exact lines, numbers and flags whatever the chunking —
 * CRLF, BOM, empty lines, a missing final newline, invalid UTF-8, over-long lines.
 */
import { describe, expect, it } from "vitest";
import { LINE_BAD_UTF8, LINE_NO_NEWLINE, LineSplitter } from "../../generator/validate/splitter.js";

type Event =
  | [kind: "line", text: string, lineNo: number, flags: number]
  | [kind: "tooLong", bytes: number, lineNo: number, flags: number];

function split(chunks: readonly (string | Buffer)[], cap = 1024, stripBom = true): { events: Event[]; bytes: number } {
  const events: Event[] = [];
  const s = new LineSplitter(
    {
      line: (text, lineNo, flags) => events.push(["line", text, lineNo, flags]),
      tooLong: (lineNo, bytes, flags) => events.push(["tooLong", bytes, lineNo, flags]),
    },
    cap,
    stripBom,
  );
  for (const c of chunks) s.push(typeof c === "string" ? Buffer.from(c) : c);
  s.end();
  return { events, bytes: s.bytes };
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const BAD = Buffer.from([0xff, 0xfe]);
const euro = Buffer.from("€"); // 3 bytes: e2 82 ac

describe.each<[string, { given: (string | Buffer)[]; cap?: number; want: Event[] }]>([
  ["empty input", { given: [], want: [] }],
  ["one line with newline", { given: ['{"a":1}\n'], want: [["line", '{"a":1}', 1, 0]] }],
  ["one line without final newline", { given: ['{"a":1}'], want: [["line", '{"a":1}', 1, LINE_NO_NEWLINE]] }],
  ["a lone newline is one empty line", { given: ["\n"], want: [["line", "", 1, 0]] }],
  [
    "empty lines keep their numbers",
    {
      given: ["a\n\n\nb\n"],
      want: [
        ["line", "a", 1, 0],
        ["line", "", 2, 0],
        ["line", "", 3, 0],
        ["line", "b", 4, 0],
      ],
    },
  ],
  [
    "CRLF keeps the CR (JSON.parse skips it)",
    {
      given: ["a\r\nb\r\n"],
      want: [
        ["line", "a\r", 1, 0],
        ["line", "b\r", 2, 0],
      ],
    },
  ],
  [
    "a line cut by a chunk boundary",
    {
      given: ['{"a":', '1}\n{"b"', ":2}\n"],
      want: [
        ["line", '{"a":1}', 1, 0],
        ["line", '{"b":2}', 2, 0],
      ],
    },
  ],
  [
    "a line spread over many chunks",
    {
      given: ["a", "b", "c", "d\ne"],
      want: [
        ["line", "abcd", 1, 0],
        ["line", "e", 2, LINE_NO_NEWLINE],
      ],
    },
  ],
  [
    "a CRLF split between chunks",
    {
      given: ["a\r", "\nb"],
      want: [
        ["line", "a\r", 1, 0],
        ["line", "b", 2, LINE_NO_NEWLINE],
      ],
    },
  ],
  [
    "a BOM at the start is stripped",
    {
      given: [Buffer.concat([BOM, Buffer.from("a\nb\n")])],
      want: [
        ["line", "a", 1, 0],
        ["line", "b", 2, 0],
      ],
    },
  ],
  [
    "a BOM split over chunks is stripped",
    {
      given: [BOM.subarray(0, 1), BOM.subarray(1, 2), Buffer.concat([BOM.subarray(2), Buffer.from("a\n")])],
      want: [["line", "a", 1, 0]],
    },
  ],
  [
    "a BOM mid-file is kept (it makes that line malformed)",
    {
      given: [Buffer.concat([Buffer.from("a\n"), BOM, Buffer.from("b\n")])],
      want: [
        ["line", "a", 1, 0],
        ["line", "\uFEFFb", 2, 0],
      ],
    },
  ],
  ["only a BOM", { given: [BOM], want: [] }],
  ["two bytes only", { given: ["ab"], want: [["line", "ab", 1, LINE_NO_NEWLINE]] }],
  [
    "invalid UTF-8 flags only its own line",
    {
      given: [Buffer.concat([Buffer.from("ok\nx"), BAD, Buffer.from("y\nok\n")])],
      want: [
        ["line", "ok", 1, 0],
        ["line", "x\uFFFD\uFFFDy", 2, LINE_BAD_UTF8],
        ["line", "ok", 3, 0],
      ],
    },
  ],
  [
    "a multi-byte character split between chunks is valid",
    {
      given: [
        Buffer.concat([Buffer.from("a"), euro.subarray(0, 1)]),
        Buffer.concat([euro.subarray(1), Buffer.from("b\n")]),
      ],
      want: [["line", "a€b", 1, 0]],
    },
  ],
  [
    "a truncated multi-byte character at the end is invalid",
    {
      given: [Buffer.concat([Buffer.from("a"), euro.subarray(0, 2)])],
      want: [["line", "a\uFFFD", 1, LINE_BAD_UTF8 | LINE_NO_NEWLINE]],
    },
  ],
  [
    "a line exactly at the cap is read",
    { given: ["x".repeat(16) + "\n"], cap: 16, want: [["line", "x".repeat(16), 1, 0]] },
  ],
  [
    "a line one byte over the cap is skipped",
    {
      given: ["x".repeat(17) + "\nok\n"],
      cap: 16,
      want: [
        ["tooLong", 17, 1, 0],
        ["line", "ok", 2, 0],
      ],
    },
  ],
  ["the cap counts bytes, not characters", { given: ["€€€€€€\n"], cap: 16, want: [["tooLong", 18, 1, 0]] }],
  [
    "an over-long line across chunks is counted, not kept",
    {
      given: ["x".repeat(10), "x".repeat(10), "x".repeat(10), "\nok\n"],
      cap: 16,
      want: [
        ["tooLong", 30, 1, 0],
        ["line", "ok", 2, 0],
      ],
    },
  ],
  [
    "an over-long last line without newline",
    {
      given: ["ok\n", "x".repeat(40)],
      cap: 16,
      want: [
        ["line", "ok", 1, 0],
        ["tooLong", 40, 2, LINE_NO_NEWLINE],
      ],
    },
  ],
  [
    "an over-long line is never decoded, so its bad UTF-8 is not looked at",
    {
      given: [Buffer.concat([Buffer.from("x".repeat(20)), BAD, Buffer.from("\n")])],
      cap: 16,
      want: [["tooLong", 22, 1, 0]],
    },
  ],
])("%s", (_name, { given, cap, want }) => {
  it("emits exactly the expected lines", () => {
    expect(split(given, cap).events).toEqual(want);
  });
});

describe("chunking does not change the result", () => {
  const text = Buffer.concat([
    BOM,
    Buffer.from('{"a":1}\r\n\n{"b":"€uro"}\nx'),
    BAD,
    Buffer.from('\n{"c":[1,2,3]}\n' + "y".repeat(40) + "\nlast"),
  ]);
  const whole = split([text], 32).events;

  it.each([1, 2, 3, 5, 7, 13, 64])("in chunks of %i bytes", (size) => {
    const chunks: Buffer[] = [];
    for (let i = 0; i < text.length; i += size) chunks.push(text.subarray(i, i + size));
    expect(split(chunks, 32).events).toEqual(whole);
  });

  it("counts bytes without the BOM", () => {
    expect(split([text], 32).bytes).toBe(text.length - 3);
  });

  it("the whole-input result is what a plain split gives", () => {
    expect(whole.map((e) => e[0])).toEqual(["line", "line", "line", "line", "line", "tooLong", "line"]);
    expect(whole.at(-1)).toEqual(["line", "last", 7, LINE_NO_NEWLINE]);
  });

  it("does not keep references to the caller's chunk buffers", () => {
    const buf = Buffer.from('{"a":');
    const events: string[] = [];
    const s = new LineSplitter({ line: (t) => events.push(t), tooLong: () => {} }, 1024);
    s.push(buf);
    buf.fill(0x20); // the caller reuses its buffer for the next read
    s.push(Buffer.from("1}\n"));
    s.end();
    expect(events).toEqual(['{"a":1}']);
  });

  it("ends, not loops, when a bytes handler breaks the contract and overwrites the chunk", () => {
    const events: string[] = [];
    const s = new LineSplitter(
      {
        bytes: (b, start) => {
          b.fill(0x20, start); // the newlines the splitter found are gone
          return -1;
        },
        line: (t) => events.push(t),
        tooLong: () => {},
      },
      1024,
    );
    s.push(Buffer.from("a\nb\nc\n"));
    s.end();
    expect(events).toEqual(["     "]);
  });
});
