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
 */
function excalidrawFonts(): Plugin {
  const source = fileURLToPath(
    new URL('../node_modules/@excalidraw/excalidraw/dist/prod/fonts', import.meta.url),
  );
  let outDir = '';
  return {
    name: 'tradeoff-excalidraw-fonts',
    configResolved(config) {
      outDir = config.build.outDir;
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
