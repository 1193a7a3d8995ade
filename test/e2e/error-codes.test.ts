/**
 * Exit-2 errors of the checking commands that their own suites cannot reach easily:
 * a machine without git, a damaged lint baseline, a snapshot whose schema ajv rejects.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { REPO, runBin, tmpProject, writeFiles } from "../helpers/project.js";

const FAMILY = `import { z } from "zod";
export const A = z.strictObject({ event: z.literal("a.happened"), n: z.number().int().meta({ description: "n" }) }).meta({ level: "info", description: "d" });
`;

describe("error codes of the checking commands", () => {
  it("LP_DIFF_NO_GIT: diff --against without git on PATH", () => {
    const dir = tmpProject({ "schemas/a.ts": FAMILY });
    // A real process: git is found on the PATH of the process that runs it, which a test
    // cannot change for an in-process run without changing it for every other test.
    const r = runBin(["diff", "--against", "HEAD"], dir, { env: { PATH: join(dir, "no-such-bin") } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error LP_DIFF_NO_GIT");
    expect(r.stderr).toContain("--against-snapshot");
  });

  it("LP_DIFF_WORKTREE: the ref cannot be checked out in a temporary worktree", async () => {
    const dir = tmpProject({ ".gitignore": "node_modules\n", "schemas/a.ts": FAMILY });
    const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "pipe" });
    git("init", "-q", "-b", "main");
    git("-c", "user.name=t", "-c", "user.email=t@t", "add", "-A");
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "v1");
    // git keeps worktree metadata in .git/worktrees/: a file there makes `worktree add` fail.
    writeFiles(dir, { ".git/worktrees": "not a folder\n" });
    const r = await runCli(["diff", "--against", "HEAD", "--from-schemas"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error LP_DIFF_WORKTREE");
  });

  it("LP_BASELINE_INVALID: a lint baseline that is not JSON, or not a baseline", async () => {
    const dir = tmpProject({
      "schemas/a.ts": FAMILY,
      "src/app.ts": `export const x = 1;\n`,
      "broken.json": "{ nope",
      "other.json": `{"version": 99}`,
    });
    for (const file of ["broken.json", "other.json"]) {
      const r = await runCli(["lint", "--baseline", file], dir);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`${file}: error LP_BASELINE_INVALID`);
      expect(r.stderr).toContain("--update-baseline");
    }
  });

  it.each<[string, object]>([
    ["a type ajv does not know", { type: "integr" }],
    ["a pattern that is not a regular expression", { type: "string", pattern: "(" }],
  ])(
    "LP_VALIDATE_SCHEMA: validate --registry with a snapshot whose field schema does not compile: %s",
    async (_, schema) => {
      const snapshot = JSON.parse(readFileSync(join(REPO, "generated/registry.json"), "utf8"));
      snapshot.families[0].events[0].fields[0].schema = schema;
      const event = `${snapshot.families[0].name as string}.${snapshot.families[0].events[0].short as string}`;
      const dir = tmpProject({ "bad-registry.json": JSON.stringify(snapshot) });
      writeFiles(dir, { "app.ndjson": `${JSON.stringify({ level: 30, time: 1, event })}\n` });
      const r = await runCli(["validate", "app.ndjson", "--registry", "bad-registry.json"], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${event}: error LP_VALIDATE_SCHEMA`);
    },
  );
});
