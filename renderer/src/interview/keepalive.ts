/**
 * The web shell's last-chance save: a `fetch` with `keepalive`, which the browser finishes even
 * when the page is being closed (as long as the body is under 64 KiB, which the save queue
 * ensures). Unlike `sendBeacon`, its answer can be read — when the page survives (hidden, not
 * closed) the queue learns the new revision or re-queues the edits.
 *
 * This is the one request the renderer sends outside `api/client.ts`, whose transport cannot ask
 * for `keepalive`; same origin, so the web shell's session cookie goes with it.
 */
import type { Envelope } from '../../../shared/api/envelope';
import { ApiCallError } from '../api/client';
import type { SaveInput, SaveOutput } from './saveQueue';

export async function saveWithKeepalive(input: SaveInput): Promise<SaveOutput> {
  let envelope: Envelope<SaveOutput>;
  try {
    const res = await fetch('/api/session.save', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
      keepalive: true,
      credentials: 'same-origin',
    });
    envelope = (await res.json()) as Envelope<SaveOutput>;
  } catch {
    envelope = {
      ok: false,
      error: { code: 'INTERNAL', message: 'Tradeoff’s local server did not answer the last save.' },
    };
  }
  if (!envelope.ok) throw new ApiCallError(envelope.error);
  return envelope.value;
}
