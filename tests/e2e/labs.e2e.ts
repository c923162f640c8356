/**
 * Labs (issue 10) through the web shell: the consistent-hashing lab runs and moves with its
 * parameters; an edited implementation is judged by the same properties; an endless loop is stopped
 * by the watchdog while the page stays responsive; the edit survives a restart; the app's numbers
 * match `npm run labs:claims` for the same seed; the page itself still refuses eval; axe finds
 * nothing; screenshots of each lab, light and dark.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ROOT,
  expectConsoleErrors,
  launchBrowser,
  newPage,
  screenshot,
  startShell,
  tempDataDir,
  type Shell,
} from './harness';

let browser: Browser;
let shell: Shell;
const dataDir = tempDataDir('labs');
beforeAll(async () => {
  browser = await launchBrowser();
  shell = await startShell(dataDir);
});
afterAll(async () => {
  await shell?.stop();
  await browser?.close();
});

async function openLab(page: Page, id: string) {
  await page.goto(`${shell.url}/#/labs/${id}`);
  await page.getByTestId('lab-page').waitFor();
  await page.getByTestId('claims-table').waitFor({ timeout: 30_000 });
}

const measuredOf = (page: Page, claimStart: string) =>
  page
    .getByTestId('claims-table')
    .locator('tr', { hasText: claimStart })
    .locator('td.measured')
    .textContent();

/**
 * Replaces the editor's whole text the way a person would: select all, then paste (a paste event
 * with the text, on the element Monaco listens to). Typing it would trigger auto-indent.
 */
async function setCode(page: Page, code: string) {
  await page.locator('.lab-editor .monaco-editor .view-lines').waitFor();
  await page.locator('.lab-editor .view-lines').click();
  await page.keyboard.press('Control+A');
  // A string, so it runs as page code (this file is type-checked without the DOM's types).
  await page.evaluate(`(() => {
    const data = new DataTransfer();
    data.setData('text/plain', ${JSON.stringify(code)});
    document.activeElement.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  })()`);
}

/** Scrolls the results (summary, visual, charts) to the top of the window for a screenshot. */
async function showResults(page: Page) {
  await page.getByTestId('lab-summary').evaluate((el) => el.scrollIntoView({ block: 'start' }));
}

async function savedEdit(s: Shell, labId: string): Promise<string | null> {
  const res = await s.fetch('/api/labEdit.get', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ labId }),
  });
  const envelope = (await res.json()) as { ok: boolean; value: { code: string } | null };
  return envelope.value?.code ?? null;
}

describe('labs', () => {
  it('lists the built labs, links concepts to them, and keeps the page free of eval', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${shell.url}/#/labs`);
    await page.getByTestId('labs-index').waitFor();
    await expect.poll(() => page.locator('a.lab-card').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('.labs-planned li').count()).toBeGreaterThan(0);
    expect(await page.locator('.labs-planned a').count()).toBe(0);

    await page.goto(`${shell.url}/#/concept/consistent-hashing`);
    await page.getByTestId('concept-page').waitFor();
    await page.locator('a.chip[href="#/labs/consistent-hashing"]').click();
    await page.getByTestId('lab-page').waitFor();

    // The page's own policy has no 'unsafe-eval': eval and new Function throw there.
    expectConsoleErrors(page, /unsafe-eval|Refused to evaluate/);
    // Evaluated in a task of the page's own (not inside the test driver's evaluate, which the
    // inspector lets through), so the page's policy decides.
    await page.evaluate(`setTimeout(() => {
      try {
        new Function('return 1')();
        window.evalOutcome = 'allowed';
      } catch (e) {
        window.evalOutcome = e.name;
      }
    }, 0)`);
    const refused = await page.waitForFunction('window.evalOutcome');
    expect(await refused.jsonValue()).toBe('EvalError');

    const policy = (await shell.fetch('/')).headers.get('content-security-policy');
    expect(policy).not.toContain('unsafe-eval');
    // The sandbox Worker's script comes with its own policy: eval allowed, no network at all.
    const sandboxFile = fs
      .readdirSync(path.join(ROOT, 'dist', 'renderer', 'assets'))
      .find((f) => /^lab-sandbox\.worker-.*\.js$/.test(f));
    expect(sandboxFile).toBeDefined();
    const sandboxPolicy = (await shell.fetch(`/assets/${sandboxFile}`)).headers.get(
      'content-security-policy',
    );
    expect(sandboxPolicy).toContain("'unsafe-eval'");
    expect(sandboxPolicy).toContain("connect-src 'none'");
    await context.close();
  });
});

