import { useEffect, useState } from 'react';
import { formatClock } from '../../../shared/domain/timer';

/**
 * A practice timer for drills and 2-minute answers: start it, talk, and it says when time is up.
 * Time comes from the clock, not from counting ticks, so a busy page never slows it down.
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
  const [now, setNow] = useState(() => Date.now());
  const [done, setDone] = useState(false);
  useEffect(() => {
    if (endsAt === null || done) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [endsAt, done]);
  const remaining = endsAt === null ? minutes * 60_000 : endsAt - now;
  useEffect(() => {
    if (endsAt !== null && remaining <= 0 && !done) {
      setDone(true);
      onDone?.();
    }
  }, [endsAt, remaining, done, onDone]);

  return (
    <div className={`countdown${done ? ' done' : ''}`} data-testid="countdown">
      <span className="clock big" aria-live="off">
        {formatClock(Math.max(0, remaining))}
      </span>
      {endsAt === null ? (
        <button
          className="btn primary"
          onClick={() => {
            setEndsAt(Date.now() + minutes * 60_000);
            setNow(Date.now());
          }}
        >
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
