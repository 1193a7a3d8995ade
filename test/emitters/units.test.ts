/**
 * Unit tables for the pieces of the emitters target: names, doc-comment escaping, JSON
 * Schema → TypeScript types, validator rule data, and user template overrides.
 */
import { describe, expect, it } from "vitest";
import { LogpactError } from "../../generator/errors.js";
import type { JsonSchema } from "../../generator/registry/ir.js";
import { code, docText, renderDoc } from "../../generator/targets/emitters/doc.js";
import {
  camelCase,
  jsLiteral,
  kebabCase,
  methodName,
  pascalCase,
  propertyAccess,
  propertyKey,
  redactPath,
  screamingCase,
} from "../../generator/targets/emitters/names.js";
import { tsType } from "../../generator/targets/emitters/ts-types.js";
import { ruleSchema } from "../../generator/targets/emitters/validator-rules.js";
import { tmpProject } from "../helpers/project.js";
import { fixtureIr, renderEmitters } from "./helpers.js";

describe("names", () => {
  const cases: [
    string,
    { given: string; want: { pascal: string; camel: string; screaming: string; kebab: string } },
  ][] = [
    [
      "a dotted family",
      {
        given: "daemon.connection",
        want: {
          pascal: "DaemonConnection",
          camel: "daemonConnection",
          screaming: "DAEMON_CONNECTION",
          kebab: "daemon-connection",
        },
      },
    ],
    [
      "snake_case inside a segment",
      {
        given: "ws.liveness_v2",
        want: { pascal: "WsLivenessV2", camel: "wsLivenessV2", screaming: "WS_LIVENESS_V2", kebab: "ws-liveness-v2" },
      },
    ],
    [
      "camelCase humps",
      {
        given: "readyState",
        want: { pascal: "ReadyState", camel: "readyState", screaming: "READY_STATE", kebab: "ready-state" },
      },
    ],
    [
      "a leading digit",
      {
        given: "3d.render",
        want: { pascal: "_3dRender", camel: "_3dRender", screaming: "_3D_RENDER", kebab: "3d-render" },
      },
    ],
    [
      "punctuation only separates",
      {
        given: 'we"ird*/name',
        want: { pascal: "WeIrdName", camel: "weIrdName", screaming: "WE_IRD_NAME", kebab: "we-ird-name" },
      },
    ],
  ];
  it.each(cases)("%s", (_name, { given, want }) => {
    expect({
      pascal: pascalCase(given),
      camel: camelCase(given),
      screaming: screamingCase(given),
      kebab: kebabCase(given),
    }).toEqual(want);
  });

  it.each([
    ["an identifier short name stays as written (greppable)", "connect_attempt", "connect_attempt"],
    ["a dash becomes an underscore", "all-optional", "all_optional"],
    ["nested segments join with _", "poll.stale", "poll_stale"],
    ["a leading digit gets a _", "2fa_sent", "_2fa_sent"],
  ])("method name: %s", (_name, short, want) => expect(methodName({ short })).toBe(want));

  it.each([
    ["attempt", "attempt", "f.attempt", "attempt"],
    ["content-type", '"content-type"', 'f["content-type"]', '["content-type"]'],
    ["__proto__", '["__proto__"]', "f.__proto__", "__proto__"],
    ['a"b', '"a\\"b"', 'f["a\\"b"]', '["a\\"b"]'],
  ])("property %j → key %s, access %s, redact path %s", (name, key, access, path) => {
    expect([propertyKey(name), propertyAccess("f", name), redactPath(name)]).toEqual([key, access, path]);
  });

  it("jsLiteral writes identifier keys bare and defines (not sets) __proto__", () => {
    const value = JSON.parse('{"a":1,"b-c":[true,null,"x"],"__proto__":{"d":"*/"}}') as unknown;
    const text = jsLiteral(value);
    expect(text).toBe('{ a: 1, "b-c": [true, null, "x"], ["__proto__"]: { d: "*/" } }');
    expect(Object.keys(new Function(`return (${text});`)() as object)).toEqual(["a", "b-c", "__proto__"]);
  });
});

describe("doc comments", () => {
  const cases: [string, { given: string; want: string[] }][] = [
    ["plain text", { given: "One line.", want: ["One line."] }],
    ["a comment terminator", { given: "a */ b", want: ["a *\\/ b"] }],
    [
      "every line break, including U+2028/9",
      { given: "a\r\nb\rc\u2028d\u2029e\nf", want: ["a", "b", "c", "d", "e", "f"] },
    ],
    ["a line starting with a tag", { given: "x\n  @deprecated no", want: ["x", "  \\@deprecated no"] }],
    ["a tag mid-line stays", { given: "see @link", want: ["see @link"] }],
    ["control characters become visible escapes", { given: "a\u0007b\u001bc", want: ["a\\u0007b\\u001bc"] }],
    [
      "backticks, ${ and quotes are harmless in a comment",
      { given: "`x` ${y} \"z\" 'w'", want: ["`x` ${y} \"z\" 'w'"] },
    ],
    ["trailing spaces trimmed", { given: "a  \nb", want: ["a", "b"] }],
  ];
  it.each(cases)("%s", (_name, { given, want }) => expect(docText(given)).toEqual(want));

  it.each([
    ["plain", "x", "`x`"],
    ["with a backtick", "a`b", "``a`b``"],
    ["starting with a backtick", "`a", "`` `a ``"],
  ])("code span: %s", (_name, given, want) => expect(code(given)).toBe(want));

  it.each([
    ["nothing", [], ""],
    ["one line", ["x"], "  /** x */"],
    ["blank runs collapse, edges drop", ["", "a", "", "", "b", ""], "  /**\n   * a\n   *\n   * b\n   */"],
  ])("renderDoc: %s", (_name, lines, want) => expect(renderDoc(lines, "  ")).toBe(want));
});

