/** NumPy .npy (format 1.0) and .npz writers for float32 and int32 arrays. */
import { concatBytes, utf8 } from './bytes';
import { writeZip } from './zip';

/** An array for NumPy: C-order values and their shape. */
export interface NpyArray {
  data: Float32Array | Int32Array;
  shape: readonly number[];
}

/** One .npy file: magic, a header padded to 64 bytes, then little-endian values. */
export function writeNpy(array: NpyArray): Uint8Array {
  const descr = array.data instanceof Float32Array ? '<f4' : '<i4';
  const shape = array.shape.length === 1 ? `(${array.shape[0]},)` : `(${array.shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`;
  const unpadded = 10 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const preamble = new Uint8Array(10);
  preamble.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(preamble.buffer).setUint16(8, header.length, true);
  const body = new Uint8Array(array.data.length * 4);
  const view = new DataView(body.buffer);
  if (array.data instanceof Float32Array) array.data.forEach((v, i) => view.setFloat32(i * 4, v, true));
  else array.data.forEach((v, i) => view.setInt32(i * 4, v, true));
  return concatBytes([preamble, utf8(header), body]);
}

/** An .npz archive (np.load reads it) with one array per name. */
export function writeNpz(arrays: Record<string, NpyArray>): Uint8Array {
  return writeZip(Object.entries(arrays).map(([name, array]) => ({ path: `${name}.npy`, data: writeNpy(array) })));
}

/**
 * The key an engine weight name gets inside an .npz. Zip readers cut names at NUL (Python's zipfile
 * does) and UTF-8 cannot carry lone surrogates, so those, and "%" itself, are %-escaped: the mapping
 * stays one-to-one, and plain names are unchanged.
 */
export function npzKey(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/%|\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (ch) =>
    ch === '%' ? '%25' : ch === '\u0000' ? '%00' : `%u${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
