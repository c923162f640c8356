/**
 * Recordings in the database: chunks stored as they arrive (one small transaction each, so a killed
 * app loses only the chunk being recorded), read back in order as playable segments, measured and
 * deleted. Deleting compacts the data file (VACUUM), so the space really returns to the disk.
 */
import fs from 'node:fs';
import type { Database, Statement } from 'better-sqlite3';
import { AppError } from '../../../shared/api/envelope';
import type { TranscriptLine, VoiceRecording, VoiceTranscript, VoiceUsage } from '../../../shared/api/voice';
import { findGaps, orderChunks, summarise, toServerClock, type ChunkRow, type SegmentRow } from './chunks';
import type { TimedChunk } from './transcribe';

const DEFAULT_KEY = 'voice.recordByDefault';
const MODEL_KEY = 'voice.transcriptionModel';
/** OpenAI's speech model; a local server names its own (Settings → Voice recordings). */
export const DEFAULT_TRANSCRIPTION_MODEL = 'whisper-1';

export interface ChunkIn {
  sessionId: string;
  segment: number;
  seq: number;
  mimeType: string;
  segmentStartedClientMs: number;
  chunkEndedClientMs: number;
  sentClientMs: number;
  bytes: Buffer;
}

export class VoiceStore {
  private readonly stmt: Record<string, Statement>;

  constructor(
    private readonly db: Database,
    private readonly dbFile: string,
    private readonly now: () => number = Date.now,
  ) {
    this.stmt = {
      getSetting: db.prepare('SELECT value_json FROM settings WHERE key = ?'),
      setSetting: db.prepare(
        `INSERT INTO settings (key, value_json, updated_at_ms) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at_ms = excluded.updated_at_ms`,
      ),
      session: db.prepare('SELECT status FROM sessions WHERE id = ?'),
      plan: db.prepare(
        `INSERT INTO voice_recordings (session_id, planned, created_at_ms) VALUES (?, ?, ?)
         ON CONFLICT (session_id) DO UPDATE SET planned = excluded.planned`,
      ),
      recording: db.prepare('SELECT planned, transcribe_error FROM voice_recordings WHERE session_id = ?'),
      addSegment: db.prepare(
        `INSERT INTO voice_segments (session_id, segment, mime_type, started_at_ms) VALUES (?, ?, ?, ?)
         ON CONFLICT DO NOTHING`,
      ),
      addChunk: db.prepare(
        `INSERT INTO voice_chunks (session_id, segment, seq, ended_at_ms, size_bytes, bytes) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT DO NOTHING`,
      ),
      segments: db.prepare(
        'SELECT segment, mime_type AS mimeType, started_at_ms AS startedAtMs FROM voice_segments WHERE session_id = ?',
      ),
      chunks: db.prepare(
        'SELECT segment, seq, ended_at_ms AS endedAtMs, size_bytes AS sizeBytes FROM voice_chunks WHERE session_id = ?',
      ),
      chunkBytes: db.prepare(
        'SELECT segment, seq, ended_at_ms AS endedAtMs, size_bytes AS sizeBytes, bytes FROM voice_chunks WHERE session_id = ? AND segment = ?',
      ),
      transcript: db.prepare(
        'SELECT model, segments_json, created_at_ms FROM voice_transcripts WHERE session_id = ?',
      ),
      saveTranscript: db.prepare(
        `INSERT INTO voice_transcripts (session_id, model, segments_json, created_at_ms) VALUES (?, ?, ?, ?)
         ON CONFLICT (session_id) DO UPDATE SET model = excluded.model, segments_json = excluded.segments_json,
           created_at_ms = excluded.created_at_ms`,
      ),
      setError: db.prepare('UPDATE voice_recordings SET transcribe_error = ? WHERE session_id = ?'),
      usage: db.prepare(
        `SELECT c.session_id AS sessionId, s.problem_title AS problemTitle, s.created_at_ms AS createdAtMs,
           SUM(c.size_bytes) AS sizeBytes
         FROM voice_chunks c JOIN sessions s ON s.id = c.session_id
         GROUP BY c.session_id ORDER BY s.created_at_ms DESC`,
      ),
      sessionBytes: db.prepare(
        'SELECT COALESCE(SUM(size_bytes), 0) AS n FROM voice_chunks WHERE session_id = ?',
      ),
      allBytes: db.prepare('SELECT COALESCE(SUM(size_bytes), 0) AS n FROM voice_chunks'),
      deleteChunks: db.prepare('DELETE FROM voice_chunks WHERE session_id = ?'),
      deleteSegments: db.prepare('DELETE FROM voice_segments WHERE session_id = ?'),
      deleteTranscript: db.prepare('DELETE FROM voice_transcripts WHERE session_id = ?'),
      deleteAllChunks: db.prepare('DELETE FROM voice_chunks'),
      deleteAllSegments: db.prepare('DELETE FROM voice_segments'),
      deleteAllTranscripts: db.prepare('DELETE FROM voice_transcripts'),
    };
  }

