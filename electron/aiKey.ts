/**
 * The AI endpoint's key on the desktop: encrypted with Electron's safeStorage (the OS keychain,
 * DPAPI or the Linux secret service) in its own file beside the data file — never in SQLite, so
 * backups and reports cannot carry it. When Linux has no keyring, safeStorage only obfuscates
 * ('basic_text'): the key is still stored, and Settings → AI warns that it is plain text in effect.
 * When no storage is available at all, the key lives in memory until the app quits.
 */
import fs from 'node:fs';
import path from 'node:path';
import { safeStorage } from 'electron';
import type { AiKeyStorage } from '../shared/api/ai';

const KEY_FILE = 'ai-key.bin';

export function aiKeyStorage(): AiKeyStorage {
  if (!safeStorage.isEncryptionAvailable()) return 'memory';
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text')
    return 'plain-text';
  return 'encrypted';
}

/** The stored key, decrypted, with how it is kept. An unreadable file counts as no key. */
export function loadAiKey(dir: string): { storage: AiKeyStorage; key: string | null } {
  const storage = aiKeyStorage();
  if (storage === 'memory') return { storage, key: null };
  try {
    const file = path.join(dir, KEY_FILE);
    if (!fs.existsSync(file)) return { storage, key: null };
    return { storage, key: safeStorage.decryptString(fs.readFileSync(file)) };
  } catch {
    return { storage, key: null };
  }
}

export function saveAiKey(dir: string, key: string | null): void {
  const file = path.join(dir, KEY_FILE);
  if (key === null) {
    fs.rmSync(file, { force: true });
    return;
  }
  if (aiKeyStorage() === 'memory') return;
  fs.writeFileSync(file, safeStorage.encryptString(key), { mode: 0o600 });
}
