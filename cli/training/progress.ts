/** What `netwright train` shows while it runs: a bar on a terminal, one line per epoch everywhere. */
import type { EpochMetrics, ProgressMessage } from '../../engine/training/protocol';
import { BATCH_METRIC_COLUMNS, BATCH_METRIC_STRIDE } from '../../engine/training/protocol';

const LOSS = BATCH_METRIC_COLUMNS.indexOf('loss');
const ACCURACY = BATCH_METRIC_COLUMNS.indexOf('accuracy');

const pct = (v: number | null) => (v === null || Number.isNaN(v) ? '—' : `${(v * 100).toFixed(2)}%`);
const num = (v: number | null) => (v === null || Number.isNaN(v) ? '—' : v.toFixed(4));

/** "epoch 2/3  loss 0.1234  acc 96.10%  val_loss 0.1100  val_acc 96.70%  (4.2 s)" */
export function epochLine(metrics: EpochMetrics, totalEpochs: number): string {
  const parts = [`epoch ${metrics.epoch}/${totalEpochs}`, `loss ${num(metrics.trainLoss)}`];
  if (metrics.trainAccuracy !== null) parts.push(`acc ${pct(metrics.trainAccuracy)}`);
  if (metrics.valLoss !== null) parts.push(`val_loss ${num(metrics.valLoss)}`);
  if (metrics.valAccuracy !== null) parts.push(`val_acc ${pct(metrics.valAccuracy)}`);
  parts.push(`(${metrics.seconds.toFixed(1)} s)`);
  return parts.join('  ');
}

/** "[#########...........]  45%  epoch 2/3  loss 0.1234  acc 96.10%  ETA 3 s" for the latest batch of a progress message. */
export function progressBar(message: ProgressMessage, totalEpochs: number, width = 24): string {
  const rows = message.batches.length / BATCH_METRIC_STRIDE;
  const last = (rows - 1) * BATCH_METRIC_STRIDE;
  const filled = Math.round(message.progress * width);
  const parts = [`[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`, `${Math.floor(message.progress * 100)}%`.padStart(4), `epoch ${message.epoch}/${totalEpochs}`];
  if (rows > 0) {
    parts.push(`loss ${num(message.batches[last + LOSS])}`);
    if (!Number.isNaN(message.batches[last + ACCURACY])) parts.push(`acc ${pct(message.batches[last + ACCURACY])}`);
  }
  if (message.etaSeconds !== null) parts.push(`ETA ${Math.ceil(message.etaSeconds)} s`);
  return parts.join('  ');
}
