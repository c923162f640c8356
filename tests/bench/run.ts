/**
 * `npm run bench [-- --json]`: performance figures, not tests. Prints a table, or one JSON object
 * with --json. Each figure is a median of several runs on this machine; no pass/fail here.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { openDatabase } from '../../electron/core/db/index';
import { ROOT, launchBrowser, newPage, startShell, tempDataDir } from '../e2e/harness';
import { autosaveWriteP95Ms, longTasksDuringAutosave } from './autosave';
import { historyFigures } from './history';

const json = process.argv.includes('--json');
const log = (line: string) => {
  if (!json) console.error(line);
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;

function dbOpenMigrateMs(): number {
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tradeoff-bench-db-'));
    const started = performance.now();
    const { db } = openDatabase(dir);
    times.push(performance.now() - started);
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return median(times);
}

/** Gzipped size of the JavaScript index.html loads up front (lazy chunks excluded). */
function initialJsGzipKb(): number {
  const dist = path.join(ROOT, 'dist', 'renderer');
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const refs = new Set<string>();
  for (const m of html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)) refs.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)) refs.add(m[1]!);
  let bytes = 0;
  for (const ref of refs) bytes += zlib.gzipSync(fs.readFileSync(path.join(dist, ref)), { level: 9 }).length;
  return bytes / 1024;
}

async function webShellStartToLibraryMs(): Promise<number> {
  const browser = await launchBrowser();
  const times: number[] = [];
  try {
    for (let i = 0; i < 5; i++) {
      const dir = tempDataDir('bench-start');
      const { context, page } = await newPage(browser);
      const started = performance.now();
      const shell = await startShell(dir);
      await page.goto(shell.url);
      await page.locator('[data-testid="library-item"]').first().waitFor();
      times.push(performance.now() - started);
      await context.close();
      await shell.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    await browser.close();
  }
  return median(times);
}

async function main() {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'web', 'server.mjs'))) {
    console.error('Build first: npm run build');
    process.exit(1);
  }
  log('measuring database open + migrate…');
  const db = dbOpenMigrateMs();
  log('measuring initial JavaScript…');
  const js = initialJsGzipKb();
  log('measuring web shell start to library (5 runs)…');
  const start = await webShellStartToLibraryMs();
  log('measuring autosave writes (500-element scene + notes, 300 saves)…');
  const save = await autosaveWriteP95Ms();
  log('measuring long tasks while drawing and typing in Chromium…');
  const long = await longTasksDuringAutosave();
  log('measuring history, trends and replay over 5,000 sessions…');
  const hist = await historyFigures();
  const figures = {
    webShellStartToLibraryMs: round(start, 1),
    initialJsGzipKb: round(js, 1),
    dbOpenMigrateMs: round(db, 2),
    autosaveWriteP95Ms: round(save.p95, 2),
    autosaveWriteMedianMs: round(save.median, 2),
    longTasksDuringAutosave: long.autosave,
    longTasksWhileWorking: long.total,
    autosaveSpansObserved: long.saves,
    historyQueryMs: round(hist.historyQueryMs, 2),
    trendsQueryMs: round(hist.trendsQueryMs, 2),
    replaySeekMs: round(hist.replaySeekMs, 2),
  };
  if (json) {
    process.stdout.write(JSON.stringify(figures) + '\n');
    return;
  }
  const rows: [string, string, string][] = [
    [
      'webShellStartToLibraryMs',
      String(figures.webShellStartToLibraryMs),
      'server spawn → first library card in Chromium, median of 5',
    ],
    [
      'initialJsGzipKb',
      String(figures.initialJsGzipKb),
      'gzipped JS loaded by index.html (lazy chunks excluded)',
    ],
    ['dbOpenMigrateMs', String(figures.dbOpenMigrateMs), 'create + migrate a fresh database, median of 7'],
    [
      'autosaveWriteP95Ms',
      String(figures.autosaveWriteP95Ms),
      `session.save, 500-element scene (${Math.round(save.sceneKb)} KB) + notes, p95 of 300 incl. ${save.snapshotCount} snapshots (target < 5)`,
    ],
    ['autosaveWriteMedianMs', String(figures.autosaveWriteMedianMs), 'the same, median'],
    [
      'longTasksDuringAutosave',
      String(figures.longTasksDuringAutosave),
      '>50 ms main-thread tasks overlapping autosave work (target 0)',
    ],
    [
      'longTasksWhileWorking',
      String(figures.longTasksWhileWorking),
      '>50 ms tasks in all while adding 40 shapes and typing notes',
    ],
    [
      'autosaveSpansObserved',
      String(figures.autosaveSpansObserved),
      'autosave serialise/send spans seen in that run',
    ],
    [
      'historyQueryMs',
      String(figures.historyQueryMs),
      'history.list over 5,000 sessions, sorted by score, median (target < 20)',
    ],
    [
      'trendsQueryMs',
      String(figures.trendsQueryMs),
      'trends.get with 4,500 scored sessions, median (target < 20)',
    ],
    [
      'replaySeekMs',
      String(figures.replaySeekMs),
      'fetch + inflate + parse one of 300 snapshots of a 500-element board, median (target < 50)',
    ],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  console.log(`${'figure'.padEnd(w0)}  ${'value'.padStart(w1)}  what`);
  for (const [name, value, what] of rows) console.log(`${name.padEnd(w0)}  ${value.padStart(w1)}  ${what}`);
}

void main();
