/**
 * The intermediate representation every target, check and command reads.
 *
 * Plain JSON data (`generated/registry.json` is the IR serialised, compactly: registry/snapshot.ts), ordered
 * deterministically (families by name; events and fields in declaration order: module
 * path order, then source order, as authors write lifecycles) and deep-frozen. Zod is read once, in
 * `build.ts`; nothing downstream sees a Zod schema.
 */
import type { AlertDecl, CompareOp, Deprecation, Level, Severity, Stability, Unit } from "./meta.js";

/** A JSON Schema fragment (standard keywords only, plus `x-logpact` annotations). */
export type JsonSchema = { readonly [key: string]: unknown };

/** The JSON type family of a field, used by the type-agreement check and by `diff`. */
export type BaseType = "string" | "integer" | "number" | "boolean" | "object" | "array" | "null" | "any";

/**
 * What a registry snapshot of irVersion 4 keeps of an item's documentation: digests of its
 * description and of its examples ("" for none). Set only on an IR read from such a
 * snapshot, whose `description` is then absent and `examples` empty; `diff` compares
 * documentation through registry/doc-digest.ts, which digests the text of an IR built
 * from the schemas the same way.
 */
export interface DocDigest {
  readonly description: string;
  readonly examples: string;
}

export interface FieldIR {
  readonly name: string;
  readonly required: boolean;
  readonly nullable: boolean;
  /** JSON types the field may take, without `null`, sorted (`["integer"]`). */
  readonly types: readonly BaseType[];
  /** Allowed values when the field is an enum or a literal. */
  readonly enum?: readonly (string | number | boolean | null)[];
  /** Readable type for docs and messages: `integer ≥ 0`, `"client" | "broker"`, `string (uuid) | null`. */
  readonly display: string;
  /** The field's JSON Schema (including `null` when nullable). */
  readonly schema: JsonSchema;
  readonly description?: string;
  readonly unit?: Unit;
  readonly sensitive?: true | "secret" | "pii";
  readonly examples: readonly unknown[];
  readonly deprecation?: Deprecation;
  /** Read from a snapshot: its documentation as digests (see `DocDigest`). */
  readonly docDigest?: DocDigest;
}

export interface EventIR {
  /** Full event name: `daemon.connection.connected`. */
  readonly name: string;
  /** Name after the family prefix: `connected`. */
  readonly short: string;
  readonly family: string;
  readonly level: Level;
  /** True when the registry declared no level and `info` was assumed. */
  readonly levelDefaulted: boolean;
  readonly description?: string;
  /** Default log message; the event name unless the registry says otherwise. */
  readonly message: string;
  readonly stability: Stability;
  readonly deprecation?: Deprecation;
  /** Example payloads, each including the event key (`event`). */
  readonly examples: readonly Record<string, unknown>[];
  /**
   * Payload fields other than the event key, in declaration (source) order. For an event
   * with variants: the union of the variants' fields, required only when every variant
   * requires it, the discriminator's `enum` listing every variant's value (registry/variants.ts).
   */
  readonly fields: readonly FieldIR[];
  /**
   * Where this event was exported, when not from the family's own export: a family
   * grouped from lone event objects (one export per event, maybe across modules).
   */
  readonly source?: { readonly file: string; readonly export: string };
  /**
   * Set when the payload is a union told apart by a second literal field: the name of
   * that field (`reason`). `variants` is then set too.
   */
  readonly discriminator?: string;
  /** The event's variants, in declaration order; absent for a plain event. */
  readonly variants?: readonly VariantIR[];
  /** Read from a snapshot: its documentation as digests (see `DocDigest`). */
  readonly docDigest?: DocDigest;
}

/** One variant of an event whose payload is a union discriminated by a literal field. */
export interface VariantIR {
  /** The discriminator's value that selects this variant (`"error"`). */
  readonly value: string | number | boolean;
  readonly description?: string;
  /** This variant's payload fields other than the event key (the discriminator included), in declaration order. */
  readonly fields: readonly FieldIR[];
  /** Example payloads of this variant, each including `event`. */
  readonly examples: readonly Record<string, unknown>[];
  /** Read from a snapshot: its documentation as digests (see `DocDigest`). */
  readonly docDigest?: DocDigest;
}

export interface TransitionIR {
  /** Full event name, or `[*]` for the start/end state. */
  readonly from: string;
  readonly to: string;
  readonly label?: string;
}

export interface FamilyIR {
  readonly name: string;
  readonly description?: string;
  readonly owner?: string;
  readonly stability: Stability;
  /** Where it was declared: module path relative to the project root, and export name. */
  readonly source: { readonly file: string; readonly export: string };
  /** Which Zod API declared it. */
  readonly zod: "v3" | "v4";
  readonly loki: { readonly selector: string };
  readonly transitions: readonly TransitionIR[];
  /** Alert declarations as written (event names as given), each with its resolved form when it resolved. */
  readonly alerts: readonly AlertIR[];
  readonly events: readonly EventIR[];
  /** Read from a snapshot: its documentation as digests (see `DocDigest`). */
  readonly docDigest?: DocDigest;
}