  recordByDefault(): boolean {
    const row = this.stmt.getSetting!.get(DEFAULT_KEY) as { value_json: string } | undefined;
    return row ? JSON.parse(row.value_json) === true : false;
  }

  transcriptionModel(): string {
    const row = this.stmt.getSetting!.get(MODEL_KEY) as { value_json: string } | undefined;
    return row ? (JSON.parse(row.value_json) as string) : DEFAULT_TRANSCRIPTION_MODEL;
  }

  setTranscriptionModel(model: string): { model: string } {
    this.stmt.setSetting!.run(MODEL_KEY, JSON.stringify(model), this.now());
    return { model };
  }

  /** A segment's chunks in order, with where each one's audio lies inside the segment. */
  timedChunks(sessionId: string, segment: number): (TimedChunk & { bytes: Buffer })[] {
    const seg = (this.stmt.segments!.all(sessionId) as SegmentRow[]).find((s) => s.segment === segment);
    if (!seg) return [];
    const rows = orderChunks(
      this.stmt.chunkBytes!.all(sessionId, segment) as (ChunkRow & { bytes: Buffer })[],
    );
    let fromMs = 0;
    return rows.map((r) => {
      const toMs = Math.max(fromMs, r.endedAtMs - seg.startedAtMs);
      const timed = { seq: r.seq, fromMs, toMs, sizeBytes: r.sizeBytes, bytes: r.bytes };
      fromMs = toMs;
      return timed;
    });
  }

  plan(sessionId: string, record: boolean): { record: boolean } {
    this.requireSession(sessionId);
    this.db.transaction(() => {
      this.stmt.plan!.run(sessionId, record ? 1 : 0, this.now());
      this.stmt.setSetting!.run(DEFAULT_KEY, JSON.stringify(record), this.now());
    })();
    return { record };
  }

  /** Stores one chunk. A chunk already stored (a retried upload) is left as it was. */
  addChunk(c: ChunkIn): { stored: boolean; sizeBytes: number } {
    const status = this.requireSession(c.sessionId);
    if (status === 'discarded')
      throw new AppError('CONFLICT', 'This interview was discarded, so its recording was not kept.');
    const rec = this.stmt.recording!.get(c.sessionId) as { planned: number } | undefined;
    if (!rec || rec.planned !== 1)
      throw new AppError(
        'CONFLICT',
        'Recording was not turned on for this interview, so the audio was not kept.',
      );
    const received = this.now();
    const startedAtMs = toServerClock(c.segmentStartedClientMs, c.sentClientMs, received);
    const endedAtMs = toServerClock(c.chunkEndedClientMs, c.sentClientMs, received);
    const stored = this.db.transaction(() => {
      this.stmt.addSegment!.run(c.sessionId, c.segment, c.mimeType, startedAtMs);
      return this.stmt.addChunk!.run(c.sessionId, c.segment, c.seq, endedAtMs, c.bytes.length, c.bytes)
        .changes;
    })();
    return { stored: stored === 1, sizeBytes: c.bytes.length };
  }

  get(sessionId: string): VoiceRecording {
    this.requireSession(sessionId);
    const rec = this.stmt.recording!.get(sessionId) as
      { planned: number; transcribe_error: string | null } | undefined;
    const chunks = this.stmt.chunks!.all(sessionId) as ChunkRow[];
    const segments = summarise(this.stmt.segments!.all(sessionId) as SegmentRow[], chunks);
    return {
      sessionId,
      planned: rec?.planned === 1,
      segments,
      gaps: findGaps(chunks),
      sizeBytes: segments.reduce((n, s) => n + s.sizeBytes, 0),
      transcript: this.transcript(sessionId),
      transcribeError: rec?.transcribe_error ?? null,
    };
  }

