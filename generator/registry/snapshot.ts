/**
 * Reads a registry snapshot (`generated/registry.json`: the IR serialised, with a
 * `$comment` banner) back into an IR, checking the parts `diff` and `validate` rely on,
 * so a damaged or foreign file fails with a message naming the file and the bad path.
 */
import { existsSync, readFileSync } from "node:fs";
import { z } from "zod";
import { LogpactError } from "../errors.js";
import { deepFreeze } from "../util/json.js";
import type { RegistryIR } from "./ir.js";
import { LEVELS } from "./meta.js";

/** A registry snapshot cannot be read (exit 2). */
export class SnapshotError extends LogpactError {}

const Field = z.looseObject({
  name: z.string(),
  required: z.boolean(),
  schema: z.record(z.string(), z.unknown()),
  examples: z.array(z.unknown()).optional(),
});

const Event = z.looseObject({
  name: z.string(),
  short: z.string(),
  family: z.string(),
  level: z.enum(LEVELS),
  message: z.string(),
  stability: z.string(),
  examples: z.array(z.unknown()),
  fields: z.array(Field),
  discriminator: z.string().optional(),
  variants: z
    .array(
      z.looseObject({
        value: z.union([z.string(), z.number(), z.boolean()]),
        fields: z.array(Field),
        examples: z.array(z.unknown()),
      }),
    )
    .optional(),
});

const Family = z.looseObject({
  name: z.string(),
  stability: z.string(),
  source: z.looseObject({ file: z.string(), export: z.string() }),
  loki: z.looseObject({ selector: z.string() }),
  transitions: z.array(z.unknown()),
  alerts: z.array(z.looseObject({ name: z.string(), kind: z.string() })),
  events: z.array(Event),
});

const Snapshot = z.looseObject({
  irVersion: z.literal(1),
  eventKey: z.string().optional(),
  families: z.array(Family),
  envelope: z.array(Field.omit({ examples: true })),
});

/** The IR version in a snapshot's text, or undefined when it is not a JSON object with one. */
export function snapshotIrVersion(text: string): unknown {
  try {
    const v = JSON.parse(text) as unknown;
    return v !== null && typeof v === "object" ? (v as { irVersion?: unknown }).irVersion : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Parses a snapshot's text; `origin` names it in errors (`old.json`, `origin/main:generated/registry.json`).
 * Throws SnapshotError on invalid JSON, another IR version, or a wrong shape.
 */
export function parseSnapshot(text: string, origin: string): RegistryIR {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new SnapshotError(
      `${origin}: error LP_SNAPSHOT_INVALID\n  not valid JSON: ${(e as Error).message}\n  fix: point at a registry.json written by \`logpact gen\` (the registry target)`,
    );
  }
  const version = raw !== null && typeof raw === "object" ? (raw as { irVersion?: unknown }).irVersion : undefined;
  if (version !== 1) {
    throw new SnapshotError(
      `${origin}: error LP_SNAPSHOT_VERSION\n  the snapshot has irVersion ${JSON.stringify(version)}; this logpact reads irVersion 1\n  fix: regenerate the snapshot with this logpact (\`logpact gen\`), or compare against a git ref with --from-schemas`,
    );
  }
  const r = Snapshot.safeParse(raw);
  if (!r.success) {
    const lines = r.error.issues.slice(0, 8).map((i) => `  ${i.path.join(".") || "(top level)"}: ${i.message}`);
    const more = r.error.issues.length > 8 ? [`  … and ${r.error.issues.length - 8} more`] : [];
    throw new SnapshotError(
      `${origin}: error LP_SNAPSHOT_INVALID\n  not a logpact registry snapshot:\n${[...lines, ...more].join("\n")}\n  fix: point at a registry.json written by \`logpact gen\` (the registry target), unedited`,
    );
  }
  const { $comment: _banner, ...ir } = r.data as Record<string, unknown>;
  return deepFreeze(ir as unknown as RegistryIR);
}

/** Reads and parses a snapshot file; `shown` is how the user named it. */
export function readSnapshotFile(absolutePath: string, shown: string): RegistryIR {
  if (!existsSync(absolutePath)) {
    throw new SnapshotError(
      `${shown}: error LP_SNAPSHOT_NOT_FOUND\n  the registry snapshot does not exist\n  fix: pass a registry.json written by \`logpact gen\` (generated/registry.json by default)`,
    );
  }
  return parseSnapshot(readFileSync(absolutePath, "utf8"), shown);
}
