/** Pieces the train, eval and predict commands share: argument parsing, reading models, exit codes for failures. */
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { readProjectFile } from '../../engine/project';
import type { ModelDocument } from '../../engine/model';
import type { ErrorMessage, RequestFailedMessage } from '../../engine/training/protocol';
import { parseTrainedModel } from '../../engine/training/trainedFile';
import type { TrainedFile } from '../../engine/training/trainedFile';
import { EXIT, type CliIo } from '../command';
import { CliError } from '../errors';
import { sanitizeText } from '../text';

/** A problem with the command line or a file that cannot be read: printed by main.ts, then exit code 2. */
export class UsageError extends CliError {
  constructor(message: string, hint?: string) {
    super(message, EXIT.failure, hint);
    this.name = 'UsageError';
  }
}

/** node:util's parseArgs with its errors turned into UsageErrors that name the command. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(command: string, args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`netwright ${command}: ${(error as Error).message}`);
  }
}

/** A whole number ≥ min from an option, or undefined when absent. */
export function intOption(command: string, name: string, value: string | undefined, min = 1): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`netwright ${command}: --${name} must be a whole number ≥ ${min}, not '${value}'.`);
  return n;
}

/** A positive number from an option, or undefined when absent. */
export function positiveOption(command: string, name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(Number.isFinite(n) && n > 0)) throw new UsageError(`netwright ${command}: --${name} must be a positive number, not '${value}'.`);
  return n;
}

async function readBytes(command: string, file: string, io: CliIo): Promise<Uint8Array> {
  try {
    return io.readBytes ? await io.readBytes(file) : new TextEncoder().encode(await io.readTextFile(file));
  } catch (error) {
    throw readError(command, file, error);
  }
}

function readError(command: string, file: string, error: unknown): UsageError {
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'the file does not exist' : code === 'EISDIR' ? 'it is a folder, not a file' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
  return new UsageError(`netwright ${command}: cannot read ${file}: ${why}.`);
}

async function readText(command: string, file: string, io: CliIo): Promise<string> {
  try {
    return await io.readTextFile(file);
  } catch (error) {
    throw readError(command, file, error);
  }
}

/** A model document from a file; an invalid one is reported and yields null (exit code 1). */
export async function readModelDocument(command: string, file: string, io: CliIo): Promise<ModelDocument | null> {
  // A project file is JSON, or an archive that also holds its runs: the app's reader takes both.
  const parsed = readProjectFile(await readBytes(command, file, io), file);
  if (!parsed.ok) {
    io.err(sanitizeText(`netwright ${command}: ${parsed.message}`));
    return null;
  }
  return parsed.doc;
}

/** A trained-model file; an unusable one is reported and yields null (exit code 1). */
export async function readTrainedFile(command: string, file: string, io: CliIo): Promise<TrainedFile | null> {
  const text = await readText(command, file, io);
  try {
    return parseTrainedModel(text);
  } catch (error) {
    io.err(sanitizeText(`netwright ${command}: ${file}: ${(error as Error).message}`));
    return null;
  }
}

/** Prints a run's or request's failure with its hint; returns the exit code (1: the input is at fault, 2: it could not run). */
export function reportFailure(command: string, failure: ErrorMessage | RequestFailedMessage, io: CliIo): number {
  io.err(sanitizeText(`netwright ${command}: ${failure.message}`));
  if (failure.hint) io.err(sanitizeText(`hint: ${failure.hint}`));
  if (failure.type === 'error' && (failure.code === 'internal' || failure.code === 'crashed' || failure.code === 'protocol')) return EXIT.failure;
  return EXIT.invalid;
}
