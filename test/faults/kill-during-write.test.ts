/**
 * issue 17 item 8: a `gen` killed at any moment leaves the output folder all old or all new
 * (never a mix, never half a file), `gen --check` says exactly that (and lists the temp
 * folders the dead run left), and the next `gen` cleans up.
 *
 * ≥ 200 generated files. A census run (a real `gen` with kill-at.mjs preloaded) lists every
 * call that changes the output folder or the run's own swap folders; then real `gen`
 * processes are SIGKILLed at chosen points of that list — before the first write, after the
 * new folder is made, after (and halfway through) seeded-random writes into it, with it
 * complete, between the two renames, after the swap, halfway through removing the old tree —
 * so every row of docs/gen.md's "what a crash can leave" table is hit
 * on every machine, and each outcome is the one that table promises for that point. (Kills
 * timed by the clock mostly landed before the first write: the writes are the last ~10 % of
 * a run.) Each killed run starts with the previous dead run's leftovers still on disk, and
 * must remove them. One spawned process per kill; the checks run in-process.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { prng } from "../helpers/prng.js";
import { BIN, readTree, tmpProject } from "../helpers/project.js";
import { cli } from "./helpers.js";

const FAMILIES = 60;
const KILL_AT = fileURLToPath(new URL("./kill-at.mjs", import.meta.url));

/** One module exporting `count` families (a platform team's generated-style registry). */
function registry(version: number, skip: (i: number) => boolean = () => false): string {
  const lines = [`import { z } from "zod";`, ``, `const family = (name: string, text: string) =>`];
  lines.push(
    `  z.discriminatedUnion("event", [`,
    `    z.strictObject({ event: z.literal(\`svc.\${name}.started\`), requestId: z.string().meta({ description: text }) }).meta({ level: "info", description: text }),`,
    `    z.strictObject({ event: z.literal(\`svc.\${name}.failed\`), requestId: z.string().meta({ description: text }), attempt: z.number().int().meta({ description: "Attempt." }) }).meta({ level: "error", description: text }),`,
    `  ]).meta({ family: \`svc.\${name}\`, description: text });`,
    ``,
  );
  for (let i = 0; i < FAMILIES; i++)
    if (!skip(i)) lines.push(`export const Step${i}Log = family("step${i}", "Step ${i}, revision ${version}.");`);
  return `${lines.join("\n")}\n`;
}

function tree(dir: string): Record<string, string> {
  return existsSync(dir) ? readTree(dir) : {};
}

/** A real `logpact gen` process with kill-at.mjs preloaded (see there for the variables). */
function gen(dir: string, env: Record<string, string>) {
  return spawnSync(process.execPath, ["--import", KILL_AT, BIN, "gen"], {
    cwd: dir,
    stdio: "ignore",
    env: { ...process.env, NO_COLOR: "1", ...env },
  });
}

type Outcome = "old" | "old+new-folder" | "absent" | "new+old-folder";

