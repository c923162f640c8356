/**
 * Evidence-first scoring and the replay, end to end: the rubric beside the board, notes, transcript
 * and follow-ups; a follow-up answered in the panel lands in the transcript; scoring with the
 * keyboard only (arrow keys on each level radio group); replay play/pause on a controlled page
 * clock, with the phase markers on the slider's time axis.
 *
 * The interview is recorded beforehand through the real back end with a clock run forward (a
 * 38-minute interview with realistic phase times and snapshots), then the web shell opens that folder.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionState, TranscriptEntry } from '../../shared/api/sessions';
import { backend, call, closeBackend } from '../helpers/backend';
import { focused } from './focus';
import { launchBrowser, newPage, screenshot, startShell, tempDataDir, type Shell } from './harness';

const MIN = 60_000;
let browser: Browser;
let shell: Shell;
let sessionId: string;
let followUps: TranscriptEntry[];

/** A board of `n` labelled boxes joined left to right by arrows, as Excalidraw stores it. */
function boardJson(n: number): string {
  const elements = Array.from({ length: n }, (_, i) => {
    const arrow = i % 2 === 1;
    const x = Math.floor(i / 2) * 260 + (arrow ? 170 : 0);
    const y = (Math.floor(i / 8) % 2) * 160;
    return {
      id: `el-${i}`,
      type: arrow ? 'arrow' : 'rectangle',
      x,
      y: y + (arrow ? 35 : 0),
      width: arrow ? 80 : 160,
      height: arrow ? 0 : 70,
      ...(arrow
        ? {
            points: [
              [0, 0],
              [80, 0],
            ],
          }
        : {}),
      strokeColor: '#1e1e1e',
      backgroundColor: arrow ? 'transparent' : '#a5d8ff',
      fillStyle: 'solid',
      version: 1,
      versionNonce: i + 1,
      seed: i + 1,
    };
  });
  return JSON.stringify({ type: 'excalidraw', version: 2, elements, appState: {} });
}

/** Records a whole interview through the back end, minute by minute, and ends it. */
async function recordInterview(dataDir: string): Promise<SessionState> {
  let clock = new Date(2026, 2, 2, 10, 0, 0).getTime();
  const { b } = backend(dataDir, { now: () => clock });
  const s = await call<SessionState>(b, 'session.start', {
    problemId: 'url-shortener',
    budgetsMin: { clarify: 5, estimate: 4, design: 8, 'deep-dive': 16, tradeoffs: 5 },
    mutation: true,
  });
  let revision = 0;
  const save = async (input: object) => {
    const out = await call<{ revision: number }>(b, 'session.save', {
      id: s.id,
      baseRevision: revision,
      ...input,
    });
    revision = out.revision;
  };
  const board = (elements: number) => ({
    scene: { json: boardJson(elements), elementCount: elements, version: elements },
  });
  const next = () => call(b, 'session.control', { id: s.id, action: 'next' });

  clock += 1 * MIN;
  await call(b, 'session.ask', { id: s.id, question: 'How many new links a day should we plan for?' });
  clock += 2 * MIN;
  await save({ notes: [{ phase: 'clarify', text: '- 100M new links a day\n- reads 100:1 writes' }] });
  await save(board(2));
  clock += 2 * MIN;
  await next(); // estimate, at 5:00
  clock += 3 * MIN;
  await save({ notes: [{ phase: 'estimate', text: '~1,200 writes/s, ~120k reads/s at peak' }] });
  await save(board(4));
  clock += 1 * MIN;
  await next(); // design, at 9:00
  clock += 6 * MIN;
  await save({ notes: [{ phase: 'design', text: 'Client → API → KGS → DB, cache in front of reads' }] });
  await save(board(6));
  clock += 2 * MIN;
  await next(); // deep dive, at 17:00: a follow-up and a constraint change
  clock += 13 * MIN;
  await save(board(8));
  clock += 3 * MIN;
  await next(); // trade-offs, at 33:00: a second follow-up
  clock += 5 * MIN;
  const ended = await call<SessionState>(b, 'session.control', { id: s.id, action: 'end' });
  // Snapshots taken while drawing are compressed off the save path: wait until they have landed.
  // 4 while drawing, 5 at the phase changes and the end.
  const snapshots = () => call<{ atMs: number }[]>(b, 'session.snapshots', { id: s.id });
  while ((await snapshots()).length < 9) await new Promise((r) => setImmediate(r));
  closeBackend(b);
  return ended;
}