describe('the consistent-hashing lab', () => {
  it('runs, moves with virtual nodes, and matches labs:claims for the same seed', async () => {
    const { context, page } = await newPage(browser);
    await openLab(page, 'consistent-hashing');
    await page.getByTestId('chart-spread').waitFor();
    await page.getByTestId('ring-visual').waitFor();

    // The same seed and defaults in Node print the same measured values.
    const printed = JSON.parse(
      execFileSync(
        process.execPath,
        ['--import', 'tsx', 'scripts/labs-claims.ts', '--json', '--lab', 'consistent-hashing'],
        {
          cwd: ROOT,
          encoding: 'utf8',
        },
      ),
    ) as { claims: { claim: string; measured: string }[] };
    const moved = printed.claims.find((c) => c.claim.startsWith('When a node joins'))!;
    expect(await measuredOf(page, 'When a node joins')).toBe(moved.measured);
    const spreadBefore = await measuredOf(page, 'Load spread');

    await showResults(page);
    await screenshot(page, 'lab-consistent-hashing-light');

    await page.getByLabel('Virtual nodes per node (V)', { exact: true }).fill('4');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => measuredOf(page, 'Load spread')).not.toBe(spreadBefore);
    const claimRow = page.getByTestId('claims-table').locator('tr', { hasText: 'Load spread' });
    expect(await claimRow.textContent()).toContain('V = 4');
    expect(Number.parseFloat((await measuredOf(page, 'Load spread'))!)).toBeGreaterThan(
      Number.parseFloat(spreadBefore!) * 3,
    );

    const axe = await new AxeBuilder({ page }).exclude('.lab-editor').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help} (${v.nodes[0]?.target.join(' ')})`)).toEqual([]);
    await context.close();
  });

  it('judges an edited version, stops an endless loop, resets, and keeps an edit across a restart', async () => {
    const reference = fs.readFileSync(path.join(ROOT, 'shared/labs/consistent-hashing/impl.ts'), 'utf8');
    const { context, page } = await newPage(browser);
    await openLab(page, 'consistent-hashing');

    // Replicas that may repeat a machine: the property finds it, with a counterexample.
    const sloppy = reference.replace('if (!chosen.includes(node)) chosen.push(node);', 'chosen.push(node);');
    expect(sloppy).not.toBe(reference);
    await setCode(page, sloppy);
    await page.getByRole('button', { name: 'Run my version' }).click();
    const failed = page.locator('[data-property="replicas-distinct"][data-ok="false"]');
    await failed.waitFor({ timeout: 60_000 });
    expect(await failed.textContent()).toMatch(/Counterexample:/);
    expect(await failed.textContent()).toMatch(/repeats a node/);
    expect(await page.locator('[data-property="add-moves-only-to-new"]').getAttribute('data-ok')).toBe(
      'true',
    );
    await page.getByTestId('claims-compare').waitFor();
    await page.getByTestId('property-results').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'lab-consistent-hashing-my-version');

    // A compile error shows with its line number and nothing runs.
    await setCode(page, reference.replace('let h = 0x811c9dc5;', 'let h: string = 0x811c9dc5;'));
    await page.getByRole('button', { name: 'Run my version' }).click();
    await expect
      .poll(() => page.getByTestId('compile-errors').textContent())
      .toMatch(/Line 13, column \d+: Type 'number' is not assignable/);

    // An endless loop: stopped by the watchdog at the limit, while the page keeps responding.
    const endless = reference.replace(
      'export function hash32(text: string): number {',
      'export function hash32(text: string): number {\n  while (true) {}',
    );
    await setCode(page, endless);
    await page.getByLabel('Time limit (s)').fill('3');
    await page.getByRole('button', { name: 'Run my version' }).click();
    await page.locator('.lab-code-bar').getByRole('button', { name: 'Stop' }).waitFor();
    const before = page.getByRole('tab', { name: 'Before' });
    await before.click();
    expect(await before.getAttribute('aria-selected')).toBe('true');
    await page.getByRole('tab', { name: /^After/ }).click();
    expect(await page.getByRole('tab', { name: /^After/ }).getAttribute('aria-selected')).toBe('true');
    await expect
      .poll(() => page.getByTestId('my-run-message').textContent(), { timeout: 30_000 })
      .toContain('Stopped after 3 s');
    await expect.poll(() => savedEdit(shell, 'consistent-hashing')).toBe(endless);

    // Reset to reference forgets the edit.
    await page.getByRole('button', { name: 'Reset to reference' }).click();
    await expect.poll(() => savedEdit(shell, 'consistent-hashing')).toBeNull();

    // An edit survives a restart of the server.
    const marked = reference
      .replace('const RING', 'const RING')
      .replace(
        ' * This file is self-contained',
        ' * Edited in the e2e test.\n * This file is self-contained',
      );
    await setCode(page, marked);
    await expect.poll(() => savedEdit(shell, 'consistent-hashing')).toBe(marked);
    await context.close();
    await shell.stop();
    shell = await startShell(dataDir);
    const again = await newPage(browser);
    await openLab(again.page, 'consistent-hashing');
    await expect
      .poll(async () =>
        (await again.page.locator('.lab-editor .view-lines').textContent())?.replace(/\u00a0/g, ' '),
      )
      .toContain('Edited in the e2e test.');
    expect(await again.page.getByTestId('lab-save-state').textContent()).toBe('Your saved edit.');
    await again.context.close();
  }, 240_000);
});

describe('the Bloom filters and sketches lab', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`shows the bit array, the charts and the claims (${scheme})`, async () => {
      const { context, page } = await newPage(browser, { colorScheme: scheme });
      await openLab(page, 'bloom-sketches');
      await page.getByTestId('bits-visual').waitFor();
      await page.getByTestId('chart-fpr-by-bits').waitFor();
      expect(await page.getByTestId('claims-table').textContent()).toContain('9.59 bits per item');
      await page.getByRole('button', { name: 'Replay' }).waitFor({ timeout: 20_000 });
      await showResults(page);
      await screenshot(page, `lab-bloom-sketches-${scheme}`);
      if (scheme === 'dark') {
        await openLab(page, 'consistent-hashing');
        await page.getByTestId('chart-spread').waitFor();
        await page.getByRole('tab', { name: /^After/ }).click();
        await showResults(page);
        await screenshot(page, 'lab-consistent-hashing-dark');
      }
      const axe = await new AxeBuilder({ page }).exclude('.lab-editor').analyze();
      expect(axe.violations.map((v) => `${v.id}: ${v.help} (${v.nodes[0]?.target.join(' ')})`)).toEqual([]);
      await context.close();
    });
  }
});

describe('the rate-limiter, LSM/B+tree, dedup-pipeline and queue labs', () => {
  const labs = ['rate-limiters', 'lsm-btree', 'dedup-pipeline', 'db-queue'] as const;
  let printed: { lab: string; experiment: string; claim: string; measured: string }[] = [];
  beforeAll(() => {
    printed = (
      JSON.parse(
        execFileSync(process.execPath, ['--import', 'tsx', 'scripts/labs-claims.ts', '--json'], {
          cwd: ROOT,
          encoding: 'utf8',
        }),
      ) as { claims: typeof printed }
    ).claims;
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`each runs in the app with the claims command's numbers, draws its visual, and passes axe (${scheme})`, async () => {
      const { context, page } = await newPage(browser, { colorScheme: scheme });
      for (const id of labs) {
        await openLab(page, id);
        // The first experiment runs on opening; its first claim matches Node's for the same seed
        // (the queue lab runs on sql.js here and on better-sqlite3 there: the same SQLite).
        const first = printed.find((c) => c.lab === id)!;
        expect(first, `labs:claims printed rows for ${id}`).toBeDefined();
        const rows = page.getByTestId('claims-table').locator('tbody tr');
        await expect.poll(() => rows.count()).toBeGreaterThan(0);
        expect(await measuredOf(page, first.claim)).toBe(first.measured);
        await page.locator('.lab-visual svg, .lab-visual [class*="visual"]').first().waitFor();
        await showResults(page);
        await screenshot(page, `lab-${id}-${scheme}`);
        const axe = await new AxeBuilder({ page }).exclude('.lab-editor').analyze();
        expect(
          axe.violations.map((v) => `${id} ${v.id}: ${v.help} (${v.nodes[0]?.target.join(' ')})`),
        ).toEqual([]);
      }
      await context.close();
    }, 180_000);
  }
});
