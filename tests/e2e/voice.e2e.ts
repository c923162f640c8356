/**
 * Voice recording end to end (issue 15) in Chromium with a fake microphone that speaks a WAV made by
 * espeak-ng in this file's setup: record an interview with the board, play it back on the session
 * page with the board, phase markers and audio on one timeline; kill the web shell mid-recording and
 * find all but the last few seconds saved; back up, wipe and restore the audio byte for byte; delete
 * a recording from Settings and see the data file shrink. Waits are on what the app reports.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoiceRecording, VoiceUsage } from '../../shared/api/voice';
import {
  ARTIFACTS,
  expectConsoleErrors,
  launchBrowser,
  newPage,
  screenshot,
  startShell,
  tempDataDir,
  type Shell,
} from './harness';
import { startFakeOpenAi, type FakeOpenAi } from '../helpers/fake-openai';
import { addTranscriptions } from '../helpers/fake-transcriptions';

/** What the fake transcription endpoint answers (it checks the audio is real, it cannot hear it). */
const SCRIPT = [
  'First I will clarify the requirements.',
  'The service shortens long links and redirects millions of readers.',
  'I would put a bloom filter in front for existence checks.',
  'Then I estimate the storage and the traffic.',
];

const SPOKEN =
  'First I will clarify the requirements. The service shortens long links and redirects millions of readers. ' +
  'We need high availability and low latency for redirects. Then I estimate the storage and the traffic.';

let browser: Browser;
let wav: string;
let fake: FakeOpenAi | null = null;
const shells: Shell[] = [];