beforeAll(async () => {
  const dir = tempDataDir('scoring-evidence');
  const ended = await recordInterview(dir);
  sessionId = ended.id;
  followUps = ended.transcript.filter((t) => t.kind === 'follow-up' || t.kind === 'mutation');
  expect(followUps.length).toBe(3);
  browser = await launchBrowser();
  shell = await startShell(dir);
});
afterAll(async () => {
  await shell?.stop();
  await browser?.close();
});

const errorsOf = (page: Page) => (page as Page & { errors?: string[] }).errors ?? [];
const elementCount = async (page: Page) =>
  Number(await page.getByTestId('whiteboard').getAttribute('data-element-count'));
async function openReview(page: Page) {
  await page.goto(`${shell.url}/#/session/${sessionId}/review`);
  await page.getByTestId('scoring-view').waitFor();
}

describe('evidence-first scoring', () => {
  it('puts the board, notes, transcript and follow-ups beside the rubric (light, dark, two sizes)', async () => {
    for (const [width, height] of [
      [1280, 800],
      [1024, 700],
    ] as const) {
      for (const scheme of ['light', 'dark'] as const) {
        const { context, page } = await newPage(browser, { colorScheme: scheme, width, height });
        await openReview(page);
        const evidence = page.getByTestId('evidence');
        // The board opens first, as a picture scaled to fit its box.
        const img = evidence.getByTestId('evidence-board').getByRole('img');
        await img.waitFor();
        expect(await img.getAttribute('aria-label')).toBe('Your final whiteboard, 8 elements');
        await expect.poll(async () => (await img.boundingBox())?.width ?? 0).toBeGreaterThan(100);
        const box = (await img.boundingBox())!;
        const frame = (await evidence.getByTestId('evidence-board').boundingBox())!;
        expect(box.width).toBeLessThanOrEqual(frame.width + 0.5);
        expect(box.height).toBeLessThanOrEqual(frame.height + 0.5);
        // The rubric shows one dimension at a time, beside the evidence.
        expect(await page.locator('[data-dimension]').count()).toBe(1);
        await screenshot(page, `scoring-evidence-board-${scheme}-${width}x${height}`);
        await evidence.getByRole('tab', { name: 'Notes' }).click();
        await evidence.getByText('100M new links a day').waitFor();
        await evidence.getByRole('tab', { name: /Follow-ups/ }).click();
        await evidence.getByTestId('follow-ups').waitFor();
        await screenshot(page, `scoring-evidence-follow-ups-${scheme}-${width}x${height}`);
        await page.getByRole('button', { name: 'All at once' }).click();
        expect(await page.locator('[data-dimension]').count()).toBe(5);
        await page.getByRole('button', { name: 'One at a time' }).click();
        expect(errorsOf(page)).toEqual([]);
        await context.close();
      }
    }
  });

  it('answers a follow-up in the panel, and the answer appears in the transcript', async () => {
    const { context, page } = await newPage(browser);
    await openReview(page);
    const evidence = page.getByTestId('evidence');
    await evidence.getByRole('tab', { name: 'Follow-ups (3)' }).click();
    const [first, second] = followUps;
    const card = evidence.locator(`[data-follow-up="${first!.id}"]`);
    const answer = 'Hash the long URL into a shard; hot links sit in a read-through cache with a 24 h TTL.';
    await card.getByRole('textbox', { name: first!.text }).fill(answer);
    await card.getByRole('button', { name: 'Save answer' }).click();
    await card.getByRole('status').waitFor();
    expect(await card.locator('.addressed-badge').textContent()).toBe('Addressed');
    await evidence.getByRole('tab', { name: 'Follow-ups (2)' }).waitFor();

    // Another covered in the interview: marked without a typed answer.
    await evidence
      .locator(`[data-follow-up="${second!.id}"]`)
      .getByRole('checkbox', { name: 'Addressed' })
      .check();
    await evidence.getByRole('tab', { name: 'Follow-ups (1)' }).waitFor();

    // In the evidence transcript, right after its question, and in the page's transcript.
    await evidence.getByRole('tab', { name: 'Transcript' }).click();
    const reply = evidence.locator(`[data-reply-to="${first!.id}"]`);
    await reply.waitFor();
    expect(await reply.textContent()).toContain(answer);
    expect(await reply.textContent()).toContain('answered after the interview');
    // Right after its question.
    expect(
      await evidence.locator(`[data-entry="${first!.id}"] + [data-reply-to="${first!.id}"]`).count(),
    ).toBe(1);
    const pageTranscript = page.getByRole('region', { name: 'Transcript' });
    expect(await pageTranscript.textContent()).toContain(answer);

    // Stored with the session: still there after a reload.
    await page.reload();
    await page.getByTestId('scoring-view').waitFor();
    expect(await page.getByRole('region', { name: 'Transcript' }).textContent()).toContain(answer);
    await page.getByTestId('evidence').getByRole('tab', { name: 'Follow-ups (1)' }).click();
    expect(
      await page
        .locator(`[data-follow-up="${first!.id}"]`)
        .getByRole('textbox', { name: first!.text })
        .inputValue(),
    ).toBe(answer);
    expect(errorsOf(page)).toEqual([]);
    await context.close();
  });

  it('scores with the keyboard only: arrow keys on each radio group, Next moves focus on', async () => {
    const { context, page } = await newPage(browser, { width: 1024, height: 700 });
    await openReview(page);
    // Tab into the rubric: the first level group is a single tab stop.
    for (let i = 0; i < 80 && (await focused(page)).role !== 'radio'; i++) await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ role: 'radio', dimension: 'requirements', level: '1' });
    const group = page.getByRole('radiogroup', { name: /Requirements and scoping/ });
    expect(await group.locator('[tabindex="0"]').count()).toBe(1);

    // Wanted: requirements 3, design 2, depth 4 (Left wraps round from 1), trade-offs 3, communication 2.
    const keys: Record<string, string[]> = {
      requirements: ['ArrowRight', 'ArrowRight'],
      design: ['ArrowDown'],
      depth: ['ArrowLeft'],
      tradeoffs: ['ArrowRight', 'ArrowRight', 'ArrowLeft', 'ArrowRight'],
      communication: ['ArrowRight'],
    };
    const wanted: Record<string, string> = {
      requirements: '3',
      design: '2',
      depth: '4',
      tradeoffs: '3',
      communication: '2',
    };
    const dims = Object.keys(keys);
    for (const [i, dim] of dims.entries()) {
      expect((await focused(page)).dimension).toBe(dim);
      for (const key of keys[dim]!) await page.keyboard.press(key);
      // The choice follows focus, and it is the group's only tab stop.
      expect(await focused(page)).toMatchObject({ role: 'radio', dimension: dim, level: wanted[dim] });
      const checked = page.locator(`[data-dimension="${dim}"] [role="radio"][aria-checked="true"]`);
      expect(await checked.getAttribute('data-level')).toBe(wanted[dim]);
      expect(await page.locator(`[data-dimension="${dim}"] [role="radio"][tabindex="0"]`).count()).toBe(1);
      await page.keyboard.press('Tab');
      expect(await focused(page)).toMatchObject({ tag: 'TEXTAREA', dimension: dim });
      await page.keyboard.type(`Keyboard evidence for ${dim}.`);
      if (i === dims.length - 1) break;
      // Tab to Next (Previous comes first once it is enabled), then Enter.
      while ((await focused(page)).text !== 'Next →') await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
    }
    // The visible focus ring is drawn on a focused level card.
    await page.keyboard.press('Shift+Tab');
    const outline = await page.evaluate<string>('getComputedStyle(document.activeElement).outlineStyle');
    expect(outline).toBe('solid');
    await screenshot(page, 'scoring-keyboard-1024x700');

    for (let i = 0; i < 40 && (await focused(page)).testId !== 'save-score'; i++)
      await page.keyboard.press('Tab');
    expect((await focused(page)).testId).toBe('save-score');
    await page.keyboard.press('Enter');
    await page.getByTestId('score-result').waitFor();
    // 3×20 + 2×25 + 4×25 + 3×20 + 2×10 = 290 → 2.90
    expect(await page.getByTestId('weighted').textContent()).toBe('2.90');
    expect(await page.getByTestId('score-result').textContent()).toContain('Keyboard evidence for depth.');
    expect(errorsOf(page)).toEqual([]);
    await context.close();
  });
});

