/**
 * Today and spaced repetition through the web shell (issue 13): review three cards from Today
 * (reveal, tick points, rate) and see the counts change; move both clocks a few days on and see the
 * cards come due again; a low-scored interview puts its problem on Today with the reason. Then
 * screenshots of Today, a review in progress and the stats, light and dark, each checked with axe.
 *
 * "A few days later" has to be true on both sides: the page's clock moves with Playwright's
 * page.clock, and the back end's with the web shell's test-only clock offset
 * (TRADEOFF_TEST_CLOCK_FILE, see electron/core/srs/testClock.ts). Nothing sleeps.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CardView } from '../../shared/api/srs';
import type { SessionState } from '../../shared/api/sessions';
import { api, launchBrowser, newPage, screenshot, startShell, tempDataDir, type Shell } from './harness';

const DAY_MS = 86_400_000;
let browser: Browser;
let shell: Shell;
let clockFile: string;

beforeAll(async () => {
  const dir = tempDataDir('today');
  clockFile = path.join(dir, 'test-clock-offset');
  browser = await launchBrowser();
  shell = await startShell(dir, { TRADEOFF_TEST_CLOCK_FILE: clockFile });
});
afterAll(async () => {
  await shell?.stop();
  await browser?.close();
});

const figure = async (page: Page, id: string) => Number(await page.getByTestId(id).textContent());

async function openToday(page: Page): Promise<void> {
  await page.locator('nav.sidebar').getByRole('link', { name: 'Today', exact: true }).click();
  await page.getByTestId('today-figures').waitFor();
}

async function axe(page: Page, screen: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map(
    (v) =>
      `${screen}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/** An interview started, ended and scored through the API. */
async function scoredInterview(on: Shell, problemId: string, levels: Record<string, number>): Promise<void> {
  const session = await api<SessionState>(on, 'session.start', {
    problemId,
    budgetsMin: { clarify: 5, estimate: 3, design: 7, 'deep-dive': 15, tradeoffs: 5 },
    mutation: false,
  });
  await api(on, 'session.control', { id: session.id, action: 'end' });
  await api(on, 'score.save', {
    sessionId: session.id,
    profileId: 'balanced',
    levels,
    evidence: { requirements: '', design: '', depth: '', tradeoffs: '', communication: '' },
    checklist: [],
  });
}

describe('Today', () => {
  it('reviews three cards, and they come due again days later', async () => {
    const { context, page } = await newPage(browser, { root: 'today' });
    await page.clock.install({ time: Date.now() });
    await page.goto(shell.url);
    await page.getByTestId('today-figures').waitFor();
    // A first run still gets the welcome on the landing page.
    await page.getByTestId('welcome').waitFor();
    expect(await figure(page, 'new-total')).toBe(10);
    expect(await figure(page, 'due-total')).toBe(0);
    expect(await page.getByTestId('changed').textContent()).toMatch(/No reviews yet: 10 new cards/);

    await page.getByTestId('start-review').click();
    const card = page.getByTestId('review-card');

    // 1: Space reveals, tick a point, 4 rates Easy.
    await card.waitFor();
    const first = await card.getAttribute('data-card');
    await page.keyboard.press('Space');
    await page.getByTestId('revealed').waitFor();
    await page.getByTestId('point').first().click();
    await expect.poll(() => page.locator('.points-count').textContent()).toMatch(/^1 of \d+ covered$/);
    await page.keyboard.press('4');

    // 2: the button reveals, two points, the Good button.
    await expect.poll(() => card.getAttribute('data-card')).not.toBe(first);
    const second = await card.getAttribute('data-card');
    await page.getByTestId('reveal').click();
    await page.getByTestId('point').nth(0).click();
    await page.getByTestId('point').nth(1).click();
    await page.getByTestId('rate-good').click();

    // 3: Space and the 3 key.
    await expect.poll(() => card.getAttribute('data-card')).not.toBe(second);
    const third = await card.getAttribute('data-card');
    await page.keyboard.press('Space');
    await page.getByTestId('revealed').waitFor();
    await page.keyboard.press('3');
    await expect.poll(() => page.getByTestId('review-done').textContent()).toBe(' · 3 done');

    // The points covered were stored with the reviews.
    const reviewed = await api<CardView>(shell, 'srs.card', { cardId: second });
    expect(reviewed.reps).toBe(1);

    await openToday(page);
    // Today shows what it had while it asks again (the reviews made it stale).
    await expect.poll(() => figure(page, 'new-total')).toBe(7);
    expect(await figure(page, 'reviewed-today')).toBe(3);
    expect(await figure(page, 'streak')).toBe(1);
    expect(await figure(page, 'due-total')).toBe(0);

    // Ten days later, on both clocks.
    fs.writeFileSync(clockFile, String(10 * DAY_MS));
    await page.clock.fastForward(10 * DAY_MS);
    await page.locator('nav.sidebar').getByRole('link', { name: 'Library', exact: true }).click();
    await page.getByTestId('library-list').waitFor();
    await openToday(page);
    await expect.poll(() => figure(page, 'due-total')).toBe(3);
    expect(await figure(page, 'new-total')).toBe(10);
    expect(await figure(page, 'reviewed-today')).toBe(0);
    expect(await page.getByTestId('changed').textContent()).toBe(
      'Since your last review 10 days ago, 3 cards came due.',
    );
    await page.getByTestId('start-review').click();
    await card.waitFor();
    expect([first, second, third]).toContain(await card.getAttribute('data-card'));
    expect(await page.locator('.review-card .badge.state-new').count()).toBe(0);
    await context.close();
  });

  it('a low-scored interview brings its problem back, with the reason', async () => {
    const { context, page } = await newPage(browser, { root: 'today' });
    await scoredInterview(shell, 'rate-limiter', {
      requirements: 3,
      design: 2,
      depth: 2,
      tradeoffs: 1,
      communication: 2,
    });
    await page.goto(shell.url);
    const weak = page.locator('[data-testid="suggestion"][data-reason="weak-score"]');
    await weak.waitFor();
    expect(await weak.getByTestId('suggestion-why').textContent()).toMatch(
      /^Your last Distributed rate limiter interview scored 2\.00, below Lean hire \(2\.75\)/,
    );
    const dimension = page.locator('[data-testid="suggestion"][data-reason="weak-dimension"]');
    expect(await dimension.getByTestId('suggestion-why').textContent()).toBe(
      'Trade-offs scored 1.0 in your last interview.',
    );
    await weak.getByRole('link', { name: 'Open the problem' }).click();
    await page.getByTestId('problem-page').waitFor();
    await context.close();
  });
});

