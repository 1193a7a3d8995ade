/**
 * issue 18 item 10 (in the write path): every failure to write — a file where a folder is
 * expected, a full disk — is exit 2 naming the path and the cause, and leaves what was
 * there. (Permissions cannot be tested as root, which CI and this machine run as.)
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readTree, tmpProject } from "../helpers/project.js";
import { INVOICE, REFUND, cli } from "./helpers.js";

describe("gen: failures to write", () => {
  it.each([
    [
      "a file where a target folder is expected",
      "generated/json-schema",
      /cannot write generated\/json-schema\/[^:]+: generated\/json-schema is a file where a folder is expected/,
    ],
    [
      "a file where the output folder is expected",
      "generated",
      /cannot write generated\/[^:]+: generated is a file where a folder is expected/,
    ],
  ])("%s: exit 2 with path and cause, the rest untouched", async (_, blocker, message) => {
    const dir = tmpProject({ "schemas/invoice.ts": INVOICE });
    expect((await cli(["gen"], dir)).code).toBe(0);
    writeFileSync(join(dir, "schemas/refund.ts"), REFUND);
    rmSync(join(dir, blocker), { recursive: true, force: true });
    writeFileSync(join(dir, blocker), "not a folder\n");
    const before =
      existsSync(join(dir, "generated")) && blocker !== "generated" ? readTree(join(dir, "generated")) : undefined;
    const r = await cli(["gen"], dir);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/fix: /);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(2);
    expect(readFileSync(join(dir, blocker), "utf8")).toBe("not a folder\n");
    if (before) expect(readTree(join(dir, "generated"))).toEqual(before);
  });
});

describe("lint -o: failures to write", () => {
  it.each([
    // A full-device node made here (c 1 7, as root), never the host's /dev/full: code that renames over a device would replace it.
    ["a full disk (a mknod'd /dev/full)", "full", /cannot write full: no space left on the device/],
    [
      "a file where a folder is expected",
      "notes.txt/report.txt",
      /cannot write notes\.txt\/report\.txt.*a file is where a folder is expected/,
    ],
  ])("%s: exit 2 with path and cause", async (_, output, message) => {
    const dir = tmpProject({ "schemas/invoice.ts": INVOICE, "notes.txt": "x\n", "src/a.ts": "export {};\n" });
    if (output === "full") execFileSync("mknod", [join(dir, "full"), "c", "1", "7"]);
    const r = await cli(["lint", "-o", output], dir);
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(2);
  });
});
