/**
 * The interview's clocks. Each subscribes to the shared ticker and selects only the text it shows,
 * so a tick re-renders these few spans once a second — never the screen, the notes or the board.
 */
import { useCallback } from 'react';
import type { SessionState } from '../../../shared/api/sessions';
import type { PhaseId } from '../../../shared/content/schema';
import { PHASE_LABELS } from '../../../shared/domain/phases';
import { computeTimer, formatClock, type TimerState } from '../../../shared/domain/timer';
import { useNow } from '../components/ticker';
import { countRender } from './renderProbe';

export interface ClockSource {
  events: SessionState['events'];
  budgetsMin: SessionState['budgetsMin'];
  /** The back end's clock minus this page's: the back end's clock is the reference. */
  skewMs: number;
}

/** Selects one primitive from the timer at the current tick. */
function useTimer<T extends string | number | boolean>(source: ClockSource, select: (t: TimerState) => T): T {
  const { events, budgetsMin, skewMs } = source;
  return useNow(
    useCallback(
      (nowMs: number) => select(computeTimer(events, budgetsMin, nowMs + skewMs)),
      [events, budgetsMin, skewMs, select],
    ),
  );
}

function clockText(ms: number): string {
  return ms < 0 ? `${formatClock(ms)} over` : formatClock(ms);
}

const selectTotal = (t: TimerState) => clockText(t.totalRemainingMs);

export function TotalClock({ source, targetMin }: { source: ClockSource; targetMin: number }) {
  countRender('clock');
  const text = useTimer(source, selectTotal);
  return (
    <div className="clock-row">
      <span className={`clock big${text.endsWith('over') ? ' over' : ''}`} data-testid="total-clock">
        {text}
      </span>
      <span className="muted small-print">of {targetMin} min</span>
    </div>
  );
}

function PhaseStep({
  source,
  index,
  phase,
  currentIndex,
}: {
  source: ClockSource;
  index: number;
  phase: PhaseId;
  currentIndex: number;
}) {
  const state = index < currentIndex ? 'done' : index === currentIndex ? 'current' : 'todo';
  const select = useCallback(
    (t: TimerState) => {
      const p = t.phases[index]!;
      return state === 'todo' ? `${Math.round(p.budgetMs / 60000)} min` : clockText(p.remainingMs);
    },
    [index, state],
  );
  const text = useTimer(source, select);
  return (
    <li
      className={`step ${state}${text.endsWith('over') ? ' over' : ''}`}
      aria-current={state === 'current' ? 'step' : undefined}
    >
      <span className="step-name">{PHASE_LABELS[phase]}</span>
      <span className="step-clock" data-testid={state === 'current' ? 'phase-clock' : undefined}>
        {text}
      </span>
    </li>
  );
}

export function PhaseSteps({
  source,
  phases,
  currentIndex,
}: {
  source: ClockSource;
  phases: readonly PhaseId[];
  currentIndex: number;
}) {
  return (
    <ol className="phase-steps" aria-label="Phases">
      {phases.map((p, i) => (
        <PhaseStep key={p} source={source} index={i} phase={p} currentIndex={currentIndex} />
      ))}
    </ol>
  );
}

const selectOvertime = (t: TimerState) => t.phaseOvertime && !t.paused;

/** Says once that the phase's budget is up; re-renders only when that changes. */
export function PhaseNudge({
  source,
  phase,
  budgetMin,
  isLast,
  dismissed,
  onDismiss,
}: {
  source: ClockSource;
  phase: PhaseId;
  budgetMin: number;
  isLast: boolean;
  dismissed: boolean;
  onDismiss: () => void;
}) {
  const overtime = useTimer(source, selectOvertime);
  if (!overtime || dismissed) return null;
  return (
    <div className="banner nudge" role="status" data-testid="nudge">
      {PHASE_LABELS[phase]}’s {budgetMin} minute{budgetMin === 1 ? ' is' : 's are'} up.{' '}
      {isLast ? 'Wrap up when you’re ready.' : 'Finish your thought and move on when you’re ready.'}
      <button className="btn" onClick={onDismiss}>
        OK
      </button>
    </div>
  );
}
