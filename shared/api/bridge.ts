import type { Envelope } from './envelope';

/** Channel names in one place (Signal keeps them as constants too). No zod here: the preload imports this. */
export const IPC_INVOKE_CHANNEL = 'tradeoff:invoke';
export const IPC_EVENT_CHANNEL = 'tradeoff:event';
export const HTTP_API_PREFIX = '/api/';
export const HTTP_EVENTS_PATH = '/api-events';

/** One event from the back end: `name` is a key of `events` in contract.ts. */
export interface BridgeEvent {
  name: string;
  payload: unknown;
}

/** What the desktop preload exposes as `window.tradeoff`. The web shell has no bridge. */
export interface BridgeApi {
  invoke(name: string, input: unknown): Promise<Envelope<unknown>>;
  onEvent(listener: (event: BridgeEvent) => void): () => void;
  platform: string;
}
