import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PROFILE,
  DIMENSIONS,
  patternWarnings,
  profileProblems,
  verdict,
  weightedScore,
  type Levels,
  type PhaseSpend,
} from '../../shared/domain/rubric';

const all = (n: 1 | 2 | 3 | 4): Levels => ({
  requirements: n,
  design: n,
  depth: n,
  tradeoffs: n,
  communication: n,
});
const MIN = 60_000;
const phases = (minutes: [number, number, number, number, number]): PhaseSpend[] =>
  (['clarify', 'estimate', 'design', 'deep-dive', 'tradeoffs'] as const).map((phase, i) => ({
    phase,
    spentMs: minutes[i]! * MIN,
    budgetMs: 5 * MIN,
    entered: minutes[i]! > 0,
  }));

describe('profiles', () => {
  it('accepts the default and rejects weights outside the ranges or not summing to 100', () => {
    expect(profileProblems(DEFAULT_PROFILE.weights)).toEqual([]);
    expect(DIMENSIONS.map((d) => [d.minWeight, d.maxWeight])).toEqual([
      [15, 20],
      [25, 30],
      [25, 30],
      [15, 20],
      [10, 15],
    ]);
    expect(profileProblems({ ...DEFAULT_PROFILE.weights, requirements: 25, communication: 5 })).toEqual([
      'Requirements must be between 15% and 20% (it is 25%).',
      'Communication must be between 10% and 15% (it is 5%).',
    ]);
    expect(profileProblems({ ...DEFAULT_PROFILE.weights, design: 30 })).toEqual([
      'The weights must add up to 100% (they add up to 105%).',
    ]);
    expect(profileProblems({ ...DEFAULT_PROFILE.weights, design: 25.5 })).toContain(
      'Design must be a whole percentage.',
    );
  });
});

describe('weighted score and verdict', () => {
  it('weights each dimension and rounds to two decimals', () => {
    expect(weightedScore(all(3), DEFAULT_PROFILE.weights)).toBe(3);
    const levels: Levels = { requirements: 4, design: 3, depth: 3, tradeoffs: 2, communication: 4 };
    // 4×20 + 3×25 + 3×25 + 2×20 + 4×10 = 310 → 3.10
    expect(weightedScore(levels, DEFAULT_PROFILE.weights)).toBe(3.1);
    const other = { requirements: 15, design: 30, depth: 30, tradeoffs: 15, communication: 10 };
    // 4×15 + 3×30 + 3×30 + 2×15 + 4×10 = 310 as well; 3×15+4×30+4×30+3×15+3×10=360 → 3.6
    expect(
      weightedScore({ requirements: 3, design: 4, depth: 4, tradeoffs: 3, communication: 3 }, other),
    ).toBe(3.6);
  });

  it('maps scores to verdicts at the thresholds', () => {
    const w = DEFAULT_PROFILE.weights;
    expect(verdict(all(4), w)).toBe('strong-hire');
    expect(verdict(all(3), w)).toBe('lean-hire');
    expect(verdict(all(2), w)).toBe('lean-no-hire');
    expect(verdict({ ...all(2), depth: 1, design: 1 }, w)).toBe('no-hire');
    // 3.5 exactly is Strong hire
    // 4×20 + 3×25 + 3×25 + 4×20 + 4×10 = 350 → exactly 3.50 is Strong hire
    expect(weightedScore({ requirements: 4, design: 3, depth: 3, tradeoffs: 4, communication: 4 }, w)).toBe(
      3.5,
    );
    expect(verdict({ requirements: 4, design: 3, depth: 3, tradeoffs: 4, communication: 4 }, w)).toBe(
      'strong-hire',
    );
    // 345 → 3.45 is Lean hire
    expect(verdict({ requirements: 4, design: 4, depth: 3, tradeoffs: 3, communication: 3 }, w)).toBe(
      'lean-hire',
    );
  });

  it('caps the verdict when a dimension is a 1', () => {
    expect(verdict({ ...all(4), communication: 1 }, DEFAULT_PROFILE.weights)).toBe('lean-no-hire');
  });
});

describe('pattern warnings', () => {
  it('flags deep-but-unscoped, a phase hog, skipped trade-offs and no questions', () => {
    const warnings = patternWarnings({
      levels: { requirements: 2, design: 3, depth: 4, tradeoffs: 1, communication: 3 },
      evidence: { design: 'drew it', depth: 'x', communication: 'y' },
      phases: phases([15, 2, 5, 8, 0]),
      questionsAsked: 0,
    }).map((w) => w.id);
    expect(warnings).toEqual([
      'deep-but-unscoped',
      'phase-heavy-clarify',
      'tradeoffs-skipped',
      'no-questions',
    ]);
  });

  it('flags high scores without evidence, and stays quiet for a balanced session', () => {
    const balanced = patternWarnings({
      levels: all(3),
      evidence: { requirements: 'a', design: 'b', depth: 'c', tradeoffs: 'd', communication: 'e' },
      phases: phases([5, 3, 7, 15, 5]),
      questionsAsked: 6,
    });
    expect(balanced).toEqual([]);
    const unbacked = patternWarnings({
      levels: all(3),
      evidence: {},
      phases: phases([5, 3, 7, 15, 5]),
      questionsAsked: 6,
    });
    expect(unbacked.map((w) => w.id)).toEqual(['unbacked']);
  });
});
