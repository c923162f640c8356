/**
 * Spaced repetition: the schedule is exactly ts-fsrs's, the queue keeps the daily limits, the log
 * alone reproduces every card's state, suspend and reset work, a pack re-import keeps history, and a
 * weak interview comes back on Today with its reason. The back end's clock is a variable here.
 */
import path from 'node:path';
import fc from 'fast-check';
import { createEmptyCard, fsrs, type Card, type Grade } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/core/backend';
import type { CardView, SrsStats, Today } from '../../shared/api/srs';
import { suggestSkills } from '../../shared/domain/skills';
import { backend, builtin, call, endedSession, tempDir } from '../helpers/backend';

const DAY_MS = 86_400_000;
const T0 = new Date(2026, 2, 2, 9, 0, 0).getTime(); // a Monday morning, local time

function clocked(start = T0) {
  const clock = { now: start };
  const { b } = backend(undefined, { now: () => clock.now });
  return { b, clock };
}

const today = (b: Backend) => call<Today>(b, 'srs.today', {});
const next = (b: Backend, deck?: string) => call<CardView | null>(b, 'srs.next', deck ? { deck } : {});
const rate = (b: Backend, cardId: string, rating: Grade, pointsCovered: number[] = []) =>
  call<CardView>(b, 'srs.review', { cardId, rating, pointsCovered, durationMs: 60_000 });

function pick(card: Card) {
  return {
    due: card.due.getTime(),
    stability: card.stability,
    difficulty: card.difficulty,
    state: card.state,
    reps: card.reps,
    lapses: card.lapses,
    scheduled_days: card.scheduled_days,
    learning_steps: card.learning_steps,
  };
}

function userPack(version = '1.0.0', prompt = 'How would you make a payment API idempotent?') {
  return {
    manifest: { schemaVersion: 1, id: 'my-pack', name: 'My pack', version, description: 'Practice extras.' },
    questions: [
      {
        id: 'my-q-idempotency',
        kind: 'architecture',
        topic: 'Payments',
        prompt,
        difficulty: 'advanced',
        answerPoints: ['Client-supplied idempotency key stored with the result', 'Same key, same answer'],
        followUps: [
          {
            question: 'How long do you keep the keys?',
            expectedPoints: ['Longer than any client retries', 'Scoped per account, then expired'],
          },
        ],
        relatedConcepts: [],
        relatedProblems: [],
      },
    ],
  };
}

describe('scheduling', () => {
  it('a review sequence gives exactly ts-fsrs’s schedule', async () => {
    const { b, clock } = clocked();
    const first = (await next(b))!;
    expect(first.state).toBe('new');
    const f = fsrs({ request_retention: 0.9 });
    let expected: Card = createEmptyCard(new Date(clock.now));
    const steps: [number, Grade][] = [
      [0, 3],
      [10 * 60_000, 3],
      [3 * DAY_MS, 1],
      [10 * 60_000, 3],
      [5 * DAY_MS, 4],
      [20 * DAY_MS, 2],
    ];
    for (const [gapMs, grade] of steps) {
      clock.now += gapMs;
      expected = f.next(expected, new Date(clock.now), grade).card;
      const view = await rate(b, first.id, grade, [0]);
      expect(view.dueAtMs).toBe(expected.due.getTime());
      expect(pick(b.openStores()!.srs.stored(first.id)!)).toEqual(pick(expected));
    }
    // The buttons show what ts-fsrs would do next.
    const preview = f.repeat(expected, new Date(clock.now));
    const view = await call<CardView>(b, 'srs.card', { cardId: first.id });
    expect(view.intervals.good).toMatch(/day|mo/);
    expect(preview[3].card.due.getTime()).toBeGreaterThan(clock.now);
  });

  it('stores the points covered with the review', async () => {
    const { b } = clocked();
    const card = (await next(b))!;
    await rate(b, card.id, 3, [1, 0, 1, 99]);
    const row = b
      .openStores()!
      .db.prepare('SELECT points_covered_json AS p, points_total AS t FROM srs_reviews WHERE card_id = ?')
      .get(card.id) as { p: string; t: number };
    expect(JSON.parse(row.p)).toEqual([0, 1]);
    expect(row.t).toBe(card.points.length);
  });

  it('uses the desired retention from Settings', async () => {
    const { b, clock } = clocked();
    await call(b, 'srs.saveSettings', { desiredRetention: 0.8, newPerDay: 10, maxReviewsPerDay: 200 });
    const card = (await next(b))!;
    const view = await rate(b, card.id, 4);
    const expected = fsrs({ request_retention: 0.8 }).next(
      createEmptyCard(new Date(clock.now)),
      new Date(clock.now),
      4,
    );
    expect(view.dueAtMs).toBe(expected.card.due.getTime());
  });
});

