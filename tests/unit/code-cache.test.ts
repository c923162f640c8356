import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cacheFileName, fnv1a64, loadBundle } from '../../electron/core/worker/codeCache';

/**
 * Loads the bundle in a new Node process, as a shell's worker does, and says what V8 made of the
 * cache. (Within one process V8 keeps compiled scripts itself and never reads the file again.)
 */
function loadElsewhere(bundlePath: string, cache: string): string {
  const script = `import { loadBundle } from ${JSON.stringify(path.resolve('electron/core/worker/codeCache.ts'))};
const loaded = loadBundle(${JSON.stringify(bundlePath)}, ${JSON.stringify(cache)});
loaded.save();
process.stdout.write(loaded.cache + ' ' + loaded.exports.answer);`;
  return execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
}

let dir: string;
let bundle: string;
let cacheDir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tradeoff-code-cache-'));
  bundle = path.join(dir, 'bundle.cjs');
  cacheDir = path.join(dir, 'cache');
  fs.writeFileSync(
    bundle,
    "const path = require('node:path');\nmodule.exports = { answer: 42, name: path.basename(__filename), twice: (n) => n * 2 };\n",
  );
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const cacheFiles = () => (fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir) : []);
type Exports = { answer: number; name: string; twice: (n: number) => number };

describe('loadBundle', () => {
  it('runs the bundle as CommonJS, compiles it the first time and reads the cache after that', () => {
    const first = loadBundle(bundle, cacheDir);
    const exported = first.exports as Exports;
    expect(exported.answer).toBe(42);
    expect(exported.name).toBe('bundle.cjs');
    expect(exported.twice(21)).toBe(42);
    expect(first.cache).toBe('miss');
    first.save();
    expect(cacheFiles()).toEqual([cacheFileName(bundle)]);
    if (typeof process.getuid === 'function') {
      expect(fs.statSync(path.join(cacheDir, cacheFiles()[0]!)).mode & 0o777).toBe(0o600);
      expect(fs.statSync(cacheDir).mode & 0o777).toBe(0o700);
    }
    // The next start (a new process) takes its code from the cache.
    expect(loadElsewhere(bundle, cacheDir)).toBe('hit 42');
  });

  it('makes a new cache for a new build of the bundle and removes the old one', () => {
    loadBundle(bundle, cacheDir).save();
    const old = cacheFiles()[0];
    fs.appendFileSync(bundle, 'module.exports.more = true;\n');
    const rebuilt = loadBundle(bundle, cacheDir);
    expect(rebuilt.cache).toBe('miss');
    expect((rebuilt.exports as { more?: boolean }).more).toBe(true);
    rebuilt.save();
    expect(cacheFiles()).toHaveLength(1);
    expect(cacheFiles()[0]).not.toBe(old);
  });

  it('compiles from source when V8 refuses the cache, and writes a good one', () => {
    fs.mkdirSync(cacheDir, { mode: 0o700 });
    fs.writeFileSync(path.join(cacheDir, cacheFileName(bundle)), 'not a code cache at all', { mode: 0o600 });
    expect(loadElsewhere(bundle, cacheDir)).toBe('rejected 42');
    expect(loadElsewhere(bundle, cacheDir)).toBe('hit 42');
  });

  it.skipIf(typeof process.getuid !== 'function')('never reads a cache that others may write', () => {
    loadBundle(bundle, cacheDir).save();
    const file = path.join(cacheDir, cacheFiles()[0]!);
    fs.chmodSync(file, 0o666);
    expect(loadBundle(bundle, cacheDir).cache).toBe('miss');
  });

  it('keeps no cache without a folder', () => {
    const loaded = loadBundle(bundle, null);
    expect(loaded.cache).toBe('off');
    loaded.save();
    expect(fs.existsSync(cacheDir)).toBe(false);
  });
});

describe('fnv1a64', () => {
  it('matches the published FNV-1a 64-bit test vectors', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });
});
