import { beforeEach, describe, expect, it, vi } from 'vitest';
import { registerIpcHandlers, type InvokeServices, type SendServices } from '../../electron/ipc/handlers';
import { invokeChannels, MAX_BINARY_BYTES, sendChannels } from '../../electron/ipc/contract';
import { APP_ORIGIN, createSenderCheck } from '../../electron/ipc/senders';
import { eventFrom, FakeIpcMain } from './fakes';

const APP_PAGE = `${APP_ORIGIN}/index.html`;
const validSave = { data: new TextEncoder().encode('{}'), suggestedName: 'model.netwright', saveAs: false };
const validBinary = { data: new Uint8Array([8, 1, 18, 4]), suggestedName: 'cnn.onnx', filters: [{ name: 'ONNX model', extensions: ['onnx'] }] };

function setup() {
  const ipcMain = new FakeIpcMain();
  const invoke = {
    'netwright:open-file': vi.fn(async () => ({ name: 'a.netwright', path: '/p/a.netwright', data: new TextEncoder().encode('{}') })),
    'netwright:open-recent': vi.fn(async (path: string) => ({ name: 'a', path, data: new TextEncoder().encode('{}') })),
    'netwright:save-file': vi.fn(async () => ({ name: 'model.netwright', path: '/p/model.netwright' })),
    'netwright:recent-files': vi.fn(async () => []),
    'netwright:recovery-write': vi.fn(async () => undefined),
    'netwright:recovery-read': vi.fn(async () => null),
    'netwright:recovery-clear': vi.fn(async () => undefined),
    'netwright:save-binary': vi.fn(async () => ({ name: 'cnn.onnx', path: '/p/cnn.onnx' })),
    'netwright:open-model': vi.fn(async () => null),
  } satisfies InvokeServices;
  const send = { 'netwright:set-menu': vi.fn(), 'netwright:set-title': vi.fn() } satisfies SendServices;
  const warn = vi.fn();
  registerIpcHandlers({ ipcMain, isTrustedSender: createSenderCheck([APP_ORIGIN]), invoke, send, warn });
  return { ipcMain, invoke, send, warn };
}

