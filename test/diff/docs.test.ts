/**
 * docs/diff.md carries the full rule table: every rule of the catalogue, under its
 * severity, with the same scope, title and reason — and nothing else.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULES, type ChangeSeverity } from "../../generator/diff/rules.js";
import { REPO } from "../helpers/project.js";

const doc = readFileSync(join(REPO, "docs/diff.md"), "utf8");

/** Rows of the `### Breaking` / `### Warning` / `### Safe` tables under "## The rules". */
function documentedRules(): Record<string, { severity: ChangeSeverity; scope: string; title: string; why: string }> {
  const section = doc.slice(doc.indexOf("## The rules"), doc.indexOf("\n## ", doc.indexOf("## The rules") + 1));
  const out: Record<string, { severity: ChangeSeverity; scope: string; title: string; why: string }> = {};
  let severity: ChangeSeverity | undefined;
  for (const line of section.split("\n")) {
    const heading = /^### (Breaking|Warning|Safe)$/.exec(line);
    if (heading) severity = heading[1]!.toLowerCase() as ChangeSeverity;
    const row = /^\| `([a-z-]+)` \| (.+?) \| (.+?) \| (.+) \|$/.exec(line);
    if (row && severity) {
      const unescape = (s: string) => s.replaceAll("\\|", "|");
      out[row[1]!] = { severity, scope: row[2]!, title: unescape(row[3]!), why: unescape(row[4]!) };
    }
  }
  return out;
}

describe("docs/diff.md", () => {
  it("documents every rule exactly as the catalogue defines it", () => {
    const want = Object.fromEntries(
      Object.entries(RULES).map(([id, r]) => [
        id,
        { severity: r.severity, scope: r.scope, title: r.title, why: r.why },
      ]),
    );
    expect(documentedRules()).toEqual(want);
  });

  it("shows the CI setup the command needs", () => {
    expect(doc).toContain("fetch-depth: 0");
    expect(doc).toContain("logpact diff --against origin/main --format markdown");
  });
});
