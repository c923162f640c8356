/**
 * Self-scoring and review end to end: finish a session, score it, see the verdict and warnings for
 * a seeded weak pattern, open the reference, find it in history, replay the whiteboard, export.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot, startShell, tempDataDir, type Shell } from './harness';

let browser: Browser;
let shell: Shell;
beforeAll(async () => {
  browser = await launchBrowser();
  shell = await startShell(tempDataDir('review'));
});
afterAll(async () => {
  await shell?.stop();
  await browser?.close();
});

const elementCount = async (page: Page) =>
  Number(await page.getByTestId('whiteboard').getAttribute('data-element-count'));
const waitSaved = (page: Page) => page.locator('[data-testid="save-status"][data-state="saved"]').waitFor();

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = path.join(shell.dataDir, dl.suggestedFilename());
  await dl.saveAs(file);
  return { name: dl.suggestedFilename(), bytes: fs.readFileSync(file) };
}

describe('self-scoring and review', () => {
  it('scores a session, warns about a weak pattern, reveals the reference, replays and exports', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${shell.url}/#/problem/url-shortener`);
    await page.getByTestId('start-interview').click();
    await page.getByTestId('interview').waitFor();
    await page.locator('.excalidraw canvas').first().waitFor();
    await page.getByTestId('ask-input').fill('what scale should we plan for?');
    await page.getByRole('button', { name: 'Ask' }).click();
    await page.locator('.bubble.answer').waitFor();

    // One shape, then a phase change (a snapshot is taken), then more shapes.
    await page.locator('[data-shape="client"]').click();
    await expect.poll(() => elementCount(page)).toBe(2);
    await waitSaved(page);
    await page.getByRole('button', { name: 'Next: Estimate' }).click();
    await page.locator('.step.current .step-name', { hasText: 'Estimate' }).waitFor();
    await page.locator('[data-shape="api-server"]').click();
    await page.locator('[data-shape="database"]').click();
    await expect.poll(() => elementCount(page)).toBe(6);
    await page.getByRole('tab', { name: 'Notes' }).click();
    await page
      .getByTestId('notes')
      .fill('Asked 301 vs 302 redirects: 302 keeps analytics. Bloom filter before the DB.');
    await waitSaved(page);

    // Seeded weak pattern: end early, skipping the trade-offs phase entirely.
    await page.keyboard.press('Alt+KeyE');
    await page.getByTestId('confirm-end').click();
    await page.getByTestId('session-review').waitFor();
    const sessionUrl = page.url();

    // Before scoring, the reference stays closed.
    expect(await page.getByTestId('reference-panel').count()).toBe(0);
    await page.getByTestId('score-form').waitFor();
    await page.getByRole('button', { name: 'All at once' }).click();
    const levels: Record<string, number> = {
      requirements: 2,
      design: 3,
      depth: 4,
      tradeoffs: 2,
      communication: 3,
    };
    for (const [dim, level] of Object.entries(levels)) {
      await page.locator(`[data-dimension="${dim}"] [data-level="${level}"]`).click();
    }
    await page
      .getByLabel('Evidence for Depth')
      .fill('Walked a redirect through cache, DB and the KGS batch refill.');
    await page.getByLabel('Evidence for Design').fill('Client → API → DB on the board by minute 10.');
    await page.getByLabel('Evidence for Communication').fill('Checked in before each phase.');
    await page.locator('.check input').first().check();
    await screenshot(page, 'scoring-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'scoring-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByTestId('save-score').click();

    const result = page.getByTestId('score-result');
    await result.waitFor();
    // 2×20 + 3×25 + 4×25 + 2×20 + 3×10 = 285 → 2.85, Lean hire
    expect(await page.getByTestId('weighted').textContent()).toBe('2.85');
    expect(await page.getByTestId('verdict').textContent()).toBe('Lean hire');
    await page.locator('[data-warning="deep-but-unscoped"]').waitFor();
    await page.locator('[data-warning="tradeoffs-skipped"]').waitFor();

    // The reference opens after scoring, with hints of what the notes touched.
    await page.getByTestId('reference-panel').waitFor();
    expect(await page.getByTestId('checklist-mentions').locator('li.hit').count()).toBeGreaterThan(0);
    // "Bloom filter before the DB" ticks the Bloom-filter item, and says which words did it.
    expect(
      await page
        .getByTestId('checklist-mentions')
        .locator('li.hit', { hasText: 'bloom filter' })
        .textContent(),
    ).toContain('you wrote “bloom filter”');
    await page.getByTestId('checklist-mentions').scrollIntoViewIfNeeded();
    await screenshot(page, 'reference-mentions');
    await screenshot(page, 'session-page-light');

    // Exports: a Markdown file and the PDF report's print view, both with the scores.
    const md = await download(page, () => page.getByTestId('export-md').click());
    expect(md.name).toMatch(/\.md$/);
    expect(md.bytes.toString()).toContain('**2.85 / 4** — **Lean hire**');
    expect(md.bytes.toString()).toContain('![Whiteboard](data:image/png;base64,');
    // The PDF is the print view (report.e2e.ts prints it and reads the PDF back).
    await page.getByTestId('export-pdf').click();
    await page.locator('[data-testid="report-page"][data-ready="true"]').waitFor();
    expect(await page.getByTestId('report-score').textContent()).toContain('2.85 / 4');

    // History lists it; the row opens the session page.
    await page.goto(`${shell.url}/#/history`);
    const row = page.getByTestId('history-row').first();
    await row.waitFor();
    expect(await row.textContent()).toContain('URL shortener');
    expect(await row.textContent()).toContain('2.85');
    await row.click();
    await page.getByTestId('session-review').waitFor();
    expect(page.url()).toBe(sessionUrl);

    // Replay: the first snapshot is the board before the phase change (one shape and its label).
    await page.getByTestId('replay').waitFor();
    await expect.poll(() => elementCount(page)).toBe(6);
    await page.getByTestId('replay-slider').fill('0');
    await expect.poll(() => elementCount(page)).toBe(2);
    expect(await page.getByTestId('replay-position').textContent()).toContain('Snapshot 1');
    await context.close();
  });

  it('shows your record on the library card and filters by it', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(shell.url);
    await page.getByLabel('Your practice').selectOption('practised');
    const card = page.locator('[data-testid="library-item"]', { hasText: 'URL shortener' });
    await card.getByTestId('last-practice').waitFor();
    expect(await card.getByTestId('last-practice').textContent()).toContain('scored 2.85');
    await expect.poll(() => page.locator('[data-testid="library-item"]').count()).toBe(1);
    await page.getByLabel('Your practice').selectOption('never');
    await expect
      .poll(() => page.locator('[data-testid="library-item"]', { hasText: 'URL shortener' }).count())
      .toBe(0);
    await context.close();
  });

  it('shows trends with a recommendation, in light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const { context, page } = await newPage(browser, { colorScheme: scheme });
      await page.goto(`${shell.url}/#/trends`);
      await page.getByTestId('trends-page').waitFor();
      await page.getByTestId('recommendation').waitFor();
      expect(await page.getByTestId('recommendation').textContent()).toMatch(/Trade-offs|Requirements/);
      await page.getByTestId('dimension-chart').locator('svg').first().waitFor();
      await screenshot(page, `trends-${scheme}`);
      await page.goto(`${shell.url}/#/history`);
      await page.getByTestId('history-row').first().click();
      await page.getByTestId('score-result').waitFor();
      await screenshot(page, `session-page-${scheme}`);
      await context.close();
    }
  });
});
