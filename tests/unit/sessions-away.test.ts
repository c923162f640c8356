/** The store records the away rule: time the interview was closed never reaches its clock. */
import { describe, expect, it } from 'vitest';
import type { SessionRow, SessionState } from '../../shared/api/sessions';
import { computeTimer } from '../../shared/domain/timer';
import { backend, budgets, call, tempDir } from '../helpers/backend';

const MIN = 60_000;

async function started(clock: { now: number }) {
  const { b } = backend(tempDir('away'), { now: () => clock.now });
  const s = await call<SessionState>(b, 'session.start', {
    problemId: 'url-shortener',
    budgetsMin: budgets,
    mutation: false,
  });
  return { b, s };
}

const elapsed = (s: SessionState) => computeTimer(s.events, s.budgetsMin, s.serverNowMs).elapsedMs;

describe('closed time and the interview clock', () => {
  it('resumes after lunch from the last sign of life, and the resume offer says how long it was closed', async () => {
    const clock = { now: 1_700_000_000_000 };
    const { b, s } = await started(clock);
    for (let i = 0; i < 9; i++) {
      clock.now += 20_000; // heartbeats every 20 s for 3 minutes
      await call(b, 'session.alive', { id: s.id });
    }
    clock.now += 90 * MIN; // closed for lunch
    const [row] = await call<SessionRow[]>(b, 'session.unfinished', {});
    expect(row).toMatchObject({ elapsedMs: 3 * MIN, awayMs: 90 * MIN, paused: false });

    // Reading the session changes nothing: only an open interview's sign of life records the gap.
    expect((await call<SessionState>(b, 'session.get', { id: s.id })).events).toHaveLength(1);
    const alive = await call<{ awayMs: number }>(b, 'session.alive', { id: s.id });
    expect(alive.awayMs).toBe(90 * MIN);
    clock.now += MIN;
    const after = await call<SessionState>(b, 'session.get', { id: s.id });
    expect(after.events.map((e) => e.kind)).toEqual(['start', 'pause', 'resume']);
    expect(elapsed(after)).toBe(4 * MIN);
    // Another sign of life soon after adds nothing.
    expect((await call<{ awayMs: number }>(b, 'session.alive', { id: s.id })).awayMs).toBe(0);
  });

  it('takes the gap off before any write: a save, a question or a phase change after a crash', async () => {
    const clock = { now: 1_700_000_000_000 };
    const { b, s } = await started(clock);
    clock.now += 2 * MIN;
    await call(b, 'session.save', { id: s.id, baseRevision: 0, notes: [{ phase: 'clarify', text: 'a' }] });
    clock.now += 5 * 60 * MIN; // crashed; the first thing after it is the next phase
    const next = await call<SessionState>(b, 'session.control', { id: s.id, action: 'next' });
    expect(next.events.map((e) => e.kind)).toEqual(['start', 'pause', 'resume', 'phase']);
    const t = computeTimer(next.events, next.budgetsMin, next.serverNowMs);
    expect(t.phases[0]!.spentMs).toBe(2 * MIN);
    expect(t.elapsedMs).toBe(2 * MIN);
  });

  it('leaves a paused interview alone however long it was closed', async () => {
    const clock = { now: 1_700_000_000_000 };
    const { b, s } = await started(clock);
    clock.now += MIN;
    await call(b, 'session.control', { id: s.id, action: 'pause' });
    clock.now += 600 * MIN;
    const [row] = await call<SessionRow[]>(b, 'session.unfinished', {});
    expect(row).toMatchObject({ elapsedMs: MIN, awayMs: 0, paused: true });
    expect((await call<{ awayMs: number }>(b, 'session.alive', { id: s.id })).awayMs).toBe(0);
    const resumed = await call<SessionState>(b, 'session.control', { id: s.id, action: 'resume' });
    expect(resumed.events.map((e) => e.kind)).toEqual(['start', 'pause', 'resume']);
    expect(elapsed(resumed)).toBe(MIN);
  });
});
