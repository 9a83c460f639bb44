/**
 * `netwright train <model.json> --out <dir>`: trains in-process with the app's own session and loop,
 * then writes <dir>/model.json (the trained-model file) and <dir>/metrics.json together, atomically.
 * `--out` is checked before training starts. Every ending keeps the best weights so far — a NaN loss,
 * Ctrl-C, SIGTERM — and metrics.json says which ending it was. Exit 0 when completed, 130/143 when
 * stopped by Ctrl-C/SIGTERM, 1 when the model or the data is at fault (invalid graph, shape mismatch,
 * diverging loss), 2 when the command cannot run (arguments, files, outputs).
 */
import path from 'node:path';
import { OutputLocationError, checkOutputFolder, writeFilesAtomic } from '../../engine/io/atomicFile';
import { compileGraph } from '../../engine/model';
import type { ModelDocument } from '../../engine/model';
import type { DoneMessage, ErrorMessage, EvaluationMessage, TrainedModel } from '../../engine/training/protocol';
import { TRAINING_PROTOCOL_VERSION } from '../../engine/training/protocol';
import { serializeTrainedModel } from '../../engine/training/trainedFile';
import { weightShapesOf } from '../../engine/training/weightShapes';
import { EXIT, type CliCommand, type CliIo } from '../command';
import { outputLocationError } from '../errors';
import { sanitizeText } from '../text';
import { UsageError, intOption, parseCommandArgs, positiveOption, readModelDocument, reportFailure } from '../training/common';
import { DatasetArgumentError, cliDatasetResolver, datasetSpecFromArgs, isCsvName } from '../training/datasetArgs';
import { FINE_TUNE_HELP, FINE_TUNE_OPTIONS, fineTuneFromArgs } from '../training/fineTune';
import { LocalTrainingChannel } from '../training/localChannel';
import { epochLine, progressBar } from '../training/progress';
import { RunSignals, metricsFile, runEnd, runExitCode, type RunEnd } from '../training/runOutcome';
import { formatTestMetrics, testMetrics, type TestMetrics } from '../training/testMetrics';
import { plural } from '../../engine/model/plural';

const USAGE = '<model.json> --out <dir> [--dataset <name|file.csv>] [options]';
const HELP = [
  '',
  'Options (each overrides the model file\'s training settings):',
  '  --out <dir>          where model.json (the trained model) and metrics.json go (required)',
  '  --dataset <name>     a built-in dataset (mnist, fashion-mnist, iris, wine, breast-cancer, digits, spirals, …) or a .csv file',
  '  --target <column>    CSV only: the column to predict (default: the last one)',
  '  --features a,b,c     CSV only: the input columns (default: all others)',
  '  --epochs N, --batch-size N, --seed N, --lr X',
  ...FINE_TUNE_HELP,
  '',
  'Ctrl-C (or SIGTERM) stops after the current batch and still saves the best weights so far; so does a',
  'run that fails (a NaN loss). metrics.json says how the run ended: status completed, stopped,',
  'interrupted or failed. Exit 0 when completed, 130/143 when stopped by Ctrl-C/SIGTERM, 1 when the',
  'model or data is at fault, 2 when the command cannot run.',
];

/** The document with the command line's training overrides applied; throws UsageError on bad values. */
function withOverrides(doc: ModelDocument, values: Record<string, string | boolean | undefined>): ModelDocument {
  const str = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : undefined);
  const training = { ...doc.training, optimizer: { ...doc.training.optimizer } };
  training.epochs = intOption('train', 'epochs', str('epochs')) ?? training.epochs;
  training.batchSize = intOption('train', 'batch-size', str('batch-size')) ?? training.batchSize;
  training.seed = intOption('train', 'seed', str('seed'), 0) ?? training.seed;
  training.optimizer.learningRate = positiveOption('train', 'lr', str('lr')) ?? training.optimizer.learningRate;
  const dataset = str('dataset');
  if (dataset !== undefined || str('target') || str('features')) {
    try {
      training.dataset = datasetSpecFromArgs(dataset ?? training.dataset.name, str('target'), str('features'));
    } catch (error) {
      if (error instanceof DatasetArgumentError) throw new UsageError(`netwright train: ${error.message}`);
      throw error;
    }
  }
  return { ...doc, training };
}

const OUTPUT_FILES = ['model.json', 'metrics.json'];

