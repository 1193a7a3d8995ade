/**
 * Output size of `logpact gen` for a large registry (issue 18): writes N events as schema
 * modules the way a big service's teams write them (100 families of 20 events; ids,
 * durations, counts, enums, optional error text, a nested object now and then;
 * descriptions and examples on most), runs the same load + generate as `logpact gen`, and
 * prints bytes per target and per file kind against the targets:
 *   registry.schema.json ≤ 3 MB and the whole output ≤ 5 MB for 2,000 events.
 *
 * Run: `pnpm bench:size [--events N] [--out DIR]` (default 2000 events; `--out` also writes
 * the files under DIR to look at). Deterministic: sizes, not times.
 */
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseConfig } from "../../generator/config/load.js";
import { generate } from "../../generator/gen/generate.js";
import { loadRegistry } from "../../generator/registry/index.js";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const argv = process.argv.slice(2);
const at = argv.indexOf("--events");
const EVENTS = at >= 0 ? Number(argv[at + 1]) : 2000;
const PER_FAMILY = 20;
const MB = 1e6;
const LIMITS = { "registry.schema.json": 3 * MB, total: 5 * MB };

const AREAS = [
  "checkout",
  "billing",
  "shipping",
  "search",
  "catalog",
  "auth",
  "profile",
  "payments",
  "inventory",
  "pricing",
];
const VERBS = [
  "requested",
  "started",
  "validated",
  "queued",
  "retried",
  "completed",
  "failed",
  "cancelled",
  "timed_out",
  "skipped",
];

/** One family module: a discriminated union of strict objects, as teams write them by hand. */
function familyModule(f: number, count: number): string {
  const family = `${AREAS[f % AREAS.length]}.unit${f}`;
  const events: string[] = [];
  for (let e = 0; e < count; e++) {
    const verb = `${VERBS[e % VERBS.length]}${e >= VERBS.length ? `_${Math.floor(e / VERBS.length)}` : ""}`;
    const fields = [
      `requestId: z.string().uuid().meta({ description: "Request id, bound per request." })`,
      `${AREAS[f % AREAS.length]}Id: z.string().min(1).meta({ description: "Id of the ${AREAS[f % AREAS.length]} record." })`,
      ...(e % 2 === 0
        ? [`duration_ms: z.number().int().nonnegative().meta({ unit: "ms", description: "Time the step took." })`]
        : []),
      ...(e % 3 === 0
        ? [`attempt: z.number().int().min(1).max(10).meta({ unit: "count", description: "Attempt number." })`]
        : []),
      ...(e % 4 === 0
        ? [`region: z.enum(["eu-west-1", "us-east-1", "ap-south-1"]).meta({ description: "Serving region." })`]
        : []),
      ...(e % 5 === 0
        ? [`reason: z.string().max(500).optional().meta({ description: "Why it happened, when known." })`]
        : []),
      ...(e % 7 === 0
        ? [`client: z.strictObject({ name: z.string(), version: z.string() }).meta({ description: "Calling client." })`]
        : []),
    ];
    const example = `{ requestId: "3f2b8c1e-9d4a-4e6f-8b7c-2a1d5e9f0c34", ${AREAS[f % AREAS.length]}Id: "r-${e}"${e % 2 === 0 ? ", duration_ms: 12" : ""}${e % 3 === 0 ? ", attempt: 1" : ""}${e % 4 === 0 ? ', region: "eu-west-1"' : ""}${e % 7 === 0 ? ', client: { name: "web", version: "1.2.0" }' : ""} }`;
    events.push(`    z.strictObject({
      event: z.literal("${family}.${verb}"),
      ${fields.join(",\n      ")},
    }).meta({ level: "${e % 6 === 5 ? "warn" : "info"}", description: "The ${AREAS[f % AREAS.length]} step ${verb.replace(/_/g, " ")} (unit ${f}).", examples: [${example}] }),`);
  }
  return `import { z } from "zod";

export const Unit${f}Log = z.discriminatedUnion("event", [
${events.join("\n")}
]).meta({ family: "${family}", description: "Unit ${f} of the ${AREAS[f % AREAS.length]} service." });
`;
}

const dir = mkdtempSync(join(tmpdir(), "logpact-size-"));
try {
  mkdirSync(join(dir, "schemas"));
  symlinkSync(join(REPO, "node_modules"), join(dir, "node_modules"));
  const families = Math.ceil(EVENTS / PER_FAMILY);
  for (let f = 0; f < families; f++)
    writeFileSync(join(dir, `schemas/unit${f}.ts`), familyModule(f, Math.min(PER_FAMILY, EVENTS - f * PER_FAMILY)));
  const config = parseConfig({ conventions: { descriptions: "off" } }, "<bench>");
  const { ir } = await loadRegistry(dir, config);
  const files = generate(ir, config, { root: dir });
  const out = argv.indexOf("--out");
  if (out >= 0)
    for (const f of files) {
      const to = resolve(argv[out + 1]!, f.path);
      mkdirSync(dirname(to), { recursive: true });
      writeFileSync(to, f.contents);
    }
  const events = ir.families.reduce((n, fam) => n + fam.events.length, 0);

  const bytes = (f: { contents: string }) => Buffer.byteLength(f.contents);
  const groups = new Map<string, number>();
  for (const f of files) {
    const key = f.path.endsWith("registry.schema.json")
      ? "json-schema/registry.schema.json"
      : f.path.includes("/json-schema/")
        ? "json-schema/<family>.schema.json"
        : f.path
            .replace(/^generated\//, "")
            .replace(/\/[^/]+$/, "/*")
            .replace(/^[^/]+$/, (m) => m);
    groups.set(key, (groups.get(key) ?? 0) + bytes(f));
  }
  const total = files.reduce((n, f) => n + bytes(f), 0);
  const registrySchema = bytes(files.find((f) => f.path.endsWith("registry.schema.json"))!);
  const fmt = (n: number) => `${(n / MB).toFixed(2).padStart(7)} MB`;
  console.log(`logpact gen output for ${events} events in ${ir.families.length} families (${files.length} files):`);
  for (const [k, n] of [...groups].sort((a, b) => b[1] - a[1])) console.log(`  ${fmt(n)}  ${k}`);
  console.log(`  ${fmt(total)}  total`);
  const ok = (n: number, limit: number) => (n <= limit ? "ok" : "OVER");
  console.log(
    `\nregistry.schema.json ${fmt(registrySchema)} (target ≤ ${LIMITS["registry.schema.json"] / MB} MB: ${ok(registrySchema, LIMITS["registry.schema.json"])})`,
  );
  console.log(`whole output         ${fmt(total)} (target ≤ ${LIMITS.total / MB} MB: ${ok(total, LIMITS.total)})`);
  if (EVENTS === 2000 && (registrySchema > LIMITS["registry.schema.json"] || total > LIMITS.total))
    process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
