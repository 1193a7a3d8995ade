/**
 * `logpact diff`: classify registry changes as breaking, warning or safe for the
 * consumers of the log lines. Library entry points; the CLI lives in commands/diff.ts.
 */
export { AlertIndex, type DeclaredAlert } from "./alerts.js";
export {
  baselineFromGit,
  baselineFromSnapshotFile,
  type Baseline,
  type BaselineSource,
  type GitBaselineOptions,
} from "./registry-at-ref.js";
export { ENVELOPE, diffRegistries, type Change, type DiffResult } from "./compare.js";
export { FORMATS, describeSource, lineOf, renderReport, type DiffFormat, type ReportContext } from "./report.js";
export { RULES, RULE_IDS, SEVERITIES, type ChangeSeverity, type RuleId, type RuleInfo } from "./rules.js";
export { compareSchemas, type SchemaFinding } from "./schema-compare.js";
export { BaselineError } from "./registry-at-ref.js";
