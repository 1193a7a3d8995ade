/**
 * The Loki target over the bundled registry and over fixtures: files on disk are what
 * the target renders (golden), the YAML parses back into the ruler's structure, every
 * `expr` parses with Grafana's LogQL grammar, and each option does what it says.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse, parseDocument } from "yaml";
import { parseConfig } from "../../generator/config/load.js";
import { RegistryError } from "../../generator/errors.js";
import { BANNER, generate } from "../../generator/gen/generate.js";
import { parseDuration } from "../../generator/targets/loki/syntax.js";
import type { RegistryIR } from "../../generator/registry/ir.js";
import { LokiOptions, lokiTarget } from "../../generator/targets/loki/index.js";
import type { GeneratedFile } from "../../generator/targets/types.js";
import { REPO } from "../helpers/project.js";
import { bundledIr } from "../helpers/registry.js";
import { alert, logqlErrors, shopIr } from "./fixtures.js";

let ir: RegistryIR;
beforeAll(async () => {
  ir = await bundledIr();
});

function render(registry: RegistryIR, options: Record<string, unknown> = {}): GeneratedFile[] {
  return lokiTarget.render(registry, {
    options: LokiOptions.parse(options),
    outDir: "generated/loki",
    root: REPO,
    draft: "2020-12",
    banner: BANNER,
  });
}

interface RulerRule {
  alert: string;
  expr: string;
  for: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}
interface RulerFile {
  namespace?: string;
  groups: { name: string; interval?: string; rules: RulerRule[] }[];
}

/** Parses a rule file strictly and checks it has exactly the ruler's shape. */
function ruler(contents: string): RulerFile {
  const doc = parseDocument(contents, { uniqueKeys: true, prettyErrors: true });
  expect(doc.errors).toEqual([]);
  const file = doc.toJS() as RulerFile;
  expect(Object.keys(file).filter((k) => k !== "namespace")).toEqual(["groups"]);
  for (const group of file.groups) {
    expect(Object.keys(group).filter((k) => k !== "interval")).toEqual(["name", "rules"]);
    expect(typeof group.name).toBe("string");
    expect(group.rules.length).toBeGreaterThan(0);
    for (const rule of group.rules) {
      expect(Object.keys(rule)).toEqual(["alert", "expr", "for", "labels", "annotations"]);
      expect(rule.alert).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
      expect(typeof rule.expr).toBe("string");
      expect(parseDuration(rule.for), `for: ${rule.for}`).toBeTypeOf("number");
      // The ruler reads labels and annotations as map[string]string.
      for (const map of [rule.labels, rule.annotations])
        for (const v of Object.values(map)) expect(typeof v).toBe("string");
      expect(["critical", "warning", "info"]).toContain(rule.labels.severity);
    }
  }
  return file;
}

describe("the bundled registry", () => {
  it("renders exactly the committed generated/loki files (golden)", () => {
    const files = generate(ir, parseConfig({}, "test"), { root: REPO, only: ["loki"] }).filter((f) =>
      f.path.startsWith("generated/loki/"),
    );
    expect(files.map((f) => f.path)).toEqual([
      "generated/loki/daemon.connection.rules.yaml",
      "generated/loki/dispatch.health.rules.yaml",
      "generated/loki/gateway.connection.rules.yaml",
      "generated/loki/workflow.run.rules.yaml",
      "generated/loki/ws.liveness.rules.yaml",
    ]);
    for (const f of files) expect(f.contents, f.path).toBe(readFileSync(join(REPO, f.path), "utf8"));
  });

  it("writes one ruler rule group per family, named after it, with every declared alert", () => {
    for (const file of render(ir)) {
      const family = ir.families.find((f) => file.path === `${f.name}.rules.yaml`)!;
      const parsed = ruler(file.contents);
      expect(parsed.groups.map((g) => g.name)).toEqual([family.name]);
      expect(parsed.groups[0]!.rules.map((r) => r.alert)).toEqual(family.alerts.map((a) => a.name));
    }
  });

  it("every expr parses with Grafana's LogQL grammar and uses the family's selector", () => {
    let count = 0;
    for (const file of render(ir)) {
      for (const group of ruler(file.contents).groups) {
        const selector = ir.families.find((f) => f.name === group.name)!.loki.selector;
        for (const rule of group.rules) {
          expect(logqlErrors(rule.expr), rule.expr).toEqual([]);
          expect(rule.expr).toContain(`${selector} |= "`);
          expect(rule.expr).toContain('| __error__=""');
          count++;
        }
      }
    }
    expect(count).toBe(ir.families.reduce((n, f) => n + f.alerts.length, 0));
    expect(count).toBe(12);
  });

  it("passes labels, summaries and descriptions through untouched (templates included)", () => {
    for (const file of render(ir)) {
      const { groups } = ruler(file.contents);
      const family = ir.families.find((f) => f.name === groups[0]!.name)!;
      for (const [i, rule] of groups[0]!.rules.entries()) {
        const decl = family.alerts[i]!;
        expect(rule.labels).toEqual({ severity: decl.severity, family: family.name });
        expect(rule.annotations).toEqual({
          summary: decl.summary,
          ...(decl.description ? { description: decl.description } : {}),
        });
        expect(rule.for).toBe(decl.for ?? "0s");
      }
    }
    const all = render(ir)
      .map((f) => f.contents)
      .join("\n");
    expect(all).toContain("{{ $labels.workflowName }}");
    expect(all).toContain("{{ $value }}");
  });

  it("starts every file with the banner and the family's source", () => {
    const [first] = render(ir);
    expect(first!.contents.split("\n").slice(0, 2)).toEqual([
      `# ${BANNER}`,
      "# Alert rules of family daemon.connection, declared in schemas/daemon-connection.ts (DaemonConnectionLog).",
    ]);
  });

  it("is deterministic", () => {
    expect(render(ir)).toEqual(render(ir));
  });
});

