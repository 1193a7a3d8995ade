/**
 * A per-family schema file is a `$ref` into `registry.schema.json`, not a copy. Checked the
 * ways a user loads the pair: a file-based resolver (each `$ref` resolved against the file's
 * own location on disk, followed into the file it names), ajv fetching the registry file from
 * disk (`compileAsync` + `loadSchema`), ajv and @cfworker/json-schema with both files added —
 * and, on a service-shaped registry (a pino profile with a required binding, nested objects,
 * nullable and optional fields, a variant event),
 * every event's valid and broken lines get one verdict from all of them and from `logpact validate`.
 */
import { Validator } from "@cfworker/json-schema";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { parseConfig } from "../../generator/config/load.js";
import type { UserConfig } from "../../generator/config/schema.js";
import { generate } from "../../generator/gen/generate.js";
import { createAjv } from "../../generator/registry/ajv.js";
import type { EventIR, FieldIR, RegistryIR } from "../../generator/registry/ir.js";
import { LogChecker } from "../../generator/validate/checker.js";
import { DEFAULT_SEVERITY } from "../../generator/validate/kinds.js";
import { REPO, tmpProject } from "../helpers/project.js";
import { validIr } from "../helpers/registry.js";
import { SCHEMA_MODES, type Dispatch, type Draft } from "./helpers.js";

/** A checkout service's log-fields modules, as its team wrote them. */
const CheckoutLog = z
  .discriminatedUnion("event", [
    z
      .object({
        event: z.literal("checkout.cart.item_added"),
        cartId: z.string().uuid(),
        sku: z.string().min(3),
        quantity: z.number().int().positive(),
        unitPriceCents: z.number().int().nonnegative(),
      })
      .strict()
      .meta({
        level: "info",
        examples: [{ cartId: "6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b", sku: "SKU-1", quantity: 2, unitPriceCents: 1299 }],
      }),
    z
      .object({
        event: z.literal("checkout.cart.abandoned"),
        cartId: z.string().uuid(),
        idleMs: z.number().int().nonnegative(),
        lastStep: z.enum(["cart", "shipping", "payment"]).nullable(),
        coupon: z.string().optional(),
      })
      .strict()
      .meta({
        level: "warn",
        examples: [{ cartId: "6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b", idleMs: 900000, lastStep: null }],
      }),
    z
      .object({
        event: z.literal("checkout.payment.capture_failed"),
        cartId: z.string().uuid(),
        provider: z.object({ name: z.string(), region: z.string() }).strict(),
        declineCode: z.string().nullable(),
      })
      .strict()
      .meta({
        level: "error",
        examples: [
          {
            cartId: "6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b",
            provider: { name: "stripe", region: "eu" },
            declineCode: "card_declined",
          },
        ],
      }),
  ])
  .meta({ family: "checkout", description: "Checkout funnel of the storefront." });

const RefundLog = z
  .discriminatedUnion("event", [
    z
      .object({
        event: z.literal("refund.request.settled"),
        refundId: z.string().min(1),
        outcome: z.literal("approved"),
        amountCents: z.number().int().positive(),
      })
      .strict()
      .meta({ level: "info", examples: [{ refundId: "r-1", outcome: "approved", amountCents: 500 }] }),
    z
      .object({
        event: z.literal("refund.request.settled"),
        refundId: z.string().min(1),
        outcome: z.literal("rejected"),
        reason: z.string().max(200),
      })
      .strict()
      .meta({ level: "info", examples: [{ refundId: "r-2", outcome: "rejected", reason: "outside window" }] }),
    z
      .object({ event: z.literal("refund.request.opened"), refundId: z.string().min(1), cartId: z.string().uuid() })
      .strict()
      .meta({ level: "info", examples: [{ refundId: "r-3", cartId: "6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b" }] }),
  ])
  .meta({ family: "refund.request", description: "Refunds, from request to settlement." });

const CONFIG: UserConfig = {
  envelope: { bindings: { tenantId: { type: "string", minLength: 1 } }, required: ["tenantId"] },
};
const ENVELOPE = { level: 30, time: 1_764_000_000_000, pid: 7, hostname: "web-1", msg: "m", tenantId: "acme" };

function serviceIr(): RegistryIR {
  return validIr({ "src/checkout/log-fields.ts": { CheckoutLog }, "src/refunds/log-fields.ts": { RefundLog } }, CONFIG);
}

/** The json-schema target's files for `ir`, written to a temp folder as `gen` writes them. */
function writeSchemas(ir: RegistryIR, draft: Draft, dispatch: Dispatch, config: UserConfig = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "logpact-family-files-"));
  dirs.push(dir);
  const resolved = parseConfig(
    { ...config, jsonSchemaDraft: draft, targets: { "json-schema": { options: { dispatch } } } },
    "test",
  );
  for (const f of generate(ir, resolved, { root: REPO, only: ["json-schema"] }))
    writeFileSync(join(dir, f.path.split("/").pop()!), f.contents);
  return dir;
}
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;

