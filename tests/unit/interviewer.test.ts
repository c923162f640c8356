import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPackFolder } from '../../electron/core/library/load';
import { matchQuestion, stem, tokens } from '../../shared/domain/interviewer';

const pack = loadPackFolder(
  path.resolve(import.meta.dirname, '..', '..', 'assets', 'content', 'builtin'),
).pack!;
const url = pack.problems.find((p) => p.id === 'url-shortener')!;

function answerFor(typed: string): string | null {
  const m = matchQuestion(typed, url.clarifyingQuestions);
  return m.index === null ? null : url.clarifyingQuestions[m.index]!.phrasings[0]!;
}

describe('clarifying-question matching', () => {
  it('matches the expiry question however it is asked', () => {
    const expiry = url.clarifyingQuestions.findIndex((q) => q.phrasings.some((p) => /expir/i.test(p)));
    expect(expiry).toBeGreaterThanOrEqual(0);
    for (const typed of [
      'should links expire?',
      'Do short URLs have a TTL',
      'what about expiration',
      'do links live forever or expire',
    ]) {
      expect(matchQuestion(typed, url.clarifyingQuestions).index, typed).toBe(expiry);
    }
  });

  it('matches other topics to their own answers', () => {
    expect(answerFor('can users pick a custom alias?')).toMatch(/alias|custom/i);
    expect(answerFor('do we need click analytics')).toMatch(/analytic|click|stat/i);
    expect(answerFor('301 or 302 redirect?')).toMatch(/301|302|redirect/i);
  });

  it('hands the decision back when nothing matches', () => {
    expect(matchQuestion('what is your favourite colour', url.clarifyingQuestions).index).toBeNull();
    expect(matchQuestion('   ', url.clarifyingQuestions).index).toBeNull();
  });

  it('every authored phrasing finds its own question in every problem', () => {
    for (const problem of pack.problems) {
      problem.clarifyingQuestions.forEach((q, i) => {
        for (const phrasing of q.phrasings) {
          const m = matchQuestion(phrasing, problem.clarifyingQuestions);
          // A phrasing may legitimately match a sibling that shares its words; most must match home.
          if (m.index !== i) expect(m.index, `${problem.id}: "${phrasing}"`).not.toBeNull();
        }
      });
    }
  });

  it('stems and drops filler words', () => {
    expect(stem('expiration')).toBe(stem('TTL'));
    expect(tokens('Should the links expire?')).toEqual(['link', 'expir']);
  });
});
