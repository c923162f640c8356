/** Settings end to end: a rubric profile, and backup → restore through the UI, refusing a cut-short file. */
import fs from 'node:fs';
import path from 'node:path';
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

describe('settings', () => {
  it('creates a rubric profile within the allowed ranges and makes it the default', async () => {
    const shell = await startShell(tempDataDir('profiles'));
    try {
      const { context, page } = await newPage(browser);
      await page.goto(`${shell.url}/#/settings`);
      await page.getByRole('button', { name: 'New profile…' }).click();
      const editor = page.getByTestId('profile-editor');
      await editor.getByPlaceholder('e.g. Staff loop').fill('Staff loop');
      await editor.getByLabel('Depth weight').fill('40');
      await editor.getByText('Depth must be between 25% and 30% (it is 40%).').waitFor();
      expect(await editor.getByRole('button', { name: 'Save profile' }).isDisabled()).toBe(true);
      await editor.getByLabel('Depth weight').fill('30');
      await editor.getByLabel('Communication weight').fill('10');
      await editor.getByLabel('Requirements weight').fill('15');
      await editor.getByLabel('Trade-offs weight').fill('20');
      await editor.getByText('Total 100%.').waitFor();
      await editor.getByRole('button', { name: 'Save profile' }).click();
      const row = page.locator('tr', { hasText: 'Staff loop' });
      await row.waitFor();
      await row.getByRole('button', { name: 'Make default' }).click();
      await row.getByText('Default').waitFor();
      await screenshot(page, 'settings-light');
      await context.close();
    } finally {
      await shell.stop();
    }
  });

  it('backs up, refuses a truncated backup without touching data, and restores a good one', async () => {
    const dir = tempDataDir('backup');
    const shell = await startShell(dir);
    try {
      const { context, page } = await newPage(browser);
      // Make some data: one finished interview.
      await page.goto(`${shell.url}/#/problem/rate-limiter`);
      await page.getByTestId('start-interview').click();
      await page.getByTestId('interview').waitFor();
      await page.getByRole('tab', { name: 'Notes' }).click();
      await page.getByTestId('notes').fill('Sliding window counter: 84 × 0.75 + 36 = 99.');
      await page.locator('[data-testid="save-status"][data-state="saved"]').waitFor();
      await page.keyboard.press('Alt+KeyE');
      await page.getByTestId('confirm-end').click();
      await page.getByTestId('session-review').waitFor();

      await page.goto(`${shell.url}/#/settings`);
      const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup').click()]);
      const backupFile = path.join(dir, dl.suggestedFilename());
      await dl.saveAs(backupFile);
      expect(dl.suggestedFilename()).toMatch(/^tradeoff-backup-.*\.sqlite$/);
      await page.getByTestId('backup-message').waitFor();

      // A copy cut short is refused, with a clear message, and the interview is still there.
      const cut = path.join(dir, 'cut-short.sqlite');
      fs.writeFileSync(cut, fs.readFileSync(backupFile).subarray(0, 8192));
      await page.getByTestId('restore-file').setInputFiles(cut);
      await page.getByTestId('restore-dialog-confirm').click();
      const refusal = page.locator('[data-testid="backup-message"].bad');
      await refusal.waitFor();
      expect(await refusal.textContent()).toMatch(
        /can’t be restored.*damaged or incomplete|not a Tradeoff backup/,
      );
      expect(await refusal.textContent()).toContain('has not been changed');
      await screenshot(page, 'settings-restore-refused');
      await page.goto(`${shell.url}/#/history`);
      await page.getByTestId('history-row').first().waitFor();
      expect(await page.getByTestId('history-row').count()).toBe(1);

      // Restoring the good file brings back the same interview.
      await page.goto(`${shell.url}/#/settings`);
      await page.getByTestId('restore-file').setInputFiles(backupFile);
      await page.getByTestId('restore-dialog-confirm').click();
      const ok = page.locator('[data-testid="backup-message"].ok', { hasText: 'Restored 1 interview' });
      await ok.waitFor();
      await page.goto(`${shell.url}/#/history`);
      await page.getByTestId('history-row').first().click();
      await page.getByText('Sliding window counter: 84 × 0.75 + 36 = 99.').first().waitFor();
      await context.close();
    } finally {
      await shell.stop();
    }
  });
});
