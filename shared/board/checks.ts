/**
 * Check my board: the whiteboard's graph held against what the problem's reference design needs.
 * Each finding says what it saw in words, which shapes it is about, and which concept or lab
 * explains it. Findings are advice, never a score: the same board always gives the same findings.
 *
 * Checks, in the order findings are listed:
 * - missing: an essential component of the reference design is not drawn;
 * - flow: a flow the design needs is not connected (path search following the arrows, so extra
 *   hops in between are fine);
 * - spof: a stateful component drawn once, with no replica, standby or count on it;
 * - anti-pattern: an arrow the design should not have (per problem, and a few for every design);
 * - unlabelled, dangling, isolated: shapes with no label, arrows that end in empty space,
 *   components with no arrow at all.
 */
import type { BoardExpectations } from '../content/schema';
import { distinctNames } from './describe';
import { boardGraph, type BoardElement, type BoardGraph, type BoardNode } from './graph';
import { kindInfo, normaliseWords, satisfies, type KindId } from './kinds';

export type CheckId = 'missing' | 'flow' | 'spof' | 'anti-pattern' | 'unlabelled' | 'dangling' | 'isolated';

export interface LearnLink {
  kind: 'concept' | 'lab';
  id: string;
}

export interface Finding {
  /** Stable within a board: the check and what it is about ("missing:cache", "spof:<element id>"). */
  key: string;
  check: CheckId;
  /** One short line ("No cache"). */
  title: string;
  /** Why it matters, in a sentence or two. */
  reason: string;
  /** Elements to highlight on the canvas (empty when the finding is about something not drawn). */
  elementIds: string[];
  link: LearnLink | null;
}

export interface BoardCheckResult {
  findings: Finding[];
  components: number;
  arrows: number;
  /** False when the problem has no board expectations: only the general checks ran. */
  reference: boolean;
}

type Expectations = BoardExpectations;
type Component = Expectations['components'][number];

/** The concept that explains each kind: where "no cache" or "no arrow to the queue" sends you. */
const KIND_LINKS: Readonly<Partial<Record<KindId, string>>> = {
  client: 'concept:api-design',
  dns: 'concept:cdn-dns',
  cdn: 'concept:cdn-dns',
  'load-balancer': 'concept:load-balancing',
  gateway: 'concept:api-design',
  'api-server': 'concept:api-design',
  service: 'concept:microservices-circuit-breaker',
  worker: 'concept:kafka-queues',
  'stream-processor': 'concept:kafka-queues',
  database: 'concept:database-selection',
  replica: 'concept:replication-lag',
  cache: 'concept:cache-failure-modes',
  'object-store': 'concept:object-storage',
  'search-index': 'concept:search-indexing',
  queue: 'concept:kafka-queues',
  'event-log': 'concept:kafka-queues',
  pubsub: 'concept:realtime-systems',
  coordinator: 'concept:consistent-hashing',
  external: 'concept:microservices-circuit-breaker',
};

/** What each kind is for, said when it is missing. */
const KIND_WHY: Readonly<Partial<Record<KindId, string>>> = {
  client: 'Show where requests come from, so every flow has a start.',
  dns: 'Something has to send users to the nearest healthy entry point.',
  cdn: 'An edge cache serves the bulk of the traffic close to users.',
  'load-balancer':
    'Several stateless servers need something that spreads requests across them and stops sending to one that fails.',
  gateway:
    'One entry point handles connections, authentication and limits before requests reach the services.',
  'api-server': 'Something has to take the requests and own the logic.',
  service: 'Something has to own this part of the logic.',
  worker: 'Work that does not need to happen inside the request needs something to do it.',
  'stream-processor': 'The event stream needs a processor that keeps counts over windows.',
  database: 'The data needs a durable store of record.',
  cache: 'A cache in front of the store takes the hot reads, so the store is sized for writes and misses.',
  'object-store': 'Large blobs belong in object storage, not in a database.',
  'search-index': 'Lookups by something other than the key need an index built for them.',
  queue: 'A queue lets the work wait safely when the next step is slow or down.',
  'event-log': 'A durable log decouples producers from consumers and lets you replay events.',
  pubsub: 'Messages have to reach whichever server holds the recipient.',
  coordinator: 'Membership and ownership need one agreed source.',
  external: 'The outside provider this design depends on should be on the board.',
};

