import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { SessionState } from '../../../shared/api/sessions';
import { PHASE_LABELS } from '../../../shared/domain/phases';
import { formatClock } from '../../../shared/domain/timer';
import { call } from '../api/client';
import { sessionKeys } from '../api/keys';
import { usePrefersDark } from '../components/usePrefersDark';
import type { WhiteboardHandle } from '../interview/Whiteboard';

const Whiteboard = lazy(() => import('../interview/Whiteboard'));

/** The whiteboard over time: a scrubber across the snapshots, with the phase changes marked. */
export function Replay({
  session,
  onBoard,
}: {
  session: SessionState;
  onBoard?: (h: WhiteboardHandle) => void;
}) {
  const dark = usePrefersDark();
  const snapshots = useQuery({
    queryKey: sessionKeys.snapshots(session.id),
    queryFn: () => call('session.snapshots', { id: session.id }),
  });
  const board = useRef<WhiteboardHandle | null>(null);
  const frames = useMemo(() => snapshots.data ?? [], [snapshots.data]);
  // The last position is the final board, which may be newer than the last snapshot.
  const [index, setIndex] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const position = index ?? frames.length;
  const start = session.createdAtMs;
  const end = session.endedAtMs ?? session.updatedAtMs;
  const span = Math.max(1, end - start);

  // Scrubbing fires a request per slider step, and answers can arrive out of order: only the answer
  // for the latest position may reach the board, or a slow older snapshot would replace a newer one.
  const latestRequest = useRef(0);
  // How many answers have been dealt with (shown or ignored): lets tests wait on an event, not time.
  const [handled, setHandled] = useState(0);
  const show = useCallback(
    async (i: number) => {
      const request = ++latestRequest.current;
      setIndex(i);
      setError(null);
      try {
        if (i >= frames.length) {
          board.current?.load(session.scene?.json ?? '{"elements":[]}');
        } else {
          const snap = await call('session.snapshot', { id: session.id, snapshotId: frames[i]!.id });
          if (request === latestRequest.current) board.current?.load(snap.json);
        }
      } catch (e) {
        if (request === latestRequest.current) setError((e as Error).message);
      } finally {
        setHandled((n) => n + 1);
      }
    },
    [frames, session.id, session.scene?.json],
  );
  const onReady = useCallback(
    (h: WhiteboardHandle) => {
      board.current = h;
      onBoard?.(h);
    },
    [onBoard],
  );

  useEffect(() => setIndex(null), [session.id]);

  const atMs = position >= frames.length ? end : frames[position]!.atMs;
  const phaseAt = frames[position]?.phase ?? session.events.filter((e) => e.phase).at(-1)?.phase ?? null;
  const markers = session.events.filter((e) => e.kind === 'phase' || e.kind === 'start');

  if (!session.scene || session.scene.elementCount === 0)
    return <p className="muted">Nothing was drawn in this session.</p>;
  return (
    <div className="replay" data-testid="replay" data-answers-handled={handled}>
      <div className="review-board">
        <Suspense fallback={<div className="muted">Loading the whiteboard…</div>}>
          <Whiteboard
            initialJson={session.scene.json}
            dark={dark}
            readOnly
            fileBaseName={`${session.problemId}-whiteboard`}
            onReady={onReady}
          />
        </Suspense>
      </div>
      <div className="scrubber">
        <div className="scrub-track">
          {markers.map((m) => (
            <span
              key={`${m.kind}-${m.atMs}`}
              className="phase-marker"
              style={{ left: `${((m.atMs - start) / span) * 100}%` }}
              title={m.phase ? PHASE_LABELS[m.phase] : ''}
            >
              {m.phase ? PHASE_LABELS[m.phase] : ''}
            </span>
          ))}
        </div>
        <input
          type="range"
          min={0}
          max={frames.length}
          step={1}
          value={position}
          aria-label="Replay the whiteboard"
          data-testid="replay-slider"
          onChange={(e) => void show(Number(e.target.value))}
        />
        <div className="muted small-print" data-testid="replay-position">
          {position >= frames.length ? 'Final board' : `Snapshot ${position + 1} of ${frames.length}`} ·{' '}
          {formatClock(atMs - start)} in{phaseAt ? ` · ${PHASE_LABELS[phaseAt]}` : ''}
        </div>
        {error && <div className="notice bad">{error}</div>}
      </div>
    </div>
  );
}
