/**
 * Machine-readable output: every finding (with its fingerprint), every notice and the
 * summary counts, as key-sorted JSON.
 */
import { stableJson } from "../../util/json.js";
import { summaryCounts } from "./summary.js";
import type { Reporter } from "./types.js";

/** Version of the JSON output shape. */
export const JSON_REPORT_VERSION = 1;

export const json: Reporter = (report) =>
  stableJson({
    version: JSON_REPORT_VERSION,
    summary: {
      ...summaryCounts(report),
      ...(report.changedSince !== undefined ? { changedSince: report.changedSince } : {}),
    },
    findings: report.findings.map((f) => ({
      file: f.file,
      line: f.loc.line,
      column: f.loc.column,
      endLine: f.loc.endLine,
      endColumn: f.loc.endColumn,
      rule: f.rule,
      messageId: f.messageId,
      severity: f.severity,
      message: f.message,
      fingerprint: f.fingerprint,
    })),
    notices: report.result.notices.map((n) => ({
      file: n.file,
      kind: n.kind,
      message: n.message,
      ...(n.loc ? { line: n.loc.line, column: n.loc.column } : {}),
    })),
  });
