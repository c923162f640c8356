/**
 * Accessibility (issue 9, item 11): axe-core runs on every main screen, light and dark, and finds
 * nothing — every rule axe runs by default (WCAG A/AA and best practices such as heading order, one
 * `main` landmark and an `h1`). Each screen is checked once it shows its content; the violations of
 * all screens are reported together so one run shows everything to fix.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSessions } from '../helpers/seed';
import { launchBrowser, newPage, startShell, tempDataDir, type Shell } from './harness';

let browser: Browser;
let shell: Shell;
let scoredId: string;
beforeAll(async () => {
  const dir = tempDataDir('a11y');
  // Six scored interviews: history has rows and trends has lines to draw.
  scoredId = seedSessions(dir, 6).firstId;
  browser = await launchBrowser();
  shell = await startShell(dir);
});
afterAll(async () => {
  await shell?.stop();
  await browser?.close();
});

interface Screen {
  name: string;
  /** Opens the screen and waits until its content is there. */
  open: (page: Page) => Promise<void>;
}

const goto = async (page: Page, hash: string, ready: string) => {
  await page.goto(`${shell.url}/#${hash}`);
  await page.locator(ready).first().waitFor();
};

/** An ended interview without a score: its review shows the score form. */
let unscoredId = '';
const SCREENS: Screen[] = [
  { name: 'library', open: (p) => goto(p, '/', '[data-testid="library-item"]') },
  { name: 'problem', open: (p) => goto(p, '/problem/url-shortener', '[data-testid="problem-page"]') },
  {
    name: 'interview',
    open: async (p) => {
      await goto(p, '/problem/url-shortener', '[data-testid="start-interview"]');
      await p.getByTestId('start-interview').click();
      await p.getByTestId('interview').waitFor();
      await p.locator('.excalidraw canvas').first().waitFor();
      unscoredId = /#\/session\/([a-z0-9-]+)/.exec(p.url())![1]!;
    },
  },
  {
    name: 'scoring',
    open: async (p) => {
      if (!unscoredId) throw new Error('the interview screen runs first and leaves an interview to end');
      await goto(p, `/session/${unscoredId}`, '[data-testid="interview"]');
      await p.keyboard.press('Alt+KeyE');
      await p.getByTestId('confirm-end').click();
      await p.getByTestId('score-form').waitFor();
      unscoredId = '';
    },
  },
  { name: 'session', open: (p) => goto(p, `/session/${scoredId}/review`, '[data-testid="session-review"]') },
  { name: 'history', open: (p) => goto(p, '/history', '[data-testid="history-row"]') },
  { name: 'trends', open: (p) => goto(p, '/trends', '[data-testid="dimension-chart"] svg') },
  { name: 'settings', open: (p) => goto(p, '/settings', 'table tbody tr') },
  { name: 'packs', open: (p) => goto(p, '/packs', '[data-testid="pack-row"]') },
  {
    name: 'question',
    open: (p) => goto(p, '/question/arch-kafka-exactly-once', '[data-testid="question-page"]'),
  },
  { name: 'drill', open: (p) => goto(p, '/drill/drill-est-photos', '[data-testid="drill-page"]') },
  { name: 'concept', open: (p) => goto(p, '/concept/consistent-hashing', '[data-testid="concept-page"]') },
];

function describeViolations(screen: string, results: Awaited<ReturnType<AxeBuilder['analyze']>>): string[] {
  return results.violations.map(
    (v) =>
      `${screen}: ${v.id} (${v.impact}) ${v.help}\n` +
      v.nodes
        .slice(0, 4)
        .map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1, 2).join('') ?? ''}`)
        .join('\n'),
  );
}

describe('accessibility', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`has no axe violations on any main screen (${scheme})`, async () => {
      const { context, page } = await newPage(browser, { colorScheme: scheme });
      const found: string[] = [];
      for (const screen of SCREENS) {
        await screen.open(page);
        // Animations (the chart lines, the dialog) finish first, so colours are the final ones.
        await page
          .locator('body')
          .evaluate((b) =>
            Promise.all(
              b.ownerDocument.getAnimations().map((a: { finished: Promise<unknown> }) => a.finished),
            ),
          );
        const results = await new AxeBuilder({ page }).analyze();
        found.push(...describeViolations(screen.name, results));
      }
      expect(found.join('\n')).toBe('');
      await context.close();
    });
  }
});
