/**
 * Handlebars for targets, configured once: `noEscape` (HTML escaping would corrupt
 * TypeScript and Markdown), `strict` (a missing field is an error, not an empty string),
 * `knownHelpersOnly` (a typo in a helper name fails at compile time). Data reaching a
 * template should be escaped by the target (e.g. through the `json` helper) — handlebars
 * does not check helper arguments.
 *
 * A user overrides a template by putting a file of the same name in
 * `<config.templates>/<target name>/`; every template of the folder is also a partial.
 */
import type HandlebarsNs from "handlebars";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { LogpactError } from "../errors.js";
import { join } from "node:path";
import { lazyRequire } from "../util/lazy-require.js";
import type { RenderContext } from "./types.js";

export type Helper = (...args: never[]) => unknown;

/**
 * Handlebars, loaded on first render: `logpact docs check` imports the markdown renderer for
 * the in-place sections but renders only when a checked doc has one.
 */
const Handlebars = lazyRequire<typeof HandlebarsNs>("handlebars");

/** Helpers every target gets. */
const BASE_HELPERS: Record<string, Helper> = {
  /** JSON literal of a value: safe for TS/JS string literals and JSON. */
  json: ((value: unknown) => JSON.stringify(value)) as Helper,
  eq: ((a: unknown, b: unknown) => a === b) as Helper,
  join: ((list: unknown, sep: unknown) =>
    Array.isArray(list) ? list.join(typeof sep === "string" ? sep : ", ") : "") as Helper,
};

export interface TemplateSet {
  /** Renders `<name>.hbs` with `data`. */
  render(name: string, data: object): string;
}

/** The bundled templates' text: they ship with logpact and never change while it runs. */
const cache = new Map<string, string>();
function readBundled(path: string): string {
  let text = cache.get(path);
  if (text === undefined) {
    text = readFileSync(path, "utf8");
    cache.set(path, text);
  }
  return text;
}

/**
 * Template sets made of bundled templates only, by helpers object, then target and folder: a
 * process that renders many times (watch mode, tests running the CLI in-process) compiles
 * them once. A set with a user's override is never kept (an edit must show on the next run).
 */
const bundledSets = new WeakMap<object, Map<string, TemplateSet>>();
const NO_HELPERS = {};

/**
 * Loads a target's templates from `bundledDir` (beside the target's code), letting files in
 * the user's override folder win by name.
 */
export function loadTemplates(
  targetName: string,
  bundledDir: string,
  ctx: Pick<RenderContext<unknown>, "templatesDir">,
  helpers: Record<string, Helper> = NO_HELPERS,
): TemplateSet {
  const overrideDir = ctx.templatesDir ? join(ctx.templatesDir, targetName) : undefined;
  const overrides = overrideDir && existsSync(overrideDir) && readdirSync(overrideDir).some((f) => f.endsWith(".hbs"));
  if (overrides) return compileTemplates(targetName, bundledDir, overrideDir, helpers);
  let byTarget = bundledSets.get(helpers);
  if (!byTarget) bundledSets.set(helpers, (byTarget = new Map()));
  const key = `${targetName}\0${bundledDir}`;
  let set = byTarget.get(key);
  if (!set) byTarget.set(key, (set = compileTemplates(targetName, bundledDir, undefined, helpers)));
  return set;
}

function compileTemplates(
  targetName: string,
  bundledDir: string,
  overrideDir: string | undefined,
  helpers: Record<string, Helper>,
): TemplateSet {
  const hb = Handlebars().create();
  const allHelpers = { ...BASE_HELPERS, ...helpers };
  for (const [name, fn] of Object.entries(allHelpers)) hb.registerHelper(name, fn as HandlebarsNs.HelperDelegate);
  const knownHelpers = Object.fromEntries(Object.keys(allHelpers).map((k) => [k, true]));

  const names = new Set(readdirSync(bundledDir).filter((f) => f.endsWith(".hbs")));
  if (overrideDir && existsSync(overrideDir))
    for (const f of readdirSync(overrideDir)) if (f.endsWith(".hbs")) names.add(f);
  const overridden = (file: string): string | undefined => {
    const override = overrideDir ? join(overrideDir, file) : undefined;
    return override && existsSync(override) ? override : undefined;
  };
  // A user's override is read afresh on every load: a long-running process (watch mode,
  // tests running the CLI in-process) must see an edit made between two runs.
  const sourceOf = (file: string): string => {
    const override = overridden(file);
    return override ? readFileSync(override, "utf8") : readBundled(join(bundledDir, file));
  };
  const options = { noEscape: true, strict: true, knownHelpersOnly: true, knownHelpers } as const;
  // A user's template that does not parse, names an unknown helper or a missing value is the
  // user's to fix: exit 2 naming the file (handlebars compiles lazily, so this wraps rendering).
  const userOverrides = [...names].map(overridden).filter((p): p is string => p !== undefined);
  const guard = <T>(name: string, fn: () => T): T => {
    try {
      return fn();
    } catch (e) {
      if (userOverrides.length === 0 || e instanceof LogpactError) throw e;
      const own = overridden(`${name}.hbs`);
      const where = own ?? `one of your template overrides (${userOverrides.join(", ")})`;
      const message = (e instanceof Error ? e.message : String(e)).split("\n").slice(0, 4).join("\n    ");
      throw new LogpactError(
        `logpact: template ${where} failed while rendering ${targetName}/${name}.hbs:\n    ${message}\n  fix: correct the template (helpers: ${Object.keys(allHelpers).sort().join(", ")}), or delete it to use the bundled one`,
      );
    }
  };
  for (const file of names) hb.registerPartial(file.slice(0, -4), hb.compile(sourceOf(file), options));
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  return {
    render(name, data) {
      return guard(name, () => {
        let t = compiled.get(name);
        if (!t) {
          t = hb.compile(sourceOf(`${name}.hbs`), options);
          compiled.set(name, t);
        }
        return t(data);
      });
    },
  };
}
