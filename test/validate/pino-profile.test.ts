/**
 * The logger profile end to end with real pino 9 and 10: `pinoProfile(options)` from the
 * options the service passes to `pino(...)`, the registry built with it, real NDJSON
 * written through the generated emitters and through raw calls, then `validate`:
 * clean output passes, and each injected violation is still caught on the right field.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import pino10 from "pino";
import pino9 from "pino9";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseConfig } from "../../generator/config/load.js";
import { pinoProfile, type PinoProfileExtras } from "../../generator/config/pino-profile.js";
import { lintText } from "../../generator/lint/index.js";
import { ConfigurationError } from "../../generator/errors.js";
import type { RegistryIR } from "../../generator/registry/ir.js";
import { eventLineSchema } from "../../generator/registry/line-schema.js";
import type { FindingGroup } from "../../generator/validate/checker.js";
import { checkLogs, logCollector, type LogCollector } from "../../generator/validate/testing.js";
import { renderEmitters } from "../emitters/helpers.js";
import { tmpProject, writeFiles } from "../helpers/project.js";
import { irFrom, validIr } from "../helpers/registry.js";
import { CheckoutLog } from "./fixtures/checkout-log.js";

type PinoFactory = typeof pino10;
type AnyLogger = import("pino").Logger<never, boolean>;
type Emitters = {
  started(f: { cartId: string; itemCount: number; customerEmail: string }): void;
  payment_declined(f: { cartId: string; declineCode: string; card: { brand: string; holderName: string } }): void;
  completed(f: { cartId: string; durationMs: number }): void;
};

const CART = "7d444840-9dc0-41ba-8b6f-3f62d5f6a9b1";
const ROOT = tmpProject({});

function registry(options: Record<string, unknown>, extras: PinoProfileExtras = {}): RegistryIR {
  return validIr({ "src/logging/checkout-log.ts": { CheckoutLog } }, { envelope: pinoProfile(options, extras) });
}

/** The generated emitters for `ir`, written to a temp folder and imported. */
async function emittersFor(ir: RegistryIR): Promise<{
  checkoutEmitters(logger: unknown): Emitters;
  redactOptions(): { paths: string[]; censor?: string; remove?: boolean };
}> {
  const dir = mkdtempSync(join(tmpdir(), "logpact-profile-emitters-"));
  writeFiles(dir, renderEmitters(ir, { importExtension: ".ts" }));
  return import(pathToFileURL(join(dir, "index.ts")).href);
}

/** Every line of a normal run: each event through the emitters, and one raw call. */
function normalTraffic(log: AnyLogger, emit: Emitters): void {
  emit.started({ cartId: CART, itemCount: 3, customerEmail: "ann@example.com" });
  emit.payment_declined({
    cartId: CART,
    declineCode: "expired_card",
    card: { brand: "visa", holderName: "Ann Example" },
  });
  emit.completed({ cartId: CART, durationMs: 812 });
  log.info({ event: "checkout.completed", cartId: CART, durationMs: 90 }, "captured");
}

async function check(ir: RegistryIR, sink: LogCollector) {
  return checkLogs(sink, { registry: ir, root: ROOT, failOn: "all" });
}

const where = (groups: readonly FindingGroup[]) => groups.map((g) => `${g.kind} ${g.field ?? ""}`.trim());

interface Case {
  /** pino options, as the service writes them (`std` is pino.stdTimeFunctions). */
  options(std: PinoFactory["stdTimeFunctions"]): Record<string, unknown>;
  extras?: PinoProfileExtras;
  /** The logger the service's code logs through (a child, usually). */
  logger?(root: AnyLogger): AnyLogger;
  /** Lines that break the contract, and the finding each must give (`kind field`). */
  inject(root: AnyLogger, log: AnyLogger, sink: LogCollector): void;
  want: string[];
  /** Checks on the clean lines (what pino really wrote). */
  clean?(lines: readonly Record<string, unknown>[]): void;
}

