/**
 * A CommonJS package loaded on first use, then kept: for libraries only some inputs
 * need (the Zod 3 converter for `zod/v3` families, the TypeScript module loader,
 * handlebars for a `docs check` that meets a generated section, yaml for Loki rules), so the start-up of a run
 * that does not meet them does not pay for them. (Commands that render nothing never
 * import a renderer at all: test/architecture checks that.) `require` rather than
 * `import()`: the callers are synchronous, and for a CommonJS package it also skips Node's
 * scan of the file for ES export names. The start-up test (test/e2e/startup.test.ts) checks which
 * packages each command loads.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export function lazyRequire<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(id) as T);
}
