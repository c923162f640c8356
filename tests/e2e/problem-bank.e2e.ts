/**
 * The problem bank, read as a candidate would: three of the new problems open in light and dark,
 * with their requirements, estimates, follow-ups (points behind a disclosure) and the reference
 * design behind its button. Screenshots of each go to tests/.artifacts/.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot, startShell, tempDataDir } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const PROBLEMS = [
  { id: 'ticket-booking', title: /ticket/i },
  { id: 'payment-ledger', title: /payment/i },
  { id: 'proximity-search', title: /proximity|nearby/i },
];

describe('the problem bank', () => {
  it('lists twenty problems, and three new ones read end to end in light and dark', async () => {
    const shell = await startShell(tempDataDir('bank'));
    try {
      for (const scheme of ['light', 'dark'] as const) {
        const { context, page } = await newPage(browser, { colorScheme: scheme, height: 1100 });
        await page.goto(`${shell.url}/#/`);
        await page
          .getByRole('tab', { name: 'Problems' })
          .or(page.getByRole('button', { name: 'Problems' }))
          .first()
          .click();
        await expect
          .poll(() => page.locator('[data-testid="library-item"][data-kind="problem"]').count())
          .toBeGreaterThanOrEqual(20);
        for (const p of PROBLEMS) {
          await page.goto(`${shell.url}/#/problem/${p.id}`);
          await page.getByTestId('problem-page').waitFor();
          expect(await page.locator('h1').textContent()).toMatch(p.title);
          await page.getByText('The interviewer opens with').waitFor();
          await screenshot(page, `problem-${p.id}-${scheme}`);
          await page.getByRole('button', { name: 'Show the reference answer' }).click();
          await page.getByTestId('reference-answer').waitFor();
          const reference = (await page.getByTestId('reference-answer').textContent()) ?? '';
          expect(reference.length).toBeGreaterThan(2000);
          await page.getByTestId('reference-answer').scrollIntoViewIfNeeded();
          await screenshot(page, `problem-${p.id}-reference-${scheme}`);
        }
        await context.close();
      }
    } finally {
      await shell.stop();
    }
  });
});
