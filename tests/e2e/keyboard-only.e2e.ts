/**
 * The whole loop with the keyboard only (issue 9, acceptance 3): find a problem in the library,
 * start an interview, write notes, move through every phase, end it with Alt+E, score every
 * dimension and save — no mouse event at any step. Each step checks where focus landed, so a
 * broken tab order fails with the element that had focus.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionState } from '../../shared/api/sessions';
import { focused, tabUntil } from './focus';
import { launchBrowser, newPage, screenshot, startShell, tempDataDir, type Shell } from './harness';

let browser: Browser;
let shell: Shell;

beforeAll(async () => {
  browser = await launchBrowser();
  shell = await startShell(tempDataDir('keyboard-only'));
});
afterAll(async () => {
  await shell?.stop();
  await browser?.close();
});

describe('keyboard only', () => {
  it('finds a problem, runs an interview through every phase, ends it with Alt+E and scores it', async () => {
    const { context, page } = await newPage(browser, { width: 1280, height: 800 });
    await page.goto(shell.url);

    // Library: Tab to the search box, type, Tab to the first result, Enter.
    const search = page.getByRole('searchbox', { name: 'Search the library' });
    await search.waitFor();
    await tabUntil(page, (f) => f.label === 'Search the library');
    await page.keyboard.type('url shortener');
    await page.locator('a[href="#/problem/url-shortener"]').first().waitFor();
    await tabUntil(page, (f) => f.tag === 'A' && f.text.includes('URL shortener'));
    await page.keyboard.press('Enter');

    // Problem page: Tab to Start, Enter.
    await page.getByTestId('start-interview').waitFor();
    await tabUntil(page, (f) => f.testId === 'start-interview');
    await page.keyboard.press('Enter');
    const interview = page.getByTestId('interview');
    await interview.waitFor();
    await page.locator('.excalidraw canvas').first().waitFor();
    expect(await interview.getAttribute('data-phase')).toBe('clarify');

    // Alt+2 opens the notes; the notes take typing.
    await page.keyboard.press('Alt+Digit2');
    await tabUntil(page, (f) => f.testId === 'notes');
    await page.keyboard.type('Reads dominate 100:1. Links may expire.');

    // Alt+N through every phase; the step marker follows.
    for (const next of ['estimate', 'design', 'deep-dive', 'tradeoffs']) {
      await page.keyboard.press('Alt+KeyN');
      await expect.poll(() => interview.getAttribute('data-phase')).toBe(next);
    }
    await screenshot(page, 'keyboard-only-interview');

    // Alt+E asks first, with focus on the safe choice; Tab to End, Enter.
    await page.keyboard.press('Alt+KeyE');
    await page.getByTestId('end-dialog').waitFor();
    await expect.poll(async () => (await focused(page)).text).toBe('Keep going');
    await tabUntil(page, (f) => f.testId === 'confirm-end', { maxPresses: 4 });
    await page.keyboard.press('Enter');
    await page.getByTestId('session-review').waitFor();
    await page.getByTestId('score-form').waitFor();

    // Score: each level group is one tab stop; arrows choose; Next moves on.
    const wanted: Record<string, { keys: string[]; level: string }> = {
      requirements: { keys: ['ArrowRight', 'ArrowRight'], level: '3' },
      design: { keys: ['ArrowRight', 'ArrowRight'], level: '3' },
      depth: { keys: ['ArrowRight'], level: '2' },
      tradeoffs: { keys: ['ArrowRight'], level: '2' },
      communication: { keys: ['ArrowRight', 'ArrowRight', 'ArrowRight'], level: '4' },
    };
    const dims = Object.keys(wanted);
    await tabUntil(page, (f) => f.role === 'radio');
    for (const [i, dim] of dims.entries()) {
      expect((await focused(page)).dimension).toBe(dim);
      for (const key of wanted[dim]!.keys) await page.keyboard.press(key);
      expect(await focused(page)).toMatchObject({ role: 'radio', dimension: dim, level: wanted[dim]!.level });
      if (i === dims.length - 1) break;
      await tabUntil(page, (f) => f.text === 'Next →');
      await page.keyboard.press('Enter');
      await tabUntil(page, (f) => f.role === 'radio' && f.dimension === dims[i + 1]);
    }
    await tabUntil(page, (f) => f.testId === 'save-score');
    await page.keyboard.press('Enter');
    await page.getByTestId('score-result').waitFor();
    // 3×20 + 3×25 + 2×25 + 2×20 + 4×10 = 265 → 2.65
    expect(await page.getByTestId('weighted').textContent()).toBe('2.65');
    await screenshot(page, 'keyboard-only-scored');

    // What the keyboard did is what was stored.
    const id = decodeURIComponent(/#\/session\/([^/]+)\/review/.exec(page.url())![1]!);
    const res = await shell.fetch('/api/session.get', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ id }),
    });
    const stored = ((await res.json()) as { value: SessionState }).value;
    expect(stored.status).toBe('ended');
    expect(stored.notes.clarify).toContain('Reads dominate 100:1');
    expect(stored.events.filter((e) => e.kind === 'phase').map((e) => e.phase)).toEqual([
      'estimate',
      'design',
      'deep-dive',
      'tradeoffs',
    ]);
    await context.close();
  });
});
