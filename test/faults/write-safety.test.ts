/**
 * issue 17 items 1–3: logpact deletes only files it can prove it wrote, keeps every
 * generated path under its output folder, and never renames over a non-regular file.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  closeSync,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
  constants,
} from "node:fs";
import { dirname, join } from "node:path";
import { tmpdir } from "node:os";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { parseConfig } from "../../generator/config/load.js";
import { BANNER, generate } from "../../generator/gen/generate.js";
import type { Target } from "../../generator/targets/types.js";
import { bundledIr } from "../helpers/registry.js";
import { tmpProject, writeFiles } from "../helpers/project.js";
import { expectGenRefused } from "../helpers/cli.js";
import { INVOICE, REFUND, cli } from "./helpers.js";

const MANIFEST = "generated/.logpact-manifest.json";

// Victims outside the projects (beside them in the temp folder): removed after the file.
afterAll(() => {
  for (const name of ["victim-keep.txt", "victim-per-file.txt"]) rmSync(join(tmpdir(), name), { force: true });
});

function addToManifest(dir: string, entries: readonly string[], hashes: Record<string, string> = {}) {
  const m = JSON.parse(readFileSync(join(dir, MANIFEST), "utf8")) as {
    files: string[];
    sha256?: Record<string, string>;
  };
  m.files.push(...entries);
  m.sha256 = { ...m.sha256, ...hashes };
  writeFileSync(join(dir, MANIFEST), JSON.stringify(m, null, 2));
}

/** What a hostile or broken manifest entry points at, set up before the second run. */
type Victim = { entry: string; setup(dir: string): void; survives(dir: string): boolean };

const keep = (path: string, text = "precious\n"): Pick<Victim, "setup" | "survives"> => ({
  setup: (dir) => writeFiles(dir, { [path]: text }),
  survives: (dir) => existsSync(join(dir, path)) && readFileSync(join(dir, path), "utf8") === text,
});

describe("manifest-driven deletion only removes what logpact provably wrote", () => {
  describe.each<[string, Victim]>([
    ["a path outside the project", { entry: "../victim-keep.txt", ...keep("../victim-keep.txt") }],
    ["package.json at the root", { entry: "package.json", ...keep("package.json", '{ "name": "svc" }\n') }],
    [
      "a schema module",
      {
        entry: "schemas/invoice.ts",
        setup: () => undefined,
        survives: (d) => readFileSync(join(d, "schemas/invoice.ts"), "utf8") === INVOICE,
      },
    ],
    [
      "a non-normalised path escaping the folder",
      { entry: "generated/../package.json", ...keep("package.json", '{ "name": "svc" }\n') },
    ],
    ["a hand-written file with no banner", { entry: "generated/notes.md", ...keep("generated/notes.md") }],
    [
      "a folder",
      {
        entry: "generated/assets",
        setup: (d) => writeFiles(d, { "generated/assets/logo.svg": "<svg/>" }),
        survives: (d) => existsSync(join(d, "generated/assets/logo.svg")),
      },
    ],
    [
      "a symlink to a project file",
      {
        entry: "generated/link.json",
        setup: (d) => {
          writeFiles(d, { "config.json": `${BANNER}\n` });
          symlinkSync("../config.json", join(d, "generated/link.json"));
        },
        survives: (d) =>
          lstatSync(join(d, "generated/link.json")).isSymbolicLink() && existsSync(join(d, "config.json")),
      },
    ],
    [
      "a file reached through a symlinked folder",
      {
        entry: "generated/via/invoice.ts",
        setup: (d) => symlinkSync("../schemas", join(d, "generated/via")),
        survives: (d) => readFileSync(join(d, "schemas/invoice.ts"), "utf8") === INVOICE,
      },
    ],
    ["a backslash path", { entry: "generated\\..\\package.json", ...keep("package.json", '{ "name": "svc" }\n') }],
  ])("%s", (_, victim) => {
    it("is reported, never deleted, and the run does not crash", async () => {
      const dir = tmpProject({ "schemas/invoice.ts": INVOICE });
      expect((await cli(["gen"], dir)).code).toBe(0);
      victim.setup(dir);
      addToManifest(dir, [victim.entry]);
      const check = await cli(["gen", "--check"], dir);
      expect(check.code).toBe(1);
      expect(check.stderr).toContain(JSON.stringify(victim.entry));
      expect(victim.survives(dir)).toBe(true);
      const r = await cli(["gen"], dir);
      expect(r.stderr).toContain("left in place");
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/0 removed/);
      expect(victim.survives(dir)).toBe(true);
    });
  });

  it.each([
    ["carrying the banner", (contents: string) => ({ contents, hashes: {} })],
    [
      "matching the manifest's hash (banner edited away)",
      (contents: string) => ({
        contents: contents.replace(BANNER, "x"),
        hashes: { [ORPHAN]: contentHash(contents.replace(BANNER, "x")) },
      }),
    ],
  ])("a real orphan %s is removed", async (_, make) => {
    const dir = tmpProject({ "schemas/invoice.ts": INVOICE, "schemas/refund.ts": REFUND });
    expect((await cli(["gen"], dir)).code).toBe(0);
    const old = readFileSync(join(dir, ORPHAN), "utf8");
    rmSync(join(dir, "schemas/refund.ts"));
    const { contents, hashes } = make(old);
    writeFileSync(join(dir, ORPHAN), contents);
    addToManifest(dir, [], hashes);
    const r = await cli(["gen"], dir);
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, ORPHAN))).toBe(false);
    expect((await cli(["gen", "--check"], dir)).code).toBe(0);
  });
});
const ORPHAN = "generated/json-schema/billing.refund.schema.json";

