/**
 * Lab 1 — consistent hashing: keys moved when a node joins or leaves (ring vs modulo), load spread
 * against virtual nodes, replicas on distinct machines, and the cost of a lookup.
 */
import { z } from 'zod';
import fc from 'fast-check';
import type * as Impl from './impl';
import * as reference from './impl';
import { judge, type ClaimRow, type Experiment, type LabDefinition, type RunContext } from '../framework';
import { checkProperty, expectThat } from '../check';
import { num, pct } from '../format';

type Module = typeof Impl;

const CONCEPT = { kind: 'concept' as const, id: 'consistent-hashing', label: 'Consistent hashing (concept)' };
const NOTES = { kind: 'notes' as const, label: 'The notes on consistent hashing' };

/** The shape the ring visual draws: one frame before the change and one after. */
export interface RingFrame {
  label: string;
  nodes: string[];
  changedNode: string;
  change: 'add' | 'remove';
  /** Virtual node positions as fractions of the ring (0 … 1). */
  points: { at: number; node: string }[];
  /** A sample of keys with their owner before and after the change. */
  keys: { at: number; before: string; after: string }[];
}

const RING_SIZE = 2 ** 32;
const SPREAD_VNODES = [1, 2, 5, 10, 20, 50, 100, 150, 200, 500];
const SPREAD_RINGS = 12;

export const rebalanceParams = z.object({
  nodes: z.number().int().min(2).max(50).default(10).describe('Nodes (N)'),
  vnodesPerNode: z.number().int().min(1).max(500).default(100).describe('Virtual nodes per node (V)'),
  keys: z.number().int().min(1000).max(100000).default(20000).describe('Keys'),
  replicas: z.number().int().min(1).max(5).default(3).describe('Replicas per key (RF)'),
  change: z.enum(['add', 'remove']).default('add').describe('Change'),
});

function nodeNames(count: number, prefix = 'node-'): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);
}

function buildRing(impl: Module, vnodes: number, nodes: readonly string[]): Impl.HashRing {
  const ring = new impl.HashRing(vnodes);
  for (const node of nodes) ring.addNode(node);
  return ring;
}

/** Sample coefficient of variation (unbiased variance), as a fraction. */
function coefficientOfVariation(values: readonly number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  if (mean === 0 || values.length < 2) return 0;
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1);
  return Math.sqrt(variance) / mean;
}

/** Each node's share of the ring (the arcs that end at its virtual nodes), summing to 1. */
function ringShares(ring: Impl.HashRing, nodes: readonly string[]): number[] {
  const points = ring.ringPoints();
  const share = new Map<string, number>(nodes.map((n) => [n, 0]));
  for (let i = 0; i < points.length; i++) {
    const point = points[i]!;
    const prev = i === 0 ? points[points.length - 1]!.hash - RING_SIZE : points[i - 1]!.hash;
    share.set(point.node, (share.get(point.node) ?? 0) + (point.hash - prev) / RING_SIZE);
  }
  return nodes.map((n) => share.get(n) ?? 0);
}

/** Root-mean-square CV of ring shares over several independently named clusters (tames the noise). */
function spreadCv(impl: Module, nodes: number, vnodes: number, rings: number): number {
  let sumSquares = 0;
  for (let r = 0; r < rings; r++) {
    const names = nodeNames(nodes, `c${r}-node-`);
    sumSquares += coefficientOfVariation(ringShares(buildRing(impl, vnodes, names), names)) ** 2;
  }
  return Math.sqrt(sumSquares / rings);
}

function movedFraction(before: readonly string[], after: readonly string[]): number {
  let moved = 0;
  for (let i = 0; i < before.length; i++) if (before[i] !== after[i]) moved++;
  return moved / before.length;
}

