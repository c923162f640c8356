/** Spaced repetition and the Today screen: due cards, reviews, limits, stats and skills to revisit. */
import type { Grade } from 'ts-fsrs';
import type { Today } from '../../../shared/api/srs';
import { suggestSkills } from '../../../shared/domain/skills';
import type { Core, HandlerSlice, Stores } from '../core';
import { startOfDay } from './store';

type SrsCalls =
  | 'srs.today'
  | 'srs.next'
  | 'srs.card'
  | 'srs.review'
  | 'srs.suspend'
  | 'srs.reset'
  | 'srs.suspended'
  | 'srs.settings'
  | 'srs.saveSettings'
  | 'srs.stats';

const DAY_MS = 86_400_000;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function ago(nowMs: number, atMs: number): string {
  const days = Math.round((startOfDay(nowMs) - startOfDay(atMs)) / DAY_MS);
  return days <= 1 ? 'yesterday' : `${days} days ago`;
}

/** Today's screen in one answer: counts, the skills to revisit and a line on what changed. */
export function today(core: Core, stores: Stores): Today {
  const nowMs = core.clock();
  const srs = stores.srs;
  const counts = srs.counts(nowMs);
  const library = core.library();
  const trends = stores.review.trends();
  const lastByProblem = stores.review.lastByProblem();
  const suggestions = suggestSkills({
    points: trends.points,
    lastByProblem,
    problems: [...library.problems.values()].map((e) => e.item),
    drills: [...library.drills.values()].map((e) => e.item),
    nowMs,
  });
  const since = srs.sinceLastDay(nowMs);
  let changed: string;
  if (since.lastAtMs === null) {
    changed =
      counts.reviewedToday > 0
        ? `You started reviewing today: ${plural(counts.reviewedToday, 'card')} so far.`
        : `No reviews yet: ${plural(counts.freshTotal, 'new card')} ready to start.`;
  } else {
    const interviews = trends.points.filter((p) => p.atMs > since.lastAtMs!).length;
    changed =
      `Since your last review ${ago(nowMs, since.lastAtMs)}, ${plural(since.cameDue, 'card')} came due` +
      (interviews > 0 ? ` and you scored ${plural(interviews, 'interview')}.` : '.');
  }
  return {
    ...counts,
    streakDays: srs.streakDays(nowMs),
    suggestions,
    changed,
    settings: srs.settings(),
  };
}

export function srsHandlers(core: Core): HandlerSlice<SrsCalls> {
  const srs = () => core.stores().srs;
  return {
    'srs.today': () => today(core, core.stores()),
    'srs.next': ({ deck }) => srs().next(deck),
    'srs.card': ({ cardId }) => srs().view(cardId),
    'srs.review': ({ cardId, rating, pointsCovered, durationMs }) =>
      srs().review({ cardId, rating: rating as Grade, pointsCovered, durationMs }),
    'srs.suspend': ({ cardId, suspended }) => srs().suspend(cardId, suspended),
    'srs.reset': ({ cardId }) => srs().reset(cardId),
    'srs.suspended': () => srs().suspendedCards(),
    'srs.settings': () => srs().settings(),
    'srs.saveSettings': (input) => srs().saveSettings(input),
    'srs.stats': () => srs().stats(),
  };
}
