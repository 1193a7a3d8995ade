/**
 * Shared by the fault tests: a small service registry (not our bundled families) and the
 * CLI run in-process.
 */
import { runCli, type CliResult } from "../helpers/cli.js";

/** A billing team's schema module: two events, written the way they write them. */
export const INVOICE = `
import { z } from "zod";

export const InvoiceLog = z.discriminatedUnion("event", [
  z.strictObject({
    event: z.literal("billing.invoice.issued"),
    invoiceId: z.string().meta({ description: "Invoice id." }),
    line_count: z.number().int().nonnegative().meta({ unit: "count", description: "Invoice lines." }),
  }).meta({ level: "info", description: "An invoice was sent to the customer." }),
  z.strictObject({
    event: z.literal("billing.invoice.voided"),
    invoiceId: z.string().meta({ description: "Invoice id." }),
  }).meta({ level: "warn", description: "An invoice was cancelled." }),
]).meta({ family: "billing.invoice", description: "Invoice lifecycle." });
`;

/** A second family, removed by some tests to make orphans. */
export const REFUND = `
import { z } from "zod";

export const RefundIssued = z.strictObject({
  event: z.literal("billing.refund.issued"),
  refundId: z.string().meta({ description: "Refund id." }),
}).meta({ level: "info", description: "Money went back to the customer." });
`;

export type Run = CliResult;

/** `logpact <argv>` in-process in `cwd`. */
export function cli(argv: readonly string[], cwd: string): Promise<Run> {
  return runCli(argv, cwd);
}
