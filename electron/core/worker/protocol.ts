/** Messages between a shell's main thread (host.ts) and the back end's worker thread (entry.ts). */
import type { AiKeyStorage } from '../../../shared/api/ai';
import type { Envelope } from '../../../shared/api/envelope';

/** What the worker needs to start a Backend: plain data only (it crosses a thread boundary). */
export interface WorkerStart {
  dataDir: string;
  assetsDir: string;
  builtinPackFile?: string;
  transport: 'ipc' | 'http';
  appVersion: string;
  nativeBinding?: string;
  /** Set when the thread starts with boot.ts: the back end's bundle and where its code cache lives. */
  codeCache?: { bundle: string; dir: string | null };
  /** Desktop: the AI key the shell decrypted, and how it keeps it (absent: memory only). */
  aiKey?: { storage: AiKeyStorage; key: string | null };
}

export type ToWorker =
  | { type: 'call'; id: number; name: string; input: unknown }
  /** A raw JSON body: parsed in the worker, answered as UTF-8 JSON bytes. */
  | { type: 'callJson'; id: number; name: string; body: Uint8Array }
  | { type: 'backupTo'; id: number; file: string }
  | { type: 'restoreFrom'; id: number; file: string; shownName: string }
  | { type: 'close'; id: number };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'startFailed'; message: string }
  | { type: 'result'; id: number; envelope: Envelope<unknown> }
  | { type: 'resultJson'; id: number; status: number; body: Uint8Array }
  | { type: 'event'; name: string; payload: unknown }
  | { type: 'log'; line: string }
  /** The AI key changed: the shell persists it (desktop: encrypted with safeStorage). */
  | { type: 'aiKey'; key: string | null };
