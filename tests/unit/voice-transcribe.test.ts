import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/core/backend';
import { placeLines, planUploads, type TimedChunk } from '../../electron/core/voice/transcribe';
import type { AiDraft } from '../../shared/api/ai';
import type { VoiceRecording } from '../../shared/api/voice';
import { formatClock } from '../../shared/domain/timer';
import { backend, call, startSession } from '../helpers/backend';
import { startFakeOpenAi, type FakeOpenAi } from '../helpers/fake-openai';
import { addTranscriptions, type FakeTranscriptions } from '../helpers/fake-transcriptions';

const MIME = 'audio/webm;codecs=opus';
const SCRIPT = ['We shorten links with a base62 counter.', 'Reads go through a Redis cache.'];

describe('splitting a long recording to fit the upload limit', () => {
  const chunks: TimedChunk[] = Array.from({ length: 10 }, (_, i) => ({
    seq: i,
    fromMs: i * 3000,
    toMs: (i + 1) * 3000,
    sizeBytes: 100,
  }));

  it('keeps everything in one upload when it fits', () => {
    expect(planUploads(chunks, 1000)).toEqual([
      { seqs: [1, 2, 3, 4, 5, 6, 7, 8, 9], fromMs: 0, headerMs: 0 },
    ]);
  });

  it('splits between chunks, each later part starting with the header chunk, none over the limit', () => {
    const parts = planUploads(chunks, 400);
    expect(parts).toEqual([
      { seqs: [1, 2, 3], fromMs: 0, headerMs: 0 },
      { seqs: [4, 5, 6], fromMs: 12_000, headerMs: 3000 },
      { seqs: [7, 8, 9], fromMs: 21_000, headerMs: 3000 },
    ]);
    for (const p of parts) expect(100 + p.seqs.length * 100).toBeLessThanOrEqual(400);
    // Every chunk is sent exactly once besides the header.
    expect(parts.flatMap((p) => p.seqs)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('refuses a chunk that cannot fit even alone with the header', () => {
    expect(() => planUploads(chunks, 150)).toThrow(/larger than the upload limit/);
  });

  it('places a later part on the session clock and drops what the repeated header said', () => {
    const lines = placeLines(
      [
        { start: 0.5, end: 2.9, text: ' header again ' },
        { start: 3.0, end: 6.0, text: ' own words ' },
      ],
      { seqs: [4], fromMs: 12_000, headerMs: 3000 },
      1_000_000,
    );
    expect(lines).toEqual([{ atMs: 1_012_000, endMs: 1_015_000, text: 'own words' }]);
  });
});

/** A chunk that looks like the start of a WebM/Opus stream, then plain filler. */
function chunkBytes(seq: number): Buffer {
  const body = Buffer.alloc(2000, seq + 1);
  if (seq > 0) return body;
  return Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.from('....A_OPUS....'), body]);
}

let fake: FakeOpenAi;
let speech: FakeTranscriptions;
beforeEach(async () => {
  fake = await startFakeOpenAi();
  speech = addTranscriptions(fake, SCRIPT, () => 12);
});
afterEach(async () => {
  await fake.close();
});

async function recorded(b: Backend, nowMs: { v: number }): Promise<string> {
  const s = await startSession(b);
  await call(b, 'voice.plan', { sessionId: s.id, record: true });
  for (let seq = 0; seq < 4; seq++) {
    nowMs.v += 3000;
    await call(b, 'voice.chunk', {
      sessionId: s.id,
      segment: 0,
      seq,
      mimeType: MIME,
      segmentStartedClientMs: 0,
      chunkEndedClientMs: (seq + 1) * 3000,
      sentClientMs: (seq + 1) * 3000,
      dataBase64: chunkBytes(seq).toString('base64'),
    });
  }
  return s.id;
}

async function configure(b: Backend) {
  await call(b, 'ai.saveSettings', {
    preset: 'custom',
    baseURL: fake.baseURL,
    model: 'fake-model',
    apiKey: 'sk-x',
  });
}

describe('transcription through the configured endpoint', () => {
  it('says an endpoint is needed until one is set up, keeping the audio', async () => {
    const now = { v: 1_000_000 };
    const { b } = backend(undefined, { now: () => now.v, aiTimeoutMs: 1000 });
    const id = await recorded(b, now);
    expect(await call(b, 'voice.transcription', {})).toEqual({ configured: false, model: 'whisper-1' });
    const rec = await call<VoiceRecording>(b, 'voice.transcribe', { sessionId: id });
    expect(rec.transcribeError).toMatch(/needs an OpenAI-compatible endpoint.*Settings → AI/);
    expect(rec.transcript).toBeNull();
    expect(rec.sizeBytes).toBeGreaterThan(8000);
    expect(fake.requests).toHaveLength(0);
  });

  it('sends the real audio and stores timestamped lines with the model name on the session clock', async () => {
    const now = { v: 1_000_000 };
    const { b } = backend(undefined, { now: () => now.v, aiTimeoutMs: 1000 });
    const id = await recorded(b, now);
    await configure(b);
    await call(b, 'voice.setTranscriptionModel', { model: 'whisper-large' });
    const rec = await call<VoiceRecording>(b, 'voice.transcribe', { sessionId: id });
    expect(rec.transcribeError).toBeNull();
    expect(speech.uploads).toHaveLength(1);
    expect(speech.uploads[0]!.model).toBe('whisper-large');
    const audio = await call<{ base64: string }>(b, 'voice.audio', { sessionId: id, segment: 0 });
    expect(speech.uploads[0]!.bytes.equals(Buffer.from(audio.base64, 'base64'))).toBe(true);
    expect(fake.requestsTo('/v1/audio/transcriptions')[0]!.headers.authorization).toBe('Bearer sk-x');
    const start = rec.segments[0]!.startedAtMs;
    expect(rec.transcript).toEqual({
      model: 'whisper-large',
      createdAtMs: now.v,
      lines: [
        { atMs: start, endMs: start + 6000, text: SCRIPT[0] },
        { atMs: start + 6000, endMs: start + 12_000, text: SCRIPT[1] },
      ],
    });
    // The Markdown report carries the transcript, timed from the interview's start.
    await call(b, 'session.control', { id, action: 'end' });
    const report = await call<{ text: string }>(b, 'session.exportMarkdown', { id });
    expect(report.text).toContain('## What you said');
    const { createdAtMs } = await call<{ createdAtMs: number }>(b, 'session.get', { id });
    expect(report.text).toContain(`- (${formatClock(start - createdAtMs)}) ${SCRIPT[0]}`);
    expect(report.text).toContain(`- (${formatClock(start + 6000 - createdAtMs)}) ${SCRIPT[1]}`);
  });

  it('gives each failure its message, keeps it for the session page, and a retry clears it', async () => {
    const now = { v: 1_000_000 };
    const { b } = backend(undefined, { now: () => now.v, aiTimeoutMs: 800 });
    const id = await recorded(b, now);
    await configure(b);
    const cases: [Parameters<FakeTranscriptions['fail']>[0], RegExp][] = [
      ['401', /refused the API key \(401\)/],
      ['404-model', /no speech model named “whisper-1” \(404\).*Settings → Voice recordings/],
      ['500', /internal error \(500\)/],
      ['no-segments', /without timestamped segments/],
      ['hang', /did not answer within 0.8 s/],
    ];
    for (const [fault, message] of cases) {
      speech.fail(fault, 1);
      const rec = await call<VoiceRecording>(b, 'voice.transcribe', { sessionId: id });
      expect(rec.transcribeError, fault ?? '').toMatch(message);
      expect(rec.transcript).toBeNull();
      expect((await call<VoiceRecording>(b, 'voice.get', { sessionId: id })).transcribeError).toMatch(
        message,
      );
    }
    await fake.close();
    const refused = await call<VoiceRecording>(b, 'voice.transcribe', { sessionId: id });
    expect(refused.transcribeError).toMatch(/Nothing is answering|connection/);
    fake = await startFakeOpenAi();
    speech = addTranscriptions(fake, SCRIPT, () => 12);
    await configure(b);
    const ok = await call<VoiceRecording>(b, 'voice.transcribe', { sessionId: id });
    expect(ok.transcribeError).toBeNull();
    expect(ok.transcript?.lines).toHaveLength(2);
  });
});

describe('the voice transcript as evidence for AI-drafted scores', () => {
  it('lets the draft quote what was said aloud, checked like any quote', async () => {
    const spokenScript = [
      'We shorten links with a base62 counter handed out in ranges so two servers never collide.',
      'Reads go through a Redis cache with cache-aside and a one day TTL on hot keys.',
      'I would put a bloom filter in front of the database for existence checks on custom aliases.',
      'Click analytics go to Kafka asynchronously so a redirect never waits for them.',
    ];
    await fake.close();
    fake = await startFakeOpenAi();
    speech = addTranscriptions(fake, spokenScript, () => 12);
    const now = { v: 1_000_000 };
    const { b } = backend(undefined, { now: () => now.v, aiTimeoutMs: 1000 });
    const id = await recorded(b, now);
    await configure(b);
    await call(b, 'voice.transcribe', { sessionId: id });
    await call(b, 'session.control', { id, action: 'end' });
    const profiles = await call<{ defaultId: string }>(b, 'rubric.profiles', {});
    const empty = { requirements: '', design: '', depth: '', tradeoffs: '', communication: '' };
    const three = { requirements: 3, design: 3, depth: 3, tradeoffs: 3, communication: 3 };
    await call(b, 'score.save', {
      sessionId: id,
      profileId: profiles.defaultId,
      levels: three,
      evidence: empty,
      checklist: [],
    });
    const dim = (evidence: string[]) => ({ level: 3, evidence, why: 'Because.' });
    fake.responder = () => ({
      enough: true,
      requirements: dim([]),
      design: dim(['I would put a bloom filter in front of the database']),
      depth: dim(['something never said']),
      tradeoffs: dim([]),
      communication: dim([]),
    });
    const draft = await call<AiDraft>(b, 'ai.draftScore', { sessionId: id });
    expect(draft, draft.message ?? '').toMatchObject({ status: 'draft' });
    const design = draft.dimensions.find((d) => d.dimension === 'design')!;
    expect(design.quotes).toEqual([
      { text: 'I would put a bloom filter in front of the database', source: 'transcript' },
    ]);
    expect(draft.dimensions.find((d) => d.dimension === 'depth')!.quotes).toEqual([]);
  });
});