describe("a gen killed while writing", () => {
  it("leaves the old tree or the new one at every point of the write, and gen --check is accurate (≥ 200 files)", async () => {
    const dir = tmpProject({
      "schemas/steps.ts": registry(1, (i) => i >= FAMILIES - 5),
      "logpact.config.json": JSON.stringify({ docs: { include: [] } }),
    });
    const out = join(dir, "generated");
    expect((await cli(["gen"], dir)).code).toBe(0);
    const oldTree = tree(out);
    const oldCopy = join(dir, "..", `${dir.split("/").pop()}-old`);
    cpSync(out, oldCopy, { recursive: true });
    const reset = () => {
      rmSync(out, { recursive: true, force: true });
      cpSync(oldCopy, out, { recursive: true });
    };
    // The new registry: every description changed, 5 families removed (orphans), 5 added.
    writeFileSync(
      join(dir, "schemas/steps.ts"),
      registry(2, (i) => i < 5),
    );

    // The census: a whole run from the old tree, listing its calls.
    reset();
    const logFile = join(oldCopy, "..", `${dir.split("/").pop()}-calls.tsv`);
    const census = gen(dir, { KILL_FS_LOG: logFile });
    expect(census.status).toBe(0);
    const newTree = tree(out);
    expect(Object.keys(newTree).length).toBeGreaterThanOrEqual(200);
    expect(newTree).not.toEqual(oldTree);
    const calls = readFileSync(logFile, "utf8").trimEnd().split("\n");
    rmSync(logFile);
    const NEW = ".generated.logpact-new-<pid>";
    const OLD = ".generated.logpact-old-<pid>";
    // Positions (1-based: "after call n") of the swap's landmarks; the census must show a swap.
    const at = (line: string) => calls.indexOf(line) + 1;
    const made = at(`mkdirSync\t${NEW}`);
    const rename1 = at(`renameSync\tgenerated\t${OLD}`);
    const rename2 = at(`renameSync\t${NEW}\tgenerated`);
    expect([made > 0, rename1 > made, rename2 === rename1 + 1]).toEqual([true, true, true]);
    const into = calls.flatMap((c, i) => (i + 1 > made && i + 1 < rename1 && c.includes(`\t${NEW}/`) ? [i + 1] : []));
    expect(into.length).toBeGreaterThanOrEqual(200); // every file, linked or written
    const written = into.filter((n) => calls[n - 1]!.startsWith("writeFileSync\t"));
    const removing = calls.flatMap((c, i) => (i + 1 > rename2 && c.includes(`\t${OLD}/`) ? [i + 1] : []));
    // rmSync removes a folder through fs.unlinkSync/rmdirSync on Node 20, so the census sees each file go.
    expect(removing.length, "the old tree's removal, file by file").toBeGreaterThan(100);

    // Run to the end, the new tree is clean.
    expect((await cli(["gen", "--check"], dir)).code).toBe(0);

    const rand = prng(17);
    const pick = (list: readonly number[]) => list[Math.floor(rand() * list.length)]!;
    // Kill points: n = after the n-th call (0: before the first), n - 0.5 = halfway through a write.
    // The one between the renames goes last: the final gen must put that old tree back.
    const points: [number, Outcome][] = [
      [0, "old"],
      [made, "old+new-folder"],
      [pick(into), "old+new-folder"],
      [pick(written) - 0.5, "old+new-folder"],
      [rename1 - 1, "old+new-folder"],
      [rename2, "new+old-folder"],
      [pick(removing), "new+old-folder"],
      [rename1, "absent"],
    ];
    for (const [point, want] of points) {
      reset();
      const killed = gen(dir, { KILL_AT: String(point) });
      expect(killed.signal, `the run reached kill point ${point}`).toBe("SIGKILL");
      const pid = killed.pid;
      const leftovers = readdirSync(dir).filter((n) => n.includes(".logpact-"));
      // The previous dead run's leftovers are gone: this run removed them before writing.
      expect(leftovers.filter((n) => !n.endsWith(`-${pid}`))).toEqual([]);
      const now = tree(out);
      const got: Outcome = !existsSync(out)
        ? "absent"
        : JSON.stringify(now) === JSON.stringify(oldTree)
          ? leftovers.length
            ? "old+new-folder"
            : "old"
          : "new+old-folder";
      expect(got, `killed at ${point} (${calls[Math.ceil(point) - 1] ?? "start"})`).toBe(want);
      if (got === "new+old-folder") expect(now).toEqual(newTree); // never a mix
      if (got === "old+new-folder") expect(leftovers).toEqual([`.generated.logpact-new-${pid}`]);
      if (got === "new+old-folder") expect(leftovers).toEqual([`.generated.logpact-old-${pid}`]);
      if (got === "absent") {
        // Between the renames: the old tree waits, whole, beside the complete new one.
        expect(leftovers.sort()).toEqual([`.generated.logpact-new-${pid}`, `.generated.logpact-old-${pid}`]);
        expect(tree(join(dir, `.generated.logpact-old-${pid}`))).toEqual(oldTree);
        expect(tree(join(dir, `.generated.logpact-new-${pid}`))).toEqual(newTree);
      }
      const check = await cli(["gen", "--check"], dir);
      expect(check.code, check.stderr).toBe(1);
      if (leftovers.length) expect(check.stderr).toContain("leftover");
      if (got.startsWith("old")) expect(check.stderr).toContain("stale");
    }
    // The next run puts the old tree back, cleans what the dead one left and finishes the job.
    expect((await cli(["gen"], dir)).code).toBe(0);
    expect(tree(out)).toEqual(newTree);
    expect(readdirSync(dir).filter((n) => n.includes(".logpact-"))).toEqual([]);
    expect((await cli(["gen", "--check"], dir)).code).toBe(0);
    rmSync(oldCopy, { recursive: true, force: true });
  }, 300_000);
});
