/**
 * Where the API key lives while the back end runs. The back end never writes the key to SQLite,
 * logs or reports; it holds it here. The desktop shell seeds it with the key it decrypted with
 * Electron's safeStorage and persists every change the same way (worker/protocol.ts `aiKey`);
 * the web shell keeps it in memory only, so it is gone when the shell stops.
 */
import type { AiKeyStorage } from '../../../shared/api/ai';

export interface KeyVault {
  readonly storage: AiKeyStorage;
  get(): string | null;
  set(key: string | null): void;
}

/** Held in memory only (web shell, tests, or a desktop without any storage for secrets). */
export function memoryVault(initial: string | null = null): KeyVault {
  let key = initial;
  return {
    storage: 'memory',
    get: () => key,
    set: (next) => {
      key = next;
    },
  };
}

/** A vault whose changes are also handed to the shell to persist (encrypted where the OS can). */
export function persistedVault(
  storage: AiKeyStorage,
  initial: string | null,
  persist: (key: string | null) => void,
): KeyVault {
  let key = initial;
  return {
    storage,
    get: () => key,
    set: (next) => {
      key = next;
      persist(next);
    },
  };
}
