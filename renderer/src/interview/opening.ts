/**
 * Opening an interview: tell the back end it is open again (any time it was closed comes off the
 * clock), then read it. main.tsx starts this as the page loads when the address is an interview,
 * so the session arrives while the code is still loading; the screen then takes that answer
 * instead of asking twice.
 */
import type { SessionState } from '../../../shared/api/sessions';
import { call } from '../api/client';

export interface Opened {
  session: SessionState;
  /** Closed time taken off the clock by this opening (shown once, to explain the clock). */
  awayMs: number;
}

const early = new Map<string, Promise<Opened>>();

async function open(id: string): Promise<Opened> {
  const alive = await call('session.alive', { id });
  return { session: await call('session.get', { id }), awayMs: alive.awayMs };
}

/** Starts opening the interview now; the screen's first read takes this answer. */
export function openEarly(id: string): void {
  const opening = open(id);
  // A failure is reported by the screen when it takes the answer, not as an unhandled rejection.
  opening.catch(() => undefined);
  early.set(id, opening);
}

/** The opening started early for this interview, once; otherwise a fresh one. */
export function takeOpening(id: string): Promise<Opened> {
  const opening = early.get(id);
  early.delete(id);
  return opening ?? open(id);
}
