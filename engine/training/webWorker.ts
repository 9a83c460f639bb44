/**
 * The training worker in a browser (the web host's Web Worker). Dataset files are fetched from the
 * folder the page serves (its URL comes in the worker's name, see renderer/host/webTraining.ts);
 * gzipped files are inflated with DecompressionStream by the data module.
 */
import { createFetchDataIo } from '../data';
import { TRAINING_PROTOCOL_VERSION, transferablesOf } from './protocol';
import type { HostMessage, WorkerMessage } from './protocol';
import { TrainingSession } from './session';

interface WorkerScope {
  name: string;
  location: { href: string };
  postMessage(message: unknown, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<HostMessage>) => void) | null;
  navigator: { hardwareConcurrency?: number };
}

const scope = self as unknown as WorkerScope;

/** The datasets' base URL from the worker's name; by default the page's datasets/ folder. */
function datasetsBase(): string {
  try {
    const settings = JSON.parse(scope.name) as { datasets?: unknown };
    if (typeof settings.datasets === 'string') return settings.datasets;
  } catch {
    // An unnamed worker: fall through to the default.
  }
  return new URL('/datasets/', scope.location.href).href;
}

const base = datasetsBase();
const session = new TrainingSession({
  io: createFetchDataIo({ mnist: `${base}mnist`, 'fashion-mnist': `${base}fashion-mnist`, sklearn: `${base}sklearn` }),
  emit: (message: WorkerMessage) => scope.postMessage(message, transferablesOf(message)),
  defaultThreads: Math.max(1, Math.min(2, scope.navigator.hardwareConcurrency ?? 1)),
});

scope.onmessage = (event) => void session.handle(event.data);
scope.postMessage({ type: 'ready', protocol: TRAINING_PROTOCOL_VERSION } satisfies WorkerMessage, []);