/** Every `$ref` in `schema`, with the base URI in force where it stands (`$id`s resolved on the way down). */
function refs(schema: unknown, base: URL, out: { ref: string; base: URL }[] = []): { ref: string; base: URL }[] {
  if (!schema || typeof schema !== "object") return out;
  const obj = schema as Record<string, unknown>;
  const here = typeof obj.$id === "string" && !obj.$id.startsWith("#") ? new URL(obj.$id, base) : base;
  if (typeof obj.$ref === "string") out.push({ ref: obj.$ref, base: here });
  for (const [k, v] of Object.entries(obj)) if (k !== "enum" && k !== "const" && k !== "examples") refs(v, here, out);
  return out;
}

/** What a file-based resolver does: read the file the URI names from disk, then follow the fragment's JSON Pointer. */
function resolveOnDisk(uri: URL): unknown {
  const doc = readJson(fileURLToPath(new URL(uri.pathname, uri)));
  const pointer = decodeURIComponent(uri.hash.slice(1));
  if (!pointer) return doc;
  return pointer
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>((node, seg) => (node as Record<string, unknown> | undefined)?.[seg], doc);
}

describe.each(SCHEMA_MODES)("JSON Schema %s, dispatch %s: the files on disk", (draft, dispatch) => {
  const ir = serviceIr();
  const dir = writeSchemas(ir, draft, dispatch, CONFIG);
  const familyFiles = ir.families.map((f) => `${f.name}.schema.json`);

  it("every $ref of every per-family file, and of what they lead to, resolves on disk", () => {
    const seen = new Set<string>();
    const queue = familyFiles.map((f) => ({
      node: readJson(join(dir, f)) as unknown,
      base: pathToFileURL(join(dir, f)),
    }));
    let followed = 0;
    while (queue.length) {
      const { node, base } = queue.pop()!;
      for (const { ref, base: at } of refs(node, base)) {
        const uri = new URL(ref, at);
        if (seen.has(uri.href)) continue;
        seen.add(uri.href);
        // Every reference stays in the folder: the family file's own, or the registry file next to it.
        expect(fileURLToPath(new URL(uri.pathname, uri)).startsWith(dir), uri.href).toBe(true);
        const target = resolveOnDisk(uri);
        expect(target, `${ref} (from ${at.href})`).toBeDefined();
        followed++;
        queue.push({ node: target, base: new URL(uri.pathname, uri) });
      }
    }
    // Both families' definitions, their events, the shared line, the shared fields.
    expect(followed).toBeGreaterThan(ir.families.length + ir.families.flatMap((f) => f.events).length);
    expect(
      [...seen].some((u) =>
        u.endsWith(`/registry.schema.json#/${draft === "draft-07" ? "definitions" : "$defs"}/line`),
      ),
    ).toBe(true);
  });

  it("ajv loads the registry file from disk when it compiles a family file (compileAsync + loadSchema)", async () => {
    const loaded: string[] = [];
    const ajv = createAjv(draft, { discriminator: true });
    (ajv.opts as { loadSchema?: (uri: string) => Promise<object> }).loadSchema = async (uri: string) => {
      loaded.push(uri);
      return readJson(fileURLToPath(new URL(uri, pathToFileURL(join(dir, "x")))));
    };
    const validate = await ajv.compileAsync(readJson(join(dir, "checkout.schema.json")));
    expect(loaded).toEqual(["registry.schema.json"]);
    const line = {
      ...ENVELOPE,
      event: "checkout.cart.abandoned",
      cartId: "6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b",
      idleMs: 1,
      lastStep: "cart",
    };
    expect(validate(line)).toBe(true);
    expect(validate({ ...line, idleMs: -1 })).toBe(false);
    expect(validate({ ...line, event: "refund.request.opened" })).toBe(false);
  });
});

/** Broken forms of a valid payload: an undeclared field, each required field dropped, each typed field mistyped. */
function broken(payload: Record<string, unknown>, fields: readonly FieldIR[]): [string, Record<string, unknown>][] {
  const out: [string, Record<string, unknown>][] = [["an undeclared field", { ...payload, surprise: 1 }]];
  for (const f of fields) {
    if (f.required && f.name in payload) {
      const { [f.name]: _gone, ...rest } = payload;
      out.push([`without ${f.name}`, rest]);
    }
    if (f.types.length === 1 && f.types[0] !== "any")
      out.push([`${f.name} mistyped`, { ...payload, [f.name]: f.types[0] === "string" ? 12 : "twelve" }]);
  }
  return out;
}

