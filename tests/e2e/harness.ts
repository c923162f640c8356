/**
 * End-to-end harness: starts the real web shell (built renderer, real SQLite, real content) on a
 * free port with its own data folder, and drives Debian's Chromium through playwright-core.
 * Waits are on events the app produces (the "listening" line, elements appearing), never on time.
 *
 * Every page of every browser launched here is watched for console errors and uncaught page
 * errors; any test during which one was logged fails (see `expectConsoleErrors` for a test that
 * provokes one on purpose). Importing this file is what registers the check, so a test file cannot
 * drive the app without it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { findChromium } from './browser';
import { afterEach } from 'vitest';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const ARTIFACTS = path.join(ROOT, 'tests', '.artifacts');
/** Found by tests/e2e/browser.ts (global-setup refuses to start without one, saying how to get it). */
export const CHROMIUM = findChromium() ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  // Chromium 156's headless mode builds a hidden WebUI omnibox popup for every new window: about
  // 600 ms of CPU in the half second after each newPage(), on a two-core machine, competing with
  // the app under test. Neither a web page nor the desktop app has an omnibox.
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup',
];

/**
 * The web shells under test keep their back end's code cache here (not in the user's own cache
 * folder), shared by the test files: as on a real machine, every start after the first uses it.
 */
export const CODE_CACHE_DIR = path.join(ARTIFACTS, 'code-cache');

export function tempDataDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `tradeoff-${label}-`));
}

export interface Shell {
  /** The shell's origin (no token): page addresses are built on it. */
  url: string;
  /** The per-launch token; pages get it as a cookie (see newPage), scripts via `api`. */
  token: string;
  cookieName: string;
  dataDir: string;
  process: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** fetch() against the shell, signed in with its token like the app's own page. */
  fetch(pathname: string, init?: RequestInit): Promise<Response>;
}

/** Every running shell and open browser context, so pages are signed in to every shell. */
const shells = new Set<Shell>();
const contexts = new Set<BrowserContext>();

function cookieFor(shell: Shell) {
  return {
    name: shell.cookieName,
    value: shell.token,
    url: shell.url,
    httpOnly: true,
    sameSite: 'Strict' as const,
  };
}

export function startShell(dataDir: string, extraEnv: Record<string, string> = {}): Promise<Shell> {
  const server = path.join(ROOT, 'dist', 'web', 'server.mjs');
  if (!fs.existsSync(server)) throw new Error('dist/web/server.mjs is missing: run "npm run build" first.');
  const child = spawn(process.execPath, [server, '--port', '0', '--data-dir', dataDir], {
    cwd: ROOT,
    env: { TRADEOFF_CACHE_DIR: CODE_CACHE_DIR, ...process.env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:(\d+))\/\?token=([\w-]+)/.exec(log);
      if (m) {
        child.stdout.off('data', onData);
        const url = m[1]!;
        const token = m[3]!;
        const cookieName = `tradeoff_token_${m[2]!}`;
        const shell: Shell = {
          url,
          token,
          cookieName,
          dataDir,
          process: child,
          output: () => log,
          stop: (signal = 'SIGTERM') =>
            new Promise<void>((done) => {
              shells.delete(shell);
              if (child.exitCode !== null || child.signalCode !== null) return done();
              child.once('exit', () => done());
              child.kill(signal);
            }),
          fetch: (pathname, init = {}) => {
            const headers = new Headers(init.headers);
            headers.append('Cookie', `${cookieName}=${token}`);
            return fetch(`${url}${pathname}`, { ...init, headers });
          },
        };
        shells.add(shell);
        void Promise.all([...contexts].map((c) => c.addCookies([cookieFor(shell)]))).then(() =>
          resolve(shell),
        );
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c: Buffer) => (log += c.toString()));
    child.once('exit', (code) => reject(new Error(`web shell exited (${code}) before listening:\n${log}`)));
  });
}

