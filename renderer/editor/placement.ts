/**
 * Where added and pasted layers go, as pure functions over rectangles in flow coordinates. A new layer
 * (or a pasted group) goes after the selection in the direction the model flows, or in free space in
 * view when nothing is selected; either way it never overlaps a layer already on the canvas.
 */
import type { XYPosition } from './edits';
import type { LayoutDirection } from './layout';

export interface Size {
  width: number;
  height: number;
}

export interface Rect extends XYPosition, Size {}

/** Space between a layer and the one after it, along the flow: room for the shape label on the connection. */
export const FLOW_GAP: Record<LayoutDirection, number> = { RIGHT: 90, DOWN: 60 };
/** The least space kept between a placed layer and any other, on every side. */
export const CLEARANCE = 30;
/** The search moves a candidate by this much at a time. */
const STEP = 20;
/** How many steps the search goes in each direction before giving up on free space. */
const MAX_STEPS = 400;

/** True when the rectangles overlap once `a` is grown by `margin` on every side. */
export function overlaps(a: Rect, b: Rect, margin = 0): boolean {
  return a.x - margin < b.x + b.width && b.x < a.x + a.width + margin && a.y - margin < b.y + b.height && b.y < a.y + a.height + margin;
}

/** The smallest rectangle holding every one of `rects` (which must not be empty). */
export function boundsOf(rects: readonly Rect[]): Rect {
  const left = Math.min(...rects.map((r) => r.x));
  const top = Math.min(...rects.map((r) => r.y));
  const right = Math.max(...rects.map((r) => r.x + r.width));
  const bottom = Math.max(...rects.map((r) => r.y + r.height));
  return { x: left, y: top, width: right - left, height: bottom - top };
}

function isFree(rect: Rect, obstacles: readonly Rect[]): boolean {
  return !obstacles.some((o) => overlaps(rect, o, CLEARANCE));
}

interface SearchOptions {
  direction: LayoutDirection;
  /** Whether the search may move against the flow (before `start`); never when following a selection. */
  backward: boolean;
  /** Prefer spots wholly inside this rectangle (the visible canvas). */
  within?: Rect;
}

function inside(rect: Rect, area: Rect): boolean {
  return rect.x >= area.x && rect.y >= area.y && rect.x + rect.width <= area.x + area.width && rect.y + rect.height <= area.y + area.height;
}

/**
 * The free top-left nearest to `start` for a box of `size`: candidates on a grid, in rings of growing
 * distance (steps along the flow plus steps across it), so the first free one is the closest.
 * Falls back to `start` when nothing is free within reach, which only a canvas thousands of layers wide hits.
 */
export function findFreeSpot(start: XYPosition, size: Size, obstacles: readonly Rect[], options: SearchOptions): XYPosition {
  const along = options.direction === 'RIGHT' ? 'x' : 'y';
  const at = (i: number, j: number): Rect => {
    const di = i * STEP;
    const dj = j * STEP;
    const { width, height } = size;
    return along === 'x' ? { x: start.x + di, y: start.y + dj, width, height } : { x: start.x + dj, y: start.y + di, width, height };
  };
  let outsideView = null as Rect | null;
  for (let ring = 0; ring <= MAX_STEPS; ring++) {
    // Within a ring, fewer steps along the flow first: a layer rather goes beside its sibling than far ahead.
    for (let i = 0; i <= ring; i++) {
      const alongSteps = options.backward ? [i, -i] : [i];
      const acrossSteps = ring - i === 0 ? [0] : [ring - i, -(ring - i)];
      for (const a of i === 0 ? [0] : alongSteps) {
        for (const j of acrossSteps) {
          const candidate = at(a, j);
          if (!isFree(candidate, obstacles)) continue;
          if (!options.within || inside(candidate, options.within)) return { x: candidate.x, y: candidate.y };
          outsideView ??= candidate;
        }
      }
    }
    // Free space exists, just not in view: the nearest spot beats none, once the view is exhausted.
    if (outsideView && options.within && ring * STEP > Math.max(options.within.width, options.within.height)) break;
  }
  return outsideView ? { x: outsideView.x, y: outsideView.y } : start;
}

/**
 * Top-left for a box of `size` after the selection: right of it for a left-to-right model, below it for a
 * top-down one, lined up with its first edge, moved along or across until it overlaps nothing.
 */
export function placeAfter(selection: readonly Rect[], size: Size, obstacles: readonly Rect[], direction: LayoutDirection): XYPosition {
  const bounds = boundsOf(selection);
  const start =
    direction === 'RIGHT'
      ? { x: bounds.x + bounds.width + FLOW_GAP.RIGHT, y: bounds.y }
      : { x: bounds.x, y: bounds.y + bounds.height + FLOW_GAP.DOWN };
  return findFreeSpot(start, size, obstacles, { direction, backward: false });
}

/** Top-left for a box of `size` in free space as near the middle of `view` as it can be, inside it when there is room. */
export function placeInView(view: Rect, size: Size, obstacles: readonly Rect[], direction: LayoutDirection): XYPosition {
  const start = { x: Math.round(view.x + (view.width - size.width) / 2), y: Math.round(view.y + (view.height - size.height) / 2) };
  return findFreeSpot(start, size, obstacles, { direction, backward: true, within: view });
}
