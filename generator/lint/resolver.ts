/**
 * Static evaluation of the expressions a log call is built from, on raw TypeScript nodes
 * (no binder, no type checker): literals, template literals, `const`s in any enclosing
 * scope, `as const` object members, string enums, object spreads, and the same followed
 * through relative imports (`import { EVENTS } from "./events.js"`, `import * as ev`,
 * `export { x } from`, `export * from`). Anything else is `unknown` with a reason — the
 * type-aware fallback in `type-aware.ts` may still resolve it.
 */
import type { ts } from "ts-morph";
import { typescript } from "./ts.js";
import { readFileSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Loc, ObjectValue, PropValue, StaticValue, UnknownWhy, UnresolvedPart } from "./types.js";

const SK = typescript.SyntaxKind;
/** How deep const → const → import chains are followed before giving up. */
const MAX_DEPTH = 24;
/** Stand-in location of keys whose location is never reported (callers re-map them). */
const NO_LOC: Loc = Object.freeze({ line: 0, column: 0, endLine: 0, endColumn: 0 });
/** Imported modules kept parsed per thread. */
const MAX_CACHED_MODULES = 256;
/** Longest expression text kept for messages. */
const MAX_TEXT = 80;

/** Parses a file the way the scanner does (same options as the benchmark's parse-only pass). */
export function parseSource(fileName: string, text: string): ts.SourceFile {
  return typescript.createSourceFile(
    fileName,
    text,
    { languageVersion: typescript.ScriptTarget.Latest, jsDocParsingMode: typescript.JSDocParsingMode.ParseNone },
    false,
    scriptKindOf(fileName),
  );
}

export function scriptKindOf(fileName: string): ts.ScriptKind {
  if (fileName.endsWith(".tsx")) return typescript.ScriptKind.TSX;
  if (fileName.endsWith(".jsx")) return typescript.ScriptKind.JSX;
  if (/\.[cm]?js$/.test(fileName)) return typescript.ScriptKind.JS;
  return typescript.ScriptKind.TS;
}

/** Parsed modules reached through imports, shared by every file a thread lints. */
export class ModuleCache {
  private readonly parsed = new Map<string, ts.SourceFile | null>();
  /**
   * Values of const initializers in imported modules, evaluated once per thread (an event
   * map is read by every call). The linted file's own consts are memoised per file
   * (`Resolver`): as keys here they kept parts of every file's AST alive through young-
   * generation collections, which then promoted them (most of a run's promoted bytes).
   */
  readonly constValues = new WeakMap<ts.Node, StaticValue>();
  /** Names declared per block or file: file → (container position and kind) → names. */
  readonly scopes = new Map<ts.SourceFile, Map<number, Map<string, Binding | ts.ImportDeclaration>>>();
  /** Resolved relative imports: `<importing folder>\0<specifier>` → module. */
  private readonly resolved = new Map<string, ts.SourceFile | undefined>();
  /** `exported()` answers per module and name. */
  readonly exports = new WeakMap<ts.SourceFile, Map<string, Binding>>();
  constructor(private readonly maxBytes: number) {}

  /** Resolves a relative import to a parsed module, or undefined (package import, missing file). */
  load(fromAbs: string, specifier: string): ts.SourceFile | undefined {
    if (!specifier.startsWith(".")) return undefined;
    const key = `${dirname(fromAbs)}\0${specifier}`;
    if (this.resolved.has(key)) {
      const hit = this.resolved.get(key);
      // Still cached (the parse cache is bounded)?
      if (hit === undefined || this.parsed.get(hit.fileName) === hit) return hit;
    }
    const sf = this.loadUncached(fromAbs, specifier);
    this.resolved.set(key, sf);
    return sf;
  }

  private loadUncached(fromAbs: string, specifier: string): ts.SourceFile | undefined {
    const base = resolve(dirname(fromAbs), specifier);
    for (const candidate of candidates(base)) {
      const cached = this.parsed.get(candidate);
      if (cached !== undefined) {
        if (cached !== null) return cached;
        continue;
      }
      let sf: ts.SourceFile | null = null;
      try {
        const st = statSync(candidate);
        if (st.isFile() && st.size <= this.maxBytes) sf = parseSource(candidate, readFileSync(candidate, "utf8"));
      } catch {
        sf = null;
      }
      // Bounded: holding every AST of a big repo would cost more in GC than re-parsing.
      if (this.parsed.size >= MAX_CACHED_MODULES) this.parsed.delete(this.parsed.keys().next().value!);
      this.parsed.set(candidate, sf);
      if (sf) return sf;
    }
    return undefined;
  }
}

const EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

