/** History, trends and replay figures over a large, realistic data set written straight to SQLite. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { Backend } from '../../electron/core/backend';
import { openDatabase } from '../../electron/core/db/index';
import { ROOT } from '../e2e/harness';
import { seedSessions, syntheticScene } from '../helpers/seed';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * 5,000 finished interviews (every tenth unscored) written the way the app writes them, and a long
 * replay on the first.
 */
function seed(dir: string, sessions: number, snapshotsInFirst: number): string {
  const { firstId } = seedSessions(dir, sessions, { unscoredEvery: 10 });
  const { db } = openDatabase(dir);
  const insertSnapshot = db.prepare(
    'INSERT INTO scene_snapshots (session_id, at_ms, phase, element_count, scene_deflated) VALUES (?, ?, ?, ?, ?)',
  );
  const start = Date.UTC(2024, 0, 1);
  db.transaction(() => {
    // The first session gets a long replay: 300 snapshots, each of the whole 500-element board as
    // it stood at that moment (one shape moved and every shape's `updated` stamp bumped per
    // snapshot, so no two are alike), compressed as the session store compresses them.
    const full = JSON.parse(syntheticScene(500)) as { elements: { x: number; updated: number }[] };
    for (let s = 0; s < snapshotsInFirst; s++) {
      const elements = full.elements.map((el, i) => ({
        ...el,
        x: i === s % full.elements.length ? el.x + 10 * (s + 1) : el.x,
        updated: el.updated + s * 1000,
      }));
      const scene = JSON.stringify({ ...full, elements });
      insertSnapshot.run(
        firstId,
        start + s * 15_000,
        'design',
        elements.length,
        zlib.deflateRawSync(Buffer.from(scene), { level: 1 }),
      );
    }
  })();
  db.close();
  return firstId;
}

export async function historyFigures(): Promise<{
  historyQueryMs: number;
  trendsQueryMs: number;
  replaySeekMs: number;
  sessions: number;
}> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tradeoff-bench-history-'));
  const firstId = seed(dir, 5000, 300);
  const backend = new Backend({
    dataDir: dir,
    assetsDir: path.join(ROOT, 'assets'),
    builtinPackFile: path.join(ROOT, 'dist', 'content', 'builtin-pack.json'),
    transport: 'http',
    appVersion: 'bench',
  });
  try {
    const time = async (fn: () => Promise<unknown>, runs: number) => {
      await fn(); // warm the statement cache once, as a running app has
      const out: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await fn();
        out.push(performance.now() - t0);
      }
      return median(out);
    };
    const history = await time(async () => {
      const r = await backend.dispatch('history.list', { sort: 'score', direction: 'desc' });
      if (!r.ok || (r.value as unknown[]).length !== 5000)
        throw new Error('history did not return 5,000 rows');
    }, 15);
    const trends = await time(async () => {
      const r = await backend.dispatch('trends.get', {});
      if (!r.ok) throw new Error(r.error.message);
    }, 15);
    const snaps = await backend.dispatch('session.snapshots', { id: firstId });
    if (!snaps.ok) throw new Error(snaps.error.message);
    const ids = (snaps.value as { id: number }[]).map((s) => s.id);
    if (ids.length !== 300) throw new Error(`expected 300 snapshots to replay, found ${ids.length}`);
    let k = 0;
    // A seek = fetch one snapshot and parse it into elements, as the scrubber does.
    const seek = await time(async () => {
      const snapshotId = ids[(k++ * 97) % ids.length]!;
      const r = await backend.dispatch('session.snapshot', { id: firstId, snapshotId });
      if (!r.ok) throw new Error(r.error.message);
      const scene = JSON.parse((r.value as { json: string }).json) as { elements: unknown[] };
      if (scene.elements.length !== 500) throw new Error('a replay snapshot is not a 500-element board');
    }, 40);
    return { historyQueryMs: history, trendsQueryMs: trends, replaySeekMs: seek, sessions: 5000 };
  } finally {
    backend.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
