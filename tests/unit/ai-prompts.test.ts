/**
 * The prompts are versioned text: a snapshot pins each one for one problem, so changing the words
 * without changing the version (stored with every AI message and draft) shows up in review.
 * Also: a quote the candidate never wrote is dropped, however the model dresses it up.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DRAFT_PROMPT_VERSION, draftMessages } from '../../electron/core/ai/prompts/draft';
import { ESTIMATES_PROMPT_VERSION, estimatesMessages } from '../../electron/core/ai/prompts/estimates';
import {
  INTERVIEWER_PROMPT_VERSION,
  interviewerSystemPrompt,
  phaseProbeInstruction,
} from '../../electron/core/ai/prompts/interviewer';
import { checkQuotes, findQuote, materialWords } from '../../shared/domain/quotes';
import { builtin } from '../helpers/backend';

const problem = () => builtin().problems.find((p) => p.id === 'url-shortener')!;
const notes = {
  clarify: 'Reads dominate.',
  estimate: '',
  design: 'Redis cache in front.',
  'deep-dive': '',
  tradeoffs: '',
};

describe('prompts (pinned per version)', () => {
  it('interviewer-v1 for the URL shortener', () => {
    expect(INTERVIEWER_PROMPT_VERSION).toBe('interviewer-v1');
    const text = interviewerSystemPrompt({
      problem: problem(),
      phase: 'design',
      elapsedMin: 12.4,
      timeTargetMin: 45,
      notes,
      board: '- API gateway\n- Redis',
      scratchpad: 'writes = 100M / month to 1/s',
      announcedChanges: [],
    });
    expect(text).toMatchSnapshot();
    expect(phaseProbeInstruction('deep-dive')).toMatchSnapshot();
  });

  it('draft-v1 and estimates-v1 for the URL shortener', () => {
    expect(DRAFT_PROMPT_VERSION).toBe('draft-v1');
    expect(ESTIMATES_PROMPT_VERSION).toBe('estimates-v1');
    expect(draftMessages(problem(), { notes: 'n', transcript: 't', board: 'b' })).toMatchSnapshot();
    expect(estimatesMessages(problem(), [{ line: 1, input: 'x = 1/s', output: '1 /s' }])).toMatchSnapshot();
  });
});

describe('quote checks', () => {
  const material = {
    notes: 'Put a Redis cache in front of the key–value store.\nReads   dominate writes.',
    transcript: 'How long do links live?',
    board: '- Load balancer',
  };

  it('finds quotes despite case, spacing, dashes and a trailing full stop; drops invented ones', () => {
    expect(findQuote('put a redis cache in front of the key-value store.', material)).toBe('notes');
    expect(findQuote('Reads dominate writes', material)).toBe('notes');
    expect(findQuote('How long do links live', material)).toBe('transcript');
    expect(findQuote('Load balancer', material)).toBe('board');
    expect(findQuote('We shard by user id', material)).toBeNull();
    expect(findQuote('Redis', material)).toBeNull(); // too short to be evidence
    expect(
      checkQuotes(['Reads dominate writes', 'Cassandra for everything', 'reads dominate writes.'], material),
    ).toEqual({
      kept: [{ text: 'Reads dominate writes', source: 'notes' }],
      dropped: 1,
    });
    expect(materialWords(material)).toBe(20); // 10 + 3 in the notes, 5 asked, 2 on the board (a bullet is no word)
  });

  it('property: a quote with a word that is in none of the material is always dropped', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 0, maxLength: 40 }),
        fc.string({ minLength: 0, maxLength: 40 }),
        (before, after) => {
          const quote = `${before} zqxjvk-${before.length} ${after}`;
          return findQuote(quote, material) === null;
        },
      ),
      { seed: 11, numRuns: 300 },
    );
  });

  it('property: any long enough slice of the notes is found', () => {
    const text = material.notes;
    fc.assert(
      fc.property(fc.nat(text.length - 12), fc.integer({ min: 12, max: 30 }), (start, len) => {
        const slice = text.slice(start, start + len);
        if (slice.replace(/[\s."'…-]/g, '').length < 8) return true;
        return findQuote(slice, material) === 'notes';
      }),
      { seed: 11, numRuns: 300 },
    );
  });
});
