/**
 * The back end's thread. Every SQLite call, pack validation, report, integrity check, backup and
 * restore runs here, so the shell's main thread (the desktop window's process, or the web shell's
 * request loop) only relays messages and never stalls.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Backend } from '../backend';
import { testClock } from '../srs/testClock';
import { persistedVault } from '../ai/keys';
import type { FromWorker, ToWorker, WorkerStart } from './protocol';

const port = parentPort;
if (!port) throw new Error('worker/entry.ts must run in a worker thread.');
const start = workerData as WorkerStart;
const post = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
const encoder = new TextEncoder();
const decoder = new TextDecoder();

let backend: Backend | null = null;
/** How long the thread waits for a first request before warming up on its own. */
const WARM_UP_AFTER_MS = 25;
let warmUp: ReturnType<typeof setTimeout> | undefined;
try {
  backend = new Backend({
    dataDir: start.dataDir,
    assetsDir: start.assetsDir,
    builtinPackFile: start.builtinPackFile,
    transport: start.transport,
    appVersion: start.appVersion,
    db: start.nativeBinding ? { nativeBinding: start.nativeBinding } : {},
    // The main thread took the data folder's lock before starting this thread.
    noLock: true,
    log: (line) => post({ type: 'log', line }),
    now: testClock(),
    ...(start.aiKey
      ? {
          aiKeys: persistedVault(start.aiKey.storage, start.aiKey.key, (key) => post({ type: 'aiKey', key })),
        }
      : {}),
  });
  backend.onEvent((name, payload) => post({ type: 'event', name, payload }));
  post({ type: 'ready' });
  // The first screen asks for these at once. When the window is still loading its code, running
  // them meanwhile compiles and caches their paths, so the real requests are answered warm; when
  // the requests are already waiting (they arrive right after "ready"), they would only delay them.
  const warm = backend;
  warmUp = setTimeout(() => {
    for (const [name, input] of [
      ['app.status', {}],
      ['library.facets', {}],
      ['library.list', {}],
      ['session.unfinished', {}],
      ['srs.today', {}],
    ] as const)
      void warm.dispatch(name, input);
  }, WARM_UP_AFTER_MS);
} catch (e) {
  post({ type: 'startFailed', message: (e as Error).message });
}

port.on('message', (message: ToWorker) => {
  clearTimeout(warmUp);
  void handle(message);
});

async function handle(m: ToWorker): Promise<void> {
  if (!backend) {
    const envelope = {
      ok: false as const,
      error: {
        code: 'INTERNAL' as const,
        message: 'Tradeoff’s back end could not start; see the log for why.',
      },
    };
    if (m.type === 'callJson') {
      const body = encoder.encode(JSON.stringify(envelope));
      post({ type: 'resultJson', id: m.id, status: 200, body }, [body.buffer as ArrayBuffer]);
    } else post({ type: 'result', id: m.id, envelope });
    return;
  }
  switch (m.type) {
    case 'call':
      post({ type: 'result', id: m.id, envelope: await backend.dispatch(m.name, m.input) });
      return;
    case 'callJson': {
      // A fresh buffer of its own, so it can be handed over to the main thread without a copy.
      const out = await backend.dispatchJson(m.name, decoder.decode(m.body));
      const body = encoder.encode(out.json);
      post({ type: 'resultJson', id: m.id, status: out.status, body }, [body.buffer as ArrayBuffer]);
      return;
    }
    case 'backupTo':
      post({ type: 'result', id: m.id, envelope: await backend.backupTo(m.file) });
      return;
    case 'restoreFrom':
      post({ type: 'result', id: m.id, envelope: await backend.restoreFrom(m.file, m.shownName) });
      return;
    case 'close':
      backend.close();
      backend = null;
      post({ type: 'result', id: m.id, envelope: { ok: true, value: null } });
      return;
  }
}
