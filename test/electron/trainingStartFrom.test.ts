/** The IPC contract lets a start message carry what continuing a run needs: shapes and the input transform. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../engine/model';
import { hostMessageSchema } from '../../electron/ipc/trainingContract';

const root = path.resolve(import.meta.dirname, '../..');
const parsed = parseDocument(JSON.parse(readFileSync(path.join(root, 'templates/mlp-mnist.json'), 'utf8')));
if (!parsed.ok) throw new Error(parsed.error);
const start = {
  type: 'start',
  protocol: 1,
  runId: 'r2',
  document: parsed.doc,
  initialWeights: { 'hidden/bias': new Float32Array(128) },
  initialShapes: { 'hidden/bias': [128] },
  initialNormalisation: { kind: 'standardise', offset: [0.13], scale: [3.2] },
};

describe('start message from earlier weights', () => {
  it('keeps the weights\' shapes and input transform through validation', () => {
    const result = hostMessageSchema.safeParse(start);
    expect(result.success).toBe(true);
    expect(result.data).toMatchObject({ initialShapes: { 'hidden/bias': [128] }, initialNormalisation: { kind: 'standardise', offset: [0.13], scale: [3.2] } });
  });

  it('refuses malformed shapes and transforms', () => {
    expect(hostMessageSchema.safeParse({ ...start, initialShapes: { 'hidden/bias': [1.5] } }).success).toBe(false);
    expect(hostMessageSchema.safeParse({ ...start, initialNormalisation: { kind: 'log', offset: [], scale: [] } }).success).toBe(false);
  });
});
