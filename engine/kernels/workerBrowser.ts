/** Pool workers as Web Workers (needs cross-origin isolation for the shared memory). */
import { workerLoopSource, type PoolWorker } from './workerSource';

const browserWorkerSource = `
${workerLoopSource}
self.onmessage = (event) => {
  self.onmessage = null;
  runWorker(event.data, (message) => self.postMessage(message));
  self.close();
};
`;

/** Spawns a Web Worker from a Blob URL running the pool loop. */
export function spawnBrowserWorker(): PoolWorker {
  const url = URL.createObjectURL(new Blob([browserWorkerSource], { type: 'text/javascript' }));
  const worker = new Worker(url);
  return {
    post: (message) => worker.postMessage(message),
    firstMessage: () =>
      new Promise((resolve, reject) => {
        // The Blob URL is revoked only once the worker has certainly loaded it.
        worker.addEventListener('message', (event) => { URL.revokeObjectURL(url); resolve(event.data); }, { once: true });
        worker.addEventListener('error', (event) => { URL.revokeObjectURL(url); reject(new Error(event.message)); }, { once: true });
      }),
    release: () => {},
    terminate: () => worker.terminate(),
  };
}