it("per-file mode (the output folder is a symlink, so it is not swapped): same deletion rules", async () => {
  const dir = tmpProject({
    "schemas/invoice.ts": INVOICE,
    "schemas/refund.ts": REFUND,
    "../victim-per-file.txt": "precious\n",
  });
  mkdirSync(join(dir, "build-out"));
  symlinkSync("build-out", join(dir, "generated"));
  expect((await cli(["gen"], dir)).code).toBe(0);
  expect(existsSync(join(dir, "build-out", ORPHAN.slice("generated/".length)))).toBe(true);
  rmSync(join(dir, "schemas/refund.ts"));
  addToManifest(dir, ["../victim-per-file.txt", "schemas/invoice.ts"]);
  const r = await cli(["gen"], dir);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/4 removed/); // the refund family's schema, page and two emitter files
  expect(r.stderr).toMatch(/"\.\.\/victim-per-file\.txt", which logpact no longer generates; left in place/);
  expect(lstatSync(join(dir, "generated")).isSymbolicLink()).toBe(true);
  expect(existsSync(join(dir, ORPHAN))).toBe(false);
  expect(readFileSync(join(dir, "../victim-per-file.txt"), "utf8")).toBe("precious\n");
  expect(readFileSync(join(dir, "schemas/invoice.ts"), "utf8")).toBe(INVOICE);
  expect((await cli(["gen", "--check"], dir)).code).toBe(0);
});
const contentHash = (text: string) => createHash("sha256").update(text).digest("hex");

describe("family names used in paths", () => {
  const family = (name: string) => `
import { z } from "zod";
export const Odd = z.strictObject({ event: z.literal(${JSON.stringify(`${name}.happened`)}), n: z.number().meta({ description: "N." }) })
  .meta({ level: "info", family: ${JSON.stringify(name)}, description: "Odd." });
`;
  it.each([
    ["../ in the name", "../../escaped", "path separator"],
    ["a slash", "billing/invoice", "path separator"],
    ["a backslash", "billing\\invoice", "path separator"],
    ["a NUL", "billing\u0000invoice", "control character"],
    ["300 characters", "a".repeat(300), "300 bytes long"],
  ])("%s: exit 2 naming the family, nothing written", async (_, name, why) => {
    const dir = tmpProject({
      "schemas/odd.ts": family(name),
      "logpact.config.json": JSON.stringify({ conventions: { eventNames: false } }),
    });
    await expectGenRefused(dir, ["LP_UNSAFE_NAME", why]);
    expect(readdirSync(dirname(dir)).filter((n) => n.startsWith("escaped"))).toEqual([]);
    expect((await cli(["gen", "--check"], dir)).code).toBe(2);
  });
});

