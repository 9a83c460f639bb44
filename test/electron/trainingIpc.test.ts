import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parseDocument } from '../../engine/model';
import type { HostMessage, WorkerMessage } from '../../engine/training/protocol';
import { createPreloadApi, type IpcRendererLike } from '../../electron/preload/api';
import { registerTrainingIpc } from '../../electron/training/trainingIpc';
import { createSenderCheck } from '../../electron/ipc/senders';
import { TRAINING_MESSAGE_CHANNEL, TRAINING_POST_CHANNEL } from '../../electron/ipc/trainingContract';
import { eventFrom, FakeIpcMain } from './fakes';

const root = path.resolve(import.meta.dirname, '../..');
const parsed = parseDocument(JSON.parse(readFileSync(path.join(root, 'templates/mlp-mnist.json'), 'utf8')));
if (!parsed.ok) throw new Error(parsed.error);
const document = parsed.doc;
const startMessage: HostMessage = { type: 'start', protocol: 1, runId: 'r1', document, initialWeights: { 'hidden/bias': new Float32Array(128) } };

function relay() {
  const ipcMain = new FakeIpcMain();
  let hostListener: ((m: WorkerMessage) => void) | null = null;
  const host = { post: vi.fn(), onMessage: vi.fn((l: (m: WorkerMessage) => void) => ((hostListener = l), () => (hostListener = null))) };
  const mainSender = { id: 1 };
  const target = { send: vi.fn() };
  const warn = vi.fn();
  let windowOpen = true;
  const stop = registerTrainingIpc({
    ipcMain,
    host,
    isTrustedSender: createSenderCheck(['app://netwright']),
    isMainWindow: (sender) => sender === mainSender,
    target: () => (windowOpen ? target : null),
    warn,
  });
  const fromApp = () => ({ ...eventFrom('app://netwright/index.html'), sender: mainSender });
  return { ipcMain, host, target, warn, stop, fromApp, emitFromWorker: (m: WorkerMessage) => hostListener?.(m), closeWindow: () => (windowOpen = false) };
}

describe('training IPC relay', () => {
  it('passes a valid start message from the main window to the training host, weights included', () => {
    const { ipcMain, host, fromApp } = relay();
    ipcMain.emit(TRAINING_POST_CHANNEL, fromApp(), startMessage);
    expect(host.post).toHaveBeenCalledTimes(1);
    const posted = host.post.mock.calls[0][0] as Extract<HostMessage, { type: 'start' }>;
    expect(posted.runId).toBe('r1');
    expect(posted.document.nodes.map((n) => n.id)).toEqual(document.nodes.map((n) => n.id));
    expect(posted.initialWeights!['hidden/bias']).toBeInstanceOf(Float32Array);
    ipcMain.emit(TRAINING_POST_CHANNEL, fromApp(), { type: 'pause' });
    expect(host.post).toHaveBeenLastCalledWith({ type: 'pause' });
  });

  it('ignores messages from other frames, other windows, and malformed payloads', () => {
    const { ipcMain, host, warn, fromApp } = relay();
    ipcMain.emit(TRAINING_POST_CHANNEL, { ...eventFrom('https://evil.example/'), sender: { id: 1 } }, { type: 'stop' });
    ipcMain.emit(TRAINING_POST_CHANNEL, { ...eventFrom('app://netwright/index.html'), sender: { id: 2 } }, { type: 'stop' });
    ipcMain.emit(TRAINING_POST_CHANNEL, fromApp(), { type: 'format-disk' });
    ipcMain.emit(TRAINING_POST_CHANNEL, fromApp(), { ...startMessage, protocol: 2 });
    ipcMain.emit(TRAINING_POST_CHANNEL, fromApp(), { ...startMessage, initialWeights: { 'hidden/bias': [1, 2, 3] } });
    ipcMain.emit(TRAINING_POST_CHANNEL, fromApp(), { type: 'predict', requestId: 'p', model: { document, weights: {}, normalisation: { kind: 'none', offset: [], scale: [] } }, inputs: new Float32Array(784), count: 0 });
    expect(host.post).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(6);
  });

  it('forwards worker messages to the main window while one is open', () => {
    const { target, emitFromWorker, closeWindow, stop } = relay();
    const progress: WorkerMessage = { type: 'progress', runId: 'r1', batches: new Float32Array(6), epoch: 1, progress: 0.1, elapsedSeconds: 1, etaSeconds: 9 };
    emitFromWorker(progress);
    expect(target.send).toHaveBeenCalledWith(TRAINING_MESSAGE_CHANNEL, progress);
    closeWindow();
    emitFromWorker({ type: 'paused', runId: 'r1' });
    expect(target.send).toHaveBeenCalledTimes(1);
    stop();
  });
});

describe('preload training API', () => {
  function fakeIpc() {
    const listeners = new Map<string, (event: unknown, ...args: unknown[]) => void>();
    const ipc = {
      invoke: vi.fn(async () => ({ ok: true, value: null })),
      send: vi.fn(),
      on: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => void) => listeners.set(channel, listener)),
      removeListener: vi.fn((channel: string) => listeners.delete(channel)),
    } satisfies IpcRendererLike;
    return { ipc, listeners };
  }

  it('sends valid host messages and refuses malformed ones before they leave the renderer', () => {
    const { ipc } = fakeIpc();
    const api = createPreloadApi(ipc);
    api.training.post({ type: 'stop' });
    expect(ipc.send).toHaveBeenCalledWith(TRAINING_POST_CHANNEL, { type: 'stop' });
    expect(() => api.training.post({ type: 'start', protocol: 1, runId: '', document } as HostMessage)).toThrow(/Invalid message/);
    expect(ipc.send).toHaveBeenCalledTimes(1);
  });

  it('relays worker messages of known kinds only, and unsubscribes', () => {
    const { ipc, listeners } = fakeIpc();
    const received: WorkerMessage[] = [];
    const unsubscribe = createPreloadApi(ipc).training.onMessage((m) => received.push(m));
    const relayed = listeners.get(TRAINING_MESSAGE_CHANNEL)!;
    relayed({}, { type: 'paused', runId: 'r1' });
    relayed({}, { type: 'exfiltrate' });
    relayed({}, 'text');
    expect(received).toEqual([{ type: 'paused', runId: 'r1' }]);
    unsubscribe();
    expect(ipc.removeListener).toHaveBeenCalledWith(TRAINING_MESSAGE_CHANNEL, relayed);
  });
});
