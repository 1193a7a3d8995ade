/**
 * The run's temp folder (test/helpers/run-tmp.ts): tests, the code under test and the
 * processes they start all make their temp files inside it, so the run's end removes them.
 */
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { basename, dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { tmpProject } from "../helpers/project.js";

describe("the test run's temp folder", () => {
  it("is os.tmpdir() in the test worker, and temp projects are made inside it", () => {
    expect(basename(tmpdir())).toMatch(/^logpact-run-[A-Za-z0-9]{6}$/);
    expect(dirname(tmpProject({}))).toBe(tmpdir());
  });

  it("is the temp folder of the processes the tests start", () => {
    const child = spawnSync(process.execPath, ["-p", "require('node:os').tmpdir()"], { encoding: "utf8" });
    expect(child.stdout.trim()).toBe(tmpdir());
  });
});
