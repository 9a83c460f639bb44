import { describe, expect, it, vi } from 'vitest';
import { memoryRecoverySlot } from '../../../renderer/host/recoverySlot';
import type { RecoverySlot } from '../../../renderer/host/recoverySlot';
import { createWebHost, RECOVERY_STORAGE_KEY, type FileHandleLike, type WebHostEnvironment } from '../../../renderer/host/webHost';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

class MemoryStorage {
  readonly items = new Map<string, string>();
  full = false;
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (this.full) throw new DOMException('quota', 'QuotaExceededError');
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

function handle(name: string, content = ''): FileHandleLike & { content: string } {
  const h = {
    name,
    content,
    getFile: async () => ({ name, arrayBuffer: async () => bytes(h.content).buffer as ArrayBuffer }),
    createWritable: async () => {
      let buffer = '';
      const append = (data: string | Uint8Array) => void (buffer += typeof data === 'string' ? data : new TextDecoder().decode(data));
      return { write: async (data: string | Uint8Array) => append(data), close: async () => void (h.content = buffer) };
    },
  };
  return h;
}

const abort = () => Object.assign(new Error('The user aborted a request.'), { name: 'AbortError' });

function environment(overrides: Partial<WebHostEnvironment> = {}) {
  const clicked: { tag: string; download?: string; href?: string }[] = [];
  const storage = new MemoryStorage();
  const recoverySlot = memoryRecoverySlot();
  const env: WebHostEnvironment = {
    document: {
      title: '',
      createElement: ((tag: string) => {
        const element = { tag, click: () => clicked.push({ tag, download: element.download, href: element.href }), addEventListener: vi.fn() } as {
          tag: string;
          download?: string;
          href?: string;
          click(): void;
          addEventListener: ReturnType<typeof vi.fn>;
        };
        return element;
      }) as unknown as Document['createElement'],
    },
    storage,
    recoverySlot,
    createObjectURL: vi.fn(() => 'blob:netwright/1'),
    revokeObjectURL: vi.fn(),
    ...overrides,
  };
  return { env, storage, recoverySlot, clicked };
}

describe('web host', () => {
  it('keeps recovery snapshots, bytes and all, in its recovery slot (IndexedDB in a page)', async () => {
    const { env, recoverySlot } = environment();
    const host = createWebHost(env);
    const snapshot = { savedAt: '2025-03-01T12:00:00.000Z', origin: 'mlp.netwright', data: new Uint8Array([0x50, 0x4b, 3, 4, 0, 255]) };
    await host.writeRecovery(snapshot);
    expect(await recoverySlot.get()).toEqual(snapshot);
    expect(await createWebHost(env).readRecovery()).toEqual(snapshot);
    await host.clearRecovery();
    expect(await host.readRecovery()).toBeNull();
  });

  it('offers back the text an older build left in localStorage, once', async () => {
    const { env, storage } = environment();
    storage.items.set(RECOVERY_STORAGE_KEY, JSON.stringify({ savedAt: 'then', content: '{"x":1}' }));
    const host = createWebHost(env);
    expect(await host.readRecovery()).toEqual({ savedAt: 'then', data: bytes('{"x":1}') });
    await host.writeRecovery({ savedAt: 'now', data: bytes('{}') });
    expect(storage.items.has(RECOVERY_STORAGE_KEY)).toBe(false);
  });

  it('ignores a damaged recovery entry and explains a refused or missing store', async () => {
    const { env, storage, recoverySlot } = environment();
    storage.items.set(RECOVERY_STORAGE_KEY, '{"savedAt":');
    await recoverySlot.set({ savedAt: 1, data: 'not bytes' });
    const host = createWebHost(env);
    expect(await host.readRecovery()).toBeNull();
    const refusing: RecoverySlot = { ...memoryRecoverySlot(), set: () => Promise.reject(new DOMException('quota', 'QuotaExceededError')) };
    await expect(createWebHost({ ...env, recoverySlot: refusing }).writeRecovery({ savedAt: 'x', data: bytes('{}') })).rejects.toThrow(/storage is full/);
    await expect(createWebHost({ ...env, recoverySlot: null }).writeRecovery({ savedAt: 'x', data: bytes('{}') })).rejects.toThrow(/local storage/);
  });

  it('saves as a download when the browser has no save picker', async () => {
    const { env, clicked } = environment();
    const saved = await createWebHost(env).saveFile({ data: bytes('{"a":1}'), suggestedName: 'LeNet-5.netwright', saveAs: false });
    expect(saved).toEqual({ name: 'LeNet-5.netwright' });
    expect(clicked).toEqual([{ tag: 'a', download: 'LeNet-5.netwright', href: 'blob:netwright/1' }]);
    const blob = (env.createObjectURL as ReturnType<typeof vi.fn>).mock.calls[0][0] as Blob;
    expect(await blob.text()).toBe('{"a":1}');
  });

  it('with the File System Access API, saves back to the same file without asking again', async () => {
    const file = handle('mlp.netwright');
    const showSaveFilePicker = vi.fn(async () => file);
    const host = createWebHost(environment({ showSaveFilePicker }).env);
    const first = await host.saveFile({ data: bytes('v1'), suggestedName: 'mlp.netwright', saveAs: false });
    expect(first).toMatchObject({ name: 'mlp.netwright', path: expect.any(String) });
    const second = await host.saveFile({ data: bytes('v2'), path: first!.path, suggestedName: 'mlp.netwright', saveAs: false });
    expect(second).toEqual(first);
    expect(showSaveFilePicker).toHaveBeenCalledTimes(1);
    expect(file.content).toBe('v2');
  });

  it('asks again for "Save As", and returns null when the person cancels', async () => {
    const showSaveFilePicker = vi.fn(async () => handle('a.netwright'));
    const host = createWebHost(environment({ showSaveFilePicker }).env);
    const first = await host.saveFile({ data: bytes('v1'), suggestedName: 'a.netwright', saveAs: false });
    showSaveFilePicker.mockRejectedValueOnce(abort());
    expect(await host.saveFile({ data: bytes('v2'), path: first!.path, suggestedName: 'a.netwright', saveAs: true })).toBeNull();
    expect(showSaveFilePicker).toHaveBeenCalledTimes(2);
  });

  it('opens through the picker and can save back to the opened file', async () => {
    const file = handle('opened.netwright', '{"x":1}');
    const showSaveFilePicker = vi.fn();
    const host = createWebHost(environment({ showOpenFilePicker: async () => [file], showSaveFilePicker }).env);
    const opened = await host.openFile();
    expect(opened).toMatchObject({ name: 'opened.netwright', data: bytes('{"x":1}') });
    await host.saveFile({ data: bytes('{"x":2}'), path: opened!.path, suggestedName: 'opened.netwright', saveAs: false });
    expect(file.content).toBe('{"x":2}');
    expect(showSaveFilePicker).not.toHaveBeenCalled();
  });

  it('treats a cancelled open picker as no file', async () => {
    const host = createWebHost(environment({ showOpenFilePicker: () => Promise.reject(abort()) }).env);
    expect(await host.openFile()).toBeNull();
  });

  describe('saveBinary', () => {
    const onnx = { data: new Uint8Array([8, 7, 18, 0, 255]), suggestedName: 'cnn.onnx', filters: [{ name: 'ONNX model', extensions: ['onnx', '*'] }] };

    it('writes the bytes to the file the person picks, offering the filter as picker type', async () => {
      const written: unknown[] = [];
      let closed = false;
      const picked: FileHandleLike = {
        name: 'my-cnn.onnx',
        getFile: () => Promise.reject(new Error('not read')),
        createWritable: async () => ({ write: async (data) => void written.push(data), close: async () => void (closed = true) }),
      };
      const showSaveFilePicker = vi.fn(async () => picked);
      const { env, clicked } = environment({ showSaveFilePicker });
      expect(await createWebHost(env).saveBinary(onnx)).toEqual({ name: 'my-cnn.onnx' });
      expect(showSaveFilePicker).toHaveBeenCalledWith({
        suggestedName: 'cnn.onnx',
        types: [{ description: 'ONNX model', accept: { 'application/octet-stream': ['.onnx'] } }],
      });
      expect(written).toEqual([onnx.data]);
      expect(closed).toBe(true);
      expect(clicked).toEqual([]);
    });

    it('returns null when the person cancels the picker', async () => {
      const { env, clicked } = environment({ showSaveFilePicker: () => Promise.reject(abort()) });
      expect(await createWebHost(env).saveBinary(onnx)).toBeNull();
      expect(clicked).toEqual([]);
    });

    it('downloads the bytes as a file when the browser has no save picker', async () => {
      const { env, clicked } = environment();
      expect(await createWebHost(env).saveBinary(onnx)).toEqual({ name: 'cnn.onnx' });
      expect(clicked).toEqual([{ tag: 'a', download: 'cnn.onnx', href: 'blob:netwright/1' }]);
      const blob = (env.createObjectURL as ReturnType<typeof vi.fn>).mock.calls[0][0] as Blob;
      expect(blob.type).toBe('application/octet-stream');
      expect(new Uint8Array(await blob.arrayBuffer())).toEqual(onnx.data);
    });
  });

  it('has no recent files or native menu, and titles the tab', async () => {
    const { env } = environment();
    const host = createWebHost(env);
    expect(host.kind).toBe('web');
    expect(await host.recentFiles()).toEqual([]);
    await expect(host.openRecent('/x')).rejects.toThrow(/desktop app/);
    host.setMenu([{ label: 'File', items: [] }]);
    const listener = vi.fn();
    host.onMenuCommand(listener)();
    host.setTitle('LeNet-5', true);
    expect(env.document.title).toBe('• LeNet-5 — Netwright');
    host.setTitle('LeNet-5', false);
    expect(env.document.title).toBe('LeNet-5 — Netwright');
  });
});
