/** Pool workers on Node's worker_threads. */
import type * as WorkerThreads from 'node:worker_threads';
import { workerLoopSource, type SpawnPoolWorker } from './workerSource';

const nodeWorkerSource = `
const { parentPort } = require('node:worker_threads');
${workerLoopSource}
parentPort.once('message', (init) => runWorker(init, (message) => parentPort.postMessage(message)));
`;

/** Loads worker_threads and returns a spawner of Workers running the pool loop. */
export async function nodeWorkerSpawner(): Promise<SpawnPoolWorker> {
  const specifier = 'node:worker_threads'; // a variable, so browser bundlers do not try to resolve it
  const { Worker } = (await import(/* @vite-ignore */ specifier)) as typeof WorkerThreads;
  return () => {
    const worker = new Worker(nodeWorkerSource, { eval: true });
    return {
      post: (message) => worker.postMessage(message),
      firstMessage: () =>
        new Promise((resolve, reject) => {
          worker.once('message', resolve);
          worker.once('error', reject);
        }),
      release: () => worker.unref(),
      terminate: () => void worker.terminate(),
    };
  };
}
