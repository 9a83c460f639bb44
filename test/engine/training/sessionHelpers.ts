import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createKernels } from '../../../engine/kernels';
import { createNodeDataIo } from '../../../engine/data/nodeIo';
import { parseDocument } from '../../../engine/model';
import type { ModelDocument } from '../../../engine/model';
import { TrainingSession } from '../../../engine/training/session';
import type { SessionOptions } from '../../../engine/training/session';
import { TRAINING_PROTOCOL_VERSION } from '../../../engine/training/protocol';
import type { StartMessage, WorkerMessage } from '../../../engine/training/protocol';

const root = path.resolve(import.meta.dirname, '../../..');

/** A template by file name, parsed, with training overrides. */
export function template(file: string, training: Partial<ModelDocument['training']> = {}): ModelDocument {
  const parsed = parseDocument(JSON.parse(readFileSync(path.join(root, 'templates', file), 'utf8')));
  if (!parsed.ok) throw new Error(parsed.error);
  return { ...parsed.doc, training: { ...parsed.doc.training, ...training } };
}

/** A session on single-threaded kernels that records every message. */
export function recordingSession(options: Partial<SessionOptions> = {}) {
  const messages: WorkerMessage[] = [];
  const listeners: ((m: WorkerMessage) => void)[] = [];
  const session = new TrainingSession({
    io: createNodeDataIo(),
    createKernels: () => createKernels({ threads: 1 }),
    emit: (m) => {
      messages.push(m);
      for (const l of listeners) l(m);
    },
    progressInterval: 0.02,
    ...options,
  });
  const next = <T extends WorkerMessage['type']>(type: T): Promise<Extract<WorkerMessage, { type: T }>> =>
    new Promise((resolve) => {
      const listener = (m: WorkerMessage) => {
        if (m.type === type) {
          listeners.splice(listeners.indexOf(listener), 1);
          resolve(m as Extract<WorkerMessage, { type: T }>);
        }
      };
      listeners.push(listener);
    });
  const ofType = <T extends WorkerMessage['type']>(type: T) => messages.filter((m): m is Extract<WorkerMessage, { type: T }> => m.type === type);
  return { session, messages, next, ofType };
}

export function start(document: ModelDocument, runId = 'run-1', extra: Partial<StartMessage> = {}): StartMessage {
  return { type: 'start', protocol: TRAINING_PROTOCOL_VERSION, runId, document, ...extra };
}
