/**
 * A short unified diff between two texts (what `gen --check --diff` prints per stale
 * file). Common leading and trailing lines are trimmed first, then the middle is
 * compared with Myers' O((N+M)·D) algorithm; when the texts differ in more than
 * `MAX_EDITS` lines the middle is shown as removed-then-added instead.
 */

/** Beyond this many edited lines a line-by-line alignment is not worth computing. */
const MAX_EDITS = 2000;

type Op = { kind: " " | "-" | "+"; line: string };

/** Unified diff of `before` → `after` with `context` lines around each change, at most `maxLines` lines of hunks. */
export function unifiedDiff(
  before: string,
  after: string,
  opts: { path: string; context?: number; maxLines?: number },
): string {
  const context = opts.context ?? 3;
  const maxLines = opts.maxLines ?? 60;
  const a = splitLines(before);
  const b = splitLines(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  if (start === endA && start === endB) return "";
  const ops: Op[] = [
    ...a.slice(0, start).map((line) => ({ kind: " " as const, line })),
    ...middle(a.slice(start, endA), b.slice(start, endB)),
    ...a.slice(endA).map((line) => ({ kind: " " as const, line })),
  ];
  const out = [`--- a/${opts.path}`, `+++ b/${opts.path}`];
  let shown = 0;
  for (const hunk of hunks(ops, context)) {
    if (shown >= maxLines) {
      out.push(`… diff truncated after ${maxLines} lines`);
      break;
    }
    out.push(hunk.header);
    for (const op of hunk.ops) {
      if (shown++ >= maxLines) {
        out.push(`… diff truncated after ${maxLines} lines`);
        break;
      }
      out.push(`${op.kind}${op.line}`);
    }
    if (shown > maxLines) break;
  }
  return `${out.join("\n")}\n`;
}

function splitLines(text: string): string[] {
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Myers' shortest edit script over the differing middle, or all-removed-then-added when too long. */
function middle(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDITS);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0)
    return [...a.map((line) => ({ kind: "-" as const, line })), ...b.map((line) => ({ kind: "+" as const, line }))];
  // Walk the trace back from (n, m) to (0, 0).
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const vd = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1]! < vd[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = vd[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      y--;
      ops.push({ kind: " ", line: a[--x]! });
    }
    if (x === prevX) ops.push({ kind: "+", line: b[--y]! });
    else ops.push({ kind: "-", line: a[--x]! });
  }
  while (x > 0 && y > 0) {
    y--;
    ops.push({ kind: " ", line: a[--x]! });
  }
  return ops.reverse();
}

/** Groups ops into hunks with `context` unchanged lines around each run of changes. */
function hunks(ops: readonly Op[], context: number): { header: string; ops: Op[] }[] {
  const out: { header: string; ops: Op[] }[] = [];
  const changed = ops.map((op, i) => (op.kind === " " ? -1 : i)).filter((i) => i >= 0);
  let i = 0;
  while (i < changed.length) {
    const from = Math.max(0, changed[i]! - context);
    let to = changed[i]! + context;
    while (i + 1 < changed.length && changed[i + 1]! - context <= to + 1) to = changed[++i]! + context;
    i++;
    to = Math.min(ops.length - 1, to);
    let lineA = 1;
    let lineB = 1;
    for (let j = 0; j < from; j++) {
      if (ops[j]!.kind !== "+") lineA++;
      if (ops[j]!.kind !== "-") lineB++;
    }
    const slice = ops.slice(from, to + 1);
    const countA = slice.filter((o) => o.kind !== "+").length;
    const countB = slice.filter((o) => o.kind !== "-").length;
    out.push({
      header: `@@ -${countA ? lineA : lineA - 1},${countA} +${countB ? lineB : lineB - 1},${countB} @@`,
      ops: slice,
    });
  }
  return out;
}
