/**
 * The interview's autosave queue, driven through an injected transport with fake timers: which
 * failures are retried and which stop, what the header is told, the revision each save is based on,
 * newer edits winning over a failed payload, and the last-chance split under the keep-alive limit.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ErrorCode } from '../../shared/api/envelope';
import {
  DEBOUNCE_MS,
  KEEPALIVE_MAX_BYTES,
  RETRY_BASE_MS,
  SaveQueue,
  type SaveInput,
  type SaveOutput,
  type SaveStatus,
} from '../../renderer/src/interview/saveQueue';

class Refused extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
  ) {
    super(`refused: ${code}`);
  }
}

/** A fake back end: records every request; answers from a script, then accepts. */
function fakeBackend(startRevision = 3) {
  const sent: { input: SaveInput; keepalive: boolean }[] = [];
  const script: (Refused | 'ok')[] = [];
  let revision = startRevision;
  const transport = vi.fn(async (input: SaveInput, opts: { keepalive: boolean }): Promise<SaveOutput> => {
    // Deep copy: the queue must not change a payload after sending it.
    sent.push({ input: JSON.parse(JSON.stringify(input)) as SaveInput, keepalive: opts.keepalive });
    await Promise.resolve();
    const next = script.shift() ?? 'ok';
    if (next !== 'ok') throw next;
    revision += 1;
    return { savedAtMs: 1000 + revision, revision };
  });
  return { sent, script, transport, revision: () => revision };
}

