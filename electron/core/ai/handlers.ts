/** The AI features' slice of the contract (see shared/api/ai.ts). */
import { AppError } from '../../../shared/api/envelope';
import type { Core, HandlerSlice } from '../core';
import { AiService } from './service';
import { keyVault, publicSettings } from './config';

type AiCalls =
  | 'ai.settings'
  | 'ai.saveSettings'
  | 'ai.models'
  | 'ai.test'
  | 'ai.session'
  | 'ai.setInterviewer'
  | 'ai.ask'
  | 'ai.probe'
  | 'ai.draftScore'
  | 'ai.adopt'
  | 'ai.checkEstimates'
  | 'ai.calibration';

const services = new WeakMap<Core, AiService>();
/** One service per back end (the report reads it too). */
export function aiService(core: Core): AiService {
  let s = services.get(core);
  if (!s) {
    s = new AiService(core);
    services.set(core, s);
  }
  return s;
}

function checkBaseURL(url: string): void {
  if (!url) return;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not repeated back: a key pasted into the wrong field must not reach a message or a log.
    throw new AppError(
      'BAD_INPUT',
      'The base URL is not a web address. It looks like http://localhost:11434/v1.',
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new AppError('BAD_INPUT', 'The base URL must start with http:// or https://.');
  if (parsed.username || parsed.password)
    throw new AppError('BAD_INPUT', 'Put the API key in its own field, not in the base URL.');
}

export function aiHandlers(core: Core): HandlerSlice<AiCalls> {
  const ai = () => aiService(core);
  const store = () => core.stores().ai;
  return {
    'ai.settings': () => publicSettings(core),
    'ai.saveSettings': (input) => {
      checkBaseURL(input.baseURL);
      store().saveSettings({
        preset: input.preset,
        baseURL: input.baseURL.replace(/\/+$/, ''),
        model: input.model,
      });
      const vault = keyVault(core);
      if (input.clearKey) vault.set(null);
      else if (input.apiKey && input.apiKey.trim()) vault.set(input.apiKey.trim());
      return publicSettings(core);
    },
    'ai.models': ({ baseURL }) => {
      if (baseURL) checkBaseURL(baseURL);
      return ai().models(baseURL?.replace(/\/+$/, ''));
    },
    'ai.test': () => ai().test(),
    'ai.session': ({ sessionId }) => {
      const s = store();
      const calls = s.calls(sessionId);
      return {
        interviewer: s.interviewer(sessionId),
        messages: s.messages(sessionId),
        calls,
        totals: {
          promptTokens: calls.reduce((n, c) => n + (c.promptTokens ?? 0), 0),
          completionTokens: calls.reduce((n, c) => n + (c.completionTokens ?? 0), 0),
          calls: calls.length,
        },
        draft: s.latestDraft(sessionId),
        adoptions: s.adoptions(sessionId),
      };
    },
    'ai.setInterviewer': ({ sessionId, on }) => {
      core.stores().sessions.get(sessionId);
      store().setInterviewer(sessionId, on);
      return { interviewer: on };
    },
    'ai.ask': ({ sessionId, requestId, question }) => ai().ask(sessionId, requestId, question),
    'ai.probe': ({ sessionId, requestId }) => ai().probe(sessionId, requestId),
    'ai.draftScore': ({ sessionId }) => ai().draftScore(sessionId),
    'ai.adopt': ({ sessionId, dimension }) => ai().adopt(sessionId, dimension),
    'ai.checkEstimates': ({ sessionId }) => ai().checkEstimates(sessionId),
    'ai.calibration': () => ai().calibration(),
  };
}
