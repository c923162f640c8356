/**
 * Time counts only while the interview is open. A seeded model of weeks of practice: open stretches
 * with pauses, phase changes, autosaves and heartbeats, separated by closes of any length; on every
 * reopening the store's rule (awayEvents) is applied exactly as the store applies it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PHASE_IDS } from '../../shared/domain/phases';
import {
  ALIVE_EVERY_MS,
  AWAY_AFTER_MS,
  awayEvents,
  awayMsOf,
  computeTimer,
  type BudgetsMin,
  type SessionEvent,
} from '../../shared/domain/timer';

const budgets: BudgetsMin = { clarify: 5, estimate: 5, design: 10, 'deep-dive': 15, tradeoffs: 5 };
const MIN = 60_000;
const t0 = 1_700_000_000_000;
const SEED = 20_240_917;

type Step =
  | { kind: 'work'; ms: number } // open, with signs of life at most ALIVE_EVERY_MS apart
  | { kind: 'pause' }
  | { kind: 'resume' }
  | { kind: 'next' }
  | { kind: 'close'; ms: number }; // closed (or crashed) for this long

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.integer({ min: 0, max: 10 * MIN }).map((ms) => ({ kind: 'work', ms }) as const),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'pause' } as const) },
  { weight: 1, arbitrary: fc.constant({ kind: 'resume' } as const) },
  { weight: 1, arbitrary: fc.constant({ kind: 'next' } as const) },
  {
    weight: 2,
    arbitrary: fc
      .oneof(fc.integer({ min: 1, max: 10 * MIN }), fc.integer({ min: 10 * MIN, max: 3 * 24 * 60 * MIN }))
      .map((ms) => ({ kind: 'close', ms }) as const),
  },
);

/** Plays the steps; returns the stored events, the time the clock truly ran while open, and closes. */
function play(steps: readonly Step[]) {
  const events: SessionEvent[] = [{ kind: 'start', atMs: t0, phase: 'clarify' }];
  let now = t0;
  let lastAlive = t0;
  let runningOpenMs = 0; // what the clock should show: open and unpaused time
  let closes = 0;
  const state = () => computeTimer(events, budgets, now);
  const reopen = () => {
    const added = awayEvents(events, lastAlive, now);
    events.push(...added);
    lastAlive = now;
    return added;
  };
  for (const s of steps) {
    switch (s.kind) {
      case 'work': {
        const running = !state().paused;
        // Heartbeats every ALIVE_EVERY_MS; the last one may come up to ALIVE_EVERY_MS before a close.
        now += s.ms;
        lastAlive = Math.max(lastAlive, now - (s.ms % ALIVE_EVERY_MS));
        if (running) runningOpenMs += s.ms;
        break;
      }
      case 'pause':
      case 'resume':
      case 'next': {
        const t = state();
        if (s.kind === 'pause' && !t.paused) events.push({ kind: 'pause', atMs: now, phase: t.phase });
        if (s.kind === 'resume' && t.paused) events.push({ kind: 'resume', atMs: now, phase: t.phase });
        if (s.kind === 'next') {
          const i = t.phaseIndex;
          if (i < PHASE_IDS.length - 1) {
            if (t.paused) events.push({ kind: 'resume', atMs: now, phase: t.phase });
            events.push({ kind: 'phase', atMs: now, phase: PHASE_IDS[i + 1]! });
          }
        }
        lastAlive = now;
        break;
      }
      case 'close': {
        now += s.ms;
        closes++;
        reopen();
        break;
      }
    }
  }
  return { events, now, runningOpenMs, closes, reopen };
}

describe('the clock and closed time (property)', () => {
  it('never counts a closed stretch, never goes negative, and phases add up to the total', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const { events, now, runningOpenMs, closes } = play(steps);
        const t = computeTimer(events, budgets, now);
        expect(t.elapsedMs).toBeGreaterThanOrEqual(0);
        for (const p of t.phases) expect(p.spentMs).toBeGreaterThanOrEqual(0);
        expect(t.phases.reduce((a, p) => a + p.spentMs, 0)).toBe(t.elapsedMs);
        // Never more than the open, running time: no closed minute is ever counted…
        expect(t.elapsedMs).toBeLessThanOrEqual(runningOpenMs + closes * AWAY_AFTER_MS);
        // …and open time is lost only between the last sign of life and a close.
        expect(t.elapsedMs).toBeGreaterThanOrEqual(runningOpenMs - closes * ALIVE_EVERY_MS);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('resumes from the last sign of life: reopening later shows the same time as then', () => {
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 30 }),
        fc.integer({ min: AWAY_AFTER_MS + 1, max: 30 * 24 * 60 * MIN }),
        (steps, closedMs) => {
          const { events, now } = play(steps);
          const before = computeTimer(events, budgets, now);
          const added = awayEvents(events, now, now + closedMs);
          const after = computeTimer([...events, ...added], budgets, now + closedMs);
          expect(after.elapsedMs).toBe(before.elapsedMs);
          expect(after.phase).toBe(before.phase);
          expect(after.paused).toBe(before.paused);
          expect(awayMsOf(added)).toBe(before.paused || before.ended ? 0 : closedMs);
          // Applying the rule again at once adds nothing: it is safe to call on every sign of life.
          expect(awayEvents([...events, ...added], now + closedMs, now + closedMs)).toEqual([]);
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe('awayEvents', () => {
  const start: SessionEvent = { kind: 'start', atMs: t0, phase: 'clarify' };

  it('takes a lunch break off a running clock', () => {
    const added = awayEvents([start], t0 + 10 * MIN, t0 + 70 * MIN);
    expect(added).toEqual([
      { kind: 'pause', atMs: t0 + 10 * MIN, phase: 'clarify' },
      { kind: 'resume', atMs: t0 + 70 * MIN, phase: 'clarify' },
    ]);
    expect(computeTimer([start, ...added], budgets, t0 + 71 * MIN).elapsedMs).toBe(11 * MIN);
  });

  it('leaves a short silence, a paused clock and an ended interview alone', () => {
    expect(awayEvents([start], t0 + 10 * MIN, t0 + 10 * MIN + AWAY_AFTER_MS)).toEqual([]);
    const paused: SessionEvent[] = [start, { kind: 'pause', atMs: t0 + MIN, phase: 'clarify' }];
    expect(awayEvents(paused, t0 + MIN, t0 + 600 * MIN)).toEqual([]);
    const ended: SessionEvent[] = [start, { kind: 'end', atMs: t0 + MIN, phase: 'clarify' }];
    expect(awayEvents(ended, t0 + MIN, t0 + 600 * MIN)).toEqual([]);
    expect(awayEvents([], t0, t0 + 600 * MIN)).toEqual([]);
  });

  it('never places the pause before an event already stored', () => {
    const events: SessionEvent[] = [start, { kind: 'phase', atMs: t0 + 5 * MIN, phase: 'estimate' }];
    const added = awayEvents(events, t0 + 4 * MIN, t0 + 60 * MIN);
    expect(added[0]).toEqual({ kind: 'pause', atMs: t0 + 5 * MIN, phase: 'estimate' });
  });
});
