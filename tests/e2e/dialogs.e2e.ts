/**
 * Dialogs (issue 9, item 10): End interview, keyboard shortcuts and discarding an unfinished
 * interview take focus, keep Tab inside, close on Escape and give focus back to what had it. No
 * native confirm box may appear: any `dialog` event fails the test.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot, startShell, tempDataDir, type Shell } from './harness';

let browser: Browser;
let shell: Shell;
beforeAll(async () => {
  browser = await launchBrowser();
  shell = await startShell(tempDataDir('dialogs'));
});
afterAll(async () => {
  await shell?.stop();
  await browser?.close();
});

/** Fails on any native alert/confirm/prompt: the app must use its own dialogs. */
function refuseNativeDialogs(page: Page): string[] {
  const seen: string[] = [];
  page.on('dialog', (d) => {
    seen.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  return seen;
}

/** What has focus: inside the open dialog (by its test id) or not, and its text. */
const focusInfo = (page: Page, testId: string) =>
  page.locator('body').evaluate((body, id) => {
    const el = body.ownerDocument.activeElement;
    const dialog = body.ownerDocument.querySelector(`[data-testid="${id}"]`);
    return {
      inside: !!dialog && !!el && dialog.contains(el),
      text: el?.textContent?.trim() ?? '',
      testId: el?.getAttribute('data-testid') ?? '',
    };
  }, testId);

describe('dialogs', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`End interview and shortcuts trap focus, close on Escape and return focus (${scheme})`, async () => {
      const { context, page } = await newPage(browser, { colorScheme: scheme });
      const natives = refuseNativeDialogs(page);
      await page.goto(`${shell.url}/#/problem/url-shortener`);
      await page.getByTestId('start-interview').click();
      await page.getByTestId('interview').waitFor();
      await page.locator('.excalidraw canvas').first().waitFor();

      // Alt+E from the notes: the dialog opens with focus on the safe choice.
      await page.getByRole('tab', { name: 'Notes' }).click();
      await page.getByTestId('notes').focus();
      await page.keyboard.press('Alt+KeyE');
      const end = page.getByTestId('end-dialog');
      await end.waitFor();
      expect(await end.getAttribute('role')).toBe('alertdialog');
      await expect
        .poll(() => focusInfo(page, 'end-dialog'))
        .toMatchObject({ inside: true, text: 'Keep going' });
      await screenshot(page, `dialog-end-${scheme}`);
      // Tab and Shift+Tab stay within the dialog.
      for (const key of ['Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
        await page.keyboard.press(key);
        expect((await focusInfo(page, 'end-dialog')).inside).toBe(true);
      }
      // The page behind is hidden from assistive technology while it is open.
      expect(
        await page.getByTestId('interview').evaluate((el) => el.closest('[aria-hidden="true"]') !== null),
      ).toBe(true);
      await page.keyboard.press('Escape');
      await end.waitFor({ state: 'detached' });
      await expect.poll(() => focusInfo(page, 'end-dialog')).toMatchObject({ testId: 'notes' });
      expect(await page.getByTestId('interview').getAttribute('data-phase')).toBe('clarify');

      // The shortcuts dialog from its button: Escape gives focus back to the button.
      const helpButton = page.getByRole('button', { name: 'Keyboard shortcuts' });
      await helpButton.click();
      const help = page.getByTestId('shortcuts-dialog');
      await help.waitFor();
      expect(await help.getAttribute('role')).toBe('dialog');
      expect(await help.getByRole('heading', { name: 'Keyboard shortcuts' }).count()).toBe(1);
      await expect.poll(async () => (await focusInfo(page, 'shortcuts-dialog')).inside).toBe(true);
      await screenshot(page, `dialog-shortcuts-${scheme}`);
      await page.keyboard.press('Escape');
      await help.waitFor({ state: 'detached' });
      // The dialog gives focus back as it unmounts, which can land a moment after it is gone.
      await expect.poll(() => helpButton.evaluate((b) => b === b.ownerDocument.activeElement)).toBe(true);

      // Confirming ends the interview.
      await page.keyboard.press('Alt+KeyE');
      await end.waitFor();
      await page.getByTestId('confirm-end').click();
      await page.getByTestId('session-review').waitFor();
      expect(natives).toEqual([]);
      await context.close();
    });
  }

  it('discarding an unfinished interview asks in a dialog; Escape keeps it', async () => {
    const { context, page } = await newPage(browser);
    const natives = refuseNativeDialogs(page);
    await page.goto(`${shell.url}/#/problem/rate-limiter`);
    await page.getByTestId('start-interview').click();
    await page.getByTestId('interview').waitFor();
    await page.goto(`${shell.url}/#/`);
    const banner = page.getByTestId('resume-banner');
    await banner.waitFor();
    const rows = () => banner.locator('.resume-row').count();
    const before = await rows();
    const discard = banner.locator('.resume-row').last().getByRole('button', { name: 'Discard' });

    await discard.click();
    const dialog = page.getByTestId('discard-dialog');
    await dialog.waitFor();
    await expect
      .poll(() => focusInfo(page, 'discard-dialog'))
      .toMatchObject({ inside: true, text: 'Keep it' });
    await screenshot(page, 'dialog-discard-light');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => discard.evaluate((b) => b === b.ownerDocument.activeElement)).toBe(true);
    expect(await rows()).toBe(before);

    await discard.click();
    await page.getByTestId('discard-dialog-confirm').click();
    await expect.poll(async () => (before === 1 ? banner.count() : rows())).toBe(before - 1);
    expect(natives).toEqual([]);
    await context.close();
  });
});
