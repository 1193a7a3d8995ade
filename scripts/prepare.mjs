// `prepare` runs on `pnpm install` here and when a consumer installs logpact from a git
// URL (pnpm/npm install the devDependencies, then run it): that install gets no CLI
// without dist/, which git ignores. build.mjs skips a build that would change nothing, so
// a repeated `pnpm install` in this repo stays fast.
import { existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

if (existsSync(join(root, "generator"))) await import("./build.mjs");
// Otherwise installed from a packed tarball: dist/ ships and there are no sources to build.
