/**
 * The web shell under faults: its token, one writer per data folder, oversized requests, a big
 * backup restored through both paths, and a full disk during autosave. Each test has its own data.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { DataFolderLockedError } from '../../electron/core/db/lock';
import { MIGRATIONS } from '../../electron/core/db/migrations/index';
import { BackendHost } from '../../electron/core/worker/host';
import { seedSessions } from '../helpers/seed';
import {
  ROOT,
  expectConsoleErrors,
  launchBrowser,
  newPage,
  screenshot,
  startShell,
  tempDataDir,
  type Shell,
} from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const WORKER = path.join(ROOT, 'dist', 'web', 'worker', 'backend-worker.cjs');
const BUILTIN = path.join(ROOT, 'dist', 'content', 'builtin-pack.json');

async function api<T>(shell: Shell, name: string, input: unknown): Promise<T> {
  const res = await shell.fetch(`/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; value: T; error?: { code: string; message: string } };
  if (!body.ok) throw Object.assign(new Error(body.error?.message), { code: body.error?.code });
  return body.value;
}

/** Runs a second web shell to the end and returns its exit code and output. */
function runSecondShell(dataDir: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [path.join(ROOT, 'dist', 'web', 'server.mjs'), '--port', '0', '--data-dir', dataDir],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => resolve({ code, output }));
    // If it wrongly starts, stop it so the test fails on its exit code instead of hanging.
    child.stdout.on('data', () => {
      if (/listening on/.test(output)) child.kill('SIGTERM');
    });
  });
}

describe('web shell access', () => {
  it('refuses API calls without the per-launch token; the printed address signs the page in', async () => {
    const shell = await startShell(tempDataDir('token'));
    try {
      const bare = await fetch(`${shell.url}/api/library.list`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(bare.status).toBe(403);
      expect(((await bare.json()) as { error: { message: string } }).error.message).toContain('?token=');
      const wrongCookie = await fetch(`${shell.url}/api/library.list`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: `${shell.cookieName}=not-the-token` },
        body: '{}',
      });
      expect(wrongCookie.status).toBe(403);
      expect((await fetch(`${shell.url}/api-events`)).status).toBe(403);
      expect((await fetch(`${shell.url}/?token=guess`, { redirect: 'manual' })).status).toBe(403);

      // A browser without the cookie sees the app say how to sign in, not a broken page.
      const context = await browser.newContext();
      const page = await context.newPage();
      // The page's calls are refused (that is the point), and Chromium logs each refusal.
      expectConsoleErrors(page, /the server responded with a status of 403 \(Forbidden\)/);
      await page.goto(shell.url);
      await page.getByText('not signed in to the Tradeoff web shell', { exact: false }).first().waitFor();
      await screenshot(page, 'web-shell-not-signed-in');
      // Opening the printed address sets an HttpOnly cookie and drops the token from the address bar.
      await page.goto(`${shell.url}/?token=${shell.token}`);
      await page.locator('[data-testid="library-item"]').first().waitFor();
      expect(page.url()).not.toContain('token');
      expect(await page.evaluate<string>('document.cookie')).not.toContain(shell.token);
      const cookie = (await context.cookies()).find((c) => c.name === shell.cookieName);
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
      await context.close();
    } finally {
      await shell.stop();
    }
  });

  it('answers an oversized request with a JSON 413 before closing', async () => {
    const shell = await startShell(tempDataDir('413'));
    try {
      const big = 'x'.repeat(49 * 1024 * 1024);
      const declared = await shell.fetch('/api/packs.import', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ fileName: 'big.json', text: big }),
      });
      expect(declared.status).toBe(413);
      expect(await declared.json()).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } });
      // The same without a declared length (streamed): refused once the limit is passed.
      const chunk = new TextEncoder().encode('x'.repeat(1024 * 1024));
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent++ < 60) controller.enqueue(chunk);
          else controller.close();
        },
      });
      const streamed = await shell.fetch('/api/packs.import', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: stream,
        duplex: 'half',
      } as RequestInit);
      expect(streamed.status).toBe(413);
      expect(await streamed.json()).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } });
      // And the server keeps serving.
      expect((await api<unknown[]>(shell, 'library.list', {})).length).toBeGreaterThan(20);
    } finally {
      await shell.stop();
    }
  });
});

