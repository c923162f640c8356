/**
 * What the printed report states beyond the stored session and score, worked out the same way the
 * session page does it (pure; the timer and the rubric's pattern warnings live in shared/domain).
 */
import type { Score } from '../../../shared/api/scoring';
import type { SessionState } from '../../../shared/api/sessions';
import { patternWarnings, type Levels, type PatternWarning } from '../../../shared/domain/rubric';
import { computeTimer } from '../../../shared/domain/timer';

export function sessionTimer(session: SessionState) {
  return computeTimer(session.events, session.budgetsMin, session.endedAtMs ?? session.serverNowMs);
}

/** The warnings for known failure patterns that the scoring view shows beside this score. */
export function scoreWarnings(session: SessionState, score: Score): PatternWarning[] {
  const timer = sessionTimer(session);
  return patternWarnings({
    levels: score.levels as Levels,
    evidence: score.evidence,
    phases: timer.phases.map((p) => ({
      phase: p.phase,
      spentMs: p.spentMs,
      budgetMs: p.budgetMs,
      entered: p.enteredAtMs !== null,
    })),
    questionsAsked: session.transcript.filter((t) => t.kind === 'question').length,
  });
}
