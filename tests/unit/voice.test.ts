import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { VoiceRecording, VoiceUsage } from '../../shared/api/voice';
import { findGaps, orderChunks, summarise, toServerClock } from '../../electron/core/voice/chunks';
import { backend, call, failure, startSession, tempDir } from '../helpers/backend';

const MIME = 'audio/webm;codecs=opus';

describe('chunk ordering and gaps', () => {
  it('orders chunks by segment then number, whatever order they arrived in, and counts a retry once', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ segment: fc.nat(3), seq: fc.nat(20) }), { maxLength: 60 }), (keys) => {
        const chunks = keys.map((k, i) => ({ ...k, endedAtMs: i, sizeBytes: 1 }));
        const ordered = orderChunks(chunks);
        const unique = new Set(keys.map((k) => `${k.segment}:${k.seq}`));
        expect(ordered).toHaveLength(unique.size);
        for (let i = 1; i < ordered.length; i++) {
          const a = ordered[i - 1]!;
          const b = ordered[i]!;
          expect(a.segment < b.segment || (a.segment === b.segment && a.seq < b.seq)).toBe(true);
        }
      }),
      { seed: 15, numRuns: 200 },
    );
  });

  it('reports the numbers missing below the highest stored, and a lost header', () => {
    const c = (segment: number, seq: number) => ({ segment, seq, endedAtMs: 0, sizeBytes: 1 });
    expect(findGaps([c(0, 0), c(0, 1), c(0, 2)])).toEqual([]);
    expect(findGaps([c(0, 2), c(0, 0), c(0, 4)])).toEqual([
      { segment: 0, missing: [1, 3], headerMissing: false },
    ]);
    expect(findGaps([c(0, 0), c(1, 1), c(1, 2)])).toEqual([
      { segment: 1, missing: [0], headerMissing: true },
    ]);
    // A missing last chunk is where the recording stopped, not a gap.
    expect(findGaps([c(0, 0)])).toEqual([]);
  });

  it('summarises each segment by the chunks it holds', () => {
    const segments = [
      { segment: 1, mimeType: MIME, startedAtMs: 5000 },
      { segment: 0, mimeType: MIME, startedAtMs: 1000 },
      { segment: 2, mimeType: MIME, startedAtMs: 9000 },
    ];
    const chunks = [
      { segment: 0, seq: 1, endedAtMs: 3000, sizeBytes: 10 },
      { segment: 0, seq: 0, endedAtMs: 2000, sizeBytes: 20 },
      { segment: 1, seq: 0, endedAtMs: 6000, sizeBytes: 5 },
    ];
    expect(summarise(segments, chunks)).toEqual([
      { segment: 0, mimeType: MIME, startedAtMs: 1000, endedAtMs: 3000, sizeBytes: 30, chunks: 2 },
      { segment: 1, mimeType: MIME, startedAtMs: 5000, endedAtMs: 6000, sizeBytes: 5, chunks: 1 },
    ]);
  });

  it('moves a page time onto the back end clock by the difference seen when the chunk arrived', () => {
    expect(toServerClock(1_000, 5_000, 105_000)).toBe(101_000);
  });
});

function bytes(seed: number, n: number): Buffer {
  const out = Buffer.alloc(n);
  for (let i = 0; i < n; i++) out[i] = (seed * 31 + i * 7) & 0xff;
  return out;
}

function chunkInput(sessionId: string, segment: number, seq: number, data: Buffer, clientMs = 0) {
  return {
    sessionId,
    segment,
    seq,
    mimeType: MIME,
    segmentStartedClientMs: clientMs,
    chunkEndedClientMs: clientMs + (seq + 1) * 4000,
    sentClientMs: clientMs + (seq + 1) * 4000,
    dataBase64: data.toString('base64'),
  };
}

