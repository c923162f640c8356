import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * Excalidraw loads its fonts from EXCALIDRAW_ASSET_PATH (we point it at the app's own origin), so
 * the fonts ship inside the app: copied next to index.html at build time. Nothing comes from a CDN.
 *
 * Excalidraw 0.18 also appends a CDN copy (esm.sh) to every font face as a fallback source, and
 * Chromium checks each source against the page's CSP as the face is registered: ~230 "violates
 * font-src" console errors each time the board opens, though our own copy always loads. There is no
 * option to turn the fallback off, so the build points it at the same base as our own fonts. The
 * build fails if that code is not found, so an Excalidraw upgrade cannot silently bring them back.
 */
function excalidrawFonts(): Plugin {
  const source = fileURLToPath(
    new URL('../node_modules/@excalidraw/excalidraw/dist/prod/fonts', import.meta.url),
  );
  let outDir = '';
  let fallbackReplaced = false;
  return {
    name: 'tradeoff-excalidraw-fonts',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    transform(code, id) {
      if (!id.includes('/@excalidraw/excalidraw/dist/') || !code.includes('ASSETS_FALLBACK_URL')) return;
      const fallback = /(["'`]ASSETS_FALLBACK_URL["'`],\s*)`https:\/\/esm\.sh\/[\s\S]*?\/dist\/prod\/`/;
      if (!fallback.test(code)) {
        throw new Error(
          `${id}: Excalidraw's font fallback (ASSETS_FALLBACK_URL) changed; update vite.config.ts`,
        );
      }
      fallbackReplaced = true;
      // The same base as the primary source (see assetPath.ts): a duplicate source, never a remote one.
      return {
        code: code.replace(
          fallback,
          '$1(typeof window.EXCALIDRAW_ASSET_PATH === "string" ? window.EXCALIDRAW_ASSET_PATH : `${window.location.origin}/`)',
        ),
        map: null,
      };
    },
    buildEnd(error) {
      if (!error && !fallbackReplaced) {
        throw new Error(
          "Excalidraw's font fallback (ASSETS_FALLBACK_URL) was not found: update vite.config.ts",
        );
      }
    },
    closeBundle() {
      fs.cpSync(source, path.join(outDir, 'fonts'), { recursive: true });
    },
  };
}

export default defineConfig({
  root: here,
  base: './',
  plugins: [react(), excalidrawFonts()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 4000,
  },
  server: { port: 5173, strictPort: true },
});