const CASES: [string, Case][] = [
  [
    "defaults, redact: redactOptions() (default censor)",
    {
      options: () => ({}),
      inject: (_root, log) => log.info({ event: "checkout.completed", cartId: "not-a-uuid", durationMs: 1 }, "x"),
      want: ["violation cartId"],
      clean: (lines) => expect(lines[0]!.customerEmail).toBe("[Redacted]"),
    },
  ],
  [
    "redact paths with a custom censor",
    {
      options: () => ({ redact: { paths: ["card.holderName"], censor: "***" } }),
      inject: (_root, log) =>
        log.warn(
          {
            event: "checkout.payment_declined",
            cartId: CART,
            declineCode: "stolen",
            card: { brand: "visa", holderName: "x" },
          },
          "x",
        ),
      want: ["violation declineCode"],
      clean: (lines) => {
        expect(lines[0]!.customerEmail).toBe("***");
        expect((lines[1]!.card as { holderName: string }).holderName).toBe("***");
      },
    },
  ],
  [
    "redact by removal",
    {
      options: () => ({ redact: { paths: [], remove: true } }),
      inject: (_root, log) => log.info({ event: "checkout.started", cartId: CART, customerEmail: "a@b.co" }, "x"),
      want: ["violation itemCount"],
      clean: (lines) => expect(lines[0]).not.toHaveProperty("customerEmail"),
    },
  ],
  [
    "child() bindings: reqId always, tenant on some lines",
    {
      options: () => ({}),
      extras: { bindings: { reqId: { type: "string" }, tenant: { type: "string" } }, required: ["reqId"] },
      logger: (root) => root.child({ reqId: "r-1" }),
      inject: (root, log) => {
        root.info({ event: "checkout.completed", cartId: CART, durationMs: 5 }, "no request"); // the root logger: no reqId
        log.child({ tenant: 42 }).info({ event: "checkout.completed", cartId: CART, durationMs: 5 }, "x");
      },
      want: ["violation reqId", "violation tenant"],
    },
  ],
  [
    "base fields and name",
    {
      options: () => ({ base: { service: "billing", region: "eu-1" }, name: "checkout" }),
      inject: (_root, log, sink) => {
        // A line from a process whose logger lost its base (a worker made with a bare pino()).
        sink.write(
          `${JSON.stringify({ level: 30, time: 1, region: "eu-1", name: "checkout", event: "checkout.completed", cartId: CART, durationMs: 5 })}\n`,
        );
      },
      want: ["violation service"],
      clean: (lines) => expect(lines[0]).toMatchObject({ service: "billing", region: "eu-1", name: "checkout" }),
    },
  ],
  [
    "messageKey and errorKey",
    {
      options: () => ({ messageKey: "message", errorKey: "error" }),
      inject: (_root, log, sink) => {
        log.error({ event: "checkout.completed", cartId: CART, durationMs: 5, error: new Error("boom") }, "x"); // the error key is fine; the level is not
        sink.write(
          `${JSON.stringify({ level: 30, time: 1, event: "checkout.completed", cartId: CART, durationMs: 5, msg: "old key" })}\n`,
        );
      },
      want: ["level-mismatch level", "violation msg"],
      clean: (lines) => expect(lines[3]).toMatchObject({ message: "captured" }),
    },
  ],
  [
    "ISO time",
    {
      options: (std) => ({ timestamp: std.isoTime }),
      inject: (_root, _log, sink) =>
        sink.write(
          `${JSON.stringify({ level: 30, time: 1733216400000, event: "checkout.completed", cartId: CART, durationMs: 5 })}\n`,
        ),
      want: ["violation time"],
      clean: (lines) => expect(typeof lines[0]!.time).toBe("string"),
    },
  ],
  [
    "level labels (formatters.level)",
    {
      options: () => ({ formatters: { level: (label: string) => ({ level: label }) } }),
      inject: (_root, log, sink) => {
        log.error({ event: "checkout.completed", cartId: CART, durationMs: 5 }, "x");
        sink.write(
          `${JSON.stringify({ level: 30, time: 1, event: "checkout.completed", cartId: CART, durationMs: 5 })}\n`,
        );
      },
      want: ["level-mismatch level", "violation level"],
      clean: (lines) => expect(lines[0]!.level).toBe("info"),
    },
  ],
  [
    "a renamed, upper-case level (Google Cloud's severity)",
    {
      options: () => ({ formatters: { level: (label: string) => ({ severity: label.toUpperCase() }) } }),
      inject: (_root, log) => log.warn({ event: "checkout.completed", cartId: CART, durationMs: 5 }, "x"),
      want: ["level-mismatch severity"],
      clean: (lines) => expect(lines[0]).toMatchObject({ severity: "INFO" }),
    },
  ],
];

