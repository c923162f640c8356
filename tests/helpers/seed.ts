/**
 * A realistic data folder, written straight to SQLite: `n` finished interviews, each with notes, a
 * whiteboard scene and a score (the shape an active user has after months of practice). Seeded
 * randomness, so every run writes the same bytes.
 */
import { openDatabase } from '../../electron/core/db/index';

const PROBLEMS = [
  'url-shortener',
  'rate-limiter',
  'chat',
  'news-feed',
  'task-scheduler',
  'notification-system',
];
const BUDGETS = JSON.stringify({ clarify: 7, estimate: 5, design: 8, 'deep-dive': 20, tradeoffs: 5 });
const SPENT = JSON.stringify({
  clarify: 400_000,
  estimate: 300_000,
  design: 500_000,
  'deep-dive': 1_300_000,
  tradeoffs: 200_000,
});
const WEIGHTS = '{"requirements":20,"design":25,"depth":25,"tradeoffs":20,"communication":10}';

/** A scene shaped like Excalidraw's own JSON: 500 labelled shapes and arrows. */
export function syntheticScene(count: number): string {
  const elements = Array.from({ length: count }, (_, i) => ({
    id: `el-${i}-${'x'.repeat(12)}`,
    type: i % 5 === 4 ? 'arrow' : i % 3 === 0 ? 'text' : 'rectangle',
    x: (i % 25) * 180,
    y: Math.floor(i / 25) * 120,
    width: 160,
    height: 64,
    angle: 0,
    strokeColor: '#1e1e1e',
    backgroundColor: '#a5d8ff',
    fillStyle: 'solid',
    strokeWidth: 2,
    strokeStyle: 'solid',
    roughness: 1,
    opacity: 100,
    groupIds: [],
    frameId: null,
    roundness: { type: 3 },
    seed: 100000 + i,
    version: 3 + (i % 7),
    versionNonce: 987654 + i,
    isDeleted: false,
    boundElements: i % 5 === 4 ? null : [{ id: `el-${i + 1}`, type: 'arrow' }],
    updated: 1700000000000 + i,
    link: null,
    locked: false,
    text: i % 3 === 0 ? `Component ${i}` : undefined,
    points:
      i % 5 === 4
        ? [
            [0, 0],
            [120, 0],
          ]
        : undefined,
  }));
  return JSON.stringify({
    type: 'excalidraw',
    version: 2,
    source: 'tradeoff',
    elements,
    appState: { viewBackgroundColor: 'transparent' },
    files: {},
  });
}

export function seedSessions(
  dataDir: string,
  n: number,
  opts: {
    elementsPerScene?: number;
    /** Leave every k-th interview unscored (history has unscored rows too). */
    unscoredEvery?: number;
  } = {},
): { firstId: string } {
  const { db } = openDatabase(dataDir);
  const elements = opts.elementsPerScene ?? 12;
  const sceneJson = syntheticScene(elements);
  let rng = 42;
  const rand = () => (rng = (rng * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const level = () => 1 + Math.floor(rand() * 4);
  const start = Date.UTC(2024, 0, 1);
  const session = db.prepare(
    `INSERT INTO sessions (id, problem_id, problem_title, pack_id, status, time_target_min, budgets_json, mutation_enabled,
       created_at_ms, ended_at_ms, updated_at_ms, active_ms, phase_spent_json)
     VALUES (?, ?, ?, 'tradeoff-builtin', 'ended', 45, ?, 0, ?, ?, ?, 2700000, ?)`,
  );
  const note = db.prepare(
    'INSERT INTO session_notes (session_id, phase, text, updated_at_ms) VALUES (?, ?, ?, ?)',
  );
  const scene = db.prepare(
    'INSERT INTO session_scene (session_id, scene_json, element_count, updated_at_ms) VALUES (?, ?, ?, ?)',
  );
  const score = db.prepare(
    `INSERT INTO scores (session_id, provenance, profile_id, profile_name, weights_json, requirements, design, depth, tradeoffs,
       communication, evidence_json, checklist_json, weighted, verdict, created_at_ms, updated_at_ms)
     VALUES (?, 'self', 'balanced', 'Balanced', '${WEIGHTS}', ?, ?, ?, ?, ?,
       '{"requirements":"asked about scale","design":"drew the read path","depth":"key generation","tradeoffs":"","communication":"checked in"}',
       '[0,2]', ?, ?, ?, ?)`,
  );
  let firstId = '';
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const id = `seed-${String(i).padStart(6, '0')}-session`;
      if (i === 0) firstId = id;
      const at = start + i * 3_600_000;
      const problem = PROBLEMS[i % PROBLEMS.length]!;
      session.run(
        id,
        problem,
        problem.replace(/-/g, ' '),
        BUDGETS,
        at,
        at + 2_700_000,
        at + 2_700_000,
        SPENT,
      );
      note.run(
        id,
        'clarify',
        `- ${100 + i}M requests a day\n- reads outnumber writes 100:1\n- 99.9% available`,
        at,
      );
      note.run(id, 'design', 'Client → LB → API → cache → store; async path through a log to analytics.', at);
      scene.run(id, sceneJson, elements, at);
      if (opts.unscoredEvery && i % opts.unscoredEvery === opts.unscoredEvery - 1) continue;
      const l = [level(), level(), level(), level(), level()] as const;
      const w = (l[0] * 20 + l[1] * 25 + l[2] * 25 + l[3] * 20 + l[4] * 10) / 100;
      const verdict =
        w >= 3.5 ? 'strong-hire' : w >= 2.75 ? 'lean-hire' : w >= 2 ? 'lean-no-hire' : 'no-hire';
      score.run(id, ...l, w, verdict, at + 2_800_000, at + 2_800_000);
    }
  })();
  db.close();
  return { firstId };
}
