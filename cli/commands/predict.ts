/**
 * `netwright predict <trained.json> <input>`: predictions for raw samples — a CSV of feature rows
 * (a header is allowed; a column named like the training target is ignored) or a JSON array of
 * samples (each a flat or nested array of numbers). Prints the class and its probabilities, or the value.
 */
import path from 'node:path';
import { DatasetError } from '../../engine/data';
import { parseCsv, parseNumber } from '../../engine/data/csv';
import { compileGraph } from '../../engine/model';
import { modelEnds } from '../../engine/training/fit';
import { EXIT, type CliCommand, type CliIo } from '../command';
import { inputError } from '../errors';
import { sanitizeText } from '../text';
import { UsageError, parseCommandArgs, readTrainedFile, reportFailure } from '../training/common';
import { cliDatasetResolver } from '../training/datasetArgs';
import { LocalTrainingChannel } from '../training/localChannel';
import { plural } from '../../engine/model/plural';

const USAGE = '<trained.json> <input.csv|input.json> [--json]';

/** Samples from a JSON array; throws an input error (exit 1) naming the sample that is wrong. */
function samplesFromJson(text: string, size: number, file: string): number[][] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw inputError('predict', `${file} is not JSON: ${(error as Error).message}`, 'Give a JSON array of samples, e.g. [[0.1, 0.2], [0.3, 0.4]].');
  }
  if (!Array.isArray(json)) throw inputError('predict', `${file} must hold a JSON array of samples.`, 'Give a JSON array of samples, e.g. [[0.1, 0.2], [0.3, 0.4]].');
  // One flat sample of the right size is accepted as a single sample.
  const list = json.length === size && json.every((v) => typeof v === 'number') ? [json] : json;
  return list.map((sample, i) => {
    const flat = Array.isArray(sample) ? (sample as unknown[]).flat(Infinity) : [sample];
    if (flat.length !== size || !flat.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      throw inputError('predict', `${file}, sample ${i + 1}: expected ${size} numbers, found ${plural(flat.length, 'value')}${flat.every((v) => typeof v === 'number' && Number.isFinite(v)) ? '' : ' that are not all finite numbers'}.`, `Each sample needs ${size} numbers, in the order of the model's Input.`);
    }
    return flat as number[];
  });
}

/** Samples from CSV rows; the training target's column, when named in the header, is dropped. */
function samplesFromCsv(text: string, size: number, file: string, target: string | undefined): number[][] {
  let table: ReturnType<typeof parseCsv>;
  try {
    table = parseCsv(text);
  } catch (error) {
    if (error instanceof DatasetError) throw inputError('predict', `${file}: ${error.message}`, error.hint || undefined);
    throw error;
  }
  const skip = table.hasHeader && target ? table.columns.indexOf(target) : -1;
  return table.rows.map((row, r) => {
    const fields = row.filter((_, c) => c !== skip);
    if (fields.length !== size) throw inputError('predict', `${file}, line ${table.lines[r]}: expected ${size} values, found ${fields.length}.`, `Each row needs ${size} numbers, in the order of the model's Input (a column named like the training target is skipped).`);
    return fields.map((field, c) => {
      const v = parseNumber(field);
      if (v === null || !Number.isFinite(v)) throw inputError('predict', `${file}, line ${table.lines[r]}, column ${c + 1}: '${field.trim()}' is not a finite number.`);
      return v;
    });
  });
}

async function predict(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('predict', args, { json: { type: 'boolean' } });
  if (positionals.length !== 2) throw new UsageError(`Usage: netwright predict ${USAGE}`);
  const [modelFile, inputFile] = positionals;
  const trained = await readTrainedFile('predict', modelFile, io);
  if (!trained) return EXIT.invalid;
  const compiled = compileGraph(trained.document);
  if (!compiled.ok) {
    io.err(`netwright predict: ${modelFile}: the model has errors; open it with "netwright validate".`);
    return EXIT.invalid;
  }
  const { inputShape, loss } = modelEnds(compiled.program);
  const size = inputShape.reduce((a, b) => a * b, 1);
  let text: string;
  try {
    text = await io.readTextFile(inputFile);
  } catch (error) {
    throw new UsageError(`netwright predict: cannot read ${inputFile}: ${(error as Error).message}`);
  }
  const target = trained.document.training.dataset.options.target;
  const samples = /\.json$/i.test(inputFile) ? samplesFromJson(text, size, inputFile) : samplesFromCsv(text, size, inputFile, typeof target === 'string' ? target : undefined);
  if (samples.length === 0) throw inputError('predict', `${inputFile} holds no samples.`, 'Give at least one row (CSV) or one sample (JSON).');

  const channel = new LocalTrainingChannel(cliDatasetResolver());
  try {
    const inputs = Float32Array.from(samples.flat());
    const answer = await channel.request({ type: 'predict', requestId: 'predict', model: trained, inputs, count: samples.length });
    if (answer.type === 'requestFailed') return reportFailure('predict', answer, io);
    if (answer.type !== 'prediction') throw new Error(`Unexpected answer ${answer.type}.`);
    const bad = answer.outputs.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      throw inputError(
        'predict',
        `${path.basename(modelFile)} predicts ${answer.outputs[bad]} for sample ${Math.floor(bad / answer.outputWidth) + 1}: its outputs are not finite numbers.`,
        'Check that sample\'s values against the training data; if every sample gives this, the weights have diverged: train again with a lower learning rate.',
      );
    }
    const regression = loss === 'meanSquaredError' || loss === 'meanAbsoluteError' || loss === 'huber';
    const classes = trained.info.classes ?? [];
    const rows = samples.map((_, i) => {
      const out = Array.from(answer.outputs.subarray(i * answer.outputWidth, (i + 1) * answer.outputWidth), (v) => Number(v.toPrecision(6)));
      if (regression) return { value: out.length === 1 ? out[0] : out };
      const probabilities = out.length === 1 ? [1 - out[0], out[0]] : out;
      const best = probabilities.indexOf(Math.max(...probabilities));
      return { class: classes[best] ?? String(best), classIndex: best, probabilities: probabilities.map((p) => Number(p.toPrecision(6))) };
    });
    if (values.json) {
      io.out(JSON.stringify(rows, null, 2));
      return EXIT.ok;
    }
    rows.forEach((row, i) => {
      if ('value' in row) io.out(`${i + 1}: ${JSON.stringify(row.value)}`);
      else {
        const names = row.probabilities.map((p, c) => `${sanitizeText(classes[c] ?? String(c))}: ${(p * 100).toFixed(1)}%`).join(', ');
        io.out(`${i + 1}: ${sanitizeText(row.class)} (${(row.probabilities[row.classIndex] * 100).toFixed(1)}%)  [${names}]`);
      }
    });
    return EXIT.ok;
  } finally {
    await channel.dispose();
  }
}

export const predictCommand: CliCommand = {
  name: 'predict',
  summary: 'Predict with a trained model for samples in a CSV or JSON file.',
  usage: USAGE,
  run: predict,
};
