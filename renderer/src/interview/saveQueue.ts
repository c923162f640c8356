/**
 * Autosave for an interview: edits are queued and flushed together at most ~1.5 s after the first
 * unsaved change (600 ms after the last one when typing pauses), one request at a time — two saves
 * in flight would both name the same base revision, and the second would be refused as stale.
 *
 * Every save names the revision it was based on (the loaded session's, then each save's answer), so
 * an older window can never overwrite newer work: the back end refuses it with CONFLICT and keeps
 * the refused edits as a draft. Failures are classified by their code (shared/api/envelope.ts):
 * what can succeed by itself (busy, disk full, I/O, a server restarting) is retried with backoff;
 * what cannot (a conflict, too large, refused input, a missing session) stops and says so. The
 * status never says "saved" unless the back end said it stored the edits.
 *
 * The transport is injected, so the unit tests drive the queue without a browser or a back end.
 */
import type { PhaseId } from '../../../shared/content/schema';
import type { ScratchLine } from '../../../shared/api/sessions';
import { isRetryable, type ErrorCode } from '../../../shared/api/envelope';

export const DEBOUNCE_MS = 600;
export const MAX_WAIT_MS = 1500;
/** Backoff between retries of a retryable failure: 1 s, 2 s, 4 s … at most 30 s. */
export const RETRY_BASE_MS = 1000;
export const RETRY_MAX_MS = 30_000;
/**
 * Browsers drop a keep-alive request (or a beacon) whose body, with the others still in flight, is
 * over 64 KiB. Stay a little under it.
 */
export const KEEPALIVE_MAX_BYTES = 63 * 1024;

export interface SaveInput {
  id: string;
  baseRevision: number;
  notes?: { phase: PhaseId; text: string }[];
  scene?: { json: string; elementCount: number; version: number };
  scratchpad?: { text: string; results: ScratchLine[] };
}

export interface SaveOutput {
  savedAtMs: number;
  revision: number;
}

/**
 * Sends one save. `keepalive` asks for a request that outlives the page (the body is then known to
 * be under KEEPALIVE_MAX_BYTES). Rejects with an error carrying `code` (and `details`) on refusal.
 */
export type SaveTransport = (input: SaveInput, opts: { keepalive: boolean }) => Promise<SaveOutput>;

export interface ConflictDetails {
  /** The revision now stored (another window's). */
  revision: number | null;
  /** The draft the back end kept our refused edits in. */
  draftId: number | null;
}

export type SaveStatus =
  | { state: 'saved'; atMs: number | null }
  | { state: 'pending' }
  | { state: 'saving' }
  /** Not saved; the queue tries again by itself at `retryAtMs`. */
  | { state: 'retrying'; code: ErrorCode; reason: string; message: string; retryAtMs: number }
  /** Not saved, and trying again cannot help until something changes (see `code`). */
  | {
      state: 'stopped';
      code: ErrorCode;
      reason: string;
      message: string;
      conflict?: ConflictDetails;
    };

/** What went wrong, in plain words, completing "Not saved — …". */
export function reasonFor(code: ErrorCode): string {
  switch (code) {
    case 'DISK_FULL':
      return 'the disk is full; free some space and it will save by itself';
    case 'BUSY':
      return 'the data file is in use by another program; it will save by itself when it is free';
    case 'IO_ERROR':
      return 'the disk reported a read or write error; trying again';
    case 'INTERNAL':
      return 'the app’s back end did not answer; it will save by itself when it is back';
    case 'CONFLICT':
      return 'another window changed this interview';
    case 'TOO_LARGE':
      return 'this is larger than the app can store; remove images or large drawings, then try again';
    case 'READ_ONLY':
      return 'the data folder cannot be written to; make it writable, then try again';
    case 'CORRUPT':
      return 'the data file is damaged; copy your work somewhere safe';
    case 'NOT_FOUND':
      return 'this interview no longer exists (it was discarded, or a backup was restored)';
    case 'DB_UNAVAILABLE':
      return 'the database is not open; copy your work somewhere safe and restart the app';
    case 'FORBIDDEN':
      return 'the app refused this window’s request; reload the page';
    case 'BAD_INPUT':
    case 'UNKNOWN_CALL':
    case 'INVALID_CONTENT':
      return 'the app refused what was sent (a bug on our side); copy your work somewhere safe';
  }
}

/** Whether a stopped save may be tried again by hand (a conflict needs a reload instead). */
export function canRetryByHand(code: ErrorCode): boolean {
  return code !== 'CONFLICT' && code !== 'NOT_FOUND';
}

function errorCode(e: unknown): ErrorCode {
  const code = (e as { code?: unknown } | null)?.code;
  // Anything without a code (a network failure, a bug in the transport) is treated as the back end
  // not answering: retried, never reported as saved.
  return typeof code === 'string' ? (code as ErrorCode) : 'INTERNAL';
}

