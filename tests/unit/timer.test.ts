import { describe, expect, it } from 'vitest';
import { computeTimer, formatClock, nextPhase, type BudgetsMin } from '../../shared/domain/timer';

const budgets: BudgetsMin = { clarify: 5, estimate: 3, design: 7, 'deep-dive': 15, tradeoffs: 5 };
const MIN = 60_000;
const t0 = 1_700_000_000_000;

describe('computeTimer', () => {
  it('counts time in the current phase from the start event', () => {
    const t = computeTimer([{ kind: 'start', atMs: t0, phase: 'clarify' }], budgets, t0 + 2 * MIN);
    expect(t.phase).toBe('clarify');
    expect(t.elapsedMs).toBe(2 * MIN);
    expect(t.phases[0]!.remainingMs).toBe(3 * MIN);
    expect(t.totalRemainingMs).toBe(33 * MIN);
    expect(t.phaseOvertime).toBe(false);
  });

  it('splits time across phases and shows overtime as negative remaining', () => {
    const events = [
      { kind: 'start' as const, atMs: t0, phase: 'clarify' as const },
      { kind: 'phase' as const, atMs: t0 + 7 * MIN, phase: 'estimate' as const },
    ];
    const t = computeTimer(events, budgets, t0 + 8 * MIN);
    expect(t.phases[0]!.spentMs).toBe(7 * MIN);
    expect(t.phases[0]!.remainingMs).toBe(-2 * MIN);
    expect(t.phases[1]!.spentMs).toBe(1 * MIN);
    expect(t.phase).toBe('estimate');
  });

  it('does not count paused time, and is unchanged however late it is read while paused', () => {
    const events = [
      { kind: 'start' as const, atMs: t0, phase: 'clarify' as const },
      { kind: 'pause' as const, atMs: t0 + MIN, phase: 'clarify' as const },
    ];
    const a = computeTimer(events, budgets, t0 + 5 * MIN);
    const b = computeTimer(events, budgets, t0 + 500 * MIN);
    expect(a.paused).toBe(true);
    expect(a.elapsedMs).toBe(MIN);
    expect(b.elapsedMs).toBe(MIN);
    const resumed = computeTimer(
      [...events, { kind: 'resume', atMs: t0 + 10 * MIN, phase: 'clarify' }],
      budgets,
      t0 + 11 * MIN,
    );
    expect(resumed.elapsedMs).toBe(2 * MIN);
  });

  it('freezes at the end event', () => {
    const events = [
      { kind: 'start' as const, atMs: t0, phase: 'clarify' as const },
      { kind: 'end' as const, atMs: t0 + 3 * MIN, phase: 'clarify' as const },
    ];
    const t = computeTimer(events, budgets, t0 + 99 * MIN);
    expect(t.ended).toBe(true);
    expect(t.elapsedMs).toBe(3 * MIN);
  });

  it('is the same whatever order the events are given in', () => {
    const events = [
      { kind: 'phase' as const, atMs: t0 + 4 * MIN, phase: 'estimate' as const },
      { kind: 'start' as const, atMs: t0, phase: 'clarify' as const },
    ];
    expect(computeTimer(events, budgets, t0 + 5 * MIN).phases[0]!.spentMs).toBe(4 * MIN);
  });
});

describe('helpers', () => {
  it('walks the phases in order', () => {
    expect(nextPhase(null)).toBe('clarify');
    expect(nextPhase('clarify')).toBe('estimate');
    expect(nextPhase('deep-dive')).toBe('tradeoffs');
    expect(nextPhase('tradeoffs')).toBeNull();
  });
  it('formats clocks, with overtime marked', () => {
    expect(formatClock(4 * MIN + 7000)).toBe('4:07');
    expect(formatClock(-90_000)).toBe('+1:30');
    expect(formatClock(62 * MIN + 5000)).toBe('1:02:05');
  });
});
