/**
 * The configurable event key (config `eventKey`): a registry whose lines name their event
 * with `type` (as many teams' do) or OTel's `event.name` (one flat key), through every
 * consumer — loader, JSON Schema, validate, emitters (tsc-checked and run), lint, Loki —
 * and the CLI end to end.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { main } from "../../generator/cli.js";
import { diffRegistries } from "../../generator/diff/compare.js";
import { parseConfig } from "../../generator/config/load.js";
import { generate } from "../../generator/gen/generate.js";
import { lintText } from "../../generator/lint/index.js";
import { createAjv } from "../../generator/registry/ajv.js";
import { LogChecker } from "../../generator/validate/checker.js";
import { DEFAULT_SEVERITY } from "../../generator/validate/kinds.js";
import { renderEmitters, runTsc, STRICTEST, tsconfigJson } from "../emitters/helpers.js";
import { REPO, tmpProject } from "../helpers/project.js";
import { irFrom } from "../helpers/registry.js";
import { prng } from "../helpers/prng.js";

/** A billing service's registry, written with its own event key. */
function billingLog(key: string) {
  return z
    .union([
      z
        .strictObject({
          [key]: z.literal("billing.invoice.sent"),
          invoiceId: z.string().meta({ description: "Invoice id." }),
          amountUsd: z.number().nonnegative().meta({ description: "Total.", unit: "usd" }),
        })
        .meta({ level: "info", description: "An invoice went out." }),
      z
        .strictObject({ [key]: z.literal("billing.invoice.voided") })
        .meta({ level: "info", description: "An invoice was voided." }),
      z
        .strictObject({
          [key]: z.literal("billing.invoice.failed"),
          invoiceId: z.string().meta({ description: "Invoice id." }),
          attempt: z.number().int().min(1).meta({ description: "Attempt.", unit: "count" }),
        })
        .meta({ level: "error", description: "Sending failed." }),
    ])
    .meta({
      family: "billing.invoice",
      description: "Invoices.",
      alerts: [
        {
          kind: "threshold",
          name: "InvoiceFailures",
          event: "failed",
          window: "5m",
          op: ">",
          value: 3,
          severity: "critical",
          summary: "Invoices fail.",
        },
      ],
    });
}

const sent = (key: string) => ({ level: 30, [key]: "billing.invoice.sent", invoiceId: "in-1", amountUsd: 12.5 });

/** Each event key's rendered emitters, filled in as the blocks below are collected. */
const emittersByKey = new Map<string, Record<string, string>>();
let compiledByKey: Map<string, { dir: string; output: string }> | undefined;

/**
 * Every key's emitters (in `key-<n>/out/`) and a call site using them (`key-<n>/call.ts`),
 * type-checked by one tsc run under the strictest settings: the same settings for all, and
 * each diagnostic names its file. Returns the key's folder and the part of tsc's output
 * about it (plus anything naming no key's folder).
 */
function compiled(key: string): { dir: string; output: string } {
  if (!compiledByKey) {
    const root = tmpProject({ "package.json": JSON.stringify({ type: "module" }) });
    const folders = [...emittersByKey.keys()].map((k, i) => [k, `key-${i}`] as const);
    for (const [k, folder] of folders) {
      mkdirSync(join(root, folder, "out"), { recursive: true });
      for (const [path, text] of Object.entries(emittersByKey.get(k)!))
        writeFileSync(join(root, folder, "out", path), text);
      writeFileSync(
        join(root, folder, "call.ts"),
        'import { billingInvoiceEmitters, type BillingInvoiceLogger, type LogPayload } from "./out/index.js";\nexport const payload: LogPayload = { ' +
          JSON.stringify(k) +
          ': "billing.invoice.sent", invoiceId: "a", amountUsd: 1 };\nexport function send(log: BillingInvoiceLogger): void {\n  billingInvoiceEmitters(log).sent({ invoiceId: "a", amountUsd: 1 });\n}\n',
      );
    }
    writeFileSync(
      join(root, "tsconfig.json"),
      tsconfigJson(
        folders.flatMap(([, f]) => [`${f}/out/*.ts`, `${f}/call.ts`]),
        { ...STRICTEST, types: [] },
      ),
    );
    const lines = runTsc(root)
      .output.split("\n")
      .filter((l) => l !== "");
    const about = (folder: string) =>
      lines.filter((l) => l.startsWith(`${folder}/`) || !folders.some(([, f]) => l.startsWith(`${f}/`))).join("\n");
    compiledByKey = new Map(folders.map(([k, f]) => [k, { dir: join(root, f), output: about(f) }]));
  }
  return compiledByKey.get(key)!;
}

