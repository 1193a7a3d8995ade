/**
 * The per-line engine, one line at a time: status, finding kinds and the readable
 * message, on a small registry declared here (a deprecated event and field included).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { RegistryIR } from "../../generator/registry/ir.js";
import {
  LogChecker,
  MAX_DISTINCT,
  validationSchema,
  type CheckOptions,
  type Tally,
} from "../../generator/validate/checker.js";
import { DEFAULT_SEVERITY, type FindingKind, type LineStatus } from "../../generator/validate/kinds.js";
import { LINE_BAD_UTF8, LINE_NO_NEWLINE } from "../../generator/validate/splitter.js";
import { irFrom } from "../helpers/registry.js";
import { checkOptions as options } from "./fixtures.js";

const JobLog = z
  .discriminatedUnion("event", [
    z
      .strictObject({
        event: z.literal("job.started"),
        jobId: z.uuid().meta({ description: "Job id." }),
        attempt: z.number().int().min(1).meta({ description: "Attempt.", unit: "count" }),
        queue: z.enum(["fast", "slow"]).meta({ description: "Queue." }),
        tags: z.array(z.string()).optional().meta({ description: "Tags." }),
        duration_ms: z.number().int().nonnegative().optional().meta({ description: "Time queued.", unit: "ms" }),
        legacy_ms: z
          .number()
          .int()
          .nonnegative()
          .optional()
          .meta({
            description: "Old timer.",
            unit: "ms",
            deprecation: { reason: "use duration_ms", renamed_to: "duration_ms" },
          }),
      })
      .meta({ level: "info", description: "A worker picked the job up." }),
    z
      .strictObject({
        event: z.literal("job.finished"),
        jobId: z.uuid().meta({ description: "Job id." }),
        duration_ms: z.number().int().nonnegative().meta({ description: "Run time.", unit: "ms" }),
        error: z.string().min(1).nullable().meta({ description: "Failure, or null." }),
      })
      .meta({ level: "warn", description: "The job completed." }),
    z.strictObject({ event: z.literal("job.retried"), jobId: z.uuid().meta({ description: "Job id." }) }).meta({
      level: "info",
      description: "Old retry event.",
      deprecation: { reason: "retries are job.started with attempt > 1", since: "2.0" },
    }),
  ])
  .meta({ family: "job", description: "Batch jobs." });

const ID = "3f2b8c1e-9d4a-4e6f-8b7c-2a1d5e9f0c34";
let ir: RegistryIR;
beforeAll(() => {
  const built = irFrom({ "schemas/job.ts": { JobLog } });
  expect(built.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  ir = built.ir;
});

const checkers = new Map<string, LogChecker>();
function checkerFor(opts?: Partial<CheckOptions>): LogChecker {
  const key = JSON.stringify(opts ?? {});
  let c = checkers.get(key);
  if (!c) checkers.set(key, (c = new LogChecker(ir, options(opts))));
  return c;
}

function check(text: string, flags = 0, opts?: Partial<CheckOptions>): Tally {
  const checker = checkerFor(opts);
  const t = checker.tally("app.log");
  checker.line(t, text, 7, flags);
  t.lines = 1;
  return t;
}
const statusOf = (t: Tally) =>
  (Object.entries(t.status) as [LineStatus, number][]).filter(([, n]) => n > 0).map(([s]) => s);
const kindsOf = (t: Tally) =>
  (Object.entries(t.kinds) as [FindingKind, number][]).filter(([, n]) => n > 0).map(([k]) => k);

const started = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    level: 30,
    time: 1,
    pid: 1,
    hostname: "h",
    event: "job.started",
    jobId: ID,
    attempt: 1,
    queue: "fast",
    msg: "job.started",
    ...extra,
  });

describe.each<
  [
    string,
    {
      given: string;
      flags?: number;
      want: { status: LineStatus; kinds: FindingKind[]; message?: string | RegExp; field?: string };
    },
  ]
>([
  ["a valid line", { given: started(), want: { status: "valid", kinds: [] } }],
  ["a valid line with CRLF", { given: `${started()}\r`, want: { status: "valid", kinds: [] } }],
  ["an empty line", { given: "", want: { status: "blank", kinds: [] } }],
  ["a whitespace-only line", { given: " \t\r", want: { status: "blank", kinds: [] } }],
  [
    "not JSON",
    {
      given: "listening on :8080",
      want: { status: "malformed", kinds: ["malformed"], message: /^not JSON: Unexpected token/ },
    },
  ],
  [
    "a truncated last line",
    {
      given: started().slice(0, 40),
      flags: LINE_NO_NEWLINE,
      want: { status: "malformed", kinds: ["malformed"], message: /truncated write\?\)$/ },
    },
  ],
  [
    "a JSON array",
    { given: "[1,2]", want: { status: "not-object", kinds: ["not-object"], message: "a JSON array, not an object" } },
  ],
  [
    "a JSON string",
    {
      given: '"hello"',
      want: { status: "not-object", kinds: ["not-object"], message: "a JSON string, not an object" },
    },
  ],
  [
    "JSON null",
    { given: "null", want: { status: "not-object", kinds: ["not-object"], message: "a JSON null, not an object" } },
  ],
  [
    "no event",
    {
      given: '{"level":30,"msg":"server up"}',
      want: {
        status: "untyped",
        kinds: ["untyped"],
        message: 'no "event" field: an untyped log line (msg string "server up")',
      },
    },
  ],
  [
    "a numeric event",
    {
      given: '{"level":30,"event":42}',
      want: { status: "untyped", kinds: ["untyped"], message: '"event" is a number (42), not a string' },
    },
  ],
  [
    "event only under __proto__",
    { given: '{"level":30,"__proto__":{"event":"job.started"}}', want: { status: "untyped", kinds: ["untyped"] } },
  ],
  [
    "an unknown event, with a suggestion",
    {
      given: '{"level":30,"event":"job.strated"}',
      want: {
        status: "unknown-event",
        kinds: ["unknown-event"],
        message: 'event "job.strated" is not in the registry. Did you mean "job.started"?',
      },
    },
  ],
  [
    "an unknown event named __proto__",
    { given: '{"level":30,"event":"__proto__"}', want: { status: "unknown-event", kinds: ["unknown-event"] } },
  ],
  [
    "an unknown event named constructor",
    { given: '{"level":30,"event":"constructor"}', want: { status: "unknown-event", kinds: ["unknown-event"] } },
  ],
  [
    "a number as a string",
    {
      given: started({ attempt: "3" }),
      want: {
        status: "violation",
        kinds: ["violation"],
        field: "attempt",
        message: 'job.started: field "attempt" must be integer ≥ 1, got string "3"',
      },
    },
  ],
  [
    "a number below its minimum",
    {
      given: started({ attempt: 0 }),
      want: {
        status: "violation",
        kinds: ["violation"],
        message: 'job.started: field "attempt" must be integer ≥ 1, got number 0',
      },
    },
  ],
  [
    "a float for an integer",
    {
      given: started({ attempt: 1.5 }),
      want: {
        status: "violation",
        kinds: ["violation"],
        message: 'job.started: field "attempt" must be integer ≥ 1, got number 1.5',
      },
    },
  ],
  [
    "a value outside its enum",
    {
      given: started({ queue: "medium" }),
      want: {
        status: "violation",
        kinds: ["violation"],
        message: 'job.started: field "queue" must be "fast" | "slow", got string "medium"',
      },
    },
  ],
  [
    "a bad uuid",
    {
      given: started({ jobId: "job-1" }),
      want: {
        status: "violation",
        kinds: ["violation"],
        message: 'job.started: field "jobId" must be string (uuid), got string "job-1"',
      },
    },
  ],
  [
    "a missing field",
    {
      given: started({ attempt: undefined }),
      want: {
        status: "violation",
        kinds: ["violation"],
        message: 'job.started: missing required field "attempt" (integer ≥ 1)',
      },
    },
  ],
  [
    "an extra field, with a suggestion",
    {
      given: started({ atempt: 2 }),
      want: {
        status: "violation",
        kinds: ["violation"],
        field: "atempt",
        message: 'job.started: unexpected field "atempt" (did you mean "attempt"?)',
      },
    },
  ],
  [
    "a __proto__ key",
    {
      given: started().replace("{", '{"__proto__":{"x":1},'),
      want: { status: "violation", kinds: ["violation"], message: 'job.started: unexpected field "__proto__"' },
    },
  ],
  [
    "a constructor key",
    {
      given: started({ constructor: 1 }),
      want: { status: "violation", kinds: ["violation"], message: 'job.started: unexpected field "constructor"' },
    },
  ],
  [
    "duplicate keys: the last one wins (as in JSON.parse)",
    {
      given: started().replace('"attempt":1', '"attempt":1,"attempt":"x"'),
      want: {
        status: "violation",
        kinds: ["violation"],
        message: 'job.started: field "attempt" must be integer ≥ 1, got string "x"',
      },
    },
  ],
  [
    "duplicate keys ending valid",
    { given: started().replace('"attempt":1', '"attempt":"x","attempt":2'), want: { status: "valid", kinds: [] } },
  ],
  [
    "a nested array item of the wrong type",
    {
      given: started({ tags: ["a", 5] }),
      want: {
        status: "violation",
        kinds: ["violation"],
        field: "tags",
        message: 'job.started: field "tags[1]" must be string, got number 5',
      },
    },
  ],
  [
    "a nullable field given null",
    {
      given: JSON.stringify({ level: 40, event: "job.finished", jobId: ID, duration_ms: 5, error: null }),
      want: { status: "valid", kinds: [] },
    },
  ],
  [
    "a nullable field given a number",
    {
      given: JSON.stringify({ level: 40, event: "job.finished", jobId: ID, duration_ms: 5, error: 3 }),
      want: {
        status: "violation",
        kinds: ["violation"],
        message: 'job.finished: field "error" must be string (non-empty) | null, got number 3',
      },
    },
  ],
  [
    "several problems in one sentence",
    {
      given: JSON.stringify({ level: 40, event: "job.finished", jobId: 1, duration_ms: -1, extra: true, more: 1 }),
      want: { status: "violation", kinds: ["violation"], message: /^job\.finished: .+; .+; .+; and \d more$/ },
    },
  ],
  [
    "an envelope field of the wrong type",
    {
      given: started({ hostname: 7 }),
      want: {
        status: "violation",
        kinds: ["violation"],
        message: 'job.started: field "hostname" must be string, got number 7',
      },
    },
  ],
  [
    "a missing level",
    {
      given: started({ level: undefined }),
      want: { status: "violation", kinds: ["violation"], message: /missing required field "level"/ },
    },
  ],
  [
    "a level that differs from the declared one",
    {
      given: started({ level: 50 }),
      want: {
        status: "valid",
        kinds: ["level-mismatch"],
        message: "job.started is declared at level info (30) but was logged at error (50)",
      },
    },
  ],
  ["a level label that matches", { given: started({ level: "info" }), want: { status: "valid", kinds: [] } }],
  [
    "a deprecated event",
    {
      given: JSON.stringify({ level: 30, event: "job.retried", jobId: ID }),
      want: {
        status: "valid",
        kinds: ["deprecated"],
        message: "event job.retried is deprecated since 2.0: retries are job.started with attempt > 1",
      },
    },
  ],
  [
    "a deprecated field present",
    {
      given: started({ legacy_ms: 5 }),
      want: {
        status: "valid",
        kinds: ["deprecated"],
        field: "legacy_ms",
        message: 'field "legacy_ms" of job.started is deprecated: use duration_ms (use "duration_ms" instead)',
      },
    },
  ],
  [
    "invalid UTF-8 in an otherwise valid line",
    {
      given: started({ msg: "caf\uFFFD" }),
      flags: LINE_BAD_UTF8,
      want: { status: "valid", kinds: ["invalid-utf8"], message: /not valid UTF-8/ },
    },
  ],
  [
    "nested 100 000 levels deep (payload)",
    {
      given: started().replace("{", `{"deep":${"[".repeat(100_000)}${"]".repeat(100_000)},`),
      want: { status: "violation", kinds: ["violation"], message: 'job.started: unexpected field "deep"' },
    },
  ],
  [
    "nested 100 000 levels deep (a whole line of arrays)",
    { given: "[".repeat(100_000) + "]".repeat(100_000), want: { status: "not-object", kinds: ["not-object"] } },
  ],
  [
    "nested 100 000 levels deep inside an allowed object field",
    {
      given: started({ tags: undefined }).replace("{", `{"err":${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)},`),
      want: { status: "valid", kinds: [] },
    },
  ],
])("%s", (_name, { given, flags, want }) => {
  it("has the expected status, kinds and message", () => {
    const t = check(given, flags);
    expect(statusOf(t)).toEqual([want.status]);
    expect(kindsOf(t)).toEqual(want.kinds);
    const listed = t.findings.at(-1);
    if (want.message !== undefined) {
      expect(listed?.message).toEqual(
        typeof want.message === "string" ? want.message : expect.stringMatching(want.message),
      );
      expect(listed?.line).toBe(7);
      expect(listed?.file).toBe("app.log");
    }
    if (want.field !== undefined) expect(listed?.field).toBe(want.field);
  });
});

describe("counting", () => {
  it("counts per event and per offending field", () => {
    const checker = new LogChecker(ir, options());
    const t = checker.tally("x");
    [
      started(),
      started({ attempt: "2" }),
      started({ attempt: "2", queue: 1 }),
      JSON.stringify({ level: 40, event: "job.finished", jobId: ID, duration_ms: 1, error: null }),
    ].forEach((l, i) => checker.line(t, l, i + 1, 0));
    const idx = (name: string) => checker.events.findIndex((e) => e.name === name);
    expect(t.seen[idx("job.started")]).toBe(3);
    expect(t.violating[idx("job.started")]).toBe(2);
    expect(t.seen[idx("job.finished")]).toBe(1);
    expect(t.seen[idx("job.retried")]).toBe(0);
    expect(Object.fromEntries(t.fields)).toEqual({ "job.started\u0000attempt": 2, "job.started\u0000queue": 1 });
  });

  it("lists at most maxFindings but counts every finding", () => {
    const checker = new LogChecker(ir, options({ maxFindings: 2 }));
    const t = checker.tally("x");
    for (let i = 1; i <= 5; i++) checker.line(t, "nope", i, 0);
    expect(t.findings.map((f) => f.line)).toEqual([1, 2]);
    expect(t.errors).toBe(5);
    expect(t.kinds.malformed).toBe(5);
  });

  it("severity off counts the kind but lists and fails nothing; warning lists without failing", () => {
    const checker = new LogChecker(
      ir,
      options({ severity: { ...DEFAULT_SEVERITY, malformed: "off", untyped: "warn" } }),
    );
    const t = checker.tally("x");
    checker.line(t, "nope", 1, 0);
    checker.line(t, "{}", 2, 0);
    expect(t.kinds.malformed).toBe(1);
    expect(t.findings.map((f) => [f.kind, f.severity])).toEqual([["untyped", "warning"]]);
    expect([t.errors, t.warnings]).toEqual([0, 1]);
  });

  it("suggests per unknown name, however often and in whatever order the names repeat", () => {
    const checker = new LogChecker(ir, options());
    const t = checker.tally("x");
    ["job.strated", "job.finishd", "job.strated", "zzz", "job.finishd", "zzz"].forEach((ev, i) =>
      checker.line(t, `{"level":30,"event":"${ev}"}`, i + 1, 0),
    );
    expect(t.findings.map((f) => f.message.replace(/^event "([^"]+)" is not in the registry\./, "$1:"))).toEqual([
      'job.strated: Did you mean "job.started"?',
      'job.finishd: Did you mean "job.finished"?',
      'job.strated: Did you mean "job.started"?',
      "zzz:",
      'job.finishd: Did you mean "job.finished"?',
      "zzz:",
    ]);
  });

  it(`keeps at most ${MAX_DISTINCT} distinct unknown event names, counting the rest`, () => {
    const checker = new LogChecker(ir, options({ maxFindings: 0 }));
    const t = checker.tally("x");
    for (let i = 0; i < MAX_DISTINCT + 50; i++) checker.line(t, `{"event":"e${i}"}`, i + 1, 0);
    checker.line(t, '{"event":"e0"}', 0, 0);
    expect(t.unknown.size).toBe(MAX_DISTINCT);
    expect(t.unknown.get("e0")).toBe(2);
    expect(t.unknownOther).toBe(50);
    expect(t.status["unknown-event"]).toBe(MAX_DISTINCT + 51);
  });

  it("the splitter callbacks count into their own tally, and are the same functions for every tally", () => {
    for (const fastPath of [true, false]) {
      const checker = new LogChecker(ir, options({ fastPath, maxLineBytes: 200 }));
      const [t1, t2] = [checker.tally("a"), checker.tally("b")];
      const [h1, h2] = [checker.handler(t1), checker.handler(t2)];
      // Closures per tally made V8 deoptimize the splitter's loop at each new range.
      expect([h1.bytes === h2.bytes, h1.line === h2.line, h1.tooLong === h2.tooLong]).toEqual([true, true, true]);
      expect(h1.bytes === undefined).toBe(!fastPath);
      const line = Buffer.from(`${started()}\n`);
      if (h1.bytes) expect(h1.bytes(line, 0, line.length, 1)).toBe(line.length - 1);
      else h1.line(started(), 1, 0);
      h2.line("nope", 1, 0);
      h2.tooLong(2, 500, 0);
      expect([t1.status.valid, t1.status.malformed, t1.status["line-too-long"]]).toEqual([1, 0, 0]);
      expect([t2.status.valid, t2.status.malformed, t2.status["line-too-long"]]).toEqual([0, 1, 1]);
      expect(t2.findings.map((f) => f.message)).toContain(
        "line is 500 bytes, over the 200-byte limit; skipped unread (raise --max-line-bytes to check it)",
      );
    }
  });

  it.each(["2020-12", "draft-07"] as const)(
    "every bundled event's line schema compiles in strict mode (%s)",
    async (draft) => {
      const { bundledIr } = await import("../helpers/registry.js");
      const bundled = await bundledIr();
      expect(() => new LogChecker(bundled, options({ draft })).compileAll()).not.toThrow();
    },
  );

  it("compiles against draft-07 as well", () => {
    const t = check(started({ attempt: "3" }), 0, { draft: "draft-07" });
    expect(t.findings[0]?.message).toBe('job.started: field "attempt" must be integer ≥ 1, got string "3"');
  });
});

describe("the schema ajv compiles", () => {
  it("drops annotations and a format Zod also wrote as a pattern, and nothing else", () => {
    const given = {
      type: "object",
      title: "t",
      description: "d",
      "x-logpact": { level: "info" },
      properties: {
        description: { type: "string", description: "a field named description stays" },
        id: { type: "string", format: "uuid", pattern: "^[0-9a-f-]{36}$", examples: ["x"] },
        at: { type: "string", format: "date-time" },
        tags: { type: "array", items: { type: "string", deprecated: true } },
        n: { anyOf: [{ type: "integer", $comment: "c" }, { type: "null" }] },
      },
      required: ["id"],
      additionalProperties: false,
    };
    expect(validationSchema(given)).toEqual({
      type: "object",
      properties: {
        description: { type: "string" },
        id: { type: "string", pattern: "^[0-9a-f-]{36}$" },
        at: { type: "string", format: "date-time" },
        tags: { type: "array", items: { type: "string" } },
        n: { anyOf: [{ type: "integer" }, { type: "null" }] },
      },
      required: ["id"],
      additionalProperties: false,
    });
  });
});
