/**
 * Transcription through the configured OpenAI-compatible endpoint (the same one Settings → AI sets
 * up), with the openai SDK's `audio.transcriptions.create`, asking for segments with timestamps
 * (`verbose_json`). Failures are described by the AI client's own rules (describeFailure), so a
 * refused key, a missing model or a dead server read the same here as everywhere else.
 *
 * Long recordings are split to fit the endpoint's upload limit. A recording can only be cut where
 * the recorder cut it (between chunks), and only its first chunk carries the stream's header, so
 * every later part is sent as [first chunk + its own chunks]: a file any decoder opens. What the
 * endpoint hears of the repeated first chunk is dropped from that part's lines.
 */
import type { TranscriptLine } from '../../../shared/api/voice';
import type { Endpoint } from '../ai/client';
import { AiCallError } from '../ai/errors';

/** OpenAI accepts 25 MB per upload; a margin for the form's own bytes. */
export const MAX_UPLOAD_BYTES = 24 * 1024 * 1024;

export interface TimedChunk {
  seq: number;
  /** Where the chunk's audio begins and ends, in ms from its segment's start. */
  fromMs: number;
  toMs: number;
  sizeBytes: number;
}

export interface UploadPart {
  /** Chunk numbers after the header chunk (chunk 0 is always sent first). */
  seqs: number[];
  /** Where this part's own audio starts, in ms from the segment's start. */
  fromMs: number;
  /** How much audio the repeated header chunk adds before it (0 for the first part). */
  headerMs: number;
}

/**
 * Groups a segment's chunks (in order, chunk 0 first) into uploads no larger than `maxBytes`. Every
 * part after the first repeats chunk 0. Throws when one chunk with the header cannot fit.
 */
export function planUploads(chunks: readonly TimedChunk[], maxBytes: number): UploadPart[] {
  if (chunks.length === 0) return [];
  const header = chunks[0]!;
  const parts: UploadPart[] = [{ seqs: [], fromMs: 0, headerMs: 0 }];
  let size = header.sizeBytes;
  for (const c of chunks.slice(1)) {
    if (size + c.sizeBytes > maxBytes) {
      if (header.sizeBytes + c.sizeBytes > maxBytes)
        throw new Error(`One piece of the recording (${c.sizeBytes} bytes) is larger than the upload limit.`);
      parts.push({ seqs: [], fromMs: c.fromMs, headerMs: header.toMs - header.fromMs });
      size = header.sizeBytes;
    }
    parts.at(-1)!.seqs.push(c.seq);
    size += c.sizeBytes;
  }
  return parts;
}

/**
 * A part's lines on the session's clock. A line the endpoint placed inside the repeated header
 * chunk is that chunk heard again, and is left out.
 */
export function placeLines(
  segments: readonly { start: number; end: number; text: string }[],
  part: UploadPart,
  segmentStartedAtMs: number,
): TranscriptLine[] {
  return segments
    .filter((s) => s.text.trim() && (part.headerMs === 0 || s.start * 1000 >= part.headerMs - 250))
    .map((s) => ({
      atMs: Math.round(segmentStartedAtMs + part.fromMs + Math.max(0, s.start * 1000 - part.headerMs)),
      endMs: Math.round(segmentStartedAtMs + part.fromMs + Math.max(0, s.end * 1000 - part.headerMs)),
      text: s.text.trim(),
    }));
}

/** Sends one file and returns its timestamped segments, or throws AiCallError saying what failed. */
export async function transcribeFile(
  endpoint: Endpoint,
  model: string,
  file: { bytes: Buffer; name: string; mimeType: string },
): Promise<{ start: number; end: number; text: string }[]> {
  // Loaded on the first transcription, not when the back end starts (see ai/errors.ts).
  const { OpenAI, toFile, describeFailure } = await import('../ai/client');
  const sdk = new OpenAI({
    baseURL: endpoint.baseURL,
    apiKey: endpoint.apiKey ?? 'no-key-set',
    maxRetries: 0,
    timeout: endpoint.timeoutMs,
    organization: null,
    project: null,
  });
  const forFailures = { ...endpoint, model };
  try {
    const out = await sdk.audio.transcriptions.create({
      file: await toFile(file.bytes, file.name, { type: file.mimeType }),
      model,
      response_format: 'verbose_json',
      timestamp_granularities: ['segment'],
    });
    if (!Array.isArray(out.segments))
      throw new AiCallError({
        kind: 'bad-json',
        message: `The endpoint at ${new URL(endpoint.baseURL).host} answered without timestamped segments, so the transcript could not be placed on the timeline. Use a speech model that supports verbose_json (such as whisper-1).`,
      });
    return out.segments.map((s) => ({ start: s.start, end: s.end, text: s.text }));
  } catch (e) {
    if (e instanceof AiCallError) throw e;
    throw new AiCallError(describeFailure(e, forFailures));
  }
}
