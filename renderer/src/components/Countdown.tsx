import { useCallback, useEffect, useState } from 'react';
import { formatClock } from '../../../shared/domain/timer';
import { useNow } from './ticker';

/**
 * A practice timer for drills and 2-minute answers: start it, talk, and it says when time is up.
 * Time comes from the shared ticker (the clock, not counted ticks), so a busy page never slows it
 * down, and only this component re-renders as it counts.
 */
export function Countdown({
  minutes,
  onDone,
  label,
}: {
  minutes: number;
  onDone?: () => void;
  label: string;
}) {
  const [endsAt, setEndsAt] = useState<number | null>(null);
  const [done, setDone] = useState(false);
  // Whole seconds left: the component re-renders once a second, not on every tick.
  const remainingSec = useNow(
    useCallback(
      (nowMs: number) => (endsAt === null ? minutes * 60 : Math.max(0, Math.ceil((endsAt - nowMs) / 1000))),
      [endsAt, minutes],
    ),
  );
  useEffect(() => {
    if (endsAt !== null && remainingSec <= 0 && !done) {
      setDone(true);
      onDone?.();
    }
  }, [endsAt, remainingSec, done, onDone]);

  return (
    <div className={`countdown${done ? ' done' : ''}`} data-testid="countdown">
      <span className="clock big" aria-live="off">
        {formatClock(remainingSec * 1000)}
      </span>
      {endsAt === null ? (
        <button className="btn primary" onClick={() => setEndsAt(Date.now() + minutes * 60_000)}>
          {label}
        </button>
      ) : done ? (
        <span role="status">Time’s up — compare with the reference now.</span>
      ) : (
        <button className="btn" onClick={() => setEndsAt(Date.now())}>
          I’m done
        </button>
      )}
    </div>
  );
}