describe("every target output path is checked", () => {
  it.each([
    ["../../escape.json"],
    ["/etc/cron.d/x"],
    ["a\\..\\b.json"],
    ["ok/../../up.json"],
    [`${"x".repeat(300)}.json`],
  ])("a target rendering %s: LP_UNSAFE_PATH", async (path) => {
    const ir = await bundledIr();
    const evil: Target<never> = {
      name: "evil",
      description: "A third-party target.",
      defaultDir: "evil",
      options: z.object({}).optional() as never,
      render: () => [{ path, contents: "x" }],
    };
    expect(() => generate(ir, parseConfig({}, "test"), { root: "/nowhere", targets: [evil] })).toThrow(
      /LP_UNSAFE_PATH/,
    );
  });
});

describe("lint -o to something that is not a regular file", () => {
  const project = () =>
    tmpProject({
      "schemas/invoice.ts": INVOICE,
      "src/a.ts": `logger.info({ event: "billing.invoice.voided" }, "voided");\n`,
    });

  it("a character device (mknod'd /dev/null) stays a device", async () => {
    const dir = project();
    try {
      execFileSync("mknod", [join(dir, "null"), "c", "1", "3"]);
    } catch {
      return expect.fail("mknod failed: this test needs root (CI and this machine run as root)");
    }
    const r = await cli(["lint", "-o", "null"], dir);
    expect(r.stderr).toBe("");
    expect(statSync(join(dir, "null")).isCharacterDevice()).toBe(true);
    expect(readdirSync(dir).filter((n) => n.includes("tmp"))).toEqual([]);
  });

  it("a FIFO is written to, not replaced", async () => {
    const dir = project();
    execFileSync("mkfifo", [join(dir, "report.fifo")]);
    const fd = openSync(join(dir, "report.fifo"), constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const r = await cli(["lint", "-f", "json", "-o", "report.fifo"], dir);
      expect(r.stderr).toBe("");
      const buf = Buffer.alloc(65536);
      const n = readSync(fd, buf);
      expect(JSON.parse(buf.subarray(0, n).toString("utf8"))).toBeTruthy();
      expect(statSync(join(dir, "report.fifo")).isFIFO()).toBe(true);
    } finally {
      closeSync(fd);
    }
  });

  it("- writes to stdout", async () => {
    const dir = project();
    const r = await cli(["lint", "-f", "json", "-o", "-"], dir);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain('"findings"');
    expect(existsSync(join(dir, "-"))).toBe(false);
  });

  it("a folder is exit 2 with the path, and no temp file is left", async () => {
    const dir = project();
    mkdirSync(join(dir, "reports"));
    const r = await cli(["lint", "-o", "reports"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write reports: it is a folder/);
    expect(readdirSync(dir).filter((n) => n.includes("tmp"))).toEqual([]);
  });
});

describe("temp files of interrupted runs", () => {
  it("a dead run's are listed by --check and removed by the next gen; a live run's are left alone", async () => {
    const dir = tmpProject({ "schemas/invoice.ts": INVOICE });
    expect((await cli(["gen"], dir)).code).toBe(0);
    // pid 2^22 + 1 is above Linux's pid_max: never a live process.
    const dead = 4_194_305;
    writeFiles(dir, {
      [`generated/registry.json.logpact-tmp-${dead}`]: "half",
      [`.generated.logpact-new-${dead}/registry.json`]: "half",
      [`docs/notes.md.logpact-tmp-${dead}`]: "half",
      [`generated/registry.json.logpact-tmp-${process.pid}`]: "a concurrent run's",
    });
    const check = await cli(["gen", "--check"], dir);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(`leftover  generated/registry.json.logpact-tmp-${dead}`);
    expect(check.stderr).toContain(`leftover  .generated.logpact-new-${dead}`);
    expect(check.stderr).not.toContain(`logpact-tmp-${process.pid}`);
    expect(existsSync(join(dir, `.generated.logpact-new-${dead}`))).toBe(true);
    writeFiles(dir, {
      "docs/notes.md": "# Notes\n\n<!-- logpact:begin family billing.invoice -->\n<!-- logpact:end -->\n",
    });
    expect((await cli(["gen"], dir)).code).toBe(0);
    expect(existsSync(join(dir, `generated/registry.json.logpact-tmp-${dead}`))).toBe(false);
    expect(existsSync(join(dir, `.generated.logpact-new-${dead}`))).toBe(false);
    expect(existsSync(join(dir, `docs/notes.md.logpact-tmp-${dead}`))).toBe(false);
    expect(readFileSync(join(dir, `generated/registry.json.logpact-tmp-${process.pid}`), "utf8")).toBe(
      "a concurrent run's",
    );
  });
});
