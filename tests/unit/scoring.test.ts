import { describe, expect, it } from 'vitest';
import type { HistoryRow, Score, Trends } from '../../shared/api/scoring';
import type { SessionState } from '../../shared/api/sessions';
import { backend, budgets, call, endedSession } from '../helpers/backend';

const evidence = {
  requirements: 'asked 301 vs 302',
  design: 'drew LB → app → cache → DB',
  depth: 'KGS batches',
  tradeoffs: '',
  communication: 'checked in',
};

describe('scores', () => {
  it('refuses to score an interview that is still running', async () => {
    const { b } = backend();
    const s = await call<SessionState>(b, 'session.start', {
      problemId: 'url-shortener',
      budgetsMin: budgets,
      mutation: false,
    });
    const out = await b.dispatch('score.save', {
      sessionId: s.id,
      profileId: 'balanced',
      levels: { requirements: 3, design: 3, depth: 3, tradeoffs: 3, communication: 3 },
      evidence,
      checklist: [],
    });
    expect(out).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('computes the weighted score and verdict, stores the profile, and records edits', async () => {
    const { b } = backend();
    const id = await endedSession(b);
    const first = await call<Score>(b, 'score.save', {
      sessionId: id,
      profileId: 'balanced',
      levels: { requirements: 2, design: 3, depth: 4, tradeoffs: 2, communication: 3 },
      evidence,
      checklist: [0, 2, 2],
    });
    // 2×20 + 3×25 + 4×25 + 2×20 + 3×10 = 285 → 2.85
    expect(first).toMatchObject({
      weighted: 2.85,
      verdict: 'lean-hire',
      provenance: 'self',
      profileName: 'Balanced',
      checklist: [0, 2],
    });
    expect(first.changes).toEqual([]);
    const edited = await call<Score>(b, 'score.save', {
      sessionId: id,
      profileId: 'balanced',
      levels: { requirements: 2, design: 3, depth: 4, tradeoffs: 1, communication: 3 },
      evidence: { ...evidence, tradeoffs: 'never compared options' },
      checklist: [0, 2],
    });
    expect(edited.verdict).toBe('lean-no-hire');
    expect(edited.changes.map((c) => `${c.field}:${c.oldValue}→${c.newValue}`)).toEqual([
      'level.tradeoffs:2→1',
      'evidence.tradeoffs:→never compared options',
      'weighted:2.85→2.65',
    ]);
  });

  it('validates profiles and uses a custom profile’s weights', async () => {
    const { b } = backend();
    const bad = await b.dispatch('rubric.saveProfile', {
      name: 'Heavy depth',
      weights: { requirements: 15, design: 25, depth: 40, tradeoffs: 10, communication: 10 },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const p = await call<{ id: string }>(b, 'rubric.saveProfile', {
      name: 'Depth first',
      weights: { requirements: 15, design: 25, depth: 30, tradeoffs: 15, communication: 15 },
    });
    await call(b, 'rubric.setDefault', { id: p.id });
    expect((await call<{ defaultId: string }>(b, 'rubric.profiles', {})).defaultId).toBe(p.id);
    const id = await endedSession(b);
    const score = await call<Score>(b, 'score.save', {
      sessionId: id,
      profileId: p.id,
      levels: { requirements: 4, design: 3, depth: 4, tradeoffs: 2, communication: 2 },
      evidence,
      checklist: [],
    });
    // 4×15 + 3×25 + 4×30 + 2×15 + 2×15 = 315 → 3.15
    expect(score).toMatchObject({ weighted: 3.15, profileName: 'Depth first' });
  });
});

describe('history and trends', () => {
  it('lists ended sessions with filters and sorting, and recommends work on the weakest dimension', async () => {
    let clock = 1_700_000_000_000;
    const { b } = backend(undefined, { now: () => clock });
    const levelsFor = [
      { requirements: 2, design: 3, depth: 3, tradeoffs: 1, communication: 3 },
      { requirements: 3, design: 3, depth: 4, tradeoffs: 2, communication: 3 },
      { requirements: 3, design: 4, depth: 3, tradeoffs: 2, communication: 4 },
    ];
    const ids: string[] = [];
    for (const [i, levels] of levelsFor.entries()) {
      clock += 86_400_000;
      const id = await endedSession(b, i === 1 ? 'rate-limiter' : 'url-shortener');
      ids.push(id);
      await call(b, 'score.save', { sessionId: id, profileId: 'balanced', levels, evidence, checklist: [] });
    }
    clock += 86_400_000;
    await endedSession(b, 'chat'); // not scored

    const all = await call<HistoryRow[]>(b, 'history.list', {});
    expect(all).toHaveLength(4);
    expect(all[0]!.problemId).toBe('chat'); // newest first
    const byScore = await call<HistoryRow[]>(b, 'history.list', { sort: 'score', direction: 'desc' });
    expect(byScore.map((r) => r.weighted)).toEqual([3.15, 3.05, 2.4, null]);
    const unscored = await call<HistoryRow[]>(b, 'history.list', { verdict: 'unscored' });
    expect(unscored.map((r) => r.problemId)).toEqual(['chat']);
    const rl = await call<HistoryRow[]>(b, 'history.list', { problemId: 'rate-limiter' });
    expect(rl.map((r) => r.id)).toEqual([ids[1]]);

    const trends = await call<Trends>(b, 'trends.get', {});
    expect(trends.scored).toBe(3);
    expect(trends.points.map((p) => p.tradeoffs)).toEqual([1, 2, 2]);
    expect(trends.weakest).toBe('tradeoffs');
    expect(trends.recommendation?.link?.kind).toBe('drill');
    expect(trends.recommendation?.why).toContain('Trade-offs');
    expect(trends.phaseHabits).toHaveLength(5);

    // The library knows your record per problem, and filters by it.
    const weak = b.handlers['library.list']({ practice: 'weak' }) as {
      id: string;
      lastScore: number | null;
    }[];
    expect(weak.map((r) => r.id)).toEqual([]); // url-shortener's last score is 3.15, rate limiter's 3.05
    const practised = b.handlers['library.list']({ practice: 'practised' }) as {
      id: string;
      lastScore: number | null;
    }[];
    expect(Object.fromEntries(practised.map((r) => [r.id, r.lastScore]))).toEqual({
      'url-shortener': 3.15,
      'rate-limiter': 3.05,
      chat: null,
    });
    const never = b.handlers['library.list']({ practice: 'never' }) as { id: string }[];
    expect(never.map((r) => r.id)).not.toContain('chat');
    const allProblems = b.handlers['library.list']({ kinds: ['problem'] }) as unknown[];
    expect(never.length).toBe(allProblems.length - 3);
  });
});

describe('reports and backups', () => {
  it('exports Markdown with the scores, keeping the line breaks of notes and evidence', async () => {
    const { b } = backend();
    const s = await call<SessionState>(b, 'session.start', {
      problemId: 'url-shortener',
      budgetsMin: budgets,
      mutation: false,
    });
    await call(b, 'session.save', {
      id: s.id,
      baseRevision: s.revision,
      notes: [{ phase: 'clarify', text: 'Read-heavy, 100:1\nCustom aliases: yes\n\n- 301 or 302?' }],
    });
    await call(b, 'session.control', { id: s.id, action: 'end' });
    const id = s.id;
    await call(b, 'score.save', {
      sessionId: id,
      profileId: 'balanced',
      levels: { requirements: 3, design: 3, depth: 3, tradeoffs: 3, communication: 3 },
      evidence: { ...evidence, depth: 'KGS batches\nrefill at 20%' },
      checklist: [1],
    });
    const md = await call<{ fileName: string; text: string }>(b, 'session.exportMarkdown', { id });
    expect(md.fileName).toMatch(/^tradeoff-url-shortener-\d{4}-\d{2}-\d{2}\.md$/);
    expect(md.text).toContain('**3.00 / 4** — **Lean hire**');
    expect(md.text).toContain('| Requirements and scoping | 20% | 3 (Lean hire) | asked 301 vs 302 |');
    expect(md.text).toContain('| KGS batches<br>refill at 20% |');
    // Two trailing spaces: a Markdown hard break, so the note reads as it was typed.
    expect(md.text).toContain('Read-heavy, 100:1  \nCustom aliases: yes\n\n- 301 or 302?');
  });

  it('leaves PDFs to the shells: the back end refuses to make one', async () => {
    const { b } = backend();
    const out = await b.dispatch('report.savePdf', { fileName: 'tradeoff-url-shortener-2025-01-01.pdf' });
    expect(out).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const bad = await b.dispatch('report.savePdf', { fileName: '../../etc/passwd' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await b.dispatch('session.exportPdf', { id: 'x' })).toMatchObject({ ok: false });
  });
});
