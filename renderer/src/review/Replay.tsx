import {
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { useQuery } from '@tanstack/react-query';
import type { SessionState } from '../../../shared/api/sessions';
import { PHASE_LABELS } from '../../../shared/domain/phases';
import { formatClock } from '../../../shared/domain/timer';
import { call } from '../api/client';
import { sessionKeys } from '../api/keys';
import { usePrefersDark } from '../components/usePrefersDark';
import type { WhiteboardHandle } from '../interview/Whiteboard';
import './replay.css';

const Whiteboard = lazy(() => import('../interview/Whiteboard'));

/** How long each snapshot stays on screen while playing. */
export const REPLAY_STEP_MS = 1000;
/** A phase label closer than this (share of the axis) to the previous one shows as a tick only. */
const MIN_LABEL_GAP = 0.09;

/** Where an offset sits on the slider's axis: the thumb's centre travels inside half its width. */
const onAxis = (share: number) => `calc(var(--thumb) / 2 + (100% - var(--thumb)) * ${share})`;

/** The replay's time axis, for what is drawn beside the phase markers (a row of its own). */
export interface ReplayAxis {
  /** CSS `left` for a moment on the axis. */
  left: (atMs: number) => string;
  /** Shows the first snapshot at or after a moment. */
  goTo: (atMs: number) => void;
  startMs: number;
}

/**
 * A timeline shared with something else (the recorded voice): the board follows its position, and
 * scrubbing the slider or a phase marker moves it instead of the board alone.
 */
export interface ReplayFollow {
  /** The shared position, epoch ms on the session's clock. */
  atMs: number;
  onSeek: (atMs: number) => void;
  /** Play, pause and speed for the shared timeline, in place of the board's own play button. */
  controls: ReactNode;
  /** Where the shared timeline ends (the audio may run past the last snapshot). */
  endMs: number;
}

/**
 * The whiteboard over time: a slider across the snapshots on a time axis (the phase changes marked
 * on the same axis), play/pause that steps through them, and zoom to fit.
 */
export function Replay({
  session,
  onBoard,
  track,
  follow,
}: {
  session: SessionState;
  onBoard?: (h: WhiteboardHandle) => void;
  track?: (axis: ReplayAxis) => ReactNode;
  follow?: ReplayFollow;
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
  const [playing, setPlaying] = useState(false);
  const [boardReady, setBoardReady] = useState(false);
  const position = index ?? frames.length;
  const start = session.createdAtMs;
  const end = Math.max(session.endedAtMs ?? session.updatedAtMs, frames.at(-1)?.atMs ?? start);
  const spanMs = Math.max(1, Math.max(end, follow?.endMs ?? end) - start);
  /** Offset of each position from the start, the final board last. */
  const offsets = useMemo(() => [...frames.map((f) => f.atMs - start), end - start], [frames, start, end]);

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
        if (request === latestRequest.current) {
          setError((e as Error).message);
          setPlaying(false);
        }
      } finally {
        setHandled((n) => n + 1);
      }
    },
    [frames, session.id, session.scene?.json],
  );
  const onReady = useCallback(
    (h: WhiteboardHandle) => {
      board.current = h;
      setBoardReady(true);
      // Excalidraw takes its initial scene a few frames after it is ready: fit the final board once
      // it is there. Earlier snapshots then load into the same view, so the drawing grows into it.
      let waited = 0;
      const fitWhenDrawn = () => {
        if (h.elementCount() > 0) h.zoomToFit();
        else if (++waited < 120) requestAnimationFrame(fitWhenDrawn);
      };
      requestAnimationFrame(fitWhenDrawn);
      onBoard?.(h);
    },
    [onBoard],
  );

  useEffect(() => {
    setIndex(null);
    setPlaying(false);
  }, [session.id]);

  // Playing: each snapshot stays REPLAY_STEP_MS after it was shown, then the next; the final board
  // ends it. The timer restarts when an answer arrives, so a slow snapshot is never skipped.
  useEffect(() => {
    if (!playing) return;
    if (position >= frames.length) {
      setPlaying(false);
      return;
    }
    const timer = setTimeout(() => void show(position + 1), REPLAY_STEP_MS);
    return () => clearTimeout(timer);
  }, [playing, position, handled, frames.length, show]);

  // Following a shared timeline: show the last snapshot taken by its position.
  const followAt = follow ? follow.atMs - start : null;
  useEffect(() => {
    // Not before the board can show it: a snapshot "shown" to no board would never be drawn.
    if (followAt === null || !snapshots.data || !boardReady) return;
    let target = 0;
    offsets.forEach((o, i) => {
      if (o <= followAt) target = i;
    });
    if (target !== position) void show(target);
  }, [followAt, offsets, position, show, snapshots.data, boardReady]);

  function togglePlay() {
    if (playing) return setPlaying(false);
    if (position >= frames.length) void show(0);
    setPlaying(true);
  }

  /** The position nearest to an offset on the axis. */
  function nearest(offsetMs: number): number {
    let best = 0;
    offsets.forEach((o, i) => {
      if (Math.abs(o - offsetMs) < Math.abs(offsets[best]! - offsetMs)) best = i;
    });
    return best;
  }

  function onSliderKey(e: KeyboardEvent<HTMLInputElement>) {
    // Arrow keys step snapshot by snapshot, not millisecond by millisecond.
    const to =
      e.key === 'ArrowRight' || e.key === 'ArrowUp'
        ? Math.min(position + 1, frames.length)
        : e.key === 'ArrowLeft' || e.key === 'ArrowDown'
          ? Math.max(position - 1, 0)
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? frames.length
              : null;
    if (to === null) return;
    e.preventDefault();
    setPlaying(false);
    if (follow) follow.onSeek(start + offsets[to]!);
    else if (to !== position) void show(to);
  }

  const atMs = follow ? follow.atMs : start + offsets[position]!;
  const phaseAt = frames[position]?.phase ?? session.events.filter((e) => e.phase).at(-1)?.phase ?? null;
  const markers = useMemo(() => {
    let lastLabelled = -Infinity;
    return session.events
      .filter((e) => (e.kind === 'phase' || e.kind === 'start') && e.phase)
      .map((e) => {
        const share = Math.min(1, Math.max(0, (e.atMs - start) / spanMs));
        const labelled = share - lastLabelled >= MIN_LABEL_GAP;
        if (labelled) lastLabelled = share;
        return { phase: e.phase!, offsetMs: e.atMs - start, share, labelled };
      });
  }, [session.events, start, spanMs]);
  const positionText =
    position >= frames.length ? 'Final board' : `Snapshot ${position + 1} of ${frames.length}`;

  if (!session.scene || session.scene.elementCount === 0)
    return <p className="muted">Nothing was drawn in this session.</p>;
  return (
    <div
      className="replay"
      data-testid="replay"
      data-answers-handled={handled}
      data-playing={playing}
      data-step-ms={REPLAY_STEP_MS}
    >
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
      <div className="replay-controls">
        {follow ? (
          follow.controls
        ) : (
          <button
            type="button"
            className="btn replay-play"
            onClick={togglePlay}
            disabled={!snapshots.data}
            data-testid="replay-play"
          >
            {playing ? '❚❚ Pause' : '▶ Play'}
          </button>
        )}
        <div className="muted small-print replay-position" data-testid="replay-position" aria-live="polite">
          {positionText} · {formatClock(atMs - start)} in{phaseAt ? ` · ${PHASE_LABELS[phaseAt]}` : ''}
        </div>
        <button
          type="button"
          className="btn"
          onClick={() => board.current?.zoomToFit()}
          data-testid="replay-fit"
          title="Zoom the board so the whole drawing fits"
        >
          Zoom to fit
        </button>
      </div>
      <div className="scrubber">
        <div className="scrub-track" aria-label="Phases" role="group">
          {markers.map((m) => (
            <button
              key={`${m.phase}-${m.offsetMs}`}
              type="button"
              className={`phase-marker${m.labelled ? '' : ' tick-only'}`}
              style={{ left: onAxis(m.share) }}
              data-phase={m.phase}
              data-offset-ms={m.offsetMs}
              title={`${PHASE_LABELS[m.phase]} began at ${formatClock(m.offsetMs)}`}
              aria-label={`Go to ${PHASE_LABELS[m.phase]}, began at ${formatClock(m.offsetMs)}`}
              onClick={() => {
                setPlaying(false);
                if (follow) return follow.onSeek(start + m.offsetMs);
                // The first snapshot at or after the phase began (the final board if none).
                const i = offsets.findIndex((o) => o >= m.offsetMs);
                void show(i < 0 ? frames.length : i);
              }}
            >
              <span aria-hidden="true">{m.labelled ? PHASE_LABELS[m.phase] : ''}</span>
            </button>
          ))}
        </div>
        {track?.({
          left: (atMs) => onAxis(Math.min(1, Math.max(0, (atMs - start) / spanMs))),
          goTo: (atMs) => {
            if (follow) return follow.onSeek(atMs);
            setPlaying(false);
            const i = offsets.findIndex((o) => o >= atMs - start);
            void show(i < 0 ? frames.length : i);
          },
          startMs: start,
        })}
        <div className="scrub-rail">
          {offsets.slice(0, -1).map((o, i) => (
            <span key={frames[i]!.id} className="snap-dot" style={{ left: onAxis(o / spanMs) }} />
          ))}
          <input
            type="range"
            min={0}
            max={spanMs}
            step={1}
            value={followAt === null ? offsets[position] : Math.min(spanMs, Math.max(0, followAt))}
            aria-label="Replay the whiteboard"
            aria-valuetext={`${positionText}, ${formatClock(atMs - start)} in`}
            data-testid="replay-slider"
            onKeyDown={onSliderKey}
            onChange={(e) => {
              setPlaying(false);
              if (follow) return follow.onSeek(start + Number(e.target.value));
              const to = nearest(Number(e.target.value));
              if (to !== position) void show(to);
            }}
          />
        </div>
        <div className="scrub-ends muted small-print" aria-hidden="true">
          <span>0:00</span>
          <span>{formatClock(spanMs)}</span>
        </div>
        {error && <div className="notice bad">{error}</div>}
      </div>
    </div>
  );
}
