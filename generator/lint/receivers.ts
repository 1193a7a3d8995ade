/**
 * Which receivers are loggers, followed syntactically within a file (and through relative
 * imports, as the resolver follows consts): a receiver is a logger when a callee glob
 * matches it, or when it is assigned from one — `.child(…)` of a logger, a configured
 * logger factory (`createChildLogger({ … })`), `pino(…)`, `a ?? b` / `a || b` / `c ? a : b`
 * of loggers, a parameter typed `Logger` / `BaseLogger` or defaulted from a logger, a
 * class property initialised from one (in its declaration, the constructor, or a
 * constructor parameter property). The fields bound on the way (`.child({ event, runId })`)
 * ride on every line of the receiver. A receiver assigned from a generated emitter factory
 * (`daemonConnectionEmitters(logger)`) is not a raw logger at all.
 *
 * Raw TypeScript nodes only, no type checker; each declaration is read once per file.
 */
import type { ts } from "ts-morph";
import { typescript } from "./ts.js";
import { locOf, propName, unwrap, type Binding, type Resolver } from "./resolver.js";
import type { Loc, PropValue } from "./types.js";

const SK = typescript.SyntaxKind;
/** How many assignments deep a receiver is followed. */
const MAX_DEPTH = 12;
/** Type names a parameter or property annotated with is taken as a logger (pino's, winston's, bunyan's …). */
const LOGGER_TYPE_NAMES = new Set(["Logger", "BaseLogger"]);
/** The module a `pino(…)` call must be imported from to create a logger. */
const PINO_MODULES = new Set(["pino"]);

/** A receiver known to be a logger, and the fields bound on it. */
export interface LoggerReceiver {
  readonly kind: "logger";
  readonly bound: readonly PropValue[];
  /** Some bindings could not be read (`.child(opts)`), so a "missing field" cannot be told. */
  readonly partial: boolean;
  /**
   * `x.child({ … })` on an `x` not known to be a logger: a logger only when something else
   * says so (a callee glob matches the name it is assigned to, or the other side of a `??`).
   */
  readonly weak?: true;
}

/** A receiver created by a generated emitter factory: its methods are typed emitters, not log calls. */
export interface EmitterReceiver {
  readonly kind: "emitter";
}

export type ReceiverInfo = LoggerReceiver | EmitterReceiver;

/** A configured function that returns a child logger, with the argument holding its bindings. */
export interface FactoryMatcher {
  readonly re: RegExp;
  /** Argument index of the bindings object; undefined when it binds nothing logpact can see. */
  readonly bindings: number | undefined;
}

export interface ReceiverOptions {
  /** True when a member chain (`this.logger`, `log`) matches the file's callee globs. */
  readonly matchesCallee: (chain: string) => boolean;
  readonly factories: readonly FactoryMatcher[];
  /** Callee globs of generated emitter factories (`*Emitters`). */
  readonly emitterFactories: RegExp | undefined;
}

const PLAIN_LOGGER: LoggerReceiver = Object.freeze({
  kind: "logger",
  bound: Object.freeze([]) as readonly PropValue[],
  partial: false,
}) as LoggerReceiver;
const EMITTER: EmitterReceiver = Object.freeze({ kind: "emitter" });

/** Follows receivers of one file. */
export class Receivers {
  /** Per declaration or initializer: what it makes of the name it declares (null: not a logger). One instance per file, so it dies with the AST. */
  private readonly memo = new Map<ts.Node, ReceiverInfo | null>();
  /** Per class: `this.<name>` → what it is. */
  private readonly members = new Map<ts.Node, Map<string, ReceiverInfo | null>>();

  constructor(
    private readonly resolver: Resolver,
    private readonly options: ReceiverOptions,
  ) {}