  /** One segment's chunks joined in recording order: a file a player can open. */
  audio(sessionId: string, segment: number): { mimeType: string; bytes: Buffer } {
    const seg = (this.stmt.segments!.all(sessionId) as SegmentRow[]).find((s) => s.segment === segment);
    if (!seg) throw new AppError('NOT_FOUND', 'There is no recording for that part of this interview.');
    const rows = orderChunks(
      this.stmt.chunkBytes!.all(sessionId, segment) as (ChunkRow & { bytes: Buffer })[],
    );
    return { mimeType: seg.mimeType, bytes: Buffer.concat(rows.map((r) => r.bytes)) };
  }

  transcript(sessionId: string): VoiceTranscript | null {
    const row = this.stmt.transcript!.get(sessionId) as
      { model: string; segments_json: string; created_at_ms: number } | undefined;
    if (!row) return null;
    return {
      model: row.model,
      createdAtMs: row.created_at_ms,
      lines: JSON.parse(row.segments_json) as TranscriptLine[],
    };
  }

  saveTranscript(sessionId: string, model: string, lines: TranscriptLine[]): VoiceTranscript {
    const createdAtMs = this.now();
    this.db.transaction(() => {
      this.stmt.saveTranscript!.run(sessionId, model, JSON.stringify(lines), createdAtMs);
      this.stmt.setError!.run(null, sessionId);
    })();
    return { model, createdAtMs, lines };
  }

  /** Remembers why a transcription failed (shown until a retry succeeds). */
  transcribeFailed(sessionId: string, message: string): void {
    this.stmt.setError!.run(message, sessionId);
  }

  usage(): VoiceUsage {
    const rows = this.stmt.usage!.all() as Omit<VoiceUsage['sessions'][number], 'durationMs'>[];
    return {
      totalBytes: rows.reduce((n, r) => n + r.sizeBytes, 0),
      dataFileBytes: this.dataFileBytes(),
      sessions: rows.map((r) => ({
        ...r,
        durationMs: this.get(r.sessionId).segments.reduce((n, s) => n + (s.endedAtMs - s.startedAtMs), 0),
      })),
    };
  }

  /** Deletes one session's recording (or all of them) and compacts the data file to free the space. */
  delete(sessionId?: string): {
    deletedBytes: number;
    dataFileBytesBefore: number;
    dataFileBytesAfter: number;
  } {
    const dataFileBytesBefore = this.dataFileBytes();
    const deletedBytes = this.db.transaction(() => {
      if (sessionId === undefined) {
        const n = (this.stmt.allBytes!.get() as { n: number }).n;
        this.stmt.deleteAllChunks!.run();
        this.stmt.deleteAllSegments!.run();
        this.stmt.deleteAllTranscripts!.run();
        return n;
      }
      const n = (this.stmt.sessionBytes!.get(sessionId) as { n: number }).n;
      this.stmt.deleteChunks!.run(sessionId);
      this.stmt.deleteSegments!.run(sessionId);
      this.stmt.deleteTranscript!.run(sessionId);
      return n;
    })();
    if (deletedBytes > 0) {
      // SQLite keeps freed pages for reuse; VACUUM rewrites the file without them, and the
      // checkpoint empties the write-ahead log it went through.
      this.db.exec('VACUUM');
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    }
    return { deletedBytes, dataFileBytesBefore, dataFileBytesAfter: this.dataFileBytes() };
  }

  dataFileBytes(): number {
    let n = 0;
    for (const suffix of ['', '-wal']) {
      try {
        n += fs.statSync(this.dbFile + suffix).size;
      } catch {
        // No write-ahead log right now.
      }
    }
    return n;
  }

  private requireSession(sessionId: string): string {
    const row = this.stmt.session!.get(sessionId) as { status: string } | undefined;
    if (!row) throw new AppError('NOT_FOUND', 'That interview is not in your data.');
    return row.status;
  }
}
