/**
 * The text pre-filter of `logpact init`: which files may declare log schemas, decided
 * from their text alone, before anything is imported. Importing a module runs it (and
 * costs a transpile); reading and testing its text costs microseconds, so on a
 * 2,000-file repo only the handful of files that can hold an event family are imported.
 */

/** Keys that hold the event name in the registries `init` recognises, in preference order. */
export const EVENT_KEYS = ["event", "type", "kind", "eventName", "event.name"] as const;
export type EventKey = (typeof EVENT_KEYS)[number];

// `from "zod"`, `from 'zod/v4'`, `require("zod")`, `import("zod/mini")`.
const IMPORTS_ZOD = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*)["']zod(?:\/[\w-]+)?["']/;
// `event: z.literal(`, `type: literal(`, `"kind": zod.literal(`, `name: z.literal(` (inside `event: z.object({ … })`).
const KEY_LITERAL = /\b(?:event|type|kind|eventName|name)["']?\s*:\s*(?:[\w$]+\.)?literal\s*\(/;

/** True when `text` imports Zod and gives an event-like key a literal: a module worth importing. */
export function mayDeclareEvents(text: string): boolean {
  // `literal(` first: the cheapest test rules out almost every file of a repo.
  return text.includes("literal(") && IMPORTS_ZOD.test(text) && KEY_LITERAL.test(text);
}

/** Where `init` looks for schema modules unless told otherwise. */
export const DEFAULT_SEARCH = ["src/**/*.{ts,mts,cts}", "schemas/**/*.{ts,mts,cts}"];

/** Never candidates: tests, fixtures of tests, declaration files, build output, dependencies. */
export const SEARCH_EXCLUDE = ["**/*.test.*", "**/*.spec.*", "**/__tests__/**", "**/*.d.ts", "**/*.d.mts", "**/*.d.cts", "**/dist/**", "**/node_modules/**"];
