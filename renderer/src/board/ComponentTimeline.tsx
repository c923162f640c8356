/**
 * When each essential component of the reference first appeared on the board: on the replay's time
 * axis under the phase markers, a dot per component (click it to see the board then); and as a list
 * beside the final board's findings, with the components that never appeared said plainly.
 */
import { useQuery } from '@tanstack/react-query';
import { PHASE_LABELS, type PhaseId } from '../../../shared/domain/phases';
import { formatClock } from '../../../shared/domain/timer';
import { call } from '../api/client';
import { boardKeys } from '../api/keys';
import type { ReplayAxis } from '../review/Replay';
import './board.css';

function useTimeline(sessionId: string) {
  return useQuery({
    queryKey: boardKeys.timeline(sessionId),
    queryFn: () => call('board.timeline', { id: sessionId }),
  });
}

type Appearance = { name: string; atMs: number | null; phase: PhaseId | null };
const when = (c: Appearance, startMs: number) =>
  `${formatClock(c.atMs! - startMs)}${c.phase ? `, ${PHASE_LABELS[c.phase]}` : ''}`;

export function ComponentTimeline({ sessionId, axis }: { sessionId: string; axis: ReplayAxis }) {
  const drawn = (useTimeline(sessionId).data?.components ?? []).filter((c) => c.atMs !== null);
  if (drawn.length === 0) return null;
  return (
    <div
      className="component-track"
      role="group"
      aria-label="When each essential component first appeared"
      data-testid="component-timeline"
    >
      {drawn.map((c) => (
        <button
          key={c.id}
          type="button"
          className="component-dot"
          style={{ left: axis.left(c.atMs!) }}
          data-component={c.id}
          title={`${c.name}: first drawn at ${when(c, axis.startMs)}`}
          aria-label={`Show the board when the ${c.name} first appeared, at ${when(c, axis.startMs)}`}
          onClick={() => axis.goTo(c.atMs!)}
        />
      ))}
    </div>
  );
}

export function ComponentTimes({ sessionId, startMs }: { sessionId: string; startMs: number }) {
  const components = useTimeline(sessionId).data?.components ?? [];
  if (components.length === 0) return null;
  return (
    <div data-testid="component-times">
      <h4 className="component-times-title">When each essential component first appeared</h4>
      <ul className="component-times muted">
        {components.map((c) =>
          c.atMs === null ? (
            <li key={c.id} className="never">
              {c.name}: never drawn
            </li>
          ) : (
            <li key={c.id}>
              {c.name}: {when(c, startMs)}
            </li>
          ),
        )}
      </ul>
    </div>
  );
}