describe('the due queue', () => {
  it('respects the new-card and review limits, per day', async () => {
    const { b, clock } = clocked();
    await call(b, 'srs.saveSettings', { desiredRetention: 0.9, newPerDay: 3, maxReviewsPerDay: 2 });
    const start = await today(b);
    expect(start.freshTotal).toBe(3);
    expect(start.dueTotal).toBe(0);
    expect(start.decks.every((d) => d.fresh <= 3)).toBe(true);
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      const card = (await next(b))!;
      expect(card.state).toBe('new');
      seen.push(card.id);
      await rate(b, card.id, 4); // Easy: straight to review, days away
    }
    expect(new Set(seen).size).toBe(3);
    expect(await next(b)).toBeNull(); // the new-card limit is spent and nothing is due
    expect((await today(b)).freshTotal).toBe(0);
    expect((await today(b)).reviewedToday).toBe(3);

    clock.now += 40 * DAY_MS; // all three are due, but only two reviews a day
    const later = await today(b);
    expect(later.dueTotal).toBe(2);
    expect(later.freshTotal).toBe(3); // a new day: new cards again
    for (let i = 0; i < 2; i++) {
      const card = (await next(b))!;
      expect(seen).toContain(card.id);
      await rate(b, card.id, 3);
    }
    const done = await today(b);
    expect(done.dueTotal).toBe(0);
    const after = await next(b);
    expect(after?.state).toBe('new'); // reviews are spent; new cards still have their own limit
  });

  it('gives each deck its own queue', async () => {
    const { b } = clocked();
    const t = await today(b);
    const drills = t.decks.find((d) => d.id === 'kind:drill')!;
    expect(drills.total).toBe(10);
    const card = (await next(b, 'kind:drill'))!;
    expect(card.deckId).toBe('kind:drill');
    expect(card.minutes).toBeGreaterThanOrEqual(1);
    const topic = t.topics[0]!;
    const topical = (await next(b, topic.id))!;
    expect(topical.topic).toBe(topic.title);
  });

  it('counts a streak of days with reviews', async () => {
    const { b, clock } = clocked();
    for (let day = 0; day < 3; day++) {
      const card = (await next(b))!;
      await rate(b, card.id, 3);
      clock.now += DAY_MS;
    }
    expect((await today(b)).streakDays).toBe(3); // today is still open
    clock.now += 2 * DAY_MS;
    expect((await today(b)).streakDays).toBe(0);
    expect((await today(b)).changed).toMatch(/Since your last review 3 days ago, \d+ cards? came due/);
  });
});

describe('the review log', () => {
  it('recomputing from the log reproduces every stored card state (property, fixed seed)', async () => {
    const { b, clock } = clocked();
    const srs = b.openStores()!.srs;
    const ids = [
      (await next(b))!.id,
      (await next(b, 'kind:drill'))!.id,
      (await next(b, 'kind:behavioural'))!.id,
    ];
    const action = fc.oneof(
      fc.record({
        kind: fc.constant('rate' as const),
        card: fc.nat(2),
        grade: fc.constantFrom<Grade>(1, 2, 3, 4),
        gapMin: fc.nat(60 * 24 * 30),
      }),
      fc.record({ kind: fc.constant('reset' as const), card: fc.nat(2), gapMin: fc.nat(600) }),
      fc.record({
        kind: fc.constant('retention' as const),
        value: fc.constantFrom(0.8, 0.85, 0.9, 0.95),
        gapMin: fc.constant(0),
      }),
      fc.record({ kind: fc.constant('suspend' as const), card: fc.nat(2), gapMin: fc.constant(0) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 25 }), async (actions) => {
        for (const a of actions) {
          clock.now += a.gapMin * 60_000;
          if (a.kind === 'rate') await rate(b, ids[a.card]!, a.grade);
          else if (a.kind === 'reset') await call(b, 'srs.reset', { cardId: ids[a.card] });
          else if (a.kind === 'suspend')
            await call(b, 'srs.suspend', { cardId: ids[a.card], suspended: true });
          else
            await call(b, 'srs.saveSettings', {
              desiredRetention: a.value,
              newPerDay: 10,
              maxReviewsPerDay: 200,
            });
        }
        const recomputed = srs.recompute();
        for (const id of ids) {
          const stored = srs.stored(id);
          const replayed = recomputed.get(id);
          if (!replayed) expect(stored === null || stored.reps === 0).toBe(true);
          else expect(pick(stored!)).toEqual(pick(replayed));
        }
      }),
      { seed: 1306, numRuns: 40 },
    );
  });
});

