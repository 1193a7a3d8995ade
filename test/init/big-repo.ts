/**
 * A 2,000-file service repo for `init`'s speed and its pre-filter: 8 team modules of
 * log schemas among ~1,990 ordinary modules (services that log those events, API
 * schemas that use `z.literal` on other keys, tests). Every module that is not a schema
 * module throws when imported, so importing one makes `init` fail.
 */

export const TEAMS = [
  "agents",
  "billing",
  "webhooks",
  "sessions",
  "search",
  "uploads",
  "notifications",
  "scheduler",
] as const;

const THROWS = `throw new Error("init must not import this module");`;

/** Path → contents; `files` in total (at least 100). */
export function bigRepo(files = 2_000): Record<string, string> {
  const out: Record<string, string> = {
    "package.json": JSON.stringify({
      name: "big-service",
      private: true,
      type: "module",
      dependencies: { zod: "^4.0.0", pino: "^10.0.0" },
    }),
  };
  for (const team of TEAMS) {
    const family = `${team.replace(/s$/, "")}.job`;
    out[`src/${team}/log-fields.ts`] = `import { z } from "zod";

const ids = { request_id: z.string(), tenant_id: z.string() };

export const ${cap(team)}JobLog = z.union([
  z.strictObject({ event: z.literal("${family}.started"), ...ids, attempt: z.number().int() }),
  z.strictObject({ event: z.literal("${family}.completed"), ...ids, items: z.number().int() }),
  z.strictObject({ event: z.literal("${family}.failed"), ...ids, error_class: z.string() }),
]);
`;
  }
  let n = 0;
  while (Object.keys(out).length < files) {
    const team = TEAMS[n % TEAMS.length]!;
    const family = `${team.replace(/s$/, "")}.job`;
    const kind = n % 10;
    const dir = `src/${team}/${kind < 8 ? "services" : kind === 8 ? "api" : "__tests__"}`;
    if (kind < 8) {
      out[`${dir}/worker-${n}.ts`] = `import type { Logger } from "pino";
${THROWS}

export class Worker${n} {
  constructor(private readonly logger: Logger) {}

  async run(requestId: string, tenantId: string): Promise<number> {
    this.logger.info({ event: "${family}.started", request_id: requestId, tenant_id: tenantId, attempt: 1 });
    let items = 0;
    for (let i = 0; i < ${(n % 7) + 2}; i++) items += i * ${n % 13};
    if (items < 0) {
      this.logger.${n % 3 === 0 ? "warn" : "error"}({ event: "${family}.failed", request_id: requestId, tenant_id: tenantId, error_class: "Negative" });
      return -1;
    }
    this.logger.info({ event: "${family}.completed", request_id: requestId, tenant_id: tenantId, items }, "done");
    return items;
  }
}
`;
    } else if (kind === 8) {
      // Zod and literals, but no event key: a request schema the pre-filter must pass over.
      out[`${dir}/route-${n}.ts`] = `import { z } from "zod";
${THROWS}

export const Body${n} = z.object({ type: z.literal("card"), status: z.literal("open"), amount: z.number() });
`;
    } else {
      out[`${dir}/worker-${n}.test.ts`] = `import { z } from "zod";
${THROWS}
export const Fake = z.strictObject({ event: z.literal("${family}.started") });
`;
    }
    n++;
  }
  return out;
}

function cap(s: string): string {
  return s[0]!.toUpperCase() + s.slice(1);
}
