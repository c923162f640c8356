/**
 * The AI client's failure, apart from the client itself: modules that only catch or throw it (voice
 * transcription's handlers) import this, so the openai SDK (about 1 MB of code) loads on the first
 * AI call instead of when the back end starts.
 */
import type { AiFailure } from '../../../shared/api/ai';

export interface Usage {
  promptTokens: number | null;
  completionTokens: number | null;
}

export class AiCallError extends Error {
  constructor(
    readonly failure: AiFailure,
    readonly usage: Usage = { promptTokens: null, completionTokens: null },
  ) {
    super(failure.message);
  }
}
