/** Self-scoring against the rubric and the user's rubric profiles. */
import type { Core, HandlerSlice } from '../core';

type ScoringCalls =
  | 'rubric.profiles'
  | 'rubric.saveProfile'
  | 'rubric.deleteProfile'
  | 'rubric.setDefault'
  | 'score.get'
  | 'score.save';

export function scoringHandlers(core: Core): HandlerSlice<ScoringCalls> {
  const scoring = () => core.stores().scoring;
  return {
    'rubric.profiles': () => scoring().profiles(),
    'rubric.saveProfile': (input) => scoring().saveProfile(input),
    'rubric.deleteProfile': ({ id }) => ({ deleted: scoring().deleteProfile(id) }),
    'rubric.setDefault': ({ id }) => ({ defaultId: scoring().setDefault(id) }),
    'score.get': ({ sessionId }) => scoring().get(sessionId),
    'score.save': (input) => scoring().save(input),
  };
}
