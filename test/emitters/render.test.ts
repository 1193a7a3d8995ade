/**
 * The emitters target as a pure function: golden files (the committed generated/emitters/
 * for the bundled registry, test/emitters/golden/<fixture>/ for the fixture registries),
 * options, and the generation-time errors. `UPDATE_GOLDEN=1` rewrites the fixture goldens.
 */
import {
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { ts } from "ts-morph";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../generator/config/load.js";
import { ConfigurationError, LogpactError } from "../../generator/errors.js";
import type { FamilyIR, RegistryIR } from "../../generator/registry/ir.js";
import { REPO } from "../helpers/project.js";
import { bundledIr } from "../helpers/registry.js";
import { thrownBy } from "../helpers/thrown.js";
import { RUNTIME_MODULE } from "../../generator/targets/emitters/index.js";
import { fixtureIr, renderEmitters, type FixtureName } from "./helpers.js";

const GOLDEN = join(REPO, "test/emitters/golden");
const RUNTIME = `${RUNTIME_MODULE}.ts`;
/**
 * The runtime depends on the emitters options and the config's eventKey, not on the registry's
 * families: every fixture (default options) renders the bytes of the bundled one, so each
 * golden folder links to generated/emitters/logpact-runtime.ts instead of holding a copy.
 */
const RUNTIME_LINK = `../../../../generated/emitters/${RUNTIME}`;

function readDir(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [f, readFileSync(join(dir, f), "utf8")]),
  );
}

describe("golden files", () => {
  it("the committed generated/emitters/ is what the target renders for the bundled registry", async () => {
    const files = renderEmitters(await bundledIr());
    expect(Object.keys(files).sort()).toEqual([
      "daemon-connection.ts",
      "daemon-connection.validate.ts",
      "dispatch-health.ts",
      "dispatch-health.validate.ts",
      "gateway-connection.ts",
      "gateway-connection.validate.ts",
      "index.ts",
      "logpact-runtime.ts",
      "workflow-run.ts",
      "workflow-run.validate.ts",
      "ws-liveness.ts",
      "ws-liveness.validate.ts",
    ]);
    // generate() normalises newlines; the target already writes LF with a final newline.
    const committed = readDir(join(REPO, "generated/emitters"));
    for (const [path, text] of Object.entries(files))
      expect(`${text.replace(/\n*$/, "")}\n`, path).toBe(committed[path]);
  });

  it.each<[FixtureName]>([["job"], ["hostile"], ["idempotency"]])(
    "fixture registry %s matches test/emitters/golden/%s/",
    (name) => {
      const files = Object.fromEntries(
        Object.entries(renderEmitters(fixtureIr(name))).map(([p, t]) => [p, `${t.replace(/\n*$/, "")}\n`]),
      );
      const dir = join(GOLDEN, name);
      if (process.env.UPDATE_GOLDEN) {
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir, { recursive: true });
        for (const [path, text] of Object.entries(files)) if (path !== RUNTIME) writeFileSync(join(dir, path), text);
        symlinkSync(RUNTIME_LINK, join(dir, RUNTIME));
      }
      // The runtime is stored once: a link, so reading the folder compares this fixture's
      // runtime with the committed generated/emitters/ one (which `gen --check` guards).
      expect(lstatSync(join(dir, RUNTIME)).isSymbolicLink()).toBe(true);
      expect(readlinkSync(join(dir, RUNTIME))).toBe(RUNTIME_LINK);
      expect(files).toEqual(readDir(dir));
    },
  );

  it("each event is documented once, on its entry in the fields type (which its emitter shows)", async () => {
    const ir = await bundledIr();
    const files = renderEmitters(ir);
    for (const family of ir.families) {
      const file = Object.keys(files).find(
        (p) =>
          !/\.validate\.ts$|^index\.ts$|^logpact-runtime\.ts$/.test(p) &&
          files[p]!.includes(`: "${family.events[0]!.name}",`),
      )!;
      const text = files[file]!;
      for (const event of family.events) {
        const description = event.description!.split("\n")[0]!;
        // Once in the module (field descriptions are other text), on the emitter with its level.
        expect(text.split(description).length - 1, event.name).toBe(1);
        expect(text, event.name).toContain(`   * ${description}`);
        expect(text, event.name).toContain(`Logs \`${event.name}\` at \`${event.level}\``);
        // At most one example, as a call.
        const method = /^[A-Za-z_$][\w$]*$/.test(event.short) ? event.short : event.short.replace(/[^\w$]/g, "_");
        expect(text.split(`@example log.${method}(`).length - 1, event.name).toBe(event.examples.length ? 1 : 0);
      }
    }
  });

  it("is deterministic: rendering twice gives the same bytes", async () => {
    const ir = await bundledIr();
    expect(renderEmitters(ir)).toEqual(renderEmitters(ir));
  });
});

