/**
 * issue 17 item 11: Loki rule files carry no raw DEL, BEL, U+2028, U+0085 or U+FEFF (which
 * libyaml-family parsers reject or read as line breaks), and strings a YAML 1.1 reader
 * would turn into booleans, numbers or dates stay strings.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { BANNER } from "../../generator/gen/generate.js";
import { LokiOptions, lokiTarget } from "../../generator/targets/loki/index.js";
import { REPO } from "../helpers/project.js";
import { alert, shopIr } from "../loki/fixtures.js";

const HOSTILE = {
  del: "drop\u007ftable",
  bel: "ring\u0007bell",
  lineSeparator: "one\u2028two",
  nel: "next\u0085line",
  bom: "\ufeffbom",
  c1: "csi\u009bx",
  esc: "\u001b[31mred",
};
const YAML11 = {
  yes: "yes",
  no: "no",
  on: "on",
  off: "OFF",
  y: "y",
  date: "2024-01-31",
  stamp: "2024-01-31T10:00:00Z",
  octal: "0755",
  hex: "0x1f",
  sexagesimal: "1:30",
  float: "1e3",
  tilde: "~",
  nul: "null",
  inf: ".inf",
  merge: "<<",
};

function rules(labels: Record<string, string>, summary: string): string {
  const { ir, diagnostics } = shopIr([
    alert({
      kind: "absent",
      event: "tick",
      window: "5m",
      labels,
      summary,
      description: Object.values(HOSTILE).join(" "),
    }),
  ]);
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const [file] = lokiTarget.render(ir, {
    options: LokiOptions.parse({}),
    outDir: "generated/loki",
    root: REPO,
    draft: "2020-12",
    banner: BANNER,
  });
  return file!.contents;
}

describe("Loki rule YAML", () => {
  const text = rules({ ...HOSTILE, ...YAML11 }, "Ticks stopped\u2028(raw separator)");

  it("holds no raw control, separator or BOM characters", () => {
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/);
  });

  it.each([["1.1"], ["1.2"]] as const)("reads back to exactly the declared strings as YAML %s", (version) => {
    const rule = (
      parse(text, { version }) as {
        groups: { rules: { labels: Record<string, unknown>; annotations: Record<string, unknown> }[] }[];
      }
    ).groups[0]!.rules[0]!;
    for (const [k, v] of Object.entries({ ...HOSTILE, ...YAML11 })) expect([k, rule.labels[k]]).toEqual([k, v]);
    expect(rule.annotations.summary).toBe("Ticks stopped\u2028(raw separator)");
    expect(rule.annotations.description).toBe(Object.values(HOSTILE).join(" "));
  });

  it("libyaml (PyYAML's CSafeLoader, YAML 1.1) reads it back exactly", () => {
    const py = `import sys, json, yaml\nd = yaml.load(sys.stdin.read(), Loader=yaml.CSafeLoader)\nprint(json.dumps(d["groups"][0]["rules"][0]))`;
    const r = spawnSync("python3", ["-c", py], { input: text, encoding: "utf8" });
    if (r.error || /No module named|CSafeLoader/.test(r.stderr))
      return expect.fail(`needs python3 with PyYAML built against libyaml: ${r.stderr || String(r.error)}`);
    expect(r.stderr).toBe("");
    const rule = JSON.parse(r.stdout) as { labels: Record<string, unknown>; annotations: Record<string, unknown> };
    expect(rule.labels).toMatchObject({ ...HOSTILE, ...YAML11 });
    expect(rule.annotations.description).toBe(Object.values(HOSTILE).join(" "));
  });
});
