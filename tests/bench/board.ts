/**
 * How soon a 500-element board is ready, in the app and on a bare Excalidraw page, in the same run
 * on the same scene and the same Chromium:
 *  - interviewReadyMs: navigation to an active interview whose saved board holds the scene (the web
 *    shell serving the built app) → the whiteboard reports all 500 elements and the next frame is
 *    painted (the main thread is free again: input is taken);
 *  - bareExcalidrawReadyMs: the same, for renderer/bench/bare-board.html, a page that renders only
 *    Excalidraw with our fonts (built with the app's Vite config, served with the app's CSP).
 * Each run is a new browser context (an empty HTTP cache), so both pages load everything cold.
 */
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { CONTENT_SECURITY_POLICY } from '../../electron/core/csp';
import type { SessionState } from '../../shared/api/sessions';
import { ROOT, launchBrowser, newPage, startShell, tempDataDir, type Shell } from '../e2e/harness';
import { syntheticScene } from './autosave';

const RUNS = 7;
const ELEMENTS = 500;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Runs in the page from its first moment: records `__boardReadyMs` (ms since navigation start) once
 * an element reports `data-element-count` = the scene's size and a frame has been painted after it.
 */
const READY_PROBE = `(() => {
  const want = '${ELEMENTS}';
  const ready = () =>
    document.querySelector('[data-element-count="' + want + '"]') &&
    document.querySelector('.excalidraw__canvas.interactive');
  const done = () => requestAnimationFrame(() => setTimeout(() => { window.__boardReadyMs = performance.now(); }, 0));
  new MutationObserver((_, observer) => {
    if (!ready()) return;
    observer.disconnect();
    done();
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-element-count'] });
})();`;

async function api<T>(shell: Shell, name: string, input: unknown): Promise<T> {
  const res = await shell.fetch(`/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${name}: ${body.error?.message}`);
  return body.value;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** Builds the bare page with the app's Vite config (its font plugin included) into a temp folder. */
async function buildBarePage(): Promise<string> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tradeoff-bench-bare-'));
  await build({
    configFile: path.join(ROOT, 'renderer', 'vite.config.ts'),
    root: path.join(ROOT, 'renderer', 'bench'),
    logLevel: 'error',
    build: {
      outDir,
      emptyOutDir: true,
      rollupOptions: { input: path.join(ROOT, 'renderer', 'bench', 'bare-board.html') },
    },
  });
  return outDir;
}

/** Serves a folder on 127.0.0.1 with the app's Content-Security-Policy, as the web shell does. */
function serve(dir: string, sceneJson: string): Promise<{ url: string; close: () => void }> {
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (pathname === '/scene.json') {
      res.writeHead(200, { 'Content-Type': MIME['.json']! });
      res.end(sceneJson);
      return;
    }
    const file = path.join(dir, pathname === '/' ? 'bare-board.html' : pathname);
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${port}`, close: () => server.close() });
    }),
  );
}

export interface BoardReadyFigures {
  interviewReadyMs: number;
  bareExcalidrawReadyMs: number;
  runs: number;
}

export async function boardReadyFigures(): Promise<BoardReadyFigures> {
  const scene = syntheticScene(ELEMENTS);
  const bareDir = await buildBarePage();
  const bare = await serve(bareDir, scene);
  const dataDir = tempDataDir('bench-board');
  const shell = await startShell(dataDir);
  const browser = await launchBrowser();
  try {
    const session = await api<SessionState>(shell, 'session.start', {
      problemId: 'url-shortener',
      budgetsMin: { clarify: 5, estimate: 3, design: 7, 'deep-dive': 15, tradeoffs: 5 },
      mutation: false,
    });
    await api(shell, 'session.save', {
      id: session.id,
      baseRevision: session.revision,
      scene: { json: scene, elementCount: ELEMENTS, version: 1 },
    });
    const readyMs = async (url: string): Promise<number> => {
      const { context, page } = await newPage(browser);
      try {
        await page.addInitScript({ content: READY_PROBE });
        await page.goto(url);
        // Functions, not strings: a string predicate is eval'd in the page, which our CSP refuses.
        const probe = () => (globalThis as unknown as { __boardReadyMs?: number }).__boardReadyMs;
        await page.waitForFunction(probe, undefined, { timeout: 30_000 });
        return (await page.evaluate(probe))!;
      } finally {
        await context.close();
      }
    };
    const interview: number[] = [];
    const bareTimes: number[] = [];
    // Interleaved, so a slow moment on this shared machine falls on both figures alike.
    for (let i = 0; i < RUNS; i++) {
      interview.push(await readyMs(`${shell.url}/#/session/${session.id}`));
      bareTimes.push(await readyMs(`${bare.url}/`));
    }
    return { interviewReadyMs: median(interview), bareExcalidrawReadyMs: median(bareTimes), runs: RUNS };
  } finally {
    await browser.close();
    await shell.stop();
    bare.close();
    fs.rmSync(bareDir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
