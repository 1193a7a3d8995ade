/**
 * Generated emitters vs the hand-written pino call they replace (issue 3; target ≤ 1.05×).
 *
 * One pino 10 instance writing to a null destination (a stream whose write() only counts
 * bytes), a mix of five events across four families (every level from debug to error,
 * nullable, optional, enum and string-heavy payloads). Each round emits the same
 * N payloads once through the generated helpers (`conn.connected({ … })`) and once
 * hand-written (`logger.info({ event: "…", … }, "…")`), in alternating order; the figure
 * is the median of the per-round time ratios. 1M emissions per side by default, in many
 * short rounds: on a shared machine a single round can be slowed 1.5× by a neighbour,
 * and a median over 100 short rounds shrugs that off where a median over 10 long ones
 * does not. WITH_VALIDATION=1 times the helpers in `throw` validation mode instead (for
 * information: that mode is for development and tests; a separate run, because sharing
 * the call sites between both modes would make them polymorphic and skew the figure).
 *
 *   pnpm bench:emit              (EMISSIONS=1000000 ROUNDS=100 WITH_VALIDATION=1 to change)
 */
import pino from "pino";
import {
  daemonConnectionEmitters,
  gatewayConnectionEmitters,
  workflowRunEmitters,
  wsLivenessEmitters,
} from "../../generated/emitters/index.js";

const EMISSIONS = Number(process.env.EMISSIONS ?? 1_000_000);
const ROUNDS = Number(process.env.ROUNDS ?? 100);
const WITH_VALIDATION = Boolean(process.env.WITH_VALIDATION);
const PER_ROUND = Math.ceil(EMISSIONS / ROUNDS);

let bytes = 0;
const nullDestination = { write: (line: string) => void (bytes += line.length) };
const logger = pino({ level: "trace" }, nullDestination);

const RUN_ID = "6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b";

function helpers(options: { validation: "off" | "throw" }) {
  return {
    conn: daemonConnectionEmitters(logger, options),
    ws: wsLivenessEmitters(logger, options),
    run: workflowRunEmitters(logger, options),
    gw: gatewayConnectionEmitters(logger, options),
  };
}
const bound = helpers({ validation: WITH_VALIDATION ? "throw" : "off" });
const viaHelpers = (n: number) => emit(bound, n);

function emit({ conn, ws, run, gw }: ReturnType<typeof helpers>, n: number): void {
  for (let i = 0; i < n; i++) {
    switch (i % 5) {
      case 0:
        conn.connected({ attempt: (i & 7) + 1, time_to_connect_ms: i & 1023, downtime_ms: i });
        break;
      case 1:
        conn.error({ readyState: i & 1 ? null : 3, message: "connect ECONNREFUSED" });
        break;
      case 2:
        ws.stale_terminated({ side: i & 1 ? "client" : "broker", idle_ms: 76000 + (i & 255), threshold_ms: 75000 });
        break;
      case 3:
        run.failed({
          runId: RUN_ID,
          workflowName: "fix-ci",
          target: "acme/api#12",
          deliveryId: "d-1",
          durationMs: i,
          reason: "CI still red",
        });
        break;
      default:
        gw.pong({ clientId: "client-7", rtt_ms: i & 511 });
    }
  }
}

function byHand(n: number): void {
  for (let i = 0; i < n; i++) {
    switch (i % 5) {
      case 0:
        logger.info(
          { event: "daemon.connection.connected", attempt: (i & 7) + 1, time_to_connect_ms: i & 1023, downtime_ms: i },
          "daemon.connection.connected",
        );
        break;
      case 1:
        logger.error(
          { event: "daemon.connection.error", readyState: i & 1 ? null : 3, message: "connect ECONNREFUSED" },
          "daemon.connection.error",
        );
        break;
      case 2:
        logger.warn(
          {
            event: "ws.liveness.stale_terminated",
            side: i & 1 ? "client" : "broker",
            idle_ms: 76000 + (i & 255),
            threshold_ms: 75000,
          },
          "ws.liveness.stale_terminated",
        );
        break;
      case 3:
        logger.error(
          {
            event: "workflow.run.failed",
            runId: RUN_ID,
            workflowName: "fix-ci",
            target: "acme/api#12",
            deliveryId: "d-1",
            durationMs: i,
            reason: "CI still red",
          },
          "workflow.run.failed",
        );
        break;
      default:
        logger.debug(
          { event: "gateway.connection.pong", clientId: "client-7", rtt_ms: i & 511 },
          "gateway.connection.pong",
        );
    }
  }
}

function timed(fn: (n: number) => void): { ms: number; bytes: number } {
  const before = bytes;
  const start = process.hrtime.bigint();
  fn(PER_ROUND);
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, bytes: bytes - before };
}

// Warm-up (not counted): both paths reach the optimising compiler before measuring.
timed(viaHelpers);
timed(byHand);

const ratios: number[] = [];
const helperMs: number[] = [];
const handMs: number[] = [];
let helperBytes = 0;
let handBytes = 0;
for (let round = 0; round < ROUNDS; round++) {
  // Alternate which side goes first, so drift and GC debt hit both alike.
  const [first, second] = round % 2 === 0 ? [viaHelpers, byHand] : [byHand, viaHelpers];
  const a = timed(first);
  const b = timed(second);
  const [h, m] = first === viaHelpers ? [a, b] : [b, a];
  helperMs.push(h.ms);
  handMs.push(m.ms);
  helperBytes += h.bytes;
  handBytes += m.bytes;
  ratios.push(h.ms / m.ms);
}

const sorted = (xs: number[]) => [...xs].sort((x, y) => x - y);
const median = (xs: number[]) => {
  const s = sorted(xs);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const quantile = (xs: number[], q: number) => sorted(xs)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const perCall = (ms: number) => `${((ms * 1e6) / PER_ROUND).toFixed(0)} ns/emission`;
const ratio = median(ratios);
console.log(
  `${(PER_ROUND * ROUNDS).toLocaleString("en")} emissions per side in ${ROUNDS} alternated rounds, pino ${pino.version}, null destination`,
);
const side = WITH_VALIDATION ? "helpers, throw mode" : "generated helpers  ";
console.log(
  `${side} median ${median(helperMs).toFixed(1)} ms/round  (${perCall(median(helperMs))}, ${helperBytes.toLocaleString("en")} bytes)`,
);
console.log(
  `hand-written calls  median ${median(handMs).toFixed(1)} ms/round  (${perCall(median(handMs))}, ${handBytes.toLocaleString("en")} bytes)`,
);
// Under contention the fastest round of each side is the least disturbed one: a second view.
console.log(
  `fastest rounds: helpers ${Math.min(...helperMs).toFixed(1)} ms, hand-written ${Math.min(...handMs).toFixed(1)} ms, ratio ${(Math.min(...helperMs) / Math.min(...handMs)).toFixed(3)}`,
);
console.log(
  `per-round ratios: min ${quantile(ratios, 0).toFixed(3)}  p25 ${quantile(ratios, 0.25).toFixed(3)}  p75 ${quantile(ratios, 0.75).toFixed(3)}  max ${quantile(ratios, 1).toFixed(3)}`,
);
if (WITH_VALIDATION)
  console.log(
    `median ratio helpers in validation "throw" mode ÷ hand-written: ${ratio.toFixed(3)} (development/test mode; no target)`,
  );
else
  console.log(
    `median ratio helpers ÷ hand-written: ${ratio.toFixed(3)} (target ≤ 1.05) ${ratio <= 1.05 ? "OK" : "ABOVE TARGET"}`,
  );
