/**
 * Autosave for an interview: edits are queued and flushed together at most ~1.5 s after the first
 * unsaved change (600 ms after the last one when typing pauses), one request at a time. Whatever
 * happens — a crash, a kill, a power cut — at most the last ~2 seconds can be lost.
 */
import type { PhaseId } from '../../../shared/content/schema';
import type { ScratchLine } from '../../../shared/api/sessions';
import { call } from '../api/client';

export const DEBOUNCE_MS = 600;
export const MAX_WAIT_MS = 1500;

export type SaveStatus =
  | { state: 'saved'; atMs: number | null }
  | { state: 'pending' }
  | { state: 'saving' }
  | { state: 'error'; message: string };

interface Pending {
  notes: Map<PhaseId, string>;
  scene: { json: string; elementCount: number; version: number } | null;
  scratchpad: { text: string; results: ScratchLine[] } | null;
}

export class SaveQueue {
  private pending: Pending = { notes: new Map(), scene: null, scratchpad: null };
  private debounce: ReturnType<typeof setTimeout> | null = null;
  private maxWait: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<void> | null = null;
  private listeners = new Set<(s: SaveStatus) => void>();
  private closed = false;
  /** The whiteboard changed and its serialised scene is on its way (see Whiteboard). */
  private sceneExpected = false;
  status: SaveStatus = { state: 'saved', atMs: null };

  constructor(
    readonly sessionId: string,
    /** The session revision this window loaded; every accepted save returns the next one. */
    private revision: number,
  ) {}

  subscribe(listener: (s: SaveStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private setStatus(s: SaveStatus) {
    this.status = s;
    this.listeners.forEach((l) => l(s));
  }

  private hasPending(): boolean {
    return this.pending.notes.size > 0 || this.pending.scene !== null || this.pending.scratchpad !== null;
  }

  private schedule() {
    if (this.closed) return;
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

  private take() {
    const p = this.pending;
    this.pending = { notes: new Map(), scene: null, scratchpad: null };
    return {
      id: this.sessionId,
      baseRevision: this.revision,
      ...(p.notes.size ? { notes: [...p.notes].map(([phase, text]) => ({ phase, text })) } : {}),
      ...(p.scene ? { scene: p.scene } : {}),
      ...(p.scratchpad ? { scratchpad: p.scratchpad } : {}),
    };
  }

  /** Saves everything queued now; resolves when it is stored (or has failed and been re-queued). */
  async flush(): Promise<void> {
    if (this.debounce) clearTimeout(this.debounce);
    if (this.maxWait) clearTimeout(this.maxWait);
    this.debounce = this.maxWait = null;
    if (this.inFlight) {
      await this.inFlight;
      if (this.hasPending()) return this.flush();
      return;
    }
    if (!this.hasPending()) return;
    performance.mark('autosave:send:start');
    const payload = this.take();
    this.setStatus({ state: 'saving' });
    this.inFlight = (async () => {
      try {
        const request = call('session.save', payload);
        // The synchronous part (building and sending the request) is what could block drawing.
        performance.measure('autosave:send', 'autosave:send:start');
        const out = await request;
        this.revision = out.revision;
        this.setStatus(
          this.hasPending() || this.sceneExpected
            ? { state: 'pending' }
            : { state: 'saved', atMs: out.savedAtMs },
        );
      } catch (e) {
        // Put it back (newer edits win) and try again shortly; the user keeps working.
        for (const n of payload.notes ?? [])
          if (!this.pending.notes.has(n.phase)) this.pending.notes.set(n.phase, n.text);
        this.pending.scene ??= payload.scene ?? null;
        this.pending.scratchpad ??= payload.scratchpad ?? null;
        this.setStatus({ state: 'error', message: (e as Error).message });
        if (!this.closed) setTimeout(() => void this.flush(), 3000);
      } finally {
        this.inFlight = null;
      }
    })();
    await this.inFlight;
    if (this.hasPending() && this.status.state !== 'error') this.schedule();
  }

  /** Last chance when the page goes away: send what is queued without waiting for an answer. */
  beacon() {
    if (!this.hasPending() || window.tradeoff) return;
    const body = new Blob([JSON.stringify(this.take())], { type: 'application/json' });
    navigator.sendBeacon('/api/session.save', body);
  }

  close() {
    this.closed = true;
    if (this.debounce) clearTimeout(this.debounce);
    if (this.maxWait) clearTimeout(this.maxWait);
  }
}