describe('one writer per data folder', () => {
  it('a second instance refuses, naming the folder and the process; a killed holder is taken over', async () => {
    const dir = tempDataDir('two');
    const first = await startShell(dir);
    try {
      const second = await runSecondShell(dir);
      expect(second.code).toBe(1);
      expect(second.output).toContain(dir);
      expect(second.output).toContain(`process ${first.process.pid}`);
      expect(second.output).not.toMatch(/listening on/);
      // The desktop app's path refuses the same way.
      expect(() =>
        BackendHost.start({
          dataDir: dir,
          assetsDir: path.join(ROOT, 'assets'),
          transport: 'ipc',
          appVersion: 't',
          workerFile: WORKER,
        }),
      ).toThrow(DataFolderLockedError);
    } finally {
      await first.stop('SIGKILL');
    }
    // kill -9 left the lock file behind; the next start sees its holder is gone and goes ahead.
    const next = await startShell(dir);
    try {
      expect((await api<{ db: { state: string } }>(next, 'app.status', {})).db.state).toBe('ready');
    } finally {
      await next.stop();
    }
  });
});

describe('a locked data file', () => {
  it('says it is locked (never "damaged"), offers Try again, and opens once the lock is gone', async () => {
    // An older data file (it needs a migration, so a write lock) held by another program.
    const dir = tempDataDir('locked');
    const other = new Database(path.join(dir, 'tradeoff.db'));
    other.pragma('journal_mode = WAL');
    other.transaction(() => {
      for (const m of MIGRATIONS.filter((x) => x.version <= 3)) m.up(other);
      other.pragma('user_version = 3');
    })();
    other.exec('BEGIN EXCLUSIVE');
    const shell = await startShell(dir);
    try {
      const { context, page } = await newPage(browser);
      await page.goto(shell.url);
      const problem = page.getByTestId('db-problem');
      await problem.getByText('locked by another program', { exact: false }).waitFor();
      expect(await problem.textContent()).not.toMatch(/damaged|move it aside/i);
      await screenshot(page, 'db-locked');
      other.exec('ROLLBACK');
      other.close();
      await page.getByRole('button', { name: 'Try again' }).click();
      await page.locator('[data-testid="library-item"]').first().waitFor();
      await context.close();
    } finally {
      if (other.open) other.close();
      await shell.stop();
    }
  });
});

describe('a row that cannot be read', () => {
  it('is left out at start-up and the app says so, and everything else works', async () => {
    const dir = tempDataDir('skipped');
    seedSessions(dir, 3);
    const db = new Database(path.join(dir, 'tradeoff.db'));
    db.prepare(
      "INSERT INTO content_packs (id, name, version, pack_json, imported_at_ms) VALUES ('team-pack', 'Team', '1', '{oops', 1)",
    ).run();
    db.close();
    const shell = await startShell(dir);
    try {
      const { context, page } = await newPage(browser);
      await page.goto(shell.url);
      const notice = page.getByTestId('skipped-notice');
      await notice.getByText('content pack “team-pack” could not be read', { exact: false }).waitFor();
      await page.locator('[data-testid="library-item"]').first().waitFor();
      await screenshot(page, 'skipped-notice');
      await notice.getByRole('button', { name: 'Dismiss' }).click();
      await notice.waitFor({ state: 'detached' });
      await page.goto(`${shell.url}/#/history`);
      await page.getByTestId('history-row').first().waitFor();
      expect(await page.getByTestId('history-count').textContent()).toMatch(/3/);
      await context.close();
    } finally {
      await shell.stop();
    }
  });
});

