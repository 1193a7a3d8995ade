/**
 * A RuleTester in the typescript-eslint mould: `valid` snippets must produce no finding
 * of the rule under test, `invalid` ones exactly the listed findings (message id, line,
 * column, and optionally the formatted message), in order. Only the rule under test is
 * switched on (a case may switch others on through `lint.rules`), and only its findings
 * are compared, so tables stay about one rule.
 */
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../generator/config/load.js";
import type { UserConfig } from "../../generator/config/schema.js";
import { lintText } from "../../generator/lint/index.js";
import type { Rule } from "../../generator/lint/rule.js";
import { RULES } from "../../generator/lint/rules/index.js";
import type { RegistryIR } from "../../generator/registry/ir.js";
import { irFrom } from "../helpers/registry.js";
import * as registry from "./fixtures/registry.js";

export interface ExpectedError {
  messageId: string;
  line: number;
  column: number;
  /** Exact message text, when the case is about the wording. */
  message?: string;
}

export interface ValidCase {
  code: string;
  /** `lint` config for this case. */
  lint?: UserConfig["lint"];
  emitterEvents?: string[];
  /** Root-relative path the code is linted as (default `src/example.ts`): for `files`-scoped callees and wrappers. */
  file?: string;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedError[];
}

let ir: RegistryIR | undefined;
/** The test registry's IR (built once per test file). */
export function testIr(): RegistryIR {
  if (!ir) {
    const built = irFrom({ "schemas/registry.ts": registry as unknown as Record<string, unknown> });
    ir = built.ir;
  }
  return ir;
}

/** Lints `code` with only `rule` on (at error) and returns its findings; `registry` defaults to the test registry. */
export function run(rule: Rule, c: ValidCase, registry: () => RegistryIR = testIr) {
  const rules = Object.fromEntries(RULES.map((r) => [r.name, r.name === rule.name ? "error" : "off"])) as Record<
    string,
    "off" | "error"
  >;
  const config = parseConfig({ lint: { ...c.lint, rules: { ...rules, ...c.lint?.rules } } }, "test");
  return lintText(c.code, {
    config,
    ir: registry(),
    file: c.file ?? "src/example.ts",
    ...(c.emitterEvents ? { emitterEvents: new Set(c.emitterEvents) } : {}),
  }).findings.filter((f) => f.rule === rule.name);
}

const title = (code: string) => code.replace(/\s+/g, " ").trim().slice(0, 90);

/** Declares the valid and invalid tables of one rule. */
export function ruleTester(
  rule: Rule,
  cases: { valid: ValidCase[]; invalid: InvalidCase[] },
  registry: { name: string; ir: () => RegistryIR } = { name: "", ir: testIr },
): void {
  describe(`${rule.name}${registry.name ? ` (${registry.name})` : ""}`, () => {
    it.each(cases.valid.map((c) => [title(c.code), c] as const))("valid: %s", (_, c) => {
      expect(
        run(rule, c, registry.ir).map((f) => `${f.loc.line}:${f.loc.column} ${f.messageId}: ${f.message}`),
      ).toEqual([]);
    });
    it.each(cases.invalid.map((c) => [title(c.code), c] as const))("invalid: %s", (_, c) => {
      const got = run(rule, c, registry.ir).map((f) => ({
        messageId: f.messageId,
        line: f.loc.line,
        column: f.loc.column,
        message: f.message,
      }));
      const want = c.errors.map((e, i) => ({ ...e, message: e.message ?? got[i]?.message }));
      expect(got).toEqual(want);
    });
  });
}
