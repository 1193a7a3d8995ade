import { BaseSequencer, type TestSpecification } from "vitest/node";
import { defineConfig } from "vitest/config";

/**
 * Files that start real processes for most of their time (pnpm install, git clone, 9
 * `gen` runs killed at chosen points): started first so the in-process files fill the other worker around
 * them, instead of one of them starting last and running alone (a fresh clone has no
 * timing cache to order by).
 */
const SLOW_FIRST = [
  "test/e2e/git-install.test.ts",
  "test/e2e/consumer.test.ts",
  "test/faults/kill-during-write.test.ts",
];

class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = SLOW_FIRST.findIndex((p) => f.moduleId.endsWith(p));
      return i < 0 ? SLOW_FIRST.length : i;
    };
    return sorted
      .map((f, i) => ({ f, i }))
      .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
      .map(({ f }) => f);
  }
}

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // One temp folder for the run (TMPDIR), removed at its end: see run-tmp.ts.
    globalSetup: ["test/helpers/run-tmp.ts"],
    setupFiles: ["test/helpers/setup.ts"],
    // CLI end-to-end tests spawn real processes (tsc, pnpm, git) on a 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Threads without per-file module isolation: the generator's modules (and zod, ajv,
    // TypeScript) load once per worker instead of once per file. On 10 directories of
    // in-process tests (load ~12): 110 s CPU with forks and isolation, 62 s like this.
    // Nothing in the CLI or the tests keeps state between files (test/cli/in-process.test.ts).
    pool: "threads",
    isolate: false,
    maxWorkers: 2,
    sequence: { sequencer: SlowFirst },
    // Transformed modules kept on disk (node_modules/.experimental-vitest-cache), keyed by
    // each file's content and the config, so a re-run transforms only what changed. On 4
    // folders of in-process tests: 24.2 -> 20.2 and 22.4 -> 18.8 CPU s (transform 3.0 -> 0.6 s).
    // No module here is transformed from anything but its own text (no plugins, no ?raw).
    experimental: { fsModuleCache: true },
  },
});
