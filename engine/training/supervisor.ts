/**
 * What a host must remember about its worker so that a crash is reported, not silent: the run in
 * progress and the requests still unanswered. Shared by the web host and the Node host.
 */
import type { HostMessage, WorkerMessage } from './protocol';

/** Tracks the active run and pending requests from the messages that pass both ways. */
export class WorkerSupervisor {
  private activeRunId: string | null = null;
  private readonly pending = new Set<string>();

  /** Records a message on its way to the worker. */
  sent(message: HostMessage): void {
    switch (message.type) {
      case 'start':
        this.activeRunId = message.runId;
        return;
      case 'evaluate':
      case 'predict':
      case 'datasetPreview':
      case 'registerDataset':
        this.pending.add(message.requestId);
        return;
      case 'pause':
      case 'resume':
      case 'stop':
        return;
      default: {
        const unreachable: never = message;
        return unreachable;
      }
    }
  }

  /** Records a message from the worker. */
  received(message: WorkerMessage): void {
    if ((message.type === 'done' || message.type === 'error') && message.runId === this.activeRunId) this.activeRunId = null;
    if ('requestId' in message) this.pending.delete(message.requestId);
  }

  /** The messages that tell listeners the worker died: an error for the active run, a failure per pending request. Forgets them. */
  crashed(reason: string): WorkerMessage[] {
    const hint = 'The project and finished runs are safe. Start the run again; if it crashes again, try a smaller batch size or model.';
    const messages: WorkerMessage[] = [];
    if (this.activeRunId !== null) {
      messages.push({ type: 'error', runId: this.activeRunId, code: 'crashed', message: `The training worker stopped unexpectedly: ${reason}`, hint, epochs: [], weights: null, bestEpoch: null });
    }
    for (const requestId of this.pending) {
      messages.push({ type: 'requestFailed', requestId, message: `The training worker stopped unexpectedly: ${reason}`, hint: 'Try again.' });
    }
    this.activeRunId = null;
    this.pending.clear();
    return messages;
  }
}
