import { describe, expect, it } from 'vitest';
import { imageDataset, parseCsv, tabularDataset } from '../../engine/data';
import { hostMessageSchema, workerMessageSchema } from '../../electron/ipc/trainingContract';

const csv = tabularDataset(parseCsv('a,colour,label\n1,red,x\n2,blue,y\n3,red,x\n4,blue,y\n5,red,x\n'), { features: ['a', 'colour'], target: 'label', task: 'classification' });
const images = imageDataset(
  ['cat', 'cat', 'dog', 'dog'].map((className) => ({ className, width: 2, height: 2, rgba: new Uint8Array(16).fill(200) })),
  { width: 2, height: 2, grayscale: true },
);
const message = (patch: Record<string, unknown> = {}, dataset: object = csv) => ({ type: 'registerDataset', requestId: 'reg-1', id: 'user:pets', dataset, ...patch });

describe('registerDataset over IPC', () => {
  it('accepts a table or an image folder built in the renderer, typed arrays intact', () => {
    const parsed = hostMessageSchema.safeParse(message());
    expect(parsed.success).toBe(true);
    const registered = parsed.data as unknown as { dataset: typeof csv };
    expect(registered.dataset.train.x).toBeInstanceOf(Float32Array);
    expect(registered.dataset.train.y).toBeInstanceOf(Int32Array);
    expect(hostMessageSchema.safeParse(message({}, images)).success).toBe(true);
    const regression = tabularDataset(parseCsv('a,b\n1,0.5\n2,1.5\n3,2.5\n4,3.5\n'), { features: ['a'], target: 'b', task: 'regression' });
    expect(hostMessageSchema.safeParse(message({}, regression)).success).toBe(true);
  });

  it('rejects malformed registrations', () => {
    const bad = [
      message({ id: 'mnist' }),
      message({ id: 'user:../../etc/passwd' }),
      message({ requestId: '' }),
      message({}, { ...csv, train: { ...csv.train, x: Array.from(csv.train.x) } }),
      message({}, { ...csv, train: { ...csv.train, y: new Float64Array(csv.train.count) } }),
      message({}, { ...csv, test: { ...csv.test, sampleShape: [0] } }),
      message({}, { ...csv, meta: { ...csv.meta, task: 'clustering' } }),
      message({}, { ...csv, meta: { ...csv.meta, options: [{ key: 'x' }] } }),
      message({}, { meta: csv.meta, train: csv.train }),
    ];
    for (const payload of bad) expect(hostMessageSchema.safeParse(payload).success, JSON.stringify(payload).slice(0, 80)).toBe(false);
  });

  it('lets the worker answer back', () => {
    expect(workerMessageSchema.safeParse({ type: 'datasetRegistered', requestId: 'reg-1', id: 'user:pets' }).success).toBe(true);
  });
});
