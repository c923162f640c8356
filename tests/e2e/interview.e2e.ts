/**
 * The timed mock interview end to end: the whole flow, a crash (SIGKILL of the web shell) with
 * resume, and a reload mid-phase. Waits are on what the app shows, never on the clock.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionState } from '../../shared/api/sessions';
import { computeTimer } from '../../shared/domain/timer';
import {
  expectConsoleErrors,
  launchBrowser,
  newPage,
  screenshot,
  startShell,
  tempDataDir,
  type Shell,
} from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function api<T>(shell: Shell, name: string, input: unknown): Promise<T> {
  const res = await shell.fetch(`/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!body.ok) throw new Error(body.error?.message);
  return body.value;
}

async function startInterview(page: Page, shell: Shell, problemId = 'url-shortener'): Promise<string> {
  await page.goto(`${shell.url}/#/problem/${problemId}`);
  await page.getByTestId('start-interview').click();
  await page.getByTestId('interview').waitFor();
  await page.locator('.excalidraw canvas').first().waitFor();
  const id = /#\/session\/([a-z0-9-]+)/.exec(page.url())?.[1];
  expect(id).toBeDefined();
  return id!;
}

/** Draws with Excalidraw's own tools: pick the tool in its toolbar, then drag with the mouse. */
async function draw(page: Page, tool: 'rectangle' | 'arrow', from: [number, number], to: [number, number]) {
  const canvas = page.locator('.excalidraw .excalidraw__canvas.interactive');
  const box = (await canvas.boundingBox())!;
  const before = await elementCount(page);
  await page.getByTestId(`toolbar-${tool}`).locator('..').click(); // the icon label over the radio
  await page.mouse.move(box.x + from[0], box.y + from[1]);
  await page.mouse.down();
  await page.mouse.move(box.x + (from[0] + to[0]) / 2, box.y + (from[1] + to[1]) / 2, { steps: 4 });
  await page.mouse.move(box.x + to[0], box.y + to[1], { steps: 4 });
  await page.mouse.up();
  await expect.poll(() => elementCount(page)).toBeGreaterThan(before);
}

async function waitSaved(page: Page) {
  await page.locator('[data-testid="save-status"][data-state="saved"]').waitFor();
}

async function elementCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('whiteboard').getAttribute('data-element-count'));
}

