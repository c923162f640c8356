/** Autosave figures: the main-process write, and long tasks in Chromium while drawing and typing. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Backend } from '../../electron/core/backend';
import { ROOT, launchBrowser, newPage, startShell, tempDataDir } from '../e2e/harness';

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

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

export async function autosaveWriteP95Ms(): Promise<{
  p95: number;
  median: number;
  sceneKb: number;
  snapshotCount: number;
}> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tradeoff-bench-save-'));
  // A clock that moves one second per save, as autosave does while someone draws steadily.
  let clockMs = Date.now();
  const backend = new Backend({
    dataDir: dir,
    assetsDir: path.join(ROOT, 'assets'),
    transport: 'http',
    appVersion: 'bench',
    now: () => clockMs,
  });
  try {
    const start = await backend.dispatch('session.start', {
      problemId: 'url-shortener',
      budgetsMin: { clarify: 5, estimate: 3, design: 7, 'deep-dive': 15, tradeoffs: 5 },
      mutation: false,
    });
    if (!start.ok) throw new Error(start.error.message);
    const id = (start.value as { id: string }).id;
    const json = syntheticScene(500);
    const notes = 'Requirements:\n' + '- a requirement line that a candidate typed\n'.repeat(60);
    const times: number[] = [];
    // 300 saves; the store's own clock decides when a snapshot is due (every 15 s of saves),
    // so the figure includes the occasional compressed snapshot as in real use.
    for (let i = 0; i < 300; i++) {
      clockMs += 1000;
      const t0 = performance.now();
      const out = await backend.dispatch('session.save', {
        id,
        notes: [{ phase: 'clarify', text: notes + i }],
        scene: { json, elementCount: 500, version: 1000 + i },
      });
      times.push(performance.now() - t0);
      if (!out.ok) throw new Error(out.error.message);
      if (i % 15 === 14) await new Promise((r) => setTimeout(r, 0)); // let the event loop breathe
    }
    const snapshots = await backend.dispatch('session.snapshots', { id });
    const snapshotCount = snapshots.ok ? (snapshots.value as unknown[]).length : 0;
    return {
      p95: percentile(times, 95),
      median: percentile(times, 50),
      sceneKb: json.length / 1024,
      snapshotCount,
    };
  } finally {
    backend.close();
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
      'object-store',
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
