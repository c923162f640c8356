/**
 * The interview screen under load and under faults: the clock and typing leave the whiteboard
 * alone; replay scrubbing ignores answers that arrive out of order; a save that fails says
 * "Not saved" until one succeeds; two windows on one interview end in a conflict banner, a kept
 * draft and nothing lost; the last save as the page closes gets through. Waits are on what the
 * app shows or sends, and the page clock is under test control — never a sleep.
 */
import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionState } from '../../shared/api/sessions';
import { launchBrowser, newPage, screenshot, startShell, tempDataDir, type Shell } from './harness';

let browser: Browser;
let shell: Shell;
beforeAll(async () => {
  browser = await launchBrowser();
  shell = await startShell(tempDataDir('saving'));
});
afterAll(async () => {
  await shell?.stop();
  await browser?.close();
});

/** Calls the back end from inside the page, with whatever credentials the page itself has. */
async function api<T>(page: Page, name: string, input: unknown): Promise<T> {
  const body = await page.evaluate(
    async ([n, i]) => {
      const res = await fetch(`/api/${n}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(i),
      });
      return (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
    },
    [name, input] as const,
  );
  if (!body.ok) throw new Error(body.error?.message);
  return body.value as T;
}

async function startInterview(page: Page): Promise<string> {
  await page.goto(`${shell.url}/#/problem/url-shortener`);
  await page.getByTestId('start-interview').click();
  await page.getByTestId('interview').waitFor();
  await page.locator('.excalidraw canvas').first().waitFor();
  return /#\/session\/([a-z0-9-]+)/.exec(page.url())![1]!;
}

const elementCount = async (page: Page) =>
  Number(await page.getByTestId('whiteboard').getAttribute('data-element-count'));
const saveState = (page: Page) => page.getByTestId('save-status').getAttribute('data-state');
const waitSaved = (page: Page) => page.locator('[data-testid="save-status"][data-state="saved"]').waitFor();
/** The page's globals this file touches (the tests compile without the DOM's types). */
type PageGlobals = {
  __tradeoffRenders?: Record<string, number>;
  document: { fonts: { ready: Promise<unknown> } };
};
// (Functions passed to page.evaluate run in the page: they can use only what they contain.)
const renders = (page: Page) =>
  page.evaluate(() => ({ ...(globalThis as unknown as PageGlobals).__tradeoffRenders }));
const resetRenders = (page: Page) =>
  page.evaluate(() => {
    const counts = (globalThis as unknown as PageGlobals).__tradeoffRenders!;
    for (const k of Object.keys(counts)) counts[k] = 0;
  });

describe('interview rendering', () => {
  it('re-renders only the clock on ticks, and never the whiteboard while typing notes', async () => {
    const { context, page } = await newPage(browser);
    try {
      // The render probe is on only when the page defines its counters before the app loads.
      await page.addInitScript(() => {
        (globalThis as unknown as PageGlobals).__tradeoffRenders = {};
      });
      await page.clock.install();
      await startInterview(page);
      await page.locator('[data-shape="api-server"]').click();
      await expect.poll(() => elementCount(page)).toBe(2);
      await page.getByRole('tab', { name: 'Notes' }).click();
      await page.getByTestId('notes').click();
      await page.evaluate(() => (globalThis as unknown as PageGlobals).document.fonts.ready);
      // From here on, time moves only when the test says so.
      const t0 = await page.evaluate(() => Date.now());
      await page.clock.pauseAt(t0 + 2000);
      await page.clock.runFor(2000); // let the shape's save go through before counting
      await waitSaved(page);
      const clockBefore = await page.getByTestId('total-clock').textContent();
      await resetRenders(page);

      // Three seconds of ticks (4 a second): the clock moves, nothing else re-renders.
      await page.clock.runFor(3000);
      await expect.poll(() => page.getByTestId('total-clock').textContent()).not.toBe(clockBefore);
      const afterTicks = await renders(page);
      expect(afterTicks.clock ?? 0).toBeGreaterThanOrEqual(3);
      expect(afterTicks.interview ?? 0).toBe(0);
      expect(afterTicks.whiteboard ?? 0).toBe(0);
      expect(afterTicks.excalidraw ?? 0).toBe(0);

      // Fifty characters into the notes: the screen updates, the board does not.
      const typed = 'Cache the hot 20% of links in Redis, LRU, 1h TTLs.';
      expect(typed).toHaveLength(50);
      await page.getByTestId('notes').pressSequentially(typed);
      expect(await page.getByTestId('notes').inputValue()).toBe(typed);
      await page.clock.runFor(2000); // and the save that follows
      await waitSaved(page);
      const afterTyping = await renders(page);
      expect(afterTyping.interview ?? 0).toBeGreaterThanOrEqual(50);
      expect(afterTyping.whiteboard ?? 0).toBe(0);
      expect(afterTyping.excalidraw ?? 0).toBe(0);
      expect((page as unknown as { errors: string[] }).errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

/** A minimal Excalidraw scene with n rectangles, as the back end would return it. */
function sceneWith(n: number): string {
  const elements = Array.from({ length: n }, (_, i) => ({
    type: 'rectangle',
    id: `r${i}`,
    x: i * 200,
    y: 0,
    width: 150,
    height: 80,
    version: 1,
    versionNonce: i + 1,
    seed: i + 1,
    isDeleted: false,
  }));
  return JSON.stringify({ type: 'excalidraw', version: 2, elements });
}

describe('replay', () => {
  it('ignores a slow answer for an older slider position', async () => {
    const { context, page } = await newPage(browser);
    try {
      const id = await startInterview(page);
      await page.locator('[data-shape="client"]').click();
      await page.locator('[data-shape="database"]').click();
      await expect.poll(() => elementCount(page)).toBe(4);
      await waitSaved(page);
      await page.keyboard.press('Alt+KeyE');
      await page.getByTestId('confirm-end').click();
      await page.getByTestId('session-review').waitFor();

      // Two snapshots; the first one's answer is held back until the second has been shown.
      const now = Date.now();
      await page.route('**/api/session.snapshots', (route) =>
        route.fulfill({
          json: {
            ok: true,
            value: [
              { id: 101, atMs: now - 60_000, phase: 'clarify', elementCount: 1 },
              { id: 102, atMs: now - 30_000, phase: 'clarify', elementCount: 2 },
            ],
          },
        }),
      );
      let releaseSlow!: () => Promise<void>;
      const slowArrived = new Promise<void>((arrived) => {
        void page.route('**/api/session.snapshot', async (route: Route) => {
          const { snapshotId } = route.request().postDataJSON() as { snapshotId: number };
          const answer = (n: number) =>
            route.fulfill({ json: { ok: true, value: { json: sceneWith(n), atMs: now } } });
          if (snapshotId === 101) {
            releaseSlow = () => answer(1);
            arrived();
          } else await answer(2);
        });
      });
      await page.goto(`${shell.url}/#/session/${id}/review`);
      await page.reload();
      const replay = page.getByTestId('replay');
      await replay.waitFor();
      await page.locator('.review-board .excalidraw canvas').first().waitFor();
      const slider = page.getByTestId('replay-slider');
      // The slider is a time axis; arrow keys step snapshot by snapshot.
      expect(Number(await slider.getAttribute('max'))).toBeGreaterThan(0);

      await slider.focus();
      await slider.press('Home');
      await slowArrived;
      await slider.press('ArrowRight');
      await expect.poll(() => elementCount(page)).toBe(2);
      expect(await page.getByTestId('replay-position').textContent()).toContain('Snapshot 2 of 2');

      await releaseSlow();
      // Both answers have been dealt with: the newer position still shows.
      await page.locator('[data-testid="replay"][data-answers-handled="2"]').waitFor();
      expect(await elementCount(page)).toBe(2);
      expect(await page.getByTestId('replay-position').textContent()).toContain('Snapshot 2 of 2');
    } finally {
      await context.close();
    }
  });
});

describe('saving under faults', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`says "Not saved" while the disk is full, then saves by itself (${scheme})`, async () => {
      const { context, page } = await newPage(browser, { colorScheme: scheme });
      try {
        const id = await startInterview(page);
        let refused = 0;
        await page.route('**/api/session.save', (route) => {
          refused++;
          return route.fulfill({
            json: {
              ok: false,
              error: { code: 'DISK_FULL', message: 'The disk is full: nothing was written.' },
            },
          });
        });
        await page.getByRole('tab', { name: 'Notes' }).click();
        await page.getByTestId('notes').fill('Two regions, active-passive.');
        const status = page.getByTestId('save-status');
        await page.locator('[data-testid="save-status"][data-state="retrying"]').waitFor();
        expect(await status.textContent()).toBe(
          'Not saved — the disk is full; free some space and it will save by itself',
        );
        expect(await status.getAttribute('data-code')).toBe('DISK_FULL');
        await screenshot(page, `interview-not-saved-${scheme}`);

        // Still failing on the retry: still says so, never "saved".
        await expect.poll(() => refused).toBeGreaterThanOrEqual(2);
        expect(await saveState(page)).toBe('retrying');

        // Space is back: the next retry saves it, with no action from the person.
        await page.unroute('**/api/session.save');
        await waitSaved(page);
        const stored = await api<SessionState>(page, 'session.get', { id });
        expect(stored.notes.clarify).toBe('Two regions, active-passive.');
      } finally {
        await context.close();
      }
    });
  }

  it('stops on a refused, too-large save and says what to do', async () => {
    const { context, page } = await newPage(browser);
    try {
      await startInterview(page);
      await page.route('**/api/session.save', (route) =>
        route.fulfill({
          json: { ok: false, error: { code: 'TOO_LARGE', message: 'The scene is larger than 8 MB.' } },
        }),
      );
      await page.locator('[data-shape="cache"]').click();
      await page.locator('[data-testid="save-status"][data-state="stopped"]').waitFor();
      expect(await page.getByTestId('save-status').textContent()).toContain(
        'Not saved — this is larger than the app can store',
      );
      await page.unroute('**/api/session.save');
      await page.getByTestId('save-retry').click();
      await waitSaved(page);
    } finally {
      await context.close();
    }
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`keeps a stale window's edits as a draft and loads the newer version (${scheme})`, async () => {
      const { context, page: older } = await newPage(browser, { colorScheme: scheme });
      const newer = await context.newPage();
      try {
        const id = await startInterview(older);
        await newer.goto(`${shell.url}/#/session/${id}`);
        await newer.getByTestId('interview').waitFor();

        // The newer window saves first; the older one, still on the old revision, then saves.
        await newer.getByRole('tab', { name: 'Notes' }).click();
        await newer.getByTestId('notes').fill('Newer: shard by short code.');
        await waitSaved(newer);
        await older.getByRole('tab', { name: 'Notes' }).click();
        await older.getByTestId('notes').fill('Older: a single Postgres is enough.');
        await older.getByTestId('conflict-banner').waitFor();
        expect(await older.getByTestId('save-status').textContent()).toBe(
          'Not saved — another window changed this interview',
        );
        expect(await older.getByTestId('conflict-banner').textContent()).toContain(
          'This interview was changed in another window',
        );
        await screenshot(older, `interview-conflict-${scheme}`);

        // Nothing was overwritten, and the stale text was kept.
        let stored = await api<SessionState>(older, 'session.get', { id });
        expect(stored.notes.clarify).toBe('Newer: shard by short code.');
        expect(stored.drafts[0]!.notes).toEqual([
          { phase: 'clarify', text: 'Older: a single Postgres is enough.' },
        ]);

        await older.getByTestId('load-newer').click();
        await older.getByTestId('drafts').waitFor();
        await waitSaved(older);
        expect(await older.getByTestId('conflict-banner').count()).toBe(0);
        await older.getByRole('tab', { name: 'Notes' }).click();
        expect(await older.getByTestId('notes').inputValue()).toBe('Newer: shard by short code.');
        const draft = older.getByTestId('draft').first();
        expect(await draft.textContent()).toContain('Older: a single Postgres is enough.');
        await screenshot(older, `interview-drafts-${scheme}`);

        // Take the stale text into the notes, then dismiss the draft.
        await draft.getByRole('button', { name: 'Add to my notes' }).click();
        expect(await older.getByTestId('notes').inputValue()).toBe(
          'Newer: shard by short code.\n\nOlder: a single Postgres is enough.',
        );
        await waitSaved(older);
        await draft.getByTestId('draft-dismiss').click();
        await expect.poll(() => older.getByTestId('draft').count()).toBe(0);
        stored = await api<SessionState>(older, 'session.get', { id });
        expect(stored.notes.clarify).toBe(
          'Newer: shard by short code.\n\nOlder: a single Postgres is enough.',
        );
        expect(stored.drafts).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  it('on hide, sends notes by keep-alive under 64 KiB first, then the large board normally', async () => {
    const { context, page } = await newPage(browser);
    try {
      // Record what the app asks of fetch (the keep-alive flag is not visible on the wire).
      await page.addInitScript(() => {
        const g = globalThis as unknown as {
          fetch: (url: string, init?: { keepalive?: boolean; body?: string }) => Promise<unknown>;
          __keepalive?: { url: string; bytes: number; body: string }[];
        };
        const original = g.fetch.bind(globalThis);
        g.__keepalive = [];
        g.fetch = (url, init) => {
          if (init?.keepalive)
            g.__keepalive!.push({ url, bytes: new Blob([init.body ?? '']).size, body: init.body ?? '' });
          return original(url, init);
        };
      });
      const id = await startInterview(page);
      // A board far over 64 KiB, stored before the page loads it.
      await api(page, 'session.save', {
        id,
        baseRevision: 0,
        scene: { json: sceneWith(300), elementCount: 300, version: 300 },
      });
      await page.reload();
      await page.getByTestId('interview').waitFor();
      await expect.poll(() => elementCount(page)).toBe(300);
      await page.locator('[data-shape="cache"]').click();
      await expect.poll(() => elementCount(page)).toBe(302);
      await page.getByRole('tab', { name: 'Notes' }).click();
      await page.getByTestId('notes').fill('Hidden right after this.');
      // The page is hidden before the debounce fires.
      await page.evaluate(() => {
        const d = (globalThis as unknown as { document: EventTarget & { visibilityState: string } }).document;
        Object.defineProperty(d, 'visibilityState', { configurable: true, get: () => 'hidden' });
        d.dispatchEvent(new Event('visibilitychange'));
      });
      await expect
        .poll(async () => (await api<SessionState>(page, 'session.get', { id })).scene?.elementCount)
        .toBe(302);
      const keepalive = await page.evaluate(
        () =>
          (globalThis as unknown as { __keepalive: { url: string; bytes: number; body: string }[] })
            .__keepalive,
      );
      expect(keepalive).toHaveLength(1);
      expect(keepalive[0]!.url).toBe('/api/session.save');
      expect(keepalive[0]!.bytes).toBeLessThan(64 * 1024);
      const body = JSON.parse(keepalive[0]!.body) as {
        baseRevision: number;
        notes: unknown;
        scene?: unknown;
      };
      expect(body.baseRevision).toBe(1);
      expect(body.notes).toEqual([{ phase: 'clarify', text: 'Hidden right after this.' }]);
      expect(body.scene).toBeUndefined();
      // The board followed on the keep-alive save's revision: both accepted, nothing refused.
      const stored = await api<SessionState>(page, 'session.get', { id });
      expect(stored.notes.clarify).toBe('Hidden right after this.');
      expect(stored.revision).toBe(3);
      expect(stored.drafts).toEqual([]);
      await page.locator('[data-testid="save-status"][data-state="saved"]').waitFor();
    } finally {
      await context.close();
    }
  });

  it('gets the last notes through when the page is closed right after typing', async () => {
    const { context, page } = await newPage(browser);
    const watcher = await context.newPage();
    try {
      const id = await startInterview(page);
      await watcher.goto(`${shell.url}/#/`);
      await page.getByRole('tab', { name: 'Notes' }).click();
      // Typed and closed within the debounce: only the last-chance save can carry it.
      await page.getByTestId('notes').fill('Written a moment before closing.');
      await page.close({ runBeforeUnload: true });
      await expect
        .poll(async () => (await api<SessionState>(watcher, 'session.get', { id })).notes.clarify)
        .toBe('Written a moment before closing.');
      // (The back end refuses a save without baseRevision, so its arrival shows the revision went too.)
    } finally {
      await context.close();
    }
  });
});
