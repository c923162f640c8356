import { describe, expect, it } from 'vitest';
import { checkBoard, type Finding } from '../../shared/board/checks';
import { kindInfo, SHAPE_KINDS, type KindId } from '../../shared/board/kinds';
import type { BoardExpectations, Problem } from '../../shared/content/schema';
import { validatePack } from '../../shared/content/validate';
import { builtin } from '../helpers/backend';
import { SceneBuilder } from '../helpers/board';

type Component = BoardExpectations['components'][number];
const SHAPE_FOR_KIND = new Map(Object.entries(SHAPE_KINDS).map(([shape, kind]) => [kind, shape]));
const kindsOf = (c: Component) => (Array.isArray(c.kind) ? c.kind : [c.kind]) as KindId[];
const problems = () => builtin().problems;
const problem = (id: string) => problems().find((p) => p.id === id)!;
/** The findings about the design (not the drawing's tidiness). */
const DESIGN = new Set(['missing', 'flow', 'spof', 'anti-pattern']);
/** The built-in pack with one problem replaced. */
const withProblem = (p: Problem) => ({
  ...builtin(),
  problems: builtin().problems.map((x) => (x.id === p.id ? p : x)),
});
const design = (findings: Finding[]) => findings.filter((f) => DESIGN.has(f.check)).map((f) => f.key);

/**
 * A board drawn to the problem's reference design: one library shape per component (a hand-drawn
 * one for kinds the library has no shape for), labelled with the reference design's own name for
 * it, "×3" on stateful ones, and arrows along every flow. `skip` leaves a component out and joins
 * what came before it to what came after (as a candidate who forgot it would draw).
 */
function referenceBoard(p: Problem, opts: { skip?: string; single?: string; cutInto?: string } = {}) {
  const board = p.board!;
  const b = new SceneBuilder();
  const ids = new Map<string, string>();
  const sharedRefs = new Set(
    board.components.filter((c, i, all) => all.findIndex((o) => o.ref === c.ref) !== i).map((c) => c.ref),
  );
  board.components.forEach((c, i) => {
    if (c.id === opts.skip) return;
    const kind = kindsOf(c)[0]!;
    // Where the reference names one part for two components ("Post service + post store"), a
    // candidate draws two shapes and says which is which.
    const ref =
      c.ref && sharedRefs.has(c.ref) ? `${c.ref.replace(/\s*\(.*\)$/, '')} ${kindInfo(kind).label}` : c.ref;
    const base = ref ?? (kind === 'client' ? 'Client' : 'External provider');
    const stateful = kindsOf(c).some((k) => kindInfo(k).stateful);
    const label = stateful && c.id !== opts.single ? `${base} ×3` : base;
    ids.set(
      c.id,
      b.shape(label, {
        kind: SHAPE_FOR_KIND.get(kind),
        at: { x: (i % 4) * 400, y: Math.floor(i / 4) * 300 },
      }),
    );
  });
  const drawn = new Set<string>();
  const join = (from: string, to: string) => {
    const key = `${from}>${to}`;
    if (from === to || drawn.has(key)) return;
    if (to === opts.cutInto) return;
    drawn.add(key);
    b.arrow(ids.get(from)!, ids.get(to)!);
  };
  for (const flow of board.flows) {
    const path = flow.path.filter((id) => id !== opts.skip);
    for (let i = 1; i < path.length; i++) join(path[i - 1]!, path[i]!);
  }
  return Object.assign(b, { ids });
}

describe('board expectations in the built-in pack', () => {
  it('are written for every problem', () => {
    expect(problems()).toHaveLength(20);
    for (const p of problems()) expect(p.board, p.id).toBeDefined();
  });

  it('are refused when they name kinds, components or links that do not exist', () => {
    const at = problems().findIndex((x) => x.id === 'url-shortener');
    const p = structuredClone(problem('url-shortener'));
    p.board!.components[1] = { id: 'lb', kind: 'load-balancer', ref: 'Round-robin DNS' };
    p.board!.flows[0]!.path.push('nowhere');
    p.board!.antiPatterns[0]!.learn = 'concept:not-a-concept';
    const { issues } = validatePack(withProblem(p));
    expect(issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      `problems[${at}].board.components[1].ref: "Round-robin DNS" is not a component of the reference design (referenceDesign.components[].name)`,
      `problems[${at}].board.flows[0].path[4]: names no component "nowhere"`,
      `problems[${at}].board.antiPatterns[0].learn: links to unknown concept "not-a-concept"`,
    ]);
    const wrongKind = structuredClone(problem('url-shortener')) as unknown as Problem;
    (wrongKind.board!.components[0] as { kind: string }).kind = 'mainframe';
    const refused = validatePack(withProblem(wrongKind));
    expect(refused.issues.map((i) => i.path)).toEqual([`problems[${at}].board.components[0].kind`]);
  });

  it('are optional: a problem without them still loads, and the board check says only general checks ran', () => {
    const p = structuredClone(problem('chat'));
    delete p.board;
    expect(validatePack(withProblem(p)).issues).toEqual([]);
    const b = new SceneBuilder();
    const db = b.shape('Postgres');
    const result = checkBoard(b.elements, undefined);
    expect(result.reference).toBe(false);
    expect(result.findings.map((f) => f.key)).toEqual([`spof:${db}`, `isolated:${db}`]);
  });
});

