/**
 * Which dispatch on `event` validates faster in ajv: the `if`/`then` table logpact
 * writes (standard JSON Schema), or ajv's `discriminator` keyword over `oneOf`
 * (an OpenAPI extension other validators ignore)? Same IR, same lines, alternating
 * rounds in one run; prints lines/s of each and the ratio: for the line schema
 * `logpact validate` builds, and for registry.schema.json as `logpact gen` writes it.
 *
 *   pnpm bench:dispatch            (LINES=200000 ROUNDS=7 to change the size)
 */
import { parseConfig } from "../../generator/config/load.js";
import { loadRegistry } from "../../generator/registry/index.js";
import { allEvents } from "../../generator/registry/ir.js";
import { createAjv } from "../../generator/registry/ajv.js";
import { lineSchema } from "../../generator/registry/line-schema.js";
import { generate } from "../../generator/gen/generate.js";

const LINES = Number(process.env.LINES ?? 200_000);
const ROUNDS = Number(process.env.ROUNDS ?? 7);
const root = new URL("../..", import.meta.url).pathname;
const { ir } = await loadRegistry(root, parseConfig({}, "bench"));
const events = allEvents(ir);

const ifThen = lineSchema(ir, events, { draft: "2020-12", id: "urn:bench:if-then", title: "if/then", comment: "" });
const discriminator = lineSchema(ir, events, {
  draft: "2020-12",
  id: "urn:bench:discriminator",
  title: "discriminator",
  comment: "",
  dispatch: "discriminator",
});

/** The registry file `logpact gen` writes with `dispatch` (what a pipeline loads). */
const written = (dispatch: "if-then" | "discriminator") =>
  JSON.parse(
    generate(ir, parseConfig({ targets: { "json-schema": { options: { dispatch } } } }, "bench"), {
      root,
      only: ["json-schema"],
    }).find((f) => f.path.endsWith("registry.schema.json"))!.contents,
  ) as object;

const compile = (schema: object) => createAjv("2020-12", { discriminator: true }).compile(schema);
const validators = {
  "if/then": compile(ifThen),
  discriminator: compile(discriminator),
  "file if/then": compile(written("if-then")),
  "file discriminator": compile(written("discriminator")),
};

// Realistic mix: every example of every event with pino's envelope, 1 in 10 broken.
const samples = events.flatMap((e) =>
  e.examples.map((x) => ({ level: 30, time: 1764000000000, pid: 7, hostname: "h", msg: e.message, ...x })),
);
const lines = Array.from({ length: LINES }, (_, i) => {
  const line = { ...samples[i % samples.length]! } as Record<string, unknown>;
  if (i % 10 === 0) line.unexpected = true;
  return line;
});

const results: Record<string, number[]> = Object.fromEntries(Object.keys(validators).map((k) => [k, []]));
let agree = 0;
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, validate] of Object.entries(validators)) {
    const start = process.hrtime.bigint();
    let valid = 0;
    for (const line of lines) if (validate(line)) valid++;
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    results[name]!.push(LINES / seconds);
    agree = valid;
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const a = median(results["if/then"]!);
const b = median(results.discriminator!);
console.log(`${LINES} lines × ${ROUNDS} rounds, ${events.length} events, ${agree} valid per round`);
console.log(`if/then (written)      ${Math.round(a).toLocaleString("en")} lines/s`);
console.log(`ajv discriminator      ${Math.round(b).toLocaleString("en")} lines/s`);
console.log(`ratio if/then ÷ discriminator: ${(a / b).toFixed(2)}`);
const fa = median(results["file if/then"]!);
const fb = median(results["file discriminator"]!);
console.log(`registry.schema.json as written (gen), same lines:`);
console.log(`  dispatch if-then       ${Math.round(fa).toLocaleString("en")} lines/s`);
console.log(`  dispatch discriminator ${Math.round(fb).toLocaleString("en")} lines/s`);
console.log(`  ratio if/then ÷ discriminator: ${(fa / fb).toFixed(2)}`);