describe('timed mock interview', () => {
  it('runs the whole flow and stores scene, notes, transcript, calculations and phase timestamps', async () => {
    const shell = await startShell(tempDataDir('interview'));
    try {
      const { context, page } = await newPage(browser);
      const id = await startInterview(page, shell);

      // Ask a clarifying question and get the authored answer.
      await page.getByTestId('ask-input').fill('should links expire?');
      await page.getByRole('button', { name: 'Ask' }).click();
      const answer = page.locator('.bubble.interviewer.answer').last();
      await answer.waitFor();
      const detail = await api<{ problem: { clarifyingQuestions: { answer: string }[] } }>(
        shell,
        'problem.get',
        {
          id: 'url-shortener',
        },
      );
      const authored = detail.problem.clarifyingQuestions.map((q) => q.answer);
      expect(authored).toContain(await answer.textContent());
      expect(await answer.textContent()).toMatch(/TTL|expir/i);

      // Draw two shapes and an arrow between them with the mouse.
      await draw(page, 'rectangle', [260, 260], [420, 340]);
      await draw(page, 'rectangle', [560, 260], [720, 340]);
      await draw(page, 'arrow', [425, 300], [555, 300]);
      expect(await elementCount(page)).toBe(3);

      // The whiteboard exports as PNG and SVG, made in the page with no network.
      const [png] = await Promise.all([
        page.waitForEvent('download'),
        page
          .getByTestId('export')
          .click()
          .then(() => page.getByTestId('export-png').click()),
      ]);
      const pngBytes = fs.readFileSync((await png.path())!);
      expect(pngBytes.subarray(1, 4).toString()).toBe('PNG');
      const [svg] = await Promise.all([
        page.waitForEvent('download'),
        page
          .getByTestId('export')
          .click()
          .then(() => page.getByTestId('export-svg').click()),
      ]);
      expect(fs.readFileSync((await svg.path())!, 'utf8')).toContain('<svg');
      expect(svg.suggestedFilename()).toBe('url-shortener-whiteboard.svg');

      // Notes for the clarify phase.
      await page.getByRole('tab', { name: 'Notes' }).click();
      await page.getByTestId('notes').fill('- Links can carry a TTL\n- 100M new links a day, 100:1 reads');

      // An estimate with units.
      await page.getByRole('tab', { name: 'Estimates' }).click();
      await page.getByTestId('scratchpad').fill('100M / day to 1/s\n182.5e9 * 600 B to TB');
      await page.getByText('= 1,157 /s').waitFor();
      await page.getByText('= 109.5 TB').waitFor();
      await waitSaved(page);
      await screenshot(page, 'interview-light');

      // Through every phase with the button, then the keyboard for the last step.
      for (const next of ['Estimate', 'High-level design', 'Deep dive']) {
        await page.getByRole('button', { name: `Next: ${next}` }).click();
        await page.locator(`.step.current .step-name`, { hasText: next }).waitFor();
      }
      await page.keyboard.press('Alt+KeyN');
      await page.locator('.step.current .step-name', { hasText: 'Trade-offs' }).waitFor();
      await page.getByRole('tab', { name: 'Interviewer' }).click();
      expect(await page.locator('.bubble[data-kind="follow-up"]').count()).toBe(2);

      await page.getByRole('button', { name: 'End interview' }).click();
      await page.getByTestId('confirm-end').click();
      await page.getByTestId('session-review').waitFor();
      await page.getByTestId('estimate-comparison').waitFor();
      expect(await page.getByTestId('estimate-comparison').textContent()).toContain('close');
      await screenshot(page, 'review-light');
      // Figures never computed say so; none is judged "off" against a line meant for another.
      const comparison = page.getByTestId('estimate-comparison');
      expect(await comparison.locator('tr[data-verdict="not-computed"]').count()).toBeGreaterThan(0);
      expect(await comparison.locator('tr[data-verdict="off"]').count()).toBe(0);
      expect(await comparison.locator('tr[data-verdict="close"]').count()).toBe(2);
      await comparison.scrollIntoViewIfNeeded();
      await screenshot(page, 'review-estimates');
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.setViewportSize({ width: 1024, height: 700 });
      await comparison.scrollIntoViewIfNeeded();
      await screenshot(page, 'review-estimates-1024-dark');
      await page.emulateMedia({ colorScheme: 'light' });
      await page.setViewportSize({ width: 1280, height: 800 });

      const stored = await api<SessionState>(shell, 'session.get', { id });
      expect(stored.status).toBe('ended');
      const elements = (JSON.parse(stored.scene!.json) as { elements: { type: string }[] }).elements;
      expect(elements.filter((e) => e.type === 'rectangle')).toHaveLength(2);
      expect(elements.filter((e) => e.type === 'arrow')).toHaveLength(1);
      expect(stored.notes.clarify).toContain('Links can carry a TTL');
      expect(stored.scratchpad?.results.map((r) => r.output)).toEqual(['1,157 /s', '109.5 TB']);
      expect(stored.transcript.map((t) => t.kind)).toEqual(
        expect.arrayContaining(['opening', 'question', 'answer', 'follow-up']),
      );
      expect(stored.events.map((e) => `${e.kind}:${e.phase}`)).toEqual([
        'start:clarify',
        'phase:estimate',
        'phase:design',
        'phase:deep-dive',
        'phase:tradeoffs',
        'end:tradeoffs',
      ]);
      expect(stored.snapshotCount).toBeGreaterThan(0);
      expect((page as unknown as { errors: string[] }).errors).toEqual([]);
      await context.close();
    } finally {
      await shell.stop();
    }
  });

  it('survives a killed server: offers resume, keeps the board and notes, and the clock is right', async () => {
    const dataDir = tempDataDir('crash');
    let shell = await startShell(dataDir);
    const { context, page } = await newPage(browser);
    const id = await startInterview(page, shell);
    await page.locator('[data-shape="load-balancer"]').click();
    await page.locator('[data-shape="api-server"]').click();
    await page.locator('[data-shape="database"]').click();
    await page.getByRole('tab', { name: 'Notes' }).click();
    await page.getByTestId('notes').fill('Read-heavy: 100:1. Cache the hot 20%.');
    await waitSaved(page);
    const boardBefore = await elementCount(page);
    expect(boardBefore).toBeGreaterThanOrEqual(6); // three shapes, each with its label

    // Killing the server cuts the page's open event stream: the browser logs that, as it should.
    expectConsoleErrors(page, /net::ERR_INCOMPLETE_CHUNKED_ENCODING|net::ERR_CONNECTION_REFUSED/);
    await shell.stop('SIGKILL');
    shell = await startShell(dataDir);
    try {
      await page.goto(shell.url);
      await page.getByTestId('resume-banner').waitFor();
      expect(await page.getByTestId('resume-banner').textContent()).toContain('URL shortener');
      await page.getByTestId('resume').click();
      await page.getByTestId('interview').waitFor();
      await page.getByTestId('whiteboard').waitFor();
      await expect.poll(() => elementCount(page)).toBe(boardBefore);
      await page.getByRole('tab', { name: 'Notes' }).click();
      expect(await page.getByTestId('notes').inputValue()).toBe('Read-heavy: 100:1. Cache the hot 20%.');

      // The clock is computed from stored events: it matches the server's own computation.
      const stored = await api<SessionState>(shell, 'session.get', { id });
      const expected = computeTimer(stored.events, stored.budgetsMin, stored.serverNowMs);
      const shownText = (await page.getByTestId('phase-clock').textContent())!;
      const [m, s] = shownText.split(':').map(Number);
      const shownMs = (m! * 60 + s!) * 1000;
      expect(Math.abs(shownMs - expected.phases[0]!.remainingMs)).toBeLessThan(5000);
    } finally {
      await context.close();
      await shell.stop();
    }
  });

  it('keeps the phase and the remaining time across a reload', async () => {
    const shell = await startShell(tempDataDir('reload'));
    try {
      const { context, page } = await newPage(browser, { colorScheme: 'dark' });
      const id = await startInterview(page, shell);
      await page.getByRole('button', { name: 'Next: Estimate' }).click();
      await page.locator('.step.current .step-name', { hasText: 'Estimate' }).waitFor();
      await page.getByRole('button', { name: 'Pause' }).click();
      await page.getByRole('button', { name: 'Resume' }).first().waitFor();
      const before = await page.getByTestId('phase-clock').textContent();
      await screenshot(page, 'interview-dark');
      await page.reload();
      await page.getByTestId('interview').waitFor();
      expect(await page.getByTestId('interview').getAttribute('data-phase')).toBe('estimate');
      expect(await page.getByTestId('interview').getAttribute('data-paused')).toBe('true');
      // Paused: the remaining time is exactly what it was before the reload.
      expect(await page.getByTestId('phase-clock').textContent()).toBe(before);
      const stored = await api<SessionState>(shell, 'session.get', { id });
      expect(stored.events.map((e) => e.kind)).toEqual(['start', 'phase', 'pause']);
      await context.close();
    } finally {
      await shell.stop();
    }
  });
});

