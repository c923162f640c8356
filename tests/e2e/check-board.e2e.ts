/**
 * Check my board, end to end through the web shell: a partial URL-shortener board drawn with the
 * shape bar is found to have no cache and a database that is a single point of failure; a finding
 * highlights its shape; adding a cache and a replica clears both; after the end the final board's
 * findings are on the session page and in the Markdown report. Screenshots light and dark, and axe.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, launchBrowser, newPage, screenshot, startShell, tempDataDir, type Shell } from './harness';
import { savedElements, type SceneElement } from './scene';

let browser: Browser;
let shell: Shell;
beforeAll(async () => {
  browser = await launchBrowser();
  shell = await startShell(tempDataDir('check-board'));
});
afterAll(async () => {
  await browser?.close();
  await shell?.stop();
});

async function savedShapes(sessionId: string): Promise<SceneElement[]> {
  return (await savedElements(shell, sessionId)).filter((e) => !e.isDeleted);
}

const count = (page: Page) => page.getByTestId('whiteboard').getAttribute('data-element-count');

/** Adds a shape from the bar (beside the selected one, joined by an arrow) and waits for it. */
async function add(page: Page, shape: string, elementsAfter: number) {
  await page.locator(`[data-shape="${shape}"]`).click();
  await expect.poll(() => count(page)).toBe(String(elementsAfter));
}

/**
 * Starts a URL-shortener interview, moves to high-level design and draws client → load balancer →
 * service → database with the shape bar. The first shape lands in the middle of the view and each
 * next one to the right of the selected one (GAP 80 px, at zoom 1), so the test clicks each new
 * shape's centre to grow the chain from it. The window is wide enough that nothing scrolls.
 */
async function drawPartialBoard(page: Page): Promise<string> {
  await page.goto(`${shell.url}/#/problem/url-shortener`);
  await page.getByTestId('start-interview').click();
  await page.getByTestId('interview').waitFor();
  await page.locator('.excalidraw canvas').first().waitFor();
  const id = /#\/session\/([a-z0-9-]+)/.exec(page.url())![1]!;
  await page.getByTestId('next-phase').click();
  await page.getByTestId('next-phase').click();
  await expect.poll(() => page.getByTestId('interview').getAttribute('data-phase')).toBe('design');
  const canvas = (await page.locator('.excalidraw .excalidraw__canvas.interactive').boundingBox())!;
  const centre = { x: canvas.x + canvas.width / 2, y: canvas.y + canvas.height / 2 };
  await add(page, 'client', 2);
  await page.mouse.click(centre.x, centre.y); // the client (140 wide)
  await add(page, 'load-balancer', 5);
  await page.mouse.click(centre.x + 70 + 80 + 110, centre.y); // the load balancer (220 wide)
  await add(page, 'service', 8);
  await page.mouse.click(centre.x + 70 + 80 + 220 + 80 + 75, centre.y); // the service (150 wide)
  await add(page, 'database', 11);
  return id;
}

