/**
 * `netwright train <model.json> --out <dir>`: trains in-process with the app's own session and loop,
 * then writes <dir>/model.json (the trained-model file) and <dir>/metrics.json. Exit 0 when trained,
 * 1 when the model or the data is at fault (invalid graph, shape mismatch, diverging loss), 2 on bad arguments.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { compileGraph } from '../../engine/model';
import type { ModelDocument } from '../../engine/model';
import type { DoneMessage, ErrorMessage, EvaluationMessage, TrainedModel } from '../../engine/training/protocol';
import { TRAINING_PROTOCOL_VERSION } from '../../engine/training/protocol';
import { serializeTrainedModel } from '../../engine/training/trainedFile';
import { weightShapesOf } from '../../engine/training/weightShapes';
import { EXIT, type CliCommand, type CliIo } from '../command';
import { UsageError, intOption, parseCommandArgs, positiveOption, readModelDocument, reportFailure, withUsageErrors } from '../training/common';
import { DatasetArgumentError, cliDatasetResolver, datasetSpecFromArgs } from '../training/datasetArgs';
import { LocalTrainingChannel } from '../training/localChannel';
import { epochLine, progressBar } from '../training/progress';
import { formatTestMetrics, testMetrics } from '../training/testMetrics';
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
  '',
  'Ctrl-C stops after the current batch and still saves what was trained.',
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
  });
  if (positionals.length !== 1) throw new UsageError(`Usage: netwright train ${USAGE}`);
  if (!values.out) throw new UsageError('netwright train: --out <dir> is required (where model.json and metrics.json go).');
  const original = await readModelDocument('train', positionals[0], io);
  if (!original) return EXIT.invalid;
  const document = withOverrides(original, values);

  const channel = new LocalTrainingChannel(cliDatasetResolver());
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
      io.out(`Training ${document.name} on ${path.basename(document.training.dataset.name)}: ${plural(m.totalEpochs, 'epoch')} of ${plural(m.batchesPerEpoch, 'batch', 'batches')} (${m.kernels}, ${plural(m.threads, 'thread')})`);
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
  // The first Ctrl-C stops after the current batch and still saves what was trained.
  const stop = () => void channel.post({ type: 'stop' });
  process.once('SIGINT', stop);
  const started = performance.now();
  try {
    await channel.post({ type: 'start', protocol: TRAINING_PROTOCOL_VERSION, runId: 'cli', document });
    const result = outcome as DoneMessage | ErrorMessage | null;
    if (!result) throw new Error('The run ended without a result.');
    if (result.type === 'error') return reportFailure('train', result, io);
    const seconds = (performance.now() - started) / 1000;
    const trained: TrainedModel = { document, weights: result.weights, normalisation: result.normalisation! };
    const answer = await channel.request({ type: 'evaluate', requestId: 'test', model: trained });
    if (answer.type !== 'evaluation') return reportFailure('train', answer as Extract<typeof answer, { type: 'requestFailed' }>, io);
    await writeOutputs(values.out, document, trained, result, answer, seconds);
    const metrics = testMetrics(answer);
    io.out('');
    for (const line of formatTestMetrics(metrics)) io.out(line);
    io.out('');
    io.out(`Stopped: ${result.reason}${result.bestEpoch !== null ? `; kept the weights of epoch ${result.bestEpoch}` : ''} (${seconds.toFixed(1)} s).`);
    io.out(`Wrote ${path.join(values.out, 'model.json')} and ${path.join(values.out, 'metrics.json')}`);
    return EXIT.ok;
  } finally {
    process.removeListener('SIGINT', stop);
    await channel.dispose();
  }
}

async function writeOutputs(dir: string, document: ModelDocument, trained: TrainedModel, done: DoneMessage, evaluation: EvaluationMessage, seconds: number): Promise<void> {
  const compiled = compileGraph(document);
  if (!compiled.ok) throw new Error('The trained document no longer compiles.');
  const shapes = weightShapesOf(compiled.program);
  const kept = done.epochs.find((e) => e.epoch === done.bestEpoch) ?? done.epochs.at(-1) ?? null;
  const test = testMetrics(evaluation);
  const metrics = {
    model: document.name,
    dataset: document.training.dataset,
    reason: done.reason,
    bestEpoch: done.bestEpoch,
    seconds: Number(seconds.toFixed(2)),
    final: {
      // Training metrics are running averages over the kept epoch; validation and test use the kept weights.
      train: kept ? { loss: kept.trainLoss, accuracy: kept.trainAccuracy } : null,
      validation: kept && kept.valLoss !== null ? { loss: kept.valLoss, accuracy: kept.valAccuracy } : null,
      test,
    },
    epochs: done.epochs,
  };
  await mkdir(dir, { recursive: true });
  const info = { createdAt: new Date().toISOString(), bestEpoch: done.bestEpoch, epochs: done.epochs.length, classes: evaluation.classes };
  await writeFile(path.join(dir, 'model.json'), serializeTrainedModel(trained, shapes, info));
  await writeFile(path.join(dir, 'metrics.json'), `${JSON.stringify(metrics, null, 2)}\n`);
}

export const trainCommand: CliCommand = {
  name: 'train',
  summary: 'Train a model on a built-in dataset or a CSV file; write the trained model and its metrics.',
  usage: USAGE,
  help: HELP,
  run: (args, io) => withUsageErrors(io, () => train(args, io)),
};
