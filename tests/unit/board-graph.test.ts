import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { describeBoard } from '../../shared/board/describe';
import { boardGraph, countFromLabel, sceneElements } from '../../shared/board/graph';
import { KINDS, SHAPE_KINDS, kindFromLabel } from '../../shared/board/kinds';
import { SceneBuilder } from '../helpers/board';
import { SHAPES } from '../../renderer/src/interview/shapes';

describe('kinds from labels', () => {
  it.each([
    ['Redis', 'cache'],
    ['Memcached', 'cache'],
    ['Cache service', 'cache'],
    ['Postgres', 'database'],
    ['MySQL primary', 'database'],
    ['DynamoDB', 'database'],
    ['Cassandra', 'database'],
    ['URL DB', 'database'],
    ['User DB', 'database'],
    ['Kafka', 'event-log'],
    ['Kinesis stream', 'event-log'],
    ['Click log', 'event-log'],
    ['SQS', 'queue'],
    ['RabbitMQ', 'queue'],
    ['Job queue', 'queue'],
    ['Load balancer', 'load-balancer'],
    ['LB', 'load-balancer'],
    ['CDN', 'cdn'],
    ['API gateway', 'gateway'],
    ['Redirect service', 'service'],
    ['User service', 'service'],
    ['Analytics workers', 'worker'],
    ['Kafka consumer', 'worker'],
    ['Mobile app', 'client'],
    ['S3', 'object-store'],
    ['Elasticsearch', 'search-index'],
    ['Redis pub/sub', 'pubsub'],
    ['Read replica', 'replica'],
    ['ZooKeeper', 'coordinator'],
    ['Flink', 'stream-processor'],
  ])('"%s" is %s', (label, kind) => {
    expect(kindFromLabel(label)).toBe(kind);
  });

  it('gives no kind to words that name nothing', () => {
    expect(kindFromLabel('Hello')).toBeNull();
    expect(kindFromLabel('')).toBeNull();
  });

  it('maps every shape in the shape library to a kind', () => {
    for (const s of SHAPES) {
      expect(SHAPE_KINDS[s.id], s.id).toBeDefined();
      // The library's own label reads as the same kind, so relabelling nothing changes nothing.
      expect(kindFromLabel(s.label), s.label).toBe(SHAPE_KINDS[s.id]);
    }
  });

  it('lists every kind once', () => {
    expect(new Set(KINDS.map((k) => k.id)).size).toBe(KINDS.length);
  });
});

describe('counts on labels', () => {
  it.each([
    ['Redis cluster ×3', 3],
    ['API x4', 4],
    ['3x app servers', 3],
    ['Workers × N', 2],
    ['5 replicas', 5],
    ['cluster of 7', 7],
    ['Postgres', 1],
    ['Box 2', 1],
    ['S3', 1],
    ['x-ray service', 1],
  ])('"%s" counts %i', (label, n) => {
    expect(countFromLabel(label)).toBe(n);
  });
});

