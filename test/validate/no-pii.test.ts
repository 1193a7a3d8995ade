/**
 * No report format ever prints the value of a sensitive field or of a redact path: a
 * service that forgot to redact writes a known secret through each path, and neither the
 * text, JSON nor GitHub report (grouped or --detail) nor `logpact/testing`'s error contains
 * it. What they show instead is a placeholder with the type and length.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pino from "pino";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "../../generator/cli.js";
import { LogsDoNotConformError, expectLogsConform, logCollector } from "../../generator/validate/testing.js";
import { tmpProject } from "../helpers/project.js";

const SECRET = "s3cr3t-ann.person-4111111111111111";
const CART = "7d444840-9dc0-41ba-8b6f-3f62d5f6a9b1";
const CONFIG = { envelope: { redact: { paths: ["cartId", "card.holderName"] } } };

let dir: string;
let lines: string[];
beforeAll(() => {
  dir = tmpProject({
    "src/logging/checkout-log.ts": readFileSync(join(import.meta.dirname, "fixtures/checkout-log.ts"), "utf8"),
    "logpact.config.json": JSON.stringify({ schemas: ["src/logging/*.ts"], ...CONFIG }),
  });
  const logs = logCollector();
  // The service forgot `redact`: every secret reaches the log as written.
  const log = pino({}, logs);
  for (let i = 0; i < 3; i++)
    log.info(
      { event: "checkout.started", cartId: CART, itemCount: 1, customerEmail: SECRET },
      "sensitive field, not an email",
    );
  log.info(
    { event: "checkout.started", cartId: SECRET, itemCount: 1, customerEmail: "ann@example.com" },
    "redact path, not a uuid",
  );
  log.warn(
    {
      event: "checkout.payment_declined",
      cartId: CART,
      declineCode: "expired_card",
      card: { brand: "visa", holderName: SECRET.repeat(3) },
    },
    "nested redact path, too long",
  );
  log.warn(
    { event: "checkout.payment_declined", cartId: CART, declineCode: "expired_card", card: SECRET },
    "a value holding a redact path",
  );
  log.info(
    { event: "checkout.started", cartId: CART, itemCount: 1, customerEmail: { primary: SECRET } },
    "sensitive field, not a string",
  );
  lines = [...logs.lines];
  lines.push(`{"level":30,"event":"checkout.started","customerEmail": ${SECRET}}`); // malformed: the parser's message quotes the line
  writeFileSync(join(dir, "app.ndjson"), `${lines.join("\n")}\n`);
});

async function run(args: readonly string[]): Promise<{ code: number; out: string }> {
  let out = "";
  const code = await main(["validate", "app.ndjson", ...args], {
    cwd: dir,
    stdout: (t) => void (out += t),
    stderr: (t) => void (out += t),
    isTTY: false,
  });
  return { code, out };
}

describe("no secret in any report", () => {
  it.each([
    ["text", []],
    ["text --detail", ["--detail"]],
    ["json", ["--format", "json"]],
    ["json --detail", ["--format", "json", "--detail"]],
    ["github", ["--format", "github"]],
    ["github --detail", ["--format", "github", "--detail"]],
  ])("%s", async (_name, args) => {
    const { code, out } = await run(args);
    expect(code).toBe(1);
    // Positive control: the findings are there, each with its field.
    const q = args.includes("json") ? '\\"' : '"'; // JSON escapes the quotes
    for (const field of ["customerEmail", "cartId", "card.holderName", "card"])
      expect(out).toContain(`field ${q}${field}${q}`);
    expect(out).toContain("<redacted string, 34 chars>");
    expect(out).toContain("not JSON");
    expect(out).not.toContain(SECRET);
    expect(out).not.toContain(SECRET.slice(0, 12));
  });

  it("logpact/testing: the error message and its report", async () => {
    const err = await expectLogsConform(lines, { root: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LogsDoNotConformError);
    const e = err as LogsDoNotConformError;
    expect(e.message).toContain('field "customerEmail" must be string (email), got <redacted string, 34 chars>');
    expect(e.message).not.toContain(SECRET.slice(0, 12));
    expect(JSON.stringify(e.report)).not.toContain(SECRET.slice(0, 12));
  });
});
