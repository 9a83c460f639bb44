import { describe, expect, it } from 'vitest';
import { parseCsv, tabularDataset } from '../../../engine/data';
import type { Dataset } from '../../../engine/data';
import { DataRandom } from '../../../engine/data/random';
import type { RegisterDatasetRequest } from '../../../engine/training/protocol';
import { recordingSession, start, template } from './sessionHelpers';

/** A CSV a person might bring: two measurements and a text label, class 'inside' within radius 1. */
function ringCsv(rows: number, seed: number): string {
  const random = new DataRandom(seed);
  const lines = ['width,height,kind'];
  for (let i = 0; i < rows; i++) {
    const x = random.uniform(-2, 2);
    const y = random.uniform(-2, 2);
    lines.push(`${x.toFixed(4)},${y.toFixed(4)},${x * x + y * y < 1.3 ? 'inside' : 'outside'}`);
  }
  return lines.join('\n');
}

function csvDataset(rows = 600, seed = 3): Dataset {
  const table = parseCsv(ringCsv(rows, seed));
  return tabularDataset(table, { features: ['width', 'height'], target: 'kind', task: 'binary' }, { name: 'ring.csv' });
}

const register = (id: string, dataset: Dataset, requestId = `reg-${id}`): RegisterDatasetRequest => ({ type: 'registerDataset', requestId, id, dataset });
const ringModel = (epochs: number) => template('binary-2d.json', { dataset: { name: 'user:ring', options: { file: 'ring.csv' } }, epochs, batchSize: 32 });

describe('datasets a host registers', () => {
  it('trains and evaluates on a registered CSV dataset', async () => {
    const { session, ofType } = recordingSession();
    await session.handle(register('user:ring', csvDataset()));
    expect(ofType('datasetRegistered')).toEqual([{ type: 'datasetRegistered', requestId: 'reg-user:ring', id: 'user:ring' }]);

    const document = ringModel(30);
    await session.handle(start(document));
    expect(ofType('error')).toEqual([]);
    const done = ofType('done')[0];
    expect(done.epochs.at(-1)!.valAccuracy).toBeGreaterThan(0.9);

    await session.handle({ type: 'evaluate', requestId: 'e1', model: { document, weights: done.weights, normalisation: done.normalisation! } });
    const evaluation = ofType('evaluation')[0];
    expect(evaluation.classes).toEqual(['inside', 'outside']);
    expect(evaluation.count).toBe(120);
  });

  it('reports a user dataset it does not hold as missing, for runs and requests alike', async () => {
    const { session, ofType } = recordingSession();
    await session.handle(start(ringModel(1)));
    const error = ofType('error')[0];
    expect(error).toMatchObject({ code: 'dataset', missingDataset: 'user:ring' });
    expect(error.message).toContain("'user:ring' is not loaded");
    await session.handle({ type: 'datasetPreview', requestId: 'p1', dataset: { name: 'user:ring', options: {} }, samples: 4 });
    expect(ofType('requestFailed')[0]).toMatchObject({ requestId: 'p1', missingDataset: 'user:ring' });
  });

  it('a start posted right after the registration finds the dataset (registration is handled synchronously)', async () => {
    const { session, ofType } = recordingSession();
    void session.handle(register('user:ring', csvDataset(200)));
    await session.handle(start(ringModel(1)));
    expect(ofType('done')).toHaveLength(1);
  });

  it('a new registration under the same name replaces the old one in previews', async () => {
    const { session, ofType } = recordingSession();
    await session.handle(register('user:ring', csvDataset(200)));
    await session.handle({ type: 'datasetPreview', requestId: 'p1', dataset: { name: 'user:ring', options: {} }, samples: 3 });
    await session.handle(register('user:ring', csvDataset(500, 9)));
    await session.handle({ type: 'datasetPreview', requestId: 'p2', dataset: { name: 'user:ring', options: {} }, samples: 3 });
    const [first, second] = ofType('datasetPreview');
    expect(first.meta.trainCount + first.meta.testCount).toBe(200);
    expect(second.meta.trainCount + second.meta.testCount).toBe(500);
    expect(second.meta.id).toBe('user:ring');
  });

  it('refuses inconsistent datasets and bad names, and keeps built-in names for the registry', async () => {
    const { session, ofType } = recordingSession();
    const good = csvDataset(100);
    const shortX: Dataset = { ...good, train: { ...good.train, x: good.train.x.subarray(1) } };
    const badClass: Dataset = { ...good, train: { ...good.train, y: Int32Array.from(good.train.y, (c, i) => (i === 4 ? 7 : c)) } };
    await session.handle(register('user:a', shortX, 'r1'));
    await session.handle(register('user:b', badClass, 'r2'));
    await session.handle(register('mnist', good, 'r3'));
    const failed = ofType('requestFailed');
    expect(failed.map((f) => f.requestId)).toEqual(['r1', 'r2', 'r3']);
    expect(failed[0].message).toMatch(/train split: \d+ input values for \d+ samples of 2/);
    expect(failed[1].message).toMatch(/sample 5 has class id 7 but there are 2 classes/);
    expect(failed[2].message).toMatch(/not a valid name/);
    expect(ofType('datasetRegistered')).toEqual([]);
  });
});