describe('the board as a graph', () => {
  it('reads shapes, kinds from the library and from labels, and arrows bound at both ends', () => {
    const b = new SceneBuilder();
    const client = b.shape('Client', { kind: 'client' });
    const lb = b.shape('Load balancer', { kind: 'load-balancer', type: 'diamond' });
    const svc = b.shape('Redirect service', { kind: 'service' });
    const cache = b.shape('Redis'); // hand-drawn: the kind comes from the label
    const plain = b.shape('', { kind: 'database', type: 'ellipse' });
    b.arrow(client, lb, { label: 'HTTPS' });
    b.arrow(lb, svc);
    b.arrow(svc, cache, { heads: 'both' });
    b.arrow(svc, plain, { heads: 'none' });
    const g = boardGraph(b.elements);
    expect(g.nodes.map((n) => [n.text, n.kind, n.kindFrom])).toEqual([
      ['Client', 'client', 'label'],
      ['Load balancer', 'load-balancer', 'label'],
      ['Redirect service', 'service', 'shape'],
      ['Redis', 'cache', 'label'],
      ['', 'database', 'shape'],
    ]);
    expect(g.edges.map((e) => [e.from, e.to, e.label, e.direction])).toEqual([
      [client, lb, 'HTTPS', 'forward'],
      [lb, svc, '', 'forward'],
      [svc, cache, '', 'both'],
      [svc, plain, '', 'none'],
    ]);
    expect(g.dangling).toEqual([]);
  });

  it('takes an arrow drawn backwards (head at its start) as pointing the way its head does', () => {
    const b = new SceneBuilder();
    const a = b.shape('Service');
    const c = b.shape('Postgres');
    const arrow = b.arrow(a, c);
    const el = b.elements.find((e) => e.id === arrow)!;
    el.startArrowhead = 'arrow';
    el.endArrowhead = null;
    expect(boardGraph(b.elements).edges[0]).toMatchObject({ from: c, to: a, direction: 'forward' });
  });

  it('reports arrows that end in empty space, and attaches an unbound end that lands on a shape', () => {
    const b = new SceneBuilder();
    const svc = b.shape('Service', { at: { x: 0, y: 0 } });
    const db = b.shape('Postgres', { at: { x: 400, y: 0 } });
    const loose = b.arrow(svc, { x: 250, y: 300 }, { label: 'writes' });
    const fromNowhere = b.arrow({ x: 900, y: 900 }, { x: 950, y: 950 });
    // Unbound, but its end is on the database: drawn to it, just not snapped.
    b.arrow(svc, { x: 480, y: 30 });
    const g = boardGraph(b.elements);
    expect(g.dangling).toEqual([
      { id: loose, label: 'writes', from: svc, to: null },
      { id: fromNowhere, label: '', from: null, to: null },
    ]);
    expect(g.edges.map((e) => [e.from, e.to])).toEqual([[svc, db]]);
  });

  it('recognises a component written as free text, with its count ("Redis cluster ×3")', () => {
    const b = new SceneBuilder();
    const svc = b.shape('Service', { at: { x: 0, y: 0 } });
    const redis = b.text('Redis cluster ×3', { x: 400, y: 0 });
    b.text('Reads outnumber writes 100 to 1, so we cache hot keys', { x: 0, y: 300 });
    b.arrow(svc, redis);
    const g = boardGraph(b.elements);
    const node = g.nodes.find((n) => n.id === redis)!;
    expect(node).toMatchObject({ kind: 'cache', count: 3, replicated: true, textOnly: true });
    expect(g.edges).toHaveLength(1);
    expect(g.freeText.map((t) => t.text)).toEqual(['Reads outnumber writes 100 to 1, so we cache hot keys']);
  });

  it('takes free text written on a shape as part of its label', () => {
    const b = new SceneBuilder();
    const db = b.shape('', { at: { x: 0, y: 0 }, type: 'ellipse' });
    const t = b.text('Postgres ×2', { x: 20, y: 20 });
    const g = boardGraph(b.elements);
    expect(g.nodes).toHaveLength(1);
    expect(g.nodes[0]).toMatchObject({ id: db, text: 'Postgres ×2', kind: 'database', count: 2 });
    expect(g.nodes[0]!.elementIds).toContain(t);
    expect(g.freeText).toEqual([]);
  });

  it('counts shapes stacked on each other, or grouped, as copies of one component', () => {
    const b = new SceneBuilder();
    b.shape('Postgres', { at: { x: 0, y: 0 } });
    b.shape('', { at: { x: 10, y: 10 }, kind: 'database' });
    b.shape('', { at: { x: 20, y: 20 }, kind: 'database' });
    b.shape('API server', { at: { x: 600, y: 0 }, groupIds: ['g1'] });
    b.shape('API server', { at: { x: 600, y: 200 }, groupIds: ['g1'] });
    b.shape('Orders DB', { at: { x: 1200, y: 0 } });
    const g = boardGraph(b.elements);
    expect(g.nodes.map((n) => [n.text, n.count])).toEqual([
      ['Postgres', 3],
      ['API server', 2],
      ['Orders DB', 1],
    ]);
  });

  it('treats a shape drawn around others as a boundary, not a component', () => {
    const b = new SceneBuilder();
    const region = b.shape('Region us-east', { at: { x: -50, y: -50 }, size: { width: 800, height: 400 } });
    b.shape('Service', { at: { x: 0, y: 0 } });
    const g = boardGraph(b.elements);
    expect(g.nodes.find((n) => n.id === region)).toMatchObject({ boundary: true, kind: null });
  });

  it('ignores deleted elements and reads frames', () => {
    const b = new SceneBuilder();
    const f = b.frame('Write path', { x: 0, y: 0 }, { width: 1000, height: 400 });
    b.shape('Service', { frameId: f });
    const gone = b.shape('Memcached');
    b.remove(gone);
    const g = boardGraph(b.elements);
    expect(g.frames).toEqual([{ id: f, name: 'Write path' }]);
    expect(g.nodes.map((n) => [n.text, n.frameId])).toEqual([['Service', f]]);
  });

  it('reads a saved scene, and nothing from an unreadable one', () => {
    const b = new SceneBuilder();
    b.shape('Client');
    expect(sceneElements(b.json())).toHaveLength(2);
    expect(sceneElements('not json')).toEqual([]);
    expect(sceneElements(null)).toEqual([]);
    expect(sceneElements('{"elements":[1,{"id":"a"}]}')).toEqual([]);
  });

  it('never throws and keeps every live arrow as an edge or a dangling arrow (any scene)', () => {
    const element = fc.record({
      id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
      type: fc.constantFrom('rectangle', 'ellipse', 'text', 'arrow', 'frame', 'line'),
      x: fc.integer({ min: -500, max: 500 }),
      y: fc.integer({ min: -500, max: 500 }),
      width: fc.integer({ min: -200, max: 200 }),
      height: fc.integer({ min: -200, max: 200 }),
      text: fc.option(fc.constantFrom('Redis ×3', 'DB', 'hi', ''), { nil: undefined }),
      containerId: fc.option(fc.constantFrom('a', 'b', 'zz'), { nil: null }),
      isDeleted: fc.boolean(),
      startBinding: fc.option(fc.record({ elementId: fc.constantFrom('a', 'b', 'q') }), { nil: null }),
      endBinding: fc.option(fc.record({ elementId: fc.constantFrom('c', 'd') }), { nil: null }),
      points: fc.constant([
        [0, 0],
        [40, 10],
      ]),
    });
    fc.assert(
      fc.property(fc.array(element, { maxLength: 12 }), (elements) => {
        const g = boardGraph(elements);
        const arrows = elements.filter((e) => e.type === 'arrow' && !e.isDeleted).length;
        expect(g.edges.length + g.dangling.length).toBe(arrows);
        expect(typeof describeBoard(elements)).toBe('string');
      }),
      { seed: 12, numRuns: 300 },
    );
  });
});

