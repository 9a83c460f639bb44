import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { availableDatasets, loadDataset } from '../../../engine/data';
import { createFetchDataIo } from '../../../engine/data/fetchIo';

/** Serves the repository's data/ folder under /data, as the web host's dev server does. */
const fakeFetch = (async (input: string | URL | Request) => {
  const url = String(input);
  try {
    return new Response(readFileSync(new URL(`../../../${url.replace(/^\//, '')}`, import.meta.url)));
  } catch {
    return new Response('not found', { status: 404, statusText: 'Not Found' });
  }
}) as typeof fetch;

describe('createFetchDataIo', () => {
  it('loads a built-in dataset over HTTP and offers only the folders it is given', async () => {
    const io = createFetchDataIo({ sklearn: '/data/sklearn/' }, fakeFetch);
    expect(io.locate('sklearn/iris.csv')).toBe('/data/sklearn/iris.csv');
    const ids = availableDatasets(io).map((m) => m.id);
    expect(ids).toContain('digits');
    expect(ids).not.toContain('mnist');
    const digits = await loadDataset('digits', {}, io);
    expect(digits.train.count + digits.test.count).toBe(1797);
  });

  it('turns an HTTP error into a dataset error naming the URL', async () => {
    const io = createFetchDataIo({ sklearn: '/nowhere' }, fakeFetch);
    await expect(loadDataset('wine', {}, io)).rejects.toThrow(/\/nowhere\/wine_data\.csv answered 404/);
  });
});
