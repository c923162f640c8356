/** Where the shape bar puts a new shape: beside the selected one, never on top of anything. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CLEARANCE,
  GAP_X,
  boundsOf,
  obstacles,
  placeShape,
  tooClose,
  type Box,
} from '../../renderer/src/interview/placement';

const box = (x: number, y: number, width = 140, height = 64): Box => ({ x, y, width, height });
const size = { width: 150, height: 80 };
const centre = { x: 500, y: 300 };

describe('placeShape', () => {
  it('puts the first shape in the middle of the view', () => {
    expect(placeShape(size, [], null, centre)).toEqual({ x: 425, y: 260 });
  });

  it('puts a shape to the right of the selected one, level with its centre', () => {
    const anchor = box(0, 0);
    const at = placeShape(size, [anchor], anchor, centre);
    expect(at).toEqual({ x: 140 + GAP_X, y: 32 - 40 });
  });

  it('stacks the next one in the same column, below the first, as a flowchart does', () => {
    const anchor = box(0, 0);
    const first = { ...placeShape(size, [anchor], anchor, centre), ...size };
    const second = placeShape(size, [anchor, first], anchor, centre);
    expect(second.x).toBe(first.x);
    expect(second.y).toBeGreaterThan(first.y + first.height);
  });

  it('goes below the selected shape when its right-hand column is full', () => {
    const anchor = box(0, 0);
    // A tall wall right of the anchor fills every slot of the column.
    const wall = box(200, -2000, 400, 4000);
    const at = placeShape(size, [anchor, wall], anchor, centre);
    expect(at.y).toBeGreaterThanOrEqual(anchor.y + anchor.height);
    expect(tooClose({ ...at, ...size }, wall)).toBe(false);
  });

  it('with nothing selected, follows the most recently added shape', () => {
    const older = box(0, 0);
    const newest = box(0, 400);
    const at = placeShape(size, [older, newest], null, centre);
    expect(at.x).toBe(140 + GAP_X);
    expect(at.y + size.height / 2).toBe(400 + 32);
  });

  it('leaves arrows, lines, deleted elements and labels inside shapes out of the obstacles', () => {
    const found = obstacles([
      { type: 'rectangle', x: 0, y: 0, width: 10, height: 10 },
      { type: 'arrow', x: 0, y: 0, width: 100, height: 100 },
      { type: 'line', x: 0, y: 0, width: 100, height: 100 },
      { type: 'ellipse', x: 0, y: 0, width: 10, height: 10, isDeleted: true },
      { type: 'text', x: 1, y: 1, width: 5, height: 5, containerId: 'r1' },
      { type: 'text', x: 50, y: 50, width: 5, height: 5, containerId: null },
    ]);
    expect(found).toEqual([box(0, 0, 10, 10), box(50, 50, 5, 5)]);
  });

  it('counts a rotated element by the box around its corners', () => {
    const b = boundsOf({ type: 'rectangle', x: 0, y: 0, width: 100, height: 20, angle: Math.PI / 2 });
    expect(b.width).toBeCloseTo(20);
    expect(b.height).toBeCloseTo(100);
    expect(b.x).toBeCloseTo(40);
    expect(b.y).toBeCloseTo(-40);
  });

  const arbBox = fc.record({
    x: fc.integer({ min: -3000, max: 3000 }),
    y: fc.integer({ min: -3000, max: 3000 }),
    width: fc.integer({ min: 1, max: 600 }),
    height: fc.integer({ min: 1, max: 600 }),
  });
  const arbSize = fc.record({
    width: fc.integer({ min: 20, max: 300 }),
    height: fc.integer({ min: 20, max: 200 }),
  });

  it('never places a shape on or against an existing one (property, seeded)', () => {
    fc.assert(
      fc.property(
        fc.array(arbBox, { maxLength: 60 }),
        arbSize,
        fc.nat(),
        fc.boolean(),
        (boxes, newSize, pick, withAnchor) => {
          const anchor = withAnchor && boxes.length > 0 ? boxes[pick % boxes.length]! : null;
          const at = placeShape(newSize, boxes, anchor, centre);
          const placed = { ...at, ...newSize };
          for (const b of boxes) expect(tooClose(placed, b, CLEARANCE)).toBe(false);
          if (anchor) {
            // Where the diagram grows: right of the selected shape, or below it.
            const rightOf = placed.x >= anchor.x + anchor.width;
            const below = placed.y >= anchor.y + anchor.height;
            expect(rightOf || below).toBe(true);
          }
        },
      ),
      { seed: 20250909, numRuns: 500 },
    );
  });

  it('keeps shapes apart when many are added one after another (property, seeded)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(arbSize, fc.option(fc.nat(), { nil: null })), { minLength: 1, maxLength: 40 }),
        (steps) => {
          const boxes: Box[] = [];
          for (const [newSize, pick] of steps) {
            const anchor = pick === null || boxes.length === 0 ? null : boxes[pick % boxes.length]!;
            const placed = { ...placeShape(newSize, boxes, anchor, centre), ...newSize };
            for (const b of boxes) expect(tooClose(placed, b)).toBe(false);
            boxes.push(placed);
          }
        },
      ),
      { seed: 7, numRuns: 200 },
    );
  });
});

describe('the shape bar', () => {
  it('lists every shape exactly once in the groups and once in the bar order', async () => {
    const { SHAPES, SHAPE_GROUPS, BAR_PRIORITY } = await import('../../renderer/src/interview/shapes');
    const ids = SHAPES.map((s) => s.id).sort();
    expect(SHAPE_GROUPS.flatMap((g) => g.shapes).sort()).toEqual(ids);
    expect([...BAR_PRIORITY].sort()).toEqual(ids);
  });
});
