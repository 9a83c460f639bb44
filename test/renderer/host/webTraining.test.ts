import { describe, expect, it } from 'vitest';
import type { HostMessage, WorkerMessage } from '../../../engine/training/protocol';
import { createWebTrainingChannel, type TrainingWorkerLike } from '../../../renderer/host/webTraining';

/** A Web Worker stand-in: records what it is sent; the test plays the worker's side. */
class FakeWorker implements TrainingWorkerLike {
  readonly received: unknown[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  postMessage(message: unknown): void {
    this.received.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(message: WorkerMessage): void {
    this.onmessage?.({ data: message } as MessageEvent);
  }
  crash(message: string): void {
    this.onerror?.({ message, preventDefault: () => undefined } as ErrorEvent);
  }
}

const start = (runId: string) => ({ type: 'start', protocol: 1, runId, document: {} }) as unknown as HostMessage;

describe('web host training channel', () => {
  it('starts the worker only on the first message and relays both ways', () => {
    const workers: FakeWorker[] = [];
    const channel = createWebTrainingChannel(() => {
      workers.push(new FakeWorker());
      return workers.at(-1)!;
    });
    const received: WorkerMessage[] = [];
    channel.onMessage((m) => received.push(m));
    expect(workers).toHaveLength(0);
    channel.post(start('r1'));
    channel.post({ type: 'pause' });
    expect(workers).toHaveLength(1);
    expect(workers[0].received).toEqual([start('r1'), { type: 'pause' }]);
    workers[0].reply({ type: 'paused', runId: 'r1' });
    expect(received).toEqual([{ type: 'paused', runId: 'r1' }]);
  });

  it('reports a crashed worker as an error for the active run and failures for open requests, then restarts', () => {
    const workers: FakeWorker[] = [];
    const channel = createWebTrainingChannel(() => {
      workers.push(new FakeWorker());
      return workers.at(-1)!;
    });
    const received: WorkerMessage[] = [];
    channel.onMessage((m) => received.push(m));
    channel.post(start('r1'));
    channel.post({ type: 'datasetPreview', requestId: 'q1', dataset: { name: 'mnist', options: {} }, samples: 4 });
    workers[0].crash('RuntimeError: memory access out of bounds');
    expect(workers[0].terminated).toBe(true);
    expect(received).toEqual([
      expect.objectContaining({ type: 'error', runId: 'r1', code: 'crashed', message: expect.stringContaining('memory access out of bounds'), epochs: [], weights: null }),
      expect.objectContaining({ type: 'requestFailed', requestId: 'q1' }),
    ]);

    channel.post(start('r2'));
    expect(workers).toHaveLength(2);
    workers[1].reply({ type: 'done', runId: 'r2', reason: 'completed', epochs: [], weights: {}, bestEpoch: null });
    // A run that finished is not reported when its worker later dies.
    workers[1].crash('late failure');
    expect(received.filter((m) => m.type === 'error')).toHaveLength(1);
  });
});
