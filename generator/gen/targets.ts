/**
 * The shipped targets with their renderers, in the order of the spec table
 * (targets/index.ts). Only gen/ imports this: every other command knows the targets by
 * their specs and never loads a renderer (handlebars, yaml).
 */
import { emittersTarget } from "../targets/emitters/index.js";
import { jsonSchemaTarget } from "../targets/json-schema/index.js";
import { lokiTarget } from "../targets/loki/index.js";
import { markdownTarget } from "../targets/markdown/index.js";
import { registryTarget } from "../targets/snapshot/index.js";
import type { Target } from "../targets/types.js";

export const TARGETS: readonly Target<never>[] = [
  emittersTarget,
  jsonSchemaTarget,
  lokiTarget,
  markdownTarget,
  registryTarget,
] as unknown as Target<never>[];
