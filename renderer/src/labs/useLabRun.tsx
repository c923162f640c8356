/** Running a lab from a page: progress (shown only for runs over ~300 ms), Stop, and the outcome in words. */
import { useEffect, useRef, useState } from 'react';
import { seconds, startRun, type RunHandle, type RunOutcome } from './runner';

/** Runs shorter than this never show a progress bar (it would only flash). */
const PROGRESS_AFTER_MS = 300;

export function outcomeMessage(outcome: RunOutcome): string | null {
  switch (outcome.kind) {
    case 'done':
      return outcome.cutShort
        ? 'The run reached its time limit and stopped early; the results show what it measured until then.'
        : null;
    case 'timed-out':
      return `Stopped after ${seconds(outcome.limitMs)}: the run did not finish within its time limit.`;
    case 'stopped':
      return `Stopped by you after ${seconds(Math.round(outcome.afterMs / 100) * 100)}.`;
    case 'failed':
      return `The run failed: ${outcome.message}`;
  }
}

export function useLabRun() {
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<{ fraction: number; stage: string } | null>(null);
  const [showProgress, setShowProgress] = useState(false);
  const handle = useRef<RunHandle | null>(null);
  useEffect(() => () => handle.current?.stop(), []);
  const run = async (...args: Parameters<typeof startRun>): Promise<RunOutcome> => {
    handle.current?.stop();
    setRunning(true);
    setProgress({ fraction: 0, stage: 'Starting' });
    setShowProgress(false);
    const timer = setTimeout(() => setShowProgress(true), PROGRESS_AFTER_MS);
    const h = startRun(args[0], {
      ...args[1],
      onProgress: (fraction, stage) => setProgress({ fraction, stage }),
    });
    handle.current = h;
    const outcome = await h.outcome;
    clearTimeout(timer);
    if (handle.current === h) {
      handle.current = null;
      setRunning(false);
      setShowProgress(false);
    }
    return outcome;
  };
  return { running, progress: showProgress ? progress : null, run, stop: () => handle.current?.stop() };
}

export function ProgressBar({ progress }: { progress: { fraction: number; stage: string } | null }) {
  if (!progress) return null;
  return (
    <div className="lab-progress" data-testid="lab-progress">
      <progress max={1} value={progress.fraction} aria-label={progress.stage} />
      <span className="muted">
        {progress.stage}… {Math.round(progress.fraction * 100)}%
      </span>
    </div>
  );
}
