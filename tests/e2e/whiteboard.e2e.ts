/**
 * The whiteboard's shape bar and fonts, and the harness's console-error check itself: the bar fits
 * at 900 px with export in the header, new shapes grow the diagram beside the selected one with an
 * arrow, and the board opens with no console error and no request off our own origin.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { savedElements, type SceneElement } from './scene';
import {
  expectConsoleErrors,
  launchBrowser,
  newPage,
  screenshot,
  startShell,
  takeConsoleProblems,
  tempDataDir,
  type Shell,
} from './harness';

let browser: Browser;
let shell: Shell;
beforeAll(async () => {
  browser = await launchBrowser();
  shell = await startShell(tempDataDir('whiteboard'));
});
afterAll(async () => {
  await browser?.close();
  await shell?.stop();
});

async function startInterview(page: Page): Promise<string> {
  await page.goto(`${shell.url}/#/problem/url-shortener`);
  await page.getByTestId('start-interview').click();
  await page.getByTestId('interview').waitFor();
  await page.locator('.excalidraw canvas').first().waitFor();
  return /#\/session\/([a-z0-9-]+)/.exec(page.url())![1]!;
}

/** The page's own globals, for code run inside it (this file is type-checked as Node code). */
interface PageGlobals {
  document: {
    fonts: Iterable<{ family: string; status: string }> & { ready: Promise<unknown> };
    activeElement: unknown;
  };
}

