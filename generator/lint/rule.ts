/**
 * The rule contract, typescript-eslint style: a rule is one file named after the rule,
 * with a message catalogue (`messageId` → text with `{{placeholders}}`) and a check over
 * plain `LogCall`s. Rules never see TypeScript nodes, only what the syntax pass resolved.
 */
import type { EventIR, RegistryIR } from "../registry/ir.js";
import type { Directive, Loc, LogCall, RuleSeverity } from "./types.js";

export interface RuleMeta<M extends string> {
  /** One line: what the rule reports (shown in SARIF and `docs/rules/<name>.md`). */
  readonly description: string;
  /** Severity when the config does not set one. */
  readonly defaultSeverity: RuleSeverity;
  /** Message catalogue: ids to texts with `{{placeholders}}`. */
  readonly messages: Readonly<Record<M, string>>;
}

/** A directive together with whether it suppressed anything (for `invalid-suppression`). */
export interface DirectiveUse {
  readonly directive: Directive;
  readonly used: boolean;
  /** False when it lacks a reason or rule names (then it suppresses nothing). */
  readonly valid: boolean;
}

/** What a rule can read and how it reports. */
export interface RuleContext<M extends string> {
  readonly ir: RegistryIR;
  /** Event name → event. */
  readonly events: ReadonlyMap<string, EventIR>;
  /** Field names any payload may carry besides the event's own (the profile's error key, its bindings and `base` fields, which also count as present). */
  readonly extraFields: ReadonlySet<string>;
  /** Fields the config's logger profile binds on lines (`envelope.fields` / `bindings`, `base`): present without being passed. */
  readonly profileFields: ReadonlySet<string>;
  /** Events a generated emitter exists for. */
  readonly emitterEvents: ReadonlySet<string>;
  /** Every rule name (for suppression comments). */
  readonly ruleNames: readonly string[];
  /** Severity of each rule in this run. */
  readonly severities: ReadonlyMap<string, RuleSeverity>;
  report(problem: { messageId: M; loc: Loc; data?: Readonly<Record<string, string | number>> }): void;
}

export interface Rule<M extends string = string> {
  readonly name: string;
  readonly meta: RuleMeta<M>;
  /** Called once per log call. */
  checkCall?(call: LogCall, ctx: RuleContext<M>): void;
  /** Called once per file with its suppression comments, after the call rules ran. */
  checkDirectives?(uses: readonly DirectiveUse[], ctx: RuleContext<M>): void;
}

/** Helps TypeScript infer the message ids of a rule. */
export function defineRule<M extends string>(rule: Rule<M>): Rule<M> {
  return rule;
}

/** Fills `{{name}}` placeholders; a missing value is a bug in the rule, so it throws. */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>> = {}): string {
  // Templates are few and messages many (one per finding): split each template once.
  let parts = compiled.get(template);
  if (!parts) compiled.set(template, (parts = template.split(/\{\{\s*(\w+)\s*\}\}/)));
  if (parts.length === 1) return parts[0]!;
  // Joined into one new string, not concatenated: a concatenation would keep pointing at
  // its pieces, and a piece cut from a file's text (a call's source) would keep that whole
  // text alive as long as the finding (to the end of the run).
  const out: string[] = [parts[0]!];
  for (let i = 1; i < parts.length; i += 2) {
    const key = parts[i]!;
    const v = data[key];
    if (v === undefined) throw new Error(`message placeholder {{${key}}} has no value in "${template}"`);
    out.push(String(v), parts[i + 1]!);
  }
  return out.join("");
}

/** Template → [text, key, text, key, …, text]. */
const compiled = new Map<string, string[]>();
