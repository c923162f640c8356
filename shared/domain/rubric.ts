/**
 * The five-dimension rubric, rubric profiles (user weights within the notes' ranges), the weighted
 * score, the verdict rule and the warnings for known failure patterns. Pure and unit-tested.
 */
import type { PhaseId } from '../content/schema';

export const DIMENSION_IDS = ['requirements', 'design', 'depth', 'tradeoffs', 'communication'] as const;
export type DimensionId = (typeof DIMENSION_IDS)[number];
export type Level = 1 | 2 | 3 | 4;

export interface Dimension {
  id: DimensionId;
  name: string;
  short: string;
  /** Allowed weight, percent of the whole evaluation. */
  minWeight: number;
  maxWeight: number;
  /** The question to ask yourself while scoring. */
  prompt: string;
  /** What each level looks like, 1 (No hire) to 4 (Strong hire). */
  levels: Record<Level, string>;
}

export const LEVEL_NAMES: Record<Level, string> = {
  1: 'No hire',
  2: 'Lean no hire',
  3: 'Lean hire',
  4: 'Strong hire',
};

export const DIMENSIONS: readonly Dimension[] = [
  {
    id: 'requirements',
    name: 'Requirements and scoping',
    short: 'Requirements',
    minWeight: 15,
    maxWeight: 20,
    prompt: 'Did I ask the right questions — enough of them, and the ones that change the design?',
    levels: {
      1: 'Started designing without understanding the problem; a wrong assumption reshaped the design.',
      2: 'Asked surface questions; missed scale, consistency or availability.',
      3: 'Good, targeted questions; wrote the key requirements down and set a sensible scope.',
      4: 'Found the non-obvious constraints and named the hardest part of the problem unprompted.',
    },
  },
  {
    id: 'design',
    name: 'High-level design',
    short: 'Design',
    minWeight: 25,
    maxWeight: 30,
    prompt: 'Is the architecture coherent and complete, with a clear flow of data?',
    levels: {
      1: 'No coherent end-to-end design.',
      2: 'Works, but too simple for the load: no cache for a read-heavy path, no queue for async work.',
      3: 'Solid components and a clear data flow; a clean API.',
      4: 'Elegant and fitted to the access patterns; named the two or three critical paths.',
    },
  },
  {
    id: 'depth',
    name: 'Deep dive and technical depth',
    short: 'Depth',
    minWeight: 25,
    maxWeight: 30,
    prompt: 'Could I build what I went deep on? Did I walk a request through it?',
    levels: {
      1: 'No depth: named technologies without saying why or how.',
      2: 'Some depth, but with factual errors.',
      3: 'Solid depth on one or two components.',
      4: 'Expert: raised races, hot partitions or clock skew unprompted; could lead the build.',
    },
  },
  {
    id: 'tradeoffs',
    name: 'Trade-offs and decisions',
    short: 'Trade-offs',
    minWeight: 15,
    maxWeight: 20,
    prompt: 'Did I offer alternatives and justify each choice against the requirements?',
    levels: {
      1: 'No alternatives considered.',
      2: 'Shallow or wrong comparisons (“Redis because it’s fast”).',
      3: 'Clear trade-offs tied to the requirements.',
      4: 'Second-order effects, and said when the decision should be revisited.',
    },
  },
  {
    id: 'communication',
    name: 'Communication and collaboration',
    short: 'Communication',
    minWeight: 10,
    maxWeight: 15,
    prompt: 'Was I structured, clear and collaborative? Did I check in and take hints?',
    levels: {
      1: 'Hard to follow, or defensive under questions.',
      2: 'Missed cues from the interviewer.',
      3: 'Structured; signposted transitions and took hints.',
      4: 'Ran it as a joint design session; reconsidered well under pushback.',
    },
  },
];

export type Weights = Record<DimensionId, number>;
export type Levels = Record<DimensionId, Level>;

export interface RubricProfile {
  id: string;
  name: string;
  weights: Weights;
}

export const DEFAULT_PROFILE: RubricProfile = {
  id: 'balanced',
  name: 'Balanced',
  weights: { requirements: 20, design: 25, depth: 25, tradeoffs: 20, communication: 10 },
};

/** Problems with a profile's weights, as sentences; empty when it is valid. */
export function profileProblems(weights: Weights): string[] {
  const problems: string[] = [];
  for (const d of DIMENSIONS) {
    const w = weights[d.id];
    if (!Number.isInteger(w)) problems.push(`${d.short} must be a whole percentage.`);
    else if (w < d.minWeight || w > d.maxWeight) {
      problems.push(`${d.short} must be between ${d.minWeight}% and ${d.maxWeight}% (it is ${w}%).`);
    }
  }
  const total = DIMENSION_IDS.reduce((acc, id) => acc + weights[id], 0);
  if (total !== 100) problems.push(`The weights must add up to 100% (they add up to ${total}%).`);
  return problems;
}

