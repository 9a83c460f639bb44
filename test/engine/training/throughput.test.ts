import { describe, expect, it } from 'vitest';
import { ActiveClock, ThroughputMeter } from '../../../engine/training/throughput';
import { runTraining } from '../../../engine/training/trainer';
import type { TrainingRun } from '../../../engine/training/trainer';
import { BATCH_METRIC_STRIDE } from '../../../engine/training/protocol';
import type { ProgressMessage, WorkerMessage } from '../../../engine/training/protocol';
import { config, fixedBatches, ManualControl, ScriptedModel } from './fakes';

describe('training figures a person watches', () => {
  it('throughput is samples over the time between batch ends, and a gap that is not training is not counted', () => {
    const meter = new ThroughputMeter(4);
    meter.restart(0);
    expect(meter.rate()).toBeNaN();
    for (let t = 10; t <= 40; t += 10) meter.batchEnded(32, t); // 32 samples every 10 ms
    expect(meter.rate()).toBeCloseTo(3200);
    // A pause of a minute, then training restarts: the pause is not a slow batch.
    meter.restart(60_040);
    meter.batchEnded(32, 60_050);
    expect(meter.rate()).toBeCloseTo(3200);
    // A batch ending a sliver after the last one does not spike the figure beyond what the window says.
    meter.batchEnded(32, 60_050.001);
    expect(meter.rate()).toBeLessThan(3200 * 4 / 3 + 1);
  });

  it('elapsed time leaves out pauses', () => {
    const clock = new ActiveClock(1000);
    expect(clock.elapsedSeconds(3000)).toBe(2);
    clock.pause(3000);
    expect(clock.elapsedSeconds(50_000)).toBe(2);
    clock.resume(50_000);
    expect(clock.elapsedSeconds(51_000)).toBe(3);
  });

  it('after a long pause the elapsed time, ETA and throughput carry on from where they were', async () => {
    let time = 0;
    const messages: WorkerMessage[] = [];
    const control = new ManualControl();
    const model = new ScriptedModel([0.5], [0.5]);
    const step = model.trainStep.bind(model);
    // Each step takes 10 ms of (fake) time.
    model.trainStep = (batch) => {
      time += 10;
      return step(batch);
    };
    const run: TrainingRun = {
      runId: 'r1',
      model,
      train: fixedBatches(10),
      validation: fixedBatches(1),
      config: config({ epochs: 2 }),
      loss: 'sparseCategoricalCrossentropy',
      outputWidth: 2,
      control,
      emit: (m) => {
        messages.push(m);
        if (m.type === 'progress' && m.epoch === 1 && m.progress >= 0.25 && !control.pauseRequested && !messages.some((x) => x.type === 'paused')) {
          control.pauseRequested = true;
        }
        if (m.type === 'paused') {
          time += 600_000; // ten minutes away
          queueMicrotask(() => control.release());
        }
      },
      progressInterval: 0,
      now: () => time,
    };
    await runTraining(run);
    const progress = messages.filter((m): m is ProgressMessage => m.type === 'progress');
    const last = progress.at(-1)!;
    // 20 steps of 10 ms: 0.2 s of training, whatever the pause.
    expect(last.elapsedSeconds).toBeCloseTo(0.2, 5);
    const afterPause = progress[progress.findIndex((m) => m.progress > 0.3)];
    expect(afterPause.etaSeconds!).toBeLessThan(1);
    const rates = progress.flatMap((m) => Array.from({ length: m.batches.length / BATCH_METRIC_STRIDE }, (_, i) => m.batches[i * BATCH_METRIC_STRIDE + 5]));
    const finite = rates.filter(Number.isFinite);
    expect(finite.length).toBeGreaterThan(15);
    const batchSize = 4; // fixedBatches' batch size
    for (const rate of finite) expect(rate).toBeCloseTo(batchSize / 0.01, 0);
  });
});
