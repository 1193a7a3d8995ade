/**
 * The declarations of a JavaScript or TypeScript file, for `#symbol` anchors of source
 * citations: every named function, class, variable (`const`, `let`, `var`), method,
 * property, accessor, type alias, interface, enum, enum member and namespace, with the line
 * its name is on and the names of the declarations around it (`Runs` for `Runs.markFailed`).
 * A syntax pass with the TypeScript parser lint uses; no type checker.
 */
import type { ts } from "ts-morph";
import { typescript } from "../lint/ts.js";
import { parseSource } from "../lint/resolver.js";

const SK = typescript.SyntaxKind;

export interface Declaration {
  readonly name: string;
  /** 1-based line of the name. */
  readonly line: number;
  /** Names of the enclosing declarations, outermost first. */
  readonly containers: readonly string[];
}

/** Files whose anchors are checked against declarations (others: the anchor must appear as a word). */
export const DECLARATION_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/;

/** Every named declaration in `text` (a file named `fileName`). */
export function declarationsOf(fileName: string, text: string): Declaration[] {
  const sf = parseSource(fileName, text);
  const out: Declaration[] = [];
  const containers: string[] = [];
  const add = (nameNode: ts.Node | undefined): string | undefined => {
    if (!nameNode) return undefined;
    const name = nameText(nameNode);
    if (name === undefined) return undefined;
    out.push({
      name,
      line: sf.getLineAndCharacterOfPosition(nameNode.getStart(sf)).line + 1,
      containers: [...containers],
    });
    return name;
  };
  const visit = (node: ts.Node): void => {
    let pushed: string | undefined;
    switch (node.kind) {
      case SK.FunctionDeclaration:
      case SK.ClassDeclaration:
      case SK.ClassExpression:
      case SK.InterfaceDeclaration:
      case SK.TypeAliasDeclaration:
      case SK.EnumDeclaration:
      case SK.ModuleDeclaration:
      case SK.MethodDeclaration:
      case SK.MethodSignature:
      case SK.PropertyDeclaration:
      case SK.PropertySignature:
      case SK.GetAccessor:
      case SK.SetAccessor:
      case SK.EnumMember:
      case SK.PropertyAssignment:
      case SK.ShorthandPropertyAssignment:
        pushed = add((node as ts.NamedDeclaration).name);
        break;
      case SK.VariableDeclaration: {
        const name = (node as ts.VariableDeclaration).name;
        if (name.kind === SK.Identifier) pushed = add(name);
        else for (const id of bindingIdentifiers(name)) add(id);
        break;
      }
      case SK.Parameter: {
        // Constructor parameter properties (`constructor(private readonly runs: Runs)`) are members.
        const p = node as ts.ParameterDeclaration;
        if (typescript.canHaveModifiers(p) && (typescript.getModifiers(p)?.length ?? 0) > 0) add(p.name);
        break;
      }
    }
    if (pushed !== undefined) containers.push(pushed);
    typescript.forEachChild(node, visit);
    if (pushed !== undefined) containers.pop();
  };
  visit(sf);
  return out;
}

function nameText(node: ts.Node): string | undefined {
  switch (node.kind) {
    case SK.Identifier:
    case SK.PrivateIdentifier:
    case SK.StringLiteral:
    case SK.NumericLiteral:
      return (node as ts.Identifier).text.replace(/^#/, "");
    default:
      return undefined;
  }
}

function bindingIdentifiers(name: ts.BindingName, out: ts.Identifier[] = []): ts.Identifier[] {
  if (name.kind === SK.Identifier) out.push(name);
  else for (const el of name.elements) if (el.kind !== SK.OmittedExpression) bindingIdentifiers(el.name, out);
  return out;
}
