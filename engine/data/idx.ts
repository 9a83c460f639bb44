/**
 * The IDX format of MNIST and Fashion-MNIST: two zero bytes, a type byte, the number of dimensions, each
 * dimension as a big-endian uint32, then the values big-endian in row-major order.
 */
import { DatasetError } from './errors';

/** A parsed IDX file: its dimensions and values (unsigned bytes stay a view of the file, no copy). */
export interface IdxArray {
  dims: number[];
  data: Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;
}

const TYPE_SIZES: Record<number, number> = { 0x08: 1, 0x09: 1, 0x0b: 2, 0x0c: 4, 0x0d: 4, 0x0e: 8 };

/** Parses an IDX file; `name` appears in errors. */
export function parseIdx(bytes: Uint8Array, name = 'IDX file'): IdxArray {
  const fail = (why: string): never => {
    throw new DatasetError('badFile', `${name} is not a valid IDX file: ${why}.`, 'Reinstall the dataset package, or check that the file is not truncated.');
  };
  if (bytes.length < 4) fail('it is shorter than its 4-byte header');
  if (bytes[0] !== 0 || bytes[1] !== 0) fail('its first two bytes are not zero');
  const type = bytes[2];
  const valueSize = TYPE_SIZES[type];
  if (valueSize === undefined) fail(`unknown value type 0x${type.toString(16)}`);
  const rank = bytes[3];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerSize = 4 + 4 * rank;
  if (bytes.length < headerSize) fail(`it is shorter than its header (${rank} dimensions)`);
  const dims: number[] = [];
  let count = 1;
  for (let i = 0; i < rank; i++) {
    const d = view.getUint32(4 + 4 * i, false);
    dims.push(d);
    count *= d;
  }
  const expected = headerSize + count * valueSize;
  if (bytes.length !== expected) fail(`dimensions ${dims.join('×')} need ${expected} bytes but the file has ${bytes.length}`);

  if (type === 0x08) return { dims, data: bytes.subarray(headerSize, expected) };
  if (type === 0x09) return { dims, data: new Int8Array(bytes.buffer, bytes.byteOffset + headerSize, count) };
  const read = (make: (n: number) => IdxArray['data'], get: (offset: number) => number): IdxArray => {
    const data = make(count);
    for (let i = 0; i < count; i++) data[i] = get(headerSize + i * valueSize);
    return { dims, data };
  };
  switch (type) {
    case 0x0b:
      return read((n) => new Int16Array(n), (o) => view.getInt16(o, false));
    case 0x0c:
      return read((n) => new Int32Array(n), (o) => view.getInt32(o, false));
    case 0x0d:
      return read((n) => new Float32Array(n), (o) => view.getFloat32(o, false));
    default:
      return read((n) => new Float64Array(n), (o) => view.getFloat64(o, false));
  }
}

/** Encodes values as an IDX file (the inverse of parseIdx), for tests and exports. */
export function encodeIdxUint8(dims: number[], values: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + values.length);
  const view = new DataView(out.buffer);
  out[2] = 0x08;
  out[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(values, 4 + 4 * dims.length);
  return out;
}

/** True when the bytes start with the gzip magic number. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Inflates gzip data with the platform's DecompressionStream (Node 18+ and browsers); other bytes pass through. */
export async function gunzipIfNeeded(bytes: Uint8Array): Promise<Uint8Array> {
  if (!isGzip(bytes)) return bytes;
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
