import { Position } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { edgePath, labelFits, labelWidth } from '../../../renderer/components/edgePath';

const right = { sourcePosition: Position.Right, targetPosition: Position.Left };
const down = { sourcePosition: Position.Bottom, targetPosition: Position.Top };

describe('edgePath', () => {
  it('a long skip along a straight left-to-right chain arcs above it, label included', () => {
    const [path, , labelY] = edgePath({ ...right, sourceX: 0, sourceY: 100, targetX: 900, targetY: 100 });
    const controlYs = [...path.matchAll(/C([\d.-]+),([\d.-]+) ([\d.-]+),([\d.-]+)/g)].flatMap((m) => [Number(m[2]), Number(m[4])]);
    expect(Math.max(...controlYs)).toBeLessThan(100);
    expect(labelY).toBeLessThan(100 - 60);
  });

  it('a top-down skip arcs to the left', () => {
    const [, labelX] = edgePath({ ...down, sourceX: 200, sourceY: 0, targetX: 200, targetY: 800 });
    expect(labelX).toBeLessThan(200 - 60);
  });

  it('neighbouring layers get an ordinary curve with its label between them', () => {
    const [, labelX, labelY] = edgePath({ ...right, sourceX: 0, sourceY: 100, targetX: 120, targetY: 100 });
    expect(labelX).toBe(60);
    expect(labelY).toBe(100);
  });

  it('a label fits between layers with room for it, and not between close ones', () => {
    const width = labelWidth('28×28×1');
    const fits = (ends: Parameters<typeof labelFits>[0]) => {
      const [, x, y] = edgePath(ends);
      return labelFits(ends, x, y, width);
    };
    expect(fits({ ...right, sourceX: 0, sourceY: 100, targetX: 90, targetY: 100 })).toBe(true);
    expect(fits({ ...right, sourceX: 0, sourceY: 100, targetX: 30, targetY: 100 })).toBe(false);
    // Far apart across the flow, the midpoint is clear of both layers however close they are along it.
    expect(fits({ ...right, sourceX: 0, sourceY: 0, targetX: 20, targetY: 300 })).toBe(true);
    expect(fits({ ...down, sourceX: 100, sourceY: 0, targetX: 100, targetY: 60 })).toBe(true);
    expect(fits({ ...down, sourceX: 100, sourceY: 0, targetX: 100, targetY: 12 })).toBe(false);
  });
});
