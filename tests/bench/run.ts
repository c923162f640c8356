/**
 * `npm run bench [-- --json]`: performance figures, not tests. Prints a table, or one JSON object
 * with --json. Each figure is a median of several runs on this machine; no pass/fail here.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { openDatabase } from '../../electron/core/db/index';
import { ROOT, launchBrowser, newPage, startShell, tempDataDir } from '../e2e/harness';
import { autosaveWriteP95Ms, longTasksDuringAutosave } from './autosave';
import { boardReadyFigures } from './board';
import { boardCheckFigures } from './board-check';
import { historyFigures } from './history';
import { mainThreadFigures } from './mainthread';
import { dueQueueFigures, webShellStartToTodayMs } from './srs';
import { bytesPerMinute, chunkWriteFigures } from './voice';
import { labPeers, labRunDefaultMs, labsChunkGzipKb } from './labs';

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

/**
 * The JavaScript the browser actually loaded before the library was on screen (entry, the chunks it
 * imports at once, anything a first screen pulled in), as served; gzip only for comparison.
 */
function initialJsKb(names: string[]): { rawKb: number; gzipKb: number } {
  const dist = path.join(ROOT, 'dist', 'renderer');
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const name of new Set(names)) {
    const bytes = fs.readFileSync(path.join(dist, name));
    rawBytes += bytes.length;
    gzipBytes += zlib.gzipSync(bytes, { level: 9 }).length;
  }
  return { rawKb: rawBytes / 1024, gzipKb: gzipBytes / 1024 };
}

/**
 * The floor for webShellStartToLibraryMs on this machine: spawn a bare Node HTTP server that serves
 * one line of HTML, open it in the same Chromium, wait for the line. Everything above this figure
 * is ours (the server's start, the back end's start, the app's code and first render).
 */
async function bareServerToPaintMs(): Promise<number> {
  const browser = await launchBrowser();
  const times: number[] = [];
  const script =
    "const s=require('node:http').createServer((q,r)=>{r.writeHead(200,{'Content-Type':'text/html'});r.end('<p id=x>ready</p>')});" +
    "s.listen(0,'127.0.0.1',()=>console.log('listening on http://127.0.0.1:'+s.address().port))";
  try {
    // One untimed run first (as for the app): it warms the disk cache and the browser.
    for (let i = 0; i < RUNS + 1; i++) {
      const { context, page } = await newPage(browser);
      const started = performance.now();
      const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      const url = await new Promise<string>((resolve) =>
        child.stdout.on('data', (c: Buffer) => {
          const m = /listening on (\S+)/.exec(c.toString());
          if (m) resolve(m[1]!);
        }),
      );
      await page.goto(url);
      await page.locator('#x').waitFor();
      if (i > 0) times.push(performance.now() - started);
      await context.close();
      child.kill();
    }
  } finally {
    await browser.close();
  }
  return median(times);
}

const RUNS = 5;

/**
 * From spawning the web shell to the library's first card on screen, in a new browser context
 * and a new data folder each run. `codeCache` is the folder for the back end's V8 code cache:
 * warm (made by one earlier start, as on every start after the first) or 'off' (the first start
 * after installing). One untimed run comes first.
 */
