/**
 * The fields pino adds to every line by default (`pino()` with no options), as an envelope
 * around the event payload. `level` is numeric unless a `formatters.level` turns it into
 * the label; `time` is epoch ms unless a `timestamp` function says otherwise; `base: null`
 * drops `pid` and `hostname`; `msg` is absent when no message is passed. So only `level`
 * is required, and the others are typed loosely enough to cover those options.
 */
import type { EnvelopeFieldIR } from "./ir.js";

export const PINO_ENVELOPE: readonly EnvelopeFieldIR[] = [
  {
    name: "err",
    required: false,
    origin: "pino",
    description: "Serialised error (pino's `err` serializer: type, message, stack).",
    schema: { type: "object" },
  },
  {
    name: "hostname",
    required: false,
    origin: "pino",
    description: "Host name of the process (pino `base`).",
    schema: { type: "string" },
  },
  {
    name: "level",
    required: true,
    origin: "pino",
    description:
      "pino level: 10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal (or the label with `formatters.level`).",
    schema: {
      anyOf: [
        { type: "integer", minimum: 0 },
        { type: "string", enum: ["trace", "debug", "info", "warn", "error", "fatal"] },
      ],
    },
  },
  { name: "msg", required: false, origin: "pino", description: "Log message.", schema: { type: "string" } },
  {
    name: "name",
    required: false,
    origin: "pino",
    description: "Logger name (pino `name` option).",
    schema: { type: "string" },
  },
  {
    name: "pid",
    required: false,
    origin: "pino",
    description: "Process id (pino `base`).",
    schema: { type: "integer", minimum: 0 },
  },
  {
    name: "time",
    required: false,
    origin: "pino",
    description: "Timestamp: epoch milliseconds by default, an ISO string with `pino.stdTimeFunctions.isoTime`.",
    schema: { anyOf: [{ type: "integer", minimum: 0 }, { type: "string" }] },
  },
];

/**
 * Envelope fields pino writes only when the call passes them (`log.error({ err }, …)`):
 * an event may declare one, and its declaration refines the envelope for that event.
 * The others (`level`, `time`, `pid`, …) pino always writes itself, so a payload field
 * of that name would be a second key on the line (LP_ENVELOPE_COLLISION).
 */
export const CALLER_SUPPLIED: ReadonlySet<string> = new Set(["err"]);
