/**
 * Every lint rule, alphabetised. Adding a rule means one file here (named after the
 * rule), one line in this table and a page `docs/rules/<name>.md`.
 */
import type { Rule } from "../rule.js";
import { dynamicEvent } from "./dynamic-event.js";
import { eventFields } from "./event-fields.js";
import { invalidSuppression } from "./invalid-suppression.js";
import { levelMismatch } from "./level-mismatch.js";
import { preferEmitter } from "./prefer-emitter.js";
import { unknownEvent } from "./unknown-event.js";
import { untypedLogCall } from "./untyped-log-call.js";

export const RULES: readonly Rule[] = [
  dynamicEvent,
  eventFields,
  invalidSuppression,
  levelMismatch,
  preferEmitter,
  unknownEvent,
  untypedLogCall,
] as readonly Rule<string>[] as readonly Rule[];

/** Rule names, alphabetised (for the config schema and suppression comments). */
export const RULE_NAMES = [
  "dynamic-event",
  "event-fields",
  "invalid-suppression",
  "level-mismatch",
  "prefer-emitter",
  "unknown-event",
  "untyped-log-call",
] as const;
export type RuleName = (typeof RULE_NAMES)[number];