describe.each(builtin().problems.map((p) => [p.id, p] as const))('%s', (_id, p) => {
  it('a board drawn to the reference has no missing component, broken flow, single point of failure or anti-pattern', () => {
    expect(design(checkBoard(referenceBoard(p).elements, p.board).findings)).toEqual([]);
  });

  const essential = p.board!.components.filter((c) => !c.optional);
  it.each(essential.map((c) => [c.id]))('leaving out %s gives exactly "missing" for it', (cid) => {
    const findings = checkBoard(referenceBoard(p, { skip: cid }).elements, p.board).findings;
    // Joining around a missing step can draw the very shortcut an anti-pattern warns about.
    const shortcut = new Set(
      p.board!.antiPatterns.flatMap((ap, i) =>
        p.board!.flows.some((f) => {
          const at = f.path.indexOf(cid);
          return at > 0 && f.path[at - 1] === ap.from && f.path[at + 1] === ap.to;
        })
          ? [`anti-pattern:${i}`]
          : [],
      ),
    );
    // …or join a client straight to a store, which every design is warned about.
    const clientBefore = p.board!.flows.some((f) => {
      const at = f.path.indexOf(cid);
      return at > 0 && kindsOf(p.board!.components.find((c) => c.id === f.path[at - 1])!)[0] === 'client';
    });
    const allowed = (k: string) => shortcut.has(k) || (clientBefore && k.startsWith('anti-pattern:general-'));
    expect(design(findings).filter((k) => !allowed(k))).toEqual([`missing:${cid}`]);
  });

  it.each(p.board!.flows.map((f, i) => [f.name, i] as const))(
    'cutting the arrows into the end of "%s" reports that flow, and only flows',
    (_name, i) => {
      const cutInto = p.board!.flows[i]!.path.at(-1)!;
      const findings = design(checkBoard(referenceBoard(p, { cutInto }).elements, p.board).findings);
      expect(findings).toContain(`flow:${i}`);
      expect(findings.every((k) => k.startsWith('flow:'))).toBe(true);
    },
  );

  const database = p.board!.components.find((c) => kindsOf(c)[0] === 'database');
  it.runIf(database)('one database without a replica is a single point of failure', () => {
    const b = referenceBoard(p, { single: database!.id });
    const findings = checkBoard(b.elements, p.board).findings.filter((f) => DESIGN.has(f.check));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.check).toBe('spof');
    expect(findings[0]!.title).toMatch(/^".+" is a single point of failure$/);
    expect(findings[0]!.key).toBe(`spof:${b.ids.get(database!.id)}`);
  });
});

