/**
 * GitHub Actions workflow commands: each finding becomes an inline annotation on the
 * pull request (`::error file=…,line=…,col=…::message`), notices become warnings, and
 * the summary line closes the log.
 */
import { summaryLine } from "./summary.js";
import type { Reporter } from "./types.js";

/** Escaping from the Actions toolkit (`@actions/core` command.ts). */
export function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export const github: Reporter = (report) => {
  const out: string[] = [];
  for (const f of report.findings) {
    const props = [
      `file=${escapeProperty(f.file)}`,
      `line=${f.loc.line}`,
      `col=${f.loc.column}`,
      `endLine=${f.loc.endLine}`,
      `endColumn=${f.loc.endColumn}`,
      `title=${escapeProperty(`logpact ${f.rule}`)}`,
    ];
    out.push(`::${f.severity === "error" ? "error" : "warning"} ${props.join(",")}::${escapeData(f.message)}`);
  }
  for (const n of report.result.notices) {
    const props = [
      `file=${escapeProperty(n.file)}`,
      ...(n.loc ? [`line=${n.loc.line}`, `col=${n.loc.column}`] : []),
      `title=${escapeProperty(`logpact ${n.kind}`)}`,
    ];
    out.push(`::warning ${props.join(",")}::${escapeData(n.message)}`);
  }
  out.push(summaryLine(report));
  return `${out.join("\n")}\n`;
};
