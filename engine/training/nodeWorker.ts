/**
 * The training worker on Node's worker_threads (the Electron training host, tests, benchmarks).
 * workerData (NodeWorkerData) says where the data and the kernels' .wasm files are when bundled.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import type { NodeDataLocations } from '../data/nodeIo';
import { createNodeDataIo } from '../data/nodeIo';
import { createKernels } from '../kernels';
import { TRAINING_PROTOCOL_VERSION, transferablesOf } from './protocol';
import type { HostMessage, WorkerMessage } from './protocol';
import { TrainingSession } from './session';

/** What the host passes to the worker thread. */
export interface NodeWorkerData {
  dataLocations?: NodeDataLocations;
  /** Folder with netwright-kernels.wasm and netwright-kernels-threads.wasm (bundles lose import.meta.url). */
  wasmDir?: string;
}

const port = parentPort;
if (!port) throw new Error('nodeWorker.ts runs as a worker thread; start it through NodeTrainingHost.');
const options = (workerData ?? {}) as NodeWorkerData;
const wasmDir = options.wasmDir;

const session = new TrainingSession({
  io: createNodeDataIo(options.dataLocations ?? {}),
  emit: (message: WorkerMessage) => port.postMessage(message, transferablesOf(message)),
  defaultThreads: Math.min(2, availableParallelism()),
  createKernels: wasmDir
    ? (threads) =>
        createKernels({
          threads,
          wasmSource: pathToFileURL(join(wasmDir, 'netwright-kernels.wasm')),
          threadsWasmSource: pathToFileURL(join(wasmDir, 'netwright-kernels-threads.wasm')),
        })
    : undefined,
});

port.on('message', (message: HostMessage) => void session.handle(message));
port.postMessage({ type: 'ready', protocol: TRAINING_PROTOCOL_VERSION } satisfies WorkerMessage);
