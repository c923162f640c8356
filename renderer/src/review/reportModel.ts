/**
 * What the printed report states beyond the stored session and score, worked out the same way the
 * session page does it (pure; the timer and the rubric's pattern warnings live in shared/domain).
 */
import type { Score } from '../../../shared/api/scoring';
import type { SessionState } from '../../../shared/api/sessions';
import type { Levels, PatternWarning } from '../../../shared/domain/rubric';
import { sessionTimer, warningsFor } from '../scoring/warnings';

export { sessionTimer };

/** The warnings for known failure patterns that the scoring view shows beside this score. */
export function scoreWarnings(session: SessionState, score: Score): PatternWarning[] {
  return warningsFor(session, score.levels as Levels, score.evidence);
}