describe.each([
  ["pino 9", pino9 as unknown as PinoFactory],
  ["pino 10", pino10],
])("%s", (_name, pino) => {
  it.each(CASES)("%s: clean output passes, injected violations are caught on their field", async (_case, c) => {
    const options = c.options(pino.stdTimeFunctions);
    const ir = registry(options, c.extras);
    const { checkoutEmitters, redactOptions } = await emittersFor(ir);
    const sink = logCollector();
    // The service's own options, plus the redaction the generated emitters declare.
    const profileRedact = options.redact as { paths?: string[] } | undefined;
    const redact = redactOptions();
    expect(redact.paths).toEqual(expect.arrayContaining(["customerEmail", ...(profileRedact?.paths ?? [])]));
    const root = pino({ ...options, redact }, sink as never) as AnyLogger;
    const log = c.logger?.(root) ?? root;
    normalTraffic(log, checkoutEmitters(log));

    const clean = await check(ir, sink);
    expect({ errors: clean.errors, warnings: clean.warnings, groups: where(clean.groups) }).toEqual({
      errors: 0,
      warnings: 0,
      groups: [],
    });
    expect(clean.status.valid).toBe(4);
    c.clean?.(sink.lines.map((l) => JSON.parse(l) as Record<string, unknown>));

    c.inject(root, log, sink);
    const dirty = await check(ir, sink);
    expect(where(dirty.groups)).toEqual(c.want);
    // A level mismatch flags a line that is otherwise valid.
    expect(dirty.status.valid).toBe(4 + c.want.filter((w) => w.startsWith("level-mismatch")).length);
  });
});

describe("pinoProfile", () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    [
      "no options: pino's defaults",
      {},
      { logger: "pino", messageKey: "msg", errorKey: "err", level: "number", timestamp: "epoch" },
    ],
    ["timestamp: false", { timestamp: false }, { timestamp: "none" }],
    ["unix time", { timestamp: pino10.stdTimeFunctions.unixTime }, { timestamp: "unix" }],
    ["a hand-written time key", { timestamp: () => `,"ts":${Date.now()}` }, { timestamp: "epoch", timeKey: "ts" }],
    ["base: null", { base: null, name: "x" }, { base: null }],
    [
      "formatters.bindings dropping pid",
      { formatters: { bindings: (b: { hostname: string }) => ({ host: b.hostname }) } },
      { base: { host: { type: "string" } } },
    ],
    ["redact as an array", { redact: ["a.b", 'headers["x-api-key"]'] }, { redact: ["a.b", 'headers["x-api-key"]'] }],
    [
      "options that do not change a line",
      { level: "debug", enabled: true, msgPrefix: "[x] ", serializers: { err: pino10.stdSerializers.err } },
      { level: "number" },
    ],
  ])("%s", (_name, options, want) => {
    expect(pinoProfile(options)).toMatchObject(want);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ["nestedKey", { nestedKey: "payload" }, /pino option "nestedKey" puts the payload under one key/],
    [
      "formatters.log",
      { formatters: { log: (o: object) => o } },
      /pino option "formatters\.log" rewrites every payload/,
    ],
    [
      "mixin",
      { mixin: () => ({ traceId: "t" }) },
      /pino option "mixin" adds fields computed per call[\s\S]*fix: declare what it adds as bindings/,
    ],
    [
      "a censor function",
      { redact: { paths: ["a"], censor: () => "x" } },
      /pino option "redact\.censor" is a function/,
    ],
    ["hooks.streamWrite", { hooks: { streamWrite: (s: string) => s } }, /pino option "hooks\.streamWrite"/],
    [
      "a formatter writing two keys",
      { formatters: { level: (label: string) => ({ level: label, sev: 1 }) } },
      /"formatters\.level" returned .*exactly one key/,
    ],
    ["an unknown option", { levle: "info" }, /pino option "levle" is not a pino 9\/10 option/],
  ])("refuses %s, naming the option", (_name, options, message) => {
    expect(() => pinoProfile(options)).toThrow(ConfigurationError);
    expect(() => pinoProfile(options)).toThrow(message);
  });

  it("a hand-written envelope config refuses nestedKey with the reason", () => {
    expect(() =>
      irFrom({ "src/checkout-log.ts": { CheckoutLog } }, { envelope: { nestedKey: "payload" } as never }),
    ).toThrow(/nestedKey is not supported/);
  });
});

