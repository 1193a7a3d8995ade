/**
 * The import graph of generator/**: every `import … from`, `export … from`, `import type`,
 * `import x = require()` and literal `import("…")` between our own source files, read with
 * ts-morph's bundled TypeScript parser (a syntax pass, no type checking).
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import type { ts } from "ts-morph";
import { typescript } from "../../generator/lint/ts.js";

/** Source file (repo-relative, POSIX) → the source files it imports, in source order. */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

/** Every `.ts` file under `dir` (absolute), sorted. */
function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...tsFiles(full));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) out.push(full);
  }
  return out.sort();
}

/** Module specifiers of one file's imports and re-exports (static, type-only and literal dynamic ones). */
export function importSpecifiers(fileName: string, text: string): string[] {
  const t = typescript;
  const sf = t.createSourceFile(fileName, text, t.ScriptTarget.Latest, false, t.ScriptKind.TS);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((t.isImportDeclaration(node) || t.isExportDeclaration(node)) && node.moduleSpecifier) {
      if (t.isStringLiteral(node.moduleSpecifier)) out.push(node.moduleSpecifier.text);
    } else if (
      t.isImportEqualsDeclaration(node) &&
      t.isExternalModuleReference(node.moduleReference) &&
      t.isStringLiteral(node.moduleReference.expression)
    ) {
      out.push(node.moduleReference.expression.text);
    } else if (
      t.isCallExpression(node) &&
      node.expression.kind === t.SyntaxKind.ImportKeyword &&
      node.arguments[0] !== undefined &&
      t.isStringLiteralLike(node.arguments[0])
    ) {
      out.push(node.arguments[0].text);
    } else if (
      t.isImportTypeNode(node) &&
      t.isLiteralTypeNode(node.argument) &&
      t.isStringLiteral(node.argument.literal)
    ) {
      out.push(node.argument.literal.text);
    }
    t.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** The graph of the `.ts` files under `dir` (relative to `root`); package imports are left out. */
export function importGraph(root: string, dir: string): ImportGraph {
  const files = tsFiles(resolve(root, dir));
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  const rel = (f: string) => relative(root, f).split("\\").join("/");
  for (const file of files) {
    const targets: string[] = [];
    for (const spec of importSpecifiers(file, readFileSync(file, "utf8"))) {
      if (!spec.startsWith(".")) continue;
      const base = resolve(dirname(file), spec);
      const candidate = [base.replace(/\.js$/, ".ts"), `${base}.ts`, join(base, "index.ts")].find((c) => known.has(c));
      if (candidate && !targets.includes(rel(candidate))) targets.push(rel(candidate));
    }
    graph.set(rel(file), targets);
  }
  return graph;
}

/**
 * Every import circle: one per strongly connected component with more than one file (or a
 * file importing itself), shown as a closed path `a → b → … → a` through that component.
 */
export function importCycles(graph: ImportGraph): string[][] {
  // Tarjan's strongly connected components, iterative over a sorted node list (deterministic).
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const strongConnect = (v: string): void => {
    indices.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indices.has(w)) {
        strongConnect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) components.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!indices.has(v)) strongConnect(v);
  return components
    .map((c) => cycleThrough(graph, new Set(c), c[0]!))
    .sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
}

/** A shortest closed path from `start` back to itself inside `members` (breadth-first). */
function cycleThrough(graph: ImportGraph, members: ReadonlySet<string>, start: string): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (!members.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let at = v; at !== start; at = previous.get(at)!) path.splice(1, 0, at);
        return [...path, start];
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

/** Every file `from` reaches through imports (not itself unless in a circle). */
export function reachable(graph: ImportGraph, from: string): Set<string> {
  const seen = new Set<string>();
  const todo = [...(graph.get(from) ?? [])];
  while (todo.length) {
    const v = todo.pop()!;
    if (seen.has(v)) continue;
    seen.add(v);
    todo.push(...(graph.get(v) ?? []));
  }
  return seen;
}
