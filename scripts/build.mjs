// Compiles generator/ to dist/ (what the published package and its `logpact` bin run),
// then copies the non-TS assets (handlebars templates) beside the compiled targets.
import { execFileSync } from "node:child_process";
import { cpSync, rmSync, readdirSync, statSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
rmSync(join(root, "dist"), { recursive: true, force: true });
execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", join(root, "tsconfig.build.json")], {
  stdio: "inherit",
});

function copyAssets(dir) {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) copyAssets(full);
    else if (/\.(hbs|json)$/.test(name)) cpSync(full, join(root, "dist", full.slice(root.length + 1)));
  }
}
copyAssets(join(root, "generator"));
