/**
 * Typed errors and diagnostics. Every problem logpact reports names where it is
 * (file, family, event, field) and what to do about it.
 */

/** `note`: printed, never fails a command (a skipped export, levels nobody declared). */
export type Severity = "error" | "warning" | "note";

/** One problem found in the registry, the config or a schema module. */
export interface Diagnostic {
  /** Stable id, e.g. `LP_NOT_STRICT`: documented in docs/errors.md and safe to grep for. */
  code: string;
  severity: Severity;
  message: string;
  /** What to change to fix it. */
  fix: string;
  file?: string;
  /** 1-based position in `file` of the event, field or family the diagnostic is about. */
  line?: number;
  column?: number;
  family?: string;
  event?: string;
  field?: string;
}

/** Formats a diagnostic as one block for a terminal: `file:line:col: error LP_X [family > event > field]`. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = [d.family, d.event, d.field].filter(Boolean).join(" > ");
  const at =
    d.file === undefined ? "<registry>" : d.line === undefined ? d.file : `${d.file}:${d.line}:${d.column ?? 1}`;
  const head = `${at}: ${d.severity} ${d.code}${where ? ` [${where}]` : ""}`;
  return `${head}\n  ${d.message}\n  fix: ${d.fix}`;
}

/** Base class: exit code 2 (usage, config or registry error), as opposed to 1 (findings). */
export class LogpactError extends Error {
  readonly exitCode: number = 2;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The config file (or `logpact` key in package.json) is missing, unreadable or invalid. */
export class ConfigurationError extends LogpactError {}

/** The registry has errors; carries every diagnostic, not just the first. */
export class RegistryError extends LogpactError {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === "error");
    super(
      `${errors.length} registry error${errors.length === 1 ? "" : "s"}; nothing was written.\n\n` +
        errors.map(formatDiagnostic).join("\n\n"),
    );
  }
}

/**
 * One diagnostic thrown where code cannot go on (a renderer meeting input its target's
 * `check` reports); its message is the formatted diagnostic, and a `check` that runs the
 * same code catches it to collect the diagnostic with the others.
 */
export class DiagnosticError extends LogpactError {
  constructor(readonly diagnostic: Diagnostic) {
    super(formatDiagnostic(diagnostic));
  }
}

/** Wrong command-line usage. */
export class UsageError extends LogpactError {}