/** Arrows no design should have, checked on every board. */
const GENERAL_ANTI_PATTERNS: readonly { from: KindId; to: KindId; reason: string; learn: string }[] = [
  {
    from: 'client',
    to: 'database',
    reason:
      'A client talks to the database directly: nothing checks who may read or write what, and the schema becomes your public API. Put a service in between.',
    learn: 'concept:api-design',
  },
  {
    from: 'client',
    to: 'cache',
    reason:
      'A client reads the cache directly: it then has to know your keys and handle misses itself. Let a service read through the cache.',
    learn: 'concept:cache-failure-modes',
  },
];

export function parseLink(link: string | undefined): LearnLink | null {
  if (!link) return null;
  const [kind, id] = link.split(':');
  return (kind === 'concept' || kind === 'lab') && id ? { kind, id } : null;
}

const kindsOf = (c: Component): KindId[] => (Array.isArray(c.kind) ? c.kind : [c.kind]) as KindId[];
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** What to call a component in a finding: the kind, or the reference's name when words pick it out. */
function componentName(c: Component): string {
  const kind = kindInfo(kindsOf(c)[0]!).label;
  if (!c.words || !c.ref) return kind;
  return c.ref.replace(/\s*\(.*\)\s*$/, '');
}

class Matcher {
  /** For each node, the component its label names by words, if any. */
  private readonly owner = new Map<string, Component | null>();
  constructor(
    private readonly graph: BoardGraph,
    private readonly components: readonly Component[],
  ) {
    for (const n of graph.nodes) {
      const words = normaliseWords(n.text);
      // A label can carry words of two components ("Cell router": cell, router); English puts the
      // head noun last, so the word found latest in the label decides, then the longer word.
      let best: { c: Component; at: number; length: number } | null = null;
      for (const c of components) {
        if (!c.words || !this.fits(n, c)) continue;
        for (const w of c.words) {
          const at = words.lastIndexOf(` ${w.toLowerCase()}`);
          if (at < 0) continue;
          if (!best || at > best.at || (at === best.at && w.length > best.length))
            best = { c, at, length: w.length };
        }
      }
      this.owner.set(n.id, best?.c ?? null);
    }
  }

  private fits(node: BoardNode, c: Component): boolean {
    return node.kind !== null && !node.boundary && kindsOf(c).some((k) => satisfies(node.kind!, k));
  }

  /**
   * The nodes that can stand for a component: of a fitting kind, and either named by its words or
   * named by no component's words (a plain "Service" can be any of the design's services).
   */
  candidates(c: Component): BoardNode[] {
    return this.graph.nodes.filter((n) => {
      if (!this.fits(n, c)) return false;
      const owner = this.owner.get(n.id);
      return !c.words || owner === c || owner === null;
    });
  }

  /** Nodes that surely are this component, for anti-patterns: of its kind and, if it has words, named by them. */
  surely(c: Component): BoardNode[] {
    return this.graph.nodes.filter((n) => this.fits(n, c) && (!c.words || this.owner.get(n.id) === c));
  }
}

/** Directed adjacency: an arrow with both heads or none can be followed either way. */
function adjacency(graph: BoardGraph): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (a: string, b: string) => {
    const list = out.get(a) ?? [];
    list.push(b);
    out.set(a, list);
  };
  for (const e of graph.edges) {
    add(e.from, e.to);
    if (e.direction !== 'forward') add(e.to, e.from);
  }
  return out;
}

