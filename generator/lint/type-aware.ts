/**
 * The opt-in type-aware fallback (`lint.typeAware` / `--type-aware`). Only calls the
 * syntax pass could not settle reach it: a `.info(…)` on a receiver no callee glob
 * matches (is its type pino's `Logger` / `BaseLogger`?), and an `event` expression the
 * resolver could not follow (is its type a string literal?). One ts-morph Project (the
 * project's tsconfig.json when there is one) is built for the files concerned.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Project, ts } from "ts-morph";
import type { FileDone, FileScan, LogCall } from "./types.js";

const LOGGER_TYPES = new Set(["Logger", "BaseLogger"]);

/** Resolves the pending parts of calls; calls on receivers that are not pino loggers are dropped. */
export function resolveWithTypes<T extends FileScan | FileDone>(root: string, scans: readonly T[]): T[] {
  const pendingFiles = scans.filter((s): s is T & FileScan => !("done" in s) && s.calls.some((c) => c.pending));
  if (pendingFiles.length === 0) return [...scans];
  const tsconfig = join(root, "tsconfig.json");
  const project = existsSync(tsconfig)
    ? new Project({ tsConfigFilePath: tsconfig, skipAddingFilesFromTsConfig: true })
    : new Project({
        compilerOptions: {
          allowJs: true,
          target: ts.ScriptTarget.ES2022,
          module: ts.ModuleKind.NodeNext,
          moduleResolution: ts.ModuleResolutionKind.NodeNext,
          strict: true,
          skipLibCheck: true,
          noEmit: true,
        },
      });
  for (const s of pendingFiles) project.addSourceFileAtPathIfExists(join(root, s.file));
  const program = project.getProgram().compilerObject;
  const checker = program.getTypeChecker();

  return scans.map((scan) => {
    if ("done" in scan || !scan.calls.some((c) => c.pending)) return scan;
    const sf = program.getSourceFile(join(root, scan.file));
    const calls: LogCall[] = [];
    for (const call of scan.calls) {
      if (!call.pending) {
        calls.push(call);
        continue;
      }
      const { pending, ...rest } = call;
      if (!sf) {
        // The checker could not load the file: keep what the syntax pass knew only for matched receivers.
        if (!pending.receiver) calls.push(rest);
        continue;
      }
      if (pending.receiver) {
        const node = nodeAt(sf, pending.receiver.pos, pending.receiver.end);
        if (!node || !isPinoLogger(checker, checker.getTypeAtLocation(node))) continue;
      }
      let resolved: LogCall = rest;
      if (pending.event && rest.event && rest.event.value === undefined) {
        const node = nodeAt(sf, pending.event.pos, pending.event.end);
        const type = node ? checker.getTypeAtLocation(node) : undefined;
        if (type?.isStringLiteral()) {
          const { why: _why, ...event } = rest.event;
          resolved = { ...rest, event: { ...event, value: type.value } };
        }
      }
      calls.push(resolved);
    }
    return { ...scan, calls } as T;
  });
}

/** The node spanning exactly [pos, end) (start without trivia). */
function nodeAt(sf: ts.SourceFile, pos: number, end: number): ts.Node | undefined {
  let found: ts.Node | undefined;
  const visit = (n: ts.Node): void => {
    if (found || n.end < pos || n.pos > end) return;
    if (n.end === end && n.getStart(sf) === pos) {
      found = n;
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

/** True for pino's `Logger` / `BaseLogger` and anything built from them (intersections, interfaces extending them). */
function isPinoLogger(checker: ts.TypeChecker, type: ts.Type, depth = 0): boolean {
  if (depth > 6) return false;
  const symbols = [type.aliasSymbol, type.getSymbol()].filter((s): s is ts.Symbol => s !== undefined);
  for (const s of symbols) {
    if (
      LOGGER_TYPES.has(s.getName()) &&
      (s.getDeclarations() ?? []).some((d) => /[\\/]pino[\\/]/.test(d.getSourceFile().fileName))
    )
      return true;
  }
  if (type.isUnionOrIntersection()) return type.types.some((t) => isPinoLogger(checker, t, depth + 1));
  if (type.isClassOrInterface())
    return (checker.getBaseTypes(type as ts.InterfaceType) ?? []).some((t) => isPinoLogger(checker, t, depth + 1));
  return false;
}
