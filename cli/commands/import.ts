/**
 * `netwright import <model.json|model.onnx> --out <file>`: reads a TensorFlow.js Layers model (weights
 * from the shards next to it), an ONNX model or a Netwright model JSON, and writes a Netwright model
 * JSON. Every layer that cannot be imported is named in one error.
 */
import path from 'node:path';
import { OutputLocationError, checkOutputFile, ensureDirectory, writeFileAtomic } from '../../engine/io/atomicFile';
import { DEFAULT_MAX_WEIGHT_BYTES, importOnnx, importTfjs, InteropError, parseModelJson, serializeModelJson } from '../../engine/interop';
import type { ExportableModel, ImportLimits } from '../../engine/interop';
import { readRegularFile, readTfjsFiles } from '../../engine/interop/nodeFiles';
import { parseJsonText } from '../../engine/model/jsonSyntax';
import { EXIT, type CliCommand, type CliIo } from '../command';
import { outputLocationError } from '../errors';
import { sanitizeText } from '../text';
import { parseOptions } from './export';
import { plural } from '../../engine/model/plural';

/** Reads a model file: only regular files, within the size limit; TF.js shards only from the model's folder. */
async function readModel(file: string, limits: ImportLimits): Promise<ExportableModel> {
  const limit = limits.maxWeightBytes ?? DEFAULT_MAX_WEIGHT_BYTES;
  if (file.toLowerCase().endsWith('.onnx')) {
    const bytes = await readRegularFile(file, limit + 64 * 1024 * 1024, 'ONNX file');
    return importOnnx(bytes, path.basename(file, path.extname(file)), limits);
  }
  // A model JSON carries its weights as base64 (4/3 of their size) inside the document.
  const bytes = await readRegularFile(file, Math.ceil(limit * 1.5) + 64 * 1024 * 1024, 'model file');
  const text = new TextDecoder().decode(bytes);
  const parsed = parseJsonText(text);
  if (!parsed.ok) throw new InteropError(`${file} is not valid JSON: ${parsed.message}`);
  const json = parsed.json as Record<string, unknown> | null;
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new InteropError(`${file} is neither a TensorFlow.js Layers model.json, an ONNX model nor a Netwright model JSON.`);
  if (json.format === 'netwright-model') return parseModelJson(text);
  if (!json.modelTopology) throw new InteropError(`${file} is neither a TensorFlow.js Layers model.json, an ONNX model nor a Netwright model JSON.`);
  const { modelJson, weightData } = await readTfjsFiles(file, limits);
  return importTfjs(modelJson, weightData, limits);
}

const USAGE = '<model.json|model.onnx> --out <file> [--max-weights <MiB>]';

async function runImport(args: string[], io: CliIo): Promise<number> {
  const { positional, options, error } = parseOptions(args, ['out', 'max-weights']);
  if (error || positional.length !== 1 || !options.out) {
    io.err(`netwright import: ${error ?? 'give one model file and --out'}.`);
    io.err(`Usage: netwright import ${USAGE}`);
    return EXIT.failure;
  }
  try {
    await checkOutputFile(options.out);
  } catch (err) {
    if (err instanceof OutputLocationError) throw outputLocationError('import', err);
    throw err;
  }
  const limits: ImportLimits = {};
  if (options['max-weights'] !== undefined) {
    const mib = Number(options['max-weights']);
    if (!Number.isFinite(mib) || mib <= 0) {
      io.err(`netwright import: --max-weights takes a size in MiB (default ${DEFAULT_MAX_WEIGHT_BYTES / 1024 / 1024}), not "${options['max-weights']}".`);
      return EXIT.failure;
    }
    limits.maxWeightBytes = Math.floor(mib * 1024 * 1024);
  }
  let model: ExportableModel;
  try {
    model = await readModel(positional[0], limits);
  } catch (err) {
    if (err instanceof InteropError || err instanceof SyntaxError) {
      io.err(sanitizeText(`netwright import: ${err instanceof SyntaxError ? `${positional[0]} is not valid JSON: ` : ''}${err.message}`));
      return EXIT.invalid;
    }
    const code = (err as NodeJS.ErrnoException).code;
    if (code) {
      io.err(sanitizeText(`netwright import: cannot read ${positional[0]}: ${(err as Error).message}`));
      return EXIT.failure;
    }
    throw err;
  }
  await ensureDirectory(path.dirname(path.resolve(options.out)));
  await writeFileAtomic(options.out, serializeModelJson(model));
  const layers = model.document.nodes.length;
  io.out(`wrote ${options.out}: ${plural(layers, 'layer')}, ${plural(Object.keys(model.weights).length, 'weight')}. Open it in Netwright (Auto Layout tidies the canvas).`);
  return EXIT.ok;
}

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'Read a TensorFlow.js model.json or an ONNX model into a Netwright model JSON.',
  usage: USAGE,
  help: [`  --max-weights <MiB>  refuse models whose weights need more (default ${DEFAULT_MAX_WEIGHT_BYTES / 1024 / 1024})`],
  run: runImport,
};
