/**
 * The foundation end to end: the real web shell, real SQLite and the built-in pack, driven in
 * Chromium. Each test gets its own data folder.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, launchBrowser, newPage, screenshot, startShell, tempDataDir, type Shell } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function withShell<T>(
  label: string,
  fn: (shell: Shell) => Promise<T>,
  prepare?: (dir: string) => void,
): Promise<T> {
  const dir = tempDataDir(label);
  prepare?.(dir);
  const shell = await startShell(dir);
  try {
    return await fn(shell);
  } finally {
    await shell.stop();
  }
}

describe('library through the web shell', () => {
  it('lists the URL shortener from the built-in pack and opens its detail page', async () => {
    await withShell('library', async (shell) => {
      for (const scheme of ['light', 'dark'] as const) {
        const { context, page } = await newPage(browser, { colorScheme: scheme });
        await page.goto(shell.url);
        const card = page.locator('[data-testid="library-item"][data-kind="problem"]', {
          hasText: 'URL shortener',
        });
        await card.waitFor();
        await screenshot(page, `library-${scheme}`);
        await card.click();
        await page.getByTestId('problem-page').waitFor();
        expect(await page.locator('h1').textContent()).toBe('URL shortener');
        expect(page.url()).toContain('#/problem/url-shortener');
        await expect(page.getByText('The interviewer opens with').isVisible()).resolves.toBe(true);
        await screenshot(page, `problem-${scheme}`);
        // The reference answer is behind a deliberate click.
        expect(await page.getByTestId('reference-answer').count()).toBe(0);
        await page.getByRole('button', { name: 'Show the reference answer' }).click();
        await page.getByTestId('reference-answer').waitFor();
        expect(await page.getByTestId('reference-answer').textContent()).toContain('4c92');
        // Another problem starts with its reference closed again.
        await page.goto(`${shell.url}/#/problem/chat`);
        await page.getByRole('button', { name: 'Show the reference answer' }).waitFor();
        expect((page as unknown as { errors: string[] }).errors).toEqual([]);
        await context.close();
      }
      // The database was created in this test's own folder.
      expect(fs.existsSync(path.join(shell.dataDir, 'tradeoff.db'))).toBe(true);
    });
  });

  it('shows the frame at once and says the page is loading when the back end is slow', async () => {
    await withShell('slow', async (shell) => {
      for (const [hash, loading, loaded] of [
        ['#/library', 'Loading the library…', '[data-testid="library-item"]'],
        ['#/', 'Loading today’s practice…', '[data-testid="changed"]'],
      ] as const) {
        const { context, page } = await newPage(browser, { root: hash === '#/' ? 'today' : 'library' });
        // Hold every answer from the back end until the page has had time to say something.
        let release!: () => void;
        const held = new Promise<void>((r) => (release = r));
        await page.route('**/api/**', async (route) => {
          await held;
          await route.continue();
        });
        await page.goto(`${shell.url}/${hash}`);
        await page.getByRole('navigation', { name: 'Main' }).waitFor();
        await page.getByText(loading).waitFor();
        expect(await page.getByText('Opening Tradeoff').count()).toBe(0);
        release();
        await page.locator(loaded).first().waitFor();
        expect(await page.getByText(loading).count()).toBe(0);
        expect((page as unknown as { errors: string[] }).errors).toEqual([]);
        await context.close();
      }
    });
  });

  it('shows a readable message for an unknown page and item', async () => {
    await withShell('notfound', async (shell) => {
      const { context, page } = await newPage(browser);
      await page.goto(`${shell.url}/#/problem/no-such-problem`);
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').textContent()).toContain(
        'There is no problem called "no-such-problem"',
      );
      await page.goto(`${shell.url}/#/nowhere`);
      await page.getByText('Page not found').waitFor();
      await context.close();
    });
  });
});

describe('data safety', () => {
  it('a corrupt database shows the error screen, keeps the original and can start fresh', async () => {
    const garbage = Buffer.from('definitely not sqlite\n'.repeat(500));
    await withShell(
      'corrupt',
      async (shell) => {
        const file = path.join(shell.dataDir, 'tradeoff.db');
        const { context, page } = await newPage(browser);
        await page.goto(shell.url);
        const panel = page.getByTestId('db-problem');
        await panel.waitFor();
        expect(await panel.textContent()).toContain(file);
        await screenshot(page, 'db-corrupt');
        expect(fs.readFileSync(file).equals(garbage)).toBe(true); // untouched while we look at it
        await page.getByRole('button', { name: 'Move it aside and start fresh' }).click();
        const moved = page.getByTestId('db-moved');
        await moved.waitFor();
        const movedTo = fs.readdirSync(shell.dataDir).find((f) => f.startsWith('tradeoff.db.unreadable-'));
        expect(movedTo).toBeDefined();
        expect(fs.readFileSync(path.join(shell.dataDir, movedTo!)).equals(garbage)).toBe(true);
        expect(await moved.textContent()).toContain(movedTo!);
        await page.getByRole('button', { name: 'Open Tradeoff' }).click();
        await page.locator('[data-testid="library-item"]').first().waitFor();
        await context.close();
      },
      (dir) => fs.writeFileSync(path.join(dir, 'tradeoff.db'), garbage),
    );
  });

  it('refuses API requests from another origin', async () => {
    await withShell('origin', async (shell) => {
      const foreign = await shell.fetch('/api/library.list', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: 'http://evil.example' },
        body: '{}',
      });
      expect(foreign.status).toBe(403);
      const formPost = await shell.fetch('/api/library.list', {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain' },
        body: '{}',
      });
      expect(formPost.status).toBe(403);
      // Malformed requests get an error, and the server keeps serving.
      expect((await fetch(`${shell.url}/%E0%A4%A`)).status).toBe(400);
      expect(
        (
          await fetch(`${shell.url}/api/%E0%A4%A`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: '{}',
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await shell.fetch('/api/library.list', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: '{not json',
          })
        ).status,
      ).toBe(400);
      const own = await shell.fetch('/api/library.list', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: shell.url },
        body: '{}',
      });
      expect(own.status).toBe(200);
      const body = (await own.json()) as { ok: boolean };
      expect(body.ok).toBe(true);
    });
  });

  it('never serves a file outside the app folder, however the path is encoded', async () => {
    await withShell('traversal', async (shell) => {
      // A file outside dist/renderer whose bytes we know; /etc/passwd as a second, absolute target.
      const secret = path.join(shell.dataDir, 'secret.txt');
      const secretText = `not for the browser ${Date.now()}`;
      fs.writeFileSync(secret, secretText);
      const indexHtml = fs.readFileSync(path.join(ROOT, 'dist', 'renderer', 'index.html'));
      const up = '../'.repeat(16); // more than enough to climb from dist/renderer to /
      const targets = [secret, '/etc/passwd'].map((abs) => up + abs.replace(/^\//, ''));
      const raw: string[] = [];
      for (const rel of targets) {
        raw.push(
          `/${rel}`, // plain ../ (fetch would normalise it away; the raw request does not)
          `/${rel.replaceAll('/', '%2f')}`,
          `/${rel.replaceAll('/', '%2F')}`,
          `/${rel.replaceAll('..', '%2e%2e')}`,
          `/${rel.replaceAll('..', '%2E%2E').replaceAll('/', '%2F')}`,
          `/${rel.replaceAll('/', '\\')}`, // backslashes
          `/${rel.replaceAll('/', '%5c')}`,
          `/${rel.replaceAll('/', '%5C').replaceAll('..', '%2e%2e')}`,
          `/assets/${rel}`,
          `/assets/${rel.replaceAll('/', '%2f')}`,
          `/${rel.replaceAll('/', '%252f')}`, // double-encoded: must not be decoded twice
        );
      }
      for (const abs of [secret, '/etc/passwd']) {
        raw.push(
          `/${abs}`, // //tmp/…: absolute once the leading slash is joined
          `/${abs.replaceAll('/', '%2f')}`,
          `/${encodeURIComponent(abs)}`,
          `/${abs.replaceAll('/', '\\')}`,
          `/.${abs}`,
        );
      }
      const { hostname, port } = new URL(shell.url);
      // node:http sends the path byte for byte; fetch() and browsers would normalise it first.
      const get = (rawPath: string) =>
        new Promise<{ status: number; body: Buffer }>((resolve, reject) => {
          const req = http.request({ host: hostname, port, path: rawPath, method: 'GET' }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
            res.on('error', reject);
          });
          req.on('error', reject);
          req.end();
        });
      const outcomeOf = ({ status, body }: { status: number; body: Buffer }) =>
        status === 403 ? 'refused' : status === 200 && body.equals(indexHtml) ? 'app page' : `${status}`;
      // Control: a real file of the app is served as itself, so a leaked file could not pass as
      // "app page" above.
      const script = /<script[^>]+src="([^"]+\.js)"/.exec(indexHtml.toString('utf8'))![1]!;
      const served = await get(script.startsWith('/') ? script : `/${script}`);
      expect(outcomeOf(served)).toBe('200');
      for (const rawPath of raw) {
        const response = await get(rawPath);
        const outcome = outcomeOf(response);
        expect(['refused', 'app page'], `${rawPath} answered ${outcome}`).toContain(outcome);
        expect(response.body.includes(secretText), rawPath).toBe(false);
        expect(response.body.includes('root:x:0:0'), rawPath).toBe(false);
      }
      // The server kept serving after all of them.
      expect((await fetch(shell.url)).status).toBe(200);
    });
  });
});