  /**
   * What the receiver `expr` of a call in the linted file is. Bindings written in another
   * file are located at the receiver.
   */
  describe(expr: ts.Expression, scope: readonly ts.Node[]): ReceiverInfo | undefined {
    const info = this.info(expr, scope, this.resolver.sf, 0);
    if (info?.kind === "logger" && info.weak) return undefined;
    if (info?.kind !== "logger" || !info.bound.some((p) => p.loc.line === 0)) return info;
    const at = locOf(expr, this.resolver.sf);
    return { ...info, bound: info.bound.map((p) => (p.loc.line === 0 ? { ...p, loc: at, valueLoc: at } : p)) };
  }

  private info(
    expr: ts.Expression,
    scope: readonly ts.Node[],
    sf: ts.SourceFile,
    depth: number,
  ): ReceiverInfo | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const node = unwrap(expr);
    switch (node.kind) {
      case SK.Identifier: {
        const name = (node as ts.Identifier).text;
        const fromDecl = this.fromBinding(this.resolver.lookup(name, scope, sf), depth);
        if (fromDecl && !(fromDecl.kind === "logger" && fromDecl.weak)) return fromDecl;
        if (this.options.matchesCallee(name)) return fromDecl ? strong(fromDecl as LoggerReceiver) : PLAIN_LOGGER;
        return fromDecl;
      }
      case SK.PropertyAccessExpression: {
        const pa = node as ts.PropertyAccessExpression;
        const target = unwrap(pa.expression);
        if (target.kind === SK.ThisKeyword) {
          const fromClass = this.fromClassMember(pa.name.text, scope, sf, depth);
          if (fromClass) return fromClass;
        }
        const chain = chainText(node);
        return chain !== undefined && this.options.matchesCallee(chain) ? PLAIN_LOGGER : undefined;
      }
      case SK.CallExpression:
        return this.fromCall(node as ts.CallExpression, scope, sf, depth);
      case SK.BinaryExpression: {
        const b = node as ts.BinaryExpression;
        const op = b.operatorToken.kind;
        if (op !== SK.QuestionQuestionToken && op !== SK.BarBarToken) return undefined;
        return either(this.info(b.left, scope, sf, depth + 1), this.info(b.right, scope, sf, depth + 1));
      }
      case SK.ConditionalExpression: {
        const c = node as ts.ConditionalExpression;
        return either(this.info(c.whenTrue, scope, sf, depth + 1), this.info(c.whenFalse, scope, sf, depth + 1));
      }
      default:
        return undefined;
    }
  }

  private fromCall(
    call: ts.CallExpression,
    scope: readonly ts.Node[],
    sf: ts.SourceFile,
    depth: number,
  ): ReceiverInfo | undefined {
    const callee = unwrap(call.expression);
    if (callee.kind === SK.PropertyAccessExpression && (callee as ts.PropertyAccessExpression).name.text === "child") {
      const parent = this.info((callee as ts.PropertyAccessExpression).expression, scope, sf, depth + 1);
      if (parent?.kind === "emitter") return undefined;
      const out = this.withBindings(parent ?? PLAIN_LOGGER, call.arguments[0], scope, sf, depth);
      return parent ? out : { ...out, weak: true };
    }
    const chain = chainText(callee);
    if (chain === undefined) return undefined;
    if (this.options.emitterFactories?.test(chain)) return EMITTER;
    for (const f of this.options.factories) {
      if (f.re.test(chain))
        return this.withBindings(
          PLAIN_LOGGER,
          f.bindings === undefined ? undefined : call.arguments[f.bindings],
          scope,
          sf,
          depth,
        );
    }
    if (
      callee.kind === SK.Identifier ||
      (callee.kind === SK.PropertyAccessExpression &&
        unwrap((callee as ts.PropertyAccessExpression).expression).kind === SK.Identifier)
    ) {
      // `pino(…)`, `pino.pino(…)`, `pino.default(…)` with `pino` imported from the pino package.
      const head =
        callee.kind === SK.Identifier
          ? (callee as ts.Identifier)
          : (unwrap((callee as ts.PropertyAccessExpression).expression) as ts.Identifier);
      const b = this.resolver.lookup(head.text, scope, sf);
      if (b.kind === "unknown" && b.module !== undefined && PINO_MODULES.has(b.module)) return PLAIN_LOGGER;
    }
    return undefined;
  }

  /** `parent` plus the keys of a bindings argument (an object literal or something resolving to one). */
  private withBindings(
    parent: LoggerReceiver,
    arg: ts.Expression | undefined,
    scope: readonly ts.Node[],
    sf: ts.SourceFile,
    depth: number,
  ): LoggerReceiver {
    if (arg === undefined) return parent;
    const inner = unwrap(arg);
    const here = sf === this.resolver.sf ? undefined : ELSEWHERE;
    const v =
      inner.kind === SK.ObjectLiteralExpression
        ? this.resolver.object(inner as ts.ObjectLiteralExpression, scope, sf, depth, here)
        : this.resolver.value(inner, scope, sf, depth);
    if (v.kind !== "object") return { ...parent, partial: true };
    const argLoc = sf === this.resolver.sf ? locOf(arg, sf) : ELSEWHERE;
    const mapped =
      inner.kind === SK.ObjectLiteralExpression
        ? v.props
        : v.props.map((p) => ({ ...p, loc: argLoc, valueLoc: argLoc }));
    // A later binding of the same key overrides the parent's (pino writes both; the child's is read last).
    const names = new Set(mapped.map((p) => p.name));
    const out: LoggerReceiver = {
      kind: "logger",
      bound: [...parent.bound.filter((p) => !names.has(p.name)), ...mapped],
      partial: parent.partial || v.unresolved.length > 0,
    };
    return parent.weak ? { ...out, weak: true } : out;
  }

  /** A name declared by `const`/`let`/`var` or a parameter: what its initializer, default or type makes it. */
  private fromBinding(b: Binding, depth: number): ReceiverInfo | undefined {
    if (b.kind === "const") return this.memoised(b.init, () => this.info(b.init, b.scope, b.sf, depth + 1));
    if (b.kind !== "unknown" || !b.decl || !b.scope || !b.sf) return undefined;
    const decl = b.decl;
    const declSf = b.sf;
    const declScope = b.scope;
    return this.memoised(decl, () => {
      if (decl.initializer) {
        const fromInit = this.info(decl.initializer, declScope, declSf, depth + 1);
        if (fromInit) return fromInit;
      }
      return isLoggerType(decl.type) ? PLAIN_LOGGER : undefined;
    });
  }

  /** `this.<name>` in a class: its property declaration, a constructor parameter property, or `this.<name> = …` in the constructor. */
  private fromClassMember(
    name: string,
    scope: readonly ts.Node[],
    sf: ts.SourceFile,
    depth: number,
  ): ReceiverInfo | undefined {
    let ci = scope.length - 1;
    while (ci >= 0 && scope[ci]!.kind !== SK.ClassDeclaration && scope[ci]!.kind !== SK.ClassExpression) ci--;
    if (ci < 0) return undefined;
    const cls = scope[ci] as ts.ClassLikeDeclaration;
    let perClass = this.members.get(cls);
    if (!perClass) this.members.set(cls, (perClass = new Map()));
    if (perClass.has(name)) return perClass.get(name) ?? undefined;
    perClass.set(name, null);
    const classScope = scope.slice(0, ci + 1);
    let found: ReceiverInfo | undefined;
    // A type annotation says less than an assignment (which may bind fields): the fallback.
    let typed = false;
    for (const m of cls.members) {
      if (m.kind === SK.PropertyDeclaration && m.name && propName(m.name) === name) {
        const pd = m as ts.PropertyDeclaration;
        found ??= pd.initializer ? this.info(pd.initializer, classScope, sf, depth + 1) : undefined;
        typed ||= isLoggerType(pd.type);
      } else if (m.kind === SK.Constructor) {
        const ctor = m as ts.ConstructorDeclaration;
        const ctorScope = [...classScope, ctor];
        for (const p of ctor.parameters) {
          if (
            p.name.kind !== SK.Identifier ||
            p.name.text !== name ||
            !typescript.canHaveModifiers(p) ||
            !typescript.getModifiers(p)?.length
          )
            continue;
          found ??= p.initializer ? this.info(p.initializer, ctorScope, sf, depth + 1) : undefined;
          typed ||= isLoggerType(p.type);
        }
        if (!ctor.body) continue;
        const bodyScope = [...ctorScope, ctor.body];
        for (const st of ctor.body.statements) {
          if (st.kind !== SK.ExpressionStatement) continue;
          const e = (st as ts.ExpressionStatement).expression;
          if (e.kind !== SK.BinaryExpression || (e as ts.BinaryExpression).operatorToken.kind !== SK.EqualsToken)
            continue;
          const left = unwrap((e as ts.BinaryExpression).left);
          if (
            left.kind !== SK.PropertyAccessExpression ||
            unwrap((left as ts.PropertyAccessExpression).expression).kind !== SK.ThisKeyword ||
            (left as ts.PropertyAccessExpression).name.text !== name
          )
            continue;
          found ??= this.info((e as ts.BinaryExpression).right, bodyScope, sf, depth + 1);
        }
      }
    }
    found ??= typed ? PLAIN_LOGGER : undefined;
    perClass.set(name, found ?? null);
    return found;
  }

  private memoised(node: ts.Node, compute: () => ReceiverInfo | undefined): ReceiverInfo | undefined {
    const hit = this.memo.get(node);
    if (hit !== undefined) return hit ?? undefined;
    // Set before computing: a declaration that refers back to itself is not a logger.
    this.memo.set(node, null);
    const out = compute();
    this.memo.set(node, out ?? null);
    return out;
  }
}

