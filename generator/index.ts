/**
 * logpact's library API. Most exports are pure functions over the IR (`generate`,
 * `registryFromModules`, `diffRegistries`, `lintText`, `LogChecker`, the renderers).
 * These touch the outside world, and say so in their names or docs:
 * - read files: `loadConfig`, `loadRegistry` (imports the schema modules), `lintProject`,
 *   `checkDocs` (through the reader it is given), `readSnapshotFile`,
 *   `baselineFromSnapshotFile`, `compareTree`;
 * - write files: `writeTree` (the output folder, swapped in whole);
 * - run git and make a temporary worktree: `baselineFromGit`;
 * - start worker threads: `validateLogs` and `lintProject` (with `jobs` > 1).
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
export { pinoProfile, type PinoProfileExtras } from "./config/pino-profile.js";
export { loggerProfile, resolveProfile, type LoggerProfileIR } from "./registry/logger-profile.js";
export type { ResolvedConfig, UserConfig } from "./config/schema.js";
export {
  ConfigurationError,
  DiagnosticError,
  LogpactError,
  RegistryError,
  UsageError,
  formatDiagnostic,
  type Diagnostic,
} from "./errors.js";
export {
  checkDocs,
  DOCS_FINDINGS,
  type DocsCheckInput,
  type DocsCheckResult,
  type Finding as DocsFinding,
} from "./doc-check/check.js";
export { analyseSections, updateSections, type UpdateResult } from "./doc-check/update.js";
export { BANNER, checkTargets, generate, type GenerateOptions } from "./gen/generate.js";
export { settingsOf, targetDir, targetSettings, type TargetOptions, type TargetSettings } from "./config/targets.js";
export {
  lintProject,
  lintText,
  RULES as LINT_RULES,
  RULE_NAMES as LINT_RULE_NAMES,
  type LintOptions,
  type LintResult,
  type Finding as LintFinding,
  type LogCall,
} from "./lint/index.js";
export { buildRegistry, type LoadedModule } from "./registry/build.js";
export { runChecks } from "./registry/checks.js";
export {
  CONVENTION_RULES,
  CONVENTION_RULE_NAMES,
  houseStyle,
  ruleSetting,
  type ConventionRule,
  type HouseStyle,
  type RuleSetting,
} from "./registry/conventions.js";
export { levelsInCode, type EventLevels } from "./lint/levels-in-code.js";
export { loadRegistry, registryFromModules, type ExtraChecks } from "./registry/index.js";
export * from "./registry/ir.js";
export * from "./registry/meta.js";
export { LOGPACT_KEYWORD, eventLineSchema, lineSchema } from "./registry/line-schema.js";
export { createAjv } from "./registry/ajv.js";
export { TARGETS } from "./gen/targets.js";
export { TARGET_SPECS, type TargetName } from "./targets/index.js";
export type { CheckContext, GeneratedFile, RenderContext, Target, TargetSpec } from "./targets/types.js";
export { compareTree, writeTree } from "./gen/write.js";
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
