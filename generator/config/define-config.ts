import type { UserConfig } from "./schema.js";

/** Identity function that gives `logpact.config.ts` autocompletion and type checking. */
export function defineConfig(config: UserConfig): UserConfig {
  return config;
}
