import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** logpact's installed root: the folder of its package.json, found from this module upwards. */
export function packageRoot(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const p = join(dir, "package.json");
    if (existsSync(p) && (JSON.parse(readFileSync(p, "utf8")) as { name?: string }).name === "logpact") return dir;
    dir = dirname(dir);
  }
  return undefined;
}

/** logpact's own version (from its package.json). */
export function packageVersion(): string {
  const root = packageRoot();
  if (root === undefined) return "0.0.0";
  return (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version?: string }).version ?? "0.0.0";
}

/**
 * The docs shipped in the installed package (README.md, docs/**): a `file:` URL of the
 * package root, which resolves on the machine that ran logpact (unlike a web page the
 * package cannot vouch for), and a reader for a doc's text.
 */
export function shippedDocs(): { baseUri: string; read(path: string): string | undefined } | undefined {
  const root = packageRoot();
  if (root === undefined) return undefined;
  return {
    baseUri: pathToFileURL(`${root}/`).href,
    read(path) {
      try {
        return readFileSync(join(root, path), "utf8");
      } catch {
        return undefined;
      }
    },
  };
}
