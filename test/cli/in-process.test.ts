/**
 * The CLI run many times in one process (as the test suite and a watch mode do) sees each
 * run's files afresh: a schema module, a config and a template override edited between
 * two runs in the same folder change the second run's output, and the process's own
 * environment, folder and exit code are left as they were.
 */
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { tmpProject } from "../helpers/project.js";
import { readSnapshotFile } from "../../generator/registry/snapshot.js";

/** A search team's module: one event; `description` varies per test run. */
const query = (description: string, extraField = "") => `import { z } from "zod";

export const QueryServed = z.strictObject({
  event: z.literal("search.query.served"),
  queryId: z.string().meta({ description: "Query id." }),${extraField}
}).meta({ level: "info", description: ${JSON.stringify(description)} });
`;

const snapshot = (dir: string, path = "generated/registry.json") => readSnapshotFile(join(dir, path), path);
/** The family's Markdown page: its events table carries each event's description (the snapshot keeps a digest). */
const page = (dir: string) => readFileSync(join(dir, "generated/markdown/search.query.md"), "utf8");

describe("no state carried between in-process runs", () => {
  it("a schema module edited between two runs: the second run reads the edit", async () => {
    const dir = tmpProject({ "schemas/query.ts": query("A query was answered.") });
    expect((await runCli(["gen", "-q"], dir)).code).toBe(0);
    expect(page(dir)).toContain("| A query was answered. |");
    writeFileSync(
      join(dir, "schemas/query.ts"),
      query("A query got its results.", `\n  hits: z.number().int().meta({ description: "Results." }),`),
    );
    const check = await runCli(["gen", "--check"], dir);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain("stale     generated/registry.json");
    expect((await runCli(["gen", "-q"], dir)).code).toBe(0);
    expect(page(dir)).toContain("| A query got its results. |");
    expect(page(dir)).not.toContain("A query was answered.");
    expect(snapshot(dir).families[0]!.events[0]!.fields.map((f) => f.name)).toContain("hits");
  });

  it("a config edited between two runs: the second run reads the edit", async () => {
    const dir = tmpProject({
      "schemas/query.ts": query("A query was answered."),
      "logpact.config.ts": `export default { outDir: "out-a" };\n`,
    });
    expect((await runCli(["gen", "-q"], dir)).code).toBe(0);
    writeFileSync(join(dir, "logpact.config.ts"), `export default { outDir: "out-b" };\n`);
    expect((await runCli(["gen", "-q"], dir)).code).toBe(0);
    expect(snapshot(dir, "out-b/registry.json").families[0]!.events[0]!.name).toBe("search.query.served");
  });

  it("a template override edited between two runs: the second run renders the edit", async () => {
    const dir = tmpProject({
      "schemas/query.ts": query("A query was answered."),
      "logpact.config.json": JSON.stringify({ templates: "templates" }),
    });
    mkdirSync(join(dir, "templates/markdown"), { recursive: true });
    const page = join(dir, "templates/markdown/family-page.hbs");
    writeFileSync(page, "<!-- {{banner}} -->\n\n# First edition: {{family.title}}\n");
    expect((await runCli(["gen", "-q"], dir)).code).toBe(0);
    const doc = join(dir, "generated/markdown/search.query.md");
    expect(readFileSync(doc, "utf8")).toContain("# First edition:");
    writeFileSync(page, "<!-- {{banner}} -->\n\n# Second edition: {{family.title}}\n");
    expect((await runCli(["gen", "--check"], dir)).code).toBe(1);
    expect((await runCli(["gen", "-q"], dir)).code).toBe(0);
    expect(readFileSync(doc, "utf8")).toContain("# Second edition:");
  });

  it("leaves the process's folder, environment and exit code alone", async () => {
    const cwd = process.cwd();
    const env = { ...process.env };
    const exitCode = process.exitCode;
    const dir = tmpProject({ "schemas/query.ts": query("A query was answered.") });
    expect((await runCli(["gen", "--check"], dir, { env: { CI: "true", FORCE_COLOR: "1" } })).code).toBe(1);
    expect((await runCli(["validate"], dir)).code).toBe(2);
    expect(process.cwd()).toBe(cwd);
    expect(process.env).toEqual(env);
    expect(process.exitCode).toBe(exitCode);
  });
});
