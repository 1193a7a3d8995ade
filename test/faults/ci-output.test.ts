/**
 * issue 17 item 10: everything printed to a CI log is escaped for the format it lands in.
 * A log key or an event string from code can carry a newline and `::error …`, which
 * GitHub Actions would run as a workflow command (a forged annotation, or worse).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tmpProject } from "../helpers/project.js";
import { INVOICE, cli } from "./helpers.js";

const FORGED = "x\n::error title=forged::pwned";

/** Lines the Actions runner would treat as commands, outside a ::stop-commands:: block. */
function activeCommands(output: string): string[] {
  const out: string[] = [];
  let stopToken: string | undefined;
  for (const line of output.split(/\r?\n/)) {
    if (stopToken !== undefined) {
      if (line === `::${stopToken}::`) stopToken = undefined;
      continue;
    }
    const stop = /^::stop-commands::(.+)$/.exec(line);
    if (stop) stopToken = stop[1];
    else if (/^\s*::/.test(line)) out.push(line);
  }
  return out;
}

describe("validate --format github", () => {
  it("a field name with a newline and ::error forges nothing; the text format keeps it on one line", async () => {
    const dir = tmpProject({ "schemas/invoice.ts": INVOICE });
    const lines = [
      { level: 30, time: 1, event: "billing.invoice.voided", invoiceId: "i-1", [FORGED]: 1 },
      { level: 30, time: 1, event: `billing.unknown${FORGED}` },
      { level: 30, time: 1, event: "billing.invoice.voided", invoiceId: "i-2", "\u001b]0;title\u0007": 2 },
    ];
    writeFileSync(join(dir, "app.ndjson"), `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`);
    const gh = await cli(["validate", "app.ndjson", "--format", "github"], dir);
    expect(gh.code).toBe(1);
    const commands = activeCommands(gh.stdout);
    expect(commands.length).toBeGreaterThan(0);
    for (const c of commands) expect(c).toMatch(/^::(error|warning) [^\n]*::/);
    expect(commands.filter((c) => c.startsWith("::error title=forged"))).toEqual([]);
    const text = await cli(["validate", "app.ndjson"], dir);
    expect(text.stdout).not.toMatch(/^::error title=forged/m);
    expect(text.stdout).not.toContain("\u001b");
  });
});

describe("lint stylish", () => {
  it("an event string with raw newlines stays on its line", async () => {
    const dir = tmpProject({
      "schemas/invoice.ts": INVOICE,
      "src/app.ts": `declare const logger: { info(o: object, m?: string): void };\nlogger.info({ event: "billing.invoice.bogus\\n::error title=forged::pwned\\u001b[2J" }, "x");\n`,
    });
    const r = await cli(["lint"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("billing.invoice.bogus");
    expect(r.stdout).not.toMatch(/^::error/m);
    expect(r.stdout).not.toContain("\u001b");
  });
});
