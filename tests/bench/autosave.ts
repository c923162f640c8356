/** Autosave figures: the session store's write, and long tasks in Chromium while drawing and typing. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadPackFolder } from '../../electron/core/library/load';
import { openDatabase } from '../../electron/core/db/index';
import { SessionStore } from '../../electron/core/interview/store';
import { ROOT, launchBrowser, newPage, startShell, tempDataDir } from '../e2e/harness';
import { syntheticScene } from '../helpers/seed';

export { syntheticScene };

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export interface AutosaveFigures {
  /** Per save: the call, plus waiting until its snapshot is stored when it took one. */
  p95: number;
  median: number;
  /** Per save: the synchronous call alone (what holds the back end's thread). */
  callP95: number;
  /** Saves that took a snapshot only: the call until the compressed snapshot row is stored. */
  snapshotP95: number;
  snapshotMedian: number;
  sceneKb: number;
  saves: number;
  /** How many of the saves took a snapshot (the store decides). */
  snapshotSaves: number;
  snapshotCount: number;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * 300 autosaves of a 500-element scene straight into the session store (no request validation or
 * transport), on a clock that moves one second per save, as autosave does while someone draws
 * steadily. The store itself decides when a snapshot is due (every 15 s of saves) and compresses it
 * on libuv's thread pool, storing it in a callback after `save` returns; so for a save that took a
 * snapshot the timer runs until that snapshot is visible through `snapshots()`. Only the store's
 * public methods are used, so the store can move without this file changing beyond its import.
 */
export async function autosaveWriteP95Ms(): Promise<AutosaveFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tradeoff-bench-save-'));
  const builtin = loadPackFolder(path.join(ROOT, 'assets', 'content', 'builtin'));
  if (!builtin.pack) throw new Error('the built-in pack does not load');
  const problems = new Map(builtin.pack.problems.map((p) => [p.id, p]));
  let clockMs = Date.now();
  const { db } = openDatabase(dir);
  try {
    const store = new SessionStore(
      db,
      (id) => {
        const problem = problems.get(id);
        return problem ? { problem, packId: builtin.pack!.manifest.id } : null;
      },
      () => clockMs,
    );
    const started = store.start({
      problemId: 'url-shortener',
      budgetsMin: { clarify: 5, estimate: 3, design: 7, 'deep-dive': 15, tradeoffs: 5 },
      mutation: false,
    });
    const id = started.id;
    // Each save names the revision it is based on and returns the next one.
    let revision = started.revision;
    const json = syntheticScene(500);
    const notes = 'Requirements:\n' + '- a requirement line that a candidate typed\n'.repeat(60);
    const all: number[] = [];
    const calls: number[] = [];
    const withSnapshot: number[] = [];
    for (let i = 0; i < 300; i++) {
      clockMs += 1000;
      const t0 = performance.now();
      const out = store.save({
        id,
        baseRevision: revision,
        notes: [{ phase: 'clarify', text: notes + i }],
        scene: { json, elementCount: 500, version: 1000 + i },
      });
      const tCall = performance.now();
      revision = out.revision;
      if (out.snapshotTaken) {
        // Poll once per event-loop turn: the zlib callback that stores the row runs on one of them.
        for (let turns = 0; ; turns++) {
          await nextTurn();
          if (store.snapshots(id).some((snap) => snap.atMs === out.savedAtMs)) break;
          if (turns > 100_000) throw new Error('the snapshot was never stored');
        }
      }
      const tDone = performance.now();
      calls.push(tCall - t0);
      all.push(tDone - t0);
      if (out.snapshotTaken) withSnapshot.push(tDone - t0);
    }
    return {
      p95: percentile(all, 95),
      median: percentile(all, 50),
      callP95: percentile(calls, 95),
      snapshotP95: withSnapshot.length ? percentile(withSnapshot, 95) : Number.NaN,
      snapshotMedian: withSnapshot.length ? percentile(withSnapshot, 50) : Number.NaN,
      sceneKb: json.length / 1024,
      saves: all.length,
      snapshotSaves: withSnapshot.length,
      snapshotCount: store.snapshots(id).length,
    };
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Counts >50 ms main-thread tasks while drawing and typing, and those overlapping autosave work. */
export async function longTasksDuringAutosave(): Promise<{ total: number; autosave: number; saves: number }> {
  const browser = await launchBrowser();
  const shell = await startShell(tempDataDir('bench-longtasks'));
  try {
    const { page } = await newPage(browser);
    await page.addInitScript({
      content: `
        window.__longTasks = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, end: e.startTime + e.duration });
        }).observe({ type: 'longtask', buffered: true });`,
    });
    await page.goto(`${shell.url}/#/problem/url-shortener`);
    await page.getByTestId('start-interview').click();
    await page.getByTestId('interview').waitFor();
    await page.locator('.excalidraw canvas').first().waitFor();
    // Let start-up settle, then only count what happens while working.
    await page.locator('[data-testid="save-status"][data-state="saved"]').waitFor();
    const since = await page.evaluate(() => performance.now());
    const shapes = [
      'client',
      'load-balancer',
      'api-server',
      'cache',
      'database',
      'queue',
      'worker',
      'service',
    ];
    for (let round = 0; round < 5; round++) {
      for (const s of shapes) await page.locator(`[data-shape="${s}"]`).click();
      await page.getByRole('tab', { name: 'Notes' }).click();
      await page
        .getByTestId('notes')
        .pressSequentially(`Round ${round}: cache-aside, TTL 24h, 80/20 hot set. `, { delay: 5 });
      await page.getByRole('tab', { name: 'Interviewer' }).click();
      await page.locator('[data-testid="save-status"][data-state="saved"]').waitFor();
    }
    const result = await page.evaluate((from) => {
      const g = globalThis as unknown as { __longTasks: { start: number; end: number }[] };
      const tasks = g.__longTasks.filter((t) => t.end > from);
      const spans = performance
        .getEntriesByType('measure')
        .filter((m) => m.name.startsWith('autosave:') && m.startTime > from)
        .map((m) => ({ start: m.startTime, end: m.startTime + m.duration }));
      const overlapping = tasks.filter((t) => spans.some((s) => s.start < t.end && t.start < s.end));
      return { total: tasks.length, autosave: overlapping.length, saves: spans.length };
    }, since);
    return result;
  } finally {
    await shell.stop();
    await browser.close();
  }
}
