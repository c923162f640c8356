import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useLocation } from 'wouter';
import type { Problem } from '../../../shared/content/schema';
import { PHASE_IDS, type PhaseId } from '../../../shared/domain/phases';
import { PHASE_LABELS } from '../../../shared/domain/phases';
import { call } from '../api/client';
import { sessionChanged } from '../api/keys';
import { planRecording, RecordOption, useRecordChoice } from '../voice/RecordOption';
import { useAiInterviewerChoice } from '../ai/interviewer';

/** Start an interview: the problem's phase budgets, editable before the clock starts. */
export function StartPanel({ problem }: { problem: Problem }) {
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();
  const [budgets, setBudgets] = useState<Record<PhaseId, number>>({ ...problem.phaseBudgetsMin });
  const [mutation, setMutation] = useState(false);
  const [record, setRecord] = useRecordChoice();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const aiChoice = useAiInterviewerChoice();
  const total = PHASE_IDS.reduce((acc, p) => acc + (budgets[p] || 0), 0);
  const valid =
    PHASE_IDS.every((p) => Number.isInteger(budgets[p]) && budgets[p] >= 1 && budgets[p] <= 120) &&
    total <= 240;

  async function start() {
    setBusy(true);
    setError(null);
    try {
      const session = await call('session.start', { problemId: problem.id, budgetsMin: budgets, mutation });
      await planRecording(session.id, record);
      await aiChoice.apply(session.id);
      await sessionChanged(queryClient, session);
      navigate(`/session/${session.id}`);
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  }

  return (
    <div className="card start-panel" data-testid="start-panel">
      <h2 className="h3">Practise this problem</h2>
      <p className="muted small-print">
        Talk out loud as if the interviewer were there. The plan below comes from the problem; change it if
        you want a different split.
      </p>
      <div className="budget-grid">
        {PHASE_IDS.map((p) => (
          <label key={p} className="budget">
            <span>{PHASE_LABELS[p]}</span>
            <span className="row" style={{ gap: 4 }}>
              <input
                type="number"
                min={1}
                max={120}
                value={Number.isNaN(budgets[p]) ? '' : budgets[p]}
                aria-label={`${PHASE_LABELS[p]} minutes`}
                onChange={(e) => setBudgets((b) => ({ ...b, [p]: e.target.valueAsNumber }))}
              />
              <small className="muted">min</small>
            </span>
          </label>
        ))}
      </div>
      <div className="row" style={{ justifyContent: 'space-between', marginTop: 10 }}>
        <label className="row" style={{ gap: 8 }}>
          <input type="checkbox" checked={mutation} onChange={(e) => setMutation(e.target.checked)} />
          Surprise me with a constraint change mid-interview
        </label>
        <RecordOption record={record} onChange={setRecord} />
        <div className="row">
          <span className={total === problem.timeTargetMin ? 'muted' : ''}>
            Total <strong>{Number.isNaN(total) ? '—' : total} min</strong>
            {total !== problem.timeTargetMin && !Number.isNaN(total) && ` (usually ${problem.timeTargetMin})`}
          </span>
          {total !== problem.timeTargetMin && (
            <button className="btn" onClick={() => setBudgets({ ...problem.phaseBudgetsMin })}>
              Reset
            </button>
          )}
          <button
            className="btn primary"
            disabled={!valid || busy}
            onClick={() => void start()}
            data-testid="start-interview"
          >
            {busy ? 'Starting…' : 'Start the interview'}
          </button>
        </div>
      </div>
      {aiChoice.element}
      {!valid && (
        <p className="notice warn">
          Each phase needs 1 to 120 whole minutes, and the whole interview at most 4 hours.
        </p>
      )}
      {error && <div className="notice bad">{error}</div>}
    </div>
  );
}
