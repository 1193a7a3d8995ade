/**
 * Which dispatch on `event` validates faster in ajv: the `if`/`then` table logpact
 * writes (standard JSON Schema), or ajv's `discriminator` keyword over `oneOf`
 * (an OpenAPI extension other validators ignore)? Same IR, same lines, alternating
 * rounds in one run; prints lines/s of each and the ratio.
 *
 *   pnpm bench:dispatch            (LINES=200000 ROUNDS=7 to change the size)
 */
import { parseConfig } from "../../generator/config/load.js";
import { loadRegistry } from "../../generator/registry/index.js";
import { allEvents } from "../../generator/registry/ir.js";
import { createAjv } from "../../generator/registry/ajv.js";
import { lineSchema } from "../../generator/registry/line-schema.js";

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

const compile = (schema: object) => createAjv("2020-12", { discriminator: true }).compile(schema);
const validators = { "if/then": compile(ifThen), discriminator: compile(discriminator) };

// Realistic mix: every example of every event with pino's envelope, 1 in 10 broken.
const samples = events.flatMap((e) =>
  e.examples.map((x) => ({ level: 30, time: 1764000000000, pid: 7, hostname: "h", msg: e.message, ...x })),
);
const lines = Array.from({ length: LINES }, (_, i) => {
  const line = { ...samples[i % samples.length]! } as Record<string, unknown>;
  if (i % 10 === 0) line.unexpected = true;
  return line;
});

const results: Record<string, number[]> = { "if/then": [], discriminator: [] };
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
