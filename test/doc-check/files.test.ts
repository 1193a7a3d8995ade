/**
 * The disk side of docs check: a cited file or a doc symlinked to outside the project is
 * not read (issue 15, item 10); one symlinked inside the project is.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findDocs, outsideRoot, projectFileReader } from "../../generator/doc-check/files.js";

function layout() {
  const base = mkdtempSync(join(tmpdir(), "logpact-docs-files-"));
  const root = join(base, "repo");
  const secret = join(base, "secret");
  mkdirSync(join(root, "src"), { recursive: true });
  mkdirSync(join(root, "docs"), { recursive: true });
  mkdirSync(secret);
  writeFileSync(join(secret, "key.ts"), "export const KEY = 'hunter2';\n");
  writeFileSync(join(secret, "notes.md"), "# secret\n");
  writeFileSync(join(root, "src/a.ts"), "export const a = 1;\n");
  writeFileSync(join(root, "docs/ok.md"), "# ok\n");
  symlinkSync(join(secret, "key.ts"), join(root, "src/key.ts"));
  symlinkSync(join(secret, "notes.md"), join(root, "docs/notes.md"));
  symlinkSync(join(root, "src/a.ts"), join(root, "src/alias.ts"));
  symlinkSync(secret, join(root, "src/vendor"));
  return root;
}

describe("reading inside the project root only", () => {
  const root = layout();
  const read = projectFileReader(root);
  const cases: [string, { given: string; want: unknown }][] = [
    ["a plain file", { given: "src/a.ts", want: "export const a = 1;\n" }],
    ["a symlink to a file inside the project", { given: "src/alias.ts", want: "export const a = 1;\n" }],
    [
      "a symlink to a file outside",
      { given: "src/key.ts", want: { refused: "is a symbolic link to outside the project" } },
    ],
    [
      "a file under a symlinked folder outside",
      { given: "src/vendor/key.ts", want: { refused: "is a symbolic link to outside the project" } },
    ],
    ["a missing file", { given: "src/nope.ts", want: undefined }],
    ["a folder", { given: "src", want: undefined }],
  ];
  it.each(cases)("%s", (_n, { given, want }) => expect(read(given)).toEqual(want));

  it("findDocs leaves out docs symlinked outside; outsideRoot says why", async () => {
    expect(await findDocs(root, ["docs/**/*.md"], [])).toEqual(["docs/ok.md"]);
    expect(outsideRoot(root, "docs/notes.md")).toBe("is a symbolic link to outside the project");
    expect(outsideRoot(root, "docs/ok.md")).toBeUndefined();
  });
});
