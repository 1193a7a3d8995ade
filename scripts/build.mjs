// Compiles generator/ to dist/ (what the published package and its `logpact` bin run),
// then copies the non-TS assets (handlebars templates) beside the compiled targets.
// It builds into a fresh folder and swaps it in at the end, so a process running the CLI
// from dist/ meanwhile never sees a half-built tree.
// A build that would change nothing is skipped: the hash of its inputs (generator/, the
// tsconfigs, this script, the lockfile, the compiler's version) and of the dist/ it made
// are kept in node_modules/.cache/logpact/build.json, and when both still match, dist/ is
// what a build would write (`pnpm test` builds first; a git-URL install runs prepare, then
// prepack). `--force` builds anyway.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join, dirname, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const stampFile = join(root, "node_modules/.cache/logpact/build.json");

/** SHA-256 over the paths and contents of `paths` (files, or folders walked in name order). */
function hashOf(paths) {
  const hash = createHash("sha256");
  const add = (full) => {
    if (!existsSync(full)) return void hash.update(`missing ${relative(root, full)}\0`);
    if (statSync(full).isDirectory()) {
      for (const name of readdirSync(full).sort()) add(join(full, name));
      return;
    }
    hash
      .update(`${relative(root, full)}\0`)
      .update(readFileSync(full))
      .update("\0");
  };
  for (const p of paths) add(join(root, p));
  return hash.digest("hex");
}

const inputs = hashOf([
  "generator",
  "tsconfig.json",
  "tsconfig.build.json",
  "scripts/build.mjs",
  "pnpm-lock.yaml",
  "node_modules/typescript/package.json",
]);
let stamp;
try {
  stamp = JSON.parse(readFileSync(stampFile, "utf8"));
} catch {
  stamp = undefined;
}

if (!process.argv.includes("--force") && stamp?.inputs === inputs && stamp.dist === hashOf(["dist"])) {
  console.log("dist/ is up to date (nothing it is built from changed; `node scripts/build.mjs --force` rebuilds)");
} else {
  build();
  mkdirSync(dirname(stampFile), { recursive: true });
  writeFileSync(stampFile, `${JSON.stringify({ inputs, dist: hashOf(["dist"]) })}\n`);
}

function build() {
  const staging = join(root, `.dist-build-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  try {
    execFileSync(
      process.execPath,
      // One checker thread: tsc's default of 4 repeats much of the checking in each, which
      // on a 2-core machine cost 2.4× the CPU time (7.1 s -> 2.9 s) and more wall time.
      // --noCheck: emit (JS and .d.ts, byte for byte the same) without type-checking;
      // `pnpm typecheck` checks generator/ with the tests, and `pnpm test` runs both, so the
      // check here was done twice (3.7 -> 2.7 CPU-s, also in a git-URL install's prepare).
      [
        join(root, "node_modules/typescript/bin/tsc"),
        "--singleThreaded",
        "--noCheck",
        "-p",
        join(root, "tsconfig.build.json"),
        "--outDir",
        staging,
      ],
      {
        stdio: "inherit",
      },
    );
    const copyAssets = (dir) => {
      for (const name of readdirSync(dir)) {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) copyAssets(full);
        else if (/\.(hbs|json)$/.test(name)) cpSync(full, join(staging, full.slice(root.length + 1)));
      }
    };
    copyAssets(join(root, "generator"));
    // The emitters' runtime embeds the value rules' source text (generator/targets/emitters/validator-rules.ts).
    cpSync(join(root, "generator/registry/value-rules.ts"), join(staging, "generator/registry/value-rules.ts.txt"));
    const old = join(root, `.dist-old-${process.pid}`);
    if (existsSync(join(root, "dist"))) renameSync(join(root, "dist"), old);
    renameSync(staging, join(root, "dist"));
    rmSync(old, { recursive: true, force: true });
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
}
