// Preloaded (`node --import`) into the `logpact gen` processes of kill-during-write.test.ts.
// It wraps the node:fs calls that change the disk and counts those on the output folder and
// on this process's own swap and temp paths (another, dead run's leftovers that this run
// removes first are not counted, so every run counts the same sequence):
// - KILL_FS_LOG=<file>: appends each counted call as "kind<TAB>path" (relative to the
//   working folder, this pid written as <pid>), for the test to choose where to kill;
// - KILL_AT=<n>: the process sends itself SIGKILL right after the n-th counted call (0: at
//   the first, before it runs), a real kill at a chosen point of the write;
// - KILL_AT=<n - 0.5> with a writeFileSync as the n-th call: halfway through writing it
//   (the first half of its contents written).
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import { relative } from "node:path";

const root = process.cwd();
const own = new RegExp(`\\.logpact-(?:new|old|tmp)-${process.pid}(?:/|$)`);
const killAt = process.env.KILL_AT === undefined ? undefined : Number(process.env.KILL_AT);
const log = process.env.KILL_FS_LOG;
const appendFileSync = fs.appendFileSync;
const writeFileSync = fs.writeFileSync;
let count = 0;

const die = () => process.kill(process.pid, "SIGKILL");

/** The path as the log shows it, or undefined when the call is not one to count. */
function counted(path) {
  const rel = relative(root, String(path));
  if (rel.startsWith("..")) return undefined;
  const mine = own.test(rel);
  if (!mine && rel !== "generated" && !rel.startsWith("generated/")) return undefined;
  return rel.split(String(process.pid)).join("<pid>");
}

function wrap(kind, pathArgs) {
  const real = fs[kind];
  fs[kind] = function (...args) {
    const paths = pathArgs.map((i) => counted(args[i]));
    if (paths.every((p) => p === undefined)) return real.apply(this, args);
    if (killAt === count) die();
    count++;
    if (log) appendFileSync(log, `${kind}\t${paths.filter((p) => p !== undefined).join("\t")}\n`);
    if (killAt === count - 0.5 && kind === "writeFileSync") {
      const data = Buffer.from(args[1]);
      writeFileSync(args[0], data.subarray(0, data.length >> 1));
      die();
    }
    const result = real.apply(this, args);
    if (killAt === count) die();
    return result;
  };
}

wrap("mkdirSync", [0]);
wrap("writeFileSync", [0]);
wrap("linkSync", [0, 1]);
wrap("copyFileSync", [0, 1]);
wrap("symlinkSync", [1]);
wrap("renameSync", [0, 1]);
wrap("rmSync", [0]);
wrap("unlinkSync", [0]);
wrap("rmdirSync", [0]);
syncBuiltinESMExports();
