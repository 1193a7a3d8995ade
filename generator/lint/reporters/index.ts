/** Every output format of `logpact lint`, alphabetised. */
import { github } from "./github.js";
import { json } from "./json.js";
import { sarif } from "./sarif.js";
import { stylish } from "./stylish.js";
import type { Reporter } from "./types.js";

export const REPORTERS: Readonly<Record<string, Reporter>> = { github, json, sarif, stylish };
export type { LintReport, Reporter, ReporterOptions } from "./types.js";
export { summaryCounts, summaryLine } from "./summary.js";