describe("options", () => {
  it("layout single: one file with a group per family", () => {
    const files = render(ir, { layout: "single", file: "alerts.yml" });
    expect(files.map((f) => f.path)).toEqual(["alerts.yml"]);
    expect(ruler(files[0]!.contents).groups.map((g) => g.name)).toEqual([
      "daemon.connection",
      "dispatch.health",
      "gateway.connection",
      "workflow.run",
      "ws.liveness",
    ]);
  });

  it("namespace: lokitool's top-level key, per family with {family}", () => {
    const perFamily = render(ir, { namespace: "logpact-{family}" });
    expect(ruler(perFamily[0]!.contents).namespace).toBe("logpact-daemon.connection");
    expect(perFamily[0]!.contents).toMatch(/^namespace: logpact-daemon\.connection\ngroups:\n/m);
    const single = render(ir, { layout: "single", namespace: "logpact" });
    expect(ruler(single[0]!.contents).namespace).toBe("logpact");
  });

  it("interval: set on every group", () => {
    for (const f of render(ir, { interval: "1m" }))
      expect(ruler(f.contents).groups.every((g) => g.interval === "1m")).toBe(true);
  });

  it("labels: added to every rule; an alert's own labels win; values stay strings", () => {
    const { ir: shop } = shopIr([
      alert({ kind: "absent", event: "tick", window: "5m", labels: { team: "orders", paging: "true" } }),
    ]);
    const [file] = render(shop, { labels: { team: "platform", env: "prod" } });
    expect(ruler(file!.contents).groups[0]!.rules[0]!.labels).toEqual({
      severity: "warning",
      family: "shop.order",
      env: "prod",
      paging: "true",
      team: "orders",
    });
  });

  it("runbook_url becomes an annotation", () => {
    const { ir: shop } = shopIr([
      alert({
        kind: "absent",
        event: "tick",
        window: "5m",
        runbook_url: "https://runbooks.example/shop#tick",
        description: "No tick.",
      }),
    ]);
    expect(ruler(render(shop)[0]!.contents).groups[0]!.rules[0]!.annotations).toEqual({
      summary: "Something is off.",
      description: "No tick.",
      runbook_url: "https://runbooks.example/shop#tick",
    });
  });

  it("lineFilter: false drops the |= pre-filter", () => {
    for (const f of render(ir, { lineFilter: false })) {
      for (const rule of ruler(f.contents).groups[0]!.rules) {
        expect(rule.expr).not.toContain("|=");
        expect(logqlErrors(rule.expr)).toEqual([]);
      }
    }
  });

  it.each([
    [{ layout: "single", namespace: "{family}" }, "needs layout"],
    [{ labels: { severity: "page" } }, "cannot set"],
    [{ labels: { "bad-name": "x" } }, "identifiers"],
    [{ interval: "1.5m" }, "a duration"],
    [{ file: "rules/x.yaml" }, "without folders"],
    [{ layout: "flat" }, "layout"],
    [{ lineFilters: true }, "lineFilters"],
  ])("rejects %j", (given, want) => {
    const r = LokiOptions.safeParse(given);
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error!.issues)).toContain(want);
  });
});

describe("edge cases", () => {
  it("writes no file for a family without alerts, and none at all when no family has one", () => {
    const { ir: shop } = shopIr([]);
    expect(render(shop)).toEqual([]);
    expect(render(shop, { layout: "single" })).toEqual([]);
  });

  it("throws a RegistryError naming the alert when handed an unchecked IR with an alert that did not resolve", () => {
    const { ir: shop, diagnostics } = shopIr([alert({ kind: "absent", event: "nope", window: "5m" })]);
    // The build reported why (the renderer reads only the IR, which has no resolved form for it).
    expect(diagnostics.map((d) => d.code)).toContain("LP_ALERT_EVENT_UNKNOWN");
    expect(() => render(shop)).toThrow(RegistryError);
    expect(() => render(shop)).toThrow(/LP_ALERT_UNRESOLVED[\s\S]*alert "ShopAlert" did not resolve/);
  });

  it("keeps YAML-sensitive text intact (colons, quotes, hashes, leading braces)", () => {
    const summary = `{{ $value }}: "quoted" # not a comment: 'single' & more`;
    const { ir: shop } = shopIr([alert({ kind: "absent", event: "tick", window: "5m", summary })]);
    const text = render(shop)[0]!.contents;
    expect(parse(text).groups[0].rules[0].annotations.summary).toBe(summary);
  });
});