describe("JSON Schema → TypeScript", () => {
  const cases: [string, { given: JsonSchema | boolean; want: string }][] = [
    ["string", { given: { type: "string", minLength: 1 }, want: "string" }],
    ["integer", { given: { type: "integer", minimum: 0 }, want: "number" }],
    ["nullable (anyOf)", { given: { anyOf: [{ type: "integer" }, { type: "null" }] }, want: "number | null" }],
    ["nullable (type list)", { given: { type: ["number", "null"] }, want: "number | null" }],
    ["enum", { given: { type: "string", enum: ["client", "broker"] }, want: '"client" | "broker"' }],
    [
      "literal union of mixed types",
      { given: { anyOf: [{ const: "SIGKILL" }, { const: 9 }, { const: false }] }, want: '"SIGKILL" | 9 | false' },
    ],
    [
      "hostile enum members stay string literals",
      { given: { enum: ['a"b', "c*/d", "${e}"] }, want: '"a\\"b" | "c*/d" | "${e}"' },
    ],
    ["array", { given: { type: "array", items: { type: "string" } }, want: "readonly string[]" }],
    [
      "array of a union",
      {
        given: { type: "array", items: { anyOf: [{ type: "string" }, { type: "null" }] } },
        want: "readonly (string | null)[]",
      },
    ],
    [
      "2020-12 tuple",
      {
        given: { type: "array", prefixItems: [{ type: "string" }, { type: "integer" }], items: false, minItems: 2 },
        want: "readonly [string, number]",
      },
    ],
    [
      "draft-07 tuple with optional tail",
      {
        given: { type: "array", items: [{ type: "string" }, { type: "boolean" }], minItems: 1 },
        want: "readonly [string, boolean?, ...unknown[]]",
      },
    ],
    [
      "record",
      {
        given: { type: "object", additionalProperties: { type: "number" } },
        want: "{ readonly [key: string]: number }",
      },
    ],
    [
      "closed empty object",
      {
        given: { type: "object", properties: {}, additionalProperties: false },
        want: "Readonly<Record<string, never>>",
      },
    ],
    [
      "strict object with optional key and a doc",
      {
        given: {
          type: "object",
          properties: { a: { type: "string", description: "A */ doc" }, "b-c": { type: "integer" } },
          required: ["a"],
          additionalProperties: false,
        },
        want: '{\n  /** A *\\/ doc */\n  readonly a: string;\n  readonly "b-c"?: number | undefined;\n}',
      },
    ],
    [
      "open object",
      {
        given: { type: "object", properties: { a: { type: "string" } }, required: ["a"] },
        want: "{\n  readonly a: string;\n  readonly [key: string]: unknown;\n}",
      },
    ],
    [
      "allOf intersects",
      {
        given: {
          allOf: [
            { type: "object", additionalProperties: { type: "string" } },
            { type: "object", additionalProperties: { type: "number" } },
          ],
        },
        want: "{ readonly [key: string]: string } & { readonly [key: string]: number }",
      },
    ],
    ["no type at all", { given: {}, want: "unknown" }],
    ["true and false schemas", { given: { anyOf: [true, false] }, want: "unknown" }],
  ];
  it.each(cases)("%s", (_name, { given, want }) => expect(tsType(given)).toBe(want));
});

describe("validator rule data", () => {
  const where = () => {
    const family = fixtureIr("job").families[0]!;
    return { family, event: family.events[0]!, field: "f" };
  };
  it("drops annotations at every depth and sorts keywords", () => {
    const given = {
      type: "object",
      description: "d",
      properties: {
        b: { type: "string", examples: ["x"], title: "t" },
        a: { anyOf: [{ type: "integer", deprecated: true }, { type: "null" }] },
      },
      required: ["b"],
    };
    expect(ruleSchema(given, where())).toEqual({
      properties: { a: { anyOf: [{ type: "integer" }, { type: "null" }] }, b: { type: "string" } },
      required: ["b"],
      type: "object",
    });
  });
  it.each([
    ["$ref", { $ref: "#/$defs/x" }, /keyword "\$ref"/],
    [
      "a nested unknown keyword",
      { type: "array", items: { type: "string", if: {} } },
      /at "f\[\]" uses the JSON Schema keyword "if"/,
    ],
  ])("refuses %s with LP_EMITTER_UNSUPPORTED_SCHEMA", (_name, given, want) => {
    expect(() => ruleSchema(given as JsonSchema, where())).toThrow(LogpactError);
    expect(() => ruleSchema(given as JsonSchema, where())).toThrow(want);
  });
});

describe("template overrides", () => {
  it("a file in <templates>/emitters/ replaces the bundled template of that name, with the same data", () => {
    const dir = tmpProject(
      {
        "templates/emitters/index.ts.hbs":
          "{{{comment header}}}\n// custom index: {{#each families}}{{{import}}} {{/each}}\n",
      },
      { linkNodeModules: false },
    );
    const files = renderEmitters(fixtureIr("job"), {}, `${dir}/templates`);
    expect(files["index.ts"]).toContain('// custom index: "./job.js"');
    expect(files["job.ts"]).toContain("export function jobEmitters("); // others stay bundled
  });

  it("the doc helpers refuse data that is not escaped doc lines", () => {
    const dir = tmpProject(
      { "templates/emitters/index.ts.hbs": '{{{doc redactPaths ""}}}\n' },
      { linkNodeModules: false },
    );
    expect(() => renderEmitters(fixtureIr("job"), {}, `${dir}/templates`)).toThrow(
      /doc\/comment helpers take the escaped doc line arrays/,
    );
  });
});
