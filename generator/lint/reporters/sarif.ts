/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run, the rule
 * catalogue as `tool.driver.rules`, a result per finding with a line-shift-proof
 * `partialFingerprints` entry, and file notices as tool execution notifications.
 * Checked against the OASIS SARIF 2.1.0 schema (ajv) and by Microsoft's validator
 * (`sarif-multitool validate`, which checks the top level) in the test suite.
 */
import { stableJson } from "../../util/json.js";
import { RULES } from "../rules/index.js";
import type { Finding, Loc } from "../types.js";
import type { Reporter } from "./types.js";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
/** Shipped in the package (`files` in package.json); test/e2e/consumer.test.ts checks they are. */
export const README_PATH = "README.md";
export const ruleDocPath = (rule: string) => `docs/rules/${rule}.md`;

/** A root-relative POSIX path as a relative URI reference (each segment percent-encoded). */
export function pathToUri(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

const region = (l: Loc) => ({ startLine: l.line, startColumn: l.column, endLine: l.endLine, endColumn: l.endColumn });

export const sarif: Reporter = (report, opts) => {
  const ruleIndex = new Map(RULES.map((r, i) => [r.name, i]));
  const level = (f: Finding) => (f.severity === "error" ? "error" : "warning");
  const log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "logpact",
            ...(opts.docs ? { informationUri: `${opts.docs.baseUri}${README_PATH}` } : {}),
            semanticVersion: opts.version,
            rules: RULES.map((r) => {
              const sev = report.result.severities.get(r.name) ?? r.meta.defaultSeverity;
              return {
                id: r.name,
                name: r.name.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
                shortDescription: { text: r.meta.description },
                fullDescription: { text: r.meta.description },
                ...(opts.docs ? { helpUri: `${opts.docs.baseUri}${ruleDocPath(r.name)}` } : {}),
                help: {
                  text: `${r.meta.description} See ${ruleDocPath(r.name)} in the logpact package.`,
                  ...(opts.docs?.read(ruleDocPath(r.name)) !== undefined
                    ? { markdown: opts.docs.read(ruleDocPath(r.name))! }
                    : {}),
                },
                defaultConfiguration: {
                  level: sev === "error" ? "error" : sev === "warn" ? "warning" : "none",
                  enabled: sev !== "off",
                },
              };
            }),
          },
        },
        columnKind: "utf16CodeUnits",
        originalUriBaseIds: {
          "%SRCROOT%": { description: { text: "The root of the linted project (where logpact lint ran)." } },
        },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: report.result.notices.map((n) => ({
              level: "warning",
              message: { text: `${n.kind}: ${n.message}` },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: pathToUri(n.file), uriBaseId: "%SRCROOT%" },
                    ...(n.loc ? { region: region(n.loc) } : {}),
                  },
                },
              ],
            })),
          },
        ],
        results: report.findings.map((f) => ({
          ruleId: f.rule,
          ruleIndex: ruleIndex.get(f.rule) ?? -1,
          level: level(f),
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: pathToUri(f.file), uriBaseId: "%SRCROOT%" },
                region: region(f.loc),
              },
            },
          ],
          partialFingerprints: { "logpactFingerprint/v1": f.fingerprint },
        })),
      },
    ],
  };
  return stableJson(log);
};
