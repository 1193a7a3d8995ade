/**
 * The TypeScript compiler the syntax pass uses: the copy ts-morph bundles
 * (`@ts-morph/common/dist/typescript.js`, the very module ts-morph itself loads), required
 * directly. Importing `ts-morph` costs ~0.3 s more per thread (its own code and
 * `@ts-morph/common`'s) and only the type-aware fallback needs it; worker threads and a
 * CLI run without `--type-aware` load this file only.
 */
import { createRequire } from "node:module";
import type { ts } from "ts-morph";

const require = createRequire(import.meta.url);
// Resolved from ts-morph's own location: under pnpm, @ts-morph/common is ts-morph's dependency, not ours.
const fromMorph = createRequire(require.resolve("ts-morph"));

/** ts-morph's bundled TypeScript (values; types come from `import type { ts } from "ts-morph"`). */
export const typescript: typeof ts = fromMorph("@ts-morph/common/dist/typescript.js") as typeof ts;
