/**
 * Shared by the Markdown tests: a real CommonMark/GFM parser (unified + remark-parse +
 * remark-gfm) with small walkers, and a registry fixture whose descriptions, labels and
 * enum values are built to break naive Markdown (pipes, backticks, newlines, HTML, marker
 * comments, block starters, Mermaid keywords).
 */
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { z } from "zod";
import type { RegistryIR } from "../../generator/registry/ir.js";
import { irFrom } from "../helpers/registry.js";

export interface MdNode {
  type: string;
  value?: string;
  lang?: string | null;
  children?: MdNode[];
  position?: {
    start: { line: number; column: number; offset?: number };
    end: { line: number; column: number; offset?: number };
  };
}

const processor = unified().use(remarkParse).use(remarkGfm);

/** Parsed pages by text: the tests parse the same rendered pages again and again (and only read the trees). */
const parsed = new Map<string, MdNode>();

export function parseGfm(text: string): MdNode {
  let root = parsed.get(text);
  if (root === undefined) parsed.set(text, (root = processor.runSync(processor.parse(text)) as unknown as MdNode));
  return root;
}

/** Every node of `type`, depth first. */
export function nodesOf(root: MdNode, type: string): MdNode[] {
  const out: MdNode[] = [];
  const walk = (n: MdNode) => {
    if (n.type === type) out.push(n);
    for (const c of n.children ?? []) walk(c);
  };
  walk(root);
  return out;
}

/** Plain text of a node: text and inline code values, HTML left out. */
export function plain(n: MdNode): string {
  if (n.type === "text" || n.type === "inlineCode") return n.value ?? "";
  if (n.type === "html") return "";
  return (n.children ?? []).map(plain).join("");
}

/** HTML fragments of a node (raw inline HTML that reached the output). */
export function htmlOf(n: MdNode): string[] {
  return nodesOf(n, "html").map((h) => h.value ?? "");
}

export const HOSTILE = {
  familyDescription: "Family | with pipes,\n`code | pipe`, <script>alert(1)</script> and <!-- logpact:end --> inside.",
  started: "Starts | with `code | pipe` and\nnewline <b>bold</b> <!-- logpact:end -->",
  stopped: "```\nfence in a description ``` and a lone ` tick",
  path: "Back\\slash before a pipe \\| and `a\\|b` in code",
  note: "- looks like a list item",
  heading: "# looks like a heading",
  alertSummary: "{{ $value }} | stops in 5m <br> — check `by | x`",
  label: 'go; now: #1 <x> "q" %% c --> d',
} as const;

const hostileFamily = z
  .discriminatedUnion("event", [
    z
      .strictObject({
        event: z.literal("hostile.app.started"),
        path: z.string().meta({ description: HOSTILE.path, examples: ["```", "a|b", "<!-- x -->"] }),
        mode: z.enum(["a|b", "`x`"]).meta({ description: HOSTILE.note }),
        pattern_field: z.string().regex(/^a|b$/).meta({ description: HOSTILE.heading }),
      })
      .meta({
        level: "info",
        description: HOSTILE.started,
        examples: [{ path: "```", mode: "a|b", pattern_field: "a" }],
      }),
    z
      .strictObject({
        event: z.literal("hostile.app.stopped"),
        secret_token: z.string().meta({ description: "Token | redacted.", sensitive: "secret" }),
        wait_ms: z.number().int().nonnegative().meta({ description: "Wait\r\nwith CRLF.", unit: "ms" }),
      })
      .meta({
        level: "warn",
        description: HOSTILE.stopped,
        deprecation: { reason: "use `end` | instead", renamed_to: "hostile.app.end" },
      }),
    z.strictObject({ event: z.literal("hostile.app.end") }).meta({ level: "error", description: "Ends." }),
  ])
  .meta({
    family: "hostile.app",
    description: HOSTILE.familyDescription,
    owner: "team | ops",
    transitions: [
      ["[*]", "started", HOSTILE.label],
      ["started", "stopped"],
      ["stopped", "end", "end: done; %% {x}"],
      ["end", "[*]"],
    ],
    alerts: [
      {
        kind: "threshold",
        name: "HostileStops",
        event: "stopped",
        window: "5m",
        op: ">",
        value: 0,
        severity: "warning",
        summary: HOSTILE.alertSummary,
        description: "Line one\nline two | <i>html</i>",
        runbook_url: "https://example.com/run book(1)",
      },
    ],
  });

const otherFamily = z
  .discriminatedUnion("event", [
    z
      .strictObject({
        event: z.literal("hostile.other.ping"),
        path: z.string().min(1).meta({ description: "Not the same `path` meaning." }),
      })
      .meta({ level: "debug", description: "Ping." }),
  ])
  .meta({ family: "hostile.other", description: "Second family, so the field index links across pages." });

/** The hostile registry's IR (registry checks must pass: the fixture is valid, just nasty). */
export function hostileIr(): RegistryIR {
  const { ir, diagnostics } = irFrom(
    { "schemas/hostile.ts": { HostileLog: hostileFamily, OtherLog: otherFamily } },
    { conventions: { descriptions: "off", fieldTypesAgree: false } },
  );
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length) throw new Error(`hostile fixture does not load: ${JSON.stringify(errors, null, 2)}`);
  return ir;
}
