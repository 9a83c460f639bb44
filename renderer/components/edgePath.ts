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

/** A layer's size as the label check assumes it: the fixed width and a typical height. */
const NODE = { width: 200, height: 96 };
/** The label's height and its width per character (11px monospace) plus padding and border. */
const LABEL_HEIGHT = 18;
const LABEL_CHAR_WIDTH = 6.7;
const LABEL_PADDING = 14;

/** About how wide a shape label with this text is drawn. */
export function labelWidth(text: string): number {
  return Math.ceil(text.length * LABEL_CHAR_WIDTH + LABEL_PADDING);
}

/**
 * Whether a label of `width` centred at (labelX, labelY) stays clear of the two layers a connection
 * joins. Layers are drawn over labels, so one that does not fit would show half cut; the edge shows a
 * marker with the shape as its tooltip instead. The layers are placed from the handles: the source
 * ends at its handle, the target starts at its handle.
 */
export function labelFits(ends: EdgeEnds, labelX: number, labelY: number, width: number): boolean {
  const { sourceX: sx, sourceY: sy, targetX: tx, targetY: ty } = ends;
  const horizontal = ends.sourcePosition === Position.Right || ends.sourcePosition === Position.Left;
  const label = { left: labelX - width / 2, right: labelX + width / 2, top: labelY - LABEL_HEIGHT / 2, bottom: labelY + LABEL_HEIGHT / 2 };
  const source = horizontal
    ? { left: sx - NODE.width, right: sx, top: sy - NODE.height / 2, bottom: sy + NODE.height / 2 }
    : { left: sx - NODE.width / 2, right: sx + NODE.width / 2, top: sy - NODE.height, bottom: sy };
  const target = horizontal
    ? { left: tx, right: tx + NODE.width, top: ty - NODE.height / 2, bottom: ty + NODE.height / 2 }
    : { left: tx - NODE.width / 2, right: tx + NODE.width / 2, top: ty, bottom: ty + NODE.height };
  const hits = (box: typeof label) => label.left < box.right && box.left < label.right && label.top < box.bottom && box.top < label.bottom;
  return !hits(source) && !hits(target);
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
