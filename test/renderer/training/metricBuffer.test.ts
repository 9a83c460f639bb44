import { describe, expect, it } from 'vitest';
import { MetricBuffer } from '../../../renderer/training/metricBuffer';

const rows = (from: number, to: number) => {
  const flat: number[] = [];
  for (let i = from; i < to; i++) flat.push(i, i * 10);
  return flat;
};

describe('MetricBuffer', () => {
  it('grows past its initial capacity and keeps every row in order', () => {
    const buffer = new MetricBuffer(2, 4, 1000);
    buffer.appendRows(rows(0, 3));
    buffer.appendRows(rows(3, 11));
    expect(buffer.length).toBe(11);
    expect(Array.from(buffer.column(0))).toEqual(Array.from({ length: 11 }, (_, i) => i));
    expect(Array.from(buffer.column(1))).toEqual(Array.from({ length: 11 }, (_, i) => i * 10));
    expect(buffer.last(1)).toBe(100);
  });

  it('drops the oldest rows once full at its maximum, columns still chronological', () => {
    const buffer = new MetricBuffer(2, 2, 5);
    buffer.appendRows(rows(0, 8));
    expect(buffer.length).toBe(5);
    expect(buffer.appended).toBe(8);
    expect(Array.from(buffer.column(0))).toEqual([3, 4, 5, 6, 7]);
    expect(buffer.last(0)).toBe(7);
  });

  it('ignores a trailing partial row and reports NaN when empty', () => {
    const buffer = new MetricBuffer(3);
    expect(buffer.last(0)).toBeNaN();
    buffer.appendRows([1, 2, 3, 4]);
    expect(buffer.length).toBe(1);
    expect(Array.from(buffer.column(2))).toEqual([3]);
  });
});
