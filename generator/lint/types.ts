/**
 * The plain data the lint pipeline passes around. The syntax pass (scanner + resolver)
 * turns each log call into a `LogCall`; rules read only `LogCall`s and the IR. Everything
 * here is structured-clone safe, so worker threads can send it to the main thread.
 */

/** A source range: 1-based lines, 1-based columns in UTF-16 code units, end exclusive. */
export interface Loc {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** What the resolver knows statically about an expression. */
export type StaticValue =
  | { readonly kind: "string"; readonly value?: string }
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "boolean"; readonly value: boolean }
  | { readonly kind: "bigint" }
  | { readonly kind: "null" }
  | { readonly kind: "undefined" }
  | { readonly kind: "array" }
  | { readonly kind: "function" }
  | ObjectValue
  | { readonly kind: "unknown"; readonly text: string; readonly why?: UnknownWhy };

/** Why a value is not statically known. */
export type UnknownWhy = "not-const" | "unresolved-import" | "expression" | "too-deep";

/** One property of an object literal (after spreads were merged in). */
export interface PropValue {
  readonly name: string;
  /** Where the key is written (for a property from a resolved spread: the spread). */
  readonly loc: Loc;
  /** Where the value is written. */
  readonly valueLoc: Loc;
  readonly value: StaticValue;
  /** Set when only some paths pass it: a conditional spread (`...(failed ? { stage } : {})`) on one branch. */
  readonly optional?: true;
}

/** Something in an object literal whose keys are not known: `...rest`, `[key]: v`. */
export interface UnresolvedPart {
  readonly text: string;
  readonly loc: Loc;
  readonly why: "spread" | "computed-key";
}

export interface ObjectValue {
  readonly kind: "object";
  readonly props: readonly PropValue[];
  readonly unresolved: readonly UnresolvedPart[];
}

/** How the arguments of a log call were read. */
export type CallForm =
  /** pino `(fields, msg?, ...args)`: the first argument is an object. */
  | "fields"
  /** pino `(msg, ...args)`: a message and no fields. */
  | "message"
  /** winston-style `(msg, fields)`. */
  | "message-fields"
  /** A configured level-first (or fixed-level) wrapper. */
  | "wrapper"
  /** pino `(err, msg?)`: an error object and no event. */
  | "error"
  /** No arguments. */
  | "empty"
  /** The fields argument is an expression logpact cannot read statically. */
  | "dynamic";

/** The `event` of a call, where it came from and what is known of it. */
export interface EventRef {
  /** The event name, when statically known. */
  readonly value?: string;
  /** The expression as written (shortened), for messages. */
  readonly text: string;
  readonly loc: Loc;
  /** Why the value is unknown (when it is). */
  readonly why?: "template" | "not-string" | UnknownWhy;
}

/** The level a call logs at. */
export interface LevelRef {
  /** Level name when statically known (`warn`); may be a name outside pino's six. */
  readonly value?: string;
  readonly text: string;
  readonly loc: Loc;
}

/** Positions of nodes the type checker is asked about in type-aware mode (raw offsets). */
export interface PendingTypes {
  /** The call's receiver: is it a pino Logger/BaseLogger? */
  readonly receiver?: { readonly pos: number; readonly end: number };
  /** The event expression: is its type a string literal? */
  readonly event?: { readonly pos: number; readonly end: number };
}

/** One log call found by the syntax pass. */
export interface LogCall {
  /** The whole call expression. */
  readonly loc: Loc;
  /** The method name (`info`) or, for a wrapper, the callee. */
  readonly calleeLoc: Loc;
  /** The callee as written (`this.logger.info`, `log`). */
  readonly callee: string;
  readonly form: CallForm;
  readonly level?: LevelRef;
  /** The fields object, when the call has one logpact can read. */
  readonly fields?: ObjectValue;
  readonly fieldsLoc?: Loc;
  /** The fields expression as written, when it cannot be read (form `dynamic`). */
  readonly fieldsText?: string;
  /** The free-text message, when the call has one. */
  readonly message?: { readonly text: string; readonly value?: string; readonly loc: Loc };
  /** Absent when the call carries no `event` at all. */
  readonly event?: EventRef;
  /**
   * Field names bound on the receiver: `.child({ ... })` written inline, or followed
   * through the local variable, parameter default, property or `??` chain the receiver
   * comes from (`receivers.ts`), or a configured logger factory's bindings argument.
   */
  readonly bound: readonly string[];
  /** Set when the receiver's bindings include something logpact cannot read (`.child(opts)`): required fields are then not checked. */
  readonly boundPartial?: true;
  /** Every argument as written (shortened), for quoting a free-text call whole. */
  readonly argsText?: string;
  /** The call's source text with whitespace collapsed (for baseline fingerprints). */
  readonly snippet: string;
  /** Set in type-aware mode when the checker must still decide something about this call. */
  readonly pending?: PendingTypes;
}

/** A `logpact-disable-*` comment. */
export interface Directive {
  readonly kind: "next-line" | "line";
  readonly rules: readonly string[];
  readonly reason?: string;
  readonly loc: Loc;
  /** The line whose findings it suppresses. */
  readonly targetLine: number;
}

/** Why a file was not (fully) linted. Reported, never fatal. */
export interface Notice {
  readonly file: string;
  readonly kind:
    | "syntax-error"
    | "too-large"
    | "minified"
    | "not-utf8"
    | "unreadable"
    | "symlink-loop"
    | "broken-symlink"
    | "outside-root";
  readonly message: string;
  readonly loc?: Loc;
}

/** What the syntax pass returns for one file. */
export interface FileScan {
  /** Path relative to the project root, POSIX separators. */
  readonly file: string;
  readonly calls: readonly LogCall[];
  readonly directives: readonly Directive[];
  readonly notices: readonly Notice[];
  /** True when the file was skipped as generated (banner in its first lines). */
  readonly generated?: boolean;
}

/** A file a worker thread already ran the rules on: only its findings travel back. */
export interface FileDone {
  readonly file: string;
  readonly done: true;
  readonly findings: readonly Finding[];
  readonly notices: readonly Notice[];
  readonly generated?: boolean;
  /** Log calls examined. */
  readonly calls: number;
}

export type RuleSeverity = "off" | "warn" | "error";

/** One reported problem. */
export interface Finding {
  readonly rule: string;
  readonly messageId: string;
  readonly severity: "warn" | "error";
  readonly message: string;
  readonly file: string;
  readonly loc: Loc;
  /** The line where the offending call starts (suppression comments match it too). */
  readonly callLine: number;
  /** Stable across line shifts: rule, message, call text and occurrence index. */
  readonly fingerprint: string;
}
