/** The rubric's pattern warnings for one interview: the scoring view and the printed report agree. */
import type { Score } from '../../../shared/api/scoring';
import type { SessionState } from '../../../shared/api/sessions';
import { patternWarnings, type Levels, type PatternWarning } from '../../../shared/domain/rubric';
import { computeTimer } from '../../../shared/domain/timer';

export function sessionTimer(session: SessionState) {
  return computeTimer(session.events, session.budgetsMin, session.endedAtMs ?? session.serverNowMs);
}

export function warningsFor(
  session: SessionState,
  levels: Levels,
  evidence: Score['evidence'],
): PatternWarning[] {
  return patternWarnings({
    levels,
    evidence,
    phases: sessionTimer(session).phases.map((p) => ({
      phase: p.phase,
      spentMs: p.spentMs,
      budgetMs: p.budgetMs,
      entered: p.enteredAtMs !== null,
    })),
    questionsAsked: session.transcript.filter((t) => t.kind === 'question').length,
  });
}