describe('suspend and reset', () => {
  it('a suspended card leaves the queue and comes back when unsuspended', async () => {
    const { b, clock } = clocked();
    await call(b, 'srs.saveSettings', { desiredRetention: 0.9, newPerDay: 1, maxReviewsPerDay: 50 });
    const card = (await next(b))!;
    await rate(b, card.id, 4);
    clock.now += 60 * DAY_MS;
    expect((await today(b)).dueTotal).toBe(1);
    const suspended = await call<CardView>(b, 'srs.suspend', { cardId: card.id, suspended: true });
    expect(suspended.suspended).toBe(true);
    expect((await today(b)).dueTotal).toBe(0);
    expect((await next(b))?.id).not.toBe(card.id);
    expect(await call(b, 'srs.suspended', {})).toEqual([
      expect.objectContaining({ id: card.id, deckTitle: card.deckTitle }),
    ]);
    expect((await call<SrsStats>(b, 'srs.stats', {})).byState.suspended).toBe(1);
    await call(b, 'srs.suspend', { cardId: card.id, suspended: false });
    expect((await today(b)).dueTotal).toBe(1);
    expect((await next(b))!.id).toBe(card.id);
  });

  it('a reset card is new again, and its reviews stay in the log', async () => {
    const { b } = clocked();
    await call(b, 'srs.saveSettings', { desiredRetention: 0.9, newPerDay: 500, maxReviewsPerDay: 500 });
    const all = (await today(b)).freshTotal;
    const card = (await next(b))!;
    await rate(b, card.id, 3);
    await rate(b, card.id, 3);
    expect((await today(b)).freshTotal).toBe(all - 1);
    const reset = await call<CardView>(b, 'srs.reset', { cardId: card.id });
    // New again, in the counts too (the new-card limit still counts its first review today).
    expect((await today(b)).freshTotal).toBe(all);
    expect(reset).toMatchObject({ state: 'new', reps: 0, dueAtMs: null });
    const log = b.openStores()!.srs.cardLog(card.id);
    expect(log.map((l) => l.kind)).toEqual(['rate', 'rate', 'reset']);
    expect((await call<SrsStats>(b, 'srs.stats', {})).totalReviews).toBe(2);
  });
});

describe('backups', () => {
  it('carry the review log and the schedule, and a restore brings them back', async () => {
    const { b } = clocked();
    const card = (await next(b))!;
    await rate(b, card.id, 3, [0]);
    await call(b, 'srs.suspend', { cardId: card.id, suspended: true });
    const file = path.join(tempDir('srs-backup'), 'backup.sqlite');
    expect(await b.backupTo(file)).toMatchObject({ ok: true });

    const { b: fresh } = clocked();
    expect(await fresh.restoreFrom(file, 'backup.sqlite')).toMatchObject({ ok: true });
    expect(await call<CardView>(fresh, 'srs.card', { cardId: card.id })).toMatchObject({
      reps: 1,
      suspended: true,
    });
    expect(fresh.openStores()!.srs.cardLog(card.id)).toHaveLength(1);
  });
});