describe("gen warns when redaction cannot produce a valid line (LP_REDACT_CENSOR)", () => {
  // A payments team marks an amount and an email sensitive.
  const PaymentLog = z
    .discriminatedUnion("event", [
      z
        .strictObject({
          event: z.literal("payment.captured"),
          amountCents: z.number().int().positive().meta({ sensitive: "secret", description: "Amount." }),
          payerEmail: z.email().optional().meta({ sensitive: "pii", description: "Payer." }), // a string: the censor is one too
          channel: z.enum(["card", "sepa"]).meta({ sensitive: "secret", description: "Rail." }),
          note: z.string().meta({ sensitive: "pii", description: "Free text." }),
        })
        .meta({ level: "info", description: "Captured." }),
    ])
    .meta({ family: "payment", description: "Payments." });
  const warnings = (envelope: object) =>
    irFrom({ "src/payment-log.ts": { PaymentLog } }, { envelope })
      .diagnostics.filter((d) => d.code === "LP_REDACT_CENSOR")
      .map((d) => [d.field, d.severity, d.message, d.fix]);

  it.each<[string, object, unknown[][]]>([
    [
      "the default censor into a number and an enum field (not into an email: still a string)",
      {},
      [
        [
          "amountCents",
          "warning",
          expect.stringContaining(
            'field "amountCents" (integer > 0) is redacted (sensitive), and pino would write the censor "[Redacted]" there',
          ),
          expect.stringMatching(/^make the field optional and redact by removal/),
        ],
        [
          "channel",
          "warning",
          expect.stringContaining('field "channel" ("card" | "sepa") is redacted'),
          expect.stringMatching(/or widen the field to any string$/),
        ],
      ],
    ],
    ["redaction by removal writes no censor", { redact: { remove: true } }, []],
    ["no redaction at all (a non-pino logger)", { logger: "none" }, []],
  ])("%s", (_name, envelope, want) => {
    expect(warnings(envelope)).toEqual(want);
  });

  it.each([
    ["by name", ["note", "amountCents"]],
    ["by `*`", ["*"]],
  ])(
    "a sensitive field the profile's redact paths also name (%s) takes the censor once, and warns once",
    (_n, paths) => {
      const envelope = { redact: { paths } };
      const { ir } = irFrom({ "src/payment-log.ts": { PaymentLog } }, { envelope });
      const schema = eventLineSchema(ir, ir.families[0]!.events[0]!) as { properties: Record<string, unknown> };
      expect(schema.properties.note).toEqual({
        description: "Free text.",
        "x-logpact": { sensitive: "pii" },
        anyOf: [{ type: "string" }, { const: "[Redacted]" }],
      });
      expect(warnings(envelope).map(([field]) => field)).toEqual(["amountCents", "channel"]);
    },
  );

  it("the line schema still accepts the censor there (it is what pino writes)", () => {
    const { ir } = irFrom({ "src/payment-log.ts": { PaymentLog } }, {});
    const schema = eventLineSchema(ir, ir.families[0]!.events[0]!) as { properties: Record<string, unknown> };
    expect(schema.properties.amountCents).toMatchObject({
      anyOf: [{ type: "integer", exclusiveMinimum: 0 }, { const: "[Redacted]" }],
    });
  });
});

