import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES, MAX_IMPORT_FILES, readFileLikes } from '../../../renderer/host/browserFiles';

const file = (name: string, bytes: number[] | number) => {
  const data = typeof bytes === 'number' ? null : new Uint8Array(bytes);
  return { name, size: data ? data.length : (bytes as number), arrayBuffer: async () => (data ?? new Uint8Array(0)).buffer as ArrayBuffer };
};

describe('model files read by the page', () => {
  it('keeps each file’s name and bytes', async () => {
    expect(await readFileLikes([file('model.json', [123, 125]), file('a.bin', [1, 2, 3, 4])])).toEqual({
      files: [
        { name: 'model.json', data: new Uint8Array([123, 125]) },
        { name: 'a.bin', data: new Uint8Array([1, 2, 3, 4]) },
      ],
    });
  });

  it('refuses too many files or too many bytes before reading any', async () => {
    const many = Array.from({ length: MAX_IMPORT_FILES + 1 }, (_, i) => file(`${i}.bin`, [0]));
    await expect(readFileLikes(many)).rejects.toThrow(/files were given/);
    const huge = { name: 'huge.onnx', size: MAX_IMPORT_BYTES + 1, arrayBuffer: () => Promise.reject(new Error('read')) };
    await expect(readFileLikes([huge])).rejects.toThrow(/more than the 1024 MiB/);
  });
});
