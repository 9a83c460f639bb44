/** Learning-rate schedules: per-epoch decay (step, exponential), cosine annealing, linear warm-up in steps. */
import type { ScheduleConfig } from '../model/document';

/** Where training is: what a schedule needs to know. */
export interface SchedulePosition {
  /** 0-based epoch. */
  epoch: number;
  /** 0-based index of the update about to be taken. */
  step: number;
  totalEpochs: number;
  /** Updates per epoch when known; cosine then anneals per step over the whole run. */
  stepsPerEpoch: number | null;
}

/**
 * The learning rate for the update at `at`:
 * step: lr·γ^⌊epoch/stepEpochs⌋; exponential: lr·γ^epoch; cosine: from lr down to
 * minLearningRate over the whole run (per step when steps per epoch are known, else per epoch).
 * Warm-up multiplies by step/warmupSteps for the first warmupSteps updates (so the first is 0).
 */
export function learningRateAt(base: number, schedule: ScheduleConfig, at: SchedulePosition): number {
  let lr: number;
  switch (schedule.type) {
    case 'constant':
      lr = base;
      break;
    case 'step':
      lr = base * Math.pow(schedule.gamma ?? 0.1, Math.floor(at.epoch / (schedule.stepEpochs ?? 1)));
      break;
    case 'exponential':
      lr = base * Math.pow(schedule.gamma ?? 0.9, at.epoch);
      break;
    case 'cosine': {
      const floor = schedule.minLearningRate ?? 0;
      const progress = at.stepsPerEpoch ? at.step / (at.stepsPerEpoch * at.totalEpochs) : at.epoch / Math.max(at.totalEpochs, 1);
      lr = floor + ((base - floor) * (1 + Math.cos(Math.PI * Math.min(progress, 1)))) / 2;
      break;
    }
    default: {
      const unreachable: never = schedule.type;
      throw new Error(`Unknown schedule ${String(unreachable)}`);
    }
  }
  const warmup = schedule.warmupSteps ?? 0;
  if (warmup > 0 && at.step < warmup) lr *= at.step / warmup;
  return lr;
}
