/**
 * Voice recording figures: the back end's write of one recorded chunk (decode + one SQLite
 * transaction), and how many bytes a minute of recorded speech takes, measured from a real recording
 * in Chromium with a fake microphone speaking an espeak-ng WAV.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { Backend } from '../../electron/core/backend';
import { loadPackFolder } from '../../electron/core/library/load';
import type { VoiceRecording } from '../../shared/api/voice';
import { ROOT, launchBrowser, newPage, startShell, tempDataDir } from '../e2e/harness';

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** 3 s of Opus at 32 kbit/s, what the recorder sends at a time. */
const CHUNK_BYTES = 12_000;

/**
 * 600 chunks (30 minutes of recording) through the `voice.chunk` handler on a real data file: the
 * base64 decode, the checks and the one-row transaction, per chunk.
 */
export async function chunkWriteFigures(): Promise<{ p95: number; median: number }> {
  const loaded = loadPackFolder(path.join(ROOT, 'assets', 'content', 'builtin'));
  if (!loaded.pack) throw new Error('The built-in pack is invalid.');
  const b = new Backend({
    dataDir: tempDataDir('bench-voice'),
    assetsDir: path.join(ROOT, 'assets'),
    builtin: loaded.pack,
    transport: 'http',
    appVersion: 'bench',
  });
  try {
    const started = await b.dispatch('session.start', {
      problemId: 'url-shortener',
      budgetsMin: { clarify: 5, estimate: 5, design: 10, 'deep-dive': 15, tradeoffs: 5 },
      mutation: false,
    });
    if (!started.ok) throw new Error(started.error.message);
    const sessionId = (started.value as { id: string }).id;
    await b.dispatch('voice.plan', { sessionId, record: true });
    const data = Buffer.alloc(CHUNK_BYTES);
    for (let i = 0; i < CHUNK_BYTES; i++) data[i] = (i * 131) & 0xff;
    const dataBase64 = data.toString('base64');
    const handler = b.handlers['voice.chunk'];
    const times: number[] = [];
    for (let seq = 0; seq < 600; seq++) {
      const input = {
        sessionId,
        segment: 0,
        seq,
        mimeType: 'audio/webm;codecs=opus' as const,
        segmentStartedClientMs: 0,
        chunkEndedClientMs: (seq + 1) * 3000,
        sentClientMs: (seq + 1) * 3000,
        dataBase64,
      };
      const t0 = performance.now();
      await handler(input);
      times.push(performance.now() - t0);
    }
    return { p95: percentile(times, 95), median: percentile(times, 50) };
  } finally {
    b.close();
  }
}

/** Records ~15 s of an interview in Chromium from a fake microphone; bytes stored per minute. */
export async function bytesPerMinute(): Promise<number> {
  const dir = tempDataDir('bench-voice-rec');
  const wav = path.join(dir, 'speech.wav');
  execFileSync('espeak-ng', [
    '-w',
    wav,
    'Let me start with the requirements. We need short links, fast redirects and analytics.',
  ]);
  const browser = await launchBrowser([
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-audio-capture=${wav}`,
  ]);
  const shell = await startShell(path.join(dir, 'data'));
  try {
    const { page } = await newPage(browser);
    await page.goto(`${shell.url}/#/problem/url-shortener`);
    await page.getByTestId('record-voice').check();
    await page.getByTestId('start-interview').click();
    await page.locator('[data-testid="voice-indicator"][data-chunks-sent="5"]').waitFor({ timeout: 60_000 });
    const id = /#\/session\/([a-z0-9-]+)/.exec(page.url())![1]!;
    const res = await shell.fetch('/api/voice.get', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ sessionId: id }),
    });
    const rec = ((await res.json()) as { value: VoiceRecording }).value;
    const seg = rec.segments[0]!;
    return (seg.sizeBytes / (seg.endedAtMs - seg.startedAtMs)) * 60_000;
  } finally {
    await shell.stop();
    await browser.close();
  }
}
