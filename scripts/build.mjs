// Compiles generator/ to dist/ (what the published package and its `logpact` bin run),
// then copies the non-TS assets (handlebars templates) beside the compiled targets.
// It builds into a fresh folder and swaps it in at the end, so a process running the CLI
// from dist/ meanwhile never sees a half-built tree.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const staging = join(root, `.dist-build-${process.pid}`);
rmSync(staging, { recursive: true, force: true });
try {
  execFileSync(
    process.execPath,
    [join(root, "node_modules/typescript/bin/tsc"), "-p", join(root, "tsconfig.build.json"), "--outDir", staging],
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
