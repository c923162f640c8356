/**
 * Opening an interview: tell the back end it is open again (any time it was closed comes off the
 * clock), then read it. main.tsx starts this as the page loads when the address is an interview,
 * so the session arrives while the code is still loading; the screen then takes that answer
 * instead of asking twice.
 */
import type { SessionState } from '../../../shared/api/sessions';

export interface Opened {
  session: SessionState;
  /** Closed time taken off the clock by this opening (shown once, to explain the clock). */
  awayMs: number;
}

/** The two calls an opening makes (the API client's, in the app). */
export interface OpeningCalls {
  alive(id: string): Promise<{ awayMs: number }>;
  get(id: string): Promise<SessionState>;
}

export function openings(calls: OpeningCalls) {
  const early = new Map<string, Promise<Opened>>();

  async function open(id: string): Promise<Opened> {
    const alive = await calls.alive(id);
    return { session: await calls.get(id), awayMs: alive.awayMs };
  }

  return {
    /** Starts opening the interview now; the screen's first read takes this answer. */
    openEarly(id: string): void {
      const opening = open(id);
      // A failure is reported by the screen when it takes the answer, not as an unhandled rejection.
      opening.catch(() => undefined);
      early.set(id, opening);
    },
    /** The opening started early for this interview, once; otherwise a fresh one. */
    takeOpening(id: string): Promise<Opened> {
      const opening = early.get(id);
      early.delete(id);
      return opening ?? open(id);
    },
  };
}
