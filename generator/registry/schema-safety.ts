/**
 * Registry checks for field schemas logpact must be able to act on safely:
 * - LP_UNSAFE_PATTERN: a `pattern` that cannot be checked in linear time (a back-reference,
 *   a look-around, a repeat count in the tens of thousands). `validate` checks log values
 *   with a linear-time engine (validate/linear-regexp.ts), so a hostile log line cannot
 *   stall it; these patterns are refused instead of being run by a backtracking RegExp.
 * - LP_INFINITE_BOUND: `z.number().max(Infinity)` becomes `"maximum": null` in JSON Schema
 *   (JSON has no Infinity), which no validator accepts and no emitter compiles.
 */
import type { Diagnostic } from "../errors.js";
import { unsafePatternReason } from "../validate/linear-regexp.js";
import { forEachSchema, patternFlags } from "./field-schema.js";
import type { JsonSchema, RegistryIR } from "./ir.js";

const BOUNDS = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"] as const;

/** Problems in one JSON Schema (recursively): `[code, message, fix]`. */
function schemaProblems(schema: unknown, out: [string, string, string][] = []): [string, string, string][] {
  forEachSchema(schema, (s) => ownProblems(s, out));
  return out;
}

/** Problems of one schema object's own keywords. */
function ownProblems(s: JsonSchema, out: [string, string, string][]): void {
  const patterns = [
    ...(typeof s.pattern === "string" ? [s.pattern] : []),
    ...(s.patternProperties && typeof s.patternProperties === "object" ? Object.keys(s.patternProperties) : []),
  ];
  for (const p of patterns) {
    let reason: string | undefined;
    try {
      reason = unsafePatternReason(p, patternFlags(p));
    } catch {
      continue; // not a valid RegExp: reported where it is compiled
    }
    if (reason !== undefined) {
      out.push([
        "LP_UNSAFE_PATTERN",
        `pattern /${p.length > 80 ? `${p.slice(0, 80)}…` : p}/ cannot be checked in linear time: ${reason}`,
        "rewrite the pattern without back-references or look-arounds (check that part in code), or drop .regex() for this field",
      ]);
    }
  }
  for (const key of BOUNDS) {
    if (!(key in s)) continue;
    const v = s[key];
    if (v === null || (typeof v === "number" && !Number.isFinite(v))) {
      out.push([
        "LP_INFINITE_BOUND",
        `${key} is ${v === null ? "null" : String(v)} (an infinite bound such as .max(Infinity) has no JSON Schema form)`,
        `remove the bound (e.g. .max(Infinity)): every JSON number is finite already`,
      ]);
    }
  }
}

/** The check: one diagnostic per problem, naming family, event and field. */
export function schemaSafety(ir: RegistryIR): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const f of ir.families) {
    for (const e of f.events) {
      for (const field of e.fields) {
        for (const [code, message, fix] of schemaProblems(field.schema)) {
          out.push({
            code,
            severity: "error",
            file: f.source.file,
            family: f.name,
            event: e.name,
            field: field.name,
            message,
            fix,
          });
        }
      }
    }
  }
  for (const field of ir.envelope) {
    for (const [code, message, fix] of schemaProblems(field.schema))
      out.push({ code, severity: "error", file: "logpact config (envelope.fields)", field: field.name, message, fix });
  }
  return out;
}
