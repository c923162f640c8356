// Bundles the Node-side entry points: Electron main + preload (CommonJS, as a sandboxed preload
// must be) and the web shell (ESM). better-sqlite3 stays external: it is a native module.
import fs from 'node:fs';
import { build } from 'esbuild';

// Prefer ESM entry points so unused parts of big libraries (mathjs) are left out of the bundle.
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  mainFields: ['module', 'main'],
};

// Earlier builds kept an ES-module worker with chunks here: start from an empty folder.
fs.rmSync('dist/web/worker', { recursive: true, force: true });

/**
 * The back end's worker is on the path to the first screen: minified, it parses sooner. Names are
 * kept, so errors in the log still read as what they are.
 */
const worker = { minify: true, keepNames: true };

await Promise.all([
  build({
    ...common,
    entryPoints: ['electron/main.ts'],
    outfile: 'dist-electron/main.cjs',
    format: 'cjs',
    external: ['electron', 'better-sqlite3'],
  }),
  build({
    ...common,
    entryPoints: ['electron/preload.ts'],
    outfile: 'dist-electron/preload.cjs',
    format: 'cjs',
    external: ['electron'],
  }),
  // The back end's worker thread, for each shell (see electron/core/worker/host.ts): its bundle,
  // and the boot script (worker/boot.ts) that loads the bundle through V8's code cache.
  ...[
    ['dist-electron/backend-worker.cjs', 'dist-electron/worker-boot.cjs'],
    ['dist/web/worker/backend-worker.cjs', 'dist/web/worker/boot.cjs'],
  ].flatMap(([bundle, boot]) => [
    build({
      ...common,
      entryPoints: ['electron/core/worker/entry.ts'],
      outfile: bundle,
      format: 'cjs',
      ...worker,
      external: ['better-sqlite3'],
    }),
    build({ ...common, entryPoints: ['electron/core/worker/boot.ts'], outfile: boot, format: 'cjs' }),
  ]),
  build({
    ...common,
    entryPoints: ['electron/web/main.ts'],
    outfile: 'dist/web/server.mjs',
    format: 'esm',
    external: ['better-sqlite3'],
    // Some dependencies still call require(); give the ESM bundle one.
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  }),
]);
