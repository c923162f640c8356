/**
 * Loads the back end's bundle (one CommonJS file) with V8's code cache. Compiling the bundle and
 * the functions it runs while starting is a large share of the worker's start-up (the first
 * screen waits for it); with the cache, V8 reads them back instead: ~105 → ~80 ms on a quiet
 * machine, more when the window is loading beside it. The cache is made after the first start
 * (once the first requests have run, so their functions are in it) and kept in the user's own
 * cache folder: code read from a folder others can write to would run as the user.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { threadId } from 'node:worker_threads';

export type CodeCacheState = 'hit' | 'miss' | 'rejected' | 'off';

export interface LoadedBundle {
  /** What the bundle's `module.exports` ended up as. */
  exports: unknown;
  /** Whether V8 took code from the cache: 'off' when there is no cache folder. */
  cache: CodeCacheState;
  /** Writes the cache (unless it was used as it is), with every function compiled so far. */
  save(): void;
}

/** The cache file's name: a new build, Node or V8 gets a new file (V8 would refuse the old one). */
export function cacheFileName(bundle: string): string {
  const stat = fs.statSync(bundle);
  const key = fnv1a64(
    `${path.resolve(bundle)}\0${stat.size}\0${stat.mtimeMs}\0${process.versions.v8}\0${process.arch}`,
  );
  return `${path.basename(bundle)}-${key}.v8`;
}

/**
 * FNV-1a, 64 bits, as hex: enough to tell builds apart in a file name (V8 checks the cache against
 * the source itself anyway). Not node:crypto, which would cost every start about 4 ms to load.
 */
export function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

/** Only a file this user owns, that nobody else may write, is read as code (POSIX; Windows: ACLs). */
function ownedByUs(file: string): boolean {
  try {
    const stat = fs.statSync(file);
    if (typeof process.getuid !== 'function') return stat.isFile();
    return stat.isFile() && stat.uid === process.getuid() && (stat.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

export function loadBundle(bundle: string, cacheDir: string | null): LoadedBundle {
  const source = fs.readFileSync(bundle, 'utf8');
  const cacheFile = cacheDir ? path.join(cacheDir, cacheFileName(bundle)) : null;
  let cachedData: Buffer | undefined;
  if (cacheFile && ownedByUs(cacheFile)) {
    try {
      cachedData = fs.readFileSync(cacheFile);
    } catch {
      // Unreadable: compile from source, and make a new one afterwards.
    }
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundle,
    ...(cachedData ? { cachedData } : {}),
  });
  const cache: CodeCacheState = !cacheFile
    ? 'off'
    : !cachedData
      ? 'miss'
      : script.cachedDataRejected
        ? 'rejected'
        : 'hit';
  const module = { exports: {} as unknown };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(module.exports, module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
  return {
    get exports() {
      return module.exports;
    },
    cache,
    save() {
      if (!cacheFile || cache === 'hit') return;
      try {
        fs.mkdirSync(cacheDir!, { recursive: true, mode: 0o700 });
        // Written beside its final name and renamed: a reader never sees half a file.
        // (Named by process and thread, not with node:crypto: loading that would cost every start.)
        const temp = `${cacheFile}.${process.pid}.${threadId}.${Date.now()}.tmp`;
        fs.writeFileSync(temp, script.createCachedData(), { mode: 0o600 });
        fs.renameSync(temp, cacheFile);
        // Caches of earlier builds of this bundle are of no more use.
        const prefix = `${path.basename(bundle)}-`;
        for (const name of fs.readdirSync(cacheDir!)) {
          if (name.startsWith(prefix) && name.endsWith('.v8') && name !== path.basename(cacheFile))
            fs.rmSync(path.join(cacheDir!, name), { force: true });
        }
      } catch {
        // A cache that cannot be written only means the next start compiles again.
      }
    },
  };
}