describe('voice store', () => {
  it('remembers the choice as the next default and refuses audio for an interview not recorded', async () => {
    const { b } = backend();
    const s = await startSession(b);
    expect(await call(b, 'voice.defaults', {})).toEqual({ recordByDefault: false });
    const refused = await failure(b, 'voice.chunk', chunkInput(s.id, 0, 0, bytes(1, 10)));
    expect(refused.message).toMatch(/not turned on/);
    await call(b, 'voice.plan', { sessionId: s.id, record: true });
    expect(await call(b, 'voice.defaults', {})).toEqual({ recordByDefault: true });
    await call(b, 'voice.chunk', chunkInput(s.id, 0, 0, bytes(1, 10)));
    const rec = await call<VoiceRecording>(b, 'voice.get', { sessionId: s.id });
    expect(rec.planned).toBe(true);
    expect(rec.sizeBytes).toBe(10);
  });

  it('joins chunks in recording order whatever order they arrived in, keeps a retry once, reports gaps', async () => {
    let nowMs = 1_000_000;
    const { b } = backend(undefined, { now: () => nowMs });
    const s = await startSession(b);
    await call(b, 'voice.plan', { sessionId: s.id, record: true });
    const parts = [0, 1, 2, 3, 4].map((i) => bytes(i, 100 + i));
    for (const seq of [0, 2, 1, 4]) {
      nowMs += 10;
      await call(b, 'voice.chunk', chunkInput(s.id, 0, seq, parts[seq]!, 500_000));
    }
    const again = await call<{ stored: boolean }>(
      b,
      'voice.chunk',
      chunkInput(s.id, 0, 2, parts[2]!, 500_000),
    );
    expect(again.stored).toBe(false);
    const rec = await call<VoiceRecording>(b, 'voice.get', { sessionId: s.id });
    expect(rec.gaps).toEqual([{ segment: 0, missing: [3], headerMissing: false }]);
    expect(rec.segments).toHaveLength(1);
    const audio = await call<{ base64: string }>(b, 'voice.audio', { sessionId: s.id, segment: 0 });
    expect(
      Buffer.from(audio.base64, 'base64').equals(Buffer.concat([0, 1, 2, 4].map((i) => parts[i]!))),
    ).toBe(true);
  });

  it('carries recordings through backup and restore byte for byte, and deleting frees the space', async () => {
    const { b, dir } = backend();
    const s = await startSession(b);
    await call(b, 'voice.plan', { sessionId: s.id, record: true });
    const parts = Array.from({ length: 40 }, (_, i) => bytes(i, 20_000));
    for (let i = 0; i < parts.length; i++) await call(b, 'voice.chunk', chunkInput(s.id, 0, i, parts[i]!));
    const before = await call<{ base64: string }>(b, 'voice.audio', { sessionId: s.id, segment: 0 });

    const backupFile = path.join(tempDir('voice-backup'), 'backup.db');
    const made = await b.backupTo(backupFile);
    expect(made.ok).toBe(true);
    await call(b, 'voice.delete', {});
    expect((await call<VoiceUsage>(b, 'voice.usage', {})).totalBytes).toBe(0);
    const restored = await b.restoreFrom(backupFile, 'backup.db');
    expect(restored.ok).toBe(true);
    const after = await call<{ base64: string }>(b, 'voice.audio', { sessionId: s.id, segment: 0 });
    expect(after.base64).toBe(before.base64);

    const usage = await call<VoiceUsage>(b, 'voice.usage', {});
    expect(usage.totalBytes).toBe(800_000);
    expect(usage.sessions.map((x) => x.sessionId)).toEqual([s.id]);
    const fileBefore = fs.statSync(path.join(dir, 'tradeoff.db')).size;
    const deleted = await call<{
      deletedBytes: number;
      dataFileBytesAfter: number;
      dataFileBytesBefore: number;
    }>(b, 'voice.delete', { sessionId: s.id });
    expect(deleted.deletedBytes).toBe(800_000);
    const fileAfter = fs.statSync(path.join(dir, 'tradeoff.db')).size;
    expect(fileBefore - fileAfter).toBeGreaterThanOrEqual(780_000);
    expect(deleted.dataFileBytesBefore - deleted.dataFileBytesAfter).toBeGreaterThanOrEqual(780_000);
    const rec = await call<VoiceRecording>(b, 'voice.get', { sessionId: s.id });
    expect(rec.segments).toEqual([]);
  });
});
