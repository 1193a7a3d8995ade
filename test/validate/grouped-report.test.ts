/**
 * The grouped report, golden-tested in each format: identical findings (kind, event,
 * field, expectation) once, with their count and first examples (--max-examples), the
 * hint for a field the logger adds to most lines, and --detail's one-per-finding list.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pino from "pino";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "../../generator/cli.js";
import { tmpProject } from "../helpers/project.js";

const CART = "7d444840-9dc0-41ba-8b6f-3f62d5f6a9b1";
let dir: string;

beforeAll(() => {
  dir = tmpProject({
    "src/logging/checkout-log.ts": readFileSync(join(import.meta.dirname, "fixtures/checkout-log.ts"), "utf8"),
    "logpact.config.json": JSON.stringify({ schemas: ["src/logging/*.ts"] }),
  });
  const lines: string[] = [];
  // No pid, hostname or time: the golden files stay byte-stable.
  const root = pino(
    { base: null, timestamp: false, redact: ["customerEmail"] },
    { write: (s: string) => void lines.push(s.trimEnd()) },
  );
  for (let i = 1; i <= 8; i++) {
    const log = root.child({ reqId: `req-${i}` }); // a binding the config does not declare
    log.info({ event: "checkout.started", cartId: CART, itemCount: i, customerEmail: "ann@example.com" }, "submitted");
    if (i % 2 === 0) root.info({ event: "checkout.completed", cartId: CART, durationMs: `${i * 100}` }, "captured"); // a string duration
    if (i % 4 === 0)
      root.error(
        {
          event: "checkout.payment_declined",
          cartId: CART,
          declineCode: "expired_card",
          card: { brand: "visa", holderName: "A" },
        },
        "declined",
      );
  }
  root.info("listening on :8080");
  root.info({ event: "checkout.refunded", cartId: CART }, "refund");
  writeFileSync(join(dir, "app.ndjson"), `${lines.join("\n")}\n`);
});

async function run(args: readonly string[]): Promise<string> {
  let out = "";
  const code = await main(["validate", "app.ndjson", "--max-examples", "3", ...args], {
    cwd: dir,
    stdout: (t) => void (out += t),
    stderr: (t) => void (out += t),
    isTTY: false,
  });
  expect(code).toBe(1);
  return out
    .replace(/logpact-[0-9a-f]{32}/g, "logpact-<token>")
    .replace(/ in \d+\.\d\d s/, " in <elapsed>")
    .replace(/"elapsed"[^,]*,/, "");
}

describe("grouped validate report", () => {
  it.each([
    ["text", [], "grouped.txt"],
    ["text --detail", ["--detail"], "grouped-detail.txt"],
    ["github", ["--format", "github"], "grouped-github.txt"],
    ["json", ["--format", "json"], "grouped.json"],
  ])("%s", async (_name, args, golden) => {
    await expect(await run(args)).toMatchFileSnapshot(join("golden", golden));
  });

  it("groups what is identical and counts every line", async () => {
    const report = JSON.parse(await run(["--format", "json"])) as {
      groups: { kind: string; field?: string; count: number; examples: unknown[] }[];
      hints: { field: string; lines: number; of: number }[];
    };
    expect(report.groups.map((g) => [g.kind, g.field, g.count, g.examples.length])).toEqual([
      ["violation", "reqId", 8, 3],
      ["violation", "durationMs", 4, 3],
      ["level-mismatch", "level", 2, 2],
      ["untyped", undefined, 1, 1],
      ["unknown-event", undefined, 1, 1],
    ]);
    expect(report.hints.map((h) => [h.field, h.lines, h.of])).toEqual([["reqId", 8, 14]]);
  });
});
