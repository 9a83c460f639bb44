/**
 * `netwright eval <trained.json>`: evaluates trained weights on the test split of their dataset (or
 * another one) and prints accuracy, loss, per-class precision/recall/F1 and the confusion matrix, or
 * MAE/RMSE/R² for regression. `--json` prints the same as JSON.
 */
import path from 'node:path';
import { EXIT, type CliCommand, type CliIo } from '../command';
import { UsageError, parseCommandArgs, readTrainedFile, reportFailure } from '../training/common';
import { DatasetArgumentError, cliDatasetResolver, datasetSpecFromArgs, isCsvName } from '../training/datasetArgs';
import { LocalTrainingChannel } from '../training/localChannel';
import { formatTestMetrics, testMetrics } from '../training/testMetrics';

const USAGE = '<trained.json> [--dataset <name|file.csv>] [--json]';
const HELP = [
  '',
  'Options:',
  '  --dataset <name>     evaluate on this dataset\'s test split (default: the one the model was trained on)',
  '  --target <column>    CSV only: the column to predict',
  '  --features a,b,c     CSV only: the input columns',
  '  --json               print the metrics as JSON',
];

async function evaluate(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('eval', args, {
    dataset: { type: 'string' },
    target: { type: 'string' },
    features: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length !== 1) throw new UsageError(`Usage: netwright eval ${USAGE}`);
  const trained = await readTrainedFile('eval', positionals[0], io);
  if (!trained) return EXIT.invalid;
  const saved = trained.document.training.dataset;
  let dataset = saved;
  if (values.dataset || values.target || values.features) {
    // A CSV given without columns uses the ones the model was trained with (names, never paths).
    const sameColumns = values.dataset && isCsvName(values.dataset) && isCsvName(saved.name) && !values.target && !values.features;
    const target = sameColumns && typeof saved.options.target === 'string' ? saved.options.target : values.target;
    const features = sameColumns && typeof saved.options.features === 'string' ? saved.options.features : values.features;
    try {
      dataset = datasetSpecFromArgs(values.dataset ?? saved.name, target, features);
    } catch (error) {
      if (error instanceof DatasetArgumentError) throw new UsageError(`netwright eval: ${error.message}`);
      throw error;
    }
  } else if (isCsvName(saved.name)) {
    throw new UsageError(
      `netwright eval: ${positionals[0]} was trained on the data file ${path.basename(saved.name)}, which Netwright opens only when you name it.`,
      `Pass it with --dataset <file.csv> (its columns are taken from the trained file).`,
    );
  }
  const document = { ...trained.document, training: { ...trained.document.training, dataset } };
  const channel = new LocalTrainingChannel(cliDatasetResolver(values.dataset && isCsvName(values.dataset) ? [values.dataset] : []));
  try {
    const answer = await channel.request({ type: 'evaluate', requestId: 'eval', model: { document, weights: trained.weights, normalisation: trained.normalisation } });
    if (answer.type === 'requestFailed') return reportFailure('eval', answer, io);
    if (answer.type !== 'evaluation') throw new Error(`Unexpected answer ${answer.type}.`);
    const metrics = testMetrics(answer);
    if (values.json) io.out(JSON.stringify(metrics, null, 2));
    else for (const line of formatTestMetrics(metrics)) io.out(line);
    return EXIT.ok;
  } finally {
    await channel.dispose();
  }
}

export const evalCommand: CliCommand = {
  name: 'eval',
  summary: 'Evaluate a trained model on the test split: accuracy, per-class scores, confusion matrix (or MAE/RMSE/R²).',
  usage: USAGE,
  help: HELP,
  run: evaluate,
};
