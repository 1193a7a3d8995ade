/**
 * The in-place section markers of hand-written Markdown:
 *
 *     <!-- logpact:begin <kind> [<name>] [key=value …] -->
 *     …generated, replaced by `logpact gen`…
 *     <!-- logpact:end [<kind> [<name>] …] -->
 *
 * A marker is an HTML comment alone on its line (up to three spaces of indentation).
 * Markers inside fenced code blocks are examples, not markers. Between a begin and its
 * end everything is generated, so fences there are not tracked: an end marker always
 * closes. Sections do not nest.
 */
import { didYouMean, didYouMeanSuffix } from "../util/did-you-mean.js";
import type { SectionRequest } from "../targets/markdown/sections.js";
import { closesFence, openingFence, segmentLine, splitLines, type Fence } from "./scan.js";

/** A malformed marker, with its 1-based position. */
export interface MarkerProblem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly fix: string;
}

/** Where a token of the begin marker sits (1-based column), for precise errors. */
export interface TokenPosition {
  readonly text: string;
  readonly column: number;
}

export interface ParsedSection {
  /** The `<what>` of the begin marker, whitespace-normalised: `events workflow.run`. */
  readonly what: string;
  readonly request: SectionRequest;
  /** Begin marker: 1-based line and column of `<!--`. */
  readonly line: number;
  readonly column: number;
  readonly kindToken: TokenPosition;
  readonly argToken?: TokenPosition | undefined;
  readonly optionTokens: readonly TokenPosition[];
  readonly endLine: number;
  /** Offsets of the generated content: from the line after the begin marker to the start of the end marker's line. */
  readonly innerStart: number;
  readonly innerEnd: number;
  /** Line ending of the begin marker's line (generated content uses the same). */
  readonly eol: string;
}

/** A document's sections (of type `S` once analysed) and its problems, in document order. */
export interface ParsedMarkers<S extends ParsedSection = ParsedSection> {
  readonly sections: readonly S[];
  readonly problems: readonly MarkerProblem[];
}

const MARKER_LINE = /^( {0,3})<!--\s*logpact:((?:[A-Za-z]+(?:-[A-Za-z]+)*)?)(.*?)\s*-->\s*$/d;
const DIRECTIVES = ["begin", "end", "ignore-line", "ignore-next-line"];
const DIRECTIVE_IN_COMMENT = /^<!--\s*logpact:/;
/** `docs check` skips citations on a line carrying this comment (anywhere on it). */
export const IGNORE_LINE = /<!--\s*logpact:ignore-line\s*-->/;
/** `docs check` skips citations on the line after this comment (alone on its line). */
export const IGNORE_NEXT_LINE = /^ {0,3}<!--\s*logpact:ignore-next-line\s*-->\s*$/;

interface Open {
  what: string;
  request: SectionRequest;
  line: number;
  column: number;
  kindToken: TokenPosition;
  argToken?: TokenPosition | undefined;
  optionTokens: TokenPosition[];
  innerStart: number;
  eol: string;
}

