/**
 * Human output, grouped by file (ESLint's "stylish" layout): `line:col  severity
 * message  rule`, then the file notices, then the summary line.
 */
import type { Reporter } from "./types.js";
import { oneLine } from "../../util/terminal-text.js";
import { summaryLine } from "./summary.js";

export const stylish: Reporter = (report, opts) => {
  const c = (code: number, s: string) => (opts.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const byFile = new Map<string, string[]>();
  const rows = (file: string) => {
    let r = byFile.get(file);
    if (!r) byFile.set(file, (r = []));
    return r;
  };
  // A loop, not Math.max(...spread): a file with >120k findings overflowed the stack.
  let posWidth = 0;
  for (const f of report.findings) posWidth = Math.max(posWidth, `${f.loc.line}:${f.loc.column}`.length);
  // Messages quote event strings from the code: a raw newline or ESC in one stays on its line, inert.
  for (const f of report.findings) {
    const pos = `${f.loc.line}:${f.loc.column}`.padEnd(posWidth);
    const sev = f.severity === "error" ? c(31, "error  ") : c(33, "warning");
    rows(f.file).push(`  ${c(2, pos)}  ${sev}  ${oneLine(f.message)}  ${c(2, f.rule)}`);
  }
  for (const n of report.result.notices) {
    const pos = n.loc ? `${n.loc.line}:${n.loc.column}`.padEnd(posWidth) : "".padEnd(posWidth);
    rows(n.file).push(`  ${c(2, pos)}  ${c(36, "notice ")}  ${oneLine(n.message)}  ${c(2, n.kind)}`);
  }
  const out: string[] = [];
  for (const file of [...byFile.keys()].sort()) {
    out.push(c(4, oneLine(file)));
    for (const row of byFile.get(file)!) out.push(row);
    out.push("");
  }
  const total = report.findings.length;
  const errors = report.findings.some((f) => f.severity === "error");
  out.push(total === 0 ? summaryLine(report) : c(errors ? 31 : 33, `✖ ${summaryLine(report)}`));
  return `${out.join("\n")}\n`;
};
