/**
 * A new user's first minutes and the library pages around them: the welcome that starts the URL
 * shortener in one click (and stays dismissed), the problem page's time plan and links, an
 * estimation drill with the scratchpad, and the trends charts, in light and dark.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSessions } from '../helpers/seed';
import { launchBrowser, newPage, screenshot, startShell, tempDataDir, type Shell } from './harness';

let browser: Browser;
const shells: Shell[] = [];
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await Promise.all(shells.map((s) => s.stop()));
  await browser?.close();
});

async function freshShell(label: string, seed = 0): Promise<Shell> {
  const dir = tempDataDir(label);
  if (seed) seedSessions(dir, seed);
  const shell = await startShell(dir);
  shells.push(shell);
  return shell;
}

const SIZES = [
  { width: 1280, height: 800, tag: '' },
  { width: 1024, height: 700, tag: '-1024' },
] as const;

async function screenshots(page: Page, name: string, ready: () => Promise<void>): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await ready();
      await screenshot(page, `${name}-${scheme}${size.tag}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize(SIZES[0]);
}

/** The library's answer to "show the welcome?", so a test can check its absence after it. */
async function welcomeAnswer(page: Page): Promise<unknown> {
  const res = await page.waitForResponse((r) => r.url().endsWith('/api/welcome.get'));
  return ((await res.json()) as { value: unknown }).value;
}

describe('first run', () => {
  it('welcomes a new user with the URL shortener at 35 minutes, started in one click', async () => {
    const shell = await freshShell('welcome-start');
    const { context, page } = await newPage(browser);
    await page.goto(shell.url);
    const welcome = page.getByTestId('welcome');
    await welcome.waitFor();
    // It comes before the cards, and says where to start.
    expect(await welcome.textContent()).toContain('URL shortener');
    await screenshots(page, 'welcome', () => page.getByTestId('library-list').waitFor());

    await page.getByTestId('welcome-start').click();
    await page.getByTestId('interview').waitFor();
    const id = page.url().split('/session/')[1]!;
    const res = await shell.fetch('/api/session.get', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ id }),
    });
    const session = ((await res.json()) as { value: { problemId: string; timeTargetMin: number } }).value;
    expect(session).toMatchObject({ problemId: 'url-shortener', timeTargetMin: 35 });

    // Once an interview has been started, the library no longer shows the welcome.
    // (The same window: its cached answer was refreshed when the interview started.)
    await page.goto(`${shell.url}/#/`);
    await page.getByTestId('library-list').waitFor();
    await expect.poll(() => page.getByTestId('welcome').count()).toBe(0);
    await context.close();
  });

  it('stays dismissed, across reloads', async () => {
    const shell = await freshShell('welcome-dismiss');
    const { context, page } = await newPage(browser);
    await page.goto(shell.url);
    await page.getByTestId('welcome-dismiss').click();
    await page.getByTestId('welcome').waitFor({ state: 'detached' });
    const answered = welcomeAnswer(page);
    await page.reload();
    expect(await answered).toMatchObject({ show: false });
    await page.getByTestId('library-list').waitFor();
    await expect.poll(() => page.getByTestId('welcome').count()).toBe(0);
    await context.close();
  });
});

describe('library pages', () => {
  it("the time plan never clips a label, and 'Also linked from' names nothing listed above it", async () => {
    const shell = await freshShell('problem-page');
    const { context, page } = await newPage(browser);
    await page.goto(`${shell.url}/#/problem/url-shortener`);
    const plan = page.getByTestId('phase-plan');
    await plan.waitFor();
    for (const size of [...SIZES, { width: 900, height: 700 }]) {
      await page.setViewportSize(size);
      const clipped = await plan.evaluate((ol) => {
        const bar = ol.getBoundingClientRect();
        return [...ol.querySelectorAll('li')].flatMap((li) => {
          const box = li.getBoundingClientRect();
          const texts = [...li.querySelectorAll('span')].map((s) => s.getBoundingClientRect());
          const outside = texts.some((t) => t.left < box.left - 0.5 || t.right > box.right + 0.5);
          return outside || box.right > bar.right + 0.5 ? [li.textContent] : [];
        });
      });
      expect(clipped).toEqual([]);
    }
    await page.setViewportSize(SIZES[0]);

    // The data does link back from concepts it already lists; the page names each once.
    const chips = (section: string) =>
      page
        .locator('section', { has: page.locator('h2', { hasText: section }) })
        .locator('a.chip')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    const uses = await chips('Concepts and labs it uses');
    const also = await chips('Also linked from');
    expect(uses.length).toBeGreaterThan(0);
    expect(also.filter((href) => uses.includes(href))).toEqual([]);
    await screenshots(page, 'problem-plan', () => plan.scrollIntoViewIfNeeded());
    await context.close();
  });

  it('gives an estimation drill the scratchpad, kept while you look elsewhere', async () => {
    const shell = await freshShell('drill');
    const { context, page } = await newPage(browser);
    await page.goto(`${shell.url}/#/drill/drill-est-photos`);
    const pad = page.getByTestId('drill-scratchpad').getByTestId('scratchpad');
    await pad.fill('uploads = 100M / day to 1/s\nuploads * 2 MB to GB/s');
    const results = page.getByTestId('drill-scratchpad').getByTestId('scratch-results');
    await expect.poll(() => results.textContent()).toContain('= 1,157 /s');
    await page.goto(`${shell.url}/#/`);
    await page.getByTestId('library-list').waitFor();
    await page.goto(`${shell.url}/#/drill/drill-est-photos`);
    await expect.poll(() => pad.inputValue()).toContain('uploads = 100M / day to 1/s');
    await screenshots(page, 'drill-scratchpad', () => pad.scrollIntoViewIfNeeded());
    await context.close();
  });

  it('draws each dimension in its own chart, readable in both themes', async () => {
    const shell = await freshShell('trends', 12);
    const { context, page } = await newPage(browser);
    await page.goto(`${shell.url}/#/trends`);
    const chart = page.getByTestId('dimension-chart');
    await chart.locator('figure').first().waitFor();
    expect(await chart.locator('figure').count()).toBe(5);
    // Every dimension's line is drawn in its own chart (none hidden under another).
    for (const fig of await chart.locator('figure').all()) {
      await fig.locator('.recharts-line-curve').nth(1).waitFor();
    }
    await screenshots(page, 'trends', () => chart.locator('figure').first().waitFor());
    await context.close();
  });
});
