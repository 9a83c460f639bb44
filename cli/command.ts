/** The small command framework of the `netwright` CLI: commands register here and share one I/O surface. */

/** Exit codes every command uses. */
export const EXIT = {
  ok: 0,
  /** The input is at fault: an invalid model, data that does not fit, a file whose content is wrong. */
  invalid: 1,
  /** The environment is: bad arguments, a missing or unreadable file, an output that cannot be written, an internal error. */
  failure: 2,
} as const;

/** What commands may do to the outside world; the real one is in main.ts, tests pass their own. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  readTextFile(path: string): Promise<string>;
  /** A file's bytes (project files may be archives); absent: the text is read and encoded. */
  readBytes?(path: string): Promise<Uint8Array>;
}

export interface CliCommand {
  name: string;
  /** One line for `netwright help`. */
  summary: string;
  /** Argument synopsis after the command name, e.g. "<file>". */
  usage: string;
  /** Lines printed by `netwright <command> --help` after the synopsis, e.g. one per option. */
  help?: string[];
  run(args: string[], io: CliIo): Promise<number>;
}

/** Commands by name, in the order they were registered. */
export class CommandRegistry {
  private readonly commands = new Map<string, CliCommand>();

  /** Adds a command; names are unique. */
  register(command: CliCommand): this {
    if (this.commands.has(command.name)) throw new Error(`Command "${command.name}" is registered twice.`);
    this.commands.set(command.name, command);
    return this;
  }

  get(name: string): CliCommand | undefined {
    return this.commands.get(name);
  }

  list(): CliCommand[] {
    return [...this.commands.values()];
  }
}
