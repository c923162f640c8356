import { describe, expect, it } from 'vitest';
import type { SessionState, TranscriptEntry } from '../../shared/api/sessions';
import { backend, budgets, call, closeBackend, tempDir } from '../helpers/backend';

describe('interview sessions', () => {
  it('keeps snapshots bounded, thinning old ones but never the first', async () => {
    let clock = 1_700_000_000_000;
    const { b } = backend(tempDir('sess'), { now: () => clock });
    const s = await call<SessionState>(b, 'session.start', {
      problemId: 'url-shortener',
      budgetsMin: budgets,
      mutation: false,
    });
    for (let i = 0; i < 340; i++) {
      clock += 16_000; // past the minimum interval each time
      await call(b, 'session.save', {
        id: s.id,
        baseRevision: i,
        scene: { json: `{"elements":[{"v":${i}}]}`, elementCount: 1, version: i },
      });
    }
    // Snapshots land asynchronously: wait for the last one, then check the bound.
    await expect
      .poll(async () => (await call<{ atMs: number }[]>(b, 'session.snapshots', { id: s.id })).at(-1)?.atMs, {
        timeout: 10_000,
      })
      .toBe(clock);
    const snaps = await call<{ id: number; atMs: number }[]>(b, 'session.snapshots', { id: s.id });
    expect(snaps.length).toBeGreaterThan(150);
    expect(snaps.length).toBeLessThanOrEqual(300);
    expect(snaps[0]!.atMs).toBe(1_700_000_000_000 + 16_000); // the first is kept
    const first = await call<{ json: string }>(b, 'session.snapshot', { id: s.id, snapshotId: snaps[0]!.id });
    expect(first.json).toBe('{"elements":[{"v":0}]}');
  });

  it('starts with the opening prompt and is stored from the first second', async () => {
    const { b } = backend();
    const s = await call<SessionState>(b, 'session.start', {
      problemId: 'url-shortener',
      budgetsMin: budgets,
      mutation: false,
    });
    expect(s.status).toBe('active');
    expect(s.timeTargetMin).toBe(35);
    expect(s.events).toEqual([expect.objectContaining({ kind: 'start', phase: 'clarify' })]);
    expect(s.transcript[0]).toMatchObject({ role: 'interviewer', kind: 'opening' });
    const unfinished = await call<{ id: string }[]>(b, 'session.unfinished', {});
    expect(unfinished.map((u) => u.id)).toEqual([s.id]);
  });

  it('answers a clarifying question with the authored answer', async () => {
    const { b } = backend();
    const s = await call<SessionState>(b, 'session.start', {
      problemId: 'url-shortener',
      budgetsMin: budgets,
      mutation: false,
    });
    const [asked, answer] = await call<TranscriptEntry[]>(b, 'session.ask', {
      id: s.id,
      question: 'should links expire?',
    });
    expect(asked).toMatchObject({ role: 'candidate', text: 'should links expire?' });
    expect(answer!.matchedIndex).not.toBeNull();
    const pack = b.handlers['problem.get']({ id: 'url-shortener' }) as {
      problem: { clarifyingQuestions: { answer: string }[] };
    };
    expect(answer!.text).toBe(pack.problem.clarifyingQuestions[answer!.matchedIndex!]!.answer);
  });

  it('walks the phases, asks follow-ups and applies a constraint change when enabled', async () => {
    const { b } = backend();
    const s = await call<SessionState>(b, 'session.start', {
      problemId: 'url-shortener',
      budgetsMin: budgets,
      mutation: true,
    });
    let state = s;
    for (let i = 0; i < 4; i++)
      state = await call<SessionState>(b, 'session.control', { id: s.id, action: 'next' });
    expect(state.events.filter((e) => e.kind === 'phase').map((e) => e.phase)).toEqual([
      'estimate',
      'design',
      'deep-dive',
      'tradeoffs',
    ]);
    expect(state.transcript.filter((t) => t.kind === 'follow-up')).toHaveLength(2);
    expect(state.transcript.filter((t) => t.kind === 'mutation')).toHaveLength(1);
    const past = await b.dispatch('session.control', { id: s.id, action: 'next' });
    expect(past).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const ended = await call<SessionState>(b, 'session.control', { id: s.id, action: 'end' });
    expect(ended.status).toBe('ended');
    expect(await call<unknown[]>(b, 'session.unfinished', {})).toEqual([]);
    expect(
      await b.dispatch('session.save', {
        id: s.id,
        baseRevision: 0,
        notes: [{ phase: 'clarify', text: 'late' }],
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('saves notes, scene and scratchpad, and reads them back after a restart', async () => {
    const { b, dir } = backend();
    const s = await call<SessionState>(b, 'session.start', {
      problemId: 'url-shortener',
      budgetsMin: budgets,
      mutation: false,
    });
    const scene = JSON.stringify({ elements: [{ id: 'a', type: 'rectangle', version: 3 }] });
    const saved = await call<{ snapshotTaken: boolean }>(b, 'session.save', {
      id: s.id,
      baseRevision: 0,
      notes: [{ phase: 'clarify', text: '- 100M URLs/day\n- 100:1 reads' }],
      scene: { json: scene, elementCount: 1, version: 3 },
      scratchpad: {
        text: '100M / day to 1/s',
        results: [{ line: 1, input: '100M / day to 1/s', output: '1,157 /s', value: 1157.4 }],
      },
    });
    expect(saved.snapshotTaken).toBe(true);
    // The snapshot is compressed off the autosave path; wait until it has landed.
    await expect
      .poll(async () => (await call<unknown[]>(b, 'session.snapshots', { id: s.id })).length)
      .toBe(1);
    closeBackend(b);
    const { b: again } = backend(dir);
    const got = await call<SessionState>(again, 'session.get', { id: s.id });
    expect(got.notes.clarify).toContain('100M URLs/day');
    expect(got.scene?.json).toBe(scene);
    expect(got.scratchpad?.results[0]?.output).toBe('1,157 /s');
    expect(got.snapshotCount).toBe(1);
  });

  it('refuses bad payloads and unknown sessions', async () => {
    const { b } = backend();
    expect(await b.dispatch('session.get', { id: '../../etc' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
    expect(await b.dispatch('session.get', { id: '00000000-0000-0000-0000-000000000000' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(
      await b.dispatch('session.start', {
        problemId: 'url-shortener',
        budgetsMin: { ...budgets, clarify: -1 },
        mutation: false,
      }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });
});