describe("lint agrees with the profile", () => {
  // A tenant-scoped service: every event names the tenant, which a child logger binds.
  const TenantLog = z
    .discriminatedUnion("event", [
      z
        .strictObject({
          event: z.literal("tenant.plan_changed"),
          tenantId: z.string().meta({ description: "Tenant." }),
          plan: z.enum(["free", "pro"]).meta({ description: "New plan." }),
        })
        .meta({ level: "info", description: "Plan changed." }),
    ])
    .meta({ family: "tenant", description: "Tenants." });
  const CODE = `
import { makeLogger } from "./logger.js";
const log = makeLogger(); // made in another module: lint cannot see its bindings
log.info({ event: "tenant.plan_changed", plan: "pro" }, "changed");
log.error({ event: "checkout.completed", cartId: "5b0e2c4e-8f1a-4d2b-9c3e-1f2a3b4c5d6e", durationMs: 1, error: new Error("boom") }, "failed");
`;
  const lint = (envelope: object) => {
    const config = parseConfig({ envelope }, "test");
    const { ir } = irFrom(
      { "src/logging/checkout-log.ts": { CheckoutLog }, "src/logging/tenant-log.ts": { TenantLog } },
      { envelope },
    );
    return lintText(CODE, { config, ir, file: "src/billing.ts" })
      .findings.filter((f) => f.rule === "event-fields")
      .map((f) => `${f.loc.line} ${f.messageId}`);
  };

  it("bindings, base fields and the error key declared in the profile count as present", () => {
    expect(
      lint(
        pinoProfile(
          { errorKey: "error", base: { service: "billing" } },
          { bindings: { tenantId: { type: "string" } }, required: ["tenantId"] },
        ),
      ),
    ).toEqual([]);
  });

  it("without them, the same calls are findings (positive control)", () => {
    expect(lint(pinoProfile({}))).toEqual(["4 missing", "5 undeclared"]);
  });
});

describe("the envelope a profile resolves to", () => {
  const fields = (envelope: object) =>
    irFrom({ "src/checkout-log.ts": { CheckoutLog } }, { envelope }).ir.envelope.map(
      (f) => `${f.name}${f.required ? "!" : "?"}:${JSON.stringify(f.schema)}`,
    );
  it.each<[string, object, string[]]>([
    [
      "a config from before profiles: pino, level and time in either form, bindings as `fields`",
      { logger: "pino", fields: { deliveryId: { type: "string" } }, required: ["deliveryId"] },
      [
        'deliveryId!:{"type":"string"}',
        'err?:{"type":"object"}',
        'hostname?:{"type":"string"}',
        'level!:{"anyOf":[{"type":"integer","minimum":0},{"type":"string","enum":["trace","debug","info","warn","error","fatal"]}]}',
        'msg?:{"type":"string"}',
        'name?:{"type":"string"}',
        'pid?:{"type":"integer","minimum":0}',
        'time?:{"anyOf":[{"type":"integer","minimum":0},{"type":"string"}]}',
      ],
    ],
    [
      "none: only what is bound",
      { logger: "none", bindings: { reqId: { type: "string" } } },
      ['reqId?:{"type":"string"}'],
    ],
    [
      "custom: winston's JSON format",
      { logger: "custom", level: "label", messageKey: "message", timestamp: "iso", timeKey: "timestamp" },
      [
        'level!:{"type":"string","enum":["trace","debug","info","warn","error","fatal"]}',
        'message?:{"type":"string"}',
        'timestamp!:{"type":"string","format":"date-time"}',
      ],
    ],
    [
      "pinoProfile: base replaces pid and hostname, name is a constant",
      pinoProfile({ base: { service: "billing" }, name: "api", timestamp: pino10.stdTimeFunctions.unixTime }),
      [
        'err?:{"type":"object"}',
        'level!:{"type":"integer","minimum":0}',
        'msg?:{"type":"string"}',
        'name!:{"type":"string","const":"api"}',
        'service!:{"type":"string"}',
        'time!:{"type":"integer","minimum":0}',
      ],
    ],
  ])("%s", (_name, envelope, want) => {
    expect(fields(envelope)).toEqual(want);
  });

  it("a required binding that is not declared is a config error naming it", () => {
    expect(() => irFrom({}, { envelope: { required: ["reqId"] } })).toThrow(
      /"reqId" is not a declared binding; add it to envelope\.bindings/,
    );
  });
});
