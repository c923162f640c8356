/**
 * Runs the web shell in this process and watches its main thread: `monitorEventLoopDelay` sees how
 * late the loop got to its timers, i.e. the longest stall. The bench (mainthread.ts) drives the
 * shell over HTTP from another process and asks this one for the figure after each operation.
 * Started with `node --import tsx tests/bench/loop-probe.ts <dataDir>` and an IPC channel.
 */
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startWebShell } from '../../electron/web/server';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const dataDir = process.argv[2]!;
const send = (message: unknown) => process.send?.(message);

const histogram = monitorEventLoopDelay({ resolution: 1 });
const shell = await startWebShell({
  port: 0,
  dataDir,
  assetsDir: path.join(ROOT, 'assets'),
  rendererDir: path.join(ROOT, 'dist', 'renderer'),
  workerFile: path.join(ROOT, 'dist', 'web', 'worker', 'backend-worker.cjs'),
  builtinPackFile: path.join(ROOT, 'dist', 'content', 'builtin-pack.json'),
  appVersion: 'bench',
});
await shell.host.whenReady();
histogram.enable();
send({ type: 'ready', origin: shell.origin, cookie: `${shell.cookieName}=${shell.token}` });

process.on('message', (m: { type: string }) => {
  if (m.type === 'reset') {
    histogram.reset();
    send({ type: 'reset' });
  } else if (m.type === 'read') {
    // Nanoseconds; the timer resolution (1 ms) is included in every sample, so take it off.
    send({ type: 'read', maxMs: Math.max(0, histogram.max / 1e6 - 1) });
  } else if (m.type === 'stop') {
    histogram.disable();
    void shell.close().then(() => process.exit(0));
  }
});
