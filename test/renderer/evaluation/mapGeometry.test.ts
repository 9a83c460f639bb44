import { describe, expect, it } from 'vitest';
import { inputToMap, mapToInput, pointsToDraw } from '../../../renderer/evaluation/mapGeometry';

describe('decision map geometry', () => {
  const grid = { xMin: -2, xMax: 2, yMin: -1, yMax: 3 };

  it('puts the top left at (xMin, yMax) and the bottom right at (xMax, yMin)', () => {
    expect(mapToInput(grid, 0, 0)).toEqual([-2, 3]);
    expect(mapToInput(grid, 1, 1)).toEqual([2, -1]);
    expect(mapToInput(grid, 0.5, 0.5)).toEqual([0, 1]);
  });

  it('maps input points back to where they were clicked', () => {
    for (const [fx, fy] of [[0.1, 0.9], [0.73, 0.2], [0.5, 0.5]]) {
      const [x, y] = mapToInput(grid, fx, fy);
      const [bx, by] = inputToMap(grid, x, y);
      expect(bx).toBeCloseTo(fx, 12);
      expect(by).toBeCloseTo(fy, 12);
    }
  });

  it('draws every point when few, and thins only right answers when many, mistakes last', () => {
    const correct = (i: number) => i % 10 !== 0;
    expect(pointsToDraw(correct, 50, 100).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    const drawn = pointsToDraw(correct, 10_000, 2000);
    expect(drawn).toHaveLength(2000);
    const wrong = drawn.filter((i) => !correct(i));
    expect(wrong).toHaveLength(1000);
    expect(drawn.slice(1000)).toEqual(wrong);
    expect(new Set(drawn).size).toBe(2000);
  });
});
