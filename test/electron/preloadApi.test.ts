import { describe, expect, it, vi } from 'vitest';
import { MAX_BINARY_BYTES } from '../../electron/ipc/contract';
import { createPreloadApi, type IpcRendererLike, type PreloadApi } from '../../electron/preload/api';
import type { NetwrightApi } from '../../renderer/host/netwright';

// The renderer's declaration of window.netwright must describe what the preload really exposes.
const _exposedMatchesDeclaration: (api: PreloadApi) => NetwrightApi = (api) => api;
void _exposedMatchesDeclaration;

function fakeIpc(answer: unknown = { ok: true, value: null }) {
  const listeners = new Map<string, (event: unknown, ...args: unknown[]) => void>();
  const ipc = {
    invoke: vi.fn(async () => answer),
    send: vi.fn(),
    on: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => void) => listeners.set(channel, listener)),
    removeListener: vi.fn((channel: string) => listeners.delete(channel)),
  } satisfies IpcRendererLike;
  return { ipc, listeners };
}

describe('preload API', () => {
  it('sends a valid save request and returns the answer', async () => {
    const { ipc } = fakeIpc({ ok: true, value: { name: 'm.netwright', path: '/p/m.netwright' } });
    const request = { data: new TextEncoder().encode('{}'), suggestedName: 'm.netwright', saveAs: false };
    expect(await createPreloadApi(ipc).saveFile(request)).toEqual({ name: 'm.netwright', path: '/p/m.netwright' });
    expect(ipc.invoke).toHaveBeenCalledWith('netwright:save-file', request);
  });

  it('refuses to send malformed requests', async () => {
    const { ipc } = fakeIpc();
    const api = createPreloadApi(ipc);
    await expect(api.saveFile({ data: 3, suggestedName: 'x', saveAs: false } as never)).rejects.toThrow(/Invalid request/);
    await expect(api.openRecent('')).rejects.toThrow(/Invalid request/);
    expect(() => api.setMenu([{ label: 'File', items: [{ kind: 'command', commandId: 'save\n', label: 'X', enabled: true }] }])).toThrow(/Invalid message/);
    expect(ipc.invoke).not.toHaveBeenCalled();
    expect(ipc.send).not.toHaveBeenCalled();
  });

  it('sends export bytes as a Uint8Array and returns where they were saved, or null', async () => {
    const { ipc } = fakeIpc({ ok: true, value: { name: 'cnn.onnx', path: '/p/cnn.onnx' } });
    const request = { data: new Uint8Array([8, 7]), suggestedName: 'cnn.onnx', filters: [{ name: 'ONNX model', extensions: ['onnx'] }] };
    expect(await createPreloadApi(ipc).saveBinary(request)).toEqual({ name: 'cnn.onnx', path: '/p/cnn.onnx' });
    expect(ipc.invoke).toHaveBeenCalledWith('netwright:save-binary', request);
    expect(((ipc.invoke.mock.lastCall as unknown[])[1] as typeof request).data).toBe(request.data);
    expect(await createPreloadApi(fakeIpc({ ok: true, value: null }).ipc).saveBinary(request)).toBeNull();
  });

  it('refuses to send bytes that are not a Uint8Array or are over the size cap', async () => {
    const { ipc } = fakeIpc();
    const api = createPreloadApi(ipc);
    await expect(api.saveBinary({ data: [1, 2] as never, suggestedName: 'x.onnx' })).rejects.toThrow(/Invalid request.*binary data/);
    await expect(api.saveBinary({ data: new Uint8Array(MAX_BINARY_BYTES + 1), suggestedName: 'x.onnx' })).rejects.toThrow(
      'The file is 256.1 MiB, more than the 256 MiB Netwright can save.',
    );
    expect(ipc.invoke).not.toHaveBeenCalled();
  });

  it('turns an error answer into an Error with the main process message', async () => {
    const { ipc } = fakeIpc({ ok: false, error: 'Could not read /p/x: permission denied.' });
    await expect(createPreloadApi(ipc).openRecent('/p/x')).rejects.toThrow('Could not read /p/x: permission denied.');
  });

  it('rejects answers that do not match the contract', async () => {
    await expect(createPreloadApi(fakeIpc({ ok: true, value: { name: 5 } }).ipc).openFile()).rejects.toThrow(/Invalid answer/);
    await expect(createPreloadApi(fakeIpc('surprise').ipc).recentFiles()).rejects.toThrow(/Invalid answer/);
  });

  it('sends the title with its dirty flag', () => {
    const { ipc } = fakeIpc();
    createPreloadApi(ipc).setTitle('• LeNet-5 — Netwright', true);
    expect(ipc.send).toHaveBeenCalledWith('netwright:set-title', { title: '• LeNet-5 — Netwright', dirty: true });
  });

  it('relays menu commands as ids only, drops malformed ones, and unsubscribes', () => {
    const { ipc, listeners } = fakeIpc();
    const received: string[] = [];
    const unsubscribe = createPreloadApi(ipc).onMenuCommand((id) => received.push(id));
    const relay = listeners.get('netwright:menu-command')!;
    relay({ sender: 'event object stays in the preload' }, 'file.save');
    relay({}, { evil: true });
    relay({}, '');
    relay({}, 'open\u0007');
    relay({}, 'file.openRecent:/home/ada/My Models/lenet.netwright');
    expect(received).toEqual(['file.save', 'file.openRecent:/home/ada/My Models/lenet.netwright']);
    unsubscribe();
    expect(ipc.removeListener).toHaveBeenCalledWith('netwright:menu-command', relay);
  });
});