const rebalance: Experiment<Module, typeof rebalanceParams> = {
  id: 'rebalance',
  title: 'Add or remove a node',
  description:
    'Places keys on a ring of N nodes, changes the cluster by one node and counts the keys that move, next to modulo hashing; then measures how evenly the ring spreads load as virtual nodes grow.',
  params: rebalanceParams,
  run(impl, p, ctx: RunContext) {
    const { nodes: n, vnodesPerNode: v, keys: keyCount, replicas: rf, change } = p;
    const keys = Array.from({ length: keyCount }, () => `user:${ctx.rng.int(0, 2_000_000_000)}`);
    const nodes = nodeNames(n);
    const ring = buildRing(impl, v, nodes);
    ctx.progress(0.05);

    // Replicas and lookup cost, on the cluster as it is.
    let replicaOk = 0;
    let probes = 0;
    const before: string[] = [];
    for (const key of keys) {
      const owners = ring.owners(key, rf);
      if (owners.length === Math.min(rf, n) && new Set(owners).size === owners.length) replicaOk++;
      before.push(ring.owner(key));
      probes += ring.lastProbes;
    }
    ctx.progress(0.2);

    // The change.
    const changedNode = change === 'add' ? `node-${n + 1}` : nodes[ctx.rng.int(0, nodes.length - 1)]!;
    const afterNodes = change === 'add' ? [...nodes, changedNode] : nodes.filter((x) => x !== changedNode);
    if (change === 'add') ring.addNode(changedNode);
    else ring.removeNode(changedNode);
    const after = keys.map((k) => ring.owner(k));
    let movedOutsideRule = 0;
    for (let i = 0; i < keys.length; i++) {
      if (before[i] === after[i]) continue;
      const allowed = change === 'add' ? after[i] === changedNode : before[i] === changedNode;
      if (!allowed) movedOutsideRule++;
    }
    const ringMoved = movedFraction(before, after);
    const moduloMoved = movedFraction(
      keys.map((k) => impl.moduloOwner(k, nodes)),
      keys.map((k) => impl.moduloOwner(k, afterNodes)),
    );
    ctx.progress(0.35);

    // Keys moved by cluster size: ring vs modulo when one node joins.
    const sizes = [...new Set([2, 3, 4, 6, 8, 12, 16, 24, 32, 50].filter((s) => s <= n).concat(n))];
    const sweepKeys = keys.slice(0, Math.min(keys.length, 5000));
    const movedBySize = { ring: [] as { x: number; y: number }[], modulo: [] as { x: number; y: number }[] };
    for (const size of sizes) {
      if (ctx.shouldStop()) break;
      const names = nodeNames(size);
      const grown = [...names, `node-${size + 1}`];
      const r = buildRing(impl, v, names);
      const b = sweepKeys.map((k) => r.owner(k));
      r.addNode(`node-${size + 1}`);
      movedBySize.ring.push({
        x: size,
        y: movedFraction(
          b,
          sweepKeys.map((k) => r.owner(k)),
        ),
      });
      movedBySize.modulo.push({
        x: size,
        y: movedFraction(
          sweepKeys.map((k) => impl.moduloOwner(k, names)),
          sweepKeys.map((k) => impl.moduloOwner(k, grown)),
        ),
      });
    }
    ctx.progress(0.55);

    // Load spread against virtual nodes (ring shares, no key-sampling noise).
    const spread: { x: number; y: number }[] = [];
    const vnodeSweep = [...new Set([...SPREAD_VNODES, v])].sort((a, b) => a - b);
    for (let i = 0; i < vnodeSweep.length; i++) {
      if (ctx.shouldStop()) break;
      const vn = vnodeSweep[i]!;
      spread.push({ x: vn, y: spreadCv(impl, n, vn, SPREAD_RINGS) });
      ctx.progress(0.55 + (0.4 * (i + 1)) / vnodeSweep.length);
    }
    const cvAt = (vn: number) => spread.find((s) => s.x === vn)?.y ?? Number.NaN;
    const expectedCv = (vn: number) => Math.sqrt((n - 1) / (n * vn + 1));

    const loadBefore = nodes.map((node) => before.filter((o) => o === node).length);
    const loadAfter = afterNodes.map((node) => after.filter((o) => o === node).length);

    const expectedRing = change === 'add' ? 1 / (n + 1) : 1 / n;
    const expectedModulo = change === 'add' ? n / (n + 1) : (n - 1) / n;
    const meanProbes = probes / keys.length; // probes of the owner() lookups
    const log2Points = Math.log2(n * v);

    const claims: ClaimRow[] = [
      {
        claim: `When a node ${change === 'add' ? 'joins' : 'leaves'}, a hash ring moves only about ${change === 'add' ? '1/(N+1)' : '1/N'} of the keys`,
        source: CONCEPT,
        expected: `≈ ${pct(expectedRing)}`,
        measured: pct(ringMoved),
        expectedValue: expectedRing,
        measuredValue: ringMoved,
        verdict: judge(ringMoved, expectedRing, { closeRel: 0.2, roughRel: 0.5 }),
        explanation: `Only the arcs the ${change === 'add' ? 'new node takes over' : 'departing node held'} change hands. The exact share depends on where its ${v} virtual node(s) land: with few virtual nodes it can be far from 1/${change === 'add' ? 'N+1' : 'N'}. The notes round this to "~1/N".`,
      },
      {
        claim: `Modulo hashing (hash mod N) moves about ${change === 'add' ? 'N/(N+1)' : '(N−1)/N'} of the keys`,
        source: NOTES,
        expected: `≈ ${pct(expectedModulo)}`,
        measured: pct(moduloMoved),
        expectedValue: expectedModulo,
        measuredValue: moduloMoved,
        verdict: judge(moduloMoved, expectedModulo),
        explanation: `A key stays put only if hash mod ${n} equals hash mod ${afterNodes.length}, which happens for roughly one key in ${afterNodes.length === n + 1 ? n + 1 : n}. The notes' "100% with modulo" is the same story rounded up.`,
      },
      {
        claim: 'Only keys owned by the changed node move',
        source: CONCEPT,
        expected: '0 keys move elsewhere',
        measured: `${num(movedOutsideRule)} keys`,
        expectedValue: 0,
        measuredValue: movedOutsideRule,
        verdict: judge(movedOutsideRule, 0),
        explanation:
          change === 'add'
            ? 'Every moved key should now belong to the new node; keys between other nodes never swap.'
            : 'Every moved key should have belonged to the removed node; the rest keep their owner.',
      },
      {
        claim: `Load spread (coefficient of variation) is about 1/√V; at V = ${v}`,
        source: NOTES,
        expected: `≈ ${pct(expectedCv(v))}`,
        measured: pct(cvAt(v)),
        expectedValue: expectedCv(v),
        measuredValue: cvAt(v),
        verdict: judge(cvAt(v), expectedCv(v), { closeRel: 0.15 }),
        explanation: `A node's share is the sum of V random arcs, so its spread falls like 1/√V (exactly √((N−1)/(N·V+1))). Measured as the root-mean-square CV of ring shares over ${SPREAD_RINGS} differently named clusters of ${n} nodes.`,
      },
      {
        claim: 'About 150 virtual nodes per node keep each node near its fair share',
        source: NOTES,
        expected: `CV ≈ ${pct(expectedCv(150))}`,
        measured: `CV ${pct(cvAt(150))}`,
        expectedValue: expectedCv(150),
        measuredValue: cvAt(150),
        verdict: judge(cvAt(150), expectedCv(150), { closeRel: 0.15 }),
        explanation:
          'At 150 virtual nodes a typical node is within about ±8% of the mean; the heaviest of many nodes is still 15–25% over it. More virtual nodes cost memory and lookup time for a slowly shrinking gain.',
      },
      {
        claim: `Every key has ${rf} distinct owners (replicas on different machines)`,
        source: CONCEPT,
        expected: '100% of keys',
        measured: pct(replicaOk / keys.length, 2),
        expectedValue: 1,
        measuredValue: replicaOk / keys.length,
        verdict: judge(replicaOk / keys.length, 1, { closeRel: 0, roughRel: 0.01 }),
        explanation:
          'Walking clockwise, the ring skips virtual nodes of machines already chosen, so two replicas never share a machine.',
      },
      {
        claim: 'A lookup is a binary search: O(log(N·V))',
        source: CONCEPT,
        expected: `≈ log₂(${num(n * v)}) = ${log2Points.toFixed(1)} probes`,
        measured: `${meanProbes.toFixed(1)} probes`,
        expectedValue: log2Points,
        measuredValue: meanProbes,
        verdict: judge(meanProbes, log2Points, { closeRel: 0.1 }),
        explanation:
          'The ring is a sorted array of virtual node positions; finding the owner is one binary search over N·V points, counted here probe by probe.',
      },
    ];

    // A sample for the visual: every point up to a cap, and 160 keys.
    const sampleNodes = change === 'add' ? [...nodes, changedNode] : nodes;
    const beforeRing = buildRing(impl, v, nodes);
    const afterRing = buildRing(impl, v, afterNodes);
    // At most ~720 ticks in all: every stride-th virtual node of each node, so the sample covers the whole ring.
    const stride = Math.max(1, Math.ceil((v * sampleNodes.length) / 720));
    const pointsOf = (r: Impl.HashRing) => {
      const perNode = new Map<string, number>();
      return r
        .ringPoints()
        .filter((pt) => {
          const seen = perNode.get(pt.node) ?? 0;
          perNode.set(pt.node, seen + 1);
          return seen % stride === 0;
        })
        .map((pt) => ({ at: pt.hash / RING_SIZE, node: pt.node }));
    };
    const sampleKeys = keys.slice(0, 160).map((k, i) => ({
      at: impl.hash32(k) / RING_SIZE,
      before: before[i]!,
      after: after[i]!,
    }));
    const frames: RingFrame[] = [
      {
        label: 'Before',
        nodes: sampleNodes,
        changedNode,
        change,
        points: pointsOf(beforeRing),
        keys: sampleKeys,
      },
      {
        label: 'After',
        nodes: sampleNodes,
        changedNode,
        change,
        points: pointsOf(afterRing),
        keys: sampleKeys,
      },
    ];
    ctx.progress(1);

    return {
      series: [
        {
          id: 'moved',
          title: 'Keys moved when one node joins',
          kind: 'line',
          x: { label: 'Nodes before the change' },
          y: { label: 'Keys moved', unit: '%' },
          lines: [
            { name: 'Hash ring', points: movedBySize.ring.map((pt) => ({ x: pt.x, y: pt.y * 100 })) },
            { name: 'Modulo', points: movedBySize.modulo.map((pt) => ({ x: pt.x, y: pt.y * 100 })) },
            { name: '1/(N+1)', points: sizes.map((s) => ({ x: s, y: 100 / (s + 1) })) },
          ],
        },
        {
          id: 'spread',
          title: 'Load spread against virtual nodes',
          kind: 'line',
          x: { label: 'Virtual nodes per node', log: true },
          y: { label: 'Coefficient of variation', unit: '%' },
          lines: [
            { name: 'Measured', points: spread.map((pt) => ({ x: pt.x, y: pt.y * 100 })) },
            { name: '1/√V', points: spread.map((pt) => ({ x: pt.x, y: 100 / Math.sqrt(pt.x) })) },
          ],
        },
        {
          id: 'load',
          title: 'Keys per node',
          kind: 'bar',
          x: { label: 'Node' },
          y: { label: 'Keys' },
          lines: [
            { name: 'Before', points: loadBefore.map((y, i) => ({ x: i + 1, y })) },
            {
              name: 'After',
              points: sampleNodes.map((node, i) => ({
                x: i + 1,
                y: loadAfter[afterNodes.indexOf(node)] ?? 0,
              })),
            },
          ],
        },
      ],
      claims,
      frames,
      summary: [
        `${num(keyCount)} keys on ${n} nodes × ${v} virtual nodes, ${rf} replicas each`,
        `${change === 'add' ? 'Added' : 'Removed'} ${changedNode}: ${num(Math.round(ringMoved * keyCount))} keys moved on the ring, ${num(Math.round(moduloMoved * keyCount))} with modulo`,
      ],
    };
  },
};

