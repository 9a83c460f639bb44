/** The `netwright` command line: dispatches to registered subcommands. */
import { readFile } from 'node:fs/promises';
import { CommandRegistry, EXIT, type CliIo } from './command';
import { validateCommand } from './commands/validate';
import { exportCommand } from './commands/export';
import { importCommand } from './commands/import';
import { trainCommand } from './commands/train';
import { evalCommand } from './commands/evaluate';
import { predictCommand } from './commands/predict';

/** Every subcommand the CLI knows. New commands (train, eval, predict, export) register here. */
export const commands = new CommandRegistry().register(validateCommand).register(trainCommand).register(evalCommand).register(predictCommand).register(exportCommand).register(importCommand);

function printHelp(out: (line: string) => void): void {
  out('Usage: netwright <command> [arguments]');
  out('');
  out('Commands:');
  const entries = [...commands.list().map((c) => [`${c.name} ${c.usage}`, c.summary]), ['help', 'Show this help.']];
  const width = Math.max(...entries.map(([synopsis]) => synopsis.length));
  for (const [synopsis, summary] of entries) out(`  ${synopsis.padEnd(width)}  ${summary}`);
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
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
    return EXIT.ok;
  }
  return command.run(args, io);
}

/** The process entry point used by bin/netwright.mjs. */
export async function main(): Promise<void> {
  // `netwright validate x | head` closes the pipe early; that is not an error worth a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  const io: CliIo = {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    readTextFile: (path) => readFile(path, 'utf8'),
  };
  try {
    process.exitCode = await runCli(process.argv.slice(2), io);
  } catch (err) {
    io.err(`netwright: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exitCode = EXIT.failure;
  }
}
