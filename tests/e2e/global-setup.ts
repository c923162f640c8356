/**
 * Runs once before the e2e files. They drive the *built* app in dist/, which only `npm run test:e2e`
 * builds first; running one file on its own (`npx vitest run --config … foundation.e2e.ts`) after
 * changing code would test the previous build and pass or fail for the wrong reason, or fail for
 * the reason that another run's build is missing. Refuse with the fix instead of testing stale code.
 */
import fs from 'node:fs';
import path from 'node:path';
import { HOW_TO_GET_ONE, findChromium } from './browser';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
/** What the build reads (the built-in pack is validated and bundled into dist/content too). */
const SOURCES = ['renderer', 'shared', 'electron', 'assets/content', 'scripts', 'package.json'];
const OUTPUTS = [
  'dist/web/server.mjs',
  'dist/web/worker/backend-worker.cjs',
  'dist/web/worker/boot.cjs',
  'dist/content/builtin-pack.json',
  'dist/renderer/index.html',
];

function newestMtimeMs(target: string): { file: string; mtimeMs: number } {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return { file: target, mtimeMs: stat.mtimeMs };
  let newest = { file: target, mtimeMs: 0 };
  for (const entry of fs.readdirSync(target, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const found = newestMtimeMs(path.join(target, entry.name));
    if (found.mtimeMs > newest.mtimeMs) newest = found;
  }
  return newest;
}

export default function checkBuildIsFresh(): void {
  // Before anything else: without a browser nothing here can run, so say how to get one.
  if (!findChromium()) throw new Error(HOW_TO_GET_ONE);
  const missing = OUTPUTS.filter((f) => !fs.existsSync(path.join(ROOT, f)));
  if (missing.length) {
    throw new Error(`${missing.join(' and ')} missing: run "npm run build" (or "npm run test:e2e").`);
  }
  const builtMs = Math.min(...OUTPUTS.map((f) => fs.statSync(path.join(ROOT, f)).mtimeMs));
  let newest = { file: '', mtimeMs: 0 };
  for (const source of SOURCES) {
    const full = path.join(ROOT, source);
    if (!fs.existsSync(full)) continue;
    const found = newestMtimeMs(full);
    if (found.mtimeMs > newest.mtimeMs) newest = found;
  }
  if (newest.mtimeMs > builtMs) {
    throw new Error(
      `The build in dist/ is older than ${path.relative(ROOT, newest.file)}: the e2e tests would run ` +
        'the previous build. Run "npm run build" first (or "npm run test:e2e", which builds).',
    );
  }
}
