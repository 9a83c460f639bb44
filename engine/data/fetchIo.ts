/**
 * File access for the built-in datasets in a browser (a Web Worker of the web host): each data folder
 * is a base URL the page serves; a folder without a URL is absent, so its datasets are not offered.
 */
import type { DataFileKey, DataIo } from './types';

/** Base URLs of the data folders, e.g. { mnist: '/data/mnist', sklearn: '/data/sklearn' }. */
export type DataFolderUrls = Partial<Record<'mnist' | 'fashion-mnist' | 'sklearn', string>>;

/** A DataIo over HTTP; `fetchImpl` defaults to the global fetch. */
export function createFetchDataIo(folders: DataFolderUrls, fetchImpl: typeof fetch = (input, init) => fetch(input, init)): DataIo {
  return {
    locate(file: DataFileKey): string | null {
      const slash = file.indexOf('/');
      const base = folders[file.slice(0, slash) as keyof DataFolderUrls];
      return base ? `${base.replace(/\/$/, '')}/${file.slice(slash + 1)}` : null;
    },
    async readFile(url: string): Promise<Uint8Array> {
      const response = await fetchImpl(url);
      if (!response.ok) throw new Error(`${url} answered ${response.status} ${response.statusText}`);
      return new Uint8Array(await response.arrayBuffer());
    },
  };
}
