/**
 * The PDF report is the session page's print view printed by Chromium (page.pdf() here is the same
 * engine as Electron's printToPDF). A finished, scored interview with estimates, a weak pattern
 * and multi-line notes is written through the API; the test reads the PDF's text back.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionState } from '../../shared/api/sessions';
import { evaluateScratchpad } from '../../shared/domain/scratchpad';
import { launchBrowser, newPage, screenshot, startShell, tempDataDir, type Shell } from './harness';
import { pdfText, squash } from './pdf';

let browser: Browser;
let shell: Shell;
let sessionId: string;

async function api<T>(name: string, input: unknown): Promise<T> {
  const res = await shell.fetch(`/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${name}: ${body.error?.message}`);
  return body.value;
}

/** A small board as Excalidraw stores one: boxes with text, joined by an arrow. */
function boardJson(): string {
  const base = { angle: 0, strokeColor: '#1e1e1e', backgroundColor: 'transparent', version: 1 };
  const box = (id: string, x: number, label: string) => [
    { ...base, id, type: 'rectangle', x, y: 0, width: 160, height: 70, seed: x + 1 },
    {
      ...base,
      id: `${id}-t`,
      type: 'text',
      x: x + 20,
      y: 25,
      width: 120,
      height: 20,
      text: label,
      originalText: label,
      fontSize: 16,
      fontFamily: 5,
      textAlign: 'center',
      verticalAlign: 'middle',
      seed: x + 2,
    },
  ];
  return JSON.stringify({
    type: 'excalidraw',
    version: 2,
    elements: [
      ...box('client', 0, 'Client'),
      ...box('api', 260, 'API'),
      ...box('db', 520, 'Database'),
      {
        ...base,
        id: 'a1',
        type: 'arrow',
        x: 160,
        y: 35,
        width: 100,
        height: 0,
        seed: 9,
        points: [
          [0, 0],
          [100, 0],
        ],
      },
    ],
    appState: { viewBackgroundColor: '#ffffff' },
  });
}

const SCRATCH = ['writes = 100M / day to 1/s', 'reads = writes * 100', '182.5e9 * 600 B to TB'].join('\n');
// Long enough that the report runs over several pages, so page breaks are really tested.
const DEEP_DIVE_NOTES = Array.from(
  { length: 40 },
  (_, i) => `Step ${i + 1}: the key generator hands out batch ${i + 1} of 1,000 keys`,
).join('\n');

beforeAll(async () => {
  browser = await launchBrowser();
  shell = await startShell(tempDataDir('report'));
  const s = await api<SessionState>('session.start', {
    problemId: 'url-shortener',
    budgetsMin: { clarify: 5, estimate: 3, design: 7, 'deep-dive': 15, tradeoffs: 5 },
    mutation: false,
  });
  await api('session.save', {
    id: s.id,
    baseRevision: s.revision,
    notes: [
      {
        phase: 'clarify',
        text: 'Read-heavy, 100:1\nCustom aliases: yes\n\n- 301 or 302?\n- Expiry: 5 years',
      },
      { phase: 'deep-dive', text: DEEP_DIVE_NOTES },
    ],
    scene: { json: boardJson(), elementCount: 7, version: 1 },
    scratchpad: { text: SCRATCH, results: evaluateScratchpad(SCRATCH) },
  });
  await api('session.control', { id: s.id, action: 'end' });
  // Deep but unscoped: a seeded weak pattern, so the report has a warning to show.
  await api('score.save', {
    sessionId: s.id,
    profileId: 'balanced',
    levels: { requirements: 2, design: 3, depth: 4, tradeoffs: 2, communication: 3 },
    evidence: {
      requirements: 'Asked about scale.\nDid not ask about analytics.',
      design: 'Client → API → DB by minute 10.',
      depth: 'KGS batch refill.',
      tradeoffs: '',
      communication: 'Checked in before each phase.',
    },
    checklist: [0],
  });
  sessionId = s.id;
});
afterAll(async () => {
  await shell?.stop();
  await browser?.close();
});

describe('the PDF report', () => {
  it('prints the session page with the scores, warnings, estimate table and notes', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${shell.url}/#/session/${sessionId}/review`);
    await page.getByTestId('export-pdf').click();
    const report = page.locator('[data-testid="report-page"][data-ready="true"]');
    await report.waitFor();
    await page.getByTestId('report-board').locator('svg').waitFor();
    // Notes keep their line breaks on screen as well.
    expect(await page.getByTestId('report-notes').locator('br').count()).toBeGreaterThan(30);
    expect(await page.title()).toMatch(/^tradeoff-url-shortener-\d{4}-\d{2}-\d{2}$/);
    await screenshot(page, 'report-light');

    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    const flat = squash(text);
    const has = (phrase: string) => expect(flat).toContain(squash(phrase));
    has('URL shortener');
    has('Weighted score 2.85 / 4 — Lean hire');
    for (const dimension of ['Requirements and scoping', 'High-level design', 'Trade-offs and decisions']) {
      has(dimension);
    }
    has('Did not ask about analytics.');
    // The warnings, by their titles.
    has('Deep, but light on requirements or trade-offs');
    // The estimate comparison table: its header, a reference figure and the user's line.
    has('Reference figure');
    has('Average creates');
    has('writes = 100M / day to 1/s');
    has('Step 40: the key generator hands out batch 40');
    // Paper is not the screen: the toolbar is not printed.
    expect(flat).not.toContain(squash('Save as PDF'));

    // Several pages, and no page ends on a heading (its section starts on the next page).
    const pages = text.split('\f');
    expect(pages.length).toBeGreaterThan(1);
    const headings = await page.locator('.report h2, .report h3').allTextContents();
    for (const p of pages.slice(0, -1)) {
      const lines = p
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      expect(headings).not.toContain(lines.at(-1));
    }

    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'report-dark');
    await page.setViewportSize({ width: 1024, height: 700 });
    await screenshot(page, 'report-dark-1024');
    await page.emulateMedia({ colorScheme: 'light' });
    await screenshot(page, 'report-light-1024');
    await context.close();
  });

  it('keeps note line breaks on the session page', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${shell.url}/#/session/${sessionId}/review`);
    await page.getByTestId('session-review').waitFor();
    const clarify = page.locator('.card', { has: page.locator('h3', { hasText: /^Clarify$/ }) });
    await clarify.waitFor();
    // "Read-heavy, 100:1" and "Custom aliases: yes" were typed on two lines: a <br> between them.
    expect(await clarify.locator('p br').count()).toBe(1);
    expect(await clarify.locator('li').count()).toBe(2);
    await context.close();
  });
});