async function webShellStartToLibraryMs(codeCache: string): Promise<{ ms: number; scripts: string[] }> {
  const browser = await launchBrowser();
  const times: number[] = [];
  let scripts: string[] = [];
  try {
    for (let i = 0; i < RUNS + 1; i++) {
      const dir = tempDataDir('bench-start');
      const { context, page } = await newPage(browser);
      const started = performance.now();
      const shell = await startShell(dir, { TRADEOFF_CACHE_DIR: codeCache });
      await page.goto(shell.url);
      await page.locator('[data-testid="library-item"]').first().waitFor();
      if (i > 0) times.push(performance.now() - started);
      scripts = await page.evaluate<string[]>(
        `performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.endsWith('.js'))`,
      );
      await context.close();
      await shell.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    await browser.close();
  }
  return { ms: median(times), scripts: scripts.map((p) => p.replace(/^\//, '')) };
}

/** A code cache as one earlier start leaves it: start once, and wait until the cache is written. */
async function warmCodeCache(): Promise<string> {
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tradeoff-bench-code-cache-'));
  const dir = tempDataDir('bench-cache');
  const shell = await startShell(dir, { TRADEOFF_CACHE_DIR: cacheDir });
  try {
    const deadline = Date.now() + 15_000;
    while (!fs.readdirSync(cacheDir).some((f) => f.endsWith('.v8'))) {
      if (Date.now() > deadline) throw new Error('the back end wrote no code cache within 15 s');
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await shell.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return cacheDir;
}

async function main() {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'web', 'server.mjs'))) {
    console.error('Build first: npm run build');
    process.exit(1);
  }
  log('measuring database open + migrate…');
  const db = dbOpenMigrateMs();
  // A measurement that fails is reported as null with its reason, never as a number, and the
  // others still run (a half-finished change elsewhere should not hide every figure).
  const failures: Record<string, string> = {};
  const attempt = async <T>(label: string, fn: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await fn();
    } catch (e) {
      failures[label] = ((e as Error).message ?? String(e)).split('\n')[0]!;
      log(`  ${label} failed: ${failures[label]}`);
      return undefined;
    }
  };
  const r = (v: number | undefined, digits: number) => (v === undefined ? null : round(v, digits));
  log('measuring web shell start to library (5 runs with the code cache an earlier start left, 5 without)…');
  const cacheDir = await attempt('codeCache', warmCodeCache);
  const startRun = cacheDir
    ? await attempt('webShellStartToLibraryMs', () => webShellStartToLibraryMs(cacheDir))
    : undefined;
  const coldRun = await attempt('webShellFirstStartToLibraryMs', () => webShellStartToLibraryMs('off'));
  const start = startRun?.ms;
  const js = initialJsKb(startRun?.scripts ?? []);
  log('measuring a bare server + page in the same Chromium (the floor)…');
  const bare = await attempt('bareServerToPaintMs', bareServerToPaintMs);
  log('measuring autosave writes (500-element scene + notes, 300 saves, snapshots waited for)…');
  const save = await attempt('autosave', autosaveWriteP95Ms);
  log('measuring long tasks while drawing and typing in Chromium…');
  const long = await attempt('longTasks', longTasksDuringAutosave);
  log('measuring history, trends and replay over 5,000 sessions…');
  const hist = await attempt('history', historyFigures);
  log('measuring a 500-element board ready: the interview, and a bare Excalidraw page (7 runs each)…');
  const board = await attempt('boardReady', boardReadyFigures);
  log('measuring Check my board on a 500-element board (median of 31)…');
  const check = await attempt('boardCheck', async () => boardCheckFigures());
  log('measuring the web shell main thread during backup, restore, a 19.5 MB pack import and a report…');
  const main = await attempt('mainThread', mainThreadFigures);
  log('measuring web shell start to Today (5 runs) and the due queue over 10,000 cards…');
  const today = cacheDir
    ? await attempt('webShellStartToTodayMs', () => webShellStartToTodayMs(cacheDir))
    : undefined;
  if (cacheDir) fs.rmSync(cacheDir, { recursive: true, force: true });
  const queue = await attempt('dueQueueMs', async () => dueQueueFigures());
  log('measuring voice chunk writes (600 chunks) and a 15 s recording from a fake microphone…');
  const chunkWrite = await attempt('recordingChunkWrite', chunkWriteFigures);
  const recBytes = await attempt('recordingBytesPerMin', bytesPerMinute);
  log("measuring the labs: peers on the same workloads, default runs, and the Labs screen's JavaScript…");
  const peers = await attempt('labPeers', () => labPeers());
  const labRuns = await attempt('labRunDefaultMs', async () => labRunDefaultMs());
  const labsJs = await attempt('labsChunkGzipKb', labsChunkGzipKb);
  const figures = {
    webShellStartToTodayMs: r(today, 1),
    dueQueueMs: r(queue?.dueQueueMs, 2),
    webShellStartToLibraryMs: r(start, 1),
    webShellFirstStartToLibraryMs: r(coldRun?.ms, 1),
    bareServerToPaintMs: r(bare, 1),
    startOverBareMs: start !== undefined && bare !== undefined ? round(start - bare, 1) : null,
    initialJsRawKb: round(js.rawKb, 1),
    initialJsGzipKb: round(js.gzipKb, 1),
    dbOpenMigrateMs: round(db, 2),
    autosaveWriteP95Ms: r(save?.p95, 2),
    autosaveWriteMedianMs: r(save?.median, 2),
    autosaveCallP95Ms: r(save?.callP95, 2),
    snapshotWriteP95Ms: r(save?.snapshotP95, 2),
    snapshotWriteMedianMs: r(save?.snapshotMedian, 2),
    longTasksDuringAutosave: long?.autosave ?? null,
    longTasksWhileWorking: long?.total ?? null,
    autosaveSpansObserved: long?.saves ?? null,
    historyQueryMs: r(hist?.historyQueryMs, 2),
    trendsQueryMs: r(hist?.trendsQueryMs, 2),
    replaySeekMs: r(hist?.replaySeekMs, 2),
    interviewReadyMs: r(board?.interviewReadyMs, 1),
    bareExcalidrawReadyMs: r(board?.bareExcalidrawReadyMs, 1),
    interviewReadyRatio: board ? round(board.interviewReadyMs / board.bareExcalidrawReadyMs, 2) : null,
    mainThreadMaxBlockMs: r(main?.mainThreadMaxBlockMs, 1),
    mainThreadStallsMs: main
      ? Object.fromEntries(Object.entries(main.stalls).map(([k, v]) => [k, round(v, 1)]))
      : null,
    backupMs: r(main?.backupMs, 0),
    restoreMs: r(main?.restoreMs, 0),
    packImportMs: r(main?.packImportMs, 0),
    markdownReportMs: r(main?.reportMs, 0),
    boardCheckMs: r(check?.boardCheckMs, 2),
    recordingChunkWriteP95Ms: r(chunkWrite?.p95, 3),
    recordingBytesPerMin: r(recBytes, 0),
    labPeers: peers ?? null,
    labRunDefaultMs: labRuns ?? null,
    labsChunkGzipKb: labsJs?.gzipKb ?? null,
    ...(Object.keys(failures).length ? { failures } : {}),
  };
  process.exitCode = Object.keys(failures).length ? 1 : 0;
  if (json) {
    process.stdout.write(JSON.stringify(figures) + '\n');
    return;
  }
  const rows: [string, string, string][] = [
    [
      'webShellStartToTodayMs',
      String(figures.webShellStartToTodayMs),
      'server spawn → Today’s deck counts, median of 5, with the code cache an earlier start left',
    ],
    [
      'dueQueueMs',
      String(figures.dueQueueMs),
      'Today’s due counts + the first card, 10,000 cards and 100,000 review-log rows, median of 25',
    ],
    [
      'webShellStartToLibraryMs',
      String(figures.webShellStartToLibraryMs),
      'server spawn → first library card (#/library) in Chromium, median of 5, after one untimed run; the back end’s code cache as an earlier start left it',
    ],
    [
      'webShellFirstStartToLibraryMs',
      String(figures.webShellFirstStartToLibraryMs),
      'the same with no code cache (the first start after installing)',
    ],
    [
      'bareServerToPaintMs',
      String(figures.bareServerToPaintMs),
      'floor on this machine: spawn a bare Node server with one line of HTML → painted in the same Chromium, median of 5 after one untimed run',
    ],
    [
      'startOverBareMs',
      String(figures.startOverBareMs),
      'webShellStartToLibraryMs minus that floor: our server, back end, code and first render',
    ],
    [
      'initialJsRawKb',
      String(figures.initialJsRawKb),
      'JS the browser loaded before the library showed, as served (uncompressed)',
    ],
    [
      'initialJsGzipKb',
      String(figures.initialJsGzipKb),
      'the same gzipped at level 9, for comparison only (nothing is served compressed)',
    ],
    ['dbOpenMigrateMs', String(figures.dbOpenMigrateMs), 'create + migrate a fresh database, median of 7'],
    [
      'autosaveWriteP95Ms',
      String(figures.autosaveWriteP95Ms),
      `SessionStore.save of a 500-element scene (${Math.round(save?.sceneKb ?? 0)} KB) + notes until stored, ` +
        `incl. waiting for the compressed snapshot on the ${save?.snapshotSaves ?? '?'} saves that took one; ` +
        `p95 of ${save?.saves ?? '?'}, no request validation or transport (target < 5)`,
    ],
    ['autosaveWriteMedianMs', String(figures.autosaveWriteMedianMs), 'the same, median'],
    [
      'autosaveCallP95Ms',
      String(figures.autosaveCallP95Ms),
      'the same saves, the synchronous SessionStore.save call alone (compression runs after it), p95',
    ],
    [
      'snapshotWriteP95Ms',
      String(figures.snapshotWriteP95Ms),
      `only the ${save?.snapshotSaves ?? '?'} saves that took a snapshot: call → deflated snapshot row stored, p95`,
    ],
    ['snapshotWriteMedianMs', String(figures.snapshotWriteMedianMs), 'the same, median'],
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
  rows.push(
    [
      'interviewReadyMs',
      String(figures.interviewReadyMs),
      `navigation to an interview with a ${500}-element board → all elements reported by the whiteboard ` +
        'and the next frame painted (input is taken), a new browser context each run, median of 7 (target < 1000)',
    ],
    [
      'bareExcalidrawReadyMs',
      String(figures.bareExcalidrawReadyMs),
      'the same scene on a page that renders only Excalidraw with our fonts and CSP, same run, median of 7',
    ],
    [
      'interviewReadyRatio',
      String(figures.interviewReadyRatio),
      'interviewReadyMs / bareExcalidrawReadyMs (target ≤ 1.2)',
    ],
  );
  const stalls = figures.mainThreadStallsMs;
  rows.push(
    [
      'mainThreadMaxBlockMs',
      String(figures.mainThreadMaxBlockMs),
      `longest event-loop stall of the web shell's main thread during the four below (target < 50); each: ` +
        (stalls
          ? `backup ${stalls.backup}, restore ${stalls.restore}, pack ${stalls.packImport}, report ${stalls.report}`
          : 'not measured'),
    ],
    [
      'backupMs',
      String(figures.backupMs),
      `backup of 5,000 interviews (${main ? main.backupMb.toFixed(1) : '?'} MB), request → last byte received`,
    ],
    [
      'restoreMs',
      String(figures.restoreMs),
      'restore of that backup: upload → checked, swapped in and reopened',
    ],
    [
      'packImportMs',
      String(figures.packImportMs),
      `import of a ${main ? main.packMb.toFixed(1) : '?'} MB pack (cloned built-in questions): request → validated and stored`,
    ],
    [
      'markdownReportMs',
      String(figures.markdownReportMs),
      'session.exportMarkdown for one scored interview (PDFs are printed by the window, not the back end)',
    ],
    [
      'boardCheckMs',
      String(figures.boardCheckMs),
      `checkBoard (graph + every check) on a ${check?.elements ?? '?'}-element board against the URL shortener's expectations, median of 31 (target < 30)`,
    ],
    [
      'recordingChunkWriteP95Ms',
      String(figures.recordingChunkWriteP95Ms),
      'voice.chunk handler for one 12 KB (3 s) chunk: decode + one SQLite transaction, p95 of 600 (target < 5)',
    ],
    [
      'recordingBytesPerMin',
      String(figures.recordingBytesPerMin),
      'bytes stored per minute of a real Opus recording (Chromium, fake microphone, 15 s)',
    ],
    ...Object.entries(figures.labPeers ?? {}).map(([id, p]): [string, string, string] => [
      `labPeers.${id}`,
      String(p.ratio),
      `ours ${p.oursOpsPerSec} ops/s vs ${p.peer} ${p.peerOpsPerSec} ops/s: ${p.workload}`,
    ]),
    ...Object.entries(figures.labRunDefaultMs ?? {}).map(([id, ms]): [string, string, string] => [
      `labRunDefaultMs.${id}`,
      String(ms),
      "the lab's default experiments in Node, median of 3",
    ]),
    [
      'labsChunkGzipKb',
      String(figures.labsChunkGzipKb),
      'JavaScript (gzip -9) loaded going from the library to a lab page and running an edit: Labs screen, labs, Monaco and workers',
    ],
  );
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  console.log(`${'figure'.padEnd(w0)}  ${'value'.padStart(w1)}  what`);
  for (const [name, value, what] of rows) console.log(`${name.padEnd(w0)}  ${value.padStart(w1)}  ${what}`);
  for (const [label, reason] of Object.entries(failures)) console.log(`FAILED ${label}: ${reason}`);
}

void main();