describe.each(["type", "event.name"])("eventKey %j", (key) => {
  const config = parseConfig({ eventKey: key }, "test");
  const built = irFrom(
    { "src/billing/log-fields.ts": { BillingLog: billingLog(key), LegacyLog: billingLog("event") } },
    { eventKey: key },
  );
  const ir = built.ir;
  const files = Object.fromEntries(generate(ir, config, { root: REPO }).map((f) => [f.path, f.contents]));
  const emitters = renderEmitters(ir);
  emittersByKey.set(key, emitters);

  it("the loader reads events by that key, and objects keyed `event` are not families", () => {
    expect(built.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(ir.eventKey).toBe(key);
    expect(ir.families.map((f) => [f.source.export, f.events.map((e) => e.name)])).toEqual([
      ["BillingLog", ["billing.invoice.sent", "billing.invoice.voided", "billing.invoice.failed"]],
    ]);
  });

  it("the JSON Schema requires that key and rejects a line keyed `event`", () => {
    const validate = createAjv("2020-12").compile(
      JSON.parse(files["generated/json-schema/registry.schema.json"]!) as object,
    );
    expect(validate(sent(key))).toBe(true);
    const { [key]: name, ...rest } = sent(key);
    expect(validate({ ...rest, event: name })).toBe(false);
  });

  it("validate reads the event from that key, with ajv's verdicts, and the byte-level fast path agrees with the exact path", () => {
    const options = {
      draft: "2020-12" as const,
      severity: DEFAULT_SEVERITY,
      maxFindings: 100_000,
      maxLineBytes: 1 << 20,
    };
    const checker = new LogChecker(ir, options);
    const exact = new LogChecker(ir, { ...options, fastPath: false });
    const fast = checker.fast!;
    expect(fast.stats.events).toBe(3);
    const ajv = createAjv("2020-12").compile(
      JSON.parse(files["generated/json-schema/registry.schema.json"]!) as object,
    );
    const failed = { level: 50, [key]: "billing.invoice.failed", invoiceId: "in-1", attempt: 2 };
    const lines = [
      sent(key),
      { ...sent(key), amountUsd: -1 },
      { ...sent(key), extra: 1 },
      failed,
      { level: 30, event: "billing.invoice.sent", invoiceId: "x", amountUsd: 1 },
    ];
    const t = checker.tally("app.log");
    lines.forEach((l, i) => checker.line(t, JSON.stringify(l), i + 1, 0));
    expect(t.status.valid).toBe(lines.filter((l) => ajv(l)).length);
    expect(t.status.valid).toBe(2);
    expect(t.findings.at(-1)!.message).toBe(`no "${key}" field: an untyped log line`);
    // Seeded mutations: whatever the fast path accepts, the exact path accepts as that event.
    const rnd = prng(key.length);
    const values = [
      0,
      -1,
      1,
      2.5,
      "",
      "in-1",
      null,
      true,
      [],
      {},
      "billing.invoice.sent",
      "billing.invoice.failed",
      "billing.invoice.sen",
    ];
    let accepted = 0;
    for (let i = 0; i < 3_000; i++) {
      const o: Record<string, unknown> = { ...(rnd() < 0.5 ? sent(key) : failed) };
      const keys = [...Object.keys(o), "extra", "event", key];
      const k = keys[Math.floor(rnd() * keys.length)]!;
      if (rnd() < 0.3) delete o[k];
      else o[k] = values[Math.floor(rnd() * values.length)];
      const bytes = Buffer.from(JSON.stringify(o));
      const got = fast.accept(bytes, 0, bytes.length);
      const e = exact.tally("x");
      exact.line(e, bytes.toString(), 1, 0);
      const want =
        e.status.valid === 1 && Object.values(e.kinds).every((n) => n === 0) ? e.seen.findIndex((n) => n === 1) : -1;
      if (got >= 0) {
        accepted++;
        expect(got, bytes.toString()).toBe(want);
      }
      expect(want >= 0, bytes.toString()).toBe(ajv(o) && o.level === (o[key] === "billing.invoice.sent" ? 30 : 50));
    }
    expect(accepted).toBeGreaterThan(100);
  });

  it("the emitters write that key, compile under the strictest settings, and validate by it", async () => {
    // The doc comments name the configured key too, not `event`.
    expect(emitters["index.ts"]).toContain(`any event of the registry, with its \`${key}\``);
    expect(emitters["billing-invoice.ts"]).toContain(`any event of this family, with its \`${key}\``);
    const { dir, output } = compiled(key);
    expect(output).toBe("");
    const mod = (await import(pathToFileURL(join(dir, "out/index.ts")).href)) as {
      billingInvoiceEmitters: (l: unknown) => { sent(f: object): void };
      validateLogPayload(p: unknown): { field: string } | undefined;
    };
    const lines: unknown[] = [];
    mod.billingInvoiceEmitters({ info: (o: unknown) => lines.push(o) }).sent({ invoiceId: "a", amountUsd: 1 });
    expect(lines).toEqual([{ [key]: "billing.invoice.sent", invoiceId: "a", amountUsd: 1 }]);
    expect(mod.validateLogPayload({ [key]: "billing.invoice.sent", invoiceId: "a", amountUsd: 1 })).toBeUndefined();
    expect(mod.validateLogPayload({ event: "billing.invoice.sent", invoiceId: "a", amountUsd: 1 })?.field).toBe(key);
  });

  it("lint finds the call's event under that key", () => {
    const code = [
      `logger.info({ ${JSON.stringify(key)}: "billing.invoice.sent", invoiceId: 7, amountUsd: 1 });`,
      `logger.error({ ${JSON.stringify(key)}: "billing.invoice.faild", invoiceId: "a", attempt: 1 });`,
      `logger.info({ event: "billing.invoice.sent" });`,
    ].join("\n");
    const findings = lintText(code, { config, ir, file: "src/billing.ts" }).findings.map((f) => [
      f.loc.line,
      f.rule,
      f.messageId,
    ]);
    expect(findings).toContainEqual([1, "event-fields", "wrongType"]);
    expect(findings).toContainEqual([2, "unknown-event", "unknown"]);
    expect(findings).toContainEqual([3, "untyped-log-call", "noEvent"]);
    const noEvent = lintText(code, { config, ir, file: "src/billing.ts" }).findings.find(
      (f) => f.messageId === "noEvent",
    )!;
    expect(noEvent.message).toBe(
      `logger.info(…) logs fields but no \`${key}\`; add \`${key === "type" ? "type" : '"event.name"'}: "<family>.<event>"\` naming a registered event`,
    );
  });

  it("the Markdown pages name that key", () => {
    expect(files["generated/markdown/billing.invoice.md"]).toContain(`No fields besides \`${key}\`.`);
  });

  it("the Loki rule extracts the event from that key", () => {
    const rules = files["generated/loki/billing.invoice.rules.yaml"]!;
    expect(rules).toContain(key === "type" ? '| json event="type"' : '| json event="[\\"event.name\\"]"');
  });
});

it("diff: changing the event key is breaking", () => {
  const before = irFrom({ "src/billing/log-fields.ts": { BillingLog: billingLog("event") } }).ir;
  const after = irFrom({ "src/billing/log-fields.ts": { BillingLog: billingLog("type") } }, { eventKey: "type" }).ir;
  expect(diffRegistries(before, after).changes.map((c) => [c.rule, c.severity, c.message])).toEqual([
    ["event-key-changed", "breaking", "lines name their event with `type` (was `event`)"],
  ]);
  expect(diffRegistries(after, after).changes).toEqual([]);
});

it("the CLI end to end: gen, then validate a log keyed `type`", async () => {
  const schema = `import { z } from "zod";\nexport const BillingLog = z.union([z.strictObject({ type: z.literal("billing.invoice.sent"), invoiceId: z.string() }).meta({ level: "info", description: "d" })]).meta({ family: "billing.invoice", description: "d" });\n`;
  const dir = tmpProject({
    "package.json": JSON.stringify({ type: "module" }),
    "logpact.config.json": JSON.stringify({ schemas: ["src/**/log-fields.ts"], eventKey: "type" }),
    "src/billing/log-fields.ts": schema,
  });
  let out = "";
  const io = { cwd: dir, stdout: (t: string) => void (out += t), stderr: (t: string) => void (out += t), isTTY: false };
  expect(await main(["gen"], io)).toBe(0);
  expect(JSON.parse(readFileSync(join(dir, "generated/registry.json"), "utf8")).eventKey).toBe("type");
  writeFileSync(
    join(dir, "app.ndjson"),
    `${JSON.stringify({ level: 30, type: "billing.invoice.sent", invoiceId: "a" })}\n${JSON.stringify({ level: 30, type: "billing.invoice.sent" })}\n`,
  );
  out = "";
  expect(await main(["validate", "app.ndjson", "--format", "json"], io)).toBe(1);
  const report = JSON.parse(out) as { status: Record<string, number> };
  expect([report.status.valid, report.status.violation]).toEqual([1, 1]);
});

it("variants under another event key: merged, published as oneOf and validated by variant", () => {
  const member = (reason: string, extra: Record<string, z.ZodType> = {}) =>
    z
      .strictObject({
        type: z.literal("cache.refresh_failed"),
        reason: z.literal(reason).meta({ description: "Why." }),
        ...extra,
      })
      .meta({ level: "warn", description: reason });
  const { ir, diagnostics } = irFrom(
    {
      "src/cache/log-fields.ts": {
        CacheLog: z
          .union([member("timeout"), member("error", { errorMessage: z.string().meta({ description: "d" }) })])
          .meta({ family: "cache" }),
      },
    },
    { eventKey: "type" },
  );
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  expect(ir.families[0]!.events[0]!.discriminator).toBe("reason");
  const schema = generate(ir, parseConfig({ eventKey: "type" }, "test"), { root: REPO, only: ["json-schema"] }).find(
    (f) => f.path.endsWith("registry.schema.json"),
  )!;
  const ajv = createAjv("2020-12").compile(JSON.parse(schema.contents) as object);
  const checker = new LogChecker(ir, {
    draft: "2020-12",
    severity: DEFAULT_SEVERITY,
    maxFindings: 100,
    maxLineBytes: 1 << 20,
  });
  const lines = [
    { level: 40, type: "cache.refresh_failed", reason: "timeout" },
    { level: 40, type: "cache.refresh_failed", reason: "error", errorMessage: "x" },
    { level: 40, type: "cache.refresh_failed", reason: "error" },
    { level: 40, type: "cache.refresh_failed", reason: "timeout", errorMessage: "x" },
  ];
  const t = checker.tally("x");
  lines.forEach((l, i) => checker.line(t, JSON.stringify(l), i + 1, 0));
  expect(lines.map((l) => ajv(l))).toEqual([true, true, false, false]);
  expect(t.status.valid).toBe(2);
  expect(t.findings.map((f) => f.message)).toEqual([
    'cache.refresh_failed (reason "error"): missing required field "errorMessage" (string)',
    'cache.refresh_failed (reason "timeout"): unexpected field "errorMessage"',
  ]);
});
