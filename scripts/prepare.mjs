// `prepare` runs on `pnpm install` here and when a consumer installs logpact from a git
// URL (pnpm/npm install the devDependencies, then run it): that install gets no CLI
// without dist/, which git ignores. It builds only when dist/ is missing or older than a
// source file, so a repeated `pnpm install` in this repo stays fast.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const built = join(root, "dist/generator/cli.js");

/** Newest modification time (ms) of a file under `dir`. */
function newest(dir) {
  let max = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    max = Math.max(max, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return max;
}

if (!existsSync(join(root, "generator"))) {
  // Installed from a packed tarball: dist/ ships and there are no sources to build.
} else if (!existsSync(built) || newest(join(root, "generator")) > statSync(built).mtimeMs) {
  await import("./build.mjs");
}
