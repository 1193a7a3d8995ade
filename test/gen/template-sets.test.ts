/**
 * loadTemplates keeps a target's bundled-only template set for the process (compiled once,
 * for watch mode and in-process runs), and never keeps one that has a user's override in it
 * (test/cli/in-process.test.ts checks that an edited override shows on the next run).
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadTemplates } from "../../generator/targets/templates.js";
import { REPO, tmpProject } from "../helpers/project.js";

const BUNDLED = join(REPO, "generator/targets/markdown");

describe("template sets", () => {
  it("a bundled-only set is made once per helpers object", () => {
    const empty = tmpProject({ "templates/other/x.txt": "not a template" }, { linkNodeModules: false });
    const sets = [
      loadTemplates("markdown", BUNDLED, {}),
      loadTemplates("markdown", BUNDLED, { templatesDir: join(empty, "templates") }),
      loadTemplates("markdown", BUNDLED, { templatesDir: join(empty, "missing") }),
    ];
    expect(sets[1]).toBe(sets[0]);
    expect(sets[2]).toBe(sets[0]);
    // Other helpers are another set.
    expect(loadTemplates("markdown", BUNDLED, {}, { extra: () => "" })).not.toBe(sets[0]);
  });

  it("a set with an override is made afresh on every load", () => {
    const dir = tmpProject({ "templates/markdown/family-page.hbs": "override {{name}}\n" }, { linkNodeModules: false });
    const ctx = { templatesDir: join(dir, "templates") };
    const a = loadTemplates("markdown", BUNDLED, ctx);
    expect(loadTemplates("markdown", BUNDLED, ctx)).not.toBe(a);
    expect(loadTemplates("markdown", BUNDLED, ctx)).not.toBe(loadTemplates("markdown", BUNDLED, {}));
    expect(a.render("family-page", { name: "x" })).toBe("override x\n");
  });
});
