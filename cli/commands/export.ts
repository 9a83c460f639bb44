/**
 * `netwright export <trained> --format model-json|tfjs|onnx|pytorch|keras --out <dir>`: writes a trained
 * model (a Netwright model JSON) in another runtime's format. Layers the format cannot express are
 * named before anything is written; the files are staged and moved into place together, so a failed or
 * killed export leaves the previous output as it was.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { OutputLocationError, checkOutputFolder, writeFilesAtomic } from '../../engine/io/atomicFile';
import { EXPORT_FORMATS, exportModel, FORMAT_INFO, FORMAT_LABELS, InteropError, parseModelJson } from '../../engine/interop';
import type { ExportFormat } from '../../engine/interop';
import { EXIT, type CliCommand, type CliIo } from '../command';
import { outputLocationError } from '../errors';
import { sanitizeText } from '../text';

const USAGE = `<trained.json> --format ${EXPORT_FORMATS.join('|')} --out <dir>`;

/** Reads `--name value` options and positional arguments. */
export function parseOptions(args: string[], known: string[]): { positional: string[]; options: Record<string, string>; error?: string } {
  const positional: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split('=', 2);
    if (!known.includes(name)) return { positional, options, error: `unknown option --${name}` };
    const value = inline ?? args[++i];
    if (value === undefined) return { positional, options, error: `--${name} needs a value` };
    options[name] = value;
  }
  return { positional, options };
}

async function runExport(args: string[], io: CliIo): Promise<number> {
  const { positional, options, error } = parseOptions(args, ['format', 'out']);
  if (error || positional.length !== 1 || !options.format || !options.out) {
    io.err(`netwright export: ${error ?? 'give one trained model, --format and --out'}.`);
    io.err(`Usage: netwright export ${USAGE}`);
    return EXIT.failure;
  }
  const format = options.format as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) {
    io.err(`netwright export: unknown format "${options.format}"; choose one of ${EXPORT_FORMATS.join(', ')}.`);
    return EXIT.failure;
  }
  try {
    await checkOutputFolder(options.out);
  } catch (err) {
    if (err instanceof OutputLocationError) throw outputLocationError('export', err);
    throw err;
  }
  let text: string;
  try {
    text = await io.readTextFile(positional[0]);
  } catch (err) {
    io.err(sanitizeText(`netwright export: cannot read ${positional[0]}: ${(err as Error).message}`));
    return EXIT.failure;
  }
  let files;
  try {
    const model = parseModelJson(text);
    files = exportModel(model, format);
  } catch (err) {
    if (err instanceof InteropError || err instanceof SyntaxError) {
      io.err(sanitizeText(`netwright export: ${err.message}`));
      io.err('Nothing was written.');
      return EXIT.invalid;
    }
    throw err;
  }
  // Staged and moved into place whole: an export that fails partway leaves nothing behind.
  await writeFilesAtomic(options.out, files);
  for (const file of files) io.out(`wrote ${path.join(options.out, file.path)}`);
  const info = FORMAT_INFO[format];
  io.out(`${FORMAT_LABELS[format]} keeps: ${info.keeps.join('; ')}.`);
  if (info.drops.length) io.out(`Not kept: ${info.drops.join('; ')}.`);
  return EXIT.ok;
}

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Write a trained model as model JSON, TensorFlow.js, ONNX, PyTorch or Keras.',
  usage: USAGE,
  run: runExport,
};

/** Reads a binary file (exported for the import command). */
export async function readBinary(file: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(file));
}
