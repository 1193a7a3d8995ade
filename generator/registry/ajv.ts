/**
 * An ajv instance that loads logpact's generated schemas in strict mode: the right
 * dialect, string formats (`uuid`, `date-time`, …) and the `x-logpact` annotation keyword.
 */
import { Ajv } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { Draft } from "./line-schema.js";
import { LOGPACT_KEYWORD } from "./line-schema.js";

type AjvInstance = InstanceType<typeof Ajv>;
/**
 * ajv-formats' plugin, typed: the package is CommonJS, and under NodeNext its default import
 * is the plugin function itself. For an ajv set up otherwise than `createAjv` (tests).
 */
export const addFormats = addFormatsModule as unknown as <A extends AjvInstance>(ajv: A) => A;

export interface CreateAjvOptions {
  /** Report every error of a line instead of the first (slower). */
  allErrors?: boolean;
  /** Needed for schemas generated with `dispatch: "discriminator"`. */
  discriminator?: boolean;
}

/** A strict ajv for `draft`, with formats and logpact's annotation keyword registered. */
export function createAjv(draft: Draft, opts: CreateAjvOptions = {}): AjvInstance {
  const Ctor = draft === "2020-12" ? Ajv2020 : Ajv;
  const ajv = new Ctor({
    strict: true,
    allErrors: opts.allErrors ?? false,
    discriminator: opts.discriminator ?? false,
  }) as AjvInstance;
  addFormats(ajv);
  ajv.addKeyword(LOGPACT_KEYWORD);
  return ajv;
}
