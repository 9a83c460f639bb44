/**
 * Every way a command can fail, as the one top-level handler in main.ts prints it: what went wrong,
 * where, and what to do — exit 1 when the input is at fault, 2 when the environment is.
 */
import { OutputLocationError, fileErrorReason } from '../engine/io/atomicFile';
import { EXIT } from './command';
import { sanitizeText } from './text';

/** A failure a command reports on purpose: its message (starting "netwright <command>: "), a hint and an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** The input (a model, a data file, a trained file) is at fault: exit 1. */
export function inputError(command: string, message: string, hint?: string): CliError {
  return new CliError(`netwright ${command}: ${message}`, EXIT.invalid, hint);
}

/** The command cannot run here (arguments, missing files, unwritable outputs): exit 2. */
export function environmentError(command: string, message: string, hint?: string): CliError {
  return new CliError(`netwright ${command}: ${message}`, EXIT.failure, hint);
}

/** The refusal of an output location before any work starts. */
export function outputLocationError(command: string, error: OutputLocationError): CliError {
  return environmentError(command, `cannot write to ${error.location}: ${error.reason}.`, 'Choose a folder you can write to with --out.');
}

function errnoOf(error: unknown): { code: string; path?: string; syscall?: string } | null {
  if (typeof error !== 'object' || error === null || !('code' in error) || typeof (error as { code: unknown }).code !== 'string') return null;
  const e = error as { code: string; path?: unknown; syscall?: unknown };
  if (!/^E[A-Z]+$/.test(e.code)) return null;
  return { code: e.code, path: typeof e.path === 'string' ? e.path : undefined, syscall: typeof e.syscall === 'string' ? e.syscall : undefined };
}

/** What the top-level handler prints for any error, and the exit code. */
export function describeCliError(command: string | undefined, error: unknown): { lines: string[]; exitCode: number } {
  const described = describe(command, error);
  return { lines: described.lines.map(sanitizeText), exitCode: described.exitCode };
}

function describe(command: string | undefined, error: unknown): { lines: string[]; exitCode: number } {
  const prefix = `netwright${command ? ` ${command}` : ''}`;
  if (error instanceof CliError) return { lines: [error.message, ...(error.hint ? [`hint: ${error.hint}`] : [])], exitCode: error.exitCode };
  if (error instanceof OutputLocationError) {
    const described = outputLocationError(command ?? '', error);
    return { lines: [`${prefix}: cannot write to ${error.location}: ${error.reason}.`, `hint: ${described.hint}`], exitCode: EXIT.failure };
  }
  const errno = errnoOf(error);
  if (errno) {
    const writing = /write|open|rename|mkdir|fsync|close|chmod/.test(errno.syscall ?? '');
    const where = errno.path ? ` ${errno.path}` : '';
    return {
      lines: [`${prefix}: cannot ${writing ? 'write' : 'use'}${where}: ${fileErrorReason(error)}.`, 'hint: Check the path, its permissions and the free space, then run the command again.'],
      exitCode: EXIT.failure,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    lines: [`${prefix}: unexpected error: ${message}`, 'hint: Run the command again with --debug to see where it happened, and report it with the files involved.'],
    exitCode: EXIT.failure,
  };
}
