import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createEmptyDocument } from '../../../engine/model';
import type { Host } from '../../../renderer/host/host';
import { openProject, openRecentProject, saveProject } from '../../../renderer/project/projectActions';
import { parseProject } from '../../../engine/model';

const template = readFileSync(path.resolve(import.meta.dirname, '../../../templates/lenet5.json'), 'utf8');

function host(overrides: Partial<Host>): Host {
  const fail = () => Promise.reject(new Error('not expected'));
  return {
    kind: 'electron',
    openFile: fail,
    openRecent: fail,
    saveFile: fail,
    saveBinary: fail,
    openModelFiles: fail,
    recentFiles: async () => [],
    writeRecovery: fail,
    readRecovery: async () => null,
    clearRecovery: async () => undefined,
    setMenu: () => undefined,
    onMenuCommand: () => () => undefined,
    setTitle: () => undefined,
    training: { post: () => undefined, onMessage: () => () => undefined },
    ...overrides,
  };
}

describe('openProject', () => {
  it('opens a valid file with its location', async () => {
    const outcome = await openProject(host({ openFile: async () => ({ name: 'lenet5.json', path: '/p/lenet5.json', data: new TextEncoder().encode(template) }) }));
    expect(outcome).toMatchObject({ status: 'opened', file: { name: 'lenet5.json', path: '/p/lenet5.json' } });
    expect(outcome.status === 'opened' && outcome.doc.name).toBe('LeNet-5');
  });

  it('returns cancelled, or a failure message, but never throws', async () => {
    expect(await openProject(host({ openFile: async () => null }))).toEqual({ status: 'cancelled' });
    const broken = await openProject(host({ openFile: async () => ({ name: 'broken.netwright', data: new TextEncoder().encode('{"a":') }) }));
    expect(broken).toMatchObject({ status: 'failed', message: expect.stringContaining('"broken.netwright"') });
    const denied = await openRecentProject(host({ openRecent: () => Promise.reject(new Error('Could not read /p/x: permission denied.')) }), '/p/x');
    expect(denied).toEqual({ status: 'failed', message: 'Could not read /p/x: permission denied.', issues: [] });
  });
});

describe('saveProject', () => {
  it('saves the serialised document under a name made from the project name', async () => {
    const saveFile = vi.fn(async () => ({ name: 'My net.netwright', path: '/p/My net.netwright' }));
    const doc = createEmptyDocument('My net');
    expect(await saveProject(host({ saveFile }), doc, { path: '/p/old.netwright' }, false)).toEqual({
      status: 'saved',
      file: { name: 'My net.netwright', path: '/p/My net.netwright' },
    });
    const request = (saveFile.mock.calls[0] as unknown as [{ data: Uint8Array; path: string; suggestedName: string; saveAs: boolean }])[0];
    expect(request).toMatchObject({ path: '/p/old.netwright', suggestedName: 'My net.netwright', saveAs: false });
    expect(parseProject(new TextDecoder().decode(request.data), 'x')).toEqual({ ok: true, doc });
  });

  it('reports cancel and failure as outcomes', async () => {
    const doc = createEmptyDocument();
    expect(await saveProject(host({ saveFile: async () => null }), doc, {}, true)).toEqual({ status: 'cancelled' });
    expect(await saveProject(host({ saveFile: () => Promise.reject(new Error('Could not write /p/x: the disk is full.')) }), doc, {}, false)).toEqual({
      status: 'failed',
      message: 'Could not write /p/x: the disk is full.',
    });
  });
});