/** Calls the back end through the shell as the page does; throws with the app's message on failure. */
export async function api<T>(shell: Shell, name: string, input: unknown): Promise<T> {
  const res = await shell.fetch(`/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; value: T; error?: { code: string; message: string } };
  if (!body.ok) throw new Error(`${name} failed: ${body.error?.code} ${body.error?.message}`);
  return body.value;
}

/** A console error or uncaught exception a page logged, not (yet) checked by a test. */
export interface ConsoleProblem {
  kind: 'console' | 'pageerror';
  url: string;
  text: string;
}

let problems: ConsoleProblem[] = [];
/** Patterns a test declared for its context (see expectConsoleErrors); consumed by the check. */
const expected = new WeakMap<BrowserContext, RegExp[]>();

/**
 * The app opens on Today; the tests written before it expect the library at the root. So a page
 * sent to a shell's root (`url`, `url/`, `url/#/`, or the `?token=` sign-in address) opens
 * `#/library` instead, unless its context asked for the real root with
 * `newPage(browser, { root: 'today' })`.
 */
const todayAtRoot = new WeakSet<BrowserContext>();

function libraryAtRoot(url: string): string {
  for (const shell of shells) {
    if (url === shell.url || url === `${shell.url}/` || url === `${shell.url}/#/`)
      return `${shell.url}/#/library`;
    // The printed sign-in address redirects to the root; the fragment survives the redirect.
    if (url.startsWith(`${shell.url}/?token=`) && !url.includes('#')) return `${url}#/library`;
  }
  return url;
}

function watchPage(context: BrowserContext, page: Page): void {
  const goto = page.goto.bind(page);
  page.goto = (url, options) => goto(todayAtRoot.has(context) ? url : libraryAtRoot(url), options);
  const record = (kind: ConsoleProblem['kind'], text: string) => {
    if (expected.get(context)?.some((pattern) => pattern.test(text))) return;
    problems.push({ kind, url: page.url(), text });
  };
  page.on('console', (message) => {
    if (message.type() === 'error') record('console', message.text());
  });
  page.on('pageerror', (error) => record('pageerror', error.stack ?? error.message));
}

function watchContext(context: BrowserContext): void {
  for (const page of context.pages()) watchPage(context, page);
  context.on('page', (page) => watchPage(context, page));
}

/**
 * Declares console errors a test provokes on purpose (a refused request logs "Failed to load
 * resource … 500"): errors on this page's context matching a pattern are not counted. Keep the
 * pattern as narrow as the failure the test injects.
 */
export function expectConsoleErrors(page: Page, ...patterns: RegExp[]): void {
  const context = page.context();
  expected.set(context, [...(expected.get(context) ?? []), ...patterns]);
}

/** The errors logged since the last check, and forgets them. */
export function takeConsoleProblems(): ConsoleProblem[] {
  const taken = problems;
  problems = [];
  return taken;
}

/** Fails with every console error and page error logged since the last check. */
export function assertNoConsoleErrors(): void {
  const taken = takeConsoleProblems();
  if (taken.length === 0) return;
  const shown = taken
    .slice(0, 10)
    .map((p) => `  [${p.kind}] ${p.url}\n    ${p.text.split('\n').join('\n    ')}`)
    .join('\n');
  const more = taken.length > 10 ? `\n  …and ${taken.length - 10} more` : '';
  throw new Error(`The page logged ${taken.length} error(s) during this test:\n${shown}${more}`);
}

// Registered by importing the harness: each e2e file's tests are checked, one by one. Outside a
// test run (the bench imports the harness too) there is no test to fail, so nothing is registered.
if (process.env.VITEST) afterEach(() => assertNoConsoleErrors());

/** `extraArgs`: flags one test file needs on top of the usual (e.g. a fake microphone). */
export async function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    headless: true,
  });
  // Every context is watched, however it is made: browser.newPage() goes through newContext() too.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    watchContext(context);
    return context;
  };
  return browser;
}

export async function newPage(
  browser: Browser,
  opts: { colorScheme?: 'light' | 'dark'; width?: number; height?: number; root?: 'library' | 'today' } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 800 },
    colorScheme: opts.colorScheme ?? 'light',
    acceptDownloads: true,
  });
  if (opts.root === 'today') todayAtRoot.add(context);
  contexts.add(context);
  context.on('close', () => contexts.delete(context));
  await context.addCookies([...shells].map(cookieFor));
  const page = await context.newPage();
  // Kept for the tests that look at a page's own uncaught errors; the afterEach check sees them too.
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  (page as Page & { errors?: string[] }).errors = errors;
  return { context, page };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}
