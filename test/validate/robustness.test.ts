/**
 * Hostile and broken input through the CLI (in-process): never a crash, exact counts. Each row is
 * one kind of damage, written to a real file and validated against the bundled registry.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import type { RegistryIR } from "../../generator/registry/ir.js";
import type { ValidationReport } from "../../generator/validate/report.js";
import { tmpProject } from "../helpers/project.js";
import { DETAILED_JSON_ARGS, pinoLines, validLines } from "./fixtures.js";
import { bundledIr } from "../helpers/registry.js";

let ir: RegistryIR;
let ok: string[];

const nonZero = (rec: Readonly<Record<string, number>>) =>
  Object.fromEntries(Object.entries(rec).filter(([, n]) => n > 0));

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const DEEP = 100_000;

interface Want {
  code: number;
  lines: number;
  status: Record<string, number>;
  flags?: Record<string, number>;
  findingLines?: number[];
}

const CASES: [string, { given: () => Buffer | string; args?: string[]; want: Want }][] = [
  [
    "empty lines",
    { given: () => `\n${ok[0]}\n\n\n${ok[1]}\n   \n`, want: { code: 0, lines: 6, status: { valid: 2, blank: 4 } } },
  ],
  [
    "CRLF line endings",
    { given: () => `${ok.join("\r\n")}\r\n\r\n`, want: { code: 0, lines: 4, status: { valid: 3, blank: 1 } } },
  ],
  [
    "a UTF-8 BOM",
    {
      given: () => Buffer.concat([BOM, Buffer.from(`${ok.join("\n")}\n`)]),
      want: { code: 0, lines: 3, status: { valid: 3 } },
    },
  ],
  [
    "a truncated last line",
    {
      given: () => `${ok.join("\n")}\n${ok[0]!.slice(0, 50)}`,
      want: { code: 1, lines: 4, status: { valid: 3, malformed: 1 }, findingLines: [4] },
    },
  ],
  [
    "a complete last line without final newline",
    { given: () => ok.join("\n"), want: { code: 0, lines: 3, status: { valid: 3 } } },
  ],
  [
    "invalid UTF-8 that breaks the JSON",
    {
      given: () =>
        Buffer.concat([
          Buffer.from(`${ok[0]}\n{"level":30,`),
          Buffer.from([0xc3, 0x28]),
          Buffer.from(`"event":"x"}\n${ok[2]}\n`),
        ]),
      want: {
        code: 1,
        lines: 3,
        status: { valid: 2, malformed: 1 },
        flags: { "invalid-utf8": 1, malformed: 1 },
        findingLines: [2, 2],
      },
    },
  ],
  [
    "invalid UTF-8 inside a string value (the line still parses and conforms)",
    {
      given: () =>
        Buffer.concat([
          Buffer.from(`${ok[0]!.slice(0, ok[0]!.lastIndexOf('"msg":"') + 7)}caf`),
          Buffer.from([0xe9]),
          Buffer.from('"}\n'),
        ]),
      want: { code: 1, lines: 1, status: { valid: 1 }, flags: { "invalid-utf8": 1 }, findingLines: [1] },
    },
  ],
  [
    "a 10 MB line (read and validated)",
    {
      given: () =>
        `${pinoLines(ir, [["ws.liveness.ping_failed", { message: "m".repeat(10 * 1024 * 1024) }]])[0]}\n${ok[0]}\n`,
      want: { code: 0, lines: 2, status: { valid: 2 } },
    },
  ],
  [
    "a 10 MB line over --max-line-bytes (skipped, counted)",
    {
      given: () => `${ok[0]}\n{"msg":"${"m".repeat(10 * 1024 * 1024)}"}\n${ok[1]}\n`,
      args: ["--max-line-bytes", "1048576"],
      want: { code: 1, lines: 3, status: { valid: 2, "line-too-long": 1 }, findingLines: [2] },
    },
  ],
  [
    "a line nested 100 000 levels deep (arrays)",
    {
      given: () => `${"[".repeat(DEEP)}${"]".repeat(DEEP)}\n${ok[0]}\n`,
      want: { code: 1, lines: 2, status: { "not-object": 1, valid: 1 }, findingLines: [1] },
    },
  ],
  [
    "a line nested 100 000 levels deep (objects, in an allowed field)",
    {
      given: () => `${ok[0]!.replace("{", `{"err":${'{"a":'.repeat(DEEP)}1${"}".repeat(DEEP)},`)}\n`,
      want: { code: 0, lines: 1, status: { valid: 1 } },
    },
  ],
  [
    "a line nested 100 000 levels deep (objects, unexpected field)",
    {
      given: () => `${ok[0]!.replace("{", `{"deep":${'{"a":'.repeat(DEEP)}1${"}".repeat(DEEP)},`)}\n`,
      want: { code: 1, lines: 1, status: { violation: 1 }, findingLines: [1] },
    },
  ],
  [
    "a line nested 100 000 levels deep and cut short",
    { given: () => `${"[".repeat(DEEP)}\n`, want: { code: 1, lines: 1, status: { malformed: 1 }, findingLines: [1] } },
  ],
  [
    "__proto__ and constructor keys",
    {
      given: () =>
        [
          ok[0]!.replace("{", '{"__proto__":{"event":"x"},'),
          ok[1]!.replace("{", '{"constructor":{"prototype":1},'),
          '{"level":30,"__proto__":{"event":"daemon.connection.connected"}}',
          '{"level":30,"event":"__proto__"}',
          '{"level":30,"event":"constructor"}',
          '{"level":30,"event":"toString"}',
        ].join("\n"),
      want: {
        code: 1,
        lines: 6,
        status: { violation: 2, untyped: 1, "unknown-event": 3 },
        findingLines: [1, 2, 3, 4, 5, 6],
      },
    },
  ],
  [
    "numbers as strings",
    {
      given: () =>
        pinoLines(ir, [
          ["daemon.connection.connected", { attempt: "1" }],
          ["gateway.connection.pong", { rtt_ms: "38" }],
          ["daemon.connection.connected", { attempt: 1 }],
        ]).join("\n"),
      want: { code: 1, lines: 3, status: { violation: 2, valid: 1 }, findingLines: [1, 2] },
    },
  ],
  [
    "duplicate keys (the last one wins, as in JSON.parse)",
    {
      given: () =>
        [
          ok[0]!.replace('"level":', '"level":"bogus","level":'),
          ok[1]!.replace(/"level":(\d+)/, '"level":$1,"level":"bogus"'),
        ].join("\n"),
      want: { code: 1, lines: 2, status: { valid: 1, violation: 1 }, findingLines: [2] },
    },
  ],
  ["an empty file", { given: () => "", want: { code: 0, lines: 0, status: {} } }],
  ["only a BOM", { given: () => BOM, want: { code: 0, lines: 0, status: {} } }],
  [
    "NUL bytes and control characters",
    {
      given: () => Buffer.concat([Buffer.from([0, 0, 0, 0x0a]), Buffer.from(`\u0007${ok[0]}\n`)]),
      want: { code: 1, lines: 2, status: { malformed: 2 }, findingLines: [1, 2] },
    },
  ],
];

// One CLI run per distinct argument list over every case's file (a process start costs
// more than all the validating); each case then reads its own input's counts and findings.
const results = new Map<string, { code: number; report: ValidationReport; stderr: string }>();
const fileOf = (name: string) => `input-${name.replace(/\W+/g, "-")}.ndjson`;

beforeAll(async () => {
  ir = await bundledIr();
  ok = validLines(ir, 3);
  const dir = tmpProject({}, { linkNodeModules: false });
  const groups = new Map<string, string[]>();
  for (const [name, { given, args }] of CASES) {
    writeFileSync(join(dir, fileOf(name)), given());
    const key = JSON.stringify(args ?? []);
    groups.set(key, [...(groups.get(key) ?? []), fileOf(name)]);
  }
  for (const [key, files] of groups) {
    const r = await runCli(["validate", ...files, ...DETAILED_JSON_ARGS, ...(JSON.parse(key) as string[])], dir);
    if (r.code !== 0 && r.code !== 1) throw new Error(`exit ${r.code}: ${r.stderr}`);
    for (const f of files)
      results.set(f, { code: r.code, report: JSON.parse(r.stdout) as ValidationReport, stderr: r.stderr });
  }
});

describe.each(CASES)("%s", (name, { want }) => {
  it("never crashes and counts exactly", async () => {
    const { report, stderr } = results.get(fileOf(name))!;
    expect(stderr).toBe("");
    const input = report.inputs.find((i) => i.name === fileOf(name))!;
    expect(input.errors > 0 ? 1 : 0).toBe(want.code);
    expect(input.lines).toBe(want.lines);
    expect(nonZero(input.status)).toEqual(want.status);
    expect(Object.values(input.status).reduce((a, b) => a + b, 0)).toBe(want.lines);
    if (want.flags) expect(nonZero(input.kinds)).toMatchObject(want.flags);
    const findings = report.findings.filter((f) => f.file === fileOf(name));
    if (want.findingLines) expect(findings.map((f) => f.line)).toEqual(want.findingLines);
    else expect(findings).toEqual([]);
  });
});
