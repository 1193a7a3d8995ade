/**
 * The dead-link check that e2e/consumer runs on the packed tarball's Markdown, on small
 * in-memory packages: what counts as a link, how a path and a `#anchor` resolve, and that a
 * dead one is reported with its file, line and problem.
 */
import { describe, expect, it } from "vitest";
import { deadLinks } from "../helpers/doc-links.js";

const TARGET = "# Target\n\n## Some heading\n\n## `targets.loki.options`\n\n## Repeat\n\n## Repeat\n";

const CASES: readonly {
  name: string;
  /** docs/a.md's text; the package also holds docs/target.md (TARGET), README.md and the `extra` files. */
  page: string;
  extra?: Readonly<Record<string, string>>;
  want: readonly string[];
}[] = [
  { name: "a sibling page", page: "[t](target.md)", want: [] },
  { name: "a missing page", page: "intro\n\n[m](missing.md)", want: ["3 missing.md missing file"] },
  { name: "up a folder", page: "[r](../README.md)", want: [] },
  { name: "an unshipped source", page: "[s](../schemas/x.ts)", want: ["1 ../schemas/x.ts missing file"] },
  {
    name: "a shipped source",
    page: "[s](../schemas/x.ts)",
    extra: { "schemas/x.ts": "export {};\n" },
    want: [],
  },
  {
    name: "a folder (no file to open)",
    page: "[g](../generated/)",
    extra: { "generated/registry.json": "{}" },
    want: ["1 ../generated/ folder, not a file"],
  },
  { name: "out of the package", page: "[o](../../outside.md)", want: ["1 ../../outside.md missing file"] },
  { name: "from the package root", page: "[r](/docs/target.md)", want: [] },
  { name: "a heading anchor", page: "[h](target.md#some-heading)", want: [] },
  { name: "a code heading's anchor", page: "[h](target.md#targetslokioptions)", want: [] },
  { name: "a repeated heading's second anchor", page: "[h](target.md#repeat-1)", want: [] },
  {
    name: "a third repeat that is not there",
    page: "[h](target.md#repeat-2)",
    want: ["1 target.md#repeat-2 missing anchor"],
  },
  { name: "a missing anchor", page: "[h](target.md#no-such)", want: ["1 target.md#no-such missing anchor"] },
  { name: "an anchor on a missing page", page: "[h](gone.md#x)", want: ["1 gone.md#x missing file"] },
  { name: "an anchor in the same page", page: "# Top\n\n[h](#top)", want: [] },
  { name: "a missing anchor in the same page", page: "# Top\n\n[h](#bottom)", want: ["3 #bottom missing anchor"] },
  { name: "an HTML id", page: '<a id="here"></a>\n\n[h](#here)', want: [] },
  {
    name: "an anchor into a non-Markdown file (only the file is checked)",
    page: "[l](../schemas/x.ts#L3)",
    extra: { "schemas/x.ts": "export {};\n" },
    want: [],
  },
  { name: "a link with a title", page: '[t](target.md "The target")', want: [] },
  { name: "an angle-bracket path with a space", page: "[s](<my page.md>)", extra: { "docs/my page.md": "" }, want: [] },
  { name: "a percent-encoded path", page: "[s](my%20page.md)", extra: { "docs/my page.md": "" }, want: [] },
  { name: "a query string", page: "[q](target.md?plain=1)", want: [] },
  {
    name: "web, mail and file URLs are not package paths",
    page: "[w](https://example.com/x.md) [h](http://example.com) [m](mailto:a@b.c) [f](file:///x.md) [p](//cdn/x)",
    want: [],
  },
  { name: "a reference definition", page: "[r][ref]\n\n[ref]: missing.md", want: ["3 missing.md missing file"] },
  { name: "an image", page: "![diagram](img/flow.png)", want: ["1 img/flow.png missing file"] },
  { name: "links in code are not links", page: "`[c](missing.md)`\n\n```md\n[c](missing.md)\n```", want: [] },
  {
    name: "two dead links in page order",
    page: "[b](b.md) and [a](a-missing.md)",
    want: ["1 b.md missing file", "1 a-missing.md missing file"],
  },
];

describe("deadLinks", () => {
  it.each(CASES)("$name", ({ page, extra, want }) => {
    const files = { "README.md": "# Readme\n", "docs/target.md": TARGET, "docs/a.md": page, ...extra };
    const got = deadLinks(files).map((d) => `${d.line} ${d.url} ${d.problem}`);
    expect(got).toEqual(want);
    expect(deadLinks(files).every((d) => d.file === "docs/a.md")).toBe(true);
  });

  it("checks every Markdown file of the package, not only docs/", () => {
    const files = {
      "README.md": "[d](docs/x.md)",
      "generated/markdown/README.md": "[f](f.md)",
      "dist/x.js": "[j](y.md)",
    };
    expect(deadLinks(files).map((d) => `${d.file}:${d.line} ${d.url}`)).toEqual([
      "README.md:1 docs/x.md",
      "generated/markdown/README.md:1 f.md",
    ]);
  });
});