/** Finds every section of a Markdown document and every malformed marker. Pure. */
export function parseMarkers(text: string): ParsedMarkers {
  const sections: ParsedSection[] = [];
  const problems: MarkerProblem[] = [];
  let fence: Fence | undefined;
  let open: Open | undefined;

  for (const line of splitLines(text)) {
    if (!open && fence) {
      if (closesFence(line.text, fence)) fence = undefined;
      continue;
    }
    const m = MARKER_LINE.exec(line.text);
    if (!m) {
      if (!open) {
        const f = openingFence(line.text);
        if (f) {
          fence = f;
          continue;
        }
        const stray = strayDirective(line.text);
        if (stray !== undefined) {
          problems.push({
            line: line.number,
            column: stray + 1,
            message: "a logpact marker must be an HTML comment alone on its own line, opened and closed on that line",
            fix: "put `<!-- logpact:begin <kind> <name> -->` (or `<!-- logpact:end -->`) on a line by itself",
          });
        }
      }
      continue;
    }
    const column = m[1]!.length + 1;
    let directive = m[2]!;
    const argsOffset = m.indices![3]![0];
    const tokens = [...m[3]!.matchAll(/\S+/g)].map((t) => ({ text: t[0], column: argsOffset + t.index + 1 }));

    if (!DIRECTIVES.includes(directive)) {
      const guess = didYouMean(directive, DIRECTIVES);
      problems.push({
        line: line.number,
        column,
        message: `unknown marker "logpact:${directive}".${didYouMeanSuffix(directive, DIRECTIVES)}`,
        fix: "markers are `<!-- logpact:begin <kind> <name> -->`, `<!-- logpact:end -->`, `<!-- logpact:ignore-line -->` and `<!-- logpact:ignore-next-line -->`",
      });
      // Read a near miss as what it was meant to be, so its partner is not reported too.
      if (guess === undefined) continue;
      directive = guess;
    }
    if (directive === "ignore-line" || directive === "ignore-next-line") {
      if (tokens.length)
        problems.push({
          line: line.number,
          column: tokens[0]!.column,
          message: `\`logpact:${directive}\` takes no arguments`,
          fix: `write <!-- logpact:${directive} -->`,
        });
      continue;
    }
    if (directive === "begin") {
      if (open) {
        problems.push({
          line: line.number,
          column,
          message: `section "${open.what}" opened at line ${open.line} is not closed before this begin marker (sections cannot nest)`,
          fix: `add <!-- logpact:end --> before line ${line.number}`,
        });
      }
      const parsed = parseBegin(tokens, line.number, column);
      // A bad begin is still tracked as open, so its end marker is not reported as stray.
      if ("problem" in parsed) problems.push(parsed.problem);
      open = {
        what: tokens.map((t) => t.text).join(" "),
        request: "request" in parsed ? parsed.request : { kind: "", options: {} },
        line: line.number,
        column,
        kindToken: tokens[0] ?? { text: "", column },
        argToken: "request" in parsed ? parsed.argToken : undefined,
        optionTokens: "request" in parsed ? parsed.optionTokens : [],
        innerStart: line.start + line.text.length + line.eol.length,
        eol: line.eol || "\n",
      };
      continue;
    }
    // end
    if (!open) {
      problems.push({
        line: line.number,
        column,
        message: "`logpact:end` without a matching `logpact:begin` above it",
        fix: "remove this end marker or add `<!-- logpact:begin <kind> <name> -->` above the section",
      });
      continue;
    }
    const endWhat = tokens.map((t) => t.text).join(" ");
    if (endWhat !== "" && endWhat !== open.what) {
      problems.push({
        line: line.number,
        column: tokens[0]!.column,
        message: `end marker names "${endWhat}" but the open section (line ${open.line}) is "${open.what}"`,
        fix: `write <!-- logpact:end --> or <!-- logpact:end ${open.what} -->`,
      });
    }
    if (open.request.kind !== "") {
      sections.push({ ...open, endLine: line.number, innerEnd: line.start });
    }
    open = undefined;
  }
  if (open) {
    problems.push({
      line: open.line,
      column: open.column,
      message: `section "${open.what}" is never closed`,
      fix: "add <!-- logpact:end --> on its own line after the generated content",
    });
  }
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { sections, problems };
}

/** Column (0-based) of a `<!-- logpact:` comment on a line that is not a well-formed marker line. */
function strayDirective(line: string): number | undefined {
  if (!line.includes("logpact:")) return undefined;
  for (const s of segmentLine(line, false).segments) {
    if (
      s.kind === "comment" &&
      DIRECTIVE_IN_COMMENT.test(line.slice(s.start)) &&
      !IGNORE_LINE.test(line.slice(s.start, s.end))
    )
      return s.start;
  }
  return undefined;
}

type BeginResult =
  | { request: SectionRequest; argToken?: TokenPosition | undefined; optionTokens: TokenPosition[] }
  | { problem: MarkerProblem };

function parseBegin(tokens: readonly TokenPosition[], line: number, column: number): BeginResult {
  const [kind, ...rest] = tokens;
  if (!kind) {
    return {
      problem: {
        line,
        column,
        message: "begin marker without a section kind",
        fix: "write e.g. `<!-- logpact:begin events <family> -->`; see docs/docs-check.md for every kind",
      },
    };
  }
  let argToken: TokenPosition | undefined;
  const optionTokens: TokenPosition[] = [];
  const options: Record<string, string> = {};
  for (const t of rest) {
    const eq = t.text.indexOf("=");
    if (eq === -1) {
      if (argToken || optionTokens.length) {
        return {
          problem: {
            line,
            column: t.column,
            message: `unexpected "${t.text}" in begin marker`,
            fix: "a begin marker holds a kind, at most one name, then key=value options",
          },
        };
      }
      argToken = t;
      continue;
    }
    const key = t.text.slice(0, eq);
    if (key === "" || key in options) {
      return {
        problem: {
          line,
          column: t.column,
          message: key === "" ? `option "${t.text}" has no name` : `option "${key}" is given twice`,
          fix: "write each option once, as key=value",
        },
      };
    }
    options[key] = t.text.slice(eq + 1);
    optionTokens.push(t);
  }
  return { request: { kind: kind.text, arg: argToken?.text, options }, argToken, optionTokens };
}
