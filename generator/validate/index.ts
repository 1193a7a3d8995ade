/**
 * `logpact validate` as a library: check NDJSON log output (files, `.gz` files, stdin)
 * against the registry and get a report. The CLI command and `logpact/testing` are thin
 * shells over `validateLogs`.
 */
import type { ResolvedConfig } from "../config/schema.js";
import type { RegistryIR } from "../registry/ir.js";
import type { CheckOptions } from "./checker.js";
import { buildReport, type ValidationReport } from "./report.js";
import { validateInputs, type RunOptions } from "./run.js";
import { InputError } from "./sources.js";

export {
  DEFAULT_MAX_EXAMPLES,
  LogChecker,
  MAX_DISTINCT,
  type CheckOptions,
  type Finding,
  type FindingExample,
  type FindingGroup,
  type Tally,
} from "./checker.js";
export { ValidateConfigSchema, type ValidateConfig } from "./config-schema.js";
export { explainErrors, masked, preview } from "./explain.js";
export {
  DEFAULT_SEVERITY,
  FINDING_KINDS,
  KIND_DESCRIPTIONS,
  LINE_STATUSES,
  SEVERITIES,
  severitiesForFailOn,
  type FindingKind,
  type KindSeverity,
  type LineStatus,
} from "./kinds.js";
export {
  REPORT_FORMATS,
  buildReport,
  formatFinding,
  formatGithub,
  formatJson,
  formatText,
  type EventCount,
  type FormatOptions,
  type Hint,
  type ReportFormat,
  type ValidationReport,
} from "./report.js";
export { STDIN_NAME, validateInputs, type InputSummary, type RunOptions, type RunResult } from "./run.js";
export { InputError } from "./sources.js";
export { LINE_BAD_UTF8, LINE_NO_NEWLINE, LineSplitter, type LineHandler } from "./splitter.js";

/** Check options from the resolved config's `validate` key and `jsonSchemaDraft`. */
export function checkOptionsFromConfig(config: Pick<ResolvedConfig, "jsonSchemaDraft" | "validate">): CheckOptions {
  const v = config.validate;
  return {
    draft: config.jsonSchemaDraft,
    severity: { ...v.severity },
    maxFindings: v.maxFindings,
    maxLineBytes: v.maxLineBytes,
    maxExamples: v.maxExamples,
  };
}

/**
 * Some inputs could not be read to the end (a truncated .gz): `report` covers every input
 * (what could be read of the failing ones included); `errors` name the failing inputs.
 */
export class PartialInputError extends InputError {
  constructor(
    readonly report: ValidationReport,
    readonly errors: readonly string[],
  ) {
    super(
      `${errors.join("\n")}\n  ${errors.length === 1 ? "this input was" : "these inputs were"} read only in part; the report above counts what could be read.\n  fix: re-copy or re-compress the file (gzip -t <file> tests it)`,
    );
  }
}

/**
 * Validates `inputs` (file paths; `-` is stdin) against `ir` and returns the report.
 * Throws `InputError` when an input cannot be opened; `PartialInputError` (carrying the
 * report of all inputs) when some could be read only in part.
 */
export async function validateLogs(
  ir: RegistryIR,
  inputs: readonly string[],
  options: RunOptions,
): Promise<ValidationReport> {
  const result = await validateInputs(ir, inputs, options);
  const report = buildReport(result);
  if (result.inputErrors?.length) throw new PartialInputError(report, result.inputErrors);
  return report;
}
