/**
 * Edge geometry. A connection that jumps over several layers in a straight chain (a residual skip)
 * would be drawn behind the layers it bypasses, so it arcs around them instead.
 */
import { getBezierPath, Position } from '@xyflow/react';

export interface EdgeEnds {
  sourceX: number;
  sourceY: number;
  targetX: number;
  targetY: number;
  sourcePosition: Position;
  targetPosition: Position;
}

/** Straight-chain skips shorter than this along the flow are drawn as ordinary curves. */
const SKIP_MIN_SPAN = 320;
/** How far sideways the two ends may be and still count as one chain. */
const SKIP_MAX_OFFSET = 48;

/** SVG path and label position for a connection: [path, labelX, labelY]. */
export function edgePath(ends: EdgeEnds): [string, number, number] {
  const { sourceX: sx, sourceY: sy, targetX: tx, targetY: ty } = ends;
  const horizontal = ends.sourcePosition === Position.Right || ends.sourcePosition === Position.Left;
  const along = horizontal ? tx - sx : ty - sy;
  const across = horizontal ? ty - sy : tx - sx;
  if (along < SKIP_MIN_SPAN || Math.abs(across) > SKIP_MAX_OFFSET) {
    const [path, labelX, labelY] = getBezierPath(ends);
    return [path, labelX, labelY];
  }
  // Arc above (or, top-down, left of) the chain, higher for longer jumps.
  const lift = Math.min(160, 60 + along * 0.08);
  if (horizontal) {
    const c1 = `${sx + along * 0.2},${sy - lift * 1.33}`;
    const c2 = `${tx - along * 0.2},${ty - lift * 1.33}`;
    // The cubic's midpoint sits at 3/4 of the control points' offset.
    return [`M${sx},${sy} C${c1} ${c2} ${tx},${ty}`, (sx + tx) / 2, (sy + ty) / 2 - lift];
  }
  const c1 = `${sx - lift * 1.33},${sy + along * 0.2}`;
  const c2 = `${tx - lift * 1.33},${ty - along * 0.2}`;
  return [`M${sx},${sy} C${c1} ${c2} ${tx},${ty}`, (sx + tx) / 2 - lift, (sy + ty) / 2];
}