describe('the clock', () => {
  it('nudges when a phase budget ends and shows overtime plainly', async () => {
    const shell = await startShell(tempDataDir('nudge'));
    try {
      const { context, page } = await newPage(browser);
      // The page's clock is under test control; the app derives time from it plus stored events.
      await page.clock.install();
      await page.goto(`${shell.url}/#/problem/url-shortener`);
      await page.getByLabel('Clarify minutes').fill('1');
      await page.getByTestId('start-interview').click();
      await page.getByTestId('interview').waitFor();
      expect(await page.getByTestId('nudge').count()).toBe(0);
      await page.clock.fastForward('01:30');
      await page.getByTestId('nudge').waitFor();
      expect(await page.getByTestId('nudge').textContent()).toContain('Clarify’s 1 minute is up');
      await expect
        .poll(async () => page.getByTestId('phase-clock').textContent())
        .toMatch(/^\+0:(29|3\d) over$/);
      await screenshot(page, 'interview-overtime');
      await page.getByRole('button', { name: 'OK' }).click();
      await expect.poll(() => page.getByTestId('nudge').count()).toBe(0);
      await context.close();
    } finally {
      await shell.stop();
    }
  });

  it('does not count the time the app was closed: it resumes from the last saved moment', async () => {
    const dataDir = tempDataDir('closed');
    let shell = await startShell(dataDir);
    const { context, page } = await newPage(browser);
    // Killing the server cuts the page's event stream and refuses its calls until it is back.
    expectConsoleErrors(page, /net::ERR_INCOMPLETE_CHUNKED_ENCODING|net::ERR_CONNECTION_REFUSED/);
    const id = await startInterview(page, shell);
    await page.getByRole('tab', { name: 'Notes' }).click();
    await page.getByTestId('notes').fill('Ask about custom aliases after lunch.');
    await waitSaved(page);
    const remainingMs = async () => {
      const [m, s] = (await page.getByTestId('phase-clock').textContent())!.split(':').map(Number);
      return (m! * 60 + s!) * 1000;
    };
    const before = await remainingMs();
    await shell.stop('SIGKILL');

    // Two hours pass with the app closed: every stored moment moves two hours into the past, as if
    // the interview had been started and last saved then.
    const closedMs = 2 * 60 * 60_000;
    const db = new Database(path.join(dataDir, 'tradeoff.db'));
    db.transaction(() => {
      db.prepare(
        'UPDATE sessions SET created_at_ms = created_at_ms - ?, updated_at_ms = updated_at_ms - ?',
      ).run(closedMs, closedMs);
      for (const table of ['session_events', 'transcript'])
        db.prepare(`UPDATE ${table} SET at_ms = at_ms - ?`).run(closedMs);
      for (const table of ['session_notes', 'session_scene', 'session_scratchpad'])
        db.prepare(`UPDATE ${table} SET updated_at_ms = updated_at_ms - ?`).run(closedMs);
    })();
    db.close();

    shell = await startShell(dataDir);
    try {
      await page.goto(shell.url);
      const away = page.getByTestId('resume-away');
      await away.waitFor();
      expect(await away.textContent()).toContain('2 hours');
      await screenshot(page, 'resume-banner-closed-time');
      const small = await newPage(browser, { colorScheme: 'dark', width: 1024, height: 700 });
      await small.page.goto(shell.url);
      await small.page.getByTestId('resume-away').waitFor();
      await screenshot(small.page, 'resume-banner-closed-time-1024-dark');
      await small.context.close();
      await page.getByTestId('resume').click();
      await page.getByTestId('interview').waitFor();
      expect(await page.getByTestId('away-notice').textContent()).toContain('2 hours');
      await screenshot(page, 'interview-welcome-back');
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.setViewportSize({ width: 1024, height: 700 });
      await screenshot(page, 'interview-welcome-back-1024-dark');
      // Not two hours over: the phase has what it had when the app was closed, give or take seconds.
      expect(Math.abs((await remainingMs()) - before)).toBeLessThan(15_000);
      const stored = await api<SessionState>(shell, 'session.get', { id });
      expect(stored.events.map((e) => e.kind)).toEqual(['start', 'pause', 'resume']);
      const timer = computeTimer(stored.events, stored.budgetsMin, stored.serverNowMs);
      expect(timer.elapsedMs).toBeLessThan(60_000);
      await page.getByRole('button', { name: 'OK' }).click();
      await expect.poll(() => page.getByTestId('away-notice').count()).toBe(0);
    } finally {
      await context.close();
      await shell.stop();
    }
  });
});
