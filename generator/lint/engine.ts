/**
 * Runs the rules over one file's scan: call rules, then suppression comments, then the
 * rules over the comments themselves; gives every finding a fingerprint that survives
 * line shifts (rule, message, the call's text and its occurrence index in the file).
 */
import { loggerProfile } from "../registry/logger-profile.js";
import * as crypto from "node:crypto";
import type { RegistryIR } from "../registry/ir.js";
import { eventIndex } from "../registry/ir.js";
import { formatMessage, type DirectiveUse, type Rule, type RuleContext } from "./rule.js";
import { RULES } from "./rules/index.js";
import type { Directive, FileScan, Finding, Loc, LogCall, RuleSeverity } from "./types.js";

export interface RuleSetup {
  readonly ir: RegistryIR;
  /** Severity of every rule (rules not in the map use their default). */
  readonly severities?: ReadonlyMap<string, RuleSeverity>;
  /** Events a generated emitter exists for (`prefer-emitter`). */
  readonly emitterEvents?: ReadonlySet<string>;
  /** The rule table (tests pass one rule). */
  readonly rules?: readonly Rule[];
  /** Fields the config's logger profile puts on lines (bindings, base fields, the error key): present on any event. */
  readonly profileFields?: readonly string[];
}

export interface RuleRunner {
  readonly severities: ReadonlyMap<string, RuleSeverity>;
  run(scan: FileScan): Finding[];
}

/** Resolves severities against defaults. */
export function resolveSeverities(
  rules: readonly Rule[],
  configured: ReadonlyMap<string, RuleSeverity> | Readonly<Record<string, RuleSeverity | undefined>> = new Map(),
): Map<string, RuleSeverity> {
  const get = (n: string) =>
    configured instanceof Map ? configured.get(n) : (configured as Record<string, RuleSeverity | undefined>)[n];
  return new Map(rules.map((r) => [r.name, get(r.name) ?? r.meta.defaultSeverity]));
}

/** Builds a runner for the rules and registry of one lint run. */
export function createRuleRunner(setup: RuleSetup): RuleRunner {
  const rules = setup.rules ?? RULES;
  const severities = resolveSeverities(rules, setup.severities);
  const events = eventIndex(setup.ir);
  // `err` is pino's error serializer; config-bound envelope fields ride on child loggers.
  const profileFields = new Set([
    ...setup.ir.envelope.filter((f) => f.origin === "config").map((f) => f.name),
    ...(setup.profileFields ?? []),
  ]);
  const extraFields = new Set(["err", loggerProfile(setup.ir).errorKey ?? "err", ...profileFields]);
  const emitterEvents = setup.emitterEvents ?? new Set<string>();
  const ruleNames = RULES.map((r) => r.name);
  const active = rules.filter((r) => severities.get(r.name) !== "off");

  type Raw = { rule: Rule; messageId: string; message: string; loc: Loc; callLine: number; subject: string };
  // One context per rule for the whole run; `report` reads the call being checked from here.
  let sinkTo: Raw[] = [];
  let current: LogCall | undefined;
  const callRules = active
    .filter((r) => r.checkCall)
    .map((rule) => ({
      rule,
      ctx: context(rule, (p) =>
        sinkTo.push({
          rule,
          messageId: p.messageId,
          message: formatMessage(rule.meta.messages[p.messageId]!, p.data),
          loc: p.loc,
          callLine: current?.loc.line ?? p.loc.line,
          subject: current?.snippet ?? "",
        }),
      ),
    }));

  function run(scan: FileScan): Finding[] {
    const raw: Raw[] = [];
    sinkTo = raw;
    for (const call of scan.calls) {
      current = call;
      for (const { rule, ctx } of callRules) rule.checkCall!(call, ctx);
    }
    current = undefined;
    if (scan.directives.length === 0 && raw.length === 0) return [];
    const uses = new Map<Directive, { used: boolean; valid: boolean }>(
      scan.directives.map((d) => [d, { used: false, valid: d.rules.length > 0 && d.reason !== undefined }]),
    );
    const kept =
      uses.size === 0
        ? raw
        : raw.filter((f) => {
            for (const [d, use] of uses) {
              if (!use.valid || !d.rules.includes(f.rule.name)) continue;
              if (d.targetLine === f.loc.line || d.targetLine === f.callLine) {
                use.used = true;
                return false;
              }
            }
            return true;
          });
    const directiveUses: DirectiveUse[] = [...uses].map(([directive, u]) => ({
      directive,
      used: u.used,
      valid: u.valid,
    }));
    for (const rule of active) {
      if (!rule.checkDirectives || directiveUses.length === 0) continue;
      rule.checkDirectives(
        directiveUses,
        context(rule, (p) =>
          kept.push({
            rule,
            messageId: p.messageId,
            message: formatMessage(rule.meta.messages[p.messageId]!, p.data),
            loc: p.loc,
            callLine: p.loc.line,
            subject: directiveText(p.loc, scan),
          }),
        ),
      );
    }
    kept.sort(
      (a, b) =>
        a.loc.line - b.loc.line ||
        a.loc.column - b.loc.column ||
        (a.rule.name < b.rule.name ? -1 : a.rule.name > b.rule.name ? 1 : 0) ||
        (a.message < b.message ? -1 : 1),
    );
    const occurrences = new Map<string, number>();
    return kept.map((f) => {
      const base = sha256Hex(`${scan.file}\0${f.rule.name}\0${f.messageId}\0${f.message}\0${f.subject}`).slice(0, 16);
      const n = occurrences.get(base) ?? 0;
      occurrences.set(base, n + 1);
      return {
        rule: f.rule.name,
        messageId: f.messageId,
        severity: severities.get(f.rule.name) === "error" ? "error" : "warn",
        message: f.message,
        file: scan.file,
        loc: f.loc,
        callLine: f.callLine,
        // Joined (one new 18-character string), not concatenated: the concatenation and the
        // slice kept the whole 64-character digest alive with every finding.
        fingerprint: [base, n].join(":"),
      };
    });
  }

  function context(
    _rule: Rule,
    sink: (p: { messageId: string; loc: Loc; data?: Readonly<Record<string, string | number>> }) => void,
  ): RuleContext<string> {
    return { ir: setup.ir, events, extraFields, profileFields, emitterEvents, ruleNames, severities, report: sink };
  }

  return { severities, run };
}

type OneShotHash = (algorithm: string, data: string, encoding: "hex") => string;
/** `crypto.hash` (Node ≥ 20.12, a third of `createHash`'s cost per call), else `createHash`. */
const sha256Hex: (data: string) => string =
  typeof (crypto as { hash?: OneShotHash }).hash === "function"
    ? (data) => (crypto as unknown as { hash: OneShotHash }).hash("sha256", data, "hex")
    : (data) => crypto.createHash("sha256").update(data).digest("hex");

function directiveText(loc: Loc, scan: FileScan): string {
  const d = scan.directives.find((x) => x.loc.line === loc.line && x.loc.column === loc.column);
  return d ? `${d.kind} ${d.rules.join(",")} -- ${d.reason ?? ""}` : "";
}