describe('replay', () => {
  it('plays and pauses on the page clock, with phase markers on the slider’s time axis', async () => {
    const { context, page } = await newPage(browser);
    await page.clock.install();
    await page.goto(`${shell.url}/#/session/${sessionId}/review`);
    const replay = page.getByTestId('replay');
    await replay.waitFor();
    await expect.poll(() => elementCount(page)).toBe(8);
    const slider = page.getByTestId('replay-slider');
    const position = page.getByTestId('replay-position');
    await expect.poll(() => position.textContent()).toMatch(/^Final board · 38:00 in/);
    const stepMs = Number(await replay.getAttribute('data-step-ms'));
    const handled = async () => Number(await replay.getAttribute('data-answers-handled'));
    // From here on, time moves only when the test says so.
    await page.clock.pauseAt((await page.evaluate<number>('Date.now()')) + 1000);

    // Phase markers: one per phase, in order, at their start times.
    const markers = page.locator('.phase-marker');
    const attrs = async (name: string) => Promise.all((await markers.all()).map((m) => m.getAttribute(name)));
    expect(await attrs('data-phase')).toEqual(['clarify', 'estimate', 'design', 'deep-dive', 'tradeoffs']);
    expect((await attrs('data-offset-ms')).map(Number)).toEqual([0, 5 * MIN, 9 * MIN, 17 * MIN, 33 * MIN]);
    // Same axis: going to a phase puts the thumb exactly under its marker.
    let h = await handled();
    await page.getByRole('button', { name: /^Go to High-level design/ }).click();
    await expect.poll(handled).toBe(h + 1);
    expect(Number(await slider.inputValue())).toBe(9 * MIN);
    // Where the range's thumb centre is: half a thumb (16 px) in, then along the rest.
    const rail = (await slider.boundingBox())!;
    const max = Number(await slider.getAttribute('max'));
    const thumbX = rail.x + 8 + ((rail.width - 16) * Number(await slider.inputValue())) / max;
    const marker = (await page.locator('.phase-marker[data-phase="design"]').boundingBox())!;
    expect(Math.abs(marker.x - thumbX)).toBeLessThan(2);
    await expect.poll(() => elementCount(page)).toBe(4);

    // Start of the replay, by keyboard.
    await slider.focus();
    h = await handled();
    await page.keyboard.press('Home');
    await expect.poll(handled).toBe(h + 1);
    const first = await position.textContent();
    expect(first).toMatch(/^Snapshot 1 of \d+ · 3:00 in · Clarify/);
    const total = Number(/of (\d+)/.exec(first!)![1]);
    expect(await elementCount(page)).toBe(2);

    // Play: nothing moves until the clock does; then one snapshot per step.
    await page.getByTestId('replay-play').click();
    expect(await replay.getAttribute('data-playing')).toBe('true');
    expect(await page.getByTestId('replay-play').textContent()).toContain('Pause');
    expect(await position.textContent()).toBe(first);
    for (const n of [2, 3]) {
      h = await handled();
      await page.clock.runFor(stepMs);
      await expect.poll(handled).toBe(h + 1);
      expect(await position.textContent()).toMatch(new RegExp(`^Snapshot ${n} of ${total}`));
    }
    await screenshot(page, 'replay-playing-light-1280x800');

    // Pause: time passes, the board stays.
    await page.getByTestId('replay-play').click();
    expect(await replay.getAttribute('data-playing')).toBe('false');
    const paused = await position.textContent();
    h = await handled();
    await page.clock.runFor(stepMs * 5);
    expect(await position.textContent()).toBe(paused);
    expect(await handled()).toBe(h);

    // Play to the end: it stops by itself on the final board.
    await page.getByTestId('replay-play').click();
    for (let n = 4; n <= total + 1; n++) {
      h = await handled();
      await page.clock.runFor(stepMs);
      await expect.poll(handled).toBe(h + 1);
    }
    expect(await position.textContent()).toMatch(/^Final board/);
    await expect.poll(() => replay.getAttribute('data-playing')).toBe('false');
    expect(await elementCount(page)).toBe(8);

    await page.getByTestId('replay-fit').click();
    expect(errorsOf(page)).toEqual([]);
    await context.close();
  });

  it('looks right in light and dark at 1280×800 and 1024×700', async () => {
    for (const [width, height] of [
      [1280, 800],
      [1024, 700],
    ] as const) {
      for (const scheme of ['light', 'dark'] as const) {
        const { context, page } = await newPage(browser, { colorScheme: scheme, width, height });
        await page.goto(`${shell.url}/#/session/${sessionId}/review`);
        await page.getByTestId('replay').waitFor();
        await expect.poll(() => elementCount(page)).toBe(8);
        await page.getByTestId('replay-position').scrollIntoViewIfNeeded();
        await page.getByRole('button', { name: /^Go to Deep dive/ }).click();
        await expect.poll(() => elementCount(page)).toBe(6);
        await screenshot(page, `replay-${scheme}-${width}x${height}`);
        expect(errorsOf(page)).toEqual([]);
        await context.close();
      }
    }
  });
});