/** A field an alert filters, groups or unwraps, as Loki will see it. */
export interface AlertFieldIR {
  /** As written in the declaration: `attempt`, `hostname`, `peer.region`. */
  readonly path: string;
  /** The JSON keys from the line's root. */
  readonly keys: readonly string[];
  /** The Loki label it is extracted into (`| json <label>="<keys>"`). */
  readonly label: string;
  /** JSON types (without null) across the watched events. */
  readonly types: readonly BaseType[];
  readonly enum?: readonly (string | number | boolean | null)[];
}

export interface AlertFilterIR {
  readonly field: AlertFieldIR;
  readonly op: CompareOp;
  readonly value: string | number | boolean;
}

/**
 * An alert resolved against the registry (registry/alerts.ts), once, when the registry is
 * built: what the Loki target renders and `diff` reads. Plain JSON, like the rest of the IR.
 */
export interface ResolvedAlertIR {
  /** The family's Loki stream selector, as written. */
  readonly selector: string;
  /** The label `event` is extracted into (`event`, unless the selector has such a stream label). */
  readonly eventLabel: string;
  /** Full names of every watched event, declaration order, each once (a ratio's numerator, then denominator). */
  readonly events: readonly string[];
  /** A ratio's numerator and denominator events (full names). */
  readonly numerator?: readonly string[];
  readonly denominator?: readonly string[];
  readonly where: readonly AlertFilterIR[];
  /** Grouping labels (empty for `absent`). */
  readonly by: readonly AlertFieldIR[];
  /** A quantile's unwrapped field. */
  readonly unwrap?: AlertFieldIR;
  /** Labels of the alert's result: what `{{ $labels.x }}` can name. */
  readonly outputLabels: readonly string[];
  /** Field paths it reads (filters, grouping, unwrapped field), sorted, each once. */
  readonly reads: readonly string[];
  readonly severity: Severity;
  /** The declared `for`, or `0s`. */
  readonly for: string;
  /** The alert's own labels, sorted by name. */
  readonly labels: Readonly<Record<string, string>>;
}

/** An alert declaration as written, with `resolved` when it resolved without errors. */
export type AlertIR = AlertDecl & { readonly resolved?: ResolvedAlertIR };

export interface EnvelopeFieldIR {
  readonly name: string;
  readonly required: boolean;
  readonly schema: JsonSchema;
  readonly description?: string;
  /** Where it comes from: the logger itself (`pino`) or the config (`config`). */
  readonly origin: "pino" | "config";
  /** Read from a snapshot: its documentation as digests (see `DocDigest`). */
  readonly docDigest?: DocDigest;
}

export type LevelFormat = "number" | "label" | "either";
export type TimestampFormat = "epoch" | "unix" | "iso" | "either";

export interface LevelProfile {
  /** Key of the level on a line (`level`; `severity` with a `formatters.level` that renames it). */
  readonly key: string;
  readonly format: LevelFormat;
  /** What each level is written as, when a `formatters.level` maps it (`"INFO"`); else pino's number or label. */
  readonly values?: Readonly<Record<Level, string | number>>;
}

export interface RedactProfile {
  /** pino `redact` paths beyond the registry's `sensitive` fields (which are always redacted). */
  readonly paths: readonly string[];
  /** The value pino writes in place of a redacted one (ignored with `remove`). */
  readonly censor: string;
  /** pino removes the key instead of masking its value. */
  readonly remove: boolean;
}

/** The resolved logger profile (registry/logger-profile.ts), as it sits in the IR (plain JSON). Fields (base, bindings) are in `ir.envelope`. */
export interface LoggerProfileIR {
  /** `pino`: pino's envelope; `none`: the logger adds nothing; `custom`: only what the profile declares. */
  readonly logger: "pino" | "none" | "custom";
  readonly messageKey: string | null;
  readonly errorKey: string | null;
  readonly level: LevelProfile | null;
  readonly timestamp: { readonly key: string; readonly format: TimestampFormat } | null;
  /** Redaction of `sensitive` fields and `paths`; null when the logger does not redact. */
  readonly redact: RedactProfile | null;
}

export interface RegistryIR {
  /** IR format version; bumped when the shape changes incompatibly. */
  readonly irVersion: 4;
  /** The property naming a line's event, when it is not `event` (config `eventKey`); read it with `eventKeyOf`. */
  readonly eventKey?: string;
  readonly families: readonly FamilyIR[];
  /** Fields the logger adds to every line (sorted by name). */
  readonly envelope: readonly EnvelopeFieldIR[];
  /** The logger profile (keys, level and time formats, redaction); read it with `loggerProfile(ir)`. Absent in snapshots from before profiles. */
  readonly logger?: LoggerProfileIR;
}

/** The property that names a line's event: `event` unless the config chose another (`type`, `event.name`). */
export function eventKeyOf(ir: Pick<RegistryIR, "eventKey">): string {
  return ir.eventKey ?? "event";
}

/** Every event of the registry, in IR order. */
export function allEvents(ir: RegistryIR): EventIR[] {
  return ir.families.flatMap((f) => f.events);
}

/** Event name → event, for lookups. */
export function eventIndex(ir: RegistryIR): Map<string, EventIR> {
  return new Map(allEvents(ir).map((e) => [e.name, e]));
}

/** Resolves an event name as written in a family's metadata: full, or short within that family. */
export function resolveEventName(family: Pick<FamilyIR, "name" | "events">, name: string): EventIR | undefined {
  return family.events.find((e) => e.name === name || e.short === name);
}
