/**
 * Dead relative links in a set of Markdown files: every `[text](path)`, `[text](path#anchor)`,
 * image and reference definition, read with a real CommonMark/GFM parser (so links in code
 * are not links), must name a file of the set; a `#anchor` into a Markdown file (or a pure
 * `#anchor` into the same file) must be a heading's GitHub anchor there. Used on the packed
 * tarball's files (e2e/consumer), where a link to an unshipped file is dead.
 */
import { posix } from "node:path";
import { slug } from "../../generator/targets/markdown/escape.js";
import { nodesOf, parseGfm, plain, type MdNode } from "../markdown/helpers.js";

/** One link that does not resolve. */
export interface DeadLink {
  /** The Markdown file the link is in. */
  readonly file: string;
  readonly line: number;
  /** The link target as written. */
  readonly url: string;
  readonly problem: "missing file" | "folder, not a file" | "missing anchor";
}

// A scheme (http:, https:, mailto:, file:) or a protocol-relative `//host`: not a path in the package.
const EXTERNAL = /^(?:[a-z][a-z\d+.-]*:|\/\/)/i;

/**
 * The anchors GitHub gives a Markdown file: one per heading (github-slugger, a repeated slug
 * gets `-1`, `-2`, …), plus `id`/`name` attributes of raw HTML.
 */
export function anchorsOf(root: MdNode): Set<string> {
  const out = new Set<string>();
  const seen = new Map<string, number>();
  for (const h of nodesOf(root, "heading")) {
    const base = slug(plain(h));
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  for (const html of nodesOf(root, "html"))
    for (const m of (html.value ?? "").matchAll(/\b(?:id|name)\s*=\s*["']([^"']+)["']/g)) out.add(m[1]!);
  return out;
}

/**
 * The relative links of every `.md` file in `files` (package-relative path → text) that do not
 * resolve to another entry of `files`, in file then line order.
 */
export function deadLinks(files: Readonly<Record<string, string>>): DeadLink[] {
  const trees = new Map<string, MdNode>();
  const tree = (path: string) => {
    let t = trees.get(path);
    if (!t) trees.set(path, (t = parseGfm(files[path]!)));
    return t;
  };
  const anchors = new Map<string, Set<string>>();
  const anchorsIn = (path: string) => {
    let a = anchors.get(path);
    if (!a) anchors.set(path, (a = anchorsOf(tree(path))));
    return a;
  };
  const dead: DeadLink[] = [];
  for (const file of Object.keys(files).sort()) {
    if (!file.endsWith(".md")) continue;
    const root = tree(file);
    const links = ["link", "image", "definition"].flatMap((type) => nodesOf(root, type));
    links.sort((a, b) => (a.position?.start.offset ?? 0) - (b.position?.start.offset ?? 0));
    for (const link of links) {
      const url = (link as MdNode & { url?: string }).url ?? "";
      if (url === "" || EXTERNAL.test(url)) continue;
      const hash = url.indexOf("#");
      const path = decode((hash < 0 ? url : url.slice(0, hash)).replace(/\?.*$/, ""));
      const anchor = hash < 0 ? "" : decode(url.slice(hash + 1));
      // `/x` is from the package root (as GitHub reads it from the repository root).
      const target =
        path === ""
          ? file
          : posix.normalize(path.startsWith("/") ? path.slice(1) : posix.join(posix.dirname(file), path));
      const at = { file, line: link.position?.start.line ?? 0, url };
      if (!Object.hasOwn(files, target)) {
        const folder = `${target.replace(/\/$/, "")}/`;
        const isFolder = Object.keys(files).some((f) => f.startsWith(folder));
        dead.push({ ...at, problem: isFolder ? "folder, not a file" : "missing file" });
      } else if (anchor !== "" && target.endsWith(".md") && !anchorsIn(target).has(anchor))
        dead.push({ ...at, problem: "missing anchor" });
    }
  }
  return dead;
}

/** Percent-decoding as a browser does it; a malformed escape stays as written. */
function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