describe('backups of any size', () => {
  it('the app’s own backup of 5,000 interviews restores through the web shell and the desktop path', async () => {
    const source = tempDataDir('big-src');
    seedSessions(source, 5000);
    const shell = await startShell(source);
    let backup: Buffer;
    try {
      const res = await shell.fetch('/api/data.backup', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(res.headers.get('content-type')).toBe('application/vnd.sqlite3');
      expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="tradeoff-backup-/);
      backup = Buffer.from(await res.arrayBuffer());
    } finally {
      await shell.stop();
    }
    expect(backup.length).toBeGreaterThan(10 * 1024 * 1024);
    const file = path.join(tempDataDir('big-file'), 'backup.sqlite');
    fs.writeFileSync(file, backup);

    // Web shell: the file goes up as raw bytes.
    const target = await startShell(tempDataDir('big-web'));
    try {
      const res = await target.fetch('/api/data.restore?name=backup.sqlite', {
        method: 'POST',
        headers: { 'Content-Type': 'application/octet-stream' },
        body: backup,
      });
      const restored = (await res.json()) as { error?: unknown };
      // On failure, the app's own words say why (the assertion prints them).
      expect(restored, JSON.stringify(restored.error)).toMatchObject({
        ok: true,
        value: { cancelled: false, sessions: 5000, scores: 5000 },
      });
      expect(await api<unknown[]>(target, 'history.list', {})).toHaveLength(5000);
      // No upload is left behind in the data folder.
      expect(fs.readdirSync(target.dataDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    } finally {
      await target.stop();
    }

    // Desktop: after the open dialog, main.ts hands the chosen path to the back end's worker.
    const desktopDir = tempDataDir('big-desktop');
    const host = BackendHost.start({
      dataDir: desktopDir,
      assetsDir: path.join(ROOT, 'assets'),
      builtinPackFile: BUILTIN,
      transport: 'ipc',
      appVersion: 't',
      workerFile: WORKER,
    });
    try {
      await host.whenReady();
      expect(host.startError).toBeNull();
      expect(await host.restoreFrom(file, 'backup.sqlite')).toMatchObject({
        ok: true,
        value: { sessions: 5000 },
      });
      const history = await host.dispatch('history.list', {});
      expect(history.ok && (history.value as unknown[]).length).toBe(5000);
    } finally {
      await host.close();
    }
  });
});

/** A small RAM disk, where we can run out of space on purpose (needs root; skipped otherwise). */
function mountTinyDisk(): string | null {
  if (process.getuid?.() !== 0 || os.platform() !== 'linux') return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tradeoff-tinydisk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    fs.rmSync(dir, { recursive: true, force: true });
    return null;
  }
}

const tinyDisk = mountTinyDisk();

describe('a full disk', () => {
  afterAll(() => {
    if (tinyDisk) execFileSync('umount', [tinyDisk]);
  });

  it.skipIf(!tinyDisk)(
    'says "not saved" when the disk is full, and loses nothing once space returns',
    async () => {
      const dir = tinyDisk!;
      const shell = await startShell(dir);
      const filler = path.join(dir, 'filler.bin');
      try {
        const s = await api<{ id: string; revision: number }>(shell, 'session.start', {
          problemId: 'url-shortener',
          budgetsMin: { clarify: 5, estimate: 5, design: 10, 'deep-dive': 10, tradeoffs: 5 },
          mutation: false,
        });
        await api(shell, 'session.save', {
          id: s.id,
          baseRevision: 0,
          notes: [{ phase: 'clarify', text: 'kept' }],
        });
        // Fill what is left of the disk.
        const fd = fs.openSync(filler, 'w');
        try {
          const block = Buffer.alloc(64 * 1024, 1);
          for (;;) fs.writeSync(fd, block);
        } catch (e) {
          expect((e as NodeJS.ErrnoException).code).toBe('ENOSPC');
        } finally {
          fs.closeSync(fd);
        }
        const text = 'y'.repeat(300_000);
        let failed: { code?: string; message: string } | null = null;
        try {
          await api(shell, 'session.save', { id: s.id, baseRevision: 1, notes: [{ phase: 'design', text }] });
        } catch (e) {
          failed = e as { code?: string; message: string };
        }
        expect(failed?.code).toBe('DISK_FULL');
        expect(failed?.message).toMatch(/disk is full/);
        expect(failed?.message).not.toMatch(/is saved|was saved/);
        // Space comes back: the same save goes through, and nothing saved before was lost.
        fs.rmSync(filler);
        await api(shell, 'session.save', { id: s.id, baseRevision: 1, notes: [{ phase: 'design', text }] });
        const got = await api<{ notes: Record<string, string> }>(shell, 'session.get', { id: s.id });
        expect(got.notes.clarify).toBe('kept');
        expect(got.notes.design).toBe(text);
      } finally {
        fs.rmSync(filler, { force: true });
        await shell.stop();
      }
    },
  );
});
