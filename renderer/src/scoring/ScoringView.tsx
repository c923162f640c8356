import type { Score } from '../../../shared/api/scoring';
import type { SessionState } from '../../../shared/api/sessions';
import type { Problem } from '../../../shared/content/schema';
import { EvidencePanel } from './Evidence';
import { ScoreForm } from './ScorePanel';
import './scoring.css';

/**
 * Evidence first: the candidate's own board, notes, transcript and follow-ups beside the rubric, so
 * each level is chosen against what was actually said and drawn.
 */
export function ScoringView({
  session,
  problem,
  existing,
  onSaved,
  onCancel,
}: {
  session: SessionState;
  problem: Problem | null;
  existing: Score | null;
  onSaved: (score: Score) => void;
  onCancel?: () => void;
}) {
  return (
    <div className="scoring-wrap">
      <div className="scoring-view" data-testid="scoring-view">
        <EvidencePanel session={session} />
        <ScoreForm
          session={session}
          problem={problem}
          existing={existing}
          onSaved={onSaved}
          onCancel={onCancel}
        />
      </div>
    </div>
  );
}
