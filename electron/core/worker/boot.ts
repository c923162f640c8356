/**
 * The worker thread's first script in both shells: loads the back end's bundle (entry.ts, built
 * as one CommonJS file) through V8's code cache (see codeCache.ts), and after the first start
 * writes the cache, once the first screen's requests have run.
 */
import { workerData } from 'node:worker_threads';
import { loadBundle } from './codeCache';
import type { WorkerStart } from './protocol';

/** Long enough for the first screen's requests (~0.3 s); the cache then holds their code too. */
const SAVE_CACHE_AFTER_MS = 1000;

const { codeCache } = workerData as WorkerStart;
if (!codeCache) throw new Error('boot.ts needs workerData.codeCache (the bundle and the cache folder).');
const loaded = loadBundle(codeCache.bundle, codeCache.dir);
if (loaded.cache !== 'hit' && loaded.cache !== 'off')
  setTimeout(() => loaded.save(), SAVE_CACHE_AFTER_MS).unref();
