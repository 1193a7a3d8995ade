/**
 * The data behind the generated validators: each field's JSON Schema reduced to the
 * keywords that constrain values (registry/field-schema.ts), written as a TypeScript
 * literal, and the rules that interpret it (registry/value-rules.ts, embedded as text in
 * the generated `logpact-runtime.ts`, which stays dependency-free).
 */
import { DiagnosticError } from "../../errors.js";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ANNOTATION_KEYWORDS, rewriteSchema, VALUE_KEYWORDS } from "../../registry/field-schema.js";
import type { EventIR, FamilyIR, JsonSchema } from "../../registry/ir.js";

type Schema = JsonSchema | boolean;

interface Where {
  family: FamilyIR;
  event: EventIR;
  field: string;
}

function unsupported(keyword: string, path: string, where: Where): DiagnosticError {
  const fix =
    keyword === "$ref"
      ? "inline the referenced schema (recursive field types are not supported in log fields)"
      : `express the constraint with supported keywords (${[...VALUE_KEYWORDS].slice(0, 8).join(", ")}, …), or disable the emitters target (targets.emitters.enabled: false)`;
  return new DiagnosticError({
    code: "LP_EMITTER_UNSUPPORTED_SCHEMA",
    severity: "error",
    message: `field schema at "${path}" uses the JSON Schema keyword "${keyword}", which the generated validator cannot check`,
    fix,
    file: where.family.source.file,
    family: where.family.name,
    event: where.event.name,
    field: where.field,
  });
}

/** The schema without annotations, keys sorted; throws on a keyword the generated validator cannot check. */
export function ruleSchema(schema: Schema, where: Where, path = where.field): Schema {
  return rewriteSchema(
    schema,
    {
      keep: (key, _s, at) => {
        if (ANNOTATION_KEYWORDS.has(key)) return false;
        if (!VALUE_KEYWORDS.has(key)) throw unsupported(key, at, where);
        return true;
      },
      sort: true,
    },
    path,
  ) as Schema;
}

/** Marks where value-rules.ts stops being about itself and starts being the runtime's code. */
const VALUE_RULES_MARKER = "// --- logpact-runtime: value rules from here ---\n";

let valueRulesText: string | undefined;

/**
 * The value rules (registry/value-rules.ts) as the generated runtime embeds them: the
 * file's text below its marker, functions and constants no longer exported. Read from the
 * package (the build copies the source beside the compiled module as `value-rules.ts.txt`).
 */
export function valueRulesSource(): string {
  if (valueRulesText === undefined) {
    const base = fileURLToPath(new URL("../../registry/value-rules", import.meta.url));
    const file = [`${base}.ts`, `${base}.ts.txt`].find((f) => existsSync(f));
    if (file === undefined) throw new Error(`logpact is missing ${base}.ts.txt: reinstall the package`);
    const text = readFileSync(file, "utf8");
    const at = text.indexOf(VALUE_RULES_MARKER);
    if (at < 0) throw new Error(`${file} has lost its marker line ${JSON.stringify(VALUE_RULES_MARKER.trim())}`);
    valueRulesText = text
      .slice(at + VALUE_RULES_MARKER.length)
      .replace(/^export (function|const) /gm, "$1 ")
      .trim();
  }
  return valueRulesText;
}