function statuses(queue: SaveQueue): SaveStatus[] {
  const seen: SaveStatus[] = [];
  queue.subscribe((s) => seen.push(s));
  return seen;
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('save queue', () => {
  it('debounces edits into one save based on the loaded revision, then carries the new revision forward', async () => {
    const backend = fakeBackend(3);
    const queue = new SaveQueue('session-1', { transport: backend.transport, baseRevision: 3 });
    queue.note('clarify', 'a');
    queue.note('clarify', 'ab');
    queue.scratchpad('1+1', []);
    expect(queue.status.state).toBe('pending');
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    expect(backend.sent).toHaveLength(1);
    expect(backend.sent[0]!.input).toEqual({
      id: 'session-1',
      baseRevision: 3,
      notes: [{ phase: 'clarify', text: 'ab' }],
      scratchpad: { text: '1+1', results: [] },
    });
    expect(queue.status).toEqual({ state: 'saved', atMs: 1004 });

    queue.note('design', 'x');
    await queue.flush();
    expect(backend.sent[1]!.input.baseRevision).toBe(4);
    expect(queue.baseRevision).toBe(5);
  });

  it('retries BUSY with backoff, says "not saved" meanwhile, and keeps newer edits over the failed ones', async () => {
    const backend = fakeBackend(0);
    backend.script.push(new Refused('BUSY'), new Refused('BUSY'));
    const queue = new SaveQueue('session-1', { transport: backend.transport, baseRevision: 0 });
    const seen = statuses(queue);
    queue.note('clarify', 'old text');
    await queue.flush();
    expect(queue.status).toMatchObject({ state: 'retrying', code: 'BUSY' });
    expect((queue.status as { reason: string }).reason).toMatch(/in use by another program/);

    // Typed while the failure waits: joins the queue, does not trigger its own save.
    queue.note('clarify', 'newer text');
    queue.note('design', 'boxes');
    await vi.advanceTimersByTimeAsync(RETRY_BASE_MS - 1);
    expect(backend.sent).toHaveLength(1);
    expect(queue.status.state).toBe('retrying');

    await vi.advanceTimersByTimeAsync(1);
    expect(backend.sent).toHaveLength(2); // second BUSY
    expect(backend.sent[1]!.input.notes).toEqual([
      { phase: 'clarify', text: 'newer text' },
      { phase: 'design', text: 'boxes' },
    ]);
    // Backoff doubles: nothing at +1 s, the third attempt at +2 s.
    await vi.advanceTimersByTimeAsync(RETRY_BASE_MS);
    expect(backend.sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(RETRY_BASE_MS);
    expect(backend.sent).toHaveLength(3);
    expect(backend.sent[2]!.input.notes).toEqual(backend.sent[1]!.input.notes);
    expect(backend.sent[2]!.input.baseRevision).toBe(0);
    expect(queue.status.state).toBe('saved');
    expect(queue.baseRevision).toBe(1);
    // "Saving…" was never shown between failures, and "saved" only after the success.
    const states = seen.map((s) => s.state);
    expect(states.indexOf('saved')).toBe(states.length - 1);
    expect(states.slice(states.indexOf('retrying'))).not.toContain('saving');
  });

  it('retries a full disk and explains how to fix it', async () => {
    const backend = fakeBackend(0);
    backend.script.push(new Refused('DISK_FULL'));
    const queue = new SaveQueue('session-1', { transport: backend.transport, baseRevision: 0 });
    queue.note('clarify', 'x');
    await queue.flush();
    expect(queue.status).toMatchObject({
      state: 'retrying',
      reason: 'the disk is full; free some space and it will save by itself',
    });
    await vi.advanceTimersByTimeAsync(RETRY_BASE_MS);
    expect(queue.status.state).toBe('saved');
  });

  it('stops on CONFLICT: no retries, no further saves, and the kept draft is reported', async () => {
    const backend = fakeBackend(5);
    backend.script.push(new Refused('CONFLICT', { revision: 7, draftId: 12 }));
    const queue = new SaveQueue('session-1', { transport: backend.transport, baseRevision: 5 });
    queue.note('clarify', 'stale window text');
    await queue.flush();
    expect(queue.status).toEqual({
      state: 'stopped',
      code: 'CONFLICT',
      reason: 'another window changed this interview',
      message: 'refused: CONFLICT',
      conflict: { revision: 7, draftId: 12 },
    });
    // The base revision is not silently moved to the other window's: that would overwrite its work.
    expect(queue.baseRevision).toBe(5);
    queue.note('clarify', 'typed after the conflict');
    await vi.advanceTimersByTimeAsync(60_000);
    await queue.flush();
    await queue.retryNow();
    expect(backend.sent).toHaveLength(1);
    expect(queue.status.state).toBe('stopped');

    // Before loading the newer version, what was typed since is kept as a draft too (refused again).
    backend.script.push(new Refused('CONFLICT', { revision: 7, draftId: 13 }));
    expect(await queue.keepAsDraft()).toBe(true);
    expect(backend.sent[1]!.input).toMatchObject({
      baseRevision: 5,
      notes: [{ phase: 'clarify', text: 'typed after the conflict' }],
    });
    expect(queue.hasPending()).toBe(false);
  });

  it.each(['TOO_LARGE', 'BAD_INPUT', 'NOT_FOUND'] as const)('stops on %s and says so', async (code) => {
    const backend = fakeBackend(0);
    backend.script.push(new Refused(code));
    const queue = new SaveQueue('session-1', { transport: backend.transport, baseRevision: 0 });
    queue.note('clarify', 'x');
    await queue.flush();
    expect(queue.status).toMatchObject({ state: 'stopped', code });
    await vi.advanceTimersByTimeAsync(120_000);
    expect(backend.sent).toHaveLength(1);
    expect(queue.hasPending()).toBe(true); // kept here, not dropped
  });

  it('tries a TOO_LARGE save again by hand, not a missing session', async () => {
    const backend = fakeBackend(0);
    backend.script.push(new Refused('TOO_LARGE'));
    const queue = new SaveQueue('session-1', { transport: backend.transport, baseRevision: 0 });
    queue.scene('{"elements":[]}', 0, 1);
    await queue.flush();
    await queue.retryNow();
    expect(backend.sent).toHaveLength(2);
    expect(queue.status.state).toBe('saved');

    const gone = fakeBackend(0);
    gone.script.push(new Refused('NOT_FOUND'));
    const q2 = new SaveQueue('session-2', { transport: gone.transport, baseRevision: 0 });
    q2.note('clarify', 'x');
    await q2.flush();
    await q2.retryNow();
    expect(gone.sent).toHaveLength(1);
  });

  it('treats an error without a code (the network) as retryable', async () => {
    let calls = 0;
    const queue = new SaveQueue('session-1', {
      baseRevision: 0,
      transport: async () => {
        calls++;
        if (calls === 1) throw new TypeError('Failed to fetch');
        return { savedAtMs: 1, revision: 1 };
      },
    });
    queue.note('clarify', 'x');
    await queue.flush();
    expect(queue.status).toMatchObject({ state: 'retrying', code: 'INTERNAL' });
    await vi.advanceTimersByTimeAsync(RETRY_BASE_MS);
    expect(queue.status.state).toBe('saved');
  });

  it('keeps edits made while a save is in flight for the next save, based on the new revision', async () => {
    const backend = fakeBackend(0);
    const queue = new SaveQueue('session-1', { transport: backend.transport, baseRevision: 0 });
    queue.note('clarify', 'one');
    const first = queue.flush();
    queue.note('clarify', 'two');
    await first;
    expect(queue.status.state).toBe('pending');
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    expect(backend.sent.map((s) => [s.input.baseRevision, s.input.notes?.[0]?.text])).toEqual([
      [0, 'one'],
      [1, 'two'],
    ]);
  });

  it('stays open across a strict-mode unmount and remount, and closes after the last release', async () => {
    const backend = fakeBackend(0);
    const queue = new SaveQueue('session-1', { transport: backend.transport, baseRevision: 0 });
    const releaseFirst = queue.retain();
    releaseFirst();
    const releaseSecond = queue.retain();
    await vi.advanceTimersByTimeAsync(0);
    queue.note('clarify', 'typed after the remount');
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    expect(backend.sent).toHaveLength(1);

    queue.note('clarify', 'typed just before leaving');
    releaseSecond(); // flushes what is queued, then closes
    await vi.advanceTimersByTimeAsync(0);
    expect(backend.sent).toHaveLength(2);
    queue.note('clarify', 'after close');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(backend.sent).toHaveLength(2);
  });

  describe('last chance on page hide', () => {
    it('sends everything in one keep-alive request when it fits', async () => {
      const backend = fakeBackend(2);
      const queue = new SaveQueue('session-1', { transport: backend.transport, baseRevision: 2 });
      queue.note('clarify', 'notes');
      queue.scene('{"elements":[1]}', 1, 9);
      await queue.lastChance(true);
      expect(backend.sent).toHaveLength(1);
      expect(backend.sent[0]).toMatchObject({ keepalive: true, input: { baseRevision: 2 } });
      expect(backend.sent[0]!.input.scene).toBeDefined();
      expect(queue.baseRevision).toBe(3);
      expect(queue.status.state).toBe('saved');
    });

    it('sends notes and scratchpad first under the limit, then the big scene normally', async () => {
      const backend = fakeBackend(2);
      const queue = new SaveQueue('session-1', { transport: backend.transport, baseRevision: 2 });
      queue.note('clarify', 'notes');
      queue.scratchpad('1 GB / 1 s', []);
      queue.scene(JSON.stringify({ elements: 'x'.repeat(KEEPALIVE_MAX_BYTES) }), 1, 9);
      await queue.lastChance(true);
      expect(backend.sent.map((s) => s.keepalive)).toEqual([true, false]);
      const [small, big] = backend.sent;
      expect(JSON.stringify(small!.input).length).toBeLessThan(KEEPALIVE_MAX_BYTES);
      expect(small!.input.scene).toBeUndefined();
      expect(small!.input.notes).toHaveLength(1);
      expect(small!.input.scratchpad).toBeDefined();
      expect(big!.input.scene).toBeDefined();
      expect(big!.input.baseRevision).toBe(3); // carried from the keep-alive answer
      expect(queue.status.state).toBe('saved');
    });

    it('re-queues a failed keep-alive save and retries it', async () => {
      const backend = fakeBackend(0);
      backend.script.push(new Refused('BUSY'));
      const queue = new SaveQueue('session-1', { transport: backend.transport, baseRevision: 0 });
      queue.note('clarify', 'notes');
      await queue.lastChance(true);
      expect(queue.status.state).toBe('retrying');
      expect(queue.hasPending()).toBe(true);
      await vi.advanceTimersByTimeAsync(RETRY_BASE_MS);
      expect(backend.sent.map((s) => s.keepalive)).toEqual([true, false]);
      expect(queue.status.state).toBe('saved');
    });

    it('waits for a save in flight instead of racing it on the same revision', async () => {
      const backend = fakeBackend(0);
      const queue = new SaveQueue('session-1', { transport: backend.transport, baseRevision: 0 });
      queue.note('clarify', 'one');
      const first = queue.flush();
      queue.note('design', 'two');
      await queue.lastChance(true);
      await first;
      expect(backend.sent.map((s) => [s.input.baseRevision, s.keepalive])).toEqual([
        [0, false],
        [1, true],
      ]);
    });

    it('flushes normally in the desktop app', async () => {
      const backend = fakeBackend(0);
      const queue = new SaveQueue('session-1', { transport: backend.transport, baseRevision: 0 });
      queue.scene(JSON.stringify({ elements: 'x'.repeat(KEEPALIVE_MAX_BYTES) }), 1, 9);
      await queue.lastChance(false);
      expect(backend.sent.map((s) => s.keepalive)).toEqual([false]);
    });
  });
});