async function axe(page: Page, screen: string): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .include('[data-testid="board-check"], [data-testid="session-board-check"]')
    .analyze();
  return results.violations.map(
    (v) =>
      `${screen}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

describe('Check my board', () => {
  it('finds what a partial URL shortener lacks, highlights it, clears when fixed, and keeps the final findings', async () => {
    const { context, page } = await newPage(browser, { colorScheme: 'light', width: 2100, height: 900 });
    await page.goto(`${shell.url}/#/problem/url-shortener`);
    await page.getByTestId('start-interview').click();
    // Not yet: the check is offered from the high-level design phase.
    const check = page.getByTestId('check-board');
    await check.waitFor();
    expect(await check.isDisabled()).toBe(true);
    expect(await page.getByTestId('board-check').textContent()).toContain(
      'Available from the high-level design phase.',
    );
    const id = await drawPartialBoard(page);
    expect(await check.isDisabled()).toBe(false);
    await expect.poll(async () => (await savedShapes(id)).length).toBe(11);
    const drawn = await savedShapes(id);
    expect(
      drawn
        .filter((e) => e.type === 'arrow')
        .map((a) =>
          [a.startBinding?.elementId, a.endBinding?.elementId].map(
            (x) => drawn.find((e) => e.id === x)?.customData?.kind,
          ),
        ),
    ).toEqual([
      ['client', 'load-balancer'],
      ['load-balancer', 'service'],
      ['service', 'database'],
    ]);

    await check.click();
    const findings = page.getByTestId('board-findings');
    await findings.waitFor();
    const titles = () => findings.locator('.finding-title').allTextContents();
    expect(await titles()).toEqual(['No cache', '"Database" is a single point of failure']);
    expect(await page.getByTestId('board-check-when').textContent()).toContain(
      'Checked in High-level design',
    );

    // Clicking the finding selects the database on the canvas.
    const db = drawn.find((e) => e.customData?.kind === 'database')!;
    await findings.getByRole('button', { name: /single point of failure/ }).click();
    await expect.poll(() => page.getByTestId('whiteboard').getAttribute('data-selected')).toContain(db.id);

    // A cache beside the service and a replica beside the database, then check again.
    // A replica beside the highlighted database; then a cache beside the service. The highlight
    // centred the database in view (zoom 1), so the service is where it sits relative to it.
    await add(page, 'replica', 14);
    const canvas = (await page.locator('.excalidraw .excalidraw__canvas.interactive').boundingBox())!;
    const svc = drawn.find((e) => e.customData?.kind === 'service')!;
    await page.mouse.click(
      canvas.x + canvas.width / 2 + (svc.x + svc.width / 2 - (db.x + db.width / 2)),
      canvas.y + canvas.height / 2 + (svc.y + svc.height / 2 - (db.y + db.height / 2)),
    );
    await add(page, 'cache', 17);
    await check.click();
    await page.getByTestId('board-findings-empty').waitFor();
    expect(await page.getByTestId('board-check').textContent()).not.toContain('single point of failure');

    // End: the session page and the Markdown report keep the final board's findings.
    await expect.poll(async () => (await savedShapes(id)).length).toBe(17);
    await page.keyboard.press('Alt+KeyE');
    await page.getByTestId('confirm-end').click();
    await page.getByTestId('session-review').waitFor();
    const final = page.getByTestId('session-board-check');
    await final.waitFor();
    expect(await final.textContent()).toContain('Nothing to point out');
    const report = await api<{ text: string }>(shell, 'session.exportMarkdown', { id });
    expect(report.text).toContain('## Board check');
    expect(report.text).toContain('Nothing to point out.');
    await context.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`shows the findings beside the board and, after the end, on the session page and in the report (${colorScheme})`, async () => {
      const { context, page } = await newPage(browser, { colorScheme, width: 2100, height: 900 });
      const id = await drawPartialBoard(page);
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.getByTestId('check-board').click();
      const findings = page.getByTestId('board-findings');
      await findings.waitFor();
      await findings.getByRole('button', { name: /single point of failure/ }).click();
      await expect.poll(() => page.getByTestId('whiteboard').getAttribute('data-selected')).not.toBeNull();
      await screenshot(page, `check-board-interview-${colorScheme}`);
      expect(await axe(page, `interview (${colorScheme})`)).toEqual([]);

      await expect.poll(async () => (await savedShapes(id)).length).toBe(11);
      await page.keyboard.press('Alt+KeyE');
      await page.getByTestId('confirm-end').click();
      await page.getByTestId('session-review').waitFor();
      const final = page.getByTestId('session-board-check');
      await final.waitFor();
      const titles = await final.locator('.finding-title').allTextContents();
      expect(titles).toEqual(['No cache', '"Database" is a single point of failure']);
      // A finding on the session page highlights its shape on the replay board.
      const db = (await savedShapes(id)).find((e) => e.customData?.kind === 'database')!;
      await page.getByTestId('replay').waitFor();
      await expect.poll(() => page.getByTestId('whiteboard').getAttribute('data-element-count')).toBe('11');
      await final.getByRole('button', { name: /single point of failure/ }).click();
      await expect.poll(() => page.getByTestId('whiteboard').getAttribute('data-selected')).toContain(db.id);
      await page.getByTestId('replay').scrollIntoViewIfNeeded();
      await screenshot(page, `check-board-session-${colorScheme}`);
      expect(await axe(page, `session (${colorScheme})`)).toEqual([]);

      // Beside the phase markers: when each essential component first appeared; the cache never did.
      const timeline = page.getByTestId('component-times');
      await timeline.waitFor();
      expect(await timeline.locator('.never').allTextContents()).toEqual(['cache: never drawn']);
      expect(await page.getByTestId('component-timeline').locator('.component-dot').count()).toBe(5);

      // On the scoring form, the findings are offered as evidence for Design; the candidate decides.
      await page.getByRole('button', { name: 'All at once' }).click();
      const evidence = page.getByTestId('board-evidence');
      await evidence.locator('summary').click();
      await evidence.getByRole('button', { name: 'Add to evidence' }).first().click();
      expect(await page.getByLabel('Evidence for Design').inputValue()).toBe('Board check: No cache.');

      const report = await api<{ text: string }>(shell, 'session.exportMarkdown', { id });
      expect(report.text).toContain('2 findings. Advice, not a score');
      expect(report.text).toContain('- **Missing: No cache**');
      expect(report.text).toContain('- **Single point of failure: "Database" is a single point of failure**');
      await context.close();
    });
  }
});
