/**
 * docs/gen.md's Python example (jsonschema + referencing) runs as written against the committed
 * generated/json-schema and prints what its comments say. Skipped where python3 has no jsonschema.
 */
import { spawnSync } from "node:child_process";
import { cpSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, tmpProject } from "../helpers/project.js";

const HAS_JSONSCHEMA =
  spawnSync("python3", ["-c", "import jsonschema, referencing"], { encoding: "utf8" }).status === 0;

describe("docs/gen.md's Python example of loading a family file with its registry file", () => {
  it.skipIf(!HAS_JSONSCHEMA)("runs as written, printing what its comments say", () => {
    const doc = readFileSync(join(REPO, "docs/gen.md"), "utf8");
    const block = /```python\n(# validate_line\.py[\s\S]*?)```/.exec(doc)?.[1];
    expect(block).toBeDefined();
    const dir = tmpProject({ "validate_line.py": block! });
    cpSync(join(REPO, "generated/json-schema"), join(dir, "generated/json-schema"), { recursive: true });
    const run = spawnSync("python3", ["validate_line.py"], { cwd: dir, encoding: "utf8" });
    expect(run.stderr).toBe("");
    const said = [...block!.matchAll(/print\(.*\)  # (True|False)/g)].map((m) => m[1]);
    expect(said).toEqual(["True", "False", "False"]);
    expect(run.stdout.trim().split("\n")).toEqual(said);
  });
});
