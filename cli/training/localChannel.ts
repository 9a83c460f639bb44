/** The training session run in-process for the CLI: the same session and loop as the app's workers, without the thread. */
import { availableParallelism } from 'node:os';
import { createNodeDataIo } from '../../engine/data/nodeIo';
import type { HostMessage, WorkerMessage } from '../../engine/training/protocol';
import { TrainingSession } from '../../engine/training/session';
import type { DatasetResolver } from '../../engine/training/datasets';

/** A session with a message listener and a request helper that waits for the answer. */
export class LocalTrainingChannel {
  private readonly listeners = new Set<(message: WorkerMessage) => void>();
  readonly session: TrainingSession;

  constructor(resolveDataset: DatasetResolver) {
    this.session = new TrainingSession({
      io: createNodeDataIo(),
      resolveDataset,
      defaultThreads: Math.min(2, availableParallelism()),
      emit: (message) => {
        for (const listener of [...this.listeners]) listener(message);
      },
    });
  }

  onMessage(listener: (message: WorkerMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends a message and resolves when the session has handled it. */
  post(message: HostMessage): Promise<void> {
    return this.session.handle(message);
  }

  /** Sends a request and resolves with its answer (or its requestFailed). */
  async request(message: Extract<HostMessage, { requestId: string }>): Promise<WorkerMessage> {
    let answer: WorkerMessage | null = null;
    const off = this.onMessage((m) => {
      if ('requestId' in m && m.requestId === message.requestId) answer = m;
    });
    try {
      await this.session.handle(message);
    } finally {
      off();
    }
    if (!answer) throw new Error(`No answer to ${message.type}.`);
    return answer;
  }

  dispose(): Promise<void> {
    this.listeners.clear();
    return this.session.dispose();
  }
}
