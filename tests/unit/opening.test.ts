/**
 * Opening an interview ahead of React (renderer/src/interview/opening.ts): the early answer is
 * taken once, by the interview it was started for, with the calls in the right order.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { SessionState } from '../../shared/api/sessions';
import { openings } from '../../renderer/src/interview/opening';

const calls: string[] = [];
let failAlive = false;
const { openEarly, takeOpening } = openings({
  alive: async (id) => {
    calls.push(`session.alive:${id}`);
    if (failAlive) throw new Error('The back end is not answering.');
    return { awayMs: 7_200_000 };
  },
  get: async (id) => {
    calls.push(`session.get:${id}`);
    return { id, status: 'active' } as SessionState;
  },
});

beforeEach(() => {
  calls.length = 0;
  failAlive = false;
});

describe('opening an interview early', () => {
  it('marks it alive before reading it, and the screen takes that answer instead of asking again', async () => {
    openEarly('s1');
    const opened = await takeOpening('s1');
    expect(opened).toEqual({ session: { id: 's1', status: 'active' }, awayMs: 7_200_000 });
    expect(calls).toEqual(['session.alive:s1', 'session.get:s1']);
  });

  it('is taken once: a later opening (the screen mounted again) asks afresh', async () => {
    openEarly('s2');
    await takeOpening('s2');
    await takeOpening('s2');
    expect(calls).toEqual(['session.alive:s2', 'session.get:s2', 'session.alive:s2', 'session.get:s2']);
  });

  it('only answers for the interview it was started for', async () => {
    openEarly('s3');
    await takeOpening('other');
    expect(calls.slice(0, 2)).toEqual(['session.alive:s3', 'session.alive:other']);
    await takeOpening('s3');
    expect(calls.filter((c) => c.endsWith(':s3'))).toEqual(['session.alive:s3', 'session.get:s3']);
  });

  it('hands a failure to the screen that takes it (and reads nothing after a failed alive)', async () => {
    failAlive = true;
    openEarly('s4');
    await expect(takeOpening('s4')).rejects.toThrow('not answering');
    expect(calls).toEqual(['session.alive:s4']);
  });
});
