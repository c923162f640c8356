/**
 * The renderer's only way to reach the back end. It picks the transport that is present: the
 * desktop preload's `window.tradeoff`, or HTTP to the web shell that served this page. Everything
 * is typed from the shared contract; only types are imported, so zod stays out of the first load.
 */
import type { BridgeApi, BridgeEvent } from '../../../shared/api/bridge';
import type { CallInput, CallName, CallOutput, EventName, EventPayload } from '../../../shared/api/contract';
import type { ApiError, Envelope } from '../../../shared/api/envelope';

declare global {
  interface Window {
    tradeoff?: BridgeApi;
  }
}

export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
  }
  get code() {
    return this.error.code;
  }
  get details() {
    return this.error.details;
  }
}

const NOT_ANSWERING: ApiError = {
  code: 'INTERNAL',
  message:
    'Tradeoff’s local server is not answering, so this did not go through. Is `npm run web` still running?',
};

async function readEnvelope(res: Response): Promise<Envelope<unknown>> {
  try {
    return (await res.json()) as Envelope<unknown>;
  } catch {
    return {
      ok: false,
      error: { code: 'INTERNAL', message: `The local server sent an unreadable answer (${res.status}).` },
    };
  }
}

async function viaHttp(name: string, input: unknown, keepalive: boolean): Promise<Envelope<unknown>> {
  let res: Response;
  try {
    res = await fetch(`/api/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input ?? {}),
      // A request the browser finishes even while the page closes (bodies under 64 KiB only).
      keepalive,
    });
  } catch {
    return { ok: false, error: NOT_ANSWERING };
  }
  return readEnvelope(res);
}

/**
 * Calls the back end. `keepalive` (web shell only) lets the request outlive the page: the last
 * save when a tab closes. The desktop window's process outlives its page, so IPC needs no such flag.
 */
export async function call<K extends CallName>(
  name: K,
  input: CallInput<K>,
  opts: { keepalive?: boolean } = {},
): Promise<CallOutput<K>> {
  const envelope = window.tradeoff
    ? await window.tradeoff.invoke(name, input)
    : await viaHttp(name, input, opts.keepalive ?? false);
  if (!envelope.ok) throw new ApiCallError(envelope.error);
  return envelope.value as CallOutput<K>;
}

/**
 * Backup and restore carry whole files, never base64 in JSON. On the desktop the main process asks
 * for a path in a native dialog and the back end reads or writes the file itself; in the web shell
 * the backup is streamed down and the restore streamed up as raw bytes.
 */
export async function saveBackup(
  download: (fileName: string, blob: Blob) => void,
): Promise<CallOutput<'data.backup'>> {
  if (window.tradeoff) return call('data.backup', {});
  const res = await httpOrNotAnswering('/api/data.backup', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{}',
  });
  if ((res.headers.get('Content-Type') ?? '').startsWith('application/json')) {
    const envelope = (await res.json()) as Envelope<unknown>;
    throw new ApiCallError(
      envelope.ok ? { code: 'INTERNAL', message: 'The backup did not arrive.' } : envelope.error,
    );
  }
  const fileName =
    /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? 'tradeoff-backup.sqlite';
  const blob = await res.blob();
  download(fileName, blob);
  return { fileName, sizeBytes: blob.size, savedTo: null };
}

/** `file` is the web shell's chosen file; the desktop app asks in its own dialog. */
export async function restoreBackup(file: File | null): Promise<CallOutput<'data.restore'>> {
  if (window.tradeoff) return call('data.restore', {});
  if (!file) return { cancelled: true };
  const res = await httpOrNotAnswering(`/api/data.restore?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream' },
    body: file,
  });
  const envelope = await readEnvelope(res);
  if (!envelope.ok) throw new ApiCallError(envelope.error);
  return envelope.value as CallOutput<'data.restore'>;
}

/**
 * The PDF report is printed from the page on screen (the report's print view). The desktop window
 * asks its main process, which prints it with Chromium and saves it where the user chooses; in the
 * web shell the browser's own print dialog does the same ("Save as PDF"), so nothing is sent.
 */
export async function savePdf(fileName: string): Promise<CallOutput<'report.savePdf'>> {
  if (window.tradeoff) return call('report.savePdf', { fileName });
  window.print();
  return { savedTo: null };
}

async function httpOrNotAnswering(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch {
    throw new ApiCallError(NOT_ANSWERING);
  }
}

type Handler = (event: BridgeEvent) => void;
const handlers = new Set<Handler>();
let source: EventSource | null = null;

function ensureEvents(): void {
  if (window.tradeoff || source) return;
  source = new EventSource('/api-events');
  source.onmessage = (msg) => {
    const event = JSON.parse(String(msg.data)) as BridgeEvent;
    handlers.forEach((h) => h(event));
  };
}

export function onEvent<K extends EventName>(
  name: K,
  listener: (payload: EventPayload<K>) => void,
): () => void {
  const handler: Handler = (event) => {
    if (event.name === name) listener(event.payload as EventPayload<K>);
  };
  if (window.tradeoff) return window.tradeoff.onEvent(handler);
  ensureEvents();
  handlers.add(handler);
  return () => handlers.delete(handler);
}

export function transportName(): 'ipc' | 'http' {
  return window.tradeoff ? 'ipc' : 'http';
}
