/**
 * Two small glob dialects, compiled to regular expressions once.
 *
 * File globs (`src/**\/*.{ts,tsx}`) match root-relative POSIX paths: `**` any number of
 * folders, `*` and `?` within one path segment, `{a,b}` alternatives, `[abc]` classes.
 * Callee globs (`*.logger`, `this.log`) match dotted member chains: `*` is one segment,
 * `**` any number of segments (at least one).
 */

/** Compiles a file glob; throws on an unbalanced `{` or `[` (callers turn it into a config error). */
export function fileGlobToRegExp(glob: string): RegExp {
  return new RegExp(`^${translate(glob, "/")}$`);
}

/** Compiles a callee glob over `.`-separated chains. */
export function calleeGlobToRegExp(glob: string): RegExp {
  return new RegExp(`^${translate(glob, ".")}$`);
}

function translate(glob: string, sep: "/" | "."): string {
  const notSep = sep === "/" ? "[^/]" : "[^.]";
  const sepRe = sep === "/" ? "\\/" : "\\.";
  let out = "";
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*") {
      if (glob[i + 1] === "*") {
        const atStart = i === 0 || glob[i - 1] === sep;
        const atEnd = i + 2 === glob.length || glob[i + 2] === sep;
        i++;
        if (atStart && atEnd) {
          if (i + 1 < glob.length) {
            // `**/` : zero or more whole segments.
            i++;
            out += `(?:${notSep}+${sepRe})*`;
          } else {
            out += sep === "/" ? ".*" : ".+";
          }
          continue;
        }
      }
      out += `${notSep}*`;
    } else if (c === "?") {
      out += notSep;
    } else if (c === "{") {
      braces++;
      out += "(?:";
    } else if (c === "}" && braces > 0) {
      braces--;
      out += ")";
    } else if (c === "," && braces > 0) {
      out += "|";
    } else if (c === "[") {
      const close = glob.indexOf("]", i + 1);
      if (close < 0) throw new Error(`unclosed "[" in glob "${glob}"`);
      let cls = glob.slice(i + 1, close).replace(/\\/g, "\\\\");
      if (cls.startsWith("!")) cls = `^${cls.slice(1)}`;
      out += `[${cls}]`;
      i = close;
    } else {
      out += c.replace(/[.+^$()|\\\]]/g, "\\$&");
    }
  }
  if (braces > 0) throw new Error(`unclosed "{" in glob "${glob}"`);
  return out;
}

/** A predicate that is true when any of `globs` matches. */
export function anyMatcher(globs: readonly string[], compile: (g: string) => RegExp): (s: string) => boolean {
  if (globs.length === 0) return () => false;
  const combined = new RegExp(globs.map((g) => compile(g).source).join("|"));
  return (s) => combined.test(s);
}
