/**
 * `netwright import <model.json|model.onnx> --out <file>`: reads a TensorFlow.js Layers model (weights
 * from the shards next to it), an ONNX model or a Netwright model JSON, and writes a Netwright model
 * JSON. Every layer that cannot be imported is named in one error.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { importOnnx, importTfjs, InteropError, parseModelJson, serializeModelJson } from '../../engine/interop';
import type { ExportableModel } from '../../engine/interop';
import { EXIT, type CliCommand, type CliIo } from '../command';
import { parseOptions } from './export';
import { plural } from '../../engine/model/plural';

async function readModel(file: string): Promise<ExportableModel> {
  if (file.toLowerCase().endsWith('.onnx')) return importOnnx(new Uint8Array(await readFile(file)), path.basename(file, '.onnx'));
  const json = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  if (json.format === 'netwright-model') return parseModelJson(JSON.stringify(json));
  if (!json.modelTopology) throw new InteropError(`${file} is neither a TensorFlow.js Layers model.json, an ONNX model nor a Netwright model JSON.`);
  const groups = (json.weightsManifest as { paths: string[] }[] | undefined) ?? [];
  const shards: Uint8Array[] = [];
  for (const p of groups.flatMap((g) => g.paths)) {
    try {
      shards.push(new Uint8Array(await readFile(path.join(path.dirname(file), p))));
    } catch {
      throw new InteropError(`The weights file ${p} named in ${file} is missing; keep the .bin shards next to model.json.`);
    }
  }
  const weightData = new Uint8Array(shards.reduce((n, s) => n + s.length, 0));
  let at = 0;
  for (const s of shards) {
    weightData.set(s, at);
    at += s.length;
  }
  return importTfjs(json, weightData);
}

async function runImport(args: string[], io: CliIo): Promise<number> {
  const { positional, options, error } = parseOptions(args, ['out']);
  if (error || positional.length !== 1 || !options.out) {
    io.err(`netwright import: ${error ?? 'give one model file and --out'}.`);
    io.err('Usage: netwright import <model.json|model.onnx> --out <file>');
    return EXIT.failure;
  }
  let model: ExportableModel;
  try {
    model = await readModel(positional[0]);
  } catch (err) {
    if (err instanceof InteropError || err instanceof SyntaxError) {
      io.err(`netwright import: ${err.message}`);
      return EXIT.invalid;
    }
    const code = (err as NodeJS.ErrnoException).code;
    if (code) {
      io.err(`netwright import: cannot read ${positional[0]}: ${(err as Error).message}`);
      return EXIT.failure;
    }
    throw err;
  }
  await writeFile(options.out, serializeModelJson(model));
  const layers = model.document.nodes.length;
  io.out(`wrote ${options.out}: ${plural(layers, 'layer')}, ${plural(Object.keys(model.weights).length, 'weight')}. Open it in Netwright (Auto Layout tidies the canvas).`);
  return EXIT.ok;
}

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'Read a TensorFlow.js model.json or an ONNX model into a Netwright model JSON.',
  usage: '<model.json|model.onnx> --out <file>',
  run: runImport,
};
