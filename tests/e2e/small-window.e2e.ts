/**
 * Small windows (issue 9, item 12): at 1024×700 the sidebar collapses (and says so), phase names
 * fit their steps, the scratchpad has room for a line, and no button's label wraps. Light and dark
 * screenshots of each screen go to tests/.artifacts/ for a person to look at.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot, startShell, tempDataDir, type Shell } from './harness';

let browser: Browser;
let shell: Shell;
beforeAll(async () => {
  browser = await launchBrowser();
  shell = await startShell(tempDataDir('small-window'));
});
afterAll(async () => {
  await shell?.stop();
  await browser?.close();
});

const SMALL = { width: 1024, height: 700 };

/** Labels of visible buttons whose text runs over more than one line. */
const wrappedButtons = (page: Page) =>
  page.locator('body').evaluate((body) => {
    const doc = body.ownerDocument;
    const out: string[] = [];
    for (const b of doc.querySelectorAll('button, a.btn')) {
      if (!(b as unknown as { offsetParent: unknown }).offsetParent) continue; // not shown
      // Lines of text only (an icon beside the label sits at its own height without wrapping).
      const tops: number[] = [];
      const walker = doc.createTreeWalker(b, 4 /* NodeFilter.SHOW_TEXT */);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const range = doc.createRange();
        range.selectNodeContents(n);
        for (const r of range.getClientRects()) if (r.width > 0) tops.push(r.top);
      }
      const lines = tops.filter((t) => t > Math.min(...tops) + 4).length > 0 ? 2 : 1;
      if (lines > 1) out.push(b.textContent?.trim() ?? '');
    }
    return out;
  });

/** Phase names cut short (an ellipsis) in the interview's phase steps. */
const clippedPhaseNames = (page: Page) =>
  page
    .locator('.step-name')
    .evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent));

describe('a 1024×700 window', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`collapses the sidebar, fits the phases, the scratchpad and the buttons (${scheme})`, async () => {
      const { context, page } = await newPage(browser, { colorScheme: scheme, ...SMALL });
      await page.goto(`${shell.url}/#/`);
      await page.getByTestId('library-item').first().waitFor();
      const toggle = page.getByRole('button', { name: 'Collapse the sidebar' });
      // Collapsed by the window's width, the sidebar keeps its links, named.
      expect(await page.locator('nav.sidebar').evaluate((n) => n.getBoundingClientRect().width)).toBeLessThan(
        80,
      );
      expect(
        await page.locator('nav.sidebar').getByRole('link', { name: 'History', exact: true }).isVisible(),
      ).toBe(true);
      await screenshot(page, `small-library-${scheme}`);
      expect(await wrappedButtons(page)).toEqual([]);
      // Expanded on request (the choice holds over the window's width), then collapsed again.
      await page.getByRole('button', { name: 'Expand the sidebar' }).click();
      expect(
        await page.locator('nav.sidebar').evaluate((n) => n.getBoundingClientRect().width),
      ).toBeGreaterThan(150);
      expect(
        await page.getByRole('button', { name: 'Collapse the sidebar' }).getAttribute('aria-expanded'),
      ).toBe('true');
      await screenshot(page, `small-library-expanded-${scheme}`);
      await toggle.click();
      expect(await page.locator('nav.sidebar').evaluate((n) => n.getBoundingClientRect().width)).toBeLessThan(
        80,
      );

      await page.goto(`${shell.url}/#/problem/url-shortener`);
      await page.getByTestId('problem-page').waitFor();
      await screenshot(page, `small-problem-${scheme}`);
      expect(await wrappedButtons(page)).toEqual([]);

      await page.getByTestId('start-interview').click();
      await page.getByTestId('interview').waitFor();
      await page.locator('.excalidraw canvas').first().waitFor();
      expect(await clippedPhaseNames(page)).toEqual([]);
      await page.keyboard.press('Alt+Digit4');
      const pad = page.getByTestId('scratchpad');
      await pad.waitFor();
      const line = 'peak = 100M / day * 3 to 1/s';
      await pad.fill(line);
      // The whole line shows without scrolling sideways.
      expect(await pad.evaluate((t) => t.scrollWidth <= t.clientWidth + 1)).toBe(true);
      await screenshot(page, `small-interview-${scheme}`);
      expect(await wrappedButtons(page)).toEqual([]);
      await context.close();
    });
  }
});