describe('Today, review and stats screens', () => {
  let seeded: Shell;
  beforeAll(async () => {
    // A fresh data folder with ten weeks of daily reviews, made through the API on a clock that
    // starts 70 days back and moves a day at a time.
    const dir = tempDataDir('today-stats');
    const file = path.join(dir, 'test-clock-offset');
    seeded = await startShell(dir, { TRADEOFF_TEST_CLOCK_FILE: file });
    await api(seeded, 'srs.saveSettings', { desiredRetention: 0.9, newPerDay: 1, maxReviewsPerDay: 200 });
    const ratings = [3, 3, 4, 2, 3, 1, 3, 4, 3, 2] as const;
    let n = 0;
    for (let day = 70; day >= 1; day--) {
      if (day % 9 === 4) continue; // a few days off, as in real life
      fs.writeFileSync(file, String(-day * DAY_MS));
      for (let k = 0; k < 12; k++) {
        const next = await api<CardView | null>(seeded, 'srs.next', {});
        if (!next) break;
        await api(seeded, 'srs.review', {
          cardId: next.id,
          rating: ratings[n++ % ratings.length],
          pointsCovered: [0],
          durationMs: 45_000 + (n % 7) * 10_000,
        });
      }
    }
    fs.writeFileSync(file, '0');
    await api(seeded, 'welcome.dismiss', {});
    await scoredInterview(seeded, 'chat', {
      requirements: 3,
      design: 3,
      depth: 2,
      tradeoffs: 2,
      communication: 3,
    });
  }, 180_000);
  afterAll(async () => {
    await seeded?.stop();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`look finished and pass axe (${scheme})`, async () => {
      const { context, page } = await newPage(browser, { colorScheme: scheme, root: 'today' });
      const found: string[] = [];
      await page.goto(seeded.url);
      await page.getByTestId('today-figures').waitFor();
      expect(await figure(page, 'due-total')).toBeGreaterThan(0);
      await screenshot(page, `today-${scheme}`);
      found.push(...(await axe(page, 'today')));

      await page.getByTestId('start-review').click();
      await page.getByTestId('review-card').waitFor();
      found.push(...(await axe(page, 'review (question)')));
      await page.keyboard.press('Space');
      await page.getByTestId('revealed').waitFor();
      await page.getByTestId('point').first().click();
      await page.getByTestId('point').nth(2).click();
      // Tall enough to show the question, the ticked points and the rating buttons in one picture.
      await page.setViewportSize({ width: 1280, height: 1200 });
      await screenshot(page, `review-${scheme}`);
      await page.setViewportSize({ width: 1280, height: 800 });
      found.push(...(await axe(page, 'review (revealed)')));

      await page.goto(`${seeded.url}/#/stats`);
      await page.getByTestId('state-chart').locator('svg').first().waitFor();
      await page.getByTestId('forecast-chart').locator('svg').first().waitFor();
      await screenshot(page, `stats-${scheme}`);
      found.push(...(await axe(page, 'stats')));
      expect(found.join('\n')).toBe('');
      await context.close();
    });
  }
});