describe('checks on hand-made boards', () => {
  const url = () => problem('url-shortener');

  function partialUrlShortener() {
    const b = new SceneBuilder();
    const client = b.shape('Client', { kind: 'client' });
    const lb = b.shape('Load balancer', { kind: 'load-balancer', type: 'diamond' });
    const svc = b.shape('Service', { kind: 'service' });
    const db = b.shape('Database', { kind: 'database', type: 'ellipse' });
    b.arrow(client, lb);
    b.arrow(lb, svc);
    b.arrow(svc, db);
    return { b, client, lb, svc, db };
  }

  it('a partial URL shortener: no cache, and the database is a single point of failure', () => {
    const { b, db } = partialUrlShortener();
    const result = checkBoard(b.elements, url().board);
    expect(result.findings.map((f) => [f.key, f.title])).toEqual([
      ['missing:cache', 'No cache'],
      ['spof:' + db, '"Database" is a single point of failure'],
    ]);
    const spof = result.findings[1]!;
    expect(spof.elementIds).toContain(db);
    expect(spof.link).toEqual({ kind: 'concept', id: 'replication-lag' });
    expect(result.findings[0]!.link).toEqual({ kind: 'concept', id: 'cache-failure-modes' });
  });

  it('adding a cache and a replica clears both', () => {
    const { b, svc, db } = partialUrlShortener();
    const cache = b.shape('Cache', { kind: 'cache', at: { x: 780, y: 200 } });
    b.arrow(svc, cache);
    const replica = b.shape('Read replica', { kind: 'replica', type: 'ellipse', at: { x: 1100, y: 200 } });
    b.arrow(db, replica);
    expect(checkBoard(b.elements, url().board).findings).toEqual([]);
  });

  it('"Redis cluster ×3" written as free text is a cache with copies', () => {
    const { b, svc } = partialUrlShortener();
    const redis = b.text('Redis cluster ×3', { x: 780, y: 300 });
    b.arrow(svc, redis);
    const keys = checkBoard(b.elements, url().board).findings.map((f) => f.key);
    expect(keys).not.toContain('missing:cache');
  });

  it('"Postgres ×2" or a stacked copy is not a single point of failure; "DynamoDB" is replicated by design', () => {
    for (const label of ['Postgres ×2', 'Postgres primary + standby', 'DynamoDB']) {
      const b = new SceneBuilder();
      const svc = b.shape('Service');
      b.arrow(svc, b.shape(label));
      expect(checkBoard(b.elements, undefined).findings, label).toEqual([]);
    }
  });

  it('reports a synchronous write to analytics on the redirect path, with the arrow to highlight', () => {
    const b = new SceneBuilder();
    const svc = b.shape('Redirect service', { kind: 'service' });
    const analytics = b.shape('Analytics DB ×3', { kind: 'database' });
    const arrow = b.arrow(svc, analytics);
    const f = checkBoard(b.elements, url().board).findings.find((x) => x.check === 'anti-pattern')!;
    expect(f.title).toBe('"Redirect service" → "Analytics DB ×3"');
    expect(f.elementIds).toEqual(expect.arrayContaining([arrow, svc, analytics]));
    expect(f.link).toEqual({ kind: 'concept', id: 'kafka-queues' });
  });

  it('reports a client talking to the database on any problem', () => {
    const b = new SceneBuilder();
    const arrow = b.arrow(b.shape('Browser'), b.shape('Postgres ×3'));
    const f = checkBoard(b.elements, undefined).findings;
    expect(f.map((x) => [x.key, x.title])).toEqual([['anti-pattern:general-0', '"Browser" → "Postgres ×3"']]);
    expect(f[0]!.elementIds[0]).toBe(arrow);
  });

  it('reports dangling arrows, unlabelled shapes and components with no arrow', () => {
    const b = new SceneBuilder();
    const svc = b.shape('Service', { at: { x: 0, y: 0 } });
    const loose = b.arrow(svc, { x: 300, y: 400 });
    const blank = b.shape('', { at: { x: 600, y: 0 } });
    const lonely = b.shape('Worker', { at: { x: 1000, y: 0 } });
    const f = checkBoard(b.elements, undefined).findings;
    expect(f.map((x) => [x.key, x.title])).toEqual([
      [`unlabelled:${blank}`, 'An unlabelled shape has no label'],
      [`dangling:${loose}`, 'An arrow from "Service" ends in empty space'],
      [`isolated:${lonely}`, '"Worker" has no arrow'],
    ]);
  });

  it('follows flows through extra hops, and not against the arrows', () => {
    const b = new SceneBuilder();
    const client = b.shape('Client');
    const cdn = b.shape('CDN');
    const gw = b.shape('API gateway');
    const lb = b.shape('Load balancer');
    const svc = b.shape('Create service');
    const db = b.shape('Cassandra');
    b.arrow(client, cdn);
    b.arrow(cdn, gw);
    b.arrow(gw, lb);
    b.arrow(lb, svc);
    b.arrow(db, svc); // points the wrong way
    const keys = checkBoard(b.elements, url().board).findings.map((f) => f.key);
    expect(keys).toContain('flow:2'); // Create a short link: create → store not followed
  });

  it('gives the same findings every time', () => {
    const b = referenceBoard(problem('chat'), { skip: 'store' });
    expect(checkBoard(b.elements, problem('chat').board)).toEqual(
      checkBoard(b.elements, problem('chat').board),
    );
  });
});
