/**
 * The lint entry points are part of the package's library API (issue 15, item 11), for
 * editor and ESLint integrations: importable from the package root, and usable on an
 * in-memory buffer and on a project.
 */
import { describe, expect, it } from "vitest";
import * as logpact from "../../generator/index.js";
import { REPO } from "../helpers/project.js";
import { testIr } from "./rule-tester.js";

describe("lint from the library API", () => {
  it("exports lintText, lintProject and the rule table", () => {
    expect(typeof logpact.lintText).toBe("function");
    expect(typeof logpact.lintProject).toBe("function");
    expect(logpact.LINT_RULE_NAMES).toContain("event-fields");
    expect(logpact.LINT_RULES.map((r) => r.name)).toEqual([...logpact.LINT_RULE_NAMES]);
  });

  it("lints an editor buffer with the package's config parser", () => {
    const config = logpact.parseConfig({}, "logpact.config.json");
    const r = logpact.lintText(`const log = logger.child({ runId: "r" });\nlog.info("started");\n`, {
      file: "src/job.ts",
      config,
      ir: testIr(),
    });
    expect(r.findings.map((f) => `${f.loc.line}:${f.loc.column} ${f.rule}/${f.messageId}`)).toEqual([
      "2:1 untyped-log-call/freeText",
    ]);
  });

  it("lints a project", async () => {
    const root = `${REPO}/test/fixtures/lint-service`;
    const { config } = await logpact.loadConfig(root);
    const { ir } = await logpact.loadRegistry(root, config);
    const r: logpact.LintResult = await logpact.lintProject({ root, config, ir, jobs: 1 });
    expect(r.files.length).toBeGreaterThan(5);
    expect(r.findings.length).toBeGreaterThan(0);
  });
});
