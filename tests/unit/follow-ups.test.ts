/**
 * Follow-up questions answered after the interview (session.answerFollowUp) and marked addressed
 * (session.markFollowUp): stored with the session, listed in the transcript right after the question.
 */
import { describe, expect, it } from 'vitest';
import type { SessionState, TranscriptEntry } from '../../shared/api/sessions';
import { backend, budgets, call, closeBackend, failure, tempDir } from '../helpers/backend';

type Answered = { followUp: TranscriptEntry; answer: TranscriptEntry };

/** An interview walked through every phase (two follow-ups and a constraint change), then ended. */
async function finishedWithFollowUps(b: Parameters<typeof call>[0]): Promise<SessionState> {
  const s = await call<SessionState>(b, 'session.start', {
    problemId: 'url-shortener',
    budgetsMin: budgets,
    mutation: true,
  });
  for (let i = 0; i < 4; i++) await call(b, 'session.control', { id: s.id, action: 'next' });
  return call<SessionState>(b, 'session.control', { id: s.id, action: 'end' });
}

describe('follow-up answers', () => {
  it('adds the answer to the transcript right after its question and marks the question addressed', async () => {
    let clock = 1_700_000_000_000;
    const { b } = backend(tempDir('fu'), { now: () => clock });
    const ended = await finishedWithFollowUps(b);
    const [first, second] = ended.transcript.filter((t) => t.kind === 'follow-up');
    expect(first?.addressedAtMs).toBeNull();

    clock += 60_000;
    const out = await call<Answered>(b, 'session.answerFollowUp', {
      id: ended.id,
      entryId: first!.id,
      text: '  Shard by key hash; hot keys get a read-through cache.  ',
    });
    expect(out.answer).toMatchObject({
      role: 'candidate',
      kind: 'answer',
      text: 'Shard by key hash; hot keys get a read-through cache.',
      replyTo: first!.id,
      phase: first!.phase,
      atMs: clock,
    });
    expect(out.followUp).toMatchObject({ id: first!.id, addressedAtMs: clock });

    const state = await call<SessionState>(b, 'session.get', { id: ended.id });
    const at = state.transcript.findIndex((t) => t.id === first!.id);
    expect(state.transcript[at + 1]).toMatchObject({ id: out.answer.id, replyTo: first!.id });
    expect(state.transcript.find((t) => t.id === second!.id)?.addressedAtMs).toBeNull();
    // Everything else keeps its order.
    expect(state.transcript.filter((t) => t.replyTo === null).map((t) => t.id)).toEqual(
      ended.transcript.map((t) => t.id),
    );
  });

  it('replaces an earlier answer instead of adding a second one', async () => {
    const { b } = backend();
    const ended = await finishedWithFollowUps(b);
    const question = ended.transcript.find((t) => t.kind === 'mutation')!;
    const a = await call<Answered>(b, 'session.answerFollowUp', {
      id: ended.id,
      entryId: question.id,
      text: 'v1',
    });
    const c = await call<Answered>(b, 'session.answerFollowUp', {
      id: ended.id,
      entryId: question.id,
      text: 'v2',
    });
    expect(c.answer.id).toBe(a.answer.id);
    const state = await call<SessionState>(b, 'session.get', { id: ended.id });
    expect(state.transcript.filter((t) => t.replyTo === question.id).map((t) => t.text)).toEqual(['v2']);
  });

  it('marks and unmarks a follow-up addressed without an answer, and keeps it after a restart', async () => {
    const dir = tempDir('fu-mark');
    let clock = 1_700_000_000_000;
    const first = backend(dir, { now: () => clock });
    const ended = await finishedWithFollowUps(first.b);
    const question = ended.transcript.find((t) => t.kind === 'follow-up')!;
    clock += 5_000;
    const marked = await call<TranscriptEntry>(first.b, 'session.markFollowUp', {
      id: ended.id,
      entryId: question.id,
      addressed: true,
    });
    expect(marked.addressedAtMs).toBe(clock);
    clock += 5_000;
    // Marking again keeps the first moment it was addressed.
    const again = await call<TranscriptEntry>(first.b, 'session.markFollowUp', {
      id: ended.id,
      entryId: question.id,
      addressed: true,
    });
    expect(again.addressedAtMs).toBe(clock - 5_000);
    closeBackend(first.b);

    const second = backend(dir);
    const state = await call<SessionState>(second.b, 'session.get', { id: ended.id });
    expect(state.transcript.find((t) => t.id === question.id)?.addressedAtMs).toBe(clock - 5_000);
    const unmarked = await call<TranscriptEntry>(second.b, 'session.markFollowUp', {
      id: ended.id,
      entryId: question.id,
      addressed: false,
    });
    expect(unmarked.addressedAtMs).toBeNull();
  });

  it('refuses what is not an interviewer’s follow-up, another session’s entry and an empty answer', async () => {
    const { b } = backend();
    const ended = await finishedWithFollowUps(b);
    const other = await finishedWithFollowUps(b);
    const opening = ended.transcript.find((t) => t.kind === 'opening')!;
    const nudge = ended.transcript.find((t) => t.kind === 'nudge')!;
    const foreign = other.transcript.find((t) => t.kind === 'follow-up')!;
    const mine = ended.transcript.find((t) => t.kind === 'follow-up')!;

    for (const entryId of [opening.id, nudge.id]) {
      expect(await failure(b, 'session.answerFollowUp', { id: ended.id, entryId, text: 'x' })).toMatchObject({
        code: 'BAD_INPUT',
      });
    }
    expect(
      await failure(b, 'session.answerFollowUp', { id: ended.id, entryId: foreign.id, text: 'x' }),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await failure(b, 'session.markFollowUp', { id: ended.id, entryId: foreign.id, addressed: true }),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await failure(b, 'session.answerFollowUp', { id: ended.id, entryId: mine.id, text: '   ' }),
    ).toMatchObject({ code: 'BAD_INPUT' });
    // An answer is itself not answerable.
    const { answer } = await call<Answered>(b, 'session.answerFollowUp', {
      id: ended.id,
      entryId: mine.id,
      text: 'ok',
    });
    expect(
      await failure(b, 'session.answerFollowUp', { id: ended.id, entryId: answer.id, text: 'x' }),
    ).toMatchObject({ code: 'BAD_INPUT' });
  });

  it('goes with the session when it is discarded from the database', async () => {
    const { b } = backend();
    const ended = await finishedWithFollowUps(b);
    const question = ended.transcript.find((t) => t.kind === 'follow-up')!;
    await call(b, 'session.answerFollowUp', { id: ended.id, entryId: question.id, text: 'kept' });
    const db = b.stores().db;
    db.prepare('DELETE FROM sessions WHERE id = ?').run(ended.id);
    expect(db.prepare('SELECT count(*) AS n FROM transcript WHERE session_id = ?').get(ended.id)).toEqual({
      n: 0,
    });
  });
});
