/**
 * Type tests with the real TypeScript 7 compiler (`node_modules/.bin/tsc`):
 * - every generated emitter module (bundled registry and both fixture registries) compiles
 *   under the strictest settings a consumer might use, with no @types at all;
 * - test/emitters/types/must-compile.ts compiles against pino 10 and pino 9 loggers;
 * - test/emitters/types/must-fail.ts.txt produces exactly the TypeScript errors its
 *   `// expect: TSxxxx` comments name, on those lines and nowhere else.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
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
const CALL_SITE_FIXTURES = ["", "variants-"];

/**
 * One consumer project holding every call-site fixture (`<prefix>must-compile.ts`, and
 * `<prefix>must-fail.ts` from its `.ts.txt`) at the repo's relative layout, with the
 * generated code their imports name, type-checked by one tsc run: the fixtures share their
 * settings, and each diagnostic names its file and line.
 */
let callSites: TscDiagnostic[] | undefined;
function callSiteDiagnostics(): TscDiagnostic[] {
  if (callSites) return callSites;
  const files: Record<string, string> = {
    "package.json": JSON.stringify({ type: "module" }),
    "tsconfig.json": tsconfigJson(["test/emitters/types/*.ts"], {
      ...STRICTEST,
      noUnusedLocals: false,
      types: ["node"],
      skipLibCheck: true,
    }),
  };
  for (const prefix of CALL_SITE_FIXTURES) {
    files[`test/emitters/types/${prefix}must-compile.ts`] = readFileSync(
      join(FIXTURES, `${prefix}must-compile.ts`),
      "utf8",
    );
    files[`test/emitters/types/${prefix}must-fail.ts`] = readFileSync(
      join(FIXTURES, `${prefix}must-fail.ts.txt`),
      "utf8",
    );
  }
  const dir = tmpProject(files);
  cpSync(join(REPO, "generated/emitters"), join(dir, "generated/emitters"), { recursive: true });
  // dereference: the golden's logpact-runtime.ts is a link to generated/emitters/.
  cpSync(join(REPO, "test/emitters/golden/idempotency"), join(dir, "test/emitters/golden/idempotency"), {
    recursive: true,
    dereference: true,
  });
  callSites = runTsc(dir).diagnostics;
  return callSites;
}

/** The diagnostics reported in the file named `name` (a base name). */
const inFile = (diagnostics: TscDiagnostic[], name: string) => diagnostics.filter((d) => basename(d.file) === name);
const MUST_FAIL = CALL_SITE_FIXTURES.map((prefix) => `${prefix}must-fail.ts`);

describe("call sites", () => {
  let diagnostics: TscDiagnostic[];
  beforeAll(() => {
    diagnostics = callSiteDiagnostics();
  });

  it("must-compile.ts compiles (pino 10, pino 9, child loggers, adapters, options)", () => {
    expect(inFile(diagnostics, "must-compile.ts")).toEqual([]);
  });

  it("must-fail.ts.txt fails exactly where and how its expect: comments say", () => {
    const want = expectations(readFileSync(join(FIXTURES, "must-fail.ts.txt"), "utf8"));
    expect(want.size).toBeGreaterThanOrEqual(12);
    const got = byLine(inFile(diagnostics, "must-fail.ts"));
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
    expect(inFile(diagnostics, "must-fail.ts").map((d) => d.message)).toContainEqual(expect.stringMatching(message));
  });
});

describe("call sites of an event with variants (a union parameter)", () => {
  let diagnostics: TscDiagnostic[];
  beforeAll(() => {
    diagnostics = callSiteDiagnostics();
  });

  it("variants-must-compile.ts compiles: each variant with its own fields, narrowing on the discriminator", () => {
    expect(diagnostics.filter((d) => !MUST_FAIL.includes(basename(d.file)))).toEqual([]);
  });

  it("variants-must-fail.ts.txt fails exactly where and how its expect: comments say", () => {
    const want = expectations(readFileSync(join(FIXTURES, "variants-must-fail.ts.txt"), "utf8"));
    expect(want.size).toBe(7);
    expect(Object.fromEntries(byLine(inFile(diagnostics, "variants-must-fail.ts")))).toEqual(Object.fromEntries(want));
  });

  it("a field of another variant is named with the variant's type", () => {
    expect(inFile(diagnostics, "variants-must-fail.ts").map((d) => d.message)).toContainEqual(
      expect.stringMatching(
        /'err' does not exist in type '\{ readonly reason: "unavailable"; readonly deliveryId: string; \}'/,
      ),
    );
  });
});
