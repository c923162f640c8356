/**
 * The whiteboard read as a system graph: which components are drawn (shapes with their text, the
 * kind each stands for and how many copies), which arrows join them, which arrows end in empty
 * space, what free text says and which frames group what. Pure and deterministic, so the board
 * check, the text description for a language model and the tests all read the same graph.
 *
 * It reads Excalidraw's own element JSON (only the fields below), as saved in a session's scene.
 */
import { isKindId, kindFromLabel, labelKind, replicatedByDesign, SHAPE_KINDS, type KindId } from './kinds';

/** The fields of an Excalidraw element the graph reads; Excalidraw's own elements fit this. */
export interface BoardElement {
  id: string;
  type: string;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  isDeleted?: boolean;
  text?: string;
  containerId?: string | null;
  frameId?: string | null;
  name?: string | null;
  groupIds?: readonly string[];
  customData?: Readonly<Record<string, unknown>> | null;
  points?: readonly (readonly number[])[];
  startBinding?: { elementId: string } | null;
  endBinding?: { elementId: string } | null;
  startArrowhead?: string | null;
  endArrowhead?: string | null;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface BoardNode {
  /** The id of the node's first shape (a stack of copies is one node). */
  id: string;
  /** Every element that makes up the node: its shapes, their text, free text written on them. */
  elementIds: string[];
  /** The label as written (whitespace collapsed), '' when the shape has none. */
  text: string;
  kind: KindId | null;
  /** Where the kind came from: the words on it win over the library shape it was dropped as. */
  kindFrom: 'label' | 'shape' | null;
  /** Copies drawn: "×3" on the label, or shapes stacked or grouped as replicas. */
  count: number;
  /** The label says the component is replicated ("cluster", "primary + standby", "DynamoDB"). */
  replicated: boolean;
  /** A component written as free text with no shape around it ("Redis cluster ×3"). */
  textOnly: boolean;
  /** A shape that encloses other shapes: a boundary (region, zone), not a component. */
  boundary: boolean;
  frameId: string | null;
  box: Box;
}

export interface BoardEdge {
  id: string;
  /** Node ids, in the direction the arrow points; for `both` and `none` as drawn (start → end). */
  from: string;
  to: string;
  label: string;
  direction: 'forward' | 'both' | 'none';
}

export interface DanglingArrow {
  id: string;
  label: string;
  /** The node at the end that is attached, if one is. */
  from: string | null;
  to: string | null;
}

export interface FreeText {
  id: string;
  text: string;
  frameId: string | null;
  box: Box;
}

export interface Frame {
  id: string;
  name: string;
}

export interface BoardGraph {
  nodes: BoardNode[];
  edges: BoardEdge[];
  dangling: DanglingArrow[];
  freeText: FreeText[];
  frames: Frame[];
}

const SHAPE_TYPES = new Set(['rectangle', 'ellipse', 'diamond']);
/** An unbound arrow end this close to a shape (in scene pixels) is taken as attached to it. */
const SNAP_PX = 12;
/** Free text of at most this many words that names a kind is a component, not a note. */
const COMPONENT_TEXT_WORDS = 5;

const clean = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

function boxOf(e: BoardElement): Box {
  const x = e.x ?? 0;
  const y = e.y ?? 0;
  const width = e.width ?? 0;
  const height = e.height ?? 0;
  // Excalidraw keeps a negative width or height for shapes drawn leftwards or upwards.
  return {
    x: Math.min(x, x + width),
    y: Math.min(y, y + height),
    width: Math.abs(width),
    height: Math.abs(height),
  };
}

const contains = (outer: Box, inner: Box) =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height;

const centreIn = (b: Box, p: { x: number; y: number }, marginPx = 0) =>
  p.x >= b.x - marginPx &&
  p.x <= b.x + b.width + marginPx &&
  p.y >= b.y - marginPx &&
  p.y <= b.y + b.height + marginPx;

function overlapShare(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  const smaller = Math.min(a.width * a.height, b.width * b.height);
  return smaller > 0 ? (w * h) / smaller : 0;
}

/**
 * Copies written on a label: "×3", "x 3", "3x", "3 replicas", "cluster of 5"; "×N" means more than
 * one. Returns 1 when the label gives no count.
 */
export function countFromLabel(label: string): number {
  const t = label.toLowerCase();
  const patterns = [
    /(?:^|[^a-z0-9])[×x✕*]\s?(\d{1,4})(?![\d.])/,
    /(?:^|[^a-z0-9.])(\d{1,4})\s?[×x✕](?![a-z0-9])/,
    /\b(\d{1,4})\s+(?:replicas|nodes|instances|copies|brokers|shards|servers|hosts|pods|machines|workers)\b/,
    /\bcluster of (\d{1,4})\b/,
  ];
  for (const p of patterns) {
    const m = t.match(p);
    if (m) return Math.max(1, Number(m[1]));
  }
  if (/(?:^|[^a-z0-9])[×x✕]\s?[nk](?![a-z0-9])/.test(t)) return 2;
  return 1;
}

const REPLICATION_WORDS =
  /\b(replicas?|replicated|replication|standby|standbys|primary|secondary|leader|followers?|cluster|clustered|multi-az|multi-region|failover|quorum|raft|paxos|hot spare|ha)\b/i;

/** The label says this component has copies that take over when one fails. */
export function labelSaysReplicated(kind: KindId | null, label: string): boolean {
  if (REPLICATION_WORDS.test(label)) return true;
  return kind !== null && replicatedByDesign(kind, label);
}

class UnionFind {
  private parent = new Map<string, string>();
  find(a: string): string {
    let root = a;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root)!;
    this.parent.set(a, root);
    return root;
  }
  union(a: string, b: string) {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(rb, ra);
  }
}

