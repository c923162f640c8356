/**
 * Query keys in one place (TanStack Query's key-factory pattern), and what each change to the data
 * makes stale. A mutation's onSuccess invalidates exactly the keys listed here for it, so no screen
 * shows a copy of server data that another screen has changed.
 *
 * Keys keep the `['<call name>', …args]` shape the screens already use, so a prefix such as
 * `libraryKeys.lists()` also reaches list queries still spelled inline elsewhere.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { SessionState, TranscriptEntry } from '../../../shared/api/sessions';

export const sessionKeys = {
  detail: (id: string) => ['session.get', id] as const,
  snapshots: (id: string) => ['session.snapshots', id] as const,
  unfinished: () => ['session.unfinished'] as const,
};

/** When each essential component first appeared on a session's board (from its snapshots). */
export const boardKeys = { timeline: (id: string) => ['board.timeline', id] as const };

export const scoreKeys = {
  detail: (sessionId: string) => ['score.get', sessionId] as const,
};

export const historyKeys = { lists: () => ['history.list'] as const };
export const trendsKeys = { all: () => ['trends.get'] as const };
/** Library cards carry the last practice and score (and the "weak" filter uses them). */
export const libraryKeys = { lists: () => ['library.list'] as const };
/** The first-run welcome: shown until an interview is started or it is dismissed. */
export const welcomeKeys = { status: () => ['welcome.get'] as const };
/** Spaced repetition: Today (due counts, skills to revisit), the queue, stats and settings. */
export const srsKeys = {
  today: () => ['srs.today'] as const,
  next: (deck: string | null) => ['srs.next', deck] as const,
  stats: () => ['srs.stats'] as const,
  settings: () => ['srs.settings'] as const,
  suspended: () => ['srs.suspended'] as const,
};

/** A card was rated, suspended or reset, or the limits changed: counts, queue and stats move. */
export async function srsChanged(queryClient: QueryClient): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: srsKeys.today() }),
    queryClient.invalidateQueries({ queryKey: ['srs.next'] }),
    queryClient.invalidateQueries({ queryKey: srsKeys.stats() }),
    queryClient.invalidateQueries({ queryKey: srsKeys.suspended() }),
  ]);
}

/** Everything a session's change of state touches outside the session itself. */
async function invalidatePractice(queryClient: QueryClient): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: sessionKeys.unfinished() }),
    queryClient.invalidateQueries({ queryKey: historyKeys.lists() }),
    queryClient.invalidateQueries({ queryKey: trendsKeys.all() }),
    queryClient.invalidateQueries({ queryKey: libraryKeys.lists() }),
    queryClient.invalidateQueries({ queryKey: welcomeKeys.status() }),
    // Today suggests interviews from your scores.
    queryClient.invalidateQueries({ queryKey: srsKeys.today() }),
  ]);
}

/** A session was started, paused, moved on, ended or discarded: the state returned is the truth. */
export async function sessionChanged(queryClient: QueryClient, session: SessionState): Promise<void> {
  queryClient.setQueryData(sessionKeys.detail(session.id), session);
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: sessionKeys.snapshots(session.id) }),
    invalidatePractice(queryClient),
  ]);
}

/** A session was discarded (it leaves history and resume offers). */
export async function sessionDiscarded(queryClient: QueryClient, id: string): Promise<void> {
  queryClient.removeQueries({ queryKey: sessionKeys.detail(id) });
  await invalidatePractice(queryClient);
}

/** A score was saved for a session. */
export async function scoreChanged(queryClient: QueryClient, sessionId: string): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: scoreKeys.detail(sessionId) }),
    invalidatePractice(queryClient),
  ]);
}

/**
 * A follow-up was answered or marked: the entries returned are the truth, so the cached session is
 * patched (the answer right after its question, as the store lists it) instead of fetched again
 * with its whole board.
 */
export function followUpChanged(
  queryClient: QueryClient,
  sessionId: string,
  followUp: TranscriptEntry,
  answer?: TranscriptEntry,
): void {
  queryClient.setQueryData<SessionState>(sessionKeys.detail(sessionId), (s) => {
    if (!s) return s;
    const transcript = s.transcript.filter((t) => t.id !== answer?.id);
    const at = transcript.findIndex((t) => t.id === followUp.id);
    if (at < 0) return s;
    transcript[at] = followUp;
    if (answer) transcript.splice(at + 1, 0, answer);
    return { ...s, transcript };
  });
}

/** Voice recordings: one session's recording and transcript, the space they use, the start default. */
export const voiceKeys = {
  all: () => ['voice'] as const,
  recording: (sessionId: string) => ['voice', 'get', sessionId] as const,
  usage: () => ['voice', 'usage'] as const,
  defaults: () => ['voice', 'defaults'] as const,
  transcription: () => ['voice', 'transcription'] as const,
};

/** The AI features: settings (never the key), a session's AI messages, draft and usage, calibration. */
export const aiKeys = {
  settings: () => ['ai.settings'] as const,
  session: (sessionId: string) => ['ai.session', sessionId] as const,
  calibration: () => ['ai.calibration'] as const,
};

/** Labs: what links to a lab, and the user's saved edit of its code. */
export const labKeys = {
  links: (labId: string) => ['lab.links', labId] as const,
  edit: (labId: string) => ['labEdit.get', labId] as const,
};
