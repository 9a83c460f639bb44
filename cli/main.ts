/** The `netwright` command line: dispatches to registered subcommands. */
import { readFile } from 'node:fs/promises';
import { CommandRegistry, EXIT, type CliIo } from './command';
import { validateCommand } from './commands/validate';
import { exportCommand } from './commands/export';
import { importCommand } from './commands/import';
import { trainCommand } from './commands/train';
import { evalCommand } from './commands/evaluate';
import { predictCommand } from './commands/predict';
import { describeCliError } from './errors';
import { sanitizeLines } from './text';

/** Every subcommand the CLI knows. New commands (train, eval, predict, export) register here. */
export const commands = new CommandRegistry().register(validateCommand).register(trainCommand).register(evalCommand).register(predictCommand).register(exportCommand).register(importCommand);

const GLOBAL_HELP = ['Every command also takes:', '  --debug              print the stack trace of an unexpected error'];

function printHelp(out: (line: string) => void): void {
  out('Usage: netwright <command> [arguments]');
  out('');
  out('Commands:');
  const entries = [...commands.list().map((c) => [`${c.name} ${c.usage}`, c.summary]), ['help', 'Show this help.']];
  const width = Math.max(...entries.map(([synopsis]) => synopsis.length));
  for (const [synopsis, summary] of entries) out(`  ${synopsis.padEnd(width)}  ${summary}`);
  out('');
  for (const line of GLOBAL_HELP) out(line);
}

/** Options that apply to every command. */
export interface CliOptions {
  /** Print stack traces of unexpected errors (`--debug` anywhere on the command line). */
  debug?: boolean;
}

/**
 * Runs the CLI with `argv` (without node and script) and returns the exit code. This is the one place
 * that turns failures into messages: everything a command prints passes through the sanitiser, and
 * every error ends as a short message with exit 1 (the input is at fault) or 2 (the environment is);
 * stack traces only with --debug.
 */
export async function runCli(argv: string[], rawIo: CliIo, options: CliOptions = {}): Promise<number> {
  const debug = options.debug === true || argv.includes('--debug');
  const io: CliIo = {
    out: (line) => rawIo.out(sanitizeLines(line)),
    err: (line) => rawIo.err(sanitizeLines(line)),
    readTextFile: (path) => rawIo.readTextFile(path),
    readBytes: async (path) => (rawIo.readBytes ? rawIo.readBytes(path) : new TextEncoder().encode(await rawIo.readTextFile(path))),
  };
  const [name, ...args] = argv.filter((a) => a !== '--debug');
  try {
    if (!name || name === 'help' || name === '--help' || name === '-h') {
      printHelp(name ? io.out : io.err);
      return name ? EXIT.ok : EXIT.failure;
    }
    const command = commands.get(name);
    if (!command) {
      io.err(`netwright: unknown command "${name}".`);
      printHelp(io.err);
      return EXIT.failure;
    }
    if (args.includes('--help') || args.includes('-h')) {
      io.out(`Usage: netwright ${command.name} ${command.usage}`);
      io.out(command.summary);
      for (const line of command.help ?? []) io.out(line);
      io.out('');
      for (const line of GLOBAL_HELP) io.out(line);
      return EXIT.ok;
    }
    return await command.run(args, io);
  } catch (error) {
    return reportError(name && commands.get(name) ? name : undefined, error, io, debug);
  }
}

function reportError(command: string | undefined, error: unknown, io: CliIo, debug: boolean): number {
  const { lines, exitCode } = describeCliError(command, error);
  for (const line of lines) io.err(line);
  if (debug && error instanceof Error && error.stack) io.err(error.stack);
  return exitCode;
}

/** The process entry point used by bin/netwright.mjs. */
export async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  // `netwright validate x | head` closes the pipe early; that is not an error worth a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  const io: CliIo = {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    readTextFile: (path) => readFile(path, 'utf8'),
    readBytes: async (path) => new Uint8Array(await readFile(path)),
  };
  // Whatever escapes a command (a rejected promise nobody awaited) still ends as a message.
  const debug = argv.includes('--debug');
  const last = (error: unknown) => {
    process.exitCode = reportError(argv.find((a) => commands.get(a)), error, io, debug);
    process.exit();
  };
  process.on('uncaughtException', last);
  process.on('unhandledRejection', last);
  process.exitCode = await runCli(argv, io, { debug });
}
