/**
 * The web host's training channel: the engine in a Web Worker, created on the first message. A worker
 * that dies (an error escapes it, or it cannot load) is reported as an 'error' with code 'crashed' for
 * the run in progress, and a fresh worker starts on the next message.
 */
import type { HostMessage, WorkerMessage } from '../../engine/training/protocol';
import { WorkerSupervisor } from '../../engine/training/supervisor';
import type { TrainingChannel } from './host';

/** The slice of a Web Worker the channel uses; tests pass a fake. */
export interface TrainingWorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

/** Settings the worker reads from its name (Web Workers get no other start-up data before the first message). */
export interface WebWorkerSettings {
  /** Base URL of the datasets folder the page serves (see renderer/vite.datasets.ts). */
  datasets: string;
}

/** Starts the bundled training worker; the datasets are served next to the page, under datasets/. */
export function spawnTrainingWorker(): TrainingWorkerLike {
  const settings: WebWorkerSettings = { datasets: new URL('datasets/', document.baseURI).href };
  return new Worker(new URL('../../engine/training/webWorker.ts', import.meta.url), { type: 'module', name: JSON.stringify(settings) });
}

/** A TrainingChannel over lazily spawned workers. */
export function createWebTrainingChannel(spawn: () => TrainingWorkerLike = spawnTrainingWorker): TrainingChannel {
  const listeners = new Set<(message: WorkerMessage) => void>();
  const supervisor = new WorkerSupervisor();
  let worker: TrainingWorkerLike | null = null;
  const deliver = (message: WorkerMessage) => {
    for (const listener of [...listeners]) listener(message);
  };
  const start = (): TrainingWorkerLike => {
    const created = spawn();
    created.onmessage = (event) => {
      const message = event.data as WorkerMessage;
      supervisor.received(message);
      deliver(message);
    };
    created.onerror = (event) => {
      if (worker !== created) return;
      event.preventDefault();
      worker = null;
      created.terminate();
      const reason = event.message || 'the worker failed to load or threw an error';
      for (const message of supervisor.crashed(reason)) deliver(message);
    };
    return created;
  };
  return {
    post(message: HostMessage) {
      worker ??= start();
      supervisor.sent(message);
      worker.postMessage(message);
    },
    onMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