function candidates(base: string): string[] {
  const out: string[] = [];
  // TypeScript's NodeNext style: `./x.js` in source means `./x.ts` on disk.
  const m = /\.(m|c)?jsx?$/.exec(base);
  if (m) {
    const stem = base.slice(0, -m[0].length);
    const tsExt = m[0] === ".jsx" ? [".tsx"] : m[1] === "m" ? [".mts"] : m[1] === "c" ? [".cts"] : [".ts", ".tsx"];
    out.push(...tsExt.map((e) => stem + e), base);
    return out;
  }
  if (/\.[cm]?tsx?$/.test(base)) return [base];
  out.push(...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => `${base}/index${e}`));
  return out;
}

/** What a name is bound to. */
export type Binding =
  | { kind: "const"; init: ts.Expression; sf: ts.SourceFile; scope: readonly ts.Node[] }
  | { kind: "enum"; decl: ts.EnumDeclaration; sf: ts.SourceFile }
  | { kind: "namespace"; sf: ts.SourceFile }
  | { kind: "catch" }
  | {
      kind: "unknown";
      why: UnknownWhy;
      /** The `let`/`var` or parameter that declares the name (receivers.ts follows loggers through it). */
      decl?: ts.VariableDeclaration | ts.ParameterDeclaration;
      sf?: ts.SourceFile;
      scope?: readonly ts.Node[];
      /** For a name imported from a package: the module specifier and the exported name. */
      module?: string;
      exported?: string;
    };

/** Shortened source text of a node, for messages. */
export function shortText(node: ts.Node, sf: ts.SourceFile): string {
  const t = collapseSpace(node.getText(sf));
  return t.length > MAX_TEXT ? `${t.slice(0, MAX_TEXT - 1)}…` : t;
}

/** Whitespace other than a lone space: a tab, a line break, two spaces, … */
const SPACE_TO_COLLAPSE = /[^\S ]| {2}/;

/**
 * `text.replace(/\s+/g, " ")`, without building a new string when that would change
 * nothing (no whitespace but single spaces): most call texts are one line.
 */
export function collapseSpace(text: string): string {
  return SPACE_TO_COLLAPSE.test(text) ? text.replace(/\s+/g, " ") : text;
}

/** Source range of a node as 1-based line/column. */
export function locOf(node: ts.Node, sf: ts.SourceFile): Loc {
  // What `sf.getLineAndCharacterOfPosition` computes, without its generic binary search
  // and intermediate objects (a lint run asks for tens of thousands of these).
  const starts = lineStartsOf(sf);
  const count = lineCount;
  const pos = node.getStart(sf);
  const end = node.end;
  const line = lineOf(starts, count, pos);
  const endLine = line + 1 < count && starts[line + 1]! <= end ? lineOf(starts, count, end, line + 1) : line;
  return {
    line: line + 1,
    column: pos - starts[line]! + 1,
    endLine: endLine + 1,
    endColumn: end - starts[endLine]! + 1,
  };
}

let linesOf: ts.SourceFile | undefined;

/** Drops the line cache's reference to the last file (its AST must not outlive its scan). */
export function releaseLineCache(): void {
  linesOf = undefined;
}
/** Line starts of `linesOf` (the first `lineCount` entries; the buffer is reused from file to file). */
let lineStarts: ArrayLike<number> = new Int32Array(1024);
let lineCount = 0;
let lineBuffer = lineStarts as Int32Array;

/**
 * `sf.getLineStarts()`, found with `indexOf("\n")` into a buffer reused for every file
 * when the file has no other line breaks (TypeScript's own loop looks at every character
 * and builds a fresh array). Kept for the last file asked.
 */
function lineStartsOf(sf: ts.SourceFile): ArrayLike<number> {
  if (linesOf === sf) return lineStarts;
  const text = sf.text;
  if (text.includes("\r") || text.includes("\u2028") || text.includes("\u2029")) {
    lineStarts = sf.getLineStarts();
    lineCount = lineStarts.length;
  } else {
    let buf = lineBuffer;
    let n = 1;
    buf[0] = 0;
    for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", nl + 1)) {
      if (n === buf.length) {
        const bigger = new Int32Array(buf.length * 2);
        bigger.set(buf);
        lineBuffer = buf = bigger;
      }
      buf[n++] = nl + 1;
    }
    lineStarts = buf;
    lineCount = n;
  }
  linesOf = sf;
  return lineStarts;
}