describe('cards and packs', () => {
  it('every question, concept question and drill is a card, in decks by kind', async () => {
    const { b } = clocked();
    const t = await today(b);
    const lib = b.library();
    const conceptQuestions = [...lib.concepts.values()].reduce((n, c) => n + c.item.questions.length, 0);
    const total = t.decks.reduce((n, d) => n + d.total, 0);
    expect(total).toBe(conceptQuestions + lib.questions.size + lib.drills.size);
    expect(t.decks.map((d) => d.title)).toEqual(
      expect.arrayContaining(['Concepts', 'Behavioural', 'Warm-up drills']),
    );
  });

  it('a pack re-import keeps the review history', async () => {
    const { b, clock } = clocked();
    const architecture = async () => (await today(b)).decks.find((d) => d.id === 'kind:architecture')!.total;
    const base = await architecture();
    await call(b, 'packs.import', { fileName: 'mine.json', text: JSON.stringify(userPack()) });
    expect(await architecture()).toBe(base + 1);
    const cardId = 'question:my-q-idempotency';
    const first = await call<CardView>(b, 'srs.card', { cardId });
    expect(first.deckTitle).toBe('Architecture');
    await rate(b, cardId, 4, [0, 1]);
    clock.now += DAY_MS;
    // An update: same pack id, a new version with the prompt reworded.
    await call(b, 'packs.import', {
      fileName: 'mine-2.json',
      text: JSON.stringify(userPack('1.1.0', 'How do you make a payment API safe to retry?')),
    });
    const updated = await call<CardView>(b, 'srs.card', { cardId });
    expect(updated).toMatchObject({
      state: 'review',
      reps: 1,
      prompt: 'How do you make a payment API safe to retry?',
    });
    // Removed and imported again: still the same history.
    await call(b, 'packs.remove', { id: 'my-pack' });
    expect(await architecture()).toBe(base);
    await call(b, 'packs.import', { fileName: 'mine.json', text: JSON.stringify(userPack()) });
    expect(await call<CardView>(b, 'srs.card', { cardId })).toMatchObject({ state: 'review', reps: 1 });
    expect(b.openStores()!.srs.cardLog(cardId)).toHaveLength(1);
  });
});

describe('skills come back', () => {
  it('a low-scored interview puts its problem on Today with the reason', async () => {
    const { b } = clocked();
    expect((await today(b)).suggestions).toEqual([]);
    const id = await endedSession(b, 'rate-limiter');
    const levels = { requirements: 2, design: 2, depth: 2, tradeoffs: 1, communication: 2 };
    const evidence = { requirements: '', design: '', depth: '', tradeoffs: '', communication: '' };
    await call(b, 'score.save', { sessionId: id, profileId: 'balanced', levels, evidence, checklist: [] });
    const t = await today(b);
    const weak = t.suggestions.find((s) => s.reason === 'weak-score')!;
    expect(weak.link).toMatchObject({ kind: 'problem', id: 'rate-limiter' });
    expect(weak.why).toMatch(/^Your last .* interview scored 1\.\d\d, below Lean hire/);
    const dim = t.suggestions.find((s) => s.reason === 'weak-dimension')!;
    expect(dim.why).toBe('Trade-offs scored 1.0 in your last interview.');
  });

  it('says the weakest dimension’s average over the last three interviews', () => {
    const point = (atMs: number, tradeoffs: number) => ({
      atMs,
      problemTitle: 'x',
      requirements: 3,
      design: 3,
      depth: 3,
      tradeoffs,
      communication: 3,
    });
    const out = suggestSkills({
      // Four interviews: the oldest (a 4) is outside the window of three.
      points: [point(1, 4), point(2, 2), point(3, 2), point(4, 1.4)],
      lastByProblem: new Map(),
      problems: builtin().problems,
      drills: builtin().drills,
      nowMs: 5,
    });
    expect(out).toEqual([
      expect.objectContaining({
        reason: 'weak-dimension',
        why: 'Trade-offs averaged 1.8 over your last 3 interviews.',
        link: expect.objectContaining({ kind: 'drill' }),
      }),
    ]);
  });

  it('a problem not practised for a long time comes back', async () => {
    const { b, clock } = clocked();
    const id = await endedSession(b, 'url-shortener');
    const levels = { requirements: 4, design: 4, depth: 4, tradeoffs: 4, communication: 4 };
    const evidence = { requirements: '', design: '', depth: '', tradeoffs: '', communication: '' };
    await call(b, 'score.save', { sessionId: id, profileId: 'balanced', levels, evidence, checklist: [] });
    expect((await today(b)).suggestions).toEqual([]);
    clock.now += 45 * DAY_MS;
    const stale = (await today(b)).suggestions.find((s) => s.reason === 'stale')!;
    expect(stale.why).toMatch(/You last practised .* 45 days ago/);
  });
});