async function train(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('train', args, {
    dataset: { type: 'string' },
    target: { type: 'string' },
    features: { type: 'string' },
    epochs: { type: 'string' },
    'batch-size': { type: 'string' },
    seed: { type: 'string' },
    lr: { type: 'string' },
    out: { type: 'string' },
    ...FINE_TUNE_OPTIONS,
  });
  if (positionals.length !== 1) throw new UsageError(`Usage: netwright train ${USAGE}`);
  if (!values.out) throw new UsageError('netwright train: --out <dir> is required (where model.json and metrics.json go).');
  // Before anything is trained: an output that cannot be written would throw the run away.
  try {
    await checkOutputFolder(values.out, OUTPUT_FILES);
  } catch (error) {
    if (error instanceof OutputLocationError) throw outputLocationError('train', error);
    throw error;
  }
  const original = await readModelDocument('train', positionals[0], io);
  if (!original) return EXIT.invalid;
  const tuned = await fineTuneFromArgs(withOverrides(original, values), values, io);
  if (!tuned) return EXIT.invalid;
  const document = tuned.document;
  for (const note of tuned.notes) io.out(sanitizeText(note));
  const dataFile = values.dataset && isCsvName(values.dataset) ? values.dataset : null;
  if (isCsvName(document.training.dataset.name) && !dataFile) {
    throw new UsageError(
      `netwright train: ${positionals[0]} names the data file ${path.basename(document.training.dataset.name)}, which Netwright opens only when you name it.`,
      'Pass it with --dataset <file.csv> (and --target, --features).',
    );
  }

  const channel = new LocalTrainingChannel(cliDatasetResolver(dataFile ? [dataFile] : []));
  const tty = process.stderr.isTTY === true;
  let totalEpochs = document.training.epochs;
  let barShown = false;
  const clearBar = () => {
    if (barShown) process.stderr.write('\r\x1b[2K');
    barShown = false;
  };
  let outcome: DoneMessage | ErrorMessage | null = null;
  channel.onMessage((m) => {
    if (m.type === 'started') {
      totalEpochs = m.totalEpochs;
      io.out(`Training ${sanitizeText(document.name)} on ${sanitizeText(path.basename(document.training.dataset.name))}: ${plural(m.totalEpochs, 'epoch')} of ${plural(m.batchesPerEpoch, 'batch', 'batches')} (${m.kernels}, ${plural(m.threads, 'thread')})`);
    } else if (m.type === 'progress' && tty) {
      process.stderr.write(`\r\x1b[2K${progressBar(m, totalEpochs)}`);
      barShown = true;
    } else if (m.type === 'epochEnd') {
      clearBar();
      io.out(epochLine(m.metrics, totalEpochs));
    } else if (m.type === 'done' || m.type === 'error') {
      clearBar();
      outcome = m;
    }
  });
  // The first Ctrl-C (or SIGTERM) stops after the current batch and still saves what was trained.
  const signals = new RunSignals(
    () => void channel.post({ type: 'stop' }),
    (signal) => {
      clearBar();
      io.err(`netwright train: ${signal} received; stopping after this batch and saving what was trained (send it again to quit at once).`);
    },
  );
  const started = performance.now();
  try {
    try {
      await channel.post({ type: 'start', protocol: TRAINING_PROTOCOL_VERSION, runId: 'cli', document, ...tuned.start });
    } catch (error) {
      // The session reports its failures as messages; anything thrown past it still keeps the weights it sent.
      if (!outcome) throw error;
    }
    const end = runEnd(outcome, signals.signal);
    const seconds = (performance.now() - started) / 1000;
    if (end.status === 'failed') reportFailure('train', { type: 'error', runId: 'cli', code: end.error!.code, message: end.error!.message, hint: end.error!.hint, epochs: end.epochs, weights: end.weights, bestEpoch: end.bestEpoch }, io);
    // Weights that hold NaN or infinities are not worth keeping: they would only predict NaN.
    if (end.weights && !Object.values(end.weights).every((w) => w.every(Number.isFinite))) end.weights = null;
    if (!end.weights || !end.normalisation) {
      io.err(`netwright train: nothing was written to ${values.out}: no usable weights survived (${end.epoch === 0 ? 'no epoch finished' : 'the weights left were not finite numbers'}).`);
      return end.status === 'completed' ? EXIT.failure : runExitCode(end);
    }
    const trained: TrainedModel = { document, weights: end.weights, normalisation: end.normalisation };
    // The test split is scored unless a signal asked to finish quickly; a failure to score never costs the weights.
    let evaluation: EvaluationMessage | null = null;
    if (end.status !== 'interrupted') {
      const answer = await channel.request({ type: 'evaluate', requestId: 'test', model: trained });
      if (answer.type === 'evaluation') evaluation = answer;
      else if (answer.type === 'requestFailed') io.err(`netwright train: the test split could not be scored: ${answer.message}`);
    }
    const test = evaluation ? testMetrics(evaluation) : null;
    await writeOutputs(values.out, document, trained, end, evaluation, test, seconds);
    if (test) {
      io.out('');
      for (const line of formatTestMetrics(test)) io.out(line);
    }
    io.out('');
    io.out(`${end.status === 'failed' ? `The run failed after epoch ${end.epoch}.` : end.reason}${end.bestEpoch !== null ? ` Kept the weights of epoch ${end.bestEpoch}` : ' Kept the last weights'} (${seconds.toFixed(1)} s).`);
    io.out(`Wrote ${path.join(values.out, 'model.json')} and ${path.join(values.out, 'metrics.json')} (status: ${end.status}).`);
    return runExitCode(end);
  } finally {
    signals.dispose();
    await channel.dispose();
  }
}

/** Writes model.json and metrics.json as one output: both new, or both as they were. */
async function writeOutputs(dir: string, document: ModelDocument, trained: TrainedModel, end: RunEnd, evaluation: EvaluationMessage | null, test: TestMetrics | null, seconds: number): Promise<void> {
  const compiled = compileGraph(document);
  if (!compiled.ok) throw new Error('The trained document no longer compiles.');
  const shapes = weightShapesOf(compiled.program);
  const info = { createdAt: new Date().toISOString(), bestEpoch: end.bestEpoch, epochs: end.epochs.length, ...(evaluation ? { classes: evaluation.classes } : {}) };
  await writeFilesAtomic(dir, [
    { path: 'model.json', data: serializeTrainedModel(trained, shapes, info) },
    { path: 'metrics.json', data: `${JSON.stringify(metricsFile(document, end, test, seconds), null, 2)}\n` },
  ]);
}

export const trainCommand: CliCommand = {
  name: 'train',
  summary: 'Train a model on a built-in dataset or a CSV file; write the trained model and its metrics.',
  usage: USAGE,
  help: HELP,
  run: train,
};