/** Every node reachable from `from` following the arrows, `from` included. */
function reach(from: Iterable<string>, adj: ReadonlyMap<string, string[]>): Set<string> {
  const seen = new Set(from);
  const stack = [...seen];
  while (stack.length) {
    for (const next of adj.get(stack.pop()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return seen;
}

/** Runs every check on a board. `expectations` is the problem's `board` field, when it has one. */
export function checkBoard(
  elements: readonly BoardElement[],
  expectations: Expectations | undefined,
): BoardCheckResult {
  return checkGraph(boardGraph(elements), expectations);
}

export function checkGraph(graph: BoardGraph, expectations: Expectations | undefined): BoardCheckResult {
  const findings: Finding[] = [];
  const names = distinctNames(graph);
  const nameOf = (id: string) => names.get(id) ?? 'a shape';
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const elementsOf = (ids: Iterable<string>) => [
    ...new Set([...ids].flatMap((id) => byId.get(id)?.elementIds ?? [])),
  ];
  const adj = adjacency(graph);
  const components = expectations?.components ?? [];
  const matcher = new Matcher(graph, components);
  const candidates = new Map(components.map((c) => [c.id, matcher.candidates(c)]));
  const present = (c: Component) => candidates.get(c.id)!.length > 0;
  const reported = new Set<string>(); // arrows already named by an anti-pattern

  for (const c of components) {
    if (c.optional || present(c)) continue;
    const kind = kindsOf(c)[0]!;
    const name = componentName(c);
    findings.push({
      key: `missing:${c.id}`,
      check: 'missing',
      title: `No ${name}`,
      reason: `${KIND_WHY[kind] ?? ''}${c.ref ? ` The reference design has one: "${c.ref}".` : ''}`.trim(),
      elementIds: [],
      link: parseLink(c.learn ?? KIND_LINKS[kind]),
    });
  }

  const byComponent = new Map(components.map((c) => [c.id, c]));
  for (const [i, flow] of (expectations?.flows ?? []).entries()) {
    const steps = flow.path.map((id) => byComponent.get(id));
    // A flow through something not drawn is covered by "No …" (or the part is optional).
    if (steps.some((c) => !c || !present(c))) continue;
    let at = new Set(candidates.get(steps[0]!.id)!.map((n) => n.id));
    for (let s = 1; s < steps.length; s++) {
      const want = candidates.get(steps[s]!.id)!;
      const reached = reach(at, adj);
      // A node that stands for both steps (one "Worker" dispatching and running) joins them itself.
      const next = want.filter((n) => reached.has(n.id));
      if (next.length === 0) {
        const from = steps[s - 1]!;
        const to = steps[s]!;
        findings.push({
          key: `flow:${i}`,
          check: 'flow',
          title: `${flow.name}: not connected`,
          reason: `No path follows the arrows from the ${componentName(from)} to the ${componentName(to)}. Draw the arrows this flow takes (other components may sit in between).`,
          elementIds: elementsOf([...at, ...want.map((n) => n.id)]),
          link: parseLink(flow.learn ?? KIND_LINKS[kindsOf(to)[0]!]),
        });
        break;
      }
      at = new Set(next.map((n) => n.id));
    }
  }

  // Single points of failure: stateful, drawn once, nothing says it has copies.
  const sameLabel = new Map<string, number>();
  for (const n of graph.nodes) {
    if (n.kind && n.text)
      sameLabel.set(`${n.kind}|${n.text}`, (sameLabel.get(`${n.kind}|${n.text}`) ?? 0) + 1);
  }
  for (const n of graph.nodes) {
    if (!n.kind || n.boundary || n.kind === 'replica' || !kindInfo(n.kind).stateful) continue;
    if (n.count > 1 || n.replicated || (sameLabel.get(`${n.kind}|${n.text}`) ?? 0) > 1) continue;
    const neighbours = [
      ...(adj.get(n.id) ?? []),
      ...graph.edges.filter((e) => e.to === n.id).map((e) => e.from),
    ];
    if (neighbours.some((id) => byId.get(id)?.kind === 'replica')) continue;
    const label = kindInfo(n.kind).label;
    findings.push({
      key: `spof:${n.id}`,
      check: 'spof',
      title: `${n.text ? `"${n.text}"` : `The ${label}`} is a single point of failure`,
      reason: `It is the only copy of a ${label}: when it fails, everything that depends on it stops, and data written since the last backup may be lost. Draw a replica or standby beside it, or write its count on it ("×3").`,
      elementIds: n.elementIds,
      link: parseLink(n.kind === 'database' ? 'concept:replication-lag' : KIND_LINKS[n.kind]),
    });
  }

  for (const [i, ap] of (expectations?.antiPatterns ?? []).entries()) {
    const from = byComponent.get(ap.from);
    const to = byComponent.get(ap.to);
    if (!from || !to) continue;
    const fromIds = new Set(matcher.surely(from).map((n) => n.id));
    const toIds = new Set(matcher.surely(to).map((n) => n.id));
    const arrows = graph.edges.filter(
      (e) =>
        e.from !== e.to &&
        ((fromIds.has(e.from) && toIds.has(e.to)) ||
          (e.direction !== 'forward' && fromIds.has(e.to) && toIds.has(e.from))),
    );
    if (arrows.length === 0) continue;
    for (const e of arrows) reported.add(e.id);
    findings.push({
      key: `anti-pattern:${i}`,
      check: 'anti-pattern',
      title: `${capitalise(nameOf(arrows[0]!.from))} → ${nameOf(arrows[0]!.to)}`,
      reason: ap.reason,
      elementIds: [...arrows.map((e) => e.id), ...elementsOf(arrows.flatMap((e) => [e.from, e.to]))],
      link: parseLink(ap.learn),
    });
  }
  for (const [i, ap] of GENERAL_ANTI_PATTERNS.entries()) {
    const arrows = graph.edges.filter((e) => {
      if (reported.has(e.id)) return false;
      const a = byId.get(e.from)?.kind;
      const b = byId.get(e.to)?.kind;
      return (a === ap.from && b === ap.to) || (e.direction !== 'forward' && a === ap.to && b === ap.from);
    });
    if (arrows.length === 0) continue;
    findings.push({
      key: `anti-pattern:general-${i}`,
      check: 'anti-pattern',
      title: `${capitalise(nameOf(arrows[0]!.from))} → ${nameOf(arrows[0]!.to)}`,
      reason: ap.reason,
      elementIds: [...arrows.map((e) => e.id), ...elementsOf(arrows.flatMap((e) => [e.from, e.to]))],
      link: parseLink(ap.learn),
    });
  }

  for (const n of graph.nodes) {
    if (n.boundary || n.text) continue;
    findings.push({
      key: `unlabelled:${n.id}`,
      check: 'unlabelled',
      title: `${capitalise(nameOf(n.id))} has no label`,
      reason: 'Say what it is on the shape: a reader (and this check) can only guess from its look.',
      elementIds: n.elementIds,
      link: parseLink(n.kind ? KIND_LINKS[n.kind] : undefined),
    });
  }

  for (const d of graph.dangling) {
    const attached = d.from ?? d.to;
    findings.push({
      key: `dangling:${d.id}`,
      check: 'dangling',
      title: attached ? `An arrow from ${nameOf(attached)} ends in empty space` : 'An arrow joins nothing',
      reason:
        'Attach both ends to the shapes it connects (drag an end onto a shape until it highlights), so the flow reads.',
      elementIds: [d.id],
      link: parseLink(attached ? KIND_LINKS[byId.get(attached)?.kind ?? 'client'] : undefined),
    });
  }

  const touched = new Set(graph.edges.flatMap((e) => [e.from, e.to]));
  for (const d of graph.dangling) {
    if (d.from) touched.add(d.from);
    if (d.to) touched.add(d.to);
  }
  for (const n of graph.nodes) {
    if (n.boundary || touched.has(n.id) || !n.kind) continue;
    findings.push({
      key: `isolated:${n.id}`,
      check: 'isolated',
      title: `${capitalise(nameOf(n.id))} has no arrow`,
      reason:
        'Nothing connects to it, so no flow uses it. Draw who calls it and what it calls, or take it off the board.',
      elementIds: n.elementIds,
      link: parseLink(KIND_LINKS[n.kind]),
    });
  }

  return {
    findings,
    components: graph.nodes.filter((n) => !n.boundary).length,
    arrows: graph.edges.length,
    reference: expectations !== undefined,
  };
}
