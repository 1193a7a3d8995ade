/**
 * Alert declarations that docs/alerts.md shows on the bundled families without the
 * bundled registry declaring them (the registry has no heartbeat event, for one). The docs
 * test renders them against the bundled IR, so their LogQL in the docs is real output.
 */
import { familyScope, resolveAlert } from "../../generator/registry/alerts.js";
import type { RegistryIR } from "../../generator/registry/ir.js";
import type { AlertDecl } from "../../generator/registry/meta.js";
import { alertExpr } from "../../generator/targets/loki/logql.js";

export const DOC_EXAMPLES: readonly { family: string; decl: AlertDecl }[] = [
  {
    family: "gateway.connection",
    decl: {
      kind: "absent",
      name: "GatewayNoPongs",
      event: "pong",
      window: "5m",
      for: "2m",
      severity: "critical",
      summary: "No client has answered a ping on {{ $labels.service_name }} for 5 minutes.",
    },
  },
  {
    family: "gateway.connection",
    decl: {
      kind: "threshold",
      name: "GatewayFewPongs",
      event: "pong",
      window: "5m",
      op: "<",
      value: 10,
      severity: "warning",
      summary: "Only {{ $value }} pongs in 5 minutes.",
    },
  },
  {
    family: "workflow.run",
    decl: {
      kind: "ratio",
      name: "WorkflowRunSuccessLow",
      numerator: "succeeded",
      denominator: ["succeeded", "failed", "incomplete"],
      window: "1h",
      by: ["workflowName"],
      op: "<",
      value: 0.8,
      severity: "warning",
      summary: "{{ $labels.workflowName }} succeeds in only {{ $value }} of its runs.",
    },
  },
  {
    family: "dispatch.health",
    decl: {
      kind: "threshold",
      name: "DispatchWedgedInFlight",
      event: "poll_stale",
      where: [{ field: "inFlight", op: "==", value: true }],
      window: "5m",
      op: ">",
      value: 0,
      severity: "critical",
      summary: "A poll cycle is stuck on an await.",
    },
  },
  {
    family: "ws.liveness",
    decl: {
      kind: "quantile",
      name: "WsBrokerIdleHigh",
      event: "stale_terminated",
      field: "idle_ms",
      quantile: 0.9,
      where: [{ field: "side", op: "==", value: "broker" }],
      window: "30m",
      op: ">",
      value: 120000,
      severity: "info",
      summary: "p90 idle time at termination is {{ $value }} ms.",
    },
  },
];

/** The LogQL of each docs example, resolved against the (bundled) registry. */
export function docExampleExprs(ir: RegistryIR): string[] {
  return DOC_EXAMPLES.map(({ family: name, decl }) => {
    const family = ir.families.find((f) => f.name === name)!;
    const { scope, diagnostics } = familyScope(ir, family);
    if (!scope) throw new Error(JSON.stringify(diagnostics));
    const r = resolveAlert(scope, decl);
    if (!r.alert) throw new Error(`${decl.name}: ${JSON.stringify(r.diagnostics)}`);
    return alertExpr(r.alert, { lineFilter: true });
  });
}
