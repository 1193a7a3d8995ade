/**
 * The `logpact` command line: argv → command → exit code. Exit 0 clean, 1 findings
 * (stale files, lint or validation findings), 2 usage, config or registry error.
 */
import { Command, CommanderError } from "commander";
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { CommandSpec, Io } from "./commands/types.js";
import { LogpactError } from "./errors.js";
import { writeFailure } from "./util/fs-errors.js";
import { packageVersion } from "./util/version.js";

/**
 * Every command, alphabetised. A command's module is imported only when that command
 * runs (or for `--help`): lint alone pulls in the TypeScript parser, about a second of
 * start-up that `gen` and `validate` should not pay.
 */
export const COMMANDS: Readonly<Record<string, () => Promise<CommandSpec>>> = {
  diff: async () => (await import("./commands/diff.js")).diffCommand,
  docs: async () => (await import("./commands/docs.js")).docsCommand,
  gen: async () => (await import("./commands/gen.js")).genCommand,
  init: async () => (await import("./commands/init.js")).initCommand,
  lint: async () => (await import("./commands/lint.js")).lintCommand,
  validate: async () => (await import("./commands/validate.js")).validateCommand,
};

/** The command named on the command line (skipping global options), if any. */
function commandName(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "-c" || arg === "--config") i++;
    else if (!arg.startsWith("-")) return arg;
  }
  return undefined;
}

const defaultIo: Io = {
  cwd: process.cwd(),
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  isTTY: Boolean(process.stdout.isTTY),
  env: process.env,
  // A getter: touching process.stdin opens it, which only `validate -` should do.
  get stdin() {
    return process.stdin;
  },
};

/**
 * Runs the CLI with `argv` (without node and script) and returns the exit code. Commands
 * read `io` (folder, environment, stdin, where to print), never the process's, so tests
 * run the CLI in-process with their own.
 */
export async function main(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  let exitCode = 0;
  const program = new Command("logpact")
    .description(
      "Log-schema contract registry: generate typed emitters, JSON Schema, docs and alerts from Zod event families, and check code, docs and logs against them.",
    )
    .option(
      "-c, --config <path>",
      "config file (default: logpact.config.{ts,mts,js,mjs,json} or package.json#logpact in the current folder)",
    )
    .version(packageVersion(), "-V, --version", "print logpact's version")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError("(run `logpact --help` for usage)");
  const named = commandName(argv);
  const versionOnly = named === undefined && argv.some((a) => a === "-V" || a === "--version");
  const loaders =
    named !== undefined && Object.hasOwn(COMMANDS, named)
      ? [COMMANDS[named]!]
      : versionOnly
        ? []
        : Object.values(COMMANDS);
  for (const spec of await Promise.all(loaders.map((load) => load()))) {
    const cmd = spec.configure(program.command(spec.name).description(spec.summary)).exitOverride();
    // A command may declare actions as subcommands (`docs check`), each with its own
    // --help; run() gets the action name first, as if it were an argument.
    for (const leaf of [cmd, ...cmd.commands]) {
      leaf.exitOverride().action(async (...params: unknown[]) => {
        const command = params[params.length - 1] as Command;
        const args = leaf === cmd ? command.args : [leaf.name(), ...command.args];
        exitCode = await spec.run(args, { ...program.opts(), ...cmd.opts(), ...command.opts() }, io);
      });
    }
  }
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return 2;
    }
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version are "errors" to commander; they are successes to a user.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof LogpactError) {
      io.stderr(`${e.message}\n`);
      return e.exitCode;
    }
    // The file system said no (permissions, a full disk, a file where a folder should be):
    // the user's environment, not a bug. Exit 2 with the path and the cause.
    const errno = e as NodeJS.ErrnoException;
    if (e instanceof Error && typeof errno.code === "string" && typeof errno.syscall === "string") {
      io.stderr(`${writeFailure(errno.syscall, errno.path ?? "(unknown path)", e).message}\n`);
      return 2;
    }
    io.stderr(
      `logpact: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\nThis is a bug in logpact; please report it with the command you ran.\n`,
    );
    return 3;
  }
}

// Run when executed directly (`tsx generator/cli.ts`); the published bin imports main().
const invokedDirectly =
  process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  process.exitCode = await main(process.argv.slice(2));
}
