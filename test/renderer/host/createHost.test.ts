import { renderToString } from 'react-dom/server';
import { createElement } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { createHost } from '../../../renderer/host/createHost';
import { HostProvider, useHost } from '../../../renderer/host/HostContext';
import type { NetwrightApi } from '../../../renderer/host/netwright';

function fakeApi(): NetwrightApi {
  return {
    openFile: vi.fn(async () => null),
    openRecent: vi.fn(async (path: string) => ({ name: 'a', path, data: new TextEncoder().encode('{}') })),
    saveFile: vi.fn(async () => null),
    openModelFiles: vi.fn(async () => null),
    recentFiles: vi.fn(async () => [{ name: 'a.netwright', path: '/p/a.netwright' }]),
    writeRecovery: vi.fn(async () => undefined),
    readRecovery: vi.fn(async () => null),
    clearRecovery: vi.fn(async () => undefined),
    saveBinary: vi.fn(async () => ({ name: 'cnn.onnx', path: '/p/cnn.onnx' })),
    setMenu: vi.fn(),
    setTitle: vi.fn(),
    onMenuCommand: vi.fn(() => () => undefined),
    training: { post: vi.fn(), onMessage: vi.fn(() => () => undefined) },
  };
}

describe('createHost', () => {
  it('uses the Electron host when the preload API is present', async () => {
    const api = fakeApi();
    const host = createHost({ netwright: api });
    expect(host.kind).toBe('electron');
    expect(await host.recentFiles()).toEqual([{ name: 'a.netwright', path: '/p/a.netwright' }]);
    await host.openRecent('/p/a.netwright');
    expect(api.openRecent).toHaveBeenCalledWith('/p/a.netwright');
    host.setTitle('LeNet-5', true);
    expect(api.setTitle).toHaveBeenCalledWith('• LeNet-5 — Netwright', true);
    const listener = vi.fn();
    host.onMenuCommand(listener);
    expect(api.onMenuCommand).toHaveBeenCalledWith(listener);
    const exported = { data: new Uint8Array([1, 2]), suggestedName: 'cnn.onnx', filters: [{ name: 'ONNX model', extensions: ['onnx'] }] };
    expect(await host.saveBinary(exported)).toEqual({ name: 'cnn.onnx', path: '/p/cnn.onnx' });
    expect(api.saveBinary).toHaveBeenCalledWith(exported);
  });

  it('falls back to the web host in a plain browser', () => {
    vi.stubGlobal('window', { localStorage: null });
    vi.stubGlobal('document', { title: '', createElement: vi.fn() });
    try {
      expect(createHost({}).kind).toBe('web');
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('HostProvider / useHost', () => {
  function ShowKind() {
    return createElement('span', null, useHost().kind);
  }

  it('gives components the provided host', () => {
    const host = createHost({ netwright: fakeApi() });
    expect(renderToString(createElement(HostProvider, { host, children: createElement(ShowKind) }))).toBe('<span>electron</span>');
  });

  it('fails loudly without a provider', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => renderToString(createElement(ShowKind))).toThrow(/HostProvider/);
    spy.mockRestore();
  });
});