/** Either of two receivers: a logger when one side is (bindings of both count: each may be the one used). */
function either(a: ReceiverInfo | undefined, b: ReceiverInfo | undefined): ReceiverInfo | undefined {
  const la = a?.kind === "logger" ? a : undefined;
  const lb = b?.kind === "logger" ? b : undefined;
  if (la && lb) {
    const names = new Set(la.bound.map((p) => p.name));
    const out: LoggerReceiver = {
      kind: "logger",
      bound: [...la.bound, ...lb.bound.filter((p) => !names.has(p.name))],
      partial: la.partial || lb.partial,
    };
    // One side known to be a logger makes the other (`x.child(…)`) one too.
    return la.weak && lb.weak ? { ...out, weak: true } : out;
  }
  return la ?? lb ?? (a?.kind === "emitter" && b?.kind === "emitter" ? EMITTER : undefined);
}

function strong(r: LoggerReceiver): LoggerReceiver {
  const { weak: _weak, ...rest } = r;
  return rest;
}

/** `a.b.c` for a plain member chain (identifiers, `this`), else undefined. */
export function chainText(node: ts.Expression): string | undefined {
  const n = unwrap(node);
  if (n.kind === SK.Identifier) return (n as ts.Identifier).text;
  if (n.kind === SK.ThisKeyword) return "this";
  if (n.kind === SK.PropertyAccessExpression) {
    const left = chainText((n as ts.PropertyAccessExpression).expression);
    return left === undefined ? undefined : `${left}.${(n as ts.PropertyAccessExpression).name.text}`;
  }
  return undefined;
}

/** `Logger`, `pino.Logger`, `BaseLogger<…>`, `Logger | undefined`. */
function isLoggerType(type: ts.TypeNode | undefined): boolean {
  if (!type) return false;
  if (type.kind === SK.UnionType) return (type as ts.UnionTypeNode).types.some(isLoggerType);
  if (type.kind !== SK.TypeReference) return false;
  const name = (type as ts.TypeReferenceNode).typeName;
  const last = name.kind === SK.Identifier ? name.text : name.right.text;
  return LOGGER_TYPE_NAMES.has(last);
}

/** Stand-in location of bindings written in another file (`describe` puts the receiver's there). */
const ELSEWHERE: Loc = Object.freeze({ line: 0, column: 0, endLine: 0, endColumn: 0 });