/** Weighted score on the 1–4 scale, rounded to two decimals. */
export function weightedScore(levels: Levels, weights: Weights): number {
  const sum = DIMENSION_IDS.reduce((acc, id) => acc + levels[id] * weights[id], 0);
  return Math.round(sum) / 100; // weights are percent: sum/100, kept exact to 2 decimals
}

export type Verdict = 'strong-hire' | 'lean-hire' | 'lean-no-hire' | 'no-hire';

export const VERDICT_NAMES: Record<Verdict, string> = {
  'strong-hire': 'Strong hire',
  'lean-hire': 'Lean hire',
  'lean-no-hire': 'Lean no hire',
  'no-hire': 'No hire',
};

export const VERDICT_RULE =
  'Weighted score ≥ 3.50 → Strong hire; ≥ 2.75 → Lean hire; ≥ 2.00 → Lean no hire; below → No hire. ' +
  'A 1 in any dimension caps the verdict at Lean no hire, and a 1 in two or more means No hire.';

export function verdict(levels: Levels, weights: Weights): Verdict {
  const score = weightedScore(levels, weights);
  let v: Verdict =
    score >= 3.5 ? 'strong-hire' : score >= 2.75 ? 'lean-hire' : score >= 2 ? 'lean-no-hire' : 'no-hire';
  const ones = DIMENSION_IDS.filter((id) => levels[id] === 1).length;
  if (ones >= 2) v = 'no-hire';
  else if (ones === 1 && (v === 'strong-hire' || v === 'lean-hire')) v = 'lean-no-hire';
  return v;
}

export interface PhaseSpend {
  phase: PhaseId;
  spentMs: number;
  budgetMs: number;
  entered: boolean;
}

export interface WarningInput {
  levels: Levels;
  evidence: Partial<Record<DimensionId, string>>;
  phases: readonly PhaseSpend[];
  questionsAsked: number;
}

export interface PatternWarning {
  id: string;
  title: string;
  detail: string;
}

/** The known ways candidates fall short, checked against this session's scores and timings. */
export function patternWarnings(input: WarningInput): PatternWarning[] {
  const { levels, phases } = input;
  const out: PatternWarning[] = [];
  if (levels.depth >= 3 && (levels.requirements <= 2 || levels.tradeoffs <= 2)) {
    out.push({
      id: 'deep-but-unscoped',
      title: 'Deep, but light on requirements or trade-offs',
      detail:
        'The most common pattern: strong depth with weak scoping or decisions. Spend the first ~8 minutes on requirements and keep the last 5 for explicit trade-offs.',
    });
  }
  const total = phases.reduce((acc, p) => acc + p.spentMs, 0);
  for (const p of phases) {
    if (total > 5 * 60_000 && p.spentMs > total / 3 && p.phase !== 'deep-dive') {
      out.push({
        id: `phase-heavy-${p.phase}`,
        title: `More than a third of the time in one phase`,
        detail: `${Math.round((p.spentMs / total) * 100)}% of the interview went to ${p.phase.replace('-', ' ')}. Watch the clock and move on when its budget ends.`,
      });
    }
  }
  if (
    total > 5 * 60_000 &&
    phases.filter((p) => p.phase === 'deep-dive').some((p) => p.spentMs > (total * 2) / 3)
  ) {
    out.push({
      id: 'phase-heavy-deep-dive',
      title: 'Two thirds of the time in the deep dive',
      detail: 'Depth is good, but it left too little for design and trade-offs.',
    });
  }
  const tradeoffs = phases.find((p) => p.phase === 'tradeoffs');
  if (tradeoffs && (!tradeoffs.entered || tradeoffs.spentMs < 60_000)) {
    out.push({
      id: 'tradeoffs-skipped',
      title: 'Trade-offs phase skipped',
      detail:
        'You reached the end with (almost) no time on trade-offs — where interviewers look for senior judgement.',
    });
  }
  if (input.questionsAsked === 0) {
    out.push({
      id: 'no-questions',
      title: 'No clarifying questions',
      detail: 'Strong candidates ask 5–8 targeted questions before designing.',
    });
  } else if (input.questionsAsked > 15) {
    out.push({
      id: 'too-many-questions',
      title: 'Very many clarifying questions',
      detail: `${input.questionsAsked} questions. Fifteen or more reads as unfocused; aim for 5–8 that change the design.`,
    });
  }
  const unbacked = DIMENSION_IDS.filter((id) => levels[id] >= 3 && !(input.evidence[id] ?? '').trim());
  if (unbacked.length > 0) {
    out.push({
      id: 'unbacked',
      title: 'High scores without evidence',
      detail: `Interviewers downgrade a hire they cannot back with evidence. Add a quotable moment for: ${unbacked
        .map((id) => DIMENSIONS.find((d) => d.id === id)!.short)
        .join(', ')}.`,
    });
  }
  return out;
}
