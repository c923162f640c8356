/**
 * Two full interviews in a row in one window (issue 9, item 1): the second one's review must show
 * its own board, notes and score form — not the first one's cached state, and not "still in
 * progress". Then a third through History → Practise again. Each step waits on what the app shows.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, startShell, tempDataDir, type Shell } from './harness';

let browser: Browser;
let shell: Shell;
beforeAll(async () => {
  browser = await launchBrowser();
  shell = await startShell(tempDataDir('two-interviews'));
});
afterAll(async () => {
  await shell?.stop();
  await browser?.close();
});

const elementCount = async (page: Page) =>
  Number(await page.getByTestId('whiteboard').getAttribute('data-element-count'));
const waitSaved = (page: Page) => page.locator('[data-testid="save-status"][data-state="saved"]').waitFor();

/** From a problem page: start, draw `shapes`, write a note, end; returns the session id. */
async function interview(page: Page, shapes: string[], note: string): Promise<string> {
  await page.getByTestId('start-interview').click();
  await page.getByTestId('interview').waitFor();
  await page.locator('.excalidraw canvas').first().waitFor();
  const id = /#\/session\/([a-z0-9-]+)/.exec(page.url())![1]!;
  // A fresh interview starts with a fresh board and empty notes, whatever came before.
  expect(await elementCount(page)).toBe(0);
  for (const shape of shapes) await page.locator(`[data-shape="${shape}"]`).click();
  await expect.poll(() => elementCount(page)).toBe(shapes.length * 2); // each shape and its label
  await page.getByRole('tab', { name: 'Notes' }).click();
  expect(await page.getByTestId('notes').inputValue()).toBe('');
  await page.getByTestId('notes').fill(note);
  await waitSaved(page);
  await page.keyboard.press('Alt+KeyE');
  await page.getByTestId('confirm-end').click();
  await page.getByTestId('session-review').waitFor();
  expect(page.url()).toContain(`/session/${id}/review`);
  return id;
}

/** The review shows this session as ended, with its board and notes, and takes a score. */
async function reviewAndScore(page: Page, elements: number, note: string, level: number) {
  const review = page.getByTestId('session-review');
  expect(await review.locator('.lede').textContent()).not.toContain('still in progress');
  await page.getByTestId('replay').waitFor();
  await expect.poll(() => elementCount(page)).toBe(elements);
  expect(await review.textContent()).toContain(note);
  await page.getByTestId('score-form').waitFor();
  await page.getByRole('button', { name: 'All at once' }).click();
  for (const dim of ['requirements', 'design', 'depth', 'tradeoffs', 'communication'])
    await page.locator(`[data-dimension="${dim}"] [data-level="${level}"]`).click();
  await page.getByTestId('save-score').click();
  await page.getByTestId('score-result').waitFor();
}

describe('interviews in a row', () => {
  it('runs two full interviews in one window, then a third via History → Practise again', async () => {
    const { context, page } = await newPage(browser);
    try {
      await page.goto(`${shell.url}/#/problem/url-shortener`);
      const first = await interview(page, ['client', 'api-server'], 'First: one Postgres.');
      await reviewAndScore(page, 4, 'First: one Postgres.', 2);

      // Practise again from the review: a new session, reviewed as itself.
      await page.getByRole('link', { name: 'Practise again' }).click();
      await page.getByTestId('start-interview').waitFor();
      const second = await interview(page, ['client', 'cache', 'database'], 'Second: add a cache.');
      expect(second).not.toBe(first);
      await reviewAndScore(page, 6, 'Second: add a cache.', 3);

      // History lists both, newest first, with their own scores.
      await page.goto(`${shell.url}/#/history`);
      await expect.poll(() => page.getByTestId('history-row').count()).toBe(2);
      expect(await page.getByTestId('history-row').first().textContent()).toContain('3.00');

      // Open the first from History and practise again from there.
      await page.getByTestId('history-row').last().click();
      await page.getByTestId('session-review').waitFor();
      expect(page.url()).toContain(`/session/${first}/review`);
      await expect.poll(() => elementCount(page)).toBe(4);
      await page.getByRole('link', { name: 'Practise again' }).click();
      await page.getByTestId('start-interview').waitFor();
      await interview(page, ['worker'], 'Third: a queue.');
      await reviewAndScore(page, 2, 'Third: a queue.', 4);
      await page.goto(`${shell.url}/#/history`);
      await expect.poll(() => page.getByTestId('history-row').count()).toBe(3);
      expect((page as unknown as { errors: string[] }).errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
