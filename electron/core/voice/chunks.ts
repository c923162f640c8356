/**
 * How a recording's stored chunks become playable segments. Pure: the store reads rows and these
 * functions decide order, gaps and timing, so they are unit-tested on their own.
 */
import type { VoiceGap } from '../../../shared/api/voice';

export interface ChunkRow {
  segment: number;
  seq: number;
  endedAtMs: number;
  sizeBytes: number;
}

export interface SegmentRow {
  segment: number;
  mimeType: string;
  startedAtMs: number;
}

/**
 * Chunks sorted into recording order: by segment, then by the recorder's number, whatever order they
 * arrived in. A number stored twice (a retried upload) counts once.
 */
export function orderChunks<T extends ChunkRow>(chunks: readonly T[]): T[] {
  const seen = new Set<string>();
  return [...chunks]
    .sort((a, b) => a.segment - b.segment || a.seq - b.seq)
    .filter((c) => {
      const key = `${c.segment}:${c.seq}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/**
 * The chunks that never arrived, per segment: numbers missing below the highest one stored. A
 * missing last chunk cannot be told from a recording that stopped there, so it is not a gap. A
 * segment without chunk 0 has lost the stream's header and cannot be decoded.
 */
export function findGaps(chunks: readonly ChunkRow[]): VoiceGap[] {
  const bySegment = new Map<number, Set<number>>();
  for (const c of chunks) {
    const set = bySegment.get(c.segment) ?? new Set<number>();
    set.add(c.seq);
    bySegment.set(c.segment, set);
  }
  const gaps: VoiceGap[] = [];
  for (const [segment, seqs] of [...bySegment].sort((a, b) => a[0] - b[0])) {
    const highest = Math.max(...seqs);
    const missing: number[] = [];
    for (let i = 0; i < highest; i++) if (!seqs.has(i)) missing.push(i);
    if (missing.length > 0) gaps.push({ segment, missing, headerMissing: !seqs.has(0) });
  }
  return gaps;
}

/**
 * Converts a time on the page's clock to the back end's clock: the chunk was sent `sentClientMs` by
 * the page and received at `receivedMs` here, so the two clocks differ by that much (less the
 * request's own short trip, which is far below what the replay's snapshots resolve).
 */
export function toServerClock(clientMs: number, sentClientMs: number, receivedMs: number): number {
  return Math.round(receivedMs - (sentClientMs - clientMs));
}

export interface SegmentSummary extends SegmentRow {
  endedAtMs: number;
  sizeBytes: number;
  chunks: number;
}

/** Each segment with the span and size of the chunks it holds; segments with no chunk are left out. */
export function summarise(segments: readonly SegmentRow[], chunks: readonly ChunkRow[]): SegmentSummary[] {
  const ordered = orderChunks(chunks);
  return [...segments]
    .sort((a, b) => a.segment - b.segment)
    .map((s) => {
      const own = ordered.filter((c) => c.segment === s.segment);
      return {
        ...s,
        endedAtMs: Math.max(s.startedAtMs, ...own.map((c) => c.endedAtMs)),
        sizeBytes: own.reduce((n, c) => n + c.sizeBytes, 0),
        chunks: own.length,
      };
    })
    .filter((s) => s.chunks > 0);
}
