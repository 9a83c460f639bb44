/**
 * Relays training between the renderer and the training host: `training:post` messages from the
 * app's own main window (sender and payload checked) go to the worker; the worker's messages go back
 * on `training:message`. Runs and results live in the renderer, so a crashed worker loses nothing but the run.
 */
import type { HostMessage, WorkerMessage } from '../../engine/training/protocol';
import type { IpcMainEventLike, IpcMainLike } from '../ipc/handlers';
import { describeIssues } from '../ipc/contract';
import type { IpcEventLike } from '../ipc/senders';
import { TRAINING_MESSAGE_CHANNEL, TRAINING_POST_CHANNEL, hostMessageSchema } from '../ipc/trainingContract';

/** The part of a training host the relay uses (NodeTrainingHost in the app, a fake in tests). */
export interface TrainingHostLike {
  post(message: HostMessage): void;
  onMessage(listener: (message: WorkerMessage) => void): () => void;
}

/** Where worker messages go: the main window's webContents, when there is one. */
export interface TrainingTarget {
  send(channel: string, message: WorkerMessage): void;
}

export interface TrainingIpcOptions {
  ipcMain: Pick<IpcMainLike, 'on'>;
  host: TrainingHostLike;
  isTrustedSender: (event: IpcEventLike) => boolean;
  /** True when the sender is the current main window's webContents. */
  isMainWindow: (sender: unknown) => boolean;
  /** The window to deliver worker messages to, or null while none is open. */
  target: () => TrainingTarget | null;
  warn: (message: string) => void;
}

/** Installs the relay; returns a function that stops forwarding worker messages. */
export function registerTrainingIpc(options: TrainingIpcOptions): () => void {
  const { ipcMain, host, isTrustedSender, isMainWindow, target, warn } = options;
  ipcMain.on(TRAINING_POST_CHANNEL, (event: IpcMainEventLike, payload: unknown) => {
    if (!isTrustedSender(event) || !isMainWindow(event.sender)) {
      warn(`Ignored ${TRAINING_POST_CHANNEL} from an untrusted frame (${event.senderFrame?.url ?? 'no frame'}).`);
      return;
    }
    const parsed = hostMessageSchema.safeParse(payload);
    if (!parsed.success) {
      warn(`Ignored ${TRAINING_POST_CHANNEL}: ${describeIssues(parsed.error)}`);
      return;
    }
    host.post(parsed.data as HostMessage);
  });
  return host.onMessage((message) => target()?.send(TRAINING_MESSAGE_CHANNEL, message));
}