const overlap = (a: SceneElement, b: SceneElement) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('the console-error check', () => {
  it('sees console errors and uncaught page errors, and leaves out only what a test declared', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${shell.url}/`);
    await page.getByRole('heading').first().waitFor();
    expectConsoleErrors(page, /^declared: /);
    await Promise.all([
      page.waitForEvent('pageerror'),
      page.evaluate(() => {
        console.error('declared: this one is expected');
        console.error('undeclared failure');
        setTimeout(() => {
          throw new Error('thrown later');
        });
      }),
    ]);
    const seen = takeConsoleProblems();
    expect(seen.map((p) => [p.kind, p.text.split('\n')[0]])).toEqual([
      ['console', 'undeclared failure'],
      ['pageerror', 'Error: thrown later'],
    ]);
    await context.close();
  });
});

describe('the whiteboard', () => {
  it('opens with our own fonts only: no console error, no request to another origin', async () => {
    const { context, page } = await newPage(browser);
    const elsewhere: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(shell.url) && !r.url().startsWith('data:') && !r.url().startsWith('blob:'))
        elsewhere.push(r.url());
    });
    await startInterview(page);
    await page.locator('[data-shape="client"]').click();
    await page.evaluate(() => (globalThis as unknown as PageGlobals).document.fonts.ready);
    // The labels are drawn in Excalidraw's hand-drawn font, loaded from the app itself.
    const loaded = await page.evaluate(() =>
      [...(globalThis as unknown as PageGlobals).document.fonts].some(
        (f) => f.family.replace(/"/g, '') === 'Excalifont' && f.status === 'loaded',
      ),
    );
    expect(loaded).toBe(true);
    expect(elsewhere).toEqual([]);
    await context.close();
    // The harness's afterEach fails this test if anything was logged as an error.
  });

  it('fits its shape bar at 900 px, with the rest in "More shapes" and export in the header', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { context, page } = await newPage(browser, { width: 900, height: 800, colorScheme });
      await startInterview(page);
      const row = page.getByRole('toolbar', { name: 'Add a system-design shape' });
      // The bar measures itself at its first frame (before that frame is painted).
      await expect.poll(() => row.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      const more = page.getByTestId('more-shapes');
      const moreBox = (await more.boundingBox())!;
      const rowBox = (await row.boundingBox())!;
      expect(moreBox.x + moreBox.width).toBeLessThanOrEqual(rowBox.x + rowBox.width);
      // The most used shapes stay on the bar; export is in the header, inside the window.
      await expect.poll(() => page.locator('[data-shape="client"]').isVisible()).toBe(true);
      const exportBox = (await page.getByTestId('export').boundingBox())!;
      expect(exportBox.x + exportBox.width).toBeLessThanOrEqual(900);
      await screenshot(page, `whiteboard-900-${colorScheme}`);

      // Every shape is in the menu; one added from there closes it and gives focus back.
      await more.click();
      await expect.poll(() => page.locator('[data-menu-shape]').count()).toBe(16);
      await screenshot(page, `whiteboard-900-more-${colorScheme}`);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('[data-menu-shape]').count()).toBe(0);
      expect(
        await more.evaluate((el) => el === (globalThis as unknown as PageGlobals).document.activeElement),
      ).toBe(true);
      await more.click();
      await page.locator('[data-menu-shape="pubsub"]').click();
      await expect.poll(() => page.getByTestId('whiteboard').getAttribute('data-element-count')).toBe('2');
      expect(await page.locator('[data-menu-shape]').count()).toBe(0);
      await context.close();
    }
  });

  it("offers the same 16 shapes in Excalidraw's own library panel", async () => {
    const { context, page } = await newPage(browser, { colorScheme: 'light' });
    await startInterview(page);
    // They are added once the board is up (at an idle moment), so they are waited for.
    await page.locator('.excalidraw .default-sidebar-trigger').click();
    await expect.poll(() => page.locator('.excalidraw .library-unit').count()).toBe(16);
    await context.close();
  });

  it('puts a new shape beside the selected one, joined by an arrow, never on top of another', async () => {
    const { context, page } = await newPage(browser, { colorScheme: 'light' });
    const id = await startInterview(page);
    // The first shape goes to the middle of the view: click there to select it.
    await page.locator('[data-shape="load-balancer"]').click();
    const canvas = (await page.locator('.excalidraw .excalidraw__canvas.interactive').boundingBox())!;
    await page.mouse.click(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
    for (const shape of ['api-server', 'api-server', 'cache']) {
      await page.locator(`[data-shape="${shape}"]`).click();
    }
    // Nothing selected: the next one follows the newest shape, with no arrow.
    await page.mouse.click(canvas.x + canvas.width * 0.3, canvas.y + canvas.height * 0.85); // empty: deselects
    await page.locator('[data-shape="database"]').click();
    // 5 shapes, 5 labels, 3 arrows.
    await expect
      .poll(async () => (await savedElements(shell, id)).filter((e) => !e.isDeleted).length)
      .toBe(13);
    const elements = (await savedElements(shell, id)).filter((e) => !e.isDeleted);
    const shapes = elements.filter((e) => e.type !== 'arrow' && !e.containerId);
    expect(shapes.map((s) => s.customData?.kind)).toEqual([
      'load-balancer',
      'api-server',
      'api-server',
      'cache',
      'database',
    ]);
    for (const a of shapes) for (const b of shapes) if (a !== b) expect(overlap(a, b)).toBe(false);
    const [lb, api1, api2, cache, db] = shapes as [SceneElement, ...SceneElement[]];
    // Flowchart-style: the three children sit in the column right of the load balancer.
    for (const child of [api1!, api2!, cache!]) expect(child.x).toBeGreaterThanOrEqual(lb.x + lb.width);
    expect(new Set([api1!.x, api2!.x, cache!.x]).size).toBe(1);
    const arrows = elements.filter((e) => e.type === 'arrow');
    expect(arrows.map((a) => [a.startBinding?.elementId, a.endBinding?.elementId])).toEqual([
      [lb.id, api1!.id],
      [lb.id, api2!.id],
      [lb.id, cache!.id],
    ]);
    expect(lb.boundElements?.filter((b) => b.type === 'arrow').map((b) => b.id)).toEqual(
      arrows.map((a) => a.id),
    );
    // The database followed the newest shape (the cache), to its right.
    expect(db!.x).toBeGreaterThanOrEqual(cache!.x + cache!.width);
    await screenshot(page, 'whiteboard-1280-flowchart-light');

    await context.close();
  });

  it('looks right at 1280×800 in both themes', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { context, page } = await newPage(browser, { colorScheme });
      await startInterview(page);
      await page.locator('[data-shape="client"]').click();
      await page.locator('[data-shape="api-server"]').click();
      await expect.poll(() => page.getByTestId('whiteboard').getAttribute('data-element-count')).toBe('4');
      await screenshot(page, `whiteboard-1280-${colorScheme}`);
      await context.close();
    }
  });
});
