/**
 * Type tests with the real TypeScript 7 compiler (`node_modules/.bin/tsc`):
 * - every generated emitter module (bundled registry and both fixture registries) compiles
 *   under the strictest settings a consumer might use, with no @types at all;
 * - test/emitters/types/must-compile.ts compiles against pino 10 and pino 9 loggers;
 * - test/emitters/types/must-fail.ts.txt produces exactly the TypeScript errors its
 *   `// expect: TSxxxx` comments name, on those lines and nowhere else.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO, tmpProject } from "../helpers/project.js";
import { fixtureIr, renderEmitters, runTsc, STRICTEST, tsconfigJson, type TscDiagnostic } from "./helpers.js";

function writeAll(dir: string, files: Record<string, string>): void {
  mkdirSync(dir, { recursive: true });
  for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text);
}

describe("generated emitters compile under the strictest settings, with no dependencies", () => {
  let result: ReturnType<typeof runTsc>;
  beforeAll(() => {
    const dir = tmpProject({ "package.json": JSON.stringify({ type: "module" }) }, { linkNodeModules: false });
    cpSync(join(REPO, "generated/emitters"), join(dir, "bundled"), { recursive: true });
    writeAll(join(dir, "job"), renderEmitters(fixtureIr("job")));
    writeAll(join(dir, "hostile"), renderEmitters(fixtureIr("hostile")));
    writeAll(join(dir, "idempotency"), renderEmitters(fixtureIr("idempotency")));
    writeAll(join(dir, "ts-imports"), renderEmitters(fixtureIr("job"), { importExtension: ".ts" }));
    writeFileSync(
      join(dir, "tsconfig.json"),
      // No node_modules, no @types, an older lib: the code needs nothing but the language.
      tsconfigJson(["bundled/*.ts", "job/*.ts", "hostile/*.ts", "idempotency/*.ts", "ts-imports/*.ts"], {
        ...STRICTEST,
        target: "ES2020",
        lib: ["ES2020"],
        types: [],
        allowImportingTsExtensions: true,
      }),
    );
    result = runTsc(dir);
  });
  it("tsc reports nothing", () => {
    expect(result.output).toBe("");
    expect(result.code).toBe(0);
  });
});

/** `// expect: TS2322, TS2345` → line → sorted codes. */
function expectations(source: string): Map<number, string[]> {
  const out = new Map<number, string[]>();
  source.split("\n").forEach((line, i) => {
    const m = /\/\/ expect: (TS\d+(?:, TS\d+)*)\s*$/.exec(line);
    if (m) out.set(i + 1, m[1]!.split(", ").sort());
  });
  return out;
}

function byLine(diagnostics: TscDiagnostic[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const d of diagnostics) out.set(d.line, [...(out.get(d.line) ?? []), d.code].sort());
  return out;
}

const FIXTURES = join(REPO, "test/emitters/types");

/**
 * A consumer project holding the call-site fixtures `<name>-must-compile.ts` and
 * `<name>-must-fail.ts` (from its `.ts.txt`) at the repo's relative layout, so their
 * imports of generated code resolve once the caller copies it in.
 */
function callSiteProject(prefix: string): string {
  return tmpProject({
    "package.json": JSON.stringify({ type: "module" }),
    [`test/emitters/types/${prefix}must-compile.ts`]: readFileSync(join(FIXTURES, `${prefix}must-compile.ts`), "utf8"),
    [`test/emitters/types/${prefix}must-fail.ts`]: readFileSync(join(FIXTURES, `${prefix}must-fail.ts.txt`), "utf8"),
    "tsconfig.json": tsconfigJson(["test/emitters/types/*.ts"], {
      ...STRICTEST,
      noUnusedLocals: false,
      types: ["node"],
      skipLibCheck: true,
    }),
  });
}

describe("call sites", () => {
  let diagnostics: TscDiagnostic[];
  beforeAll(() => {
    const dir = callSiteProject("");
    cpSync(join(REPO, "generated/emitters"), join(dir, "generated/emitters"), { recursive: true });
    diagnostics = runTsc(dir).diagnostics;
  });

  it("must-compile.ts compiles (pino 10, pino 9, child loggers, adapters, options)", () => {
    expect(diagnostics.filter((d) => d.file.endsWith("must-compile.ts"))).toEqual([]);
  });

  it("must-fail.ts.txt fails exactly where and how its expect: comments say", () => {
    const want = expectations(readFileSync(join(FIXTURES, "must-fail.ts.txt"), "utf8"));
    expect(want.size).toBeGreaterThanOrEqual(12);
    const got = byLine(diagnostics.filter((d) => d.file.endsWith("must-fail.ts")));
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries(want));
  });

  it.each([
    [
      "a wrong field name is reported with a did-you-mean",
      // The event's fields are spelled out: the message names every field the event takes.
      /'downtime_msx' does not exist in type '\{ readonly attempt: number; readonly time_to_connect_ms: number; readonly downtime_ms: number; \}'\. Did you mean to write 'downtime_ms'\?/,
    ],
    [
      "a missing field is named",
      /Property 'downtime_ms' is missing in type .* but required in type '\{ readonly attempt: number; readonly time_to_connect_ms: number; readonly downtime_ms: number; \}'/,
    ],
    [
      "an extra field is named",
      /'region' does not exist in type '\{ readonly attempt: number; readonly time_to_connect_ms: number; readonly downtime_ms: number; \}'/,
    ],
    [
      "a wrong enum member shows the allowed members",
      /Type '"server"' is not assignable to type '"broker" \| "client"'/,
    ],
    [
      "a misspelled event suggests the right one",
      /Property 'conected' does not exist on type 'DaemonConnectionEmitters'\. Did you mean 'connected'\?/,
    ],
    [
      "a missing logger level is named",
      /Property 'error' is missing in type .* but required in type 'DaemonConnectionLogger'/,
    ],
  ])("%s", (_name, message) => {
    expect(diagnostics.map((d) => d.message)).toContainEqual(expect.stringMatching(message));
  });
});

describe("call sites of an event with variants (a union parameter)", () => {
  let diagnostics: TscDiagnostic[];
  beforeAll(() => {
    const dir = callSiteProject("variants-");
    // dereference: the golden's logpact-runtime.ts is a link to generated/emitters/.
    cpSync(join(REPO, "test/emitters/golden/idempotency"), join(dir, "test/emitters/golden/idempotency"), {
      recursive: true,
      dereference: true,
    });
    diagnostics = runTsc(dir).diagnostics;
  });

  it("variants-must-compile.ts compiles: each variant with its own fields, narrowing on the discriminator", () => {
    expect(diagnostics.filter((d) => !d.file.endsWith("variants-must-fail.ts"))).toEqual([]);
  });

  it("variants-must-fail.ts.txt fails exactly where and how its expect: comments say", () => {
    const want = expectations(readFileSync(join(FIXTURES, "variants-must-fail.ts.txt"), "utf8"));
    expect(want.size).toBe(7);
    expect(Object.fromEntries(byLine(diagnostics.filter((d) => d.file.endsWith("variants-must-fail.ts"))))).toEqual(
      Object.fromEntries(want),
    );
  });

  it("a field of another variant is named with the variant's type", () => {
    expect(diagnostics.map((d) => d.message)).toContainEqual(
      expect.stringMatching(
        /'err' does not exist in type '\{ readonly reason: "unavailable"; readonly deliveryId: string; \}'/,
      ),
    );
  });
});
