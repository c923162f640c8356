/**
 * Whiteboard scenes built in code, shaped like Excalidraw's own elements: shapes with their label
 * bound as text (containerId / boundElements), arrows bound at both ends (startBinding /
 * endBinding), free text and frames. Used by the board tests and the board-check bench.
 */
import type { BoardElement } from '../../shared/board/graph';

export type SceneElement = BoardElement & Record<string, unknown>;

export class SceneBuilder {
  readonly elements: SceneElement[] = [];
  private next = 0;
  private col = 0;

  private id(prefix: string) {
    this.next += 1;
    return `${prefix}-${this.next}`;
  }

  private base(type: string, x: number, y: number, width: number, height: number) {
    return {
      id: this.id(type),
      type,
      x,
      y,
      width,
      height,
      angle: 0,
      strokeColor: '#1e1e1e',
      backgroundColor: 'transparent',
      groupIds: [] as string[],
      frameId: null as string | null,
      boundElements: [] as { id: string; type: string }[],
      isDeleted: false,
      version: 1,
    };
  }

  /**
   * A shape with a bound label. `kind` is the shape library id kept in customData (as the shape bar
   * does); leave it out for a hand-drawn shape. Placed left to right unless `at` is given.
   */
  shape(
    label: string,
    opts: {
      kind?: string;
      at?: { x: number; y: number };
      type?: 'rectangle' | 'ellipse' | 'diamond';
      size?: { width: number; height: number };
      frameId?: string;
      groupIds?: string[];
    } = {},
  ): string {
    const at = opts.at ?? { x: this.col++ * 260, y: 0 };
    const size = opts.size ?? { width: 160, height: 64 };
    const shape: SceneElement = {
      ...this.base(opts.type ?? 'rectangle', at.x, at.y, size.width, size.height),
      customData: opts.kind ? { kind: opts.kind } : undefined,
      frameId: opts.frameId ?? null,
      groupIds: opts.groupIds ?? [],
    };
    this.elements.push(shape);
    if (label) {
      const text = {
        ...this.base('text', at.x + 10, at.y + 20, size.width - 20, 24),
        text: label,
        originalText: label,
        containerId: shape.id,
        frameId: opts.frameId ?? null,
      };
      (shape.boundElements as { id: string; type: string }[]).push({ id: text.id, type: 'text' });
      this.elements.push(text);
    }
    return shape.id;
  }

  /** Free text at a position (not bound to any shape). */
  text(text: string, at: { x: number; y: number }, frameId?: string): string {
    const el = {
      ...this.base('text', at.x, at.y, text.length * 9, 24),
      text,
      originalText: text,
      containerId: null,
      frameId: frameId ?? null,
    };
    this.elements.push(el);
    return el.id;
  }

  private find(id: string): SceneElement {
    const el = this.elements.find((e) => e.id === id);
    if (!el) throw new Error(`no element ${id} in the scene`);
    return el;
  }

  private centre(id: string) {
    const e = this.find(id);
    return { x: e.x! + e.width! / 2, y: e.y! + e.height! / 2 };
  }

  /**
   * An arrow from one shape to another, bound at both ends; `to` may be a point (an arrow ending in
   * empty space). `heads` 'both' or 'none' changes the arrowheads.
   */
  arrow(
    from: string | { x: number; y: number },
    to: string | { x: number; y: number },
    opts: { label?: string; heads?: 'end' | 'both' | 'none' } = {},
  ): string {
    const start = typeof from === 'string' ? this.centre(from) : from;
    const end = typeof to === 'string' ? this.centre(to) : to;
    const heads = opts.heads ?? 'end';
    const binding = (end: string | { x: number; y: number }) =>
      typeof end === 'string' ? { elementId: end, focus: 0, gap: 4 } : null;
    const arrow: SceneElement = {
      ...this.base('arrow', start.x, start.y, Math.abs(end.x - start.x), Math.abs(end.y - start.y)),
      points: [
        [0, 0],
        [end.x - start.x, end.y - start.y],
      ],
      startBinding: binding(from),
      endBinding: binding(to),
      startArrowhead: heads === 'both' ? 'arrow' : null,
      endArrowhead: heads === 'none' ? null : 'arrow',
    };
    this.elements.push(arrow);
    for (const end of [from, to]) {
      if (typeof end === 'string') {
        (this.find(end).boundElements as { id: string; type: string }[]).push({
          id: arrow.id,
          type: 'arrow',
        });
      }
    }
    if (opts.label) {
      const text = {
        ...this.base('text', start.x, start.y, opts.label.length * 9, 24),
        text: opts.label,
        originalText: opts.label,
        containerId: arrow.id,
      };
      (arrow.boundElements as { id: string; type: string }[]).push({ id: text.id, type: 'text' });
      this.elements.push(text);
    }
    return arrow.id;
  }

  frame(name: string, at: { x: number; y: number }, size: { width: number; height: number }): string {
    const el = { ...this.base('frame', at.x, at.y, size.width, size.height), name };
    this.elements.push(el);
    return el.id;
  }

  /** Marks an element and everything bound to it deleted (as Excalidraw does). */
  remove(id: string) {
    for (const e of this.elements) {
      if (e.id === id || e.containerId === id) e.isDeleted = true;
    }
  }

  json(): string {
    return JSON.stringify({ type: 'excalidraw', version: 2, source: 'test', elements: this.elements });
  }
}
