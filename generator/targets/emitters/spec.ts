/**
 * The emitters target's spec: name, folder and option schema, without the renderer (which
 * loads handlebars), so the config schema can list it for every command.
 */
import { z } from "zod";
import { defineTargetSpec } from "../types.js";

const ValidationMode = z.enum(["off", "throw", "report"]);

export const EmittersOptions = z.strictObject({
  /** Validation mode when neither the factory's options nor the environment choose one. */
  validation: ValidationMode.default("off"),
  /** Environment variable that chooses the validation mode at run time; `false` ignores the environment. */
  validationEnv: z
    .union([
      z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an environment variable name (letters, digits, _)"),
      z.literal(false),
    ])
    .default("LOGPACT_VALIDATE"),
  /** Extension of relative imports between generated modules: `.js` (NodeNext, bundlers), `.ts` (`allowImportingTsExtensions`, Node type stripping) or none. */
  importExtension: z.enum([".js", ".ts", ""]).default(".js"),
});
export type EmittersOptions = z.output<typeof EmittersOptions>;

const DEFAULTS: EmittersOptions = { validation: "off", validationEnv: "LOGPACT_VALIDATE", importExtension: ".js" };

export const EMITTERS_SPEC = defineTargetSpec({
  name: "emitters",
  description:
    "Typed TypeScript emitter helpers per family (field types, event constants, redact paths, validation modes); no runtime dependency",
  defaultDir: "emitters",
  options: EmittersOptions.default(DEFAULTS),
});