/** [what, line, valid?] for every event: its examples with the envelope, their broken forms, and envelope breaks. */
function lines(ir: RegistryIR): [string, Record<string, unknown>, boolean][] {
  const out: [string, Record<string, unknown>, boolean][] = [];
  const fieldsOf = (e: EventIR, ex: Record<string, unknown>) =>
    e.variants?.find((v) => v.value === ex[e.discriminator!])?.fields ?? e.fields;
  for (const e of ir.families.flatMap((f) => f.events))
    for (const ex of e.examples) {
      const line = { ...ENVELOPE, ...ex, event: e.name };
      out.push([`${e.name}: example`, line, true]);
      for (const [what, bad] of broken(ex, fieldsOf(e, ex)))
        out.push([`${e.name}: ${what}`, { ...ENVELOPE, ...bad, event: e.name }, false]);
      const { tenantId: _t, ...noBinding } = line;
      out.push([`${e.name}: without the required binding`, noBinding, false]);
      out.push([`${e.name}: a label level pino never writes`, { ...line, level: "loud" }, false]);
      out.push([`${e.name}: no event key`, { ...line, event: undefined }, false]);
    }
  out.push(["an unregistered event", { ...ENVELOPE, event: "checkout.cart.exploded" }, false]);
  return out;
}

describe.each(SCHEMA_MODES)("JSON Schema %s, dispatch %s: every event's lines, one verdict", (draft, dispatch) => {
  const ir = serviceIr();
  const dir = writeSchemas(ir, draft, dispatch, CONFIG);
  const registry = readJson(join(dir, "registry.schema.json"));
  const ajv = createAjv(draft, { allErrors: true, discriminator: dispatch === "discriminator" });
  ajv.addSchema(registry);
  const cfDraft = draft === "2020-12" ? "2020-12" : "7";
  const byFamily = new Map(
    ir.families.map((f) => {
      const file = readJson(join(dir, `${f.name}.schema.json`));
      const other = new Validator(file as never, cfDraft, false);
      other.addSchema(registry as never);
      return [f.name, { ajv: ajv.compile(file), other }] as const;
    }),
  );
  const whole = {
    ajv: ajv.getSchema("registry.schema.json")!,
    other: new Validator(registry as never, cfDraft, false),
  };
  const checkers = [true, false].map(
    (fastPath) =>
      new LogChecker(ir, { draft, severity: DEFAULT_SEVERITY, maxFindings: 1000, maxLineBytes: 1 << 20, fastPath }),
  );
  const table = lines(ir);

  it("covers every event, each with examples", () => {
    const events = ir.families.flatMap((f) => f.events);
    expect(events.length).toBe(5);
    expect(events.every((e) => table.some(([what]) => what === `${e.name}: example`))).toBe(true);
    expect(table.filter(([, , valid]) => !valid).length).toBeGreaterThan(40);
  });

  it.each(table)("%s", (_what, raw, valid) => {
    const line = JSON.parse(JSON.stringify(raw)) as Record<string, unknown>;
    const family = ir.families.find((f) => f.events.some((e) => e.name === line.event)) ?? ir.families[0]!;
    const own = byFamily.get(family.name)!;
    expect(whole.ajv(line), "ajv, registry file").toBe(valid);
    expect(whole.other.validate(line).valid, "@cfworker/json-schema, registry file").toBe(valid);
    expect(own.ajv(line), `ajv, ${family.name}.schema.json + registry file`).toBe(valid);
    expect(own.other.validate(line).valid, `@cfworker/json-schema, ${family.name}.schema.json + registry file`).toBe(
      valid,
    );
    for (const checker of checkers) {
      const tally = checker.tally("app.log");
      checker.line(tally, JSON.stringify(line), 1, 0);
      expect(tally.status.valid, "logpact validate").toBe(valid ? 1 : 0);
    }
    // A family file rejects every other family's lines, valid or not.
    for (const [name, other] of byFamily) if (name !== family.name) expect(other.ajv(line), name).toBe(false);
  });
});

describe("docs/gen.md's example of loading a family file with its registry file", () => {
  it("runs as written against the committed generated/json-schema, printing what its comments say", () => {
    const doc = readFileSync(join(REPO, "docs/gen.md"), "utf8");
    const block = /```js\n(\/\/ validate-line\.mjs[\s\S]*?)```/.exec(doc)?.[1];
    expect(block).toBeDefined();
    const dir = tmpProject({ "validate-line.mjs": block! });
    cpSync(join(REPO, "generated/json-schema"), join(dir, "generated/json-schema"), { recursive: true });
    const run = spawnSync(process.execPath, ["validate-line.mjs"], { cwd: dir, encoding: "utf8" });
    expect(run.stderr).toBe("");
    const said = [...block!.matchAll(/console\.log\(.*\); \/\/ (true|false)/g)].map((m) => m[1]);
    expect(said).toEqual(["true", "false", "false"]);
    expect(run.stdout.trim().split("\n")).toEqual(said);
  });
});
