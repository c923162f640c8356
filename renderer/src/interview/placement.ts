/**
 * Where a new shape from the shape bar goes: where the diagram grows, the way Excalidraw's own
 * flowchart keys do it. With a shape selected, the new one goes to its right (the next free slot in
 * that column, nearest the selected shape's centre line first), else below it; the caller connects
 * the two with an arrow. With nothing selected it follows the most recently added shape, and on an
 * empty board it goes to the middle of the view. It never overlaps what is there. Pure: no DOM and
 * no Excalidraw, so it is unit-tested (tests/unit/placement.test.ts).
 */

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The least an element needs to be an obstacle (Excalidraw's elements have all of these). */
export interface ElementLike extends Box {
  type: string;
  angle?: number;
  isDeleted?: boolean;
  containerId?: string | null;
}

/** Room between a shape and the one it grows into: long enough for an arrow to read. */
export const GAP_X = 80;
export const GAP_Y = 60;
/** No two shapes come closer than this, so they never touch. */
export const CLEARANCE = 20;
/** How far along a column or row to look for a free slot before moving past everything. */
const SLOTS = 8;

/** Axis-aligned bounds, including a rotated element's corners. */
export function boundsOf(e: ElementLike): Box {
  const angle = e.angle ?? 0;
  if (angle === 0) return { x: e.x, y: e.y, width: e.width, height: e.height };
  const cos = Math.abs(Math.cos(angle));
  const sin = Math.abs(Math.sin(angle));
  const width = e.width * cos + e.height * sin;
  const height = e.width * sin + e.height * cos;
  const cx = e.x + e.width / 2;
  const cy = e.y + e.height / 2;
  return { x: cx - width / 2, y: cy - height / 2, width, height };
}

/**
 * The boxes a new shape must keep clear of: live elements except arrows and lines (they run between
 * shapes and are re-routed when shapes move) and text bound inside a shape (its container counts).
 */
export function obstacles(elements: readonly ElementLike[]): Box[] {
  return elements
    .filter((e) => !e.isDeleted && e.type !== 'arrow' && e.type !== 'line' && !e.containerId)
    .map(boundsOf);
}

/** True when the boxes overlap or come closer than `clearance` on both axes. */
export function tooClose(a: Box, b: Box, clearance = CLEARANCE): boolean {
  return (
    a.x < b.x + b.width + clearance &&
    b.x < a.x + a.width + clearance &&
    a.y < b.y + b.height + clearance &&
    b.y < a.y + a.height + clearance
  );
}

/** 0, 1, -1, 2, -2, …: slots nearest the anchor's centre line first, then alternately after/before. */
function spread(n: number): number[] {
  const out = [0];
  for (let k = 1; out.length < n; k++) out.push(k, -k);
  return out.slice(0, n);
}

/**
 * The top-left corner for a new `size` box. `anchor` is the selected shape (or null), `boxes` what
 * is already on the board (see `obstacles`), `viewCentre` the middle of the visible canvas.
 */
export function placeShape(
  size: { width: number; height: number },
  boxes: readonly Box[],
  anchor: Box | null,
  viewCentre: { x: number; y: number },
): { x: number; y: number } {
  const from = anchor ?? boxes[boxes.length - 1];
  if (!from) return { x: viewCentre.x - size.width / 2, y: viewCentre.y - size.height / 2 };
  const free = (x: number, y: number) =>
    boxes.every((b) => !tooClose({ x, y, width: size.width, height: size.height }, b));

  const centreY = from.y + from.height / 2 - size.height / 2;
  const centreX = from.x + from.width / 2 - size.width / 2;
  const right = from.x + from.width + GAP_X;
  const below = from.y + from.height + GAP_Y;
  const candidates: [number, number][] = [];
  // To the right: the column next to the shape, its centre line first, then below and above it.
  for (const k of spread(SLOTS)) candidates.push([right, centreY + k * (size.height + GAP_Y / 2)]);
  // Below: the row under the shape, under its centre first, then to the right and to the left.
  for (const k of spread(SLOTS)) candidates.push([centreX + k * (size.width + GAP_X / 2), below]);
  for (const [x, y] of candidates) if (free(x, y)) return { x, y };

  // Both crowded: past everything on the board, level with the shape. Nothing lies to the right
  // of the rightmost edge, so this spot is always free.
  const rightmost = Math.max(...boxes.map((b) => b.x + b.width));
  return { x: Math.max(right, rightmost + GAP_X), y: centreY };
}
