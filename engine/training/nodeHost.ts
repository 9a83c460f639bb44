/**
 * A training host on Node: runs the training worker in a worker thread, started on the first message
 * and started again after a crash. Electron's main process uses it behind IPC; tests and benchmarks
 * use it directly. A dead worker is reported as an 'error' (code 'crashed') for the run in progress.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { NodeWorkerData } from './nodeWorker';
import type { HostMessage, WorkerMessage } from './protocol';
import { WorkerSupervisor } from './supervisor';

/** Where the worker's code is and what it is told at start. */
export interface NodeTrainingHostOptions {
  /** The worker script: a bundle (.cjs/.js) or the TypeScript source (run through tsx). Default: nodeWorker.ts next to this file. */
  workerFile?: string;
  workerData?: NodeWorkerData;
}

/** Resolves tsx's loader API so a worker thread can run TypeScript sources (tests, the CLI from a checkout). */
function tsWorkerSource(file: string): string {
  // The ESM entry of tsx's API (require.resolve would give its CommonJS twin, which cannot tsImport).
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const target = pathToFileURL(file).href;
  return `import(${JSON.stringify(tsxApi)}).then(({ tsImport }) => tsImport(${JSON.stringify(target)}, ${JSON.stringify(target)}));`;
}

function defaultWorkerFile(): string {
  return fileURLToPath(new URL('./nodeWorker.ts', import.meta.url));
}

/** The host side of the protocol over a worker thread (see TrainingChannel in renderer/host/host.ts). */
export class NodeTrainingHost {
  private worker: Worker | null = null;
  private readonly listeners = new Set<(message: WorkerMessage) => void>();
  private readonly supervisor = new WorkerSupervisor();
  private lastError: string | null = null;
  private disposed = false;

  constructor(private readonly options: NodeTrainingHostOptions = {}) {}

  /** Sends a message, starting the worker first when none is running. */
  post(message: HostMessage): void {
    if (this.disposed) throw new Error('The training host was disposed.');
    this.supervisor.sent(message);
    this.ensureWorker().postMessage(message);
  }

  /** Subscribes to the worker's messages (and crash reports); returns the unsubscribe function. */
  onMessage(listener: (message: WorkerMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** True while a worker thread is running. */
  get running(): boolean {
    return this.worker !== null;
  }

  /** Ends the worker at once, as a crash would: the run in progress reports 'crashed'. The next post starts a new worker. */
  async kill(reason = 'it was terminated'): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.lastError = reason;
    await worker.terminate();
  }

  /** Stops the worker without reporting a crash; the host cannot be used afterwards. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const worker = this.worker;
    this.worker = null;
    this.listeners.clear();
    if (worker) await worker.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const file = this.options.workerFile ?? defaultWorkerFile();
    const typescript = file.endsWith('.ts');
    const worker = typescript
      ? new Worker(tsWorkerSource(file), { eval: true, workerData: this.options.workerData ?? {} })
      : new Worker(file, { workerData: this.options.workerData ?? {} });
    this.lastError = null;
    worker.on('message', (message: WorkerMessage) => {
      this.supervisor.received(message);
      this.deliver(message);
    });
    worker.on('error', (error) => {
      this.lastError = error instanceof Error ? error.message : String(error);
    });
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      this.worker = null;
      if (this.disposed) return;
      const reason = this.lastError ?? `the worker exited with code ${code}`;
      for (const message of this.supervisor.crashed(reason)) this.deliver(message);
    });
    this.worker = worker;
    return worker;
  }

  private deliver(message: WorkerMessage): void {
    for (const listener of [...this.listeners]) listener(message);
  }
}