describe('IPC handlers', () => {
  let ctx: ReturnType<typeof setup>;
  beforeEach(() => {
    ctx = setup();
  });

  it('registers exactly the channels of the contract', () => {
    expect([...ctx.ipcMain.handlers.keys()].sort()).toEqual(Object.keys(invokeChannels).sort());
    expect([...ctx.ipcMain.listeners.keys()].sort()).toEqual(Object.keys(sendChannels).sort());
  });

  it('answers a valid request from the app page with the service result', async () => {
    const answer = await ctx.ipcMain.invoke('netwright:save-file', eventFrom(APP_PAGE), validSave);
    expect(answer).toEqual({ ok: true, value: { name: 'model.netwright', path: '/p/model.netwright' } });
    expect(ctx.invoke['netwright:save-file']).toHaveBeenCalledWith(validSave, { id: 1 });
  });

  it.each([
    ['a remote page', 'https://evil.example/index.html', null],
    ['a file:// page', 'file:///tmp/index.html', null],
    ['another app host', 'app://other/index.html', null],
    ['an iframe inside the app', APP_PAGE, { url: APP_PAGE }],
  ])('refuses requests from %s without calling the service', async (_what, url, parent) => {
    const answer = await ctx.ipcMain.invoke('netwright:recovery-read', eventFrom(url, parent));
    expect(answer).toMatchObject({ ok: false });
    expect(ctx.invoke['netwright:recovery-read']).not.toHaveBeenCalled();
    expect(ctx.warn).toHaveBeenCalled();
  });

  it('refuses requests whose frame is gone', async () => {
    const answer = await ctx.ipcMain.invoke('netwright:open-file', { senderFrame: null, sender: {} });
    expect(answer).toMatchObject({ ok: false });
    expect(ctx.invoke['netwright:open-file']).not.toHaveBeenCalled();
  });

  it.each([
    ['a missing request', undefined],
    ['a string', 'save please'],
    ['data that is not bytes', { ...validSave, data: '{}' }],
    ['a project over the size cap', { ...validSave, data: new Uint8Array(256 * 1024 * 1024 + 1) }],
    ['no saveAs flag', { data: new TextEncoder().encode('{}'), suggestedName: 'x' }],
    ['an empty file name', { ...validSave, suggestedName: '' }],
  ])('refuses a save request with %s', async (_what, payload) => {
    const answer = (await ctx.ipcMain.invoke('netwright:save-file', eventFrom(APP_PAGE), payload)) as { ok: boolean; error: string };
    expect(answer.ok).toBe(false);
    expect(answer.error).toMatch(/malformed request/);
    expect(ctx.invoke['netwright:save-file']).not.toHaveBeenCalled();
  });

  it('refuses an open-recent request that is not a path string', async () => {
    for (const payload of [undefined, '', 7, { path: '/x' }]) {
      expect(await ctx.ipcMain.invoke('netwright:open-recent', eventFrom(APP_PAGE), payload)).toMatchObject({ ok: false });
    }
    expect(ctx.invoke['netwright:open-recent']).not.toHaveBeenCalled();
  });

  it('passes the bytes of a valid binary save to the service untouched', async () => {
    const answer = await ctx.ipcMain.invoke('netwright:save-binary', eventFrom(APP_PAGE), validBinary);
    expect(answer).toEqual({ ok: true, value: { name: 'cnn.onnx', path: '/p/cnn.onnx' } });
    const [request] = ctx.invoke['netwright:save-binary'].mock.lastCall! as unknown as [typeof validBinary];
    expect(request.data).toBe(validBinary.data);
    expect(request.filters).toEqual(validBinary.filters);
  });

  it('refuses a binary save from a frame that is not the app', async () => {
    for (const event of [eventFrom('https://evil.example/'), eventFrom(APP_PAGE, { url: APP_PAGE })]) {
      expect(await ctx.ipcMain.invoke('netwright:save-binary', event, validBinary)).toMatchObject({ ok: false, error: expect.stringMatching(/refused/) });
    }
    expect(ctx.invoke['netwright:save-binary']).not.toHaveBeenCalled();
  });

  it.each([
    ['text instead of bytes', { ...validBinary, data: 'onnx bytes' }],
    ['a plain array of numbers', { ...validBinary, data: [8, 1, 18] }],
    ['an object with numeric keys (a typed array flattened by JSON)', { ...validBinary, data: { 0: 8, 1: 1 } }],
    ['a typed array that is not bytes', { ...validBinary, data: new Float32Array(4) }],
    ['an ArrayBuffer without a view', { ...validBinary, data: new ArrayBuffer(4) }],
    ['no data', { suggestedName: 'cnn.onnx' }],
    ['an extension filter that is a path', { ...validBinary, filters: [{ name: 'x', extensions: ['../../bashrc'] }] }],
  ])('refuses a binary save with %s', async (_what, payload) => {
    const answer = (await ctx.ipcMain.invoke('netwright:save-binary', eventFrom(APP_PAGE), payload)) as { ok: boolean; error: string };
    expect(answer).toMatchObject({ ok: false, error: expect.stringMatching(/malformed request/) });
    expect(ctx.invoke['netwright:save-binary']).not.toHaveBeenCalled();
  });

  it('refuses bytes over the size cap and says how large they were', async () => {
    const tooLarge = new Uint8Array(MAX_BINARY_BYTES + 1);
    const answer = (await ctx.ipcMain.invoke('netwright:save-binary', eventFrom(APP_PAGE), { ...validBinary, data: tooLarge })) as { ok: boolean; error: string };
    expect(answer.ok).toBe(false);
    expect(answer.error).toMatch(/The file is 256\.1 MiB, more than the 256 MiB Netwright can save/);
    expect(ctx.invoke['netwright:save-binary']).not.toHaveBeenCalled();
  });

  it('passes service errors back as readable messages', async () => {
    ctx.invoke['netwright:open-recent'].mockRejectedValueOnce(new Error('Could not read /p/x: permission denied.'));
    const answer = await ctx.ipcMain.invoke('netwright:open-recent', eventFrom(APP_PAGE), '/p/x');
    expect(answer).toEqual({ ok: false, error: 'Could not read /p/x: permission denied.' });
  });

  it('never lets an answer outside the contract reach the renderer', async () => {
    ctx.invoke['netwright:open-file'].mockResolvedValueOnce({ name: 'a', data: 5 } as never);
    const answer = await ctx.ipcMain.invoke('netwright:open-file', eventFrom(APP_PAGE));
    expect(answer).toMatchObject({ ok: false, error: expect.stringMatching(/internal error/) });
  });

  it('applies a valid menu and ignores malformed ones or ones from strangers', () => {
    const menu = [
      {
        label: 'File',
        items: [
          { kind: 'command', commandId: 'file.save', label: 'Save', accelerator: 'CmdOrCtrl+Shift+S', enabled: true },
          { kind: 'separator' },
          { kind: 'command', commandId: 'file.openRecent:/home/ada/My Models/lenet.netwright', label: 'Open Recent: lenet.netwright', enabled: true },
          { kind: 'command', commandId: 'template.open:mlp-mnist', label: 'MLP for MNIST', enabled: true },
        ],
      },
    ];
    ctx.ipcMain.emit('netwright:set-menu', eventFrom(APP_PAGE), menu);
    expect(ctx.send['netwright:set-menu']).toHaveBeenCalledWith(menu, { id: 1 });

    ctx.ipcMain.emit('netwright:set-menu', eventFrom('https://evil.example/'), menu);
    ctx.ipcMain.emit('netwright:set-menu', eventFrom(APP_PAGE), [{ label: 'File', items: [{ kind: 'command', commandId: 'open\u0000', label: 'x', enabled: true }] }]);
    ctx.ipcMain.emit('netwright:set-menu', eventFrom(APP_PAGE), [{ label: 'File', items: [{ kind: 'command', commandId: 'x'.repeat(10_000), label: 'x', enabled: true }] }]);
    ctx.ipcMain.emit('netwright:set-menu', eventFrom(APP_PAGE), [{ label: 'File', items: [{ kind: 'submenu' }] }]);
    expect(ctx.send['netwright:set-menu']).toHaveBeenCalledTimes(1);
  });

  it('sets the title only from a well-formed message', () => {
    ctx.ipcMain.emit('netwright:set-title', eventFrom(APP_PAGE), { title: 'LeNet-5 — Netwright', dirty: true });
    ctx.ipcMain.emit('netwright:set-title', eventFrom(APP_PAGE), { title: 'x', dirty: 'yes' });
    expect(ctx.send['netwright:set-title']).toHaveBeenCalledTimes(1);
    expect(ctx.send['netwright:set-title']).toHaveBeenCalledWith({ title: 'LeNet-5 — Netwright', dirty: true }, { id: 1 });
  });
});

describe('sender check', () => {
  it('trusts the dev server origin only when it is configured', () => {
    const devCheck = createSenderCheck(['http://localhost:5173']);
    expect(devCheck(eventFrom('http://localhost:5173/'))).toBe(true);
    expect(devCheck(eventFrom('http://localhost:5174/'))).toBe(false);
    expect(devCheck(eventFrom(APP_PAGE))).toBe(false);
    expect(createSenderCheck([APP_ORIGIN])(eventFrom('http://localhost:5173/'))).toBe(false);
  });
});
