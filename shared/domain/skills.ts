/**
 * Skills come back like cards do: a problem whose last score was weak, the weakest rubric dimension
 * over the last few interviews, or a problem not practised for a long time becomes a suggestion on
 * the Today screen, with the reason in words. A pure rule: the SRS handlers gather the inputs from
 * the review store (trends, last practice per problem) and show the result.
 */
import type { Drill, Problem } from '../content/schema';
import { recommendNext } from './recommend';
import { DIMENSION_IDS, DIMENSIONS, type DimensionId } from './rubric';

export interface SkillSuggestion {
  reason: 'weak-score' | 'weak-dimension' | 'stale';
  title: string;
  why: string;
  link: { kind: 'problem' | 'drill'; id: string; title: string };
}

export interface SkillsInput {
  /** Scored interviews, oldest first, with each dimension's level. */
  points: readonly ({ atMs: number; problemTitle: string } & Record<DimensionId, number>)[];
  /** Per problem: the last finished interview and its weighted score (null when not scored). */
  lastByProblem: ReadonlyMap<string, { atMs: number; weighted: number | null }>;
  problems: readonly Problem[];
  drills: readonly Drill[];
  nowMs: number;
}

/** Below Lean hire (see VERDICT_RULE in rubric.ts). */
export const WEAK_SCORE = 2.75;
/** A dimension averaging below Lean hire over the recent interviews is worth its own practice. */
export const WEAK_DIMENSION = 2.75;
/** How many recent interviews the weakest dimension is judged on. */
export const DIMENSION_WINDOW = 3;
export const STALE_DAYS = 30;
const DAY_MS = 86_400_000;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function suggestSkills(input: SkillsInput): SkillSuggestion[] {
  const byId = new Map(input.problems.map((p) => [p.id, p]));
  const out: SkillSuggestion[] = [];
  const taken = new Set<string>();
  const add = (s: SkillSuggestion) => {
    if (taken.has(s.link.id)) return;
    taken.add(s.link.id);
    out.push(s);
  };

  // 1. The weakest last score among the problems you have practised.
  const weak = [...input.lastByProblem]
    .filter(([id, r]) => r.weighted !== null && r.weighted < WEAK_SCORE && byId.has(id))
    .sort((a, b) => a[1].weighted! - b[1].weighted! || b[1].atMs - a[1].atMs);
  for (const [id, r] of weak.slice(0, 2)) {
    const p = byId.get(id)!;
    add({
      reason: 'weak-score',
      title: `Interview: ${p.title}, again`,
      why: `Your last ${p.title} interview scored ${r.weighted!.toFixed(2)}, below Lean hire (${WEAK_SCORE}). A second run while it is fresh shows what changed.`,
      link: { kind: 'problem', id, title: p.title },
    });
  }

  // 2. The weakest dimension over the last few scored interviews.
  const recent = input.points.slice(-DIMENSION_WINDOW);
  if (recent.length > 0) {
    const avg = (id: DimensionId) => recent.reduce((a, p) => a + p[id], 0) / recent.length;
    const weakest = [...DIMENSION_IDS].sort(
      (a, b) => avg(a) - avg(b) || DIMENSION_IDS.indexOf(a) - DIMENSION_IDS.indexOf(b),
    )[0]!;
    const mean = avg(weakest);
    if (mean < WEAK_DIMENSION) {
      const done = [...input.lastByProblem]
        .filter(([, r]) => r.weighted !== null)
        .map(([problemId, r]) => ({ problemId, weighted: r.weighted!, atMs: r.atMs }));
      const next = recommendNext({
        weakest,
        done,
        problems: [...input.problems],
        drills: [...input.drills],
      });
      const dim = DIMENSIONS.find((d) => d.id === weakest)!;
      if (next) {
        add({
          reason: 'weak-dimension',
          title: next.link.kind === 'drill' ? `Drill: ${next.link.title}` : `Interview: ${next.link.title}`,
          why:
            recent.length === 1
              ? `${dim.short} scored ${mean.toFixed(1)} in your last interview.`
              : `${dim.short} averaged ${mean.toFixed(1)} over your last ${recent.length} interviews.`,
          link: next.link,
        });
      }
    }
  }

  // 3. A problem you have not practised for a long time (the longest first).
  const stale = [...input.lastByProblem]
    .filter(([id, r]) => byId.has(id) && input.nowMs - r.atMs >= STALE_DAYS * DAY_MS)
    .sort((a, b) => a[1].atMs - b[1].atMs);
  for (const [id, r] of stale.slice(0, 1)) {
    const p = byId.get(id)!;
    const days = Math.floor((input.nowMs - r.atMs) / DAY_MS);
    add({
      reason: 'stale',
      title: `Interview: ${p.title}`,
      why: `You last practised ${p.title} ${plural(days, 'day')} ago; a fresh run keeps it ready.`,
      link: { kind: 'problem', id, title: p.title },
    });
  }
  return out;
}
