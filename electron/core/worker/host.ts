/**
 * The shells' side of the back end: takes the data folder's lock, starts the back end in a worker
 * thread, and relays calls and events. Both shells (Electron main, the web shell) use this, so the
 * same Backend runs the same way behind both, and neither shell's main thread does any of its work.
 */
import { Worker } from 'node:worker_threads';
import type { Envelope } from '../../../shared/api/envelope';
import { lockDataFolder, type DataFolderLock } from '../db/lock';
import type { FromWorker, ToWorker, WorkerStart } from './protocol';

export interface HostOptions extends WorkerStart {
  /** The back end's built bundle (dist/web/worker/backend-worker.cjs, dist-electron/backend-worker.cjs). */
  workerFile: string;
  /**
   * Start the thread with this boot script (boot.ts, built), which loads `workerFile` through V8's
   * code cache kept in `cacheDir` (null: no cache). Without it the thread runs `workerFile` itself.
   */
  boot?: { file: string; cacheDir: string | null };
  /** Extra Node flags for the worker (tests run the TypeScript source through tsx). */
  execArgv?: string[];
  log?: (line: string) => void;
  /** Persists the AI key when the user changes it (desktop); never logged. */
  onAiKey?: (key: string | null) => void;
}

type Pending = { resolve: (value: unknown) => void };
type ToWorkerBody = ToWorker extends infer T ? (T extends { id: number } ? Omit<T, 'id'> : never) : never;

const STOPPED: Envelope<never> = {
  ok: false,
  error: {
    code: 'INTERNAL',
    message:
      'Tradeoff’s back end stopped unexpectedly, so this did not complete. It has been restarted; please try again.',
  },
};

export class BackendHost {
  private worker!: Worker;
  private ready!: Promise<void>;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(name: string, payload: unknown) => void>();
  private closing = false;
  /** Why the back end could not start, when it could not. */
  startError: string | null = null;

  private constructor(
    private readonly options: HostOptions,
    private readonly lock: DataFolderLock,
  ) {
    this.spawn();
  }

  /**
   * Takes the data folder's lock (throws DataFolderLockedError naming the holder) and starts the
   * worker. Returns at once: calls made before the worker is ready wait for it.
   */
  static start(options: HostOptions): BackendHost {
    const lock = lockDataFolder(
      options.dataDir,
      options.transport === 'ipc' ? 'the desktop app' : 'a web shell',
    );
    try {
      return new BackendHost(options, lock);
    } catch (e) {
      lock.release();
      throw e;
    }
  }

  private spawn(): void {
    const { workerFile, boot, execArgv, log, onAiKey, ...start } = this.options;
    const worker = new Worker(boot ? boot.file : workerFile, {
      workerData: (boot
        ? { ...start, codeCache: { bundle: workerFile, dir: boot.cacheDir } }
        : start) satisfies WorkerStart,
      execArgv: execArgv ?? [],
    });
    this.worker = worker;
    this.ready = new Promise<void>((resolve) => {
      const onMessage = (m: FromWorker) => {
        switch (m.type) {
          case 'ready':
            this.startError = null;
            resolve();
            return;
          case 'startFailed':
            this.startError = m.message;
            log?.(`back end could not start: ${m.message}`);
            resolve();
            return;
          case 'result':
            this.settle(m.id, m.envelope);
            return;
          case 'resultJson':
            this.settle(m.id, { status: m.status, body: m.body });
            return;
          case 'event':
            for (const l of this.listeners) l(m.name, m.payload);
            return;
          case 'log':
            log?.(m.line);
            return;
          case 'aiKey':
            // A restarted worker starts with the current key, not the one from launch.
            if (this.options.aiKey) this.options.aiKey = { ...this.options.aiKey, key: m.key };
            onAiKey?.(m.key);
            return;
        }
      };
      worker.on('message', onMessage);
      worker.on('error', (e) => log?.(`back end error: ${e.stack ?? e.message}`));
      worker.on('exit', (code) => {
        resolve();
        // Answer everything in flight honestly, then start again (unless we are closing).
        for (const [id] of this.pending) this.settle(id, STOPPED);
        if (!this.closing) {
          log?.(`back end exited (code ${code}); restarting it`);
          this.spawn();
        }
      });
    });
  }

  private settle(id: number, value: unknown): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    p.resolve(value);
  }

  private async send<T>(message: ToWorkerBody, transfer: ArrayBuffer[] = []): Promise<T> {
    await this.ready;
    const id = this.nextId++;
    return new Promise<T>((resolve) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void });
      this.worker.postMessage({ ...message, id }, transfer);
    });
  }

  /** Waits until the back end has started (or failed to). */
  whenReady(): Promise<void> {
    return this.ready;
  }

  dispatch(name: unknown, input: unknown): Promise<Envelope<unknown>> {
    if (typeof name !== 'string')
      return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CALL', message: 'A call needs a name.' } });
    return this.send({ type: 'call', name, input });
  }

  /** The web shell's path: the JSON body goes to the worker as bytes and comes back as bytes. */
  async dispatchJson(name: string, body: Uint8Array): Promise<{ status: number; body: Uint8Array }> {
    // Hand a large body over instead of copying it, when it owns its whole buffer (Node pools
    // small buffers: those share an ArrayBuffer and must be copied).
    const owned =
      body.byteOffset === 0 && body.byteLength === body.buffer.byteLength && body.byteLength > 64 * 1024;
    const out = await this.send<{ status: number; body: Uint8Array } | Envelope<unknown>>(
      { type: 'callJson', name, body },
      owned ? [body.buffer as ArrayBuffer] : [],
    );
    // A worker that stopped mid-call answers with an envelope: send that as JSON.
    return 'status' in out ? out : { status: 200, body: new TextEncoder().encode(JSON.stringify(out)) };
  }

  backupTo(file: string): Promise<Envelope<unknown>> {
    return this.send({ type: 'backupTo', file });
  }

  restoreFrom(file: string, shownName: string): Promise<Envelope<unknown>> {
    return this.send({ type: 'restoreFrom', file, shownName });
  }

  onEvent(listener: (name: string, payload: unknown) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Closes the database, stops the worker and releases the data folder. */
  async close(): Promise<void> {
    this.closing = true;
    try {
      await Promise.race([this.send({ type: 'close' }), new Promise((r) => setTimeout(r, 5000))]);
    } finally {
      await this.worker.terminate();
      this.lock.release();
    }
  }
}
