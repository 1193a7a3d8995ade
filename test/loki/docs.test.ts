/**
 * docs/alerts.md shows real output: every ```logql block is an expression the Loki target
 * renders (for a bundled alert, or for one of the docs-only examples in docs-examples.ts),
 * and parses with Grafana's LogQL grammar. Every alert kind is shown.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { REPO } from "../helpers/project.js";
import { bundledIr } from "../helpers/registry.js";
import type { RegistryIR } from "../../generator/registry/ir.js";
import { docExampleExprs } from "./docs-examples.js";
import { logqlErrors } from "./fixtures.js";

const page = readFileSync(join(REPO, "docs/alerts.md"), "utf8");
const blocks = [...page.matchAll(/```logql\n([\s\S]*?)\n```/g)].map((m) => m[1]!);

let ir: RegistryIR;
let rendered: Set<string>;
beforeAll(async () => {
  ir = await bundledIr();
  const bundled = ir.families
    .filter((f) => f.alerts.length)
    .flatMap((f) =>
      parse(readFileSync(join(REPO, "generated/loki", `${f.name}.rules.yaml`), "utf8")).groups[0].rules.map(
        (r: { expr: string }) => r.expr,
      ),
    );
  rendered = new Set([...bundled, ...docExampleExprs(ir)]);
});

describe("docs/alerts.md", () => {
  it("has LogQL examples for every kind", () => {
    for (const start of ["sum(", "sum by (", "(sum(", "((sum by (", "quantile_over_time(", "absent_over_time("]) {
      expect(
        blocks.some((b) => b.startsWith(start)),
        `no example starting with ${start}`,
      ).toBe(true);
    }
  });
  it.each(blocks.map((b, i) => [i + 1, b] as const))("example %i is real output and parses", (_i, expr) => {
    expect(rendered.has(expr), `not rendered by the Loki target:\n${expr}`).toBe(true);
    expect(logqlErrors(expr)).toEqual([]);
  });
  it("shows the bundled DaemonReconnectStorm rule as generated", () => {
    const file = readFileSync(join(REPO, "generated/loki/daemon.connection.rules.yaml"), "utf8");
    const rule = file
      .slice(file.indexOf("      - alert: DaemonReconnectStorm"), file.indexOf("        annotations:"))
      .trimEnd();
    expect(page).toContain(rule);
  });
  it("lists every alert check it names in the error catalogue", () => {
    const errors = readFileSync(join(REPO, "docs/errors.md"), "utf8");
    for (const code of new Set(page.match(/LP_ALERT_[A-Z_]+/g))) expect(errors).toContain(`### ${code}\n`);
  });
});
