/**
 * The system-design shape library: labelled components a candidate drops onto the whiteboard.
 * Colours group them by role (clients, edge, compute, data, async), readable in both themes.
 */
export type ShapeGroup = 'edge' | 'compute' | 'data' | 'async';

export interface ShapeKind {
  id: string;
  label: string;
  shape: 'rectangle' | 'ellipse' | 'diamond';
  background: string;
  width: number;
  height: number;
  dashed?: boolean;
}

/** The shape bar's groups, in order; clients sit with the edge (both are where requests come in). */
export const SHAPE_GROUPS: readonly { id: ShapeGroup; label: string; shapes: readonly string[] }[] = [
  { id: 'edge', label: 'Clients and edge', shapes: ['client', 'dns', 'cdn', 'load-balancer', 'gateway'] },
  { id: 'compute', label: 'Compute', shapes: ['api-server', 'service', 'worker'] },
  { id: 'data', label: 'Data', shapes: ['database', 'cache', 'replica', 'object-store', 'search'] },
  { id: 'async', label: 'Async', shapes: ['queue', 'stream', 'pubsub'] },
];

/**
 * The order shapes keep their place on the bar when it is narrow: the ones nearly every design
 * draws first; the rest stay one click away in "More shapes".
 */
export const BAR_PRIORITY: readonly string[] = [
  'client',
  'load-balancer',
  'api-server',
  'database',
  'cache',
  'queue',
  'service',
  'worker',
  'gateway',
  'cdn',
  'object-store',
  'stream',
  'replica',
  'search',
  'dns',
  'pubsub',
];

const EDGE = '#a5d8ff';
const COMPUTE = '#b2f2bb';
const DATA = '#ffec99';
const ASYNC = '#eebefa';
const CLIENT = '#e9ecef';

export const SHAPES: readonly ShapeKind[] = [
  { id: 'client', label: 'Client', shape: 'rectangle', background: CLIENT, width: 140, height: 64 },
  { id: 'dns', label: 'DNS', shape: 'ellipse', background: EDGE, width: 120, height: 64 },
  { id: 'cdn', label: 'CDN', shape: 'ellipse', background: EDGE, width: 120, height: 64 },
  {
    id: 'load-balancer',
    label: 'Load balancer',
    shape: 'diamond',
    background: EDGE,
    width: 220,
    height: 110,
  },
  { id: 'gateway', label: 'API gateway', shape: 'rectangle', background: EDGE, width: 160, height: 64 },
  { id: 'api-server', label: 'API server', shape: 'rectangle', background: COMPUTE, width: 160, height: 64 },
  { id: 'service', label: 'Service', shape: 'rectangle', background: COMPUTE, width: 150, height: 64 },
  {
    id: 'worker',
    label: 'Worker',
    shape: 'rectangle',
    background: COMPUTE,
    width: 140,
    height: 64,
    dashed: true,
  },
  { id: 'cache', label: 'Cache', shape: 'rectangle', background: DATA, width: 140, height: 64 },
  { id: 'database', label: 'Database', shape: 'ellipse', background: DATA, width: 150, height: 80 },
  {
    id: 'replica',
    label: 'Read replica',
    shape: 'ellipse',
    background: DATA,
    width: 160,
    height: 80,
    dashed: true,
  },
  { id: 'object-store', label: 'Object store', shape: 'rectangle', background: DATA, width: 160, height: 64 },
  { id: 'search', label: 'Search index', shape: 'rectangle', background: DATA, width: 160, height: 64 },
  { id: 'queue', label: 'Queue', shape: 'rectangle', background: ASYNC, width: 170, height: 56 },
  { id: 'stream', label: 'Event log (Kafka)', shape: 'rectangle', background: ASYNC, width: 190, height: 56 },
  { id: 'pubsub', label: 'Pub/Sub', shape: 'rectangle', background: ASYNC, width: 150, height: 56 },
];

export function shapeById(id: string): ShapeKind | undefined {
  return SHAPES.find((s) => s.id === id);
}