/** Index of the line containing `pos`: the last of the first `count` line starts at or before it. */
function lineOf(starts: ArrayLike<number>, count: number, pos: number, from = 0): number {
  let lo = from;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Strips parentheses, `as`, `satisfies`, `!` and `<T>x`. */
export function unwrap(node: ts.Expression): ts.Expression {
  for (;;) {
    switch (node.kind) {
      case SK.ParenthesizedExpression:
      case SK.AsExpression:
      case SK.SatisfiesExpression:
      case SK.TypeAssertionExpression:
      case SK.NonNullExpression:
        node = (node as ts.ParenthesizedExpression).expression;
        break;
      default:
        return node;
    }
  }
}

/** Evaluates expressions of one source file. */
export class Resolver {
  /** Values of this file's const initializers: position → (initializer, value). */
  private readonly localConsts = new Map<number, { init: ts.Node; value: StaticValue }>();

  constructor(
    readonly sf: ts.SourceFile,
    readonly abs: string,
    private readonly modules: ModuleCache,
  ) {}

  /** The static value of `expr`, evaluated in `scope` (its ancestors, outermost first). */
  value(expr: ts.Expression, scope: readonly ts.Node[], sf: ts.SourceFile = this.sf, depth = 0): StaticValue {
    if (depth > MAX_DEPTH) return { kind: "unknown", text: shortText(expr, sf), why: "too-deep" };
    const node = unwrap(expr);
    switch (node.kind) {
      case SK.StringLiteral:
      case SK.NoSubstitutionTemplateLiteral:
        return { kind: "string", value: (node as ts.StringLiteral).text };
      case SK.TemplateExpression: {
        const t = node as ts.TemplateExpression;
        let out = t.head.text;
        for (const span of t.templateSpans) {
          const v = this.value(span.expression, scope, sf, depth + 1);
          if ((v.kind === "string" && v.value !== undefined) || v.kind === "number" || v.kind === "boolean")
            out += String(v.value);
          else return { kind: "string" };
          out += span.literal.text;
        }
        return { kind: "string", value: out };
      }
      case SK.NumericLiteral:
        return { kind: "number", value: Number((node as ts.NumericLiteral).text) };
      case SK.BigIntLiteral:
        return { kind: "bigint" };
      case SK.PrefixUnaryExpression: {
        const p = node as ts.PrefixUnaryExpression;
        const v = this.value(p.operand, scope, sf, depth + 1);
        if (v.kind === "number" && (p.operator === SK.MinusToken || p.operator === SK.PlusToken))
          return { kind: "number", value: p.operator === SK.MinusToken ? -v.value : v.value };
        if (p.operator === SK.ExclamationToken)
          return { kind: "boolean", value: v.kind === "boolean" ? !v.value : false };
        return { kind: "unknown", text: shortText(node, sf), why: "expression" };
      }
      case SK.TrueKeyword:
        return { kind: "boolean", value: true };
      case SK.FalseKeyword:
        return { kind: "boolean", value: false };
      case SK.NullKeyword:
        return { kind: "null" };
      case SK.ArrayLiteralExpression:
        return { kind: "array" };
      case SK.ArrowFunction:
      case SK.FunctionExpression:
        return { kind: "function" };
      case SK.ObjectLiteralExpression:
        // Only the call's own inline object needs source locations; nested and referenced ones are re-mapped.
        return this.object(node as ts.ObjectLiteralExpression, scope, sf, depth, NO_LOC);
      case SK.BinaryExpression: {
        const b = node as ts.BinaryExpression;
        if (b.operatorToken.kind === SK.PlusToken) {
          const l = this.value(b.left, scope, sf, depth + 1);
          const r = this.value(b.right, scope, sf, depth + 1);
          if (l.kind === "string" || r.kind === "string") {
            const lv = "value" in l ? l.value : undefined;
            const rv = "value" in r ? r.value : undefined;
            return lv !== undefined && rv !== undefined
              ? { kind: "string", value: `${String(lv)}${String(rv)}` }
              : { kind: "string" };
          }
          if (l.kind === "number" && r.kind === "number") return { kind: "number", value: l.value + r.value };
        }
        return { kind: "unknown", text: shortText(node, sf), why: "expression" };
      }
      case SK.Identifier: {
        const name = (node as ts.Identifier).text;
        if (name === "undefined") return { kind: "undefined" };
        return this.bindingValue(this.lookup(name, scope, sf), node, sf, depth);
      }
      case SK.PropertyAccessExpression:
      case SK.ElementAccessExpression: {
        const member = memberName(node);
        if (member === undefined) return { kind: "unknown", text: shortText(node, sf), why: "expression" };
        const target = (node as ts.PropertyAccessExpression).expression;
        const b = this.bindingOf(target, scope, sf, depth + 1);
        if (b?.kind === "enum") {
          const m = b.decl.members.find((x) => propName(x.name) === member);
          if (m?.initializer) return this.value(m.initializer, [b.sf], b.sf, depth + 1);
          return { kind: "unknown", text: shortText(node, sf), why: "expression" };
        }
        if (b?.kind === "namespace") return this.bindingValue(this.exported(b.sf, member, depth + 1), node, sf, depth);
        const obj = this.targetValue(target, b, scope, sf, depth + 1);
        if (obj.kind === "object") {
          const prop = findLast(obj.props, member);
          if (prop) return prop.value;
          if (obj.unresolved.length === 0) return { kind: "undefined" };
        }
        return {
          kind: "unknown",
          text: shortText(node, sf),
          why: obj.kind === "unknown" ? (obj.why ?? "expression") : "expression",
        };
      }
      case SK.CallExpression: {
        // Object.freeze({...}) is how pre-`as const` code pins a map.
        const c = node as ts.CallExpression;
        if (c.arguments.length === 1 && c.expression.getText(sf) === "Object.freeze")
          return this.value(c.arguments[0]!, scope, sf, depth + 1);
        return { kind: "unknown", text: shortText(node, sf), why: "expression" };
      }
      default:
        return { kind: "unknown", text: shortText(node, sf), why: "expression" };
    }
  }

  /**
   * `value(target)` for the object of a member access, reusing the binding `bindingOf`
   * already looked up when the target is a plain name (`EVENTS.connected`, `input.id`):
   * the lookup is not repeated, and no text is made for an unknown the caller replaces.
   */
  private targetValue(
    target: ts.Expression,
    b: Binding | undefined,
    scope: readonly ts.Node[],
    sf: ts.SourceFile,
    depth: number,
  ): StaticValue {
    const inner = unwrap(target);
    if (
      b === undefined ||
      depth > MAX_DEPTH ||
      inner.kind !== SK.Identifier ||
      (inner as ts.Identifier).text === "undefined"
    )
      return this.value(target, scope, sf, depth);
    switch (b.kind) {
      case "const":
        return this.bindingValue(b, inner, sf, depth);
      case "unknown":
        return { kind: "unknown", text: "", why: b.why };
      default:
        return { kind: "unknown", text: "", why: b.kind === "catch" ? "not-const" : "expression" };
    }
  }

  /**
   * An object literal with spreads merged in. Keys and values keep their own location
   * when they are written in this file; `at` (a location in this file) stands in for
   * keys that come from elsewhere (a spread of an imported const).
   */
  object(
    node: ts.ObjectLiteralExpression,
    scope: readonly ts.Node[],
    sf: ts.SourceFile = this.sf,
    depth = 0,
    at: Loc | undefined,
  ): ObjectValue {
    const props: PropValue[] = [];
    const unresolved: UnresolvedPart[] = [];
    // Locations of a literal from another file are in that file; callers re-map them.
    const here = (n: ts.Node): Loc => at ?? locOf(n, sf);
    for (const p of node.properties) {
      switch (p.kind) {
        case SK.PropertyAssignment: {
          const name = propName(p.name);
          if (name === undefined) {
            unresolved.push({ text: shortText(p.name, sf), loc: here(p.name), why: "computed-key" });
            continue;
          }
          // A nested object written inline in the call keeps its keys' locations (nested contract findings point at them).
          const init = at === undefined ? unwrap(p.initializer) : undefined;
          const value =
            init?.kind === SK.ObjectLiteralExpression
              ? this.object(init as ts.ObjectLiteralExpression, scope, sf, depth + 1, undefined)
              : this.value(p.initializer, scope, sf, depth + 1);
          props.push({ name, loc: here(p.name), valueLoc: here(p.initializer), value });
          break;
        }
        case SK.ShorthandPropertyAssignment: {
          const value = this.value(p.name, scope, sf, depth + 1);
          props.push({ name: p.name.text, loc: here(p.name), valueLoc: here(p.name), value });
          break;
        }
        case SK.MethodDeclaration:
        case SK.GetAccessor:
        case SK.SetAccessor: {
          const name = propName(p.name);
          if (name !== undefined)
            props.push({ name, loc: here(p.name), valueLoc: here(p), value: { kind: "function" } });
          break;
        }
        case SK.SpreadAssignment: {
          const spreadLoc = here(p);
          const inner = unwrap(p.expression);
          const branches = conditionalBranches(inner);
          if (branches) {
            // `...(failed ? { stage } : {})`, `...(err && { err })`: a key on every branch is
            // passed; a key on some branches only is optional.
            const parts = branches.map((b) =>
              b === null ? EMPTY_OBJECT : this.spreadPart(b, scope, sf, depth + 1, at, spreadLoc),
            );
            if (parts.some((x) => x === undefined)) {
              unresolved.push({ text: `...${shortText(p.expression, sf)}`, loc: spreadLoc, why: "spread" });
              break;
            }
            const seen = new Set<string>();
            for (const part of parts as ObjectValue[]) {
              for (const q of part.props) {
                if (seen.has(q.name)) continue;
                seen.add(q.name);
                const everywhere = (parts as ObjectValue[]).every((o) =>
                  o.props.some((x) => x.name === q.name && !x.optional),
                );
                props.push(everywhere ? q : { ...q, optional: true });
              }
              unresolved.push(...part.unresolved);
            }
            break;
          }
          const v = this.spreadPart(inner, scope, sf, depth + 1, at, spreadLoc);
          if (v) {
            props.push(...v.props);
            unresolved.push(...v.unresolved);
          } else unresolved.push({ text: `...${shortText(p.expression, sf)}`, loc: spreadLoc, why: "spread" });
          break;
        }
      }
    }
    // A later key overrides an earlier one (`{ ...base, event: X }`), in the earlier one's place.
    if (!hasDuplicateName(props)) return { kind: "object", props, unresolved };
    const last = new Map<string, PropValue>();
    for (const p of props) last.set(p.name, p);
    return { kind: "object", props: [...last.values()], unresolved };
  }

  /**
   * What one spread operand contributes: an object (an empty one for `null`, `undefined`
   * or `false`), or undefined when it cannot be read. Keys of a literal written here keep
   * their locations; others point at the spread.
   */
  private spreadPart(
    inner: ts.Expression,
    scope: readonly ts.Node[],
    sf: ts.SourceFile,
    depth: number,
    at: Loc | undefined,
    spreadLoc: Loc,
  ): ObjectValue | undefined {
    const node = unwrap(inner);
    if (node.kind === SK.ObjectLiteralExpression)
      return this.object(node as ts.ObjectLiteralExpression, scope, sf, depth, at);
    const v = this.value(node, scope, sf, depth);
    if (v.kind === "object")
      return {
        kind: "object",
        props: v.props.map((q) => ({ ...q, loc: spreadLoc, valueLoc: spreadLoc })),
        unresolved: v.unresolved.map((u) => ({ ...u, loc: spreadLoc })),
      };
    if (
      v.kind === "null" ||
      v.kind === "undefined" ||
      (v.kind === "boolean" && !v.value) ||
      (v.kind === "string" && v.value === "")
    )
      return EMPTY_OBJECT;
    return undefined;
  }

  /** What `name` is bound to at a point whose ancestors are `scope` (outermost first). */
  lookup(name: string, scope: readonly ts.Node[], sf: ts.SourceFile = this.sf): Binding {
    for (let i = scope.length - 1; i >= 0; i--) {
      const n = scope[i]!;
      switch (n.kind) {
        case SK.SourceFile:
        case SK.Block:
        case SK.ModuleBlock:
        case SK.CaseClause:
        case SK.DefaultClause: {
          const declared = this.declaredIn(n, (n as ts.Block).statements, scope, i, sf);
          const entry = declared.get(name);
          if (entry === undefined) break;
          if (!("kind" in entry) || entry.kind !== SK.ImportDeclaration) return entry as Binding;
          // Imports are followed on first use only.
          const b = this.fromImport(entry as ts.ImportDeclaration, name, sf) ?? {
            kind: "unknown",
            why: "unresolved-import",
          };
          declared.set(name, b);
          return b;
        }
        case SK.FunctionDeclaration:
        case SK.FunctionExpression:
        case SK.ArrowFunction:
        case SK.MethodDeclaration:
        case SK.Constructor:
        case SK.GetAccessor:
        case SK.SetAccessor:
          for (const p of (n as ts.FunctionLikeDeclaration).parameters) {
            if (!bindsName(p.name, name)) continue;
            return p.name.kind === SK.Identifier
              ? { kind: "unknown", why: "not-const", decl: p, sf, scope: scope.slice(0, i + 1) }
              : { kind: "unknown", why: "not-const" };
          }
          break;
        case SK.ForStatement:
        case SK.ForOfStatement:
        case SK.ForInStatement: {
          const init = (n as ts.ForStatement).initializer;
          if (
            init &&
            init.kind === SK.VariableDeclarationList &&
            (init as ts.VariableDeclarationList).declarations.some((d) => bindsName(d.name, name))
          )
            return { kind: "unknown", why: "not-const" };
          break;
        }
        case SK.CatchClause: {
          const d = (n as ts.CatchClause).variableDeclaration;
          if (d && bindsName(d.name, name)) return { kind: "catch" };
          break;
        }
      }
    }
    return { kind: "unknown", why: "not-const" };
  }

  /** Names declared directly in a block or file (first declaration wins), indexed once per container. */
  private declaredIn(
    container: ts.Node,
    statements: readonly ts.Statement[],
    scope: readonly ts.Node[],
    at: number,
    sf: ts.SourceFile,
  ): Map<string, Binding | ts.ImportDeclaration> {
    let perFile = this.modules.scopes.get(sf);
    if (!perFile) {
      // The scanner drops each linted file's index when done; this bounds imported modules'.
      if (this.modules.scopes.size > 256) this.modules.scopes.clear();
      this.modules.scopes.set(sf, (perFile = new Map()));
    }
    // Identity-keyed maps on AST nodes are slow; a container's start and kind are unique in its file.
    const key = container.pos * 1024 + container.kind;
    let index = perFile.get(key);
    if (index) return index;
    index = new Map();
    const put = (name: string, b: Binding | ts.ImportDeclaration) => {
      if (!index!.has(name)) index!.set(name, b);
    };
    // Copied only when a const needs it (most blocks declare none).
    let containerScope: readonly ts.Node[] | undefined;
    for (const st of statements) {
      switch (st.kind) {
        case SK.VariableStatement: {
          const list = (st as ts.VariableStatement).declarationList;
          const isConst = (list.flags & typescript.NodeFlags.Const) !== 0;
          for (const d of list.declarations) {
            if (d.name.kind === SK.Identifier) {
              containerScope ??= scope.slice(0, at + 1);
              put(
                d.name.text,
                isConst && d.initializer
                  ? { kind: "const", init: d.initializer, sf, scope: containerScope }
                  : { kind: "unknown", why: "not-const", decl: d, sf, scope: containerScope },
              );
            } else for (const n of boundNames(d.name)) put(n, { kind: "unknown", why: "not-const" });
          }
          break;
        }
        case SK.EnumDeclaration:
          put((st as ts.EnumDeclaration).name.text, { kind: "enum", decl: st as ts.EnumDeclaration, sf });
          break;
        case SK.FunctionDeclaration:
        case SK.ClassDeclaration: {
          const n = (st as ts.FunctionDeclaration).name?.text;
          if (n !== undefined) put(n, { kind: "unknown", why: "expression" });
          break;
        }
        case SK.ImportDeclaration: {
          if (container.kind !== SK.SourceFile) break;
          const clause = (st as ts.ImportDeclaration).importClause;
          if (!clause) break;
          if (clause.name) put(clause.name.text, st as ts.ImportDeclaration);
          const nb = clause.namedBindings;
          if (nb && nb.kind === SK.NamespaceImport) put(nb.name.text, st as ts.ImportDeclaration);
          else if (nb) for (const el of nb.elements) put(el.name.text, st as ts.ImportDeclaration);
          break;
        }
      }
    }
    perFile.set(key, index);
    return index;
  }

  private inStatements(
    statements: readonly ts.Statement[],
    name: string,
    scope: readonly ts.Node[],
    sf: ts.SourceFile,
    topLevel: boolean,
  ): Binding | undefined {
    for (const st of statements) {
      switch (st.kind) {
        case SK.VariableStatement: {
          const list = (st as ts.VariableStatement).declarationList;
          for (const d of list.declarations) {
            if (!bindsName(d.name, name)) continue;
            if (d.name.kind === SK.Identifier && list.flags & typescript.NodeFlags.Const && d.initializer)
              return { kind: "const", init: d.initializer, sf, scope };
            return { kind: "unknown", why: "not-const" };
          }
          break;
        }
        case SK.EnumDeclaration:
          if ((st as ts.EnumDeclaration).name.text === name)
            return { kind: "enum", decl: st as ts.EnumDeclaration, sf };
          break;
        case SK.FunctionDeclaration:
        case SK.ClassDeclaration:
          if ((st as ts.FunctionDeclaration).name?.text === name) return { kind: "unknown", why: "expression" };
          break;
        case SK.ImportDeclaration:
          if (topLevel) {
            const found = this.fromImport(st as ts.ImportDeclaration, name, sf);
            if (found) return found;
          }
          break;
      }
    }
    return undefined;
  }

  private fromImport(imp: ts.ImportDeclaration, name: string, sf: ts.SourceFile, depth = 0): Binding | undefined {
    const clause = imp.importClause;
    if (!clause || !typescript.isStringLiteral(imp.moduleSpecifier)) return undefined;
    let exported: string | undefined;
    let namespace = false;
    if (clause.name?.text === name) exported = "default";
    const nb = clause.namedBindings;
    if (nb && nb.kind === SK.NamespaceImport && nb.name.text === name) namespace = true;
    if (nb && nb.kind === SK.NamedImports) {
      for (const el of nb.elements)
        if (el.name.text === name) exported = el.propertyName ? propName(el.propertyName) : name;
    }
    if (!namespace && exported === undefined) return undefined;
    const target = this.modules.load(sf.fileName, imp.moduleSpecifier.text);
    if (!target)
      return {
        kind: "unknown",
        why: "unresolved-import",
        module: imp.moduleSpecifier.text,
        exported: namespace ? "*" : exported!,
      };
    if (namespace) return { kind: "namespace", sf: target };
    return this.exported(target, exported!, depth + 1);
  }

  /** The binding a module exports under `name` (memoised per thread). */
  exported(sf: ts.SourceFile, name: string, depth: number, seen: Set<string> = new Set()): Binding {
    let memo = this.modules.exports.get(sf);
    if (!memo) this.modules.exports.set(sf, (memo = new Map()));
    const hit = memo.get(name);
    if (hit) return hit;
    const b = this.exportedUncached(sf, name, depth, seen);
    if (!(b.kind === "unknown" && b.why === "too-deep")) memo.set(name, b);
    return b;
  }

  private exportedUncached(sf: ts.SourceFile, name: string, depth: number, seen: Set<string>): Binding {
    const key = `${sf.fileName}\0${name}`;
    if (depth > MAX_DEPTH || seen.has(key)) return { kind: "unknown", why: "too-deep" };
    seen.add(key);
    for (const st of sf.statements) {
      const exportedHere =
        typescript.canHaveModifiers(st) && typescript.getModifiers(st)?.some((m) => m.kind === SK.ExportKeyword);
      if (st.kind === SK.VariableStatement && exportedHere) {
        const found = this.inStatements([st], name, [sf], sf, true);
        if (found) return found;
      } else if (st.kind === SK.EnumDeclaration && exportedHere && (st as ts.EnumDeclaration).name.text === name) {
        return { kind: "enum", decl: st as ts.EnumDeclaration, sf };
      } else if (st.kind === SK.ExportAssignment && name === "default" && !(st as ts.ExportAssignment).isExportEquals) {
        return { kind: "const", init: (st as ts.ExportAssignment).expression, sf, scope: [sf] };
      } else if (st.kind === SK.ExportDeclaration) {
        const ed = st as ts.ExportDeclaration;
        const spec =
          ed.moduleSpecifier && typescript.isStringLiteral(ed.moduleSpecifier) ? ed.moduleSpecifier.text : undefined;
        if (ed.exportClause && ed.exportClause.kind === SK.NamedExports) {
          for (const el of ed.exportClause.elements) {
            if (el.name.text !== name) continue;
            const local = el.propertyName ? propName(el.propertyName)! : name;
            if (spec === undefined) return this.lookup(local, [sf], sf);
            const target = this.modules.load(sf.fileName, spec);
            return target
              ? this.exported(target, local, depth + 1, seen)
              : { kind: "unknown", why: "unresolved-import" };
          }
        } else if (
          ed.exportClause &&
          ed.exportClause.kind === SK.NamespaceExport &&
          ed.exportClause.name.text === name &&
          spec !== undefined
        ) {
          const target = this.modules.load(sf.fileName, spec);
          return target ? { kind: "namespace", sf: target } : { kind: "unknown", why: "unresolved-import" };
        } else if (!ed.exportClause && spec !== undefined) {
          const target = this.modules.load(sf.fileName, spec);
          if (target) {
            const b = this.exported(target, name, depth + 1, seen);
            if (!(b.kind === "unknown" && b.why === "not-const")) return b;
          }
        }
      }
    }
    return { kind: "unknown", why: "not-const" };
  }

  /** The binding an identifier or namespace member refers to, if it is a name at all. */
  private bindingOf(
    expr: ts.Expression,
    scope: readonly ts.Node[],
    sf: ts.SourceFile,
    depth: number,
  ): Binding | undefined {
    const node = unwrap(expr);
    if (node.kind === SK.Identifier) return this.lookup((node as ts.Identifier).text, scope, sf);
    if (node.kind === SK.PropertyAccessExpression || node.kind === SK.ElementAccessExpression) {
      const member = memberName(node);
      const b =
        member === undefined
          ? undefined
          : this.bindingOf((node as ts.PropertyAccessExpression).expression, scope, sf, depth + 1);
      if (b?.kind === "namespace") return this.exported(b.sf, member!, depth + 1);
    }
    return undefined;
  }

  private bindingValue(b: Binding, node: ts.Node, sf: ts.SourceFile, depth: number): StaticValue {
    switch (b.kind) {
      case "const": {
        if (b.sf === this.sf) {
          const hit = this.localConsts.get(b.init.pos);
          if (hit && hit.init === b.init) return hit.value;
        } else {
          const memo = this.modules.constValues.get(b.init);
          if (memo) return memo;
        }
        const v = this.value(b.init, b.scope, b.sf, depth + 1);
        if (!(v.kind === "unknown" && v.why === "too-deep")) {
          if (b.sf === this.sf) this.localConsts.set(b.init.pos, { init: b.init, value: v });
          else this.modules.constValues.set(b.init, v);
        }
        return v;
      }
      case "catch":
        return { kind: "unknown", text: shortText(node, sf), why: "not-const" };
      case "enum":
      case "namespace":
        return { kind: "unknown", text: shortText(node, sf), why: "expression" };
      case "unknown":
        return { kind: "unknown", text: shortText(node, sf), why: b.why };
    }
  }

  /** True when `expr` is a `catch (err)` binding or a `new …Error(…)`: pino's `(err, msg)` form. */
  isErrorObject(expr: ts.Expression, scope: readonly ts.Node[]): boolean {
    const node = unwrap(expr);
    if (node.kind === SK.NewExpression) return /Error$/.test((node as ts.NewExpression).expression.getText(this.sf));
    if (node.kind === SK.Identifier) return this.lookup((node as ts.Identifier).text, scope).kind === "catch";
    return false;
  }
}

const EMPTY_OBJECT: ObjectValue = Object.freeze({ kind: "object", props: [], unresolved: [] }) as ObjectValue;

/**
 * The operands of a conditional spread: both branches of `c ? a : b` (nested ones too),
 * and for `c && a` the right side plus `null` (a falsy left side spreads nothing).
 * Undefined when the spread is not conditional.
 */
function conditionalBranches(node: ts.Expression): (ts.Expression | null)[] | undefined {
  if (node.kind === SK.ConditionalExpression) {
    const c = node as ts.ConditionalExpression;
    return [
      ...(conditionalBranches(unwrap(c.whenTrue)) ?? [c.whenTrue]),
      ...(conditionalBranches(unwrap(c.whenFalse)) ?? [c.whenFalse]),
    ];
  }
  if (
    node.kind === SK.BinaryExpression &&
    (node as ts.BinaryExpression).operatorToken.kind === SK.AmpersandAmpersandToken
  ) {
    return [
      ...(conditionalBranches(unwrap((node as ts.BinaryExpression).right)) ?? [(node as ts.BinaryExpression).right]),
      null,
    ];
  }
  return undefined;
}

function boundNames(name: ts.BindingName, out: string[] = []): string[] {
  if (name.kind === SK.Identifier) out.push(name.text);
  else for (const el of name.elements) if (el.kind !== SK.OmittedExpression) boundNames(el.name, out);
  return out;
}

function bindsName(name: ts.BindingName, wanted: string): boolean {
  if (name.kind === SK.Identifier) return name.text === wanted;
  for (const el of name.elements) {
    if (el.kind === SK.OmittedExpression) continue;
    if (bindsName(el.name, wanted)) return true;
  }
  return false;
}

/** The static name of a property key, or undefined when computed from an expression. */
export function propName(name: ts.PropertyName | ts.ModuleExportName): string | undefined {
  switch (name.kind) {
    case SK.Identifier:
    case SK.PrivateIdentifier:
    case SK.StringLiteral:
    case SK.NumericLiteral:
    case SK.NoSubstitutionTemplateLiteral:
      return name.text;
    case SK.ComputedPropertyName: {
      const e = unwrap(name.expression);
      return e.kind === SK.StringLiteral || e.kind === SK.NoSubstitutionTemplateLiteral || e.kind === SK.NumericLiteral
        ? (e as ts.StringLiteral).text
        : undefined;
    }
    default:
      return undefined;
  }
}

function memberName(node: ts.Node): string | undefined {
  if (node.kind === SK.PropertyAccessExpression) {
    const n = (node as ts.PropertyAccessExpression).name;
    return n.kind === SK.Identifier ? n.text : undefined;
  }
  const arg = unwrap((node as ts.ElementAccessExpression).argumentExpression);
  return arg.kind === SK.StringLiteral ||
    arg.kind === SK.NoSubstitutionTemplateLiteral ||
    arg.kind === SK.NumericLiteral
    ? (arg as ts.StringLiteral).text
    : undefined;
}

function hasDuplicateName(props: readonly PropValue[]): boolean {
  if (props.length > 16) return new Set(props.map((p) => p.name)).size !== props.length;
  for (let i = 1; i < props.length; i++) {
    const name = props[i]!.name;
    for (let j = 0; j < i; j++) if (props[j]!.name === name) return true;
  }
  return false;
}

function findLast(props: readonly PropValue[], name: string): PropValue | undefined {
  for (let i = props.length - 1; i >= 0; i--) if (props[i]!.name === name) return props[i];
  return undefined;
}
