/** Interviews: start, the clock's events, autosave, the offline interviewer, follow-ups answered afterwards, drafts and snapshots. */
import type { Core, HandlerSlice } from '../core';

type InterviewCalls =
  | 'session.start'
  | 'session.get'
  | 'session.unfinished'
  | 'session.control'
  | 'session.save'
  | 'session.alive'
  | 'session.ask'
  | 'session.answerFollowUp'
  | 'session.markFollowUp'
  | 'session.discard'
  | 'session.dismissDraft'
  | 'session.snapshots'
  | 'session.snapshot';

export function interviewHandlers(core: Core): HandlerSlice<InterviewCalls> {
  const sessions = () => core.stores().sessions;
  return {
    'session.start': (input) => sessions().start(input),
    'session.get': ({ id }) => sessions().get(id),
    'session.unfinished': () => sessions().unfinished(),
    'session.control': (input) => sessions().control(input),
    'session.save': (input) => sessions().save(input),
    'session.alive': ({ id }) => sessions().alive(id),
    'session.ask': (input) => sessions().ask(input),
    'session.answerFollowUp': (input) => sessions().answerFollowUp(input),
    'session.markFollowUp': (input) => sessions().markFollowUp(input),
    'session.discard': ({ id }) => ({ discarded: sessions().discard(id) }),
    'session.dismissDraft': ({ id, draftId }) => ({ dismissed: sessions().dismissDraft(id, draftId) }),
    'session.snapshots': ({ id }) => sessions().snapshots(id),
    'session.snapshot': ({ id, snapshotId }) => sessions().snapshot(id, snapshotId),
  };
}
