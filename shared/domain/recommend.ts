/**
 * What to practise next, from the weakest rubric dimension over recent sessions and what has been
 * practised: a pure decision (the review store gathers the inputs and returns the result).
 */
import type { Drill, Problem } from '../content/schema';
import { DIMENSIONS, type DimensionId } from './rubric';

export interface Recommendation {
  title: string;
  why: string;
  link: { kind: 'problem' | 'drill'; id: string; title: string };
}

export interface RecommendInput {
  weakest: DimensionId | null;
  /** Per practised problem: its lowest weighted score and when it was last practised. */
  done: { problemId: string; weighted: number; atMs: number }[];
  problems: Problem[];
  drills: Drill[];
}

export function recommendNext({ weakest, done, problems, drills }: RecommendInput): Recommendation | null {
  const practised = new Set(done.map((d) => d.problemId));
  const fresh = problems.filter((p) => !practised.has(p.id));
  if (!weakest) {
    const first = problems.find((p) => p.difficulty === 'easy') ?? problems[0];
    return first
      ? {
          title: `Start with ${first.title}`,
          why: 'Score a first session to see your trends; an easier problem sets a baseline.',
          link: { kind: 'problem', id: first.id, title: first.title },
        }
      : null;
  }
  const dim = DIMENSIONS.find((d) => d.id === weakest)!;
  const drillKind =
    weakest === 'tradeoffs'
      ? 'tradeoff'
      : weakest === 'depth'
        ? 'failure-mode'
        : weakest === 'requirements'
          ? 'estimation'
          : null;
  const drill = drillKind ? drills.find((d) => d.kind === drillKind) : undefined;
  if (drill && (weakest === 'tradeoffs' || weakest === 'depth')) {
    return {
      title: `Do the “${drill.title}” drill`,
      why: `${dim.short} is your weakest dimension over your last sessions. This ${drill.timeBoxMin}-minute drill trains exactly that before your next full interview.`,
      link: { kind: 'drill', id: drill.id, title: drill.title },
    };
  }
  // Otherwise: the problem that most rewards the weak dimension — one not yet practised, else the lowest-scored.
  const lowest = [...done].sort((a, b) => a.weighted - b.weighted)[0];
  const target =
    fresh.sort((a, b) => b.clarifyingQuestions.length - a.clarifyingQuestions.length)[0] ??
    problems.find((p) => p.id === lowest?.problemId);
  if (!target) return null;
  return {
    title: `Practise ${target.title} next`,
    why: practised.has(target.id)
      ? `${dim.short} is your weakest dimension, and this is your lowest-scored problem. Go again and keep asking yourself: “${dim.prompt}”`
      : `${dim.short} is your weakest dimension. A problem you haven’t tried yet forces fresh ${dim.short.toLowerCase()} work — keep asking yourself: “${dim.prompt}”`,
    link: { kind: 'problem', id: target.id, title: target.title },
  };
}
