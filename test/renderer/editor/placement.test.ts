import { describe, expect, it } from 'vitest';
import { boundsOf, CLEARANCE, findFreeSpot, FLOW_GAP, overlaps, placeAfter, placeInView } from '../../../renderer/editor/placement';
import type { Rect } from '../../../renderer/editor/placement';

const SIZE = { width: 200, height: 96 };
const at = (x: number, y: number, size = SIZE): Rect => ({ x, y, ...size });
const clearOfAll = (rect: Rect, others: readonly Rect[]) => others.every((o) => !overlaps(rect, o, CLEARANCE - 1));

describe('placement', () => {
  it('overlaps counts touching boxes as apart and grown boxes as overlapping', () => {
    expect(overlaps(at(0, 0), at(200, 0))).toBe(false);
    expect(overlaps(at(0, 0), at(199, 0))).toBe(true);
    expect(overlaps(at(0, 0), at(220, 0), 30)).toBe(true);
    expect(boundsOf([at(0, 0), at(300, 50)])).toEqual({ x: 0, y: 0, width: 500, height: 146 });
  });

  it('a layer after the selection goes right of it, left to right, and below it, top down', () => {
    const selected = at(100, 40);
    expect(placeAfter([selected], SIZE, [selected], 'RIGHT')).toEqual({ x: 300 + FLOW_GAP.RIGHT, y: 40 });
    expect(placeAfter([selected], SIZE, [selected], 'DOWN')).toEqual({ x: 100, y: 136 + FLOW_GAP.DOWN });
  });

  it('when the spot after the selection is taken, the layer goes beside the occupant, never on it nor before the selection', () => {
    const selected = at(0, 0);
    const next = at(290, 0);
    const spot = placeAfter([selected], SIZE, [selected, next], 'RIGHT');
    expect(clearOfAll(at(spot.x, spot.y), [selected, next])).toBe(true);
    expect(spot.x).toBeGreaterThanOrEqual(200);
    // Stacked beside the sibling in the same column rather than pushed far along the chain.
    expect(spot.x).toBe(290);
  });

  it('fills a crowded column without overlapping anything', () => {
    const obstacles: Rect[] = [at(0, 0)];
    for (let i = 0; i < 12; i++) {
      const spot = placeAfter([obstacles[0]], SIZE, obstacles, 'RIGHT');
      const rect = at(spot.x, spot.y);
      expect(clearOfAll(rect, obstacles)).toBe(true);
      obstacles.push(rect);
    }
  });

  it('with nothing selected, places in free space in view, near its middle', () => {
    const view = { x: -500, y: -300, width: 1000, height: 600 };
    expect(placeInView(view, SIZE, [], 'RIGHT')).toEqual({ x: -100, y: -48 });
    const middle = at(-100, -48);
    const spot = placeInView(view, SIZE, [middle], 'RIGHT');
    const rect = at(spot.x, spot.y);
    expect(clearOfAll(rect, [middle])).toBe(true);
    expect(rect.x >= view.x && rect.y >= view.y && rect.x + rect.width <= view.x + view.width && rect.y + rect.height <= view.y + view.height).toBe(true);
  });

  it('a view with no free room still yields a spot that overlaps nothing', () => {
    const view = { x: 0, y: 0, width: 400, height: 200 };
    const wall = [at(0, 0, { width: 400, height: 200 })];
    const spot = findFreeSpot({ x: 100, y: 50 }, SIZE, wall, { direction: 'RIGHT', backward: true, within: view });
    expect(clearOfAll(at(spot.x, spot.y), wall)).toBe(true);
  });
});
