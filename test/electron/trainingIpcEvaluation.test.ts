import { describe, expect, it } from 'vitest';
import { hostMessageSchema } from '../../electron/ipc/trainingContract';

const page = (patch: Record<string, unknown> = {}) => ({ type: 'datasetPreview', requestId: 'req-1', dataset: { name: 'mnist', options: { samples: 2000 } }, samples: 0, split: 'test', indices: Int32Array.from([4, 8, 15]), ...patch });

describe("Evaluate's pages of test samples over IPC", () => {
  it('keeps the split and the indices of a test-sample request, typed array intact', () => {
    const parsed = hostMessageSchema.safeParse(page());
    expect(parsed.success).toBe(true);
    const request = parsed.data as unknown as { split: string; indices: Int32Array };
    expect(request.split).toBe('test');
    expect(request.indices).toBeInstanceOf(Int32Array);
    expect(Array.from(request.indices)).toEqual([4, 8, 15]);
    // The picker's preview, without either, still passes.
    expect(hostMessageSchema.safeParse(page({ split: undefined, indices: undefined, samples: 5 })).success).toBe(true);
  });

  it('rejects other splits and indices that are not an Int32Array', () => {
    for (const bad of [page({ split: 'validation' }), page({ indices: [4, 8] }), page({ indices: Float32Array.from([1]) })]) {
      expect(hostMessageSchema.safeParse(bad).success).toBe(false);
    }
  });
});
