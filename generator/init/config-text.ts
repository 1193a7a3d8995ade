/**
 * The `logpact.config.ts` that `init` writes: only the keys that differ from the
 * defaults, as a readable TypeScript module.
 */

/** The keys `init` may set (a subset of the user config). */
export interface InitConfig {
  schemas?: string[];
  eventKey?: string;
}

/** Why each key was written, printed as a comment above it. */
export type ConfigReasons = Partial<Record<keyof InitConfig, string>>;

/**
 * Renders the config module. The type-only import keeps it loadable before logpact is
 * installed in the repo (`npx logpact init`): nothing is imported at run time.
 */
export function renderConfig(config: InitConfig, reasons: ConfigReasons = {}): string {
  const lines: string[] = [];
  for (const key of ["schemas", "eventKey"] as const) {
    const value = config[key];
    if (value === undefined) continue;
    if (reasons[key]) lines.push(`  // ${reasons[key]}`);
    lines.push(`  ${key}: ${literal(value, "  ")},`);
  }
  const body = lines.length ? `{\n${lines.join("\n")}\n}` : "{}";
  return [
    "// Written by `logpact init`: only what differs from the defaults (docs/config.md).",
    'import type { UserConfig } from "logpact";',
    "",
    `export default ${body} satisfies UserConfig;`,
    "",
  ].join("\n");
}

function literal(value: unknown, indent: string): string {
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, indent)).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).map(
      ([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${literal(v, indent)}`,
    );
    return `{ ${entries.join(", ")} }`;
  }
  return JSON.stringify(value);
}
