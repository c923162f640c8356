import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { formatDistanceToNow } from 'date-fns';
import { PHASE_LABELS } from '../../../shared/domain/phases';
import { formatClock } from '../../../shared/domain/timer';
import { call } from '../api/client';
import { formatAway } from './away';
import { sessionDiscarded, sessionKeys } from '../api/keys';
import { ConfirmDialog } from '../components/Dialog';

/** Offers any interview that was interrupted (closed, crashed, power cut) for resume. */
export function ResumeBanner() {
  const queryClient = useQueryClient();
  const unfinished = useQuery({
    queryKey: sessionKeys.unfinished(),
    queryFn: () => call('session.unfinished', {}),
    staleTime: 0,
  });
  const [discarding, setDiscarding] = useState<{ id: string; problemTitle: string } | null>(null);
  if (!unfinished.data || unfinished.data.length === 0) return null;
  return (
    <div className="resume" data-testid="resume-banner">
      {unfinished.data.map((s) => (
        <div key={s.id} className="notice resume-row">
          <div>
            <strong>Unfinished interview: {s.problemTitle}</strong>
            <div className="muted small-print">
              {formatClock(s.elapsedMs)} in, {s.phase ? PHASE_LABELS[s.phase] : 'not started'}
              {s.paused ? ' (paused)' : ''} · last saved{' '}
              {formatDistanceToNow(new Date(s.updatedAtMs), { addSuffix: true })}
              {s.awayMs > 0 && (
                <span data-testid="resume-away">
                  {' '}
                  · resumes from there; the {formatAway(s.awayMs)} since won’t count
                </span>
              )}
            </div>
          </div>
          <div className="row">
            <button className="btn" onClick={() => setDiscarding(s)}>
              Discard
            </button>
            <a className="btn primary" href={`#/session/${s.id}`} data-testid="resume">
              Resume
            </a>
          </div>
        </div>
      ))}
      <ConfirmDialog
        open={discarding !== null}
        onOpenChange={(open) => {
          if (!open) setDiscarding(null);
        }}
        title="Discard this interview?"
        confirmLabel="Discard"
        cancelLabel="Keep it"
        danger
        onConfirm={() => {
          if (!discarding) return;
          const id = discarding.id;
          void call('session.discard', { id }).then(() => sessionDiscarded(queryClient, id));
        }}
        testId="discard-dialog"
      >
        <p>
          Your unfinished interview of {discarding?.problemTitle} is deleted. It will not appear in your
          history.
        </p>
      </ConfirmDialog>
    </div>
  );
}
