import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { modelFileSetSchema } from '../../electron/ipc/importContract';
import { createImportModelService, readModelAt, readTfjsShards, shardPathProblem } from '../../electron/ipc/importModel';
import { onnxFile, tfjsFiles } from '../support/importFixtures';

let root: string;
let folder: string;

/** Writes model.json (with the given shard paths) and the real shard into `folder`. */
function writeModel(paths?: string[]): string {
  const [modelJson, shard] = tfjsFiles();
  const json = JSON.parse(new TextDecoder().decode(modelJson.data));
  if (paths) json.weightsManifest[0].paths = paths;
  writeFileSync(path.join(folder, shard.name), shard.data);
  const file = path.join(folder, 'model.json');
  writeFileSync(file, JSON.stringify(json));
  return file;
}

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'netwright-import-'));
  folder = path.join(root, 'iris-net');
  mkdirSync(folder);
  writeFileSync(path.join(root, 'secret.bin'), new Uint8Array(64));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('importing a model in the desktop app', () => {
  it('reads model.json and the shards its manifest names from the same folder, within the contract', async () => {
    const set = await readModelAt(writeModel());
    expect(set.folderName).toBe('iris-net');
    expect(set.files.map((f) => f.name)).toEqual(['model.json', 'group1-shard1of1.bin']);
    expect(set.files[1].data).toEqual(tfjsFiles()[1].data);
    expect(modelFileSetSchema.safeParse(set).success).toBe(true);
  });

  it('reads an .onnx file alone', async () => {
    const file = path.join(folder, 'iris.onnx');
    writeFileSync(file, onnxFile().data);
    const set = await readModelAt(file);
    expect(set.files).toHaveLength(1);
    expect(set.files[0].name).toBe('iris.onnx');
  });

  it.each([
    ['../secret.bin', /leads out of the folder/],
    ['sub/../../secret.bin', /leads out of the folder/],
    ['..\\secret.bin', /leads out of the folder/],
    ['/etc/passwd', /absolute path/],
    ['C:\\Windows\\win.ini', /absolute path/],
    ['/dev/zero', /absolute path/],
  ])('refuses the shard path %s before reading anything', async (shard, message) => {
    await expect(readModelAt(writeModel([shard]))).rejects.toThrow(message);
  });

  it('refuses a shard that is a link leading out of the folder, and one that is not a regular file', async () => {
    symlinkSync(path.join(root, 'secret.bin'), path.join(folder, 'outside.bin'));
    await expect(readModelAt(writeModel(['outside.bin']))).rejects.toThrow(/a link leading out of its folder/);
    symlinkSync('/dev/zero', path.join(folder, 'zero.bin'));
    await expect(readModelAt(writeModel(['zero.bin']))).rejects.toThrow(/link leading out|not a regular file/);
    mkdirSync(path.join(folder, 'dir.bin'));
    await expect(readModelAt(writeModel(['dir.bin']))).rejects.toThrow(/not a regular file/);
  });

  it('follows a link that stays inside the folder', async () => {
    writeModel();
    symlinkSync(path.join(folder, 'group1-shard1of1.bin'), path.join(folder, 'alias.bin'));
    const set = await readModelAt(writeModel(['alias.bin']));
    expect(set.files.map((f) => f.name)).toEqual(['model.json', 'alias.bin']);
  });

  it('names a missing shard and says where it should be', async () => {
    await expect(readModelAt(writeModel(['group1-shard1of1.bin', 'group1-shard2of2.bin']))).rejects.toThrow(/group1-shard2of2\.bin named in model\.json is missing.*Keep the \.bin files next to model\.json/);
  });

  it('refuses shards larger than the budget before reading them', async () => {
    const file = writeModel();
    const json = new Uint8Array(await import('node:fs/promises').then((fs) => fs.readFile(file)));
    await expect(readTfjsShards(file, json, 10)).rejects.toThrow(/add up to more than/);
  });

  it('checks shard paths by rule', () => {
    expect(shardPathProblem('group1-shard1of1.bin')).toBeNull();
    expect(shardPathProblem('weights/group1.bin')).toBeNull();
    expect(shardPathProblem('')).not.toBeNull();
    expect(shardPathProblem('a\u0000b')).not.toBeNull();
  });

  it('the service shows the open dialog and resolves null when it is cancelled', async () => {
    const showOpenDialog = vi.fn(async () => ({ canceled: true, filePaths: [] }));
    expect(await createImportModelService({ showOpenDialog })()).toBeNull();
    expect(showOpenDialog).toHaveBeenCalledWith(expect.objectContaining({ properties: ['openFile'] }));
    const file = writeModel();
    const chosen = createImportModelService({ showOpenDialog: async () => ({ canceled: false, filePaths: [file] }) });
    expect((await chosen())!.files).toHaveLength(2);
  });
});