function conflictDetails(e: unknown): ConflictDetails {
  const d = (e as { details?: { revision?: unknown; draftId?: unknown } } | null)?.details;
  return {
    revision: typeof d?.revision === 'number' ? d.revision : null,
    draftId: typeof d?.draftId === 'number' ? d.draftId : null,
  };
}

interface Pending {
  notes: Map<PhaseId, string>;
  scene: { json: string; elementCount: number; version: number } | null;
  scratchpad: { text: string; results: ScratchLine[] } | null;
}

export interface SaveQueueOptions {
  transport: SaveTransport;
  /** The revision of the loaded session (SessionState.revision). */
  baseRevision: number;
  now?: () => number;
}

function utf8Bytes(s: string): number {
  return new TextEncoder().encode(s).length;
}

export class SaveQueue {
  private pending: Pending = { notes: new Map(), scene: null, scratchpad: null };
  private debounce: ReturnType<typeof setTimeout> | null = null;
  private maxWait: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private inFlight: Promise<void> | null = null;
  private listeners = new Set<(s: SaveStatus) => void>();
  private closed = false;
  /** The whiteboard changed and its serialised scene is on its way (see Whiteboard). */
  private sceneExpected = false;
  private readonly transport: SaveTransport;
  private readonly now: () => number;
  /** The revision the next save is based on. */
  baseRevision: number;
  status: SaveStatus = { state: 'saved', atMs: null };

  constructor(
    readonly sessionId: string,
    opts: SaveQueueOptions,
  ) {
    this.transport = opts.transport;
    this.baseRevision = opts.baseRevision;
    this.now = opts.now ?? Date.now;
  }

  subscribe(listener: (s: SaveStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private setStatus(s: SaveStatus) {
    this.status = s;
    this.listeners.forEach((l) => l(s));
  }

  /** Not saved, and the last attempt failed: the header keeps saying so until a save succeeds. */
  private get failing(): boolean {
    return this.status.state === 'retrying' || this.status.state === 'stopped';
  }

  hasPending(): boolean {
    return this.pending.notes.size > 0 || this.pending.scene !== null || this.pending.scratchpad !== null;
  }

  private clearTimers() {
    if (this.debounce) clearTimeout(this.debounce);
    if (this.maxWait) clearTimeout(this.maxWait);
    this.debounce = this.maxWait = null;
  }

  private schedule() {
    if (this.closed) return;
    // While a failure is being retried (or has stopped), new edits join the queue and wait for the
    // retry (or for the person to act); they must not hammer a full disk or repeat a conflict.
    if (this.failing) return;
    if (this.status.state !== 'saving') this.setStatus({ state: 'pending' });
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.flush(), DEBOUNCE_MS);
    this.maxWait ??= setTimeout(() => void this.flush(), MAX_WAIT_MS);
  }

  note(phase: PhaseId, text: string) {
    this.pending.notes.set(phase, text);
    this.schedule();
  }

  /** Something changed that will be queued shortly: show it as unsaved until it is. */
  expectScene() {
    this.sceneExpected = true;
    if (this.status.state === 'saved') this.setStatus({ state: 'pending' });
  }

  scene(json: string, elementCount: number, version: number) {
    this.sceneExpected = false;
    this.pending.scene = { json, elementCount, version };
    this.schedule();
  }

  scratchpad(text: string, results: ScratchLine[]) {
    this.pending.scratchpad = { text, results };
    this.schedule();
  }

  /** Takes what is queued; with `maxBytes`, only what fits (notes and scratchpad first, then the scene). */
  private take(maxBytes?: number): SaveInput | null {
    const p = this.pending;
    const text: SaveInput = {
      id: this.sessionId,
      baseRevision: this.baseRevision,
      ...(p.notes.size ? { notes: [...p.notes].map(([phase, t]) => ({ phase, text: t })) } : {}),
      ...(p.scratchpad ? { scratchpad: p.scratchpad } : {}),
    };
    const all: SaveInput = p.scene ? { ...text, scene: p.scene } : text;
    let payload: SaveInput | null = all;
    if (maxBytes !== undefined && utf8Bytes(JSON.stringify(all)) > maxBytes) {
      const hasText = text.notes !== undefined || text.scratchpad !== undefined;
      payload = hasText && utf8Bytes(JSON.stringify(text)) <= maxBytes ? text : null;
    }
    if (!payload) return null;
    this.pending = {
      notes: payload.notes ? new Map() : p.notes,
      scratchpad: payload.scratchpad ? null : p.scratchpad,
      scene: payload.scene ? null : p.scene,
    };
    return payload;
  }

  /** Puts a failed payload back; anything edited since it was taken is newer and wins. */
  private requeue(payload: SaveInput) {
    for (const n of payload.notes ?? [])
      if (!this.pending.notes.has(n.phase)) this.pending.notes.set(n.phase, n.text);
    this.pending.scene ??= payload.scene ?? null;
    this.pending.scratchpad ??= payload.scratchpad ?? null;
  }

  /** Saves everything queued now; resolves when it is stored (or has failed and been re-queued). */
  async flush(): Promise<void> {
    this.clearTimers();
    if (this.inFlight) {
      await this.inFlight;
      if (this.hasPending() && this.status.state !== 'stopped') return this.flush();
      return;
    }
    if (this.status.state === 'stopped' || !this.hasPending()) return;
    await this.send(this.take()!, false);
  }

  /**
   * The page is being hidden or closed: in the web shell, send what fits under the browser's
   * keep-alive limit (notes and scratchpad first, the whiteboard if it fits) in a request that
   * outlives the page; what does not fit follows in an ordinary save once that one is answered.
   * With `keepalive: false` (the desktop app, where the window's process outlives the page) this is
   * an ordinary flush.
   */
  async lastChance(keepalive: boolean): Promise<void> {
    if (!keepalive) return this.flush();
    this.clearTimers();
    // One request at a time: a second save on the same base revision would be refused as stale.
    if (this.inFlight) {
      await this.inFlight;
      return this.lastChance(keepalive);
    }
    // Even after a stop: the page is going away, and a stale save is at least kept as a draft.
    if (!this.hasPending()) return;
    const payload = this.take(KEEPALIVE_MAX_BYTES);
    if (!payload) return this.flush(); // even the text alone is too big for keep-alive
    await this.send(payload, true);
    if (this.hasPending() && !this.failing) await this.flush();
  }

  private async send(payload: SaveInput, keepalive: boolean): Promise<void> {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    performance.mark('autosave:send:start');
    // Keep saying "Not saved — …" while a retry is on its way; only success changes that.
    if (!this.failing) this.setStatus({ state: 'saving' });
    this.inFlight = (async () => {
      try {
        const request = this.transport(payload, { keepalive });
        // The synchronous part (building and sending the request) is what could block drawing.
        performance.measure('autosave:send', 'autosave:send:start');
        const out = await request;
        this.baseRevision = out.revision;
        this.failures = 0;
        this.setStatus(
          this.hasPending() || this.sceneExpected
            ? { state: 'pending' }
            : { state: 'saved', atMs: out.savedAtMs },
        );
      } catch (e) {
        // A refused stale save is kept by the back end as a draft; anything else comes back here.
        if (errorCode(e) !== 'CONFLICT') this.requeue(payload);
        this.failed(e);
      } finally {
        this.inFlight = null;
      }
    })();
    await this.inFlight;
    if (this.hasPending() && !this.failing) this.schedule();
  }

  private failed(e: unknown) {
    const code = errorCode(e);
    const message = (e as Error | null)?.message ?? String(e);
    const reason = reasonFor(code) ?? message;
    if (isRetryable(code)) {
      const delayMs = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** this.failures);
      this.failures++;
      this.setStatus({ state: 'retrying', code, reason, message, retryAtMs: this.now() + delayMs });
      if (!this.closed) this.retryTimer = setTimeout(() => void this.retry(), delayMs);
      return;
    }
    this.setStatus({
      state: 'stopped',
      code,
      reason,
      message,
      ...(code === 'CONFLICT' ? { conflict: conflictDetails(e) } : {}),
    });
  }

