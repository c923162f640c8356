/** The content pack in the running app: search, filters, links, and importing packs. */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot, startShell, tempDataDir, type Shell } from './harness';

let browser: Browser;
let shell: Shell;
beforeAll(async () => {
  browser = await launchBrowser();
  shell = await startShell(tempDataDir('content'));
});
afterAll(async () => {
  await shell?.stop();
  await browser?.close();
});

function writePack(name: string, pack: unknown): string {
  const file = path.join(shell.dataDir, name);
  fs.writeFileSync(file, typeof pack === 'string' ? pack : JSON.stringify(pack));
  return file;
}

describe('library search and links', () => {
  it('finds the bloom-filter concept and the problems that use it, and follows links', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(shell.url);
    await page.getByLabel('Search the library').fill('bloom');
    const concept = page.locator('[data-testid="library-item"][data-kind="concept"]', { hasText: 'Bloom' });
    await concept.first().waitFor();
    const problems = page.locator('[data-testid="library-item"][data-kind="problem"]');
    const titles = await problems.allTextContents();
    expect(titles.some((t) => t.includes('URL shortener'))).toBe(true);
    expect(titles.some((t) => t.includes('Exactly-once event pipeline'))).toBe(true);
    await screenshot(page, 'library-search-bloom');

    await concept.first().click();
    await page.getByTestId('concept-page').waitFor();
    await page.getByText('Interview questions').waitFor();
    // The concept page links back to problems that use it.
    await page.locator('a.chip', { hasText: 'URL shortener' }).first().click();
    await page.getByTestId('problem-page').waitFor();
    expect(await page.locator('h1').textContent()).toBe('URL shortener');
    await context.close();
  });

  it('filters problems by difficulty and time target', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(shell.url);
    await page.getByRole('tab', { name: 'Problems' }).click();
    await page.getByLabel('Time target').selectOption('35');
    await page.getByText('1 item').waitFor();
    expect(await page.locator('[data-testid="library-item"]').allTextContents()).toEqual([
      expect.stringContaining('URL shortener'),
    ]);
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByRole('tab', { name: 'Problems' }).click();
    await page.getByLabel('Difficulty').selectOption('hard');
    // The list updates in place; wait until it shows the filtered result.
    const cards = page.locator('[data-testid="library-item"]');
    await expect
      .poll(
        async () =>
          (await cards.count()) > 0 && (await cards.count()) === (await cards.locator('.badge.hard').count()),
      )
      .toBe(true);
    expect(await page.locator('[data-testid="library-item"]').count()).toBeGreaterThanOrEqual(4);
    await context.close();
  });
});

describe('importing packs', () => {
  it('refuses a broken pack and lists every error; imports a valid one and shows its items', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${shell.url}/#/packs`);
    await page.getByTestId('pack-row').first().waitFor();

    const broken = writePack('broken-pack.json', {
      manifest: { schemaVersion: 1, id: 'Broken Pack', name: '', version: 'one', description: 'x' },
      problems: [{ id: 'half-a-problem', title: 'Half a problem' }],
    });
    await page.getByTestId('pack-file').setInputFiles(broken);
    const refused = page.getByTestId('import-refused');
    await refused.waitFor();
    const issues = await page.getByTestId('import-issues').locator('li').allTextContents();
    expect(issues.length).toBeGreaterThan(10);
    expect(issues.some((i) => i.includes('manifest.id'))).toBe(true);
    expect(issues.some((i) => i.includes('manifest.version'))).toBe(true);
    expect(issues.some((i) => i.includes('problems[0].estimates'))).toBe(true);
    expect(await refused.textContent()).toContain('nothing was imported');
    await screenshot(page, 'packs-refused');
    expect(await page.getByTestId('pack-row').count()).toBe(1);

    const valid = writePack('team-pack.json', {
      manifest: {
        schemaVersion: 1,
        id: 'team-pack',
        name: 'Team extras',
        version: '1.2.0',
        description: 'Questions from our study group.',
      },
      questions: [
        {
          id: 'team-q-outbox-ordering',
          kind: 'architecture',
          topic: 'Study group',
          prompt: 'How does the outbox relay keep per-aggregate ordering when it runs on three nodes?',
          difficulty: 'advanced',
          answerPoints: [
            'Partition the relay by aggregate id',
            'One active relay per partition, fenced by a lease',
          ],
          followUps: [
            {
              question: 'What happens during a lease handover?',
              expectedPoints: [
                'The old holder stops at lease expiry',
                'A fencing token rejects its late writes',
              ],
            },
          ],
          relatedConcepts: ['distributed-transactions'],
          relatedProblems: [],
        },
      ],
    });
    await page.getByTestId('pack-file').setInputFiles(valid);
    await page.getByTestId('import-done').waitFor();
    await page.getByTestId('pack-row').nth(1).waitFor();
    expect(await page.getByTestId('pack-list').textContent()).toContain('Team extras');
    await screenshot(page, 'packs-imported');

    await page.goto(`${shell.url}/#/`);
    await page.getByLabel('Search the library').fill('outbox relay');
    const item = page.locator('[data-testid="library-item"]', { hasText: 'per-aggregate ordering' });
    await item.waitFor();
    await item.click();
    await page.getByTestId('question-page').waitFor();
    await page.getByRole('button', { name: 'Show the answer points' }).click();
    await page.getByText('Partition the relay by aggregate id').waitFor();
    await context.close();
  });
});

describe('drills', () => {
  it('times a warm-up drill and reveals the reference points when time is up', async () => {
    const { context, page } = await newPage(browser);
    await page.clock.install();
    await page.goto(shell.url);
    await page.getByRole('tab', { name: 'Drills' }).click();
    await page.locator('[data-testid="library-item"][data-kind="drill"]').first().click();
    await page.getByTestId('drill-page').waitFor();
    expect(await page.getByRole('button', { name: 'Show the reference points' }).count()).toBe(1);
    await page.getByRole('button', { name: /Start the \d+-minute timer/ }).click();
    await page.clock.fastForward('05:01');
    await page.getByText('Time’s up — compare with the reference now.').waitFor();
    expect(await page.getByRole('button', { name: 'Show the reference points' }).count()).toBe(0);
    await screenshot(page, 'drill-done');
    await context.close();
  });
});
