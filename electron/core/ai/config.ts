/**
 * The endpoint the AI features use: base URL and model from SQLite, the key from the key vault.
 * Other features that call the same endpoint (voice transcription) read it through `aiEndpoint`.
 */
import type { AiSettings } from '../../../shared/api/ai';
import type { Core } from '../core';
import type { Endpoint } from './client';
import { memoryVault, type KeyVault } from './keys';

/** How long to wait for the endpoint (and between two streamed pieces) unless the shell says otherwise. */
export const DEFAULT_AI_TIMEOUT_MS = 60_000;

const vaults = new WeakMap<Core, KeyVault>();

/** The key vault the shell gave the back end (desktop: safeStorage-backed), else one in memory. */
export function keyVault(core: Core): KeyVault {
  let vault = vaults.get(core);
  if (!vault) {
    vault = core.options.aiKeys ?? memoryVault();
    vaults.set(core, vault);
  }
  return vault;
}

/** The settings as the renderer may see them: everything but the key. */
export function publicSettings(core: Core): AiSettings {
  const stored = core.openStores()?.ai.settings() ?? null;
  const vault = keyVault(core);
  return {
    preset: stored?.preset ?? 'ollama',
    baseURL: stored?.baseURL ?? '',
    model: stored?.model ?? '',
    hasKey: vault.get() !== null,
    keyStorage: vault.storage,
    configured: Boolean(stored?.baseURL && stored.model),
  };
}

/** `{ baseURL, apiKey, model, timeoutMs }`, or null until a base URL and model are saved. */
export function aiEndpoint(core: Core, override: { baseURL?: string } = {}): Endpoint | null {
  const stored = core.openStores()?.ai.settings() ?? null;
  const baseURL = override.baseURL || stored?.baseURL;
  if (!baseURL) return null;
  return {
    baseURL,
    apiKey: keyVault(core).get(),
    model: stored?.model ?? '',
    timeoutMs: core.options.aiTimeoutMs ?? DEFAULT_AI_TIMEOUT_MS,
  };
}
