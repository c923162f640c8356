/**
 * Voice recording of an interview, its playback on the session page, and its transcript.
 *
 * Chunks travel as base64 inside the ordinary JSON call: the recorder sends one every few seconds
 * (about 16 KB of Opus at 32 kbit/s, 22 KB as base64), so both transports carry it unchanged and a
 * chunk is never large enough for the encoding to matter. The cap below is far above any real chunk.
 */
import { z } from 'zod';
import { AUDIO_MIME_TYPES } from './voiceFormats';

const SessionId = z.string().regex(/^[a-z0-9-]{8,64}$/, 'is not a session id');
/** 1.5 MB of base64 is about 1.1 MB of audio: minutes of Opus, far more than one chunk. */
export const MAX_CHUNK_BASE64_CHARS = 1_500_000;
export { AUDIO_MIME_TYPES };

export const VoiceGap = z.object({
  segment: z.number(),
  /** The chunk numbers that never arrived. */
  missing: z.array(z.number()),
  /** The segment cannot be played at all: its first chunk (with the stream's header) is missing. */
  headerMissing: z.boolean(),
});
export type VoiceGap = z.infer<typeof VoiceGap>;

export const VoiceSegment = z.object({
  segment: z.number(),
  mimeType: z.string(),
  /** Epoch ms on the back end's clock, the same clock as the session's events and snapshots. */
  startedAtMs: z.number(),
  endedAtMs: z.number(),
  sizeBytes: z.number(),
  chunks: z.number(),
});
export type VoiceSegment = z.infer<typeof VoiceSegment>;

export const TranscriptLine = z.object({
  /** Epoch ms on the session's clock. */
  atMs: z.number(),
  endMs: z.number(),
  text: z.string(),
});
export type TranscriptLine = z.infer<typeof TranscriptLine>;

export const VoiceTranscript = z.object({
  model: z.string(),
  createdAtMs: z.number(),
  lines: z.array(TranscriptLine),
});
export type VoiceTranscript = z.infer<typeof VoiceTranscript>;

export const VoiceRecording = z.object({
  sessionId: z.string(),
  planned: z.boolean(),
  segments: z.array(VoiceSegment),
  gaps: z.array(VoiceGap),
  sizeBytes: z.number(),
  transcript: VoiceTranscript.nullable(),
  /** Why the last transcription failed, until one succeeds. */
  transcribeError: z.string().nullable(),
});
export type VoiceRecording = z.infer<typeof VoiceRecording>;

export const VoiceUsage = z.object({
  totalBytes: z.number(),
  /** The data file on disk (with its write-ahead log): what deleting shrinks. */
  dataFileBytes: z.number(),
  sessions: z.array(
    z.object({
      sessionId: z.string(),
      problemTitle: z.string(),
      createdAtMs: z.number(),
      sizeBytes: z.number(),
      durationMs: z.number(),
    }),
  ),
});
export type VoiceUsage = z.infer<typeof VoiceUsage>;

const Deleted = z.object({
  deletedBytes: z.number(),
  dataFileBytesBefore: z.number(),
  dataFileBytesAfter: z.number(),
});

export const voiceCalls = {
  /** Whether the start panel offers recording ticked (the last choice made there). */
  'voice.defaults': {
    input: z.object({}).strict(),
    output: z.object({ recordByDefault: z.boolean() }),
  },
  /** The candidate's choice for one interview; remembered as the default for the next. */
  'voice.plan': {
    input: z.object({ sessionId: SessionId, record: z.boolean() }).strict(),
    output: z.object({ record: z.boolean() }),
  },
  'voice.chunk': {
    input: z
      .object({
        sessionId: SessionId,
        segment: z.number().int().min(0).max(10_000),
        seq: z.number().int().min(0).max(1_000_000),
        mimeType: z.enum(AUDIO_MIME_TYPES),
        /** The page's clock when the segment began and when this chunk ended, and now. */
        segmentStartedClientMs: z.number(),
        chunkEndedClientMs: z.number(),
        sentClientMs: z.number(),
        dataBase64: z.string().min(1).max(MAX_CHUNK_BASE64_CHARS),
      })
      .strict(),
    output: z.object({ stored: z.boolean(), sizeBytes: z.number() }),
  },
  'voice.get': { input: z.object({ sessionId: SessionId }).strict(), output: VoiceRecording },
  /** One segment's audio, its chunks in order (a playable file), as base64. */
  'voice.audio': {
    input: z.object({ sessionId: SessionId, segment: z.number().int().min(0) }).strict(),
    output: z.object({ mimeType: z.string(), base64: z.string(), sizeBytes: z.number() }),
  },
  'voice.usage': { input: z.object({}).strict(), output: VoiceUsage },
  /** Whether transcription can run (an endpoint is set up in Settings → AI) and with which model. */
  'voice.transcription': {
    input: z.object({}).strict(),
    output: z.object({ configured: z.boolean(), model: z.string() }),
  },
  'voice.setTranscriptionModel': {
    input: z.object({ model: z.string().trim().min(1).max(120) }).strict(),
    output: z.object({ model: z.string() }),
  },
  /**
   * Sends the recording to the endpoint and stores the timestamped transcript. A failure is kept
   * (transcribeError) and the audio is untouched, so it can be tried again later.
   */
  'voice.transcribe': { input: z.object({ sessionId: SessionId }).strict(), output: VoiceRecording },
  /** Deletes one session's recording and transcript, or every recording when no session is named. */
  'voice.delete': {
    input: z.object({ sessionId: SessionId.optional() }).strict(),
    output: Deleted,
  },
} as const;
