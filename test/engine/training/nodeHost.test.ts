import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NodeTrainingHost } from '../../../engine/training/nodeHost';
import type { WorkerMessage } from '../../../engine/training/protocol';
import { start, template } from './sessionHelpers';

/** Records a host's messages and waits for kinds of them. */
function watch(host: NodeTrainingHost) {
  const messages: WorkerMessage[] = [];
  const waiters: { type: string; resolve: (m: WorkerMessage) => void }[] = [];
  host.onMessage((m) => {
    messages.push(m);
    for (const w of waiters.filter((w) => w.type === m.type)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(m);
    }
  });
  const next = <T extends WorkerMessage['type']>(type: T) => new Promise<Extract<WorkerMessage, { type: T }>>((resolve) => waiters.push({ type, resolve: resolve as (m: WorkerMessage) => void }));
  return { messages, next };
}

// 6,400 MNIST images, 10% for validation: 90 batches of 64 per epoch.
const mnistMlp = (epochs: number) => template('mlp-mnist.json', { dataset: { name: 'mnist', options: { samples: 6400 } }, epochs });

let host: NodeTrainingHost | null = null;
afterEach(async () => {
  await host?.dispose();
  host = null;
});

describe('Node training host', () => {
  it('trains the MLP template in a worker thread: progress, pause, resume, then done', async () => {
    host = new NodeTrainingHost();
    const { messages, next } = watch(host);
    const started = next('started');
    host.post(start(mnistMlp(4)));
    expect(await started).toMatchObject({ runId: 'run-1', totalEpochs: 4, batchesPerEpoch: 90 });
    await next('progress');
    const paused = next('paused');
    host.post({ type: 'pause' });
    await paused;
    const seen = messages.length;
    await new Promise((r) => setTimeout(r, 150));
    expect(messages.length).toBe(seen);
    const resumed = next('resumed');
    const done = next('done');
    host.post({ type: 'resume' });
    await resumed;
    const result = await done;
    expect(result.reason).toBe('completed');
    expect(result.epochs).toHaveLength(4);
    expect(result.epochs[3].valAccuracy).toBeGreaterThan(0.9);
    expect(result.weights['hidden/kernel']).toBeInstanceOf(Float32Array);
    expect(result.weights['hidden/kernel']).toHaveLength(784 * 128);
    expect(result.normalisation?.kind).toBe('standardise');
    expect(messages[0]).toEqual({ type: 'ready', protocol: 1 });
  });

  it('stops a run on request and keeps the weights trained so far', async () => {
    host = new NodeTrainingHost();
    const { next } = watch(host);
    host.post(start(mnistMlp(50)));
    await next('progress');
    const done = next('done');
    host.post({ type: 'stop' });
    const result = await done;
    expect(result.reason).toBe('stopped');
    expect(result.epochs.length).toBeLessThan(50);
  });

  it('reports a killed worker as a crashed run and starts a new worker on the next message', async () => {
    host = new NodeTrainingHost();
    const { next } = watch(host);
    host.post(start(mnistMlp(50), 'doomed'));
    await next('progress');
    const error = next('error');
    await host.kill();
    expect(await error).toMatchObject({ type: 'error', runId: 'doomed', code: 'crashed', message: expect.stringContaining('terminated') });
    expect(host.running).toBe(false);

    const preview = next('datasetPreview');
    host.post({ type: 'datasetPreview', requestId: 'after-crash', dataset: { name: 'iris', options: {} }, samples: 3 });
    expect(await preview).toMatchObject({ requestId: 'after-crash', count: 3 });
  });

  it('reports a worker that dies of an uncaught error, with the error message', async () => {
    host = new NodeTrainingHost({ workerFile: path.join(import.meta.dirname, 'fixtures/crashingWorker.ts') });
    const { next } = watch(host);
    const error = next('error');
    host.post(start(mnistMlp(1), 'r-crash'));
    expect(await error).toMatchObject({ runId: 'r-crash', code: 'crashed', message: expect.stringContaining('kernel trap') });
  });
});
