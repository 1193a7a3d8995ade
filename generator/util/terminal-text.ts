/**
 * Text from logs, code and configs printed to a terminal or a CI log: one line per line,
 * with nothing that a terminal or a log parser would act on. A raw newline in a field name
 * (`"x\n::error title=forged::…"`) would start a GitHub workflow command; ESC starts a
 * terminal escape sequence; U+2028/U+0085 break lines in some viewers.
 */

/** Control characters (C0 but tab, DEL, C1) and Unicode line/paragraph separators. */
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g;

/** `text` with every unsafe character shown as an escape (`\n`, `\u001b`): it stays on one line. */
export function oneLine(text: string): string {
  return text.replace(UNSAFE, (c) =>
    c === "\n" ? "\\n" : c === "\r" ? "\\r" : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * GitHub Actions: wraps `lines` so the runner runs no workflow command in them
 * (`::stop-commands::<token>` … `::<token>::`). The token is a hash of the text, so it is
 * the same for the same report and cannot be written into the text by a log line.
 */
export function githubVerbatim(lines: readonly string[], hash: (s: string) => string): string[] {
  if (lines.length === 0) return [];
  const token = `logpact-${hash(lines.join("\n")).slice(0, 32)}`;
  return [`::stop-commands::${token}`, ...lines, `::${token}::`];
}
