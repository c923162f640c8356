/**
 * One timeline for the session page: the session's clock (epoch ms, as events and snapshots carry
 * it). A recording's segments each cover a stretch of it; between them (a pause) there is no audio.
 */
export interface TimedSegment {
  segment: number;
  startedAtMs: number;
  endedAtMs: number;
}

/** The segment playing at `atMs` and how far into its audio that is, or null in a silent stretch. */
export function segmentAt<T extends TimedSegment>(
  segments: readonly T[],
  atMs: number,
): { segment: T; audioMs: number } | null {
  for (const s of segments) {
    if (atMs >= s.startedAtMs && atMs < s.endedAtMs) return { segment: s, audioMs: atMs - s.startedAtMs };
  }
  return null;
}

/** The first segment that starts after `atMs` (where silence ends), or null when none does. */
export function nextSegmentAfter<T extends TimedSegment>(segments: readonly T[], atMs: number): T | null {
  return (
    segments.filter((s) => s.startedAtMs > atMs).sort((a, b) => a.startedAtMs - b.startedAtMs)[0] ?? null
  );
}

/** The index of the line being said at `atMs`: the last one begun by then (−1 before the first). */
export function lineAt(lines: readonly { atMs: number }[], atMs: number): number {
  let found = -1;
  lines.forEach((l, i) => {
    if (l.atMs <= atMs) found = i;
  });
  return found;
}
