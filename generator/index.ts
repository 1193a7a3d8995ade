/**
 * logpact's library API. Pure functions over the IR; only `writeTree` touches the disk.
 * Importing this module also augments Zod's `GlobalMeta` with logpact's metadata keys.
 */
export { defineConfig } from "./config/define-config.js";
export { SnapshotError, parseSnapshot, readSnapshotFile } from "./registry/snapshot.js";
export {
  BaselineError,
  RULES as DIFF_RULES,
  baselineFromGit,
  baselineFromSnapshotFile,
  compareSchemas,
  diffRegistries,
  renderReport,
  type Baseline,
  type BaselineSource,
  type Change,
  type ChangeSeverity,
  type DiffFormat,
  type DiffResult,
  type RuleId as DiffRuleId,
} from "./diff/index.js";
export { loadConfig, parseConfig } from "./config/load.js";
export type { ResolvedConfig, UserConfig } from "./config/schema.js";
export { ConfigurationError, LogpactError, RegistryError, UsageError, formatDiagnostic, type Diagnostic } from "./errors.js";
export { checkDocs, DOCS_FINDINGS, type DocsCheckInput, type DocsCheckResult, type Finding as DocsFinding } from "./docs/check.js";
export { analyseSections, updateSections, type UpdateResult } from "./docs/update.js";
export { BANNER, generate, targetDir, type GenerateOptions } from "./generate.js";
export { buildRegistry, type LoadedModule } from "./registry/build.js";
export { runChecks } from "./registry/checks.js";
export { CONVENTION_RULES, CONVENTION_RULE_NAMES, houseStyle, ruleSetting, type ConventionRule, type HouseStyle, type RuleSetting } from "./registry/conventions.js";
export { levelsInCode, type EventLevels } from "./lint/levels-in-code.js";
export { loadRegistry, registryFromModules } from "./registry/index.js";
export * from "./registry/ir.js";
export * from "./registry/meta.js";
export { LOGPACT_KEYWORD, eventLineSchema, lineSchema } from "./targets/json-schema/line-schema.js";
export { createAjv } from "./targets/json-schema/ajv.js";
export { TARGETS } from "./targets/index.js";
export type { GeneratedFile, RenderContext, Target } from "./targets/types.js";
export { compareTree, writeTree } from "./write.js";
export {
  FINDING_KINDS as VALIDATE_FINDING_KINDS,
  LogChecker,
  buildReport as buildValidationReport,
  checkOptionsFromConfig,
  formatGithub as formatValidationGithub,
  formatJson as formatValidationJson,
  formatText as formatValidationText,
  validateLogs,
  type Finding as ValidateFinding,
  type FindingKind as ValidateFindingKind,
  type RunOptions as ValidateOptions,
  type ValidationReport,
} from "./validate/index.js";
export { defineFamily } from "./registry/define-family.js";
