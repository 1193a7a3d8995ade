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
// `event: z.literal(` with anything: `event` is the key logpact knows.
const EVENT_LITERAL = /\bevent["']?\s*:\s*(?:[\w$]+\.)?literal\s*\(/;
// The other keys (`type`, `kind`, `eventName`, OTel's flat `"event.name"`) are common in API
// schemas (`type: z.literal("card")`): only a dotted name or a constant counts.
const OTHER_LITERAL =
  /(?:\b(?:type|kind|eventName)["']?|["']event\.name["'])\s*:\s*(?:[\w$]+\.)?literal\s*\(\s*(?:["'`][A-Za-z][\w-]*\.[\w.-]+["'`]|[A-Za-z_$][\w$]*\s*[.[])/;

/** True when `text` imports Zod and gives an event key a literal event name: a module worth importing. */
export function mayDeclareEvents(text: string): boolean {
  // `literal(` first: the cheapest test rules out almost every file of a repo.
  return text.includes("literal(") && IMPORTS_ZOD.test(text) && (EVENT_LITERAL.test(text) || OTHER_LITERAL.test(text));
}

/** True when `text` imports Zod (a schema or helper module, or a route that validates input). */
export function importsZod(text: string): boolean {
  return IMPORTS_ZOD.test(text);
}

/** Where `init` looks for schema modules unless told otherwise. */
export const DEFAULT_SEARCH = ["src/**/*.{ts,mts,cts}", "schemas/**/*.{ts,mts,cts}"];

/** Never candidates: tests, fixtures of tests, declaration files, build output, dependencies. */
export const SEARCH_EXCLUDE = [
  "**/*.test.*",
  "**/*.spec.*",
  "**/__tests__/**",
  "**/*.d.ts",
  "**/*.d.mts",
  "**/*.d.cts",
  "**/dist/**",
  "**/node_modules/**",
];