describe("hostile registry text stays text", () => {
  const files = renderEmitters(fixtureIr("hostile"));
  const source = files["hostile.ts"]!;
  const sf = ts.createSourceFile("hostile.ts", source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);

  it("parses without syntax errors and declares exactly the expected top-level statements", () => {
    expect((sf as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics).toEqual([]);
    // SyntaxKind has aliases (VariableStatement = FirstStatement): name statements by their guard.
    const kinds = sf.statements.map((s) => (ts.isVariableStatement(s) ? "VariableStatement" : ts.SyntaxKind[s.kind]));
    expect(kinds).toEqual([
      "ImportDeclaration",
      "ImportDeclaration",
      "ExportDeclaration",
      "VariableStatement", // HOSTILE_LOG_EVENTS
      "ExpressionStatement", // Object.freeze(HOSTILE_LOG_EVENTS)
      "TypeAliasDeclaration",
      "VariableStatement", // HOSTILE_LOG_LEVELS
      "ExpressionStatement",
      "VariableStatement", // HOSTILE_REDACT_PATHS
      "InterfaceDeclaration", // HostileFields: every event's fields (all-optional, empty, we"ird*/name)
      "TypeAliasDeclaration", // emitters, mapped from the fields
      "TypeAliasDeclaration", // payload union
      "TypeAliasDeclaration", // logger
      "FunctionDeclaration",
      "FunctionDeclaration",
      "FunctionDeclaration",
    ]);
  });

  it("every string literal in the module is a registry string, a field name or generated text", () => {
    const ir = fixtureIr("hostile");
    const event = ir.families[0]!.events.find((e) => e.name.includes("ird"))!;
    const literals: string[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isStringLiteral(node)) literals.push(node.text);
      ts.forEachChild(node, visit);
    };
    visit(sf);
    expect(literals).toContain(event.name);
    expect(literals).toContain(event.message);
    // Enum members survive byte for byte as literal types.
    for (const member of event.fields.find((f) => f.name === "quoted")!.enum!) expect(literals).toContain(member);
    // No template literal anywhere: `${…}` in registry text can never be evaluated.
    const templates: string[] = [];
    const findTemplates = (node: ts.Node): void => {
      if (ts.isTemplateExpression(node) || ts.isNoSubstitutionTemplateLiteral(node)) templates.push(node.getText());
      ts.forEachChild(node, findTemplates);
    };
    findTemplates(sf);
    expect(templates).toEqual([]);
  });

  it("doc comments cannot be closed, cannot start tags, and carry no raw line separators", () => {
    for (const [path, text] of Object.entries(files)) {
      expect(text, path).not.toMatch(/[\u2028\u2029\r\u0007]/);
      for (const comment of text.match(/\/\*[\s\S]*?\*\//g) ?? []) {
        // The registry's "@deprecated on a new line" must stay text.
        expect(comment, path).not.toMatch(/^\s*\* @deprecated on a new line/m);
      }
    }
    expect(files["hostile.ts"]).toContain("Ends a comment *\\/ here");
    expect(files["hostile.ts"]).toContain("\\@deprecated on a new line (not a tag)");
  });
});

/** A copy of an IR with `edit` applied (the IR itself is frozen). */
function edited(ir: RegistryIR, edit: (ir: { families: FamilyIR[] }) => void): RegistryIR {
  const copy = JSON.parse(JSON.stringify(ir)) as RegistryIR & { families: FamilyIR[] };
  edit(copy);
  return copy;
}

function renameFamily(f: FamilyIR, name: string): FamilyIR {
  return { ...f, name, events: f.events.map((e) => ({ ...e, family: name, name: `${name}.${e.short}` })) };
}

describe("generation-time errors name the family, event or field and the fix", () => {
  const job = fixtureIr("job");
  const cases: [string, { given: RegistryIR; want: RegExp[] }][] = [
    [
      "two families with the same module name",
      {
        given: edited(job, (ir) =>
          ir.families.push(
            renameFamily(ir.families[0]!, "jo-b") as never,
            renameFamily(ir.families[0]!, "jo.b") as never,
          ),
        ),
        want: [
          /error LP_EMITTER_NAME_CLASH \[jo\.b\]/,
          /families "jo-b" \(schemas\/job\.ts\) and "jo\.b" both map to the generated module jo-b\.ts/,
          /fix: rename one of the families/,
        ],
      },
    ],
    [
      "a family that would overwrite the index module",
      {
        given: edited(job, (ir) => (ir.families[0] = renameFamily(ir.families[0]!, "index"))),
        want: [/LP_EMITTER_NAME_CLASH \[index\]/, /written to index\.ts, which the emitters target writes for itself/],
      },
    ],
    [
      "two events whose emitter methods collide",
      {
        given: edited(job, (ir) => {
          const f = ir.families[0]!;
          const a = f.events[0]!;
          (f.events as unknown[]).push(
            { ...a, name: "job.a-b", short: "a-b" },
            { ...a, name: "job.a_b", short: "a_b" },
          );
        }),
        want: [
          /LP_EMITTER_NAME_CLASH \[job > job\.a_b\]/,
          /events "job\.a-b" and "job\.a_b" both map to the emitter method a_b\(\)/,
        ],
      },
    ],
    [
      "a generated identifier taken by the runtime",
      {
        given: edited(job, (ir) => (ir.families[0] = renameFamily(ir.families[0]!, "emitter"))),
        want: [
          /LP_EMITTER_NAME_CLASH \[emitter\]/,
          /identifier EmitterLogger of family "emitter" is already taken by the emitters runtime/,
        ],
      },
    ],
    [
      "a field schema the validator cannot check",
      {
        given: edited(job, (ir) => {
          const field = ir.families[0]!.events[0]!.fields[0]!;
          (field as { schema: unknown }).schema = { $ref: "#/$defs/Node" };
        }),
        want: [
          /schemas\/job\.ts: error LP_EMITTER_UNSUPPORTED_SCHEMA \[job > job\.started > jobId\]/,
          /keyword "\$ref"/,
          /fix: inline the referenced schema/,
        ],
      },
    ],
  ];
  it.each(cases)("%s", (_name, { given, want }) => {
    const error = thrownBy(() => renderEmitters(given), LogpactError);
    for (const pattern of want) expect(error.message).toMatch(pattern);
  });
});

describe("options", () => {
  const ir = fixtureIr("job");
  const cases: [
    string,
    { given: Record<string, unknown>; want: { file: string; contains: string[]; lacks?: string[] } },
  ][] = [
    [
      "defaults: off, LOGPACT_VALIDATE, .js imports",
      {
        given: {},
        want: {
          file: "logpact-runtime.ts",
          contains: [
            'DEFAULT_VALIDATION: ValidationMode = "off"',
            'VALIDATION_ENV: string | undefined = "LOGPACT_VALIDATE"',
          ],
        },
      },
    ],
    [
      "validation on by default",
      {
        given: { validation: "throw" },
        want: { file: "logpact-runtime.ts", contains: ['DEFAULT_VALIDATION: ValidationMode = "throw"'] },
      },
    ],
    [
      "a custom environment variable",
      {
        given: { validationEnv: "APP_LOG_CHECKS" },
        want: {
          file: "logpact-runtime.ts",
          contains: ['VALIDATION_ENV: string | undefined = "APP_LOG_CHECKS"', "environment variable `APP_LOG_CHECKS`"],
        },
      },
    ],
    [
      "the environment ignored",
      {
        given: { validationEnv: false },
        want: {
          file: "logpact-runtime.ts",
          contains: ["VALIDATION_ENV: string | undefined = undefined"],
          lacks: ["LOGPACT_VALIDATE"],
        },
      },
    ],
    [
      "`.ts` imports",
      {
        given: { importExtension: ".ts" },
        want: {
          file: "job.ts",
          contains: ['from "./logpact-runtime.ts"', 'from "./job.validate.ts"'],
          lacks: ['.js"'],
        },
      },
    ],
    [
      "extensionless imports",
      {
        given: { importExtension: "" },
        want: { file: "index.ts", contains: ['from "./logpact-runtime"', 'export * from "./job"'] },
      },
    ],
  ];
  it.each(cases)("%s", (_name, { given, want }) => {
    const text = renderEmitters(ir, given)[want.file]!;
    for (const c of want.contains) expect(text).toContain(c);
    for (const l of want.lacks ?? []) expect(text).not.toContain(l);
  });

  it("a family without examples gets a factory example that names the required fields, not `{}`", () => {
    const bare: RegistryIR = {
      ...ir,
      families: ir.families.map((f) => ({
        ...f,
        events: f.events.map((e) => ({
          ...e,
          examples: [],
          variants: e.variants?.map((v) => ({ ...v, examples: [] })),
        })),
      })) as FamilyIR[],
    };
    const text = renderEmitters(bare)["job.ts"]!;
    expect(text).toContain("* log.started({ jobId, queue, attempt, limits, retryAt, owner_email });");
    expect(text).not.toMatch(/\* log\.\w+\(\{\}\);/);
  });

  it.each([
    [
      "an environment variable name with a space",
      { validationEnv: "MY VAR" },
      /targets\.emitters\.options\.validationEnv/,
    ],
    ["an unknown validation mode", { validation: "strict" }, /targets\.emitters\.options\.validation/],
    ["an unknown option (with a did-you-mean)", { validaton: "off" }, /validaton/],
  ])("the config rejects %s", (_name, options, want) => {
    expect(() => parseConfig({ targets: { emitters: { options } } } as never, "logpact.config.json")).toThrow(
      ConfigurationError,
    );
    expect(() => parseConfig({ targets: { emitters: { options } } } as never, "logpact.config.json")).toThrow(want);
  });
});