  private async retry() {
    this.retryTimer = null;
    if (this.closed || this.inFlight || !this.hasPending()) return;
    await this.send(this.take()!, false);
  }

  /** The person asked to try again (after freeing space, fixing permissions, trimming the board). */
  async retryNow(): Promise<void> {
    if (this.status.state === 'stopped' && !canRetryByHand(this.status.code)) return;
    if (this.inFlight) await this.inFlight;
    if (!this.hasPending()) return;
    this.failures = 0;
    await this.send(this.take()!, false);
  }

  /**
   * Before loading another window's newer version after a conflict: whatever was typed here since
   * is sent once more on the old base, so the back end keeps it as a draft too (nothing typed is
   * lost). Resolves true when nothing is left unsent.
   */
  async keepAsDraft(): Promise<boolean> {
    if (this.inFlight) await this.inFlight;
    if (!this.hasPending()) return true;
    const payload = this.take()!;
    try {
      await this.transport(payload, { keepalive: false });
      // Not stale after all (should not happen after a conflict): it was simply saved.
      return true;
    } catch (e) {
      if (errorCode(e) === 'CONFLICT') return true;
      this.requeue(payload);
      this.failed(e);
      return false;
    }
  }

  private holders = 0;

  /**
   * Keeps the queue open while a screen uses it; the returned release flushes and, once nobody
   * holds it any more, closes it. (React's strict mode unmounts and remounts effects once in
   * development: a plain close on unmount would leave the remounted screen with a closed queue.)
   */
  retain(): () => void {
    this.holders++;
    this.closed = false;
    return () => {
      this.holders--;
      void this.flush().then(() => {
        if (this.holders === 0) this.close();
      });
    };
  }

  close() {
    this.closed = true;
    this.clearTimers();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}