beforeAll(async () => {
  const dir = tempDataDir('voice-wav');
  wav = path.join(dir, 'speech.wav');
  execFileSync('espeak-ng', ['-s', '150', '-w', wav, SPOKEN]);
  browser = await launchBrowser([
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-audio-capture=${wav}`,
    '--autoplay-policy=no-user-gesture-required',
  ]);
});
afterAll(async () => {
  for (const s of shells) await s.stop();
  await browser?.close();
  await fake?.close();
});

async function shellOn(dataDir: string): Promise<Shell> {
  const shell = await startShell(dataDir);
  shells.push(shell);
  return shell;
}

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

const indicator = (page: Page) => page.getByTestId('voice-indicator');
const chunksSent = async (page: Page) => Number(await indicator(page).getAttribute('data-chunks-sent'));
const elementCount = async (page: Page) =>
  Number(await page.getByTestId('whiteboard').getAttribute('data-element-count'));
const audioMs = (page: Page) =>
  page
    .locator('[data-testid="voice-replay"] audio')
    .evaluate((a) => (a as unknown as { currentTime: number }).currentTime * 1000);

/** From a problem page: tick "Record my voice" and start; returns the session id. */
async function startRecorded(page: Page, shell: Shell): Promise<string> {
  await page.goto(`${shell.url}/#/problem/url-shortener`);
  const box = page.getByTestId('record-voice');
  await box.waitFor();
  if (!(await box.isChecked())) await box.check();
  await page.getByTestId('start-interview').click();
  await page.getByTestId('interview').waitFor();
  await page.locator('[data-testid="voice-indicator"][data-state="recording"]').waitFor();
  return /#\/session\/([a-z0-9-]+)/.exec(page.url())![1]!;
}

describe('voice recording', () => {
  it('records an interview and plays it back with the board on one timeline', async () => {
    const shell = await shellOn(tempDataDir('voice'));
    const { context, page } = await newPage(browser);
    const id = await startRecorded(page, shell);
    await expect.poll(() => indicator(page).textContent()).toContain('Recording');
    await page.locator('.excalidraw canvas').first().waitFor();
    await page.locator('[data-shape="client"]').click();
    await expect.poll(() => elementCount(page)).toBe(2);
    await expect.poll(() => chunksSent(page), { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    await page.getByTestId('next-phase').click();
    await page.locator('[data-shape="api-server"]').click();
    await expect.poll(() => elementCount(page)).toBe(4);
    await expect.poll(() => chunksSent(page), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    await page.locator('[data-testid="save-status"][data-state="saved"]').waitFor();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.locator('.interview-head').screenshot({
        path: screenshotPath(`voice-recording-header-${scheme}`),
      });
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.keyboard.press('Alt+KeyE');
    await page.getByTestId('confirm-end').click();
    await page.getByTestId('session-review').waitFor();

    // The last chunk is sent as the recorder stops; the session page shows the recording.
    await page.getByTestId('voice-player').waitFor();
    const rec = await api<VoiceRecording>(shell, 'voice.get', { sessionId: id });
    expect(rec.segments).toHaveLength(1);
    expect(rec.gaps).toEqual([]);
    expect(rec.segments[0]!.chunks).toBeGreaterThanOrEqual(3);
    expect(rec.sizeBytes).toBeGreaterThan(3000);
    const session = await api<{ createdAtMs: number; endedAtMs: number }>(shell, 'session.get', { id });
    const segStart = rec.segments[0]!.startedAtMs - session.createdAtMs;
    const segEnd = rec.segments[0]!.endedAtMs - session.createdAtMs;
    const snaps = await api<{ atMs: number; elementCount: number }[]>(shell, 'session.snapshots', { id });
    expect(snaps.length).toBeGreaterThanOrEqual(1);
    expect(snaps[0]!.elementCount).toBe(2);

    // Play: the audio runs and the shared position moves with it.
    await page.getByTestId('voice-play').click();
    await expect.poll(() => audioMs(page)).toBeGreaterThan(500);
    await expect
      .poll(async () => Number(await page.getByTestId('voice-position').getAttribute('data-at-ms')))
      .toBeGreaterThan(segStart + 500);
    await page.getByTestId('voice-play').click();
    expect(await page.getByTestId('voice-play').getAttribute('data-playing')).toBe('false');

    // Scrub the timeline to the first snapshot: the board shows it and the audio is at that moment.
    const firstSnap = snaps[0]!.atMs - session.createdAtMs + 200;
    await page.getByTestId('replay-slider').fill(String(firstSnap));
    await expect.poll(() => elementCount(page)).toBe(2);
    await expect.poll(() => page.getByTestId('replay-position').textContent()).toContain('Snapshot 1');
    await expect.poll(async () => Math.abs((await audioMs(page)) - (firstSnap - segStart))).toBeLessThan(300);

    // Scrub to a second before the audio ends: the board is the last snapshot taken by then, and the
    // audio follows; at the very end, the final board.
    const late = Math.round(segEnd - 1000);
    const lastSnap = snaps.filter((x) => x.atMs - session.createdAtMs <= late).at(-1)!;
    await page.getByTestId('replay-slider').fill(String(late));
    await expect.poll(() => elementCount(page)).toBe(lastSnap.elementCount);
    await expect.poll(async () => Math.abs((await audioMs(page)) - (late - segStart))).toBeLessThan(300);
    await page.getByTestId('replay-slider').press('End');
    await expect.poll(() => page.getByTestId('replay-position').textContent()).toContain('Final board');
    await expect.poll(() => elementCount(page)).toBe(4);

    // A phase marker moves the same timeline.
    await page.locator('.phase-marker[data-phase="estimate"]').click();
    const estimateAt = Number(
      await page.locator('.phase-marker[data-phase="estimate"]').getAttribute('data-offset-ms'),
    );
    await expect
      .poll(async () => Number(await page.getByTestId('voice-position').getAttribute('data-at-ms')))
      .toBe(estimateAt);
    await expect
      .poll(async () => Math.abs((await audioMs(page)) - (estimateAt - segStart)))
      .toBeLessThan(300);

    // Speed and download.
    await page.getByTestId('voice-speed-1.5').click();
    expect(
      await page
        .locator('[data-testid="voice-replay"] audio')
        .evaluate((a) => (a as unknown as { playbackRate: number }).playbackRate),
    ).toBe(1.5);
    const download = page.waitForEvent('download');
    await page.getByTestId('voice-download').click();
    const file = await (await download).path();
    const downloaded = fs.readFileSync(file);
    const audio = await api<{ base64: string }>(shell, 'voice.audio', { sessionId: id, segment: 0 });
    expect(downloaded.equals(Buffer.from(audio.base64, 'base64'))).toBe(true);
    // A WebM file: it begins with the EBML magic number.
    expect(downloaded.subarray(0, 4).toString('hex')).toBe('1a45dfa3');

    // Transcription: without an endpoint the page says one is needed.
    await page.getByTestId('voice-needs-endpoint').waitFor();
    fake = await startFakeOpenAi();
    const speech = addTranscriptions(fake, SCRIPT, () => (segEnd - segStart) / 1000);
    await api(shell, 'ai.saveSettings', { preset: 'custom', baseURL: fake.baseURL, model: 'chat-model' });
    speech.fail('500', 1);
    await page.reload();
    await page.getByTestId('voice-transcribe').click();
    expect(await page.getByTestId('voice-transcribe-error').textContent()).toMatch(/internal error \(500\)/);
    expect(await page.getByTestId('voice-transcribe').textContent()).toBe('Try again');
    await page.getByTestId('voice-transcribe').click();
    const lines = page.locator('.voice-transcript-lines li[data-line] button');
    await expect.poll(() => lines.count()).toBe(SCRIPT.length);
    await expect.poll(() => page.getByTestId('voice-transcribe-error').count()).toBe(0);
    // The endpoint got the recording itself.
    expect(speech.uploads).toHaveLength(1);
    expect(speech.uploads[0]!.bytes.equals(downloaded)).toBe(true);
    // A line seeks the one timeline: the audio goes to its moment and the line is the current one.
    const stored = await api<VoiceRecording>(shell, 'voice.get', { sessionId: id });
    const third = stored.transcript!.lines[2]!;
    await lines.nth(2).click();
    await expect
      .poll(async () => Math.abs((await audioMs(page)) - (third.atMs - rec.segments[0]!.startedAtMs)))
      .toBeLessThan(300);
    expect(await lines.nth(2).getAttribute('aria-current')).toBe('true');
    // Playing moves the current line along with the audio.
    await page.getByTestId('voice-play').click();
    await expect.poll(() => lines.nth(3).getAttribute('aria-current'), { timeout: 10_000 }).toBe('true');
    await page.getByTestId('voice-play').click();
    // Searchable.
    await page.getByTestId('voice-transcript-search').fill('bloom');
    await expect.poll(() => lines.count()).toBe(1);
    expect(await lines.first().textContent()).toContain('bloom filter');
    await page.getByTestId('voice-transcript-search').fill('');
    await lines.nth(1).click();

    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.getByTestId('voice-replay').scrollIntoViewIfNeeded();
      await screenshot(page, `voice-session-${scheme}`);
      const axe = await new AxeBuilder({ page }).include('[data-testid="voice-replay"]').analyze();
      expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    }

    // The keyword hints count what was said: only the transcript mentions a bloom filter.
    const profiles = await api<{ defaultId: string }>(shell, 'rubric.profiles', {});
    const three = { requirements: 3, design: 3, depth: 3, tradeoffs: 3, communication: 3 };
    const none = { requirements: '', design: '', depth: '', tradeoffs: '', communication: '' };
    await api(shell, 'score.save', {
      sessionId: id,
      profileId: profiles.defaultId,
      levels: three,
      evidence: none,
      checklist: [],
    });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.reload();
    await page.getByTestId('reference-panel').waitFor();
    expect(await page.getByTestId('reference-panel').textContent()).toMatch(/“bloom”|“filter”|bloom filter/);
    const matched = await page.getByTestId('mention-matched').allTextContents();
    expect(matched.join(' ')).toMatch(/bloom/i);

    // Backup → wipe → restore brings the audio back byte for byte.
    const backup = Buffer.from(
      await (
        await shell.fetch('/api/data.backup', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: '{}',
        })
      ).arrayBuffer(),
    );
    await api(shell, 'voice.delete', {});
    expect((await api<VoiceUsage>(shell, 'voice.usage', {})).totalBytes).toBe(0);
    const restored = await shell.fetch('/api/data.restore?name=backup.db', {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: backup,
    });
    expect(((await restored.json()) as { ok: boolean }).ok).toBe(true);
    const back = await api<{ base64: string }>(shell, 'voice.audio', { sessionId: id, segment: 0 });
    expect(back.base64).toBe(audio.base64);

    // Settings shows the space; deleting the recording frees it from the data file.
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(`${shell.url}/#/settings`);
    await page.getByTestId('voice-usage-row').waitFor();
    const before = await api<VoiceUsage>(shell, 'voice.usage', {});
    await page
      .getByTestId('voice-usage-row')
      .getByRole('button', { name: /Delete the recording/ })
      .click();
    await page.getByTestId('voice-freed').waitFor();
    const after = await api<VoiceUsage>(shell, 'voice.usage', {});
    expect(after.totalBytes).toBe(0);
    expect(before.dataFileBytes - after.dataFileBytes).toBeGreaterThanOrEqual(before.totalBytes * 0.9);
    const axe = await new AxeBuilder({ page }).include('[data-testid="voice-settings"]').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await context.close();
  });

  it('says plainly when there is no microphone, and the interview goes on', async () => {
    // A browser without the fake device: getUserMedia finds no microphone (or is refused).
    const plain = await launchBrowser();
    try {
      const shell = await shellOn(tempDataDir('voice-nomic'));
      const { page } = await newPage(plain);
      await page.goto(`${shell.url}/#/problem/url-shortener`);
      await page.getByTestId('record-voice').check();
      await page.getByTestId('start-interview').click();
      const off = page.locator('[data-testid="voice-indicator"][data-state="unavailable"]');
      await off.waitFor();
      expect(await off.textContent()).toMatch(
        /^Not recording: (no microphone was found|the microphone was not allowed)\. The interview goes on\.$/,
      );
      await page.locator('.excalidraw canvas').first().waitFor();
      await page.locator('[data-shape="client"]').click();
      await expect.poll(() => elementCount(page)).toBe(2);
      await page.locator('[data-testid="save-status"][data-state="saved"]').waitFor();
      await page.getByTestId('next-phase').click();
      await expect.poll(() => page.getByTestId('interview').getAttribute('data-phase')).toBe('estimate');
    } finally {
      await plain.close();
    }
  });

  it('keeps all but the last few seconds when the web shell is killed mid-recording', async () => {
    const dataDir = tempDataDir('voice-kill');
    const shell = await shellOn(dataDir);
    const { context, page } = await newPage(browser);
    // Once the shell is gone, the page's next upload fails (it retries; nothing else to see).
    expectConsoleErrors(page, /Failed to load resource|ERR_CONNECTION_REFUSED|ERR_EMPTY_RESPONSE/);
    const id = await startRecorded(page, shell);
    await expect.poll(() => chunksSent(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    await shell.stop('SIGKILL');
    const killedAtMs = Date.now();
    await context.close();

    const again = await shellOn(dataDir);
    const rec = await api<VoiceRecording>(again, 'voice.get', { sessionId: id });
    expect(rec.segments).toHaveLength(1);
    const seg = rec.segments[0]!;
    expect(seg.chunks).toBeGreaterThanOrEqual(3);
    // Everything up to a chunk (3 s) and its upload before the kill is there.
    expect(killedAtMs - seg.endedAtMs).toBeLessThan(5000);
    expect(seg.endedAtMs - seg.startedAtMs).toBeGreaterThan(8000);
    const audio = await api<{ base64: string }>(again, 'voice.audio', { sessionId: id, segment: 0 });
    expect(Buffer.from(audio.base64, 'base64').subarray(0, 4).toString('hex')).toBe('1a45dfa3');
  });
});

function screenshotPath(name: string): string {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, `${name}.png`);
}
