/**
 * A CommonJS package loaded on first use, then kept: for libraries only some commands
 * need (renderers, the Zod 3 converter, the TypeScript module loader), so the start-up of
 * every other command does not pay for them. `require` rather than `import()`: the
 * callers are synchronous, and for a CommonJS package it also skips Node's scan of the
 * file for ES export names. The start-up test (test/e2e/startup.test.ts) checks which
 * packages each command loads.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export function lazyRequire<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(id) as T);
}
