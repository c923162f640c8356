/**
 * The board check around a session: the component timeline read from snapshots (board.timeline)
 * and the findings of the final board in the Markdown report.
 */
import { describe, expect, it } from 'vitest';
import type { SessionState } from '../../shared/api/sessions';
import { backend, call, startSession, tempDir } from '../helpers/backend';
import { SceneBuilder } from '../helpers/board';

function partial() {
  const b = new SceneBuilder();
  const client = b.shape('Client', { kind: 'client' });
  const lb = b.shape('Load balancer', { kind: 'load-balancer', type: 'diamond' });
  const svc = b.shape('Service', { kind: 'service' });
  const db = b.shape('Database', { kind: 'database', type: 'ellipse' });
  b.arrow(client, lb);
  b.arrow(lb, svc);
  b.arrow(svc, db);
  return { b, svc, db };
}

describe('the board check of a session', () => {
  it('says when each essential component first appeared, and puts the final board’s findings in the report', async () => {
    const start = 1_700_000_000_000;
    let clock = start;
    const { b } = backend(tempDir('board'), { now: () => clock });
    const s = await startSession(b);
    await call(b, 'session.control', { id: s.id, action: 'next' });
    await call(b, 'session.control', { id: s.id, action: 'next' }); // high-level design
    const { b: scene, svc } = partial();
    clock += 60_000;
    let revision = (await call<SessionState>(b, 'session.get', { id: s.id })).revision;
    const save = async (version: number) => {
      const out = await call<{ revision: number; snapshotTaken: boolean }>(b, 'session.save', {
        id: s.id,
        baseRevision: revision,
        scene: { json: scene.json(), elementCount: scene.elements.length, version },
      });
      revision = out.revision;
      return out.snapshotTaken;
    };
    expect(await save(1)).toBe(true);
    const firstAt = clock;
    clock += 60_000;
    await call(b, 'session.control', { id: s.id, action: 'next' }); // deep dive
    const cache = scene.shape('Redis', { at: { x: 780, y: 200 } });
    scene.arrow(svc, cache);
    clock += 60_000;
    revision = (await call<SessionState>(b, 'session.get', { id: s.id })).revision;
    expect(await save(2)).toBe(true);
    const cacheAt = clock;

    // Snapshots taken while drawing are compressed off the save path and land a moment later.
    for (let turn = 0; turn < 1000; turn++) {
      const snaps = await call<unknown[]>(b, 'session.snapshots', { id: s.id });
      if (snaps.length === 3) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const timeline = await call<{ components: { id: string; atMs: number | null; phase: string | null }[] }>(
      b,
      'board.timeline',
      { id: s.id },
    );
    const at = Object.fromEntries(timeline.components.map((c) => [c.id, [c.atMs, c.phase]]));
    expect(at).toEqual({
      client: [firstAt, 'design'],
      lb: [firstAt, 'design'],
      create: [firstAt, 'design'],
      redirect: [firstAt, 'design'],
      cache: [cacheAt, 'deep-dive'],
      store: [firstAt, 'design'],
    });

    await call(b, 'session.control', { id: s.id, action: 'end' });
    const report = await call<{ text: string }>(b, 'session.exportMarkdown', { id: s.id });
    const section = report.text.slice(report.text.indexOf('## Board check'), report.text.indexOf('## Notes'));
    expect(section).toContain('1 finding. Advice, not a score');
    expect(section).toContain(
      '- **Single point of failure: "Database" is a single point of failure** — It is the only copy of a database',
    );
    expect(section).toContain('See the concept “Replication lag”.');
    expect(section).not.toContain('No cache');
  });

  it('has no timeline for a problem without expectations and leaves the board check out of a report with nothing drawn', async () => {
    const { b } = backend();
    const s = await startSession(b);
    await call(b, 'session.control', { id: s.id, action: 'end' });
    const report = await call<{ text: string }>(b, 'session.exportMarkdown', { id: s.id });
    expect(report.text).not.toContain('## Board check');
    // Snapshots taken while drawing are compressed off the save path and land a moment later.
    for (let turn = 0; turn < 1000; turn++) {
      const snaps = await call<unknown[]>(b, 'session.snapshots', { id: s.id });
      if (snaps.length === 3) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const timeline = await call<{ components: { atMs: number | null }[] }>(b, 'board.timeline', { id: s.id });
    expect(timeline.components.every((c) => c.atMs === null)).toBe(true);
  });
});
