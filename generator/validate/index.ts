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

export { DEFAULT_MAX_EXAMPLES, LogChecker, MAX_DISTINCT, type CheckOptions, type Finding, type FindingExample, type FindingGroup, type Tally } from "./checker.js";
export { ValidateConfigSchema, type ValidateConfig } from "./config-schema.js";
export { explainErrors, masked, preview } from "./explain.js";
export { DEFAULT_SEVERITY, FINDING_KINDS, KIND_DESCRIPTIONS, LINE_STATUSES, SEVERITIES, severitiesForFailOn, type FindingKind, type KindSeverity, type LineStatus } from "./kinds.js";
export { REPORT_FORMATS, buildReport, formatFinding, formatGithub, formatJson, formatText, type EventCount, type FormatOptions, type Hint, type ReportFormat, type ValidationReport } from "./report.js";
export { STDIN_NAME, validateInputs, type InputSummary, type RunOptions, type RunResult } from "./run.js";
export { InputError } from "./sources.js";
export { LINE_BAD_UTF8, LINE_NO_NEWLINE, LineSplitter, type LineHandler } from "./splitter.js";

/** Check options from the resolved config's `validate` key and `jsonSchemaDraft`. */
export function checkOptionsFromConfig(config: Pick<ResolvedConfig, "jsonSchemaDraft" | "validate">): CheckOptions {
  const v = config.validate;
  return { draft: config.jsonSchemaDraft, severity: { ...v.severity }, maxFindings: v.maxFindings, maxLineBytes: v.maxLineBytes, maxExamples: v.maxExamples };
}

/**
 * Validates `inputs` (file paths; `-` is stdin) against `ir` and returns the report.
 * Throws `InputError` when an input cannot be read.
 */
export async function validateLogs(ir: RegistryIR, inputs: readonly string[], options: RunOptions): Promise<ValidationReport> {
  return buildReport(await validateInputs(ir, inputs, options));
}
