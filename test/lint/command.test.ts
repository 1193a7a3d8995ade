/**
 * The lint command in-process: the progress line appears on a terminal for long runs and
 * never in CI or when piped.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../generator/cli.js";
import { lintCommand } from "../../generator/commands/lint.js";
import { REPO, tmpProject } from "../helpers/project.js";

const REGISTRY = readFileSync(join(REPO, "test/lint/fixtures/registry.ts"), "utf8");

async function run(isTTY: boolean, ci: boolean) {
  const files: Record<string, string> = { "schemas/registry.ts": REGISTRY };
  for (let i = 0; i < 210; i++)
    files[`src/f${i}.ts`] = `logger.error({ event: "daemon.connection.error", readyState: null });\n`;
  const dir = tmpProject(files);
  let out = "";
  let err = "";
  const code = await lintCommand.run(
    [],
    { progress: true, jobs: "1", format: "stylish" },
    // CI through io.env: the process's own environment stays untouched for other tests.
    {
      cwd: dir,
      isTTY,
      env: { ...process.env, CI: ci ? "true" : undefined },
      stdout: (t) => (out += t),
      stderr: (t) => (err += t),
    },
  );
  return { code, out, err };
}

describe("progress line", () => {
  it.each([
    ["terminal, not CI: drawn, then cleared", true, false, true],
    ["terminal in CI: silent", true, true, false],
    ["piped: silent", false, false, false],
  ])("%s", async (_, isTTY, ci, drawn) => {
    const r = await run(isTTY, ci);
    expect(r.code).toBe(0);
    expect(r.out).toBe("logpact lint: no problems in 211 files (210 log calls).\n");
    if (drawn) {
      expect(r.err).toMatch(/^\rlogpact lint: \d+\/211 files/);
      expect(r.err.endsWith("\r\u001b[K")).toBe(true);
    } else expect(r.err).toBe("");
  });
});

describe("named paths (issue 15, item 8)", () => {
  const cases: [string, { given: string[]; code: number; stderr?: RegExp; stdout?: RegExp }][] = [
    [
      "a typo'd file is exit 2, not a clean run",
      { given: ["lint", "src/nope.ts"], code: 2, stderr: /"src\/nope.ts" does not exist; nothing was linted/ },
    ],
    [
      "a folder with nothing to lint is exit 2",
      { given: ["lint", "docs"], code: 2, stderr: /"docs" holds no file that lint.include selects/ },
    ],
    [
      "an excluded file is exit 2",
      { given: ["lint", "src/skip.min.js"], code: 2, stderr: /"src\/skip.min.js" is not a file lint.include selects/ },
    ],
    [
      "a path outside the project is exit 2",
      { given: ["lint", "../elsewhere.ts"], code: 2, stderr: /elsewhere.ts" is outside the project root/ },
    ],
    [
      "one good and one bad path: still exit 2",
      { given: ["lint", "src/a.ts", "src/b.ts"], code: 2, stderr: /"src\/b.ts" does not exist/ },
    ],
    ["an existing file is linted", { given: ["lint", "src/a.ts"], code: 1, stdout: /1 problem/ }],
  ];
  it.each(cases)("%s", async (_n, { given, code, stderr, stdout }) => {
    const dir = tmpProject({
      "schemas/registry.ts": REGISTRY,
      "src/a.ts": `logger.info("free text");\n`,
      "src/skip.min.js": "logger.info('x');\n",
      "docs/readme.md": "# docs\n",
    });
    let out = "";
    let err = "";
    const got = await main(given, { cwd: dir, isTTY: false, stdout: (t) => (out += t), stderr: (t) => (err += t) });
    expect(got).toBe(code);
    if (stderr) expect(err).toMatch(stderr);
    if (stdout) expect(out).toMatch(stdout);
  });
});