describe('the board as text', () => {
  it('says the board is empty', () => {
    expect(describeBoard([])).toBe('The whiteboard is empty.');
  });

  it('lists components with kinds, arrows with ends and labels, dangling arrows and free text, by frame', () => {
    const b = new SceneBuilder();
    const f = b.frame('Read path', { x: -20, y: -20 }, { width: 1200, height: 200 });
    const client = b.shape('Client', { kind: 'client', frameId: f });
    const svc = b.shape('Service', { kind: 'service', frameId: f });
    const svc2 = b.shape('Service', { kind: 'service', frameId: f });
    const redis = b.shape('Redis cluster ×3', { frameId: f });
    b.arrow(client, svc, { label: 'GET /abc' });
    b.arrow(svc, redis);
    b.arrow(svc2, redis, { heads: 'both' });
    const db = b.shape('', { kind: 'database', at: { x: 0, y: 600 }, type: 'ellipse' });
    b.arrow(db, { x: 600, y: 900 });
    b.text('100:1 reads to writes', { x: 0, y: 900 });
    expect(describeBoard(b.elements)).toBe(
      [
        'The whiteboard has 5 components, 3 connecting arrows and 1 arrow that end in empty space.',
        '',
        'Frame "Read path":',
        'Components:',
        '- "Client" (client)',
        '- "Service" #1 (service)',
        '- "Service" #2 (service)',
        '- "Redis cluster ×3" (cache, 3 copies)',
        'Arrows:',
        '- "Client" → "Service" #1 (labelled "GET /abc")',
        '- "Service" #1 → "Redis cluster ×3"',
        '- "Service" #2 ↔ "Redis cluster ×3"',
        '',
        'Outside any frame:',
        'Components:',
        '- an unlabelled database (database)',
        'Arrows that end in empty space:',
        '- from an unlabelled database to empty space',
        'Free text:',
        '- "100:1 reads to writes"',
      ].join('\n'),
    );
  });
});
