/**
 * Source positions for registry diagnostics: the line and column of the event's
 * `event` literal, of the field's property in that event's object, or of the family's
 * name, found by parsing the schema module's text (the IR knows names, not places).
 * Editors and GitHub annotations jump there. Parsed only when there are diagnostics.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ts } from "ts-morph";
import type { Diagnostic } from "../errors.js";

/** Adds `line` and `column` (1-based) to every diagnostic whose place can be found in its module. */
export async function locateDiagnostics(root: string, diagnostics: readonly Diagnostic[]): Promise<Diagnostic[]> {
  const wanted = diagnostics.filter(
    (d) => d.file !== undefined && d.line === undefined && (d.event || d.family || d.field),
  );
  if (wanted.length === 0) return [...diagnostics];
  const { typescript } = await import("../lint/ts.js");
  const parsed = new Map<string, ts.SourceFile | undefined>();
  const source = (file: string) => {
    if (!parsed.has(file)) {
      let text: string | undefined;
      try {
        text = readFileSync(join(root, file), "utf8");
      } catch {
        text = undefined;
      }
      parsed.set(
        file,
        text === undefined ? undefined : typescript.createSourceFile(file, text, typescript.ScriptTarget.Latest, true),
      );
    }
    return parsed.get(file);
  };
  return diagnostics.map((d) => {
    if (!wanted.includes(d)) return d;
    const sf = source(d.file!);
    const node = sf && findNode(typescript, sf, d);
    if (!sf || !node) return d;
    const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    return { ...d, line: line + 1, column: character + 1 };
  });
}

/** The most specific node for `d`: field property, else event literal, else family name. */
function findNode(t: typeof ts, sf: ts.SourceFile, d: Diagnostic): ts.Node | undefined {
  const literals = (value: string) => {
    const out: ts.StringLiteralLike[] = [];
    const visit = (n: ts.Node): void => {
      if ((t.isStringLiteral(n) || t.isNoSubstitutionTemplateLiteral(n)) && n.text === value) out.push(n);
      n.forEachChild(visit);
    };
    visit(sf);
    return out;
  };
  const field = d.field?.split(/[.[]/)[0];
  if (d.event) {
    for (const lit of literals(d.event)) {
      // `connected: "x.connected"` in an `as const` map: the event is where `EVENTS.connected` is used.
      const uses = t.isPropertyAssignment(lit.parent) ? accesses(t, sf, propertyName(t, lit.parent)) : [];
      for (const at of [lit, ...uses]) {
        // With a field: its property in the event's object. Without: the literal, or the map
        // entry's use inside an event object.
        const found = field ? fieldIn(t, at, field) : uses.length === 0 || fieldIn(t, at, "event") ? at : undefined;
        if (found) return found;
      }
    }
    // A field the event inherits or an event literal built elsewhere: the first mention.
    const first = literals(d.event)[0];
    if (first) return first;
  }
  if (d.family) {
    const named = literals(d.family)[0];
    if (named) return named;
  }
  if (field) return properties(t, sf, field)[0];
  return undefined;
}

/** The property `field` of the object literal that holds `literal` (as `event: z.literal(...)`). */
function fieldIn(t: typeof ts, literal: ts.Node, field: string): ts.Node | undefined {
  for (let n: ts.Node | undefined = literal.parent; n; n = n.parent) {
    if (t.isObjectLiteralExpression(n) && n.properties.some((p) => propertyName(t, p) === "event")) {
      return n.properties.find((p) => propertyName(t, p) === field);
    }
  }
  return undefined;
}

/** `X.name` property accesses (uses of an `as const` map entry). */
function accesses(t: typeof ts, sf: ts.SourceFile, name: string | undefined): ts.Node[] {
  if (name === undefined) return [];
  const out: ts.Node[] = [];
  const visit = (n: ts.Node): void => {
    if (t.isPropertyAccessExpression(n) && n.name.text === name) out.push(n);
    n.forEachChild(visit);
  };
  visit(sf);
  return out;
}

function properties(t: typeof ts, sf: ts.SourceFile, name: string): ts.Node[] {
  const out: ts.Node[] = [];
  const visit = (n: ts.Node): void => {
    if (t.isObjectLiteralElementLike(n) && propertyName(t, n) === name) out.push(n);
    n.forEachChild(visit);
  };
  visit(sf);
  return out;
}

function propertyName(t: typeof ts, p: ts.ObjectLiteralElementLike): string | undefined {
  const name = p.name;
  if (!name) return undefined;
  if (t.isIdentifier(name) || t.isStringLiteral(name) || t.isNumericLiteral(name)) return name.text;
  return undefined;
}