interface Shape {
  el: BoardElement;
  box: Box;
  text: string;
  textIds: string[];
}

/** Reads the elements of a scene into its system graph. Deleted elements are ignored. */
export function boardGraph(elements: readonly BoardElement[]): BoardGraph {
  const live = elements.filter((e) => !e.isDeleted);
  const byId = new Map(live.map((e) => [e.id, e]));

  // Text bound inside a shape or on an arrow (containerId), by container.
  const boundText = new Map<string, BoardElement[]>();
  for (const e of live) {
    if (e.type === 'text' && e.containerId && byId.has(e.containerId)) {
      const list = boundText.get(e.containerId) ?? [];
      list.push(e);
      boundText.set(e.containerId, list);
    }
  }
  const textOf = (id: string) => (boundText.get(id) ?? []).map((t) => clean(t.text)).join(' ');

  const frames: Frame[] = live
    .filter((e) => e.type === 'frame' || e.type === 'magicframe')
    .map((e) => ({ id: e.id, name: clean(e.name ?? '') }));

  // An element of a frame that is gone is simply outside any frame.
  const frameIds = new Set(frames.map((f) => f.id));
  const frameOf = (e: BoardElement) => (e.frameId && frameIds.has(e.frameId) ? e.frameId : null);

  const shapes: Shape[] = live
    .filter((e) => SHAPE_TYPES.has(e.type))
    .map((el) => ({
      el,
      box: boxOf(el),
      text: textOf(el.id),
      textIds: (boundText.get(el.id) ?? []).map((t) => t.id),
    }));

  // A shape enclosing another shape is a boundary (a region, a zone), not a component.
  const boundaries = new Set<string>();
  for (const outer of shapes) {
    for (const inner of shapes) {
      if (
        inner !== outer &&
        contains(outer.box, inner.box) &&
        outer.box.width * outer.box.height > 2 * inner.box.width * inner.box.height
      ) {
        boundaries.add(outer.el.id);
        break;
      }
    }
  }

  // Free text written on top of a shape (not bound to it) is part of that shape's label: the
  // smallest component shape under the text's centre takes it.
  const free: BoardElement[] = [];
  const writtenOn = new Map<string, BoardElement[]>();
  for (const e of live) {
    if (e.type !== 'text' || (e.containerId && byId.has(e.containerId))) continue;
    const b = boxOf(e);
    const centre = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
    let host: Shape | null = null;
    for (const s of shapes) {
      if (boundaries.has(s.el.id) || !centreIn(s.box, centre)) continue;
      if (!host || s.box.width * s.box.height < host.box.width * host.box.height) host = s;
    }
    if (host) {
      const list = writtenOn.get(host.el.id) ?? [];
      list.push(e);
      writtenOn.set(host.el.id, list);
    } else free.push(e);
  }
  for (const s of shapes) {
    const extra = writtenOn.get(s.el.id) ?? [];
    if (extra.length === 0) continue;
    s.text = clean([s.text, ...extra.map((t) => clean(t.text))].join(' '));
    s.textIds.push(...extra.map((t) => t.id));
  }

  // A strong word on the label ("Redis") wins over the library shape it was dropped as; a generic
  // one ("Trip service" on a database shape) does not.
  const kindOf = (s: Shape): { kind: KindId | null; from: BoardNode['kindFrom'] } => {
    const fromLabel = labelKind(s.text);
    if (fromLabel?.strong) return { kind: fromLabel.kind, from: 'label' };
    const tagged = s.el.customData?.kind;
    if (typeof tagged === 'string') {
      const k = SHAPE_KINDS[tagged] ?? (isKindId(tagged) ? tagged : null);
      if (k) return { kind: k, from: 'shape' };
    }
    return fromLabel ? { kind: fromLabel.kind, from: 'label' } : { kind: null, from: null };
  };
  const kinds = new Map(shapes.map((s) => [s.el.id, kindOf(s)]));

  // Copies of one component: shapes of the same kind and label (or no label) that are stacked on
  // each other, or grouped together.
  const uf = new UnionFind();
  const components = shapes.filter((s) => !boundaries.has(s.el.id));
  const sameComponent = (a: Shape, b: Shape) => {
    const ka = kinds.get(a.el.id)!.kind;
    if (ka === null || ka !== kinds.get(b.el.id)!.kind) return false;
    return a.text === b.text || a.text === '' || b.text === '';
  };
  for (let i = 0; i < components.length; i++) {
    const a = components[i]!;
    for (let j = i + 1; j < components.length; j++) {
      const b = components[j]!;
      if (!sameComponent(a, b)) continue;
      const grouped = (a.el.groupIds ?? []).some((g) => (b.el.groupIds ?? []).includes(g));
      if (grouped || overlapShare(a.box, b.box) >= 0.3) uf.union(a.el.id, b.el.id);
    }
  }

  const nodes: BoardNode[] = [];
  const nodeOfElement = new Map<string, string>();
  const members = new Map<string, Shape[]>();
  for (const s of shapes) {
    const root = boundaries.has(s.el.id) ? s.el.id : uf.find(s.el.id);
    const list = members.get(root) ?? [];
    list.push(s);
    members.set(root, list);
  }
  for (const [, group] of members) {
    const first = group[0]!;
    const text = group.find((s) => s.text)?.text ?? '';
    const { kind, from } = kinds.get(group.find((s) => s.text)?.el.id ?? first.el.id)!;
    const boundary = boundaries.has(first.el.id);
    const box = group.map((s) => s.box).reduce(union);
    const node: BoardNode = {
      id: first.el.id,
      elementIds: group.flatMap((s) => [s.el.id, ...s.textIds]),
      text,
      kind: boundary ? null : kind,
      kindFrom: boundary ? null : from,
      count: Math.max(group.length, countFromLabel(text)),
      replicated: !boundary && labelSaysReplicated(kind, text),
      textOnly: false,
      boundary,
      frameId: frameOf(first.el),
      box,
    };
    nodes.push(node);
    for (const id of node.elementIds) nodeOfElement.set(id, node.id);
  }

  // Short free text that names a kind is a component drawn as words ("Redis cluster ×3").
  const freeText: FreeText[] = [];
  for (const t of free) {
    const text = clean(t.text);
    const kind = text.split(' ').length <= COMPONENT_TEXT_WORDS ? kindFromLabel(text) : null;
    if (!text) continue;
    if (kind) {
      const node: BoardNode = {
        id: t.id,
        elementIds: [t.id],
        text,
        kind,
        kindFrom: 'label',
        count: countFromLabel(text),
        replicated: labelSaysReplicated(kind, text),
        textOnly: true,
        boundary: false,
        frameId: frameOf(t),
        box: boxOf(t),
      };
      nodes.push(node);
      nodeOfElement.set(t.id, t.id);
    } else freeText.push({ id: t.id, text, frameId: frameOf(t), box: boxOf(t) });
  }

  // Arrows: bound at both ends they are edges; otherwise an end near a shape is taken as attached
  // to it, and one that ends in empty space makes the arrow dangling.
  const nodeAt = (p: { x: number; y: number }): string | null => {
    let best: BoardNode | null = null;
    for (const n of nodes) {
      if (!centreIn(n.box, p, SNAP_PX)) continue;
      if (!best || n.box.width * n.box.height < best.box.width * best.box.height) best = n;
    }
    return best?.id ?? null;
  };
  const edges: BoardEdge[] = [];
  const dangling: DanglingArrow[] = [];
  for (const a of live) {
    if (a.type !== 'arrow') continue;
    const points = a.points ?? [];
    const first = points[0] ?? [0, 0];
    const last = points[points.length - 1] ?? first;
    const x = a.x ?? 0;
    const y = a.y ?? 0;
    const endNode = (binding: { elementId: string } | null | undefined, p: readonly number[]) => {
      const bound = binding ? nodeOfElement.get(binding.elementId) : undefined;
      return bound ?? nodeAt({ x: x + (p[0] ?? 0), y: y + (p[1] ?? 0) });
    };
    const start = endNode(a.startBinding, first);
    const end = endNode(a.endBinding, last);
    const label = textOf(a.id);
    if (start && end && start !== end) {
      const head = !!a.endArrowhead;
      const tail = !!a.startArrowhead;
      const reversed = tail && !head;
      edges.push({
        id: a.id,
        from: reversed ? end : start,
        to: reversed ? start : end,
        label,
        direction: head && tail ? 'both' : head || tail ? 'forward' : 'none',
      });
    } else {
      dangling.push({ id: a.id, label, from: start, to: start === end ? null : end });
    }
  }

  const reading = (a: { box: Box }, b: { box: Box }) => a.box.y - b.box.y || a.box.x - b.box.x;
  nodes.sort(reading);
  freeText.sort(reading);
  return { nodes, edges, dangling, freeText, frames };
}

function union(a: Box, b: Box): Box {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(a.x + a.width, b.x + b.width) - x,
    height: Math.max(a.y + a.height, b.y + b.height) - y,
  };
}

/** The elements of a saved scene's JSON; [] for an empty, missing or unreadable scene. */
export function sceneElements(sceneJson: string | null | undefined): BoardElement[] {
  if (!sceneJson) return [];
  try {
    const parsed = JSON.parse(sceneJson) as { elements?: unknown };
    if (!Array.isArray(parsed.elements)) return [];
    return parsed.elements.filter(
      (e): e is BoardElement =>
        typeof e === 'object' &&
        e !== null &&
        typeof (e as BoardElement).id === 'string' &&
        typeof (e as BoardElement).type === 'string',
    );
  } catch {
    return [];
  }
}
