import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { encodeIdxUint8, gunzipIfNeeded, parseIdx } from '../../../engine/data/idx';
import { DatasetError } from '../../../engine/data/errors';

const dir = mkdtempSync(join(tmpdir(), 'netwright-idx-'));

describe('parseIdx', () => {
  it('reads the dimensions and bytes of an image file written to disk', () => {
    const pixels = Uint8Array.from({ length: 3 * 4 * 5 }, (_, i) => (i * 7) % 256);
    const path = join(dir, 'images-idx3-ubyte');
    writeFileSync(path, encodeIdxUint8([3, 4, 5], pixels));
    const parsed = parseIdx(new Uint8Array(readFileSync(path)));
    expect(parsed.dims).toEqual([3, 4, 5]);
    expect(parsed.data).toBeInstanceOf(Uint8Array);
    expect(Array.from(parsed.data)).toEqual(Array.from(pixels));
  });

  it('reads big-endian int32 and float32 files', () => {
    const header = [0, 0, 0x0c, 1, 0, 0, 0, 2];
    const ints = new Uint8Array([...header, 0xff, 0xff, 0xff, 0xfe, 0, 0, 1, 0]);
    expect(Array.from(parseIdx(ints).data)).toEqual([-2, 256]);
    const floats = new Uint8Array([0, 0, 0x0d, 1, 0, 0, 0, 1, 0x3f, 0xc0, 0, 0]);
    expect(Array.from(parseIdx(floats).data)).toEqual([1.5]);
  });

  it('rejects a truncated file, naming it and the sizes', () => {
    const bytes = encodeIdxUint8([2, 2], new Uint8Array(4)).subarray(0, 14);
    expect(() => parseIdx(bytes, 'labels.idx')).toThrow(DatasetError);
    expect(() => parseIdx(bytes, 'labels.idx')).toThrow(/labels\.idx .*2×2 need 16 bytes but the file has 14/);
  });

  it('rejects a file that does not start with the IDX magic', () => {
    expect(() => parseIdx(new Uint8Array([1, 2, 8, 1, 0, 0, 0, 0]))).toThrow(/first two bytes/);
  });
});

describe('gunzipIfNeeded', () => {
  it('inflates gzip data and passes plain data through', async () => {
    const plain = encodeIdxUint8([4], new Uint8Array([1, 2, 3, 4]));
    expect(Array.from(await gunzipIfNeeded(new Uint8Array(gzipSync(plain))))).toEqual(Array.from(plain));
    expect(await gunzipIfNeeded(plain)).toBe(plain);
  });
});
