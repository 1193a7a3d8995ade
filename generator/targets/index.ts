/**
 * Every output logpact can generate, in one alphabetised table. Adding a target means
 * adding one folder under targets/ and one line here.
 */
import { emittersTarget } from "./emitters/index.js";
import { jsonSchemaTarget } from "./json-schema/index.js";
import { lokiTarget } from "./loki/index.js";
import { markdownTarget } from "./markdown/index.js";
import { registryTarget } from "./snapshot/index.js";
import type { Target } from "./types.js";

export const TARGETS: readonly Target<never>[] = [
  emittersTarget,
  jsonSchemaTarget,
  lokiTarget,
  markdownTarget,
  registryTarget,
] as unknown as Target<never>[];

export type { GeneratedFile, RenderContext, Target } from "./types.js";
