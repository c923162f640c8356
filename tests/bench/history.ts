/** History, trends and replay figures over a large, realistic data set written straight to SQLite. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { Backend } from '../../electron/core/backend';
import { openDatabase } from '../../electron/core/db/index';
import { ROOT } from '../e2e/harness';
import { syntheticScene } from './autosave';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const PROBLEMS = [
  'url-shortener',
  'rate-limiter',
  'chat',
  'news-feed',
  'task-scheduler',
  'notification-system',
  'event-pipeline',
  'cell-platform',
];

function seed(dir: string, sessions: number, snapshotsInFirst: number): string {
  const { db } = openDatabase(dir);
  const budgets = JSON.stringify({ clarify: 7, estimate: 5, design: 8, 'deep-dive': 20, tradeoffs: 5 });
  const insertSession = db.prepare(
    `INSERT INTO sessions (id, problem_id, problem_title, pack_id, status, time_target_min, budgets_json, mutation_enabled,
       created_at_ms, ended_at_ms, updated_at_ms, active_ms, phase_spent_json)
     VALUES (?, ?, ?, 'tradeoff-builtin', 'ended', 45, ?, 0, ?, ?, ?, ?, ?)`,
  );
  const insertScore = db.prepare(
    `INSERT INTO scores (session_id, provenance, profile_id, profile_name, weights_json, requirements, design, depth, tradeoffs,
       communication, evidence_json, checklist_json, weighted, verdict, created_at_ms, updated_at_ms)
     VALUES (?, 'self', 'balanced', 'Balanced', '{"requirements":20,"design":25,"depth":25,"tradeoffs":20,"communication":10}',
       ?, ?, ?, ?, ?, '{"requirements":"","design":"","depth":"","tradeoffs":"","communication":""}', '[]', ?, ?, ?, ?)`,
  );
  const insertSnapshot = db.prepare(
    'INSERT INTO scene_snapshots (session_id, at_ms, phase, element_count, scene_deflated) VALUES (?, ?, ?, ?, ?)',
  );
  let rng = 42;
  const rand = () => (rng = (rng * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const level = () => 1 + Math.floor(rand() * 4);
  const start = Date.UTC(2024, 0, 1);
  let firstId = '';
  db.transaction(() => {
    for (let i = 0; i < sessions; i++) {
      const id = `bench-${String(i).padStart(6, '0')}-session`;
      if (i === 0) firstId = id;
      const at = start + i * 3_600_000;
      const spent = JSON.stringify({
        clarify: 400_000,
        estimate: 300_000,
        design: 500_000,
        'deep-dive': 1_300_000,
        tradeoffs: 200_000,
      });
      const problem = PROBLEMS[i % PROBLEMS.length]!;
      insertSession.run(
        id,
        problem,
        problem.replace('-', ' '),
        budgets,
        at,
        at + 2_700_000,
        at + 2_700_000,
        2_700_000,
        spent,
      );
      if (i % 10 !== 9) {
        const l = [level(), level(), level(), level(), level()] as const;
        const w = (l[0] * 20 + l[1] * 25 + l[2] * 25 + l[3] * 20 + l[4] * 10) / 100;
        insertScore.run(
          id,
          ...l,
          w,
          w >= 3.5 ? 'strong-hire' : w >= 2.75 ? 'lean-hire' : w >= 2 ? 'lean-no-hire' : 'no-hire',
          at,
          at,
        );
      }
    }
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