const clusterArb = fc.record({
  nodes: fc.integer({ min: 1, max: 10 }),
  vnodes: fc.integer({ min: 1, max: 16 }),
  keys: fc.array(fc.string({ maxLength: 12 }), { minLength: 1, maxLength: 40 }),
});

export const lab: LabDefinition<Module> = {
  id: 'consistent-hashing',
  intro: `Put every server on a ring many times over (its **virtual nodes**) and give each key to the first server clockwise from the key's hash. When a server joins, it takes over only the arcs in front of its points, so about **1/(N+1)** of the keys move — with \`hash mod N\` almost all of them do. Virtual nodes are what make the load even: the spread shrinks like **1/√V**. Replicas go to the next *distinct* machines clockwise.

Change the number of nodes and virtual nodes, run, and watch which keys change colour on the ring.`,
  implementationFile: 'impl.ts',
  reference,
  experiments: [rebalance as Experiment<Module>],
  properties: [
    {
      id: 'replicas-distinct',
      title: 'Every key has RF distinct owners (or every node, if there are fewer)',
      check: (impl, opts) =>
        checkProperty(
          fc.record({ cluster: clusterArb, rf: fc.integer({ min: 1, max: 5 }) }),
          ({ cluster, rf }) => {
            const nodes = nodeNames(cluster.nodes);
            const ring = buildRing(impl, cluster.vnodes, nodes);
            for (const key of cluster.keys) {
              const owners = ring.owners(key, rf);
              expectThat(
                owners.length === Math.min(rf, nodes.length),
                `owners("${key}", ${rf}) returned ${owners.length} node(s): [${owners.join(', ')}]`,
              );
              expectThat(
                new Set(owners).size === owners.length,
                `owners("${key}", ${rf}) repeats a node: [${owners.join(', ')}]`,
              );
              expectThat(
                owners.every((o) => nodes.includes(o)),
                `owners("${key}", ${rf}) names a node that is not in the ring`,
              );
            }
          },
          opts,
        ),
    },
    {
      id: 'remove-moves-only-its-keys',
      title: 'Removing a node moves only the keys it owned',
      check: (impl, opts) =>
        checkProperty(
          fc.record({ cluster: clusterArb, removed: fc.nat() }),
          ({ cluster, removed }) => {
            const nodes = nodeNames(Math.max(2, cluster.nodes));
            const gone = nodes[removed % nodes.length]!;
            const ring = buildRing(impl, cluster.vnodes, nodes);
            const before = cluster.keys.map((k) => ring.owner(k));
            ring.removeNode(gone);
            cluster.keys.forEach((key, i) => {
              const now = ring.owner(key);
              expectThat(now !== gone, `"${key}" is still owned by the removed ${gone}`);
              expectThat(
                now === before[i] || before[i] === gone,
                `"${key}" moved from ${before[i]} to ${now}, though ${before[i]} stayed`,
              );
            });
          },
          opts,
        ),
    },
    {
      id: 'add-moves-only-to-new',
      title: 'Adding a node moves keys only to the new node',
      check: (impl, opts) =>
        checkProperty(
          clusterArb,
          (cluster) => {
            const nodes = nodeNames(cluster.nodes);
            const ring = buildRing(impl, cluster.vnodes, nodes);
            const before = cluster.keys.map((k) => ring.owner(k));
            const added = `node-${cluster.nodes + 1}`;
            ring.addNode(added);
            cluster.keys.forEach((key, i) => {
              const now = ring.owner(key);
              expectThat(
                now === before[i] || now === added,
                `"${key}" moved from ${before[i]} to ${now}, not to the new ${added}`,
              );
            });
          },
          opts,
        ),
    },
  ],
  notes: [
    'Hashes are 32-bit (FNV-1a with murmur3’s finaliser); a key’s position and its owners are the same in every run.',
    'Load spread is measured from each node’s exact share of the ring, so it has no key-sampling noise.',
  ],
};
