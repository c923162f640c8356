/**
 * End-to-end harness: starts the real web shell (built renderer, real SQLite, real content) on a
 * free port with its own data folder, and drives Debian's Chromium through playwright-core.
 * Waits are on events the app produces (the "listening" line, elements appearing), never on time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { findChromium } from './browser';

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
];

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
    env: { ...process.env, ...extraEnv },
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

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

export async function newPage(
  browser: Browser,
  opts: { colorScheme?: 'light' | 'dark'; width?: number; height?: number } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 800 },
    colorScheme: opts.colorScheme ?? 'light',
    acceptDownloads: true,
  });
  contexts.add(context);
  context.on('close', () => contexts.delete(context));
  await context.addCookies([...shells].map(cookieFor));
  const page = await context.newPage();
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
