// Bundles the Node-side entry points: Electron main + preload (CommonJS, as a sandboxed preload
// must be), the web shell (ESM), and the back end's worker for each. better-sqlite3 stays outside
// Electron's bundles (a native module, rebuilt for Electron); the web shell's worker carries its
// JavaScript and loads only the addon from node_modules.
import fs from 'node:fs';
import path from 'node:path';
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
 * zod's `z.locales` namespace pulls every language's messages (about 270 KB minified) into the
 * bundle, which the worker would read and load from its code cache at each start. The app speaks
 * English only, and zod registers English itself (classic/schemas.js), so the namespace gets just
 * that one.
 */
function englishOnlyZod() {
  return {
    name: 'english-only-zod',
    setup(b) {
      b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
        /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)
          ? { path: 'zod-locales', namespace: 'english-only-zod' }
          : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: 'english-only-zod' }, () => ({
        contents: "export { default as en } from 'zod/v4/locales/en.js';",
        resolveDir: process.cwd(),
      }));
    },
  };
}

/**
 * Parts of the back end that load on first use, each built as its own file beside the worker's
 * bundle: the AI client (the openai SDK, ~450 KB) and the pack validator (mathjs, ~650 KB). In one
 * bundle they would not run at start, but every start would still read them and load them from the
 * code cache. The worker's dynamic `import()` of either becomes a `require()` of its file.
 */
const LAZY_PARTS = {
  'electron/core/ai/client.ts': 'ai-client.cjs',
  'shared/content/validate.ts': 'pack-validator.cjs',
};

function lazyParts() {
  const byFile = new Map(Object.entries(LAZY_PARTS).map(([src, out]) => [path.resolve(src), out]));
  return {
    name: 'lazy-parts',
    setup(b) {
      b.onResolve({ filter: /^\./ }, (args) => {
        if (args.namespace === 'lazy-part') return { path: args.path, external: true };
        if (args.kind !== 'dynamic-import') return undefined;
        const target = path.resolve(args.resolveDir, args.path);
        const out = byFile.get(target) ?? byFile.get(`${target}.ts`);
        return out ? { path: out, namespace: 'lazy-part' } : undefined;
      });
      // A stand-in that requires the built file: the bundle runs inside vm.Script (codeCache.ts),
      // where a real import() has no loader, and require() is the bundle's own.
      b.onLoad({ filter: /.*/, namespace: 'lazy-part' }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(`./${args.path}`)});`,
        loader: 'js',
      }));
    },
  };
}

/**
 * better-sqlite3 finds its addon through the `bindings` package, which searches from the file that
 * called it: inside a bundle, the bundle itself, where there is no addon. In the web shell's bundle
 * it asks for the addon where npm installed the package instead.
 */
function sqliteAddonFromPackage() {
  return {
    name: 'sqlite-addon-from-package',
    setup(b) {
      b.onResolve({ filter: /^bindings$/ }, (args) =>
        /[\\/]better-sqlite3[\\/]/.test(args.importer)
          ? { path: 'bindings', namespace: 'sqlite-addon' }
          : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: 'sqlite-addon' }, () => ({
        contents:
          'module.exports = (name) => require(require.resolve("better-sqlite3/build/Release/" + name));',
        loader: 'js',
      }));
    },
  };
}

/**
 * The back end's worker is on the path to the first screen: minified, it parses sooner. Names are
 * kept, so errors in the log still read as what they are.
 */
const worker = { minify: true, keepNames: true, plugins: [englishOnlyZod()] };
const workerMain = { ...worker, plugins: [...worker.plugins, lazyParts()] };

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
  // The web shell's bundle carries better-sqlite3's JavaScript too, so it comes from the code cache
  // with the rest (~6 ms a start). Electron's keeps the package outside, where electron-builder
  // rebuilds it for Electron and unpacks it from the asar.
  ...[
    ['dist-electron/backend-worker.cjs', 'dist-electron/worker-boot.cjs', { external: ['better-sqlite3'] }],
    [
      'dist/web/worker/backend-worker.cjs',
      'dist/web/worker/boot.cjs',
      { plugins: [sqliteAddonFromPackage()] },
    ],
  ].flatMap(([bundle, boot, sqlite]) => [
    build({
      ...common,
      entryPoints: ['electron/core/worker/entry.ts'],
      outfile: bundle,
      format: 'cjs',
      ...workerMain,
      external: sqlite.external ?? [],
      plugins: [...workerMain.plugins, ...(sqlite.plugins ?? [])],
    }),
    build({ ...common, entryPoints: ['electron/core/worker/boot.ts'], outfile: boot, format: 'cjs' }),
    ...Object.entries(LAZY_PARTS).map(([src, out]) =>
      build({
        ...common,
        entryPoints: [src],
        outfile: path.join(path.dirname(bundle), out),
        format: 'cjs',
        ...worker,
      }),
    ),
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
